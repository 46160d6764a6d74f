"""Import: JSON Lines of commands, decided and applied all or nothing.

A bad line (not UTF-8, not JSON, an unknown or malformed field) is invalid input; a line
the policy refuses is a refusal. Either way nothing is written, and the error names the
line, the command and the field or rule.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import msgspec

from asfledger.ledger import Applied, CommandRefused, Ledger
from domain.catalogue import translate
from domain.commands import Command, command_name, decode_command
from domain.errors import Refusal

_PATH = re.compile(r" - at `\$\.?([^`]*)`$")


def one_line(text: str) -> str:
    """Show control characters from the input (a newline in a field name) escaped."""
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
                   else ch for ch in text)


class InvalidInput(Exception):
    """A line that is not a valid command (exit 2)."""

    def __init__(self, line: int, command: str | None, detail: str) -> None:
        self.line = line
        self.command = command
        self.detail = detail
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        where = translate("import.where", lang, line=self.line,
                          command=f" ({self.command})" if self.command else "")
        return one_line(f"{where}: {self.detail}")


class ImportRefused(Exception):
    """A line the policy or the ledger's consistency refuses (exit 1)."""

    def __init__(self, line: int, command: str, refusal: Refusal) -> None:
        self.line = line
        self.command = command
        self.refusal = refusal
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        where = translate("import.where", lang, line=self.line, command=f" ({self.command})")
        return one_line(f"{where}: {self.refusal.describe(lang)}")


def _command_of(line: bytes) -> str | None:
    try:
        obj = msgspec.json.decode(line)
    except msgspec.DecodeError:
        return None
    name = obj.get("command") if isinstance(obj, dict) else None
    return name if isinstance(name, str) else None


def _explain(error: msgspec.ValidationError | msgspec.DecodeError, lang: str) -> str:
    """msgspec says ``Expected `int`, got `str` - at `$.fte_percent```; name the field."""
    message = str(error)
    m = _PATH.search(message)
    if m:
        return translate("invalid.field", lang, field=m.group(1) or "$",
                         detail=message[: m.start()])
    return message


def parse(data: bytes, *, lang: str = "en") -> list[tuple[int, Command]]:
    """Decode every non-blank line; the first bad one raises ``InvalidInput``."""
    parsed: list[tuple[int, Command]] = []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        line = raw.strip()
        if not line:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(number, None, translate("import.not_utf8", lang)) from None
        try:
            parsed.append((number, decode_command(line)))
        except (msgspec.ValidationError, msgspec.DecodeError) as e:
            raise InvalidInput(number, _command_of(line), _explain(e, lang)) from None
    return parsed


@dataclass(frozen=True)
class ImportResult:
    applied: Applied
    dry_run: bool


def import_bytes(ledger: Ledger, data: bytes, *, dry_run: bool = False,
                 lang: str = "en") -> ImportResult:
    """Apply every command in ``data`` in one transaction, or raise having written nothing."""
    parsed = parse(data, lang=lang)
    try:
        applied = ledger.execute([cmd for _, cmd in parsed], dry_run=dry_run)
    except CommandRefused as e:
        line, cmd = parsed[e.index]
        raise ImportRefused(line, command_name(cmd), e.refusal) from None
    return ImportResult(applied, dry_run)
