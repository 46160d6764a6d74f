"""Snapshots of the main screens (``pytest-textual-snapshot``), at 80×24 and 120×40, in
Swedish and English.

Deterministic by construction: the demo history of a fixed seed, recorded and shown with
the clock frozen at ``NOW`` (``time-machine``: recorded times, "today", the current year,
the checkpoint's time) in UTC, the ledger's identity fixed, and the ledger opened by a
relative path so the header does not show a tmp dir. So the chain hashes are the same on
every run too.

After a deliberate change of a screen: ``uv run pytest tests/tui/test_snapshots.py
--snapshot-update``, then look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from pytest_textual_snapshot import SVGImageExtension  # type: ignore[import-untyped]
from textual.pilot import Pilot

from asfledger.audit.chain import META_TABLE
from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from tui.app import LedgerApp
from tui.screens.parts.part_screen import PartScreen
from tui.screens.welcome import DEMO_SEED, DEMO_YEARS

# pytest-textual-snapshot 1.0 names its files for syrupy 4 (``_file_extension``); syrupy 7
# reads ``file_extension``: without this the snapshots would be ``.raw`` files.
SVGImageExtension.file_extension = "svg"

NOW = datetime(2026, 9, 15, 9, 30, tzinfo=UTC)
LEDGER_ID = "5a0e1d2c3b4a59687766554433221100"
DB = "ledger.sqlite"  # relative: the header shows this, not a tmp dir
SIZES = {"80x24": (80, 24), "120x40": (120, 40)}

# The screen, and the keys that lead to it from the dashboard.
SCREENS = {
    "dashboard": (),
    "history": ("h",),
    "partners": ("1",),
    "reports": ("b",),
    "compliance": ("c",),
}


@pytest.fixture(scope="module")
def frozen_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ledger as if recorded at ``NOW``, with a fixed identity."""
    path = tmp_path_factory.mktemp("snapshots") / DB
    with time_machine.travel(NOW, tick=False), Ledger(str(path), actor="demo") as ledger:
        ledger.execute(demo_commands(DEMO_YEARS, DEMO_SEED, today=NOW.date()))
    # Closed, not only committed: the copies must not miss a write-ahead log.
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = 'ledger_id'",
                     (LEDGER_ID,))
    return path


@pytest.fixture
def frozen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Run in ``tmp_path`` with the clock stopped at ``NOW``, times shown in UTC."""
    monkeypatch.chdir(tmp_path)
    old_tz = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    try:
        with time_machine.travel(NOW, tick=False):
            yield tmp_path
    finally:
        if old_tz is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = old_tz
        time.tzset()


async def settle(pilot: Pilot[int]) -> None:
    """Let the workers finish and their results reach the screen, and the screen settle:
    a table sizes its columns on a later refresh, which a loaded machine may delay."""
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause(0.2)
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            if await _columns_fitted(pilot):
                await _steady(pilot)
                return
    raise AssertionError("workers did not finish")


async def _steady(pilot: Pilot[int]) -> None:
    """Until two renderings 0.1 s apart are the same: a table sizes its columns on a
    later refresh after its rows arrive (the compliance view's rules, from a Message)."""
    shot = pilot.app.export_screenshot()
    for _ in range(20):
        await pilot.pause(0.1)
        again = pilot.app.export_screenshot()
        if again == shot:
            return
        shot = again


async def _columns_fitted(pilot: Pilot[int]) -> bool:
    """A part's list fits its columns again after a resize, on a later refresh: on a
    loaded machine the shot could catch the columns fitted to the width before."""
    for _ in range(50):
        screen = pilot.app.screen
        if not isinstance(screen, PartScreen) or screen.snapshot is None \
                or screen._fit(screen.shown_rows) == screen.shown_columns:
            return True
        await pilot.pause(0.1)
    return False


def _shoot(snap_compare: object, app: LedgerApp, keys: tuple[str, ...],
           size: tuple[int, int]) -> bool:
    async def run_before(pilot: Pilot[int]) -> None:
        await settle(pilot)
        if keys:
            await pilot.press(*keys)
            await settle(pilot)

    return bool(snap_compare(app, terminal_size=size,  # type: ignore[operator]
                             run_before=run_before))


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("screen", list(SCREENS))
def test_main_screens(snap_compare: object, frozen: Path, frozen_demo: Path, screen: str,
                      size: str, lang: str) -> None:
    shutil.copy(frozen_demo, frozen / DB)
    app = LedgerApp(DB, actor="snapshot", lang=lang)
    assert _shoot(snap_compare, app, SCREENS[screen], SIZES[size])


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("size", list(SIZES))
def test_welcome(snap_compare: object, frozen: Path, size: str, lang: str) -> None:
    Ledger(DB).close()  # created, and empty
    app = LedgerApp(DB, actor="snapshot", lang=lang)
    assert _shoot(snap_compare, app, (), SIZES[size])
