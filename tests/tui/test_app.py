"""The terminal UI, driven through Textual's Pilot on a real SQLite ledger in a tmp dir.

Textual's ``run_test`` needs an event loop: each test runs its scenario with
``asyncio.run``. The dashboard's read model is checked against sums computed directly
over the demo commands, and the app is checked to open from the read model saved in the
ledger (feeding it only what is new) without ever writing a read-only ledger.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest
import time_machine
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Footer, Input, Static
from textual.widgets._footer import FooterKey
from textual.worker import WorkerCancelled

from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.history import Entry, entries
from asfledger.ledger import Ledger
from asfledger.queries.history_page import PAGE_SIZE
from asfledger.queries.snapshot import LookBack
from asfledger.readmodels import catch_up, store_of
from domain import commands as c
from domain.money import Money
from domain.values import parse_report_period, parse_sek
from projections.dashboard import DashboardFigures, DashboardState, figures, fold
from tests.tui.driving import key_now
from tui.app import LedgerApp, LedgerCommands, ScreenCommands
from tui.forms.picker import RecordPicker
from tui.forms.vocabulary import GROUP_OF
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen, page_of
from tui.screens.timetravel import EventDetailScreen
from tui.screens.welcome import DEMO_SEED, DEMO_YEARS, WelcomeScreen
from tui.text import translate

Scenario = Callable[[LedgerApp, Pilot[int]], Awaitable[None]]


def drive(db: str, scenario: Scenario, *, lang: str = "en", read_only: bool = False) -> None:
    async def main() -> None:
        app = LedgerApp(db, actor="test", lang=lang, read_only=read_only)
        async with app.run_test(size=(110, 36)) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int], pause: float = 0.0) -> None:
    """Let timers fire, workers finish and their results reach the screen."""
    await pilot.pause(pause)
    for _ in range(100):
        with contextlib.suppress(WorkerCancelled):  # an exclusive worker was replaced
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


async def choose_in_palette(pilot: Pilot[int], typed: str) -> None:
    """ctrl+p, type, take the best match, as a user does."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*typed)
    await settle(pilot, 0.3)
    await pilot.press("enter")
    await settle(pilot)


def head(db: str) -> int:
    with Ledger(db, read_only=True) as ledger:
        return ledger.head()


