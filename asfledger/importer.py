"""Import: JSON Lines of commands, decided and applied all or nothing.

A bad line (not UTF-8, not JSON, an unknown or malformed field) is invalid input; a line
the policy refuses is a refusal. Either way nothing is written, and the error names the
line, the command and the field or rule.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import ClassVar

import msgspec

from asfledger.json_lines import BOM, LineProblem, check_line
from asfledger.ledger import CHUNK, Applied, CommandRefused, Ledger
from asfledger.text import translate
from domain.commands import Command, command_name, decode_command
from domain.errors import Refusal
from domain.library_messages import explain_msgspec

Progress = Callable[[int, int], None]  # (commands decided, events written)


def escape_controls(text: str) -> str:
    """Show control characters from the input (a newline in a field name) escaped."""
    return "".join(ascii(ch)[1:-1] if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp")
                   else ch for ch in text)


class InvalidInput(Exception):
    """A line that is not a valid command (exit 2)."""

    exit_code: ClassVar[int] = 2

    def __init__(self, line: int, command: str | None, detail: str) -> None:
        self.line = line
        self.command = command
        self.detail = detail
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        where = translate("import.where", lang, line=self.line,
                          command=f" ({self.command})" if self.command else "")
        return escape_controls(f"{where}: {self.detail}")


class ImportRefused(Exception):
    """A line the policy or the ledger's consistency refuses (exit 1)."""

    exit_code: ClassVar[int] = 1

    def __init__(self, line: int, command: str, refusal: Refusal) -> None:
        self.line = line
        self.command = command
        self.refusal = refusal
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        where = translate("import.where", lang, line=self.line, command=f" ({self.command})")
        return escape_controls(f"{where}: {self.refusal.describe(lang)}")


def _command_of(line: bytes) -> str | None:
    try:
        obj = msgspec.json.decode(line)
    except msgspec.DecodeError:
        return None
    name = obj.get("command") if isinstance(obj, dict) else None
    return name if isinstance(name, str) else None


def _explain(error: msgspec.ValidationError | msgspec.DecodeError, lang: str) -> str:
    """msgspec says ``Expected `int`, got `str` - at `$.fte_percent```; name the field, in
    the user's language."""
    return explain_msgspec(error, lang)


def parse(data: bytes, *, lang: str = "en") -> list[tuple[int, Command]]:
    """Decode every non-blank line; the first bad one raises ``InvalidInput``."""
    return list(parse_lines(data.split(b"\n"), lang=lang))


def parse_lines(lines: Iterable[bytes], *, lang: str = "en") -> Iterator[tuple[int, Command]]:
    """Each non-blank line decoded, with its number, as it is read; a bad one raises
    ``InvalidInput`` when it is reached."""
    for number, raw in enumerate(lines, start=1):
        # A byte order mark at the start of the file (Windows Notepad's UTF-8) is not data.
        line = (raw.removeprefix(BOM) if number == 1 else raw).strip()
        if not line:
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidInput(number, None, translate("import.not_utf8", lang)) from None
        try:
            check_line(line)
        except LineProblem as e:
            raise InvalidInput(number, None, translate(e.message_key, lang, **e.params)
                               ) from None
        try:
            yield number, decode_command(line)
        except (msgspec.ValidationError, msgspec.DecodeError) as e:
            raise InvalidInput(number, _command_of(line), _explain(e, lang)) from None


@dataclass(frozen=True)
class ImportResult:
    applied: Applied
    dry_run: bool


def import_bytes(ledger: Ledger, data: bytes, *, dry_run: bool = False,
                 lang: str = "en", progress: Progress | None = None) -> ImportResult:
    """Apply every command in ``data`` in one transaction, or raise having written nothing."""
    return import_lines(ledger, data.split(b"\n"), dry_run=dry_run, lang=lang,
                        progress=progress)


def import_lines(ledger: Ledger, lines: Iterable[bytes], *, dry_run: bool = False,
                 lang: str = "en", progress: Progress | None = None,
                 chunk: int = CHUNK) -> ImportResult:
    """Apply the commands of ``lines`` (a file opened in binary, read as it goes) in one
    transaction, or raise having written nothing. The lines are decoded, decided and
    written in chunks (``Ledger.execute_stream``): memory does not grow with the file.
    ``progress(decided, written)`` is called after each chunk."""
    try:
        applied = ledger.execute_stream(parse_lines(lines, lang=lang), dry_run=dry_run,
                                        progress=progress, chunk=chunk)
    except CommandRefused as e:
        raise ImportRefused(e.index, command_name(e.command), e.refusal) from None
    return ImportResult(applied, dry_run)
