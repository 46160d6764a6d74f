"""Realistic ledgers of any size, made through the real command vocabulary and import."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from asfledger.demo import scaled_commands, write_jsonl
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger

# A fixed "today" keeps every generated ledger the same whatever the day of the run.
TODAY = date(2026, 11, 26)


@dataclass(frozen=True)
class Built:
    path: str
    commands: int
    events: int
    jsonl_bytes: int
    import_seconds: float


def jsonl_for(events: int, seed: int = 1) -> bytes:
    return write_jsonl(list(scaled_commands(events, seed, today=TODAY)))


def build(db: str, events: int, seed: int = 1) -> Built:
    """Import about ``events`` events into ``db`` in one all-or-nothing import."""
    data = jsonl_for(events, seed)
    with Ledger(db, actor="benchmark") as ledger:
        started = time.perf_counter()
        result = import_bytes(ledger, data)
        seconds = time.perf_counter() - started
    return Built(db, result.applied.commands, result.applied.events, len(data), seconds)


def cached_sqlite(directory: Path, events: int, seed: int = 1) -> str:
    """A SQLite ledger of about ``events`` events, built once and kept for later runs."""
    path = directory / f"ledger-{events}-{seed}.sqlite"
    if not path.exists():
        tmp = directory / f"building-{events}-{seed}.sqlite"
        tmp.unlink(missing_ok=True)
        build(str(tmp), events, seed)
        tmp.rename(path)
    return str(path)