def text_of(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def dashboard(app: LedgerApp) -> DashboardFigures:
    screen = app.screen
    assert isinstance(screen, DashboardScreen)
    assert screen.figures is not None
    return screen.figures


def history(app: LedgerApp) -> HistoryScreen:
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    assert screen.shown is not None
    return screen


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Ledger(str(path), actor="demo") as ledger:
        ledger.execute(demo_commands(DEMO_YEARS, DEMO_SEED))
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> str:
    """A copy of the demo ledger that this test may change."""
    path = tmp_path / "ledger.sqlite"
    shutil.copy(demo_file, path)
    return str(path)


@pytest.fixture
def empty_db(tmp_path: Path) -> str:
    path = str(tmp_path / "empty.sqlite")
    Ledger(path).close()  # created, with its tables, and empty
    return path


# The welcome of an empty ledger -------------------------------------------------------

def test_an_empty_ledger_opens_on_the_welcome(empty_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        assert isinstance(app.screen, WelcomeScreen)
        assert "Welcome to the ASF ledger" in text_of(app, "#welcome-title")
        assert not app.screen.query_one("#demo", Button).disabled

    drive(empty_db, scenario)


def test_choosing_the_demo_loads_it_and_shows_the_dashboard(empty_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.click("#demo")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        figures = dashboard(app)
        assert figures.partners_onboarded > 0
        assert f": {figures.partners_onboarded}" in text_of(app, "#partners")

    drive(empty_db, scenario)
    assert head(empty_db) > 0


def test_read_only_refuses_the_demo_and_says_why(empty_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        assert isinstance(app.screen, WelcomeScreen)
        assert app.screen.query_one("#demo", Button).disabled
        assert "read-only" in text_of(app, "#demo-why")
        assert "read-only" in app.sub_title
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, WelcomeScreen)
        assert "read-only" in text_of(app, "#welcome-status")

    drive(empty_db, scenario, read_only=True)
    assert head(empty_db) == 0


def test_start_recording_goes_to_the_dashboard(empty_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.click("#start")
        await settle(pilot)
        assert dashboard(app).events == 0

    drive(empty_db, scenario)
    assert head(empty_db) == 0


# The history --------------------------------------------------------------------------

def _skip_ids(db: str, count: int) -> Callable[[], None]:
    """Make the next event's notification id ``count`` higher than the next free one, as
    rolled-back writes do on PostgreSQL (its sequence is not rolled back). On SQLite, whose
    ids are rowids, a stand-in row holds the ids until the returned function removes it."""
    if db.startswith("postgresql://"):
        import psycopg

        url, _, schema = db.partition("?schema=")
        with psycopg.connect(url, autocommit=True) as conn:
            for _ in range(count):
                conn.execute(f'SELECT nextval(\'"{schema}".asfledger_events_notification_id_seq\')')
        return lambda: None
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(db)) as lite, lite:
        lite.execute("INSERT INTO stored_events (rowid, originator_id, originator_version, "
                     "topic, state) SELECT max(rowid) + ?, 'stand-in', 1, 'x', x'' "
                     "FROM stored_events", (count,))

    def remove() -> None:
        with closing(sqlite3.connect(db)) as lite, lite:
            lite.execute("DELETE FROM stored_events WHERE originator_id = 'stand-in'")

    return remove


@pytest.fixture
def gapped_db(db: str) -> tuple[str, list[Entry]]:
    """The demo on ``db`` (SQLite and PostgreSQL) with two gaps in its notification ids,
    in different pages of the history; and its entries
    as ``asfledger events`` numbers them."""
    commands = demo_commands(DEMO_YEARS, DEMO_SEED)
    parts = (commands[:len(commands) // 4], commands[len(commands) // 4:len(commands) * 3 // 4],
             commands[len(commands) * 3 // 4:])
    with Ledger(db, actor="demo") as ledger:
        ledger.execute(parts[0])
        for part in parts[1:]:
            done = _skip_ids(db, 37)
            ledger.execute(part)
            done()
        found = list(entries(ledger.store))
        last = ledger.store.max_notification_id() or 0
        assert last == len(found) + 2 * 37 and ledger.head() == len(found) > PAGE_SIZE
        assert found[PAGE_SIZE // 2].position == PAGE_SIZE // 2 + 1
    return db, found


def test_the_history_numbers_pages_and_opens_events_by_position_across_id_gaps(
        gapped_db: tuple[str, list[Entry]]) -> None:
    db, expected = gapped_db
    total = len(expected)
    with Ledger(db, read_only=True) as ledger:
        count = page_of(ledger, 0).pages
        assert count > 2, "the gaps should lie in different pages"
        pages = [page_of(ledger, page, newest_first=False) for page in range(count)]
        assert [p.total for p in pages] == [total] * count
        rows = [r for p in pages for r in p.rows]
        assert [r.position for r in rows] == list(range(1, total + 1))
        # A subject is named as well (``Partner 556677-8899 · Name``): its key is second.
        assert [(r.type, r.subject.split(" ")[1]) for r in rows] == [
            (e.type, e.subject.split(" ")[1]) for e in expected]
        newest = [page_of(ledger, page) for page in range(count)]  # the default
        assert [r.position for p in newest for r in p.rows] == list(range(total, 0, -1))
        late = expected[-3]  # after both gaps
        shown = ledger.event(late.position, "en")
        assert shown is not None and (shown.type, shown.chain) == (late.type, late.chain)
        assert ledger.event(total + 1, "en") is None
        looked = page_of(ledger, 0, until=late.position)
        assert looked.total == late.position and looked.rows[0].position == late.position
        filtered = page_of(ledger, 0, "onboarded")
        assert [r.position for r in filtered.rows] == [
            e.position for e in reversed(expected) if e.type == "Partner.Onboarded"]

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)
        screen = history(app)
        table = screen.query_one("#events", DataTable)
        await pilot.press("n")  # the next page: older events
        await settle(pilot)
        assert str(table.get_row_at(0)[0]) == str(total - PAGE_SIZE)
        assert table.row_count == min(PAGE_SIZE, total - PAGE_SIZE)
        assert text_of(app, "#rows").startswith(
            f"rows {PAGE_SIZE + 1}–{min(2 * PAGE_SIZE, total)} of {total}")
        await pilot.press("p")  # back to the newest
        await settle(pilot)
        table.move_cursor(row=total - late.position)
        await pilot.press("enter")
        await settle(pilot)
        detail = app.screen
        assert isinstance(detail, EventDetailScreen) and detail.info is not None
        assert (detail.info.position, detail.info.chain) == (late.position, late.chain)
        await pilot.press("escape", "t")
        await settle(pilot)
        assert app.look_back == LookBack(position=late.position)
        assert screen.shown is not None and screen.shown.total == late.position

    drive(db, scenario)


# Every binding does something ---------------------------------------------------------

def _actions(cls: type[DOMNode]) -> dict[str, Binding]:
    return {b.action: b for b in Binding.make_bindings(cls.BINDINGS)}


def test_every_app_and_dashboard_binding_does_something(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(binding: Binding) -> None:
            await pilot.press(binding.key)
            await settle(pilot)

        effects: dict[str, Callable[[Binding], Awaitable[None]]] = {}

        async def prev_year(b: Binding) -> None:
            year = dashboard(app).year
            await press(b)
            assert dashboard(app).year == year - 1
            assert text_of(app, "#dash-title").startswith(str(year - 1))

        async def next_year(b: Binding) -> None:
            year = dashboard(app).year
            await press(b)
            assert dashboard(app).year == year + 1

        async def reload(b: Binding) -> None:
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            before = screen.state
            await press(b)
            assert screen.state is not None and screen.state is not before

        async def to_history(b: Binding) -> None:
            await press(b)
            assert isinstance(app.screen, HistoryScreen)

        async def to_dashboard(b: Binding) -> None:
            await press(b)
            assert isinstance(app.screen, DashboardScreen)

        async def language(b: Binding) -> None:
            await press(b)
            assert app.lang == "sv"
            assert text_of(app, "#partners").startswith("Antagna per")
            await press(b)
            assert app.lang == "en"
            assert text_of(app, "#partners").startswith("Onboarded as of")

        async def help_(b: Binding) -> None:
            await press(b)
            assert isinstance(app.screen, HelpScreen)
            keys = app.screen.query_one("#help-keys", DataTable)
            shown = {str(keys.get_row_at(i)[1]) for i in range(keys.row_count)}
            assert {"Previous year", "Next year", "History", "Quit"} <= shown
            for closing in _actions(HelpScreen).values():
                await pilot.press(closing.key)
                await settle(pilot)
                assert isinstance(app.screen, DashboardScreen)
                await press(b)
            await pilot.press("escape")
            await settle(pilot)

        async def quit_(b: Binding) -> None:
            await press(b)
            assert app.return_code == 0 and not app.is_running

        async def record(b: Binding) -> None:  # ``r`` on the dashboard too (not a reload)
            screen = app.screen
            await press(b)
            assert isinstance(app.screen, RecordPicker)
            await pilot.press("escape")
            await settle(pilot)
            assert app.screen is screen

        effects = {"year(-1)": prev_year, "year(1)": next_year, "reload": reload,
                   "history": to_history, "dashboard": to_dashboard,
                   "switch_language": language, "help": help_, "quit": quit_,
                   "record": record}
        # The keys of the parts' screens and of looking back: tests/tui/test_screens.py;
        # the forms behind "Record …": tests/tui/test_forms.py.
        elsewhere = ("nav.", "travel.")
        bindings = {**_actions(DashboardScreen), **{
            a: b for a, b in _actions(LedgerApp).items()
            if not (b.id or "").startswith(elsewhere)}}
        assert set(bindings) == set(effects), "every binding needs an observable effect"
        for action, binding in bindings.items():  # quit is the app's first: run it last
            if action != "quit":
                await app.switch_mode("dashboard")
                await settle(pilot)
                await effects[action](binding)
        await quit_(bindings["quit"])

    drive(demo_db, scenario)


def _keys(cls: type[DOMNode]) -> set[str]:
    return {b.key for b in Binding.make_bindings(cls.BINDINGS)}


def test_no_screen_key_hides_an_app_key_unexpectedly(demo_db: str) -> None:
    """A main screen's own keys are not the app's, except on purpose: ``escape``
    clears a filter, and goes on to the app (back to now) when there is none; it cancels
    the board report's fold and the compliance replay while they run, and goes on to the
    app when nothing runs (tests/tui/test_reports_screens.py); the welcome's ``d`` loads
    the demo. And the app's keys work on every main screen."""
    screens: list[type[DOMNode]] = [s for s in LedgerApp.MODES.values()
                                    if isinstance(s, type) and issubclass(s, DOMNode)]
    app_keys = _keys(LedgerApp)
    with_welcome: list[type[DOMNode]] = [*screens, WelcomeScreen]
    shared = {(cls.__name__, key) for cls in with_welcome
              for key in _keys(cls) & app_keys}
    parts_with_filter = {cls.__name__ for cls in screens if "clear_filter" in {
        b.action for b in Binding.make_bindings(cls.BINDINGS)}}
    cancelling = {cls.__name__ for cls in screens if "cancel" in {
        b.action for b in Binding.make_bindings(cls.BINDINGS)}}
    assert cancelling == {"ReportsScreen", "ComplianceScreen"}
    assert shared == {("WelcomeScreen", "d"), *(
        (name, "escape") for name in parts_with_filter | cancelling)}
    assert {"HistoryScreen", "PartnersScreen", "FundingScreen"} <= parts_with_filter

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await settle(pilot)

        for mode in LedgerApp.MODES:
            await app.switch_mode(mode)
            await settle(pilot)
            screen = app.screen
            await press("r")
            assert isinstance(app.screen, RecordPicker), mode
            await press("escape", "f1")
            assert isinstance(app.screen, HelpScreen), mode
            await press("escape")
            assert app.screen is screen, mode
            if mode in ("history", "partners", "funding"):
                # escape with no filter to clear: the app's, back to now.
                app.look_back_to(LookBack(position=5))
                await settle(pilot)
                await press("escape")
                assert not app.looking_back and app.screen is screen, mode
            await press("d" if mode != "dashboard" else "h")
            assert app.current_mode == ("dashboard" if mode != "dashboard" else "history")

    drive(demo_db, scenario)


def _footer(app: LedgerApp, width: int) -> tuple[list[str], list[str]]:
    """The keys the footer shows whole (left of the command palette's), and those cut."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    assert len(palette) == 1
    right = palette[0].region.x
    shown = [k.key for k in keys if k not in palette and k.region.right <= right]
    cut = [k.key for k in keys if k not in palette and k.region.right > right]
    assert right + palette[0].region.width <= width
    return shown, cut


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_footer_fits_80_columns_with_what_matters(demo_db: str, lang: str) -> None:
    """On every main screen, now and looking back: the screen's own keys shown in the
    footer, Record, Look back (then: back to now) and Help fit in 80 columns; nothing is
    cut. The rest (the screens' keys, language, quit) is in F1 and the palette."""

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for look_back in (None, LookBack(position=5)):
            app.look_back_to(look_back)
            await settle(pilot)
            for mode in LedgerApp.MODES:
                await app.switch_mode(mode)
                await settle(pilot)
                shown, cut = _footer(app, 80)
                assert not cut, (mode, look_back, cut)
                assert {"r", "T", "f1"} <= set(shown), (mode, shown)
                own = {b.key for b in Binding.make_bindings(type(app.screen).BINDINGS)
                       if b.show and app.screen.check_action(b.action, ()) is not False}
                assert own - {"escape", "enter"} <= set(shown), (mode, shown)
                travel = [k for k in app.screen.query(FooterKey) if k.key == "T"]
                assert str(travel[0].description) == translate(
                    "ui.key.back_to_now" if look_back else "ui.key.time_travel", lang)

    async def main() -> None:
        app = LedgerApp(demo_db, actor="test", lang=lang)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


def test_the_history_pages_at_the_query_filters_and_every_key_works(demo_db: str) -> None:
    total = head(demo_db)
    assert total > PAGE_SIZE, "the demo history should be longer than one page"

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)
        screen = history(app)
        table = screen.query_one("#events", DataTable)

        def first_position() -> str:
            return str(table.get_row_at(0)[0])

        assert table.row_count == PAGE_SIZE and first_position() == str(total)  # newest
        assert text_of(app, "#rows").startswith(f"rows 1–{PAGE_SIZE} of {total}")
        # PageDown moves a screen in the table (not a page of the history).
        await pilot.press("pagedown")
        await settle(pilot)
        assert first_position() == str(total) and 5 < table.cursor_row < 30
        for binding in Binding.make_bindings(HistoryScreen.BINDINGS):
            if binding.action == "page(1)":  # n: the next, older page
                await pilot.press(binding.key)
                await settle(pilot)
                assert first_position() == str(total - PAGE_SIZE)
                assert table.row_count == min(PAGE_SIZE, total - PAGE_SIZE)
                assert text_of(app, "#rows").startswith(f"rows {PAGE_SIZE + 1}–")
            elif binding.action == "page(-1)":  # p
                await pilot.press(binding.key)
                await settle(pilot)
                assert first_position() == str(total)
            elif binding.action == "page_end(1)":  # end: the last, oldest page
                await pilot.press(binding.key)
                await settle(pilot)
                assert screen.page == screen.shown.pages - 1  # type: ignore[union-attr]
                assert str(table.get_row_at(table.row_count - 1)[0]) == "1"
                assert text_of(app, "#rows").endswith(
                    f"page {screen.page + 1} of {screen.page + 1}")
            elif binding.action == "page_end(0)":  # home: the first, newest page
                screen.action_page(3)
                await settle(pilot)
                await pilot.press(binding.key)
                await settle(pilot)
                assert screen.page == 0 and first_position() == str(total)
            elif binding.action in ("row(1)", "row(-1)", "row_end(0)", "row_end(1)"):
                table.move_cursor(row=3)
                await pilot.press(binding.key)
                await settle(pilot)
                assert table.cursor_row == {"row(1)": 4, "row(-1)": 2, "row_end(0)": 0,
                                            "row_end(1)": table.row_count - 1}[
                    binding.action]
            elif binding.action == "filter":  # / then type: the rows narrow
                await pilot.press(binding.key, *"onboarded")
                await settle(pilot, 0.5)
                assert screen.needle == "onboarded"
                assert 0 < screen.shown.total < total  # type: ignore[union-attr]
                types = {str(table.get_row_at(i)[3]) for i in range(table.row_count)}
                assert types == {"partner onboarded"}  # the type in words
                page = screen.page  # in the filter, home and end move in the text
                await pilot.press("home")
                assert screen.query_one("#filter", Input).cursor_position == 0
                await pilot.press("end")
                assert screen.query_one("#filter", Input).cursor_position == len("onboarded")
                assert screen.page == page
            elif binding.action == "clear_filter":
                await pilot.press(binding.key)
                await settle(pilot, 0.5)
                assert screen.needle == "" and screen.query_one("#filter", Input).value == ""
                assert screen.shown is not None and screen.shown.total == total
                assert screen.focused is table
            elif binding.action in ("open_event", "look_back_here"):
                continue  # an event's detail and looking back: tests/tui/test_screens.py
            elif binding.action == "correct":
                continue  # "correct…" on a row: tests/tui/test_corrections_ui.py
            else:
                raise AssertionError(f"no observable effect tested for {binding}")

    drive(demo_db, scenario)


def test_the_filter_shows_matches_as_they_come_and_the_next_keystroke_replaces_them(
        large_file: Path, tmp_path: Path) -> None:
    """On 20,000 events the scan takes a while: the matches found so far are shown (and
    said to be so far) before every event is read; the next keystroke's scan replaces
    the one before, whose rows never come back."""
    db = str(tmp_path / "large.sqlite")
    shutil.copy(large_file, db)
    with Ledger(db, read_only=True) as ledger:
        final = page_of(ledger, 0, "onboarded")
        head = ledger.head()
    assert 0 < final.total < head

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)
        screen = history(app)
        await pilot.press("slash")
        for char in "onboarded":
            key_now(app, char)
        so_far = None
        for _ in range(6000):
            await pilot.pause(0.005)
            shown = screen.shown
            if screen.shown_for == "onboarded" and shown is not None:
                if shown.searched is not None:
                    so_far = shown
                    break
                if shown.complete:
                    break
        assert so_far is not None, "no matches were shown before the scan ended"
        assert so_far.rows and so_far.total <= final.total
        assert so_far.searched is not None and so_far.searched < head
        assert text_of(app, "#rows") == (f"searching … {so_far.searched} of {head} "
                                         f"events read, {so_far.total} matches so far")
        await settle(pilot)
        assert screen.shown is not None and screen.shown.complete
        assert screen.shown.total == final.total and screen.shown.rows == final.rows
        assert text_of(app, "#rows").startswith(f"rows 1–{PAGE_SIZE} of {final.total}")
        # The next keystroke: its scan replaces the one before, even one under way.
        key_now(app, "backspace")
        await pilot.pause(0.3)
        key_now(app, "x")  # "onboardex": nothing matches
        await settle(pilot, 0.5)
        assert screen.needle == screen.shown_for == "onboardex"
        assert screen.shown is not None and screen.shown.complete
        assert screen.shown.total == 0 and text_of(app, "#rows") == "no events"

    drive(db, scenario)


def test_every_welcome_binding_does_something(tmp_path: Path) -> None:
    for binding in Binding.make_bindings(WelcomeScreen.BINDINGS):
        db = str(tmp_path / f"{binding.action}.sqlite")

        async def scenario(app: LedgerApp, pilot: Pilot[int], b: Binding = binding) -> None:
            assert isinstance(app.screen, WelcomeScreen)
            await pilot.press(b.key)
            await settle(pilot)
            assert isinstance(app.screen, DashboardScreen)

        drive(db, scenario)
        assert (head(db) > 0) == (binding.action == "demo"), binding


def test_the_command_palette_offers_the_screens_and_the_language(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        provider = LedgerCommands(app.screen)
        offered = {str(hit.text): hit async for hit in provider.discover()}
        assert list(offered) == ["Dashboard", "History", "Switch language", "Help: the keys",
                                 "Back"]
        await choose_in_palette(pilot, "histo")
        assert isinstance(app.screen, HistoryScreen)
        offered["Dashboard"].command()
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        offered["Switch language"].command()
        await settle(pilot)
        assert app.lang == "sv"
        assert [str(hit.text) async for hit in LedgerCommands(app.screen).discover()] == [
            "Översikt", "Historik", "Byt språk", "Hjälp: tangenterna", "Tillbaka"]
        offered["Help: the keys"].command()
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)

    drive(demo_db, scenario)


def test_the_palette_offers_the_keys_of_the_screen_it_was_opened_on(demo_db: str) -> None:
    """Each screen's own keys (F1's list) are palette entries in the user's language, and
    choosing one does what the key does: on the history, "Next page" pages."""

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for mode in LedgerApp.MODES:
            app.switch_mode(mode)
            await settle(pilot)
            screen = app.screen
            wanted = {b.action for b in Binding.make_bindings(type(screen).BINDINGS)
                      if b.description.startswith("ui.")}
            hits = [hit async for hit in ScreenCommands(screen).discover()]
            offered = {hit.command.args[0] for hit in hits
                       if isinstance(hit.command, partial)}
            assert offered == wanted, mode
            assert len(hits) == len(wanted)
        app.switch_mode("history")
        await settle(pilot)
        table = history(app).query_one("#events", DataTable)
        newest = int(str(table.get_row_at(0)[0]))
        await choose_in_palette(pilot, "Next page")
        assert str(table.get_row_at(0)[0]) == str(newest - PAGE_SIZE)
        app.lang = "sv"
        await settle(pilot)
        names = {str(hit.text) async for hit in ScreenCommands(app.screen).discover()}
        assert translate("ui.key.next_page", "sv") in names

    drive(demo_db, scenario)


def test_the_palette_offers_every_action_of_the_app_s_keys(demo_db: str) -> None:
    """Every key of the app (``d``, ``1``–``9``, ``h``, ``b``, ``c``, ``,``, ``r``, ``T``
    and escape, ``F1``, ``l``, ``q``) has its action in the command palette: ours, the
    forms' (every command "Record …") and Textual's own (Quit)."""

    def action_of(command: object) -> str:
        if isinstance(command, partial):
            name = command.func.__name__.removeprefix("action_")
            return f"{name}({', '.join(repr(a) for a in command.args)})"
        return getattr(command, "__name__", "").removeprefix("action_")

    async def offered(app: LedgerApp) -> set[str]:
        found: set[str] = set()
        for provider in app.COMMANDS:
            if isinstance(provider, type):
                found |= {action_of(hit.command)
                          async for hit in provider(app.screen).discover()}
            else:  # Textual's system commands
                found |= {action_of(command.callback)
                          for command in app.get_system_commands(app.screen)}
        return found

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        wanted = {b.action for b in Binding.make_bindings(LedgerApp.BINDINGS)}
        now = await offered(app)
        app.look_back_to(LookBack(position=5))
        await settle(pilot)
        then = await offered(app)
        records = {a for a in now if a.startswith("open_form(")}
        assert len(records) == len(GROUP_OF)  # every command of the policy
        found = now | then | ({"record"} if records else set())
        assert wanted - found == set(), "every key's action must be in the palette"

    drive(demo_db, scenario)


# Changes from elsewhere, and the language ---------------------------------------------

def test_a_change_by_another_writer_shows_up_after_the_poll(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        before = dashboard(app).events
        with Ledger(demo_db, actor="someone.else") as other:
            other.execute([c.HoldBoardMeeting(ref="STY-LIVE", held_on=date.today(),
                                              minutes_ref="P-LIVE")])
        await settle(pilot, 2.5)
        assert dashboard(app).events == before + 1
        assert dashboard(app).latest[0].actor == "someone.else"
        await pilot.press("h")
        await settle(pilot)
        assert history(app).shown is not None
        assert history(app).shown.total == before + 1  # type: ignore[union-attr]

    drive(demo_db, scenario)


def test_swedish_labels_and_amounts(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        assert app.title == "ASF-liggaren"
        assert text_of(app, "#partners").startswith("Antagna per")
        assert app.screen.query_one("#partners").border_title == "Partner"
        funding = text_of(app, "#funding")
        assert re.search(r"Utbetalt: \d{1,3}( \d{3})*,\d{2} kr", funding), funding
        assert "Avsluta" in {b.binding.description for b in app.screen.active_bindings.values()}

    drive(demo_db, scenario, lang="sv")


def test_money_is_written_the_swedish_and_the_english_way() -> None:
    assert Money(125_000_000).text("sv") == "1 250 000,00 kr"
    assert Money(125_000_000).text("en") == "SEK 1,250,000.00"
    assert Money(5).text("sv") == "0,05 kr"


# The dashboard's read model -----------------------------------------------------------

def _expected(commands: list[c.Command], year: int, as_of: date) -> dict[str, object]:
    """The dashboard's figures computed straight from the commands."""
    # The demo's payments made twice are reversed (issue 15): the dashboard nets them.
    reversed_ = {x.voucher_ref for x in commands if isinstance(x, c.ReversePayment)}
    paid = sum(parse_sek(x.amount_sek) for x in commands
               if isinstance(x, c.PaySupervisorFunding) and x.paid_on.year == year
               and x.voucher_ref not in reversed_)
    other = sum(parse_sek(x.amount_sek) for x in commands
                if isinstance(x, c.RecordExpenditure) and x.paid_on.year == year)
    onboarded: dict[str, list[tuple[date, date | None]]] = {}
    for x in commands:
        if isinstance(x, c.OnboardPartner):
            onboarded.setdefault(x.org_nr, []).append((x.onboarded_on, None))
        elif isinstance(x, c.OffboardPartner):
            onboarded[x.org_nr][-1] = (onboarded[x.org_nr][-1][0], x.offboarded_on)
    participants: dict[str, int] = {}
    for x in commands:
        if isinstance(x, c.ReportParticipants) and parse_report_period(x.period).start.year \
                == year:
            for group, counts in x.counts.items():
                participants[group] = participants.get(group, 0) + counts.total
    held = [x for x in commands if isinstance(x, c.HoldActivity) and x.held_on.year == year]
    return {
        "partners_onboarded": sum(
            any(s <= as_of and (e is None or as_of < e) for s, e in spans)
            for spans in onboarded.values()),
        "funding_decided_ore": sum(
            parse_sek(x.amount_sek) for x in commands
            if isinstance(x, c.DecideSupervisorFunding) and x.decided_on.year == year),
        "funding_paid_ore": paid,
        "expenditure_ore": paid + other,
        "activities_held": len(held),
        "attendance": sum(sum(x.attendance.values()) for x in held),
        "participants": dict(sorted(participants.items())),
        "actions_total": sum(isinstance(x, c.AddAction) and x.year == year for x in commands),
        "actions_completed": sum(
            isinstance(x, c.CompleteAction) and x.year == year for x in commands),
        "actions_dropped": sum(isinstance(x, c.DropAction) and x.year == year for x in commands),
    }


def test_dashboard_figures_match_sums_over_the_demo_commands(demo_file: Path) -> None:
    commands = demo_commands(DEMO_YEARS, DEMO_SEED)
    today = date.today()
    with Ledger(str(demo_file), read_only=True) as ledger:
        state = fold(ledger_events(ledger.store))
        # The read model as the app gets it (read-only: caught up in memory) is the same.
        tracked = catch_up(ledger, DashboardState)
        assert tracked.model.to_bytes() == state.to_bytes()
        for year in range(today.year - DEMO_YEARS + 1, today.year + 1):
            shown = figures(state, year)
            expected = _expected(commands, year, shown.as_of)
            actual = {key: getattr(shown, key) for key in expected}
            assert actual == expected, year
            assert shown.funding_paid_ore > 0 and shown.partners_onboarded > 0
            assert figures(tracked.model, year) == shown
        assert shown.events == ledger.head()
        assert len(shown.latest) == 10 and shown.latest[0].position == ledger.head()
        # Typed: the time it was recorded (the demo file was made by this test run).
        assert timedelta(0) < datetime.now(UTC) - shown.latest[0].time < timedelta(hours=1)


def test_the_dashboard_opens_from_its_saved_read_model(tmp_path: Path) -> None:
    """Writers that leave the saved read model behind (``keep_read_models=False``): the
    first open folds the whole history and saves it, the next feeds only what was
    recorded meanwhile, then nothing. A writer that keeps it up (the default: the CLI,
    the forms) leaves nothing for the next open to feed."""
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="demo", keep_read_models=False) as ledger:
        ledger.execute(demo_commands(DEMO_YEARS, DEMO_SEED))
    opened: list[tuple[int, bool, int]] = []

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.tracked is not None
        opened.append((screen.tracked.fed, screen.tracked.rebuilt, dashboard(app).events))

    def meeting(ref: str, *, keep: bool) -> None:
        with Ledger(db, actor="someone.else", keep_read_models=keep) as other:
            other.execute([c.HoldBoardMeeting(ref=ref, held_on=date.today(),
                                              minutes_ref=f"P-{ref}")])

    drive(db, scenario)  # the first open folds the whole history and saves it
    meeting("STY-SAVED", keep=False)
    drive(db, scenario)  # the next feeds only what was recorded meanwhile
    drive(db, scenario)  # and then nothing
    meeting("STY-KEPT", keep=True)
    drive(db, scenario)  # the writer fed it already
    total = head(db)
    assert opened == [(total - 2, True, total - 2), (1, False, total - 1),
                      (0, False, total - 1), (0, False, total)]
    with Ledger(db, read_only=True) as ledger:
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None and saved.head.position == total


def test_a_read_only_ledger_opens_without_writing_its_file(demo_file: Path) -> None:
    before = demo_file.read_bytes()

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        assert dashboard(app).events == head(str(demo_file)) > 0
        await pilot.press("R")  # rebuilding, too, happens in memory only
        await settle(pilot)
        assert dashboard(app).events > 0

    drive(str(demo_file), scenario, read_only=True)
    assert demo_file.read_bytes() == before


# The dashboard as it was -------------------------------------------------------------

def test_looking_back_to_a_date_shows_the_dashboard_as_it_was_then(tmp_path: Path) -> None:
    """Three quarters of the demo recorded on 1 March, the rest on 1 June: looking back
    to 1 April, the dashboard shows only the first part, counted as of that day."""
    early, then, late = (datetime(2026, 3, 1, 12, tzinfo=UTC), date(2026, 4, 1),
                         datetime(2026, 6, 1, 12, tzinfo=UTC))
    now = datetime(2026, 9, 15, 9, 30, tzinfo=UTC)
    # Decided up to the day before the first recording: a thing done may not lie after
    # the day it is recorded (issue 16).
    commands = demo_commands(DEMO_YEARS, DEMO_SEED, today=date(2026, 2, 28))
    split = len(commands) * 3 // 4
    db = str(tmp_path / "ledger.sqlite")
    with time_machine.travel(early, tick=False), Ledger(db, actor="early") as ledger:
        ledger.execute(commands[:split])
    with time_machine.travel(late, tick=False), Ledger(db, actor="late") as ledger:
        ledger.execute(commands[split:])
    expected_then = _expected(commands[:split], 2026, then)
    expected_now = _expected(commands, 2026, now.date())
    assert expected_then != expected_now, "the part recorded later must show"

    def shown(app: LedgerApp, expected: dict[str, object]) -> dict[str, object]:
        return {key: getattr(dashboard(app), key) for key in expected}

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        assert dashboard(app).year == 2026
        assert shown(app, expected_now) == expected_now
        live = text_of(app, "#funding")
        total = dashboard(app).events
        await pilot.press("T", *then.isoformat(), "enter")
        await settle(pilot)
        assert app.look_back == LookBack(as_of=then) and app.read_only
        assert dashboard(app).as_of == then and dashboard(app).events == split_events
        assert shown(app, expected_then) == expected_then
        assert "2026-04-01" in text_of(app, "#dash-title")
        assert text_of(app, "#funding") != live
        paid_then = expected_then["funding_paid_ore"]
        assert isinstance(paid_then, int)
        assert Money(paid_then).text("en") in text_of(app, "#funding")
        assert not app.screen.check_action("reload", ())  # nothing is rebuilt meanwhile
        # Another screen and back: still as it was.
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert shown(app, expected_then) == expected_then
        await pilot.press("escape")  # back to now
        await settle(pilot)
        assert not app.looking_back and dashboard(app).events == total
        assert shown(app, expected_now) == expected_now
        assert text_of(app, "#funding") == live

    with Ledger(db, read_only=True) as ledger:
        split_events = sum(1 for e in ledger_events(ledger.store, as_of=then))
    with time_machine.travel(now, tick=False):
        drive(db, scenario)
