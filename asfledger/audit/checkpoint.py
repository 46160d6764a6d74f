"""Checkpoints: the small text the board puts in its minutes and auditors keep.

    asfledger-checkpoint v1
    ledger: 3f2a…        (the ledger's identity, made when it was created)
    size: 1234           (number of events)
    head: 9c0e…          (h(size) in hex)
    time: 2026-11-26T17:00:00+00:00
    signature: ed25519 <key id> <base64>   (optional: see asfledger.security)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from asfledger.text import translate

HEADER = "asfledger-checkpoint v1"
FIELDS = ("ledger", "size", "head", "time", "signature")


class CheckpointError(ValueError):
    """A checkpoint text that cannot be read (exit 2): a catalogue key and its parameters,
    so it is said in the user's language (``str()`` is English)."""

    exit_code: ClassVar[int] = 2

    def __init__(self, message_key: str, /, **params: object) -> None:
        self.message_key = message_key
        self.params = params
        super().__init__(translate(message_key, "en", **params))

    def describe(self, lang: str) -> str:
        return translate(self.message_key, lang, **self.params)


@dataclass(frozen=True)
class Checkpoint:
    ledger_id: str
    size: int
    head: str
    time: datetime
    signature: str = ""

    def body(self) -> str:
        """The text without the signature line: what a signature covers."""
        return (f"{HEADER}\nledger: {self.ledger_id}\nsize: {self.size}\nhead: {self.head}\n"
                f"time: {self.time.isoformat(timespec='seconds')}\n")

    def text(self) -> str:
        signature = f"signature: {self.signature}\n" if self.signature else ""
        return self.body() + signature

    @classmethod
    def now(cls, ledger_id: str, size: int, head: bytes) -> Checkpoint:
        return cls(ledger_id, size, head.hex(), datetime.now(UTC))

    @classmethod
    def parse(cls, text: str, source: str = "checkpoint") -> Checkpoint:
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        if not lines or lines[0] != HEADER:
            raise CheckpointError("checkpoint.not_one", source=source, header=HEADER)
        fields: dict[str, str] = {}
        for number, line in enumerate(lines[1:], start=2):
            name, sep, value = line.partition(":")
            name = name.strip()
            # Every line is one of the fields, once, and a signature comes last: a line
            # the signature does not cover must not pass as part of a signed checkpoint.
            if not sep or name not in FIELDS:
                raise CheckpointError("checkpoint.not_a_field", source=source, number=number,
                                      line=repr(line[:40]), fields=", ".join(FIELDS))
            if name in fields:
                raise CheckpointError("checkpoint.twice", source=source, field=name)
            if "signature" in fields:
                raise CheckpointError("checkpoint.after_signature", source=source,
                                      number=number)
            fields[name] = value.strip()
        missing = [name for name in FIELDS[:4] if name not in fields]
        if missing:
            raise CheckpointError("checkpoint.missing", source=source, field=missing[0])
        # Each value checked on its own, so that the sentence names the one that is wrong.
        try:
            size = int(fields["size"])
            if size < 0:
                raise ValueError(size)
        except ValueError:
            raise CheckpointError("checkpoint.bad_value", source=source, field="size",
                                  value=fields["size"][:40]) from None
        head = fields["head"].lower()
        if len(head) != 64 or not all(ch in "0123456789abcdef" for ch in head):
            raise CheckpointError("checkpoint.bad_value", source=source, field="head",
                                  value=fields["head"][:40])
        try:
            time = datetime.fromisoformat(fields["time"])
        except ValueError:
            raise CheckpointError("checkpoint.bad_value", source=source, field="time",
                                  value=fields["time"][:40]) from None
        return cls(fields["ledger"], size, head, time, fields.get("signature", ""))
