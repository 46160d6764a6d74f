"""How long the terminal UI takes to show the dashboard on a large ledger (SPEC §7: under
1.5 s on 100,000 events).

Measured headless (Textual's ``run_test``) from constructing ``LedgerApp`` (the ledger is
opened there) until the dashboard shows figures: the first open of a ledger whose
dashboard read model was never saved (it is folded from the whole history, then saved)
against later opens (the saved read model is loaded and caught up, with nothing new).
The time to import the UI's modules is printed beside it: a process pays it once, before.
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from benchmarks import ledgers


@dataclass(frozen=True)
class UiOpen:
    events: int
    first_open_s: float  # the read model folded from scratch and saved
    later_open_s: float  # median of the later opens: the saved read model caught up
    later_opens: list[float]
    import_s: float  # ``import tui.app`` in a fresh interpreter


async def _open(db: str) -> tuple[float, int]:
    from tui.app import LedgerApp
    from tui.screens.dashboard import DashboardScreen

    started = time.perf_counter()
    app = LedgerApp(db, actor="benchmark", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        while True:
            screen = app.screen
            if isinstance(screen, DashboardScreen) and screen.figures is not None:
                elapsed = time.perf_counter() - started
                return elapsed, screen.figures.events
            await pilot.pause(0.005)


def open_seconds(db: str) -> tuple[float, int]:
    """Seconds from ``LedgerApp(db)`` to figures on the dashboard, and the events shown."""
    return asyncio.run(_open(db))


def import_seconds() -> float:
    """``import tui.app`` in a fresh interpreter (the cost before ``LedgerApp`` starts)."""
    code = ("import time; t = time.perf_counter(); import tui.app; "
            "print(time.perf_counter() - t)")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return float(out.strip())


def measure(cache: Path, events: int, later: int = 5) -> UiOpen:
    source = ledgers.cached_sqlite(cache, events)
    db = cache / f"ui-open-{events}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    shutil.copy(source, db)  # a copy: the cached ledger never gets a saved read model
    import_s = import_seconds()
    first, shown = open_seconds(str(db))
    opens = []
    for _ in range(later):
        seconds, again = open_seconds(str(db))
        assert again == shown
        opens.append(seconds)
    return UiOpen(shown, first, statistics.median(opens), opens, import_s)


def report(result: UiOpen) -> dict[str, float]:
    print(f"UI open on {result.events} events (LedgerApp start → dashboard figures):")
    print(f"  first open (read model folded, saved)   {result.first_open_s:>8.3f} s")
    print(f"  later opens (saved read model), median  {result.later_open_s:>8.3f} s  "
          f"({', '.join(f'{s:.3f}' for s in result.later_opens)})")
    print(f"  import tui.app (before the start)       {result.import_s:>8.3f} s")
    return {"ui_events": result.events, "ui_first_open_s": result.first_open_s,
            "ui_later_open_s": result.later_open_s, "ui_import_s": result.import_s}
