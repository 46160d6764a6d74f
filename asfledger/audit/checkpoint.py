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

HEADER = "asfledger-checkpoint v1"
FIELDS = ("ledger", "size", "head", "time", "signature")


class CheckpointError(ValueError):
    """A checkpoint text that cannot be read (exit 2)."""

    exit_code: ClassVar[int] = 2

    def describe(self, lang: str) -> str:
        return str(self)


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
            raise CheckpointError(f"{source} is not an asfledger checkpoint "
                                  f"(its first line must be '{HEADER}')")
        fields: dict[str, str] = {}
        for number, line in enumerate(lines[1:], start=2):
            name, sep, value = line.partition(":")
            name = name.strip()
            # Every line is one of the fields, once, and a signature comes last: a line
            # the signature does not cover must not pass as part of a signed checkpoint.
            if not sep or name not in FIELDS:
                raise CheckpointError(f"{source}: line {number} ({line[:40]!r}) is not a "
                                      f"checkpoint field ({', '.join(FIELDS)})")
            if name in fields:
                raise CheckpointError(f"{source}: the field {name} occurs twice")
            if "signature" in fields:
                raise CheckpointError(f"{source}: line {number} comes after the signature, "
                                      "which must be the last line")
            fields[name] = value.strip()
        try:
            size = int(fields["size"])
            head = fields["head"].lower()
            bytes.fromhex(head)
            if size < 0 or len(head) != 64:
                raise ValueError("size or head out of range")
            return cls(fields["ledger"], size, head, datetime.fromisoformat(fields["time"]),
                       fields.get("signature", ""))
        except (KeyError, ValueError) as e:
            raise CheckpointError(f"{source} is not a valid checkpoint ({e})") from None
