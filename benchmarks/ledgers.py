"""Realistic ledgers of any size, made through the real command vocabulary and import.

The JSON Lines file and the SQLite ledger made from it are cached per size and seed, so a
1,000,000-event ledger is built once (a few minutes) and reused by later runs::

    uv run python -m benchmarks.ledgers --events 1000000     # build the cache only
"""

from __future__ import annotations

import argparse
import os
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


def cached_jsonl(directory: Path, events: int, seed: int = 1) -> Path:
    """The JSON Lines file of about ``events`` events, written once and kept."""
    path = directory / f"commands-{events}-{seed}.jsonl"
    if not path.exists():
        directory.mkdir(parents=True, exist_ok=True)
        tmp = directory / f".writing-{os.getpid()}-{path.name}"
        tmp.write_bytes(jsonl_for(events, seed))
        tmp.rename(path)  # atomic: a reader never sees half a file
    return path


def import_file(db: str, data: bytes) -> Built:
    """Import ``data`` into ``db`` in one all-or-nothing import, timing only the import
    (parse, decide, save with the audit chain) — not opening the ledger."""
    with Ledger(db, actor="benchmark") as ledger:
        started = time.perf_counter()
        result = import_bytes(ledger, data)
        seconds = time.perf_counter() - started
    return Built(db, result.applied.commands, result.applied.events, len(data), seconds)


def build(db: str, events: int, seed: int = 1) -> Built:
    """Import about ``events`` events into ``db`` in one all-or-nothing import."""
    return import_file(db, jsonl_for(events, seed))


def remove_sqlite(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def cached_path(directory: Path, events: int, seed: int = 1) -> Path:
    return directory / f"ledger-{events}-{seed}.sqlite"


def keep(directory: Path, built: Built, events: int, seed: int = 1) -> str:
    """Keep a freshly imported ledger as the cached one for its size (if there is none)."""
    path = cached_path(directory, events, seed)
    if not path.exists():
        for suffix in ("-wal", "-shm"):
            Path(f"{built.path}{suffix}").unlink(missing_ok=True)  # closed: checkpointed
        os.replace(built.path, path)
    return str(path)


def cached_sqlite(directory: Path, events: int, seed: int = 1) -> str:
    """A SQLite ledger of about ``events`` events, built once and kept for later runs."""
    path = cached_path(directory, events, seed)
    if not path.exists():
        data = cached_jsonl(directory, events, seed).read_bytes()
        tmp = directory / f".building-{os.getpid()}-{events}-{seed}.sqlite"
        remove_sqlite(tmp)
        built = import_file(str(tmp), data)
        keep(directory, built, events, seed)
        remove_sqlite(tmp)
    return str(path)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.ledgers",
                                     description="build (once) the cached benchmark ledger")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/asf-bench"))
    args = parser.parse_args()
    started = time.perf_counter()
    jsonl = cached_jsonl(args.cache, args.events, args.seed)
    print(f"{jsonl} ({jsonl.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.1f} s", flush=True)
    if cached_path(args.cache, args.events, args.seed).exists():
        print(f"{cached_path(args.cache, args.events, args.seed)} (cached)")
        return
    tmp = args.cache / f".building-{os.getpid()}-{args.events}-{args.seed}.sqlite"
    remove_sqlite(tmp)
    built = import_file(str(tmp), jsonl.read_bytes())
    print(f"{keep(args.cache, built, args.events, args.seed)}: {built.commands} commands, "
          f"{built.events} events imported in {built.import_seconds:.1f} s "
          f"({built.events / built.import_seconds:,.0f} events/s)", flush=True)
    remove_sqlite(tmp)


if __name__ == "__main__":
    main()
