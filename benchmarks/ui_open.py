"""How long the terminal UI takes to show the dashboard on a large ledger (SPEC §7: under
1.5 s on 100,000 events), in the case a user meets: a ledger just filled by
``asfledger import``, then opened.

1. ``asfledger --db FILE import commands.jsonl`` in a child process, as a user runs it (the
   import keeps the dashboard's read model caught up and saves it after its commit).
2. The **first open** after that import, then **later opens**: each in a fresh
   interpreter (as a user starts the UI), timed from constructing ``LedgerApp`` (the ledger
   is opened there) until the dashboard shows figures. The time that interpreter took to
   ``import tui.app`` before is printed beside it.
3. For comparison, a **cold open**: the same ledger with its saved read models deleted
   (as a ledger written before writers kept them, or copied by ``rekey``): the UI folds
   the whole history, then saves it.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Open:
    """One open of the UI, in its own interpreter."""

    seconds: float  # ``LedgerApp(db)`` → dashboard figures
    events: int  # the events the dashboard shows
    fed: int  # events its read model was fed at the open (0: saved and caught up)
    rebuilt: bool  # it was folded from the start of the history
    import_s: float  # ``import tui.app`` in that interpreter, before


@dataclass(frozen=True)
class UiOpen:
    events: int
    import_events_per_s: float  # ``asfledger import`` (CLI, whole process)
    first_open_s: float  # the first open after the import
    later_open_s: float  # median of the later opens
    first: Open
    later: list[Open]
    cold: Open  # no saved read model: the history folded at the open

    @property
    def import_s(self) -> float:
        return statistics.median(o.import_s for o in [self.first, *self.later])


async def _open(db: str) -> dict[str, Any]:
    from tui.app import LedgerApp
    from tui.screens.dashboard import DashboardScreen

    started = time.perf_counter()
    app = LedgerApp(db, actor="benchmark", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            if (isinstance(screen, DashboardScreen) and screen.figures is not None
                    and screen.tracked is not None):
                return {"seconds": time.perf_counter() - started,
                        "events": screen.figures.events, "fed": screen.tracked.fed,
                        "rebuilt": screen.tracked.rebuilt}
            await pilot.pause(0.005)


def _child(db: str) -> None:
    """In the child interpreter: import the UI, open it on ``db``, print the timings."""
    started = time.perf_counter()
    import tui.app  # noqa: F401  (timed: what a process pays before ``LedgerApp`` starts)

    import_s = time.perf_counter() - started
    print(json.dumps({**asyncio.run(_open(db)), "import_s": import_s}))


def open_ui(db: str) -> Open:
    """Open the UI on ``db`` in a fresh interpreter and time it."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.ui_open", db], check=True,
                         capture_output=True, text=True, env=_env()).stdout
    return Open(**json.loads(out.strip().splitlines()[-1]))


def _env() -> dict[str, str]:
    """The user's environment, without a ledger or key of their own."""
    return {k: v for k, v in os.environ.items()
            if k not in ("ASFLEDGER_DB", "ASFLEDGER_KEY_FILE")}


def _jsonl(cache: Path, events: int) -> Path:
    """The benchmark's JSON Lines of about ``events`` events (written once, kept)."""
    from benchmarks import ledgers

    path = cache / f"commands-{events}-1.jsonl"
    if not path.exists():
        tmp = cache / f".writing-{os.getpid()}-{path.name}"
        tmp.write_bytes(ledgers.jsonl_for(events))
        tmp.rename(path)
    return path


def _remove(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


def cli_import(db: Path, jsonl: Path) -> tuple[int, float]:
    """``asfledger --db db import jsonl`` in a child process: (events, seconds)."""
    _remove(db)
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "asfledger", "--db", str(db), "--actor",
                          "benchmark", "--lang", "en", "import", str(jsonl)],
                         check=True, capture_output=True, text=True, env=_env()).stdout
    seconds = time.perf_counter() - started
    events = int(out.strip().splitlines()[-1].split()[-2])  # "applied N commands, M events"
    return events, seconds


def without_read_models(source: Path, db: Path) -> None:
    """A copy of ``source`` whose saved read models (and their tracking) are deleted."""
    _remove(db)
    shutil.copy(source, db)
    conn = sqlite3.connect(db)
    try:
        with conn:
            conn.execute("DELETE FROM asfledger_readmodels")
            conn.execute("DELETE FROM tracking")
    finally:
        conn.close()


def measure(cache: Path, events: int, later: int = 5) -> UiOpen:
    cache.mkdir(parents=True, exist_ok=True)
    jsonl = _jsonl(cache, events)
    db = cache / f".ui-open-{os.getpid()}-{events}.sqlite"
    cold_db = cache / f".ui-open-cold-{os.getpid()}-{events}.sqlite"
    try:
        imported, import_seconds = cli_import(db, jsonl)
        first = open_ui(str(db))
        opens = [open_ui(str(db)) for _ in range(later)]
        assert all(o.events == first.events == imported for o in opens), (imported, opens)
        without_read_models(db, cold_db)
        cold = open_ui(str(cold_db))
    finally:
        _remove(db)
        _remove(cold_db)
    return UiOpen(first.events, imported / import_seconds, first.seconds,
                  statistics.median(o.seconds for o in opens), first, opens, cold)


def report(result: UiOpen) -> dict[str, float]:
    def fed(o: Open) -> str:
        return f"read model fed {o.fed:,} events{', folded from the start' if o.rebuilt else ''}"

    print(f"UI open on {result.events:,} events (LedgerApp start → dashboard figures, "
          f"each open in a fresh interpreter):")
    print(f"  asfledger import (CLI, whole process)       "
          f"{result.import_events_per_s:>10,.0f} events/s")
    print(f"  first open after the import                 {result.first_open_s:>10.3f} s"
          f"  ({fed(result.first)})")
    print(f"  later opens, median                         {result.later_open_s:>10.3f} s"
          f"  ({', '.join(f'{o.seconds:.3f}' for o in result.later)})")
    print(f"  cold open (saved read model deleted)        {result.cold.seconds:>10.3f} s"
          f"  ({fed(result.cold)})")
    print(f"  import tui.app (before the start), median   {result.import_s:>10.3f} s")
    return {"ui_events": result.events, "ui_first_open_s": result.first_open_s,
            "ui_later_open_s": result.later_open_s, "ui_cold_open_s": result.cold.seconds,
            "ui_first_open_fed": result.first.fed,
            "ui_import_events_per_s": result.import_events_per_s,
            "ui_import_s": result.import_s}


if __name__ == "__main__":
    _child(sys.argv[1])
