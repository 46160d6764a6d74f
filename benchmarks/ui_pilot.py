"""The terminal UI on a large ledger, driven as a user drives it (issue 18): Textual's
Pilot presses the keys, and each answer is timed until the screen shows it.

On one ledger (a SQLite file, or a PostgreSQL URL), in a fresh interpreter:

- **open**: ``LedgerApp(db)`` constructed → the dashboard shows its figures;
- **history**: ``h`` → the first page of the history on screen;
- **page move**: ``n`` → the next page on screen (PageDown moves a screen in the table);
- **jump to end**: ``end`` where the screen binds it, else its last page asked for
  (``action_page``) → the last page on screen;
- **filter keystroke**: one character typed in the filter → the character in the input
  (the screen answered); then, as information, until the filtered rows are shown;
- **board report**: ``b`` → whether it shows progress before its figures, and when they
  are shown; whether a key cancels it;
- **compliance view**: ``c`` → the first progress shown; whether a key cancels it.

Targets (issue 18): open ≤ 1.5 s; page move, jump to end and each keystroke ≤ 100 ms;
the board report and the compliance view show progress and can be cancelled.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

OPEN_TARGET_S = 1.5
ANSWER_TARGET_S = 0.1
WAIT_S = 600.0  # the longest any step may take before it counts as never


async def _until(pilot: Any, done: Callable[[], bool], started: float) -> float:
    """Seconds from ``started`` until ``done()``, polled every 2 ms (inf: never)."""
    while not done():
        if time.perf_counter() - started > WAIT_S:
            return float("inf")
        await pilot.pause(0.002)
    return time.perf_counter() - started


def _binds(screen: Any, key: str) -> bool:
    return any(key in binding.key.split(",") for binding in getattr(screen, "BINDINGS", ())
               if hasattr(binding, "key"))


async def _drive(db: str) -> dict[str, Any]:
    from textual.widgets import DataTable, Input

    from tui.app import LedgerApp
    from tui.screens.compliance import ComplianceScreen
    from tui.screens.dashboard import DashboardScreen
    from tui.screens.history import HistoryScreen
    from tui.screens.reports import ReportsScreen

    r: dict[str, Any] = {}
    started = time.perf_counter()
    app = LedgerApp(db, actor="benchmark", lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        r["open_s"] = await _until(pilot, lambda: isinstance(app.screen, DashboardScreen)
                                   and app.screen.figures is not None, started)

        def history() -> Any:
            return app.screen if isinstance(app.screen, HistoryScreen) else None

        def shown(page: Callable[[Any], bool]) -> Callable[[], bool]:
            def check() -> bool:
                screen = history()
                return (screen is not None and screen.shown is not None
                        and not screen.query_one("#events", DataTable).loading
                        and page(screen.shown))
            return check

        t = time.perf_counter()
        await pilot.press("h")
        r["history_first_page_s"] = await _until(pilot, shown(lambda s: s.page == 0), t)
        screen = history()
        r["history_pages"] = screen.shown.pages if screen and screen.shown else 0
        t = time.perf_counter()
        await pilot.press("n")  # the next page (PageDown moves a screen in the table)
        r["page_move_s"] = await _until(pilot, shown(lambda s: s.page == 1), t)
        t = time.perf_counter()
        if screen is not None and _binds(screen, "end"):
            r["jump_to_end_by"] = "end"
            await pilot.press("end")
        else:  # no key for it: the screen's own action, as a key would call it
            r["jump_to_end_by"] = "action_page (no key bound)"
            if screen is not None:
                screen.action_page(10**9)
        r["jump_to_end_s"] = await _until(
            pilot, shown(lambda s: s.page == s.pages - 1), t)

        # One keystroke in the filter: the input shows it (the screen answered), then the
        # rows that match are shown (the scan runs in a worker).
        await pilot.press("slash")
        before = history().shown if history() else None
        t = time.perf_counter()
        await pilot.press("x")
        r["filter_keystroke_s"] = await _until(
            pilot, lambda: app.screen.query_one("#filter", Input).value == "x", t)
        r["filter_result_s"] = await _until(
            pilot, shown(lambda s: s is not before), t)
        await pilot.press("escape")

        # The board report: progress before the figures? cancelled by a key?
        t = time.perf_counter()
        await pilot.press("b")
        reports = await _screen(pilot, app, ReportsScreen, t)
        r["board_report_progress"] = any(
            hasattr(reports, name) for name in ("done", "progress_shown"))
        r["board_report_cancel_key"] = _binds(reports, "escape") and hasattr(
            reports, "action_cancel")
        r["board_report_shown_s"] = await _until(
            pilot, lambda: getattr(reports, "folded", None) is not None, t)

        # The compliance view: first progress, and a key that cancels.
        t = time.perf_counter()
        await pilot.press("c")
        compliance = await _screen(pilot, app, ComplianceScreen, t)
        r["compliance_first_progress_s"] = await _until(
            pilot, lambda: getattr(compliance, "done", 0) > 0, t)
        r["compliance_cancel_key"] = hasattr(compliance, "action_cancel")
        r["compliance_done_s"] = await _until(
            pilot, lambda: getattr(compliance, "report", None) is not None, t)
        r["events"] = app.ledger.head()
    return r


async def _screen(pilot: Any, app: Any, kind: type, started: float) -> Any:
    await _until(pilot, lambda: isinstance(app.screen, kind), started)
    return app.screen


def measure(db: str) -> dict[str, Any]:
    """Drive the UI on ``db`` in a fresh interpreter; the timings."""
    out = subprocess.run([sys.executable, "-m", "benchmarks.ui_pilot", db], check=True,
                         capture_output=True, text=True).stdout
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return result


def report(store: str, r: dict[str, Any]) -> None:
    def row(what: str, seconds: float, target: float | None) -> None:
        verdict = "" if target is None else ("met" if seconds <= target else "NOT met")
        aim = "" if target is None else f"target ≤ {target * 1000:,.0f} ms"
        print(f"  {what:<44}{seconds * 1000:>10,.0f} ms  {aim:<20} {verdict}".rstrip())

    def yes(what: str, value: bool) -> None:
        print(f"  {what:<44}{'yes' if value else 'no':>13}  {'target: yes':<20} "
              f"{'met' if value else 'NOT met'}")

    print(f"UI on {store}, {r['events']:,} events ({r['history_pages']:,} history pages), "
          f"Textual's Pilot in a fresh interpreter:")
    row("open (LedgerApp → dashboard figures)", r["open_s"], OPEN_TARGET_S)
    row("history: first page shown", r["history_first_page_s"], None)
    row("history: page move (n)", r["page_move_s"], ANSWER_TARGET_S)
    row(f"history: jump to end ({r['jump_to_end_by']})", r["jump_to_end_s"],
        ANSWER_TARGET_S)
    row("history: filter keystroke answered", r["filter_keystroke_s"], ANSWER_TARGET_S)
    row("history: filtered rows shown", r["filter_result_s"], None)
    yes("board report shows progress", r["board_report_progress"])
    yes("board report can be cancelled (a key)", r["board_report_cancel_key"])
    row("board report: figures shown", r["board_report_shown_s"], None)
    row("compliance view: first progress", r["compliance_first_progress_s"],
        ANSWER_TARGET_S * 10)
    yes("compliance view can be cancelled (a key)", r["compliance_cancel_key"])
    row("compliance view: proof done", r["compliance_done_s"], None)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(_drive(sys.argv[1]))))
