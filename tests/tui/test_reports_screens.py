"""The board's report, compliance and settings screens, driven through Textual's Pilot on a
real SQLite ledger in a tmp dir (settings in a tmp config dir: ``conftest.py``).

What the screens show is checked against what the command line asks the ledger
(``board_report``, ``prove``, ``verify``) on the same ledger; every key of the three
screens is pressed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import sqlite3
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from asfledger import cli
from asfledger.audit import compliance as audit_compliance
from asfledger.audit.compliance import as_json, prove
from asfledger.audit.verify import verify
from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from asfledger.queries import report as report_query
from domain import commands as c
from domain.values import Period
from tests.audit.test_compliance_proof import force
from tests.domain import builders as b
from tests.tui.driving import key_now
from tui.app import LedgerApp
from tui.screens.compliance import ComplianceScreen, VerifyDialog
from tui.screens.help import HelpScreen
from tui.screens.reports import (
    ReportsScreen,
    change_kind,
    step_period,
)
from tui.screens.settings import KeyDialog, SettingsScreen
from tui.screens.timetravel import EventDetailScreen
from tui.screens.welcome import DEMO_SEED, DEMO_YEARS
from tui.settings import Settings, load_settings, save_settings, settings_path
from tui.widgets.confirm import ConfirmDialog

Scenario = Callable[[LedgerApp, Pilot[int]], Awaitable[None]]


def drive(db: str, scenario: Scenario, *, lang: str = "en", size: tuple[int, int] = (110, 36)
          ) -> None:
    async def main() -> None:
        app = LedgerApp(db, actor="test", lang=lang)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int], pause: float = 0.0) -> None:
    await pilot.pause(pause)
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


async def press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


def current_screen(app: LedgerApp) -> Screen[Any]:
    """The screen on top now (a function, so that mypy forgets an earlier narrowing)."""
    return app.screen


def keys_of(cls: type[Screen[Any]]) -> dict[str, Binding]:
    return {b.action: b for b in Binding.make_bindings(cls.BINDINGS)}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Ledger(str(path), actor="demo") as ledger:
        ledger.execute(demo_commands(DEMO_YEARS, DEMO_SEED))
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    shutil.copy(demo_file, path)
    return str(path)


def reports(app: LedgerApp) -> ReportsScreen:
    assert isinstance(app.screen, ReportsScreen)
    return app.screen


def compliance(app: LedgerApp) -> ComplianceScreen:
    screen = app.screen
    assert isinstance(screen, ComplianceScreen), screen
    return screen


# The board's report ---------------------------------------------------------------------

def test_periods_step_and_change_kind() -> None:
    assert step_period(Period.parse("2026"), -1).code == "2025"
    assert step_period(Period.parse("2026-Q1"), -1).code == "2025-Q4"
    assert step_period(Period.parse("2026-Q4"), 1).code == "2027-Q1"
    assert step_period(Period.parse("2026-12"), 1).code == "2027-01"
    today = date(2026, 5, 20)
    assert change_kind(Period.parse("2026"), "quarter", today).code == "2026-Q2"
    assert change_kind(Period.parse("2025"), "month", today).code == "2025-01"
    assert change_kind(Period.parse("2026-05"), "year", today).code == "2026"


def _without_checkpoint(figures: dict[str, object]) -> dict[str, object]:
    compliance = dict(figures["compliance"])  # type: ignore[call-overload]
    compliance.pop("checkpoint")  # its time is when it was made
    return {**figures, "compliance": compliance}


def test_the_report_previews_the_period_as_the_command_line_builds_it(demo_db: str) -> None:
    year = date.today().year

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "b")
        screen = reports(app)
        assert screen.period.code == str(year)  # the current year by default
        assert screen.markdown.startswith(f"# Board report: the ASF policy, {year}")
        assert screen.folded is not None
        with Ledger(demo_db, read_only=True) as ledger:
            for code in (str(year - 1), f"{year - 1}-Q2", f"{year - 1}-05"):
                period = Period.parse(code)
                expected = ledger.board_report().figures(period)
                shown = screen.folded.figures(period)
                assert _without_checkpoint(shown) == _without_checkpoint(expected), code
        status = str(screen.query_one("#report-status", Static).content)
        assert f"{year}-01-01 – {year}-12-31" in status

    drive(demo_db, scenario)


def test_every_report_key_and_the_period_picker(demo_db: str, tmp_path: Path) -> None:
    year = date.today().year

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "b")
        screen = reports(app)
        bindings = keys_of(ReportsScreen)
        assert set(bindings) == {"step(-1)", "step(1)", "cycle_kind", "export", "cancel",
                                 "run"}  # cancel: test_the_board_report_can_be_cancelled
        before = screen.folded
        await press(pilot, bindings["run"].key)  # p: folded again
        assert screen.folded is not before and screen.folded is not None
        await press(pilot, bindings["step(-1)"].key)
        assert screen.period.code == str(year - 1)
        assert "# Board report: the ASF policy, " + str(year - 1) in screen.markdown
        await press(pilot, bindings["step(1)"].key)
        assert screen.period.code == str(year)
        kinds = []
        for _ in range(3):
            await press(pilot, bindings["cycle_kind"].key)
            kinds.append(screen.period.kind)
            assert screen.query_one("#report-kind", Select).value == screen.period.kind
            assert screen.query_one("#report-period", Input).value == screen.period.code
        assert kinds == ["quarter", "month", "year"]
        # The kind picked in the select; the period typed (validated as you type).
        screen.query_one("#report-kind", Select).value = "month"
        await settle(pilot)
        assert screen.period.kind == "month"
        period_input = screen.query_one("#report-period", Input)
        period_input.value = "2025-13"
        await settle(pilot)
        assert period_input.has_class("-invalid")
        assert "2025-13" in str(screen.query_one("#report-status", Static).content)
        assert screen.period.kind == "month"  # unchanged
        period_input.value = "2025-Q3"
        await settle(pilot)
        assert not period_input.has_class("-invalid")
        assert screen.period.code == "2025-Q3"
        assert "2025-Q3" in screen.markdown
        assert screen.query_one("#export-path", Input).value == "board-report-2025-Q3.md"
        # Export as CSV to a chosen file: ``e`` writes it in a worker and says so.
        screen.query_one("#export-format", Select).value = "csv"
        await settle(pilot)
        target = tmp_path / "out" / "q3.csv"
        target.parent.mkdir()
        screen.query_one("#export-path", Input).value = str(target)
        screen.query_one("#report-scroll").focus()
        await press(pilot, bindings["export"].key)
        written = target.read_bytes().decode("utf-8")
        assert written.startswith("\ufeff") and "\r\n2025-07-01;2025-09-30;" in written
        assert screen.exported == target
        assert str(target) in str(screen.query_one("#report-status", Static).content)
        # Again: the file is there, so first the question. No keeps it, yes replaces it.
        target.write_text("old")
        await press(pilot, bindings["export"].key)
        assert isinstance(app.screen, ConfirmDialog) and app.screen.id == "replace-file"
        await press(pilot, "n")
        assert target.read_text() == "old"
        await press(pilot, bindings["export"].key)
        await press(pilot, "y")
        assert target.read_bytes().decode("utf-8").startswith("\ufeff")

    drive(demo_db, scenario)


def test_the_report_exports_a_workbook(demo_db: str, tmp_path: Path) -> None:
    """xlsx from the UI too: the same workbook as ``report board --format xlsx``."""
    from openpyxl import load_workbook

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "b")
        screen = reports(app)
        screen.query_one("#export-format", Select).value = "xlsx"
        await settle(pilot)
        assert screen.query_one("#export-path", Input).value.endswith(".xlsx")
        target = tmp_path / "rapport.xlsx"
        screen.query_one("#export-path", Input).value = str(target)
        screen.query_one("#report-scroll").focus()
        await press(pilot, keys_of(ReportsScreen)["export"].key)
        for _ in range(50):
            if screen.exported == target:
                break
            await settle(pilot, 0.1)
        assert screen.exported == target
        book = load_workbook(target)
        assert book.sheetnames[0] == "Summary" and "Expenditure" in book.sheetnames

    drive(demo_db, scenario)


def test_the_report_follows_the_language(demo_db: str) -> None:
    year = date.today().year

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "b")
        assert reports(app).markdown.startswith(f"# Styrelserapport: ASF-policyn, {year}")
        await press(pilot, "l")
        await settle(pilot, 0.1)
        assert reports(app).markdown.startswith(f"# Board report: the ASF policy, {year}")

    drive(demo_db, scenario, lang="sv")


# Compliance -----------------------------------------------------------------------------

def test_progress_is_reported_while_proving(demo_file: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_compliance, "PROGRESS_EVERY", 100)
    seen: list[int] = []
    with Ledger(str(demo_file), read_only=True) as ledger:
        report = prove(ledger.store, ledger_id=ledger.ledger_id(), progress=seen.append)
        head = ledger.head()
    assert seen == [*range(100, head + 1, 100), head]
    assert report.proven


def test_the_board_fold_reports_progress_over_both_passes(
        demo_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The report's pass, then the proof's: ``done`` runs to twice the head."""
    monkeypatch.setattr(audit_compliance, "PROGRESS_EVERY", 100)
    monkeypatch.setattr(report_query, "PROGRESS_EVERY", 100)
    seen: list[int] = []
    with Ledger(str(demo_file), read_only=True) as ledger:
        folded = ledger.board_report(progress=seen.append)
        head = ledger.head()
        made = [fold.figures(Period.parse("2025"))
                for fold in (folded, ledger.board_report())]
        for figures in made:  # the checkpoint says when it was made
            assert figures["compliance"].pop("checkpoint").startswith("asfledger-checkpoint")
        assert made[0] == made[1]
    each = [*range(100, head + 1, 100), head]
    assert seen == [*each, *(head + done for done in each)]


async def first_progress(pilot: Pilot[int], screen: ReportsScreen | ComplianceScreen
                         ) -> None:
    for _ in range(3000):
        if screen.done > 0:
            return
        await pilot.pause(0.01)
    raise AssertionError("no progress shown")


def test_the_board_report_shows_progress_and_escape_cancels_it(large_file: Path) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        head = app.ledger.head()
        key_now(app, "b")
        for _ in range(100):
            await pilot.pause(0.01)
            if isinstance(app.screen, ReportsScreen):
                break
        screen = reports(app)
        await first_progress(pilot, screen)
        bar = screen.query_one("#report-progress", ProgressBar)
        assert screen.running and bar.total == 2 * head and 0 < (bar.progress or 0) < 2 * head
        assert str(screen.query_one("#report-status", Static).content).startswith(
            "Reading the history for the report and the proof: ")
        await press(pilot, "escape")
        assert app.screen is screen  # escape cancelled; it did not go back
        assert screen.cancelled and not screen.running and screen.folded is None
        status = str(screen.query_one("#report-status", Static).content)
        assert status.startswith("Cancelled at ") and status.endswith(" · p runs it again")
        assert screen.done < 2 * head
        await press(pilot, "p")  # run again, to the end
        assert screen.folded is not None and screen.folded.head == head
        assert not screen.cancelled and bar.has_class("-done")
        await press(pilot, "escape")  # nothing to cancel: back to the dashboard
        assert app.screen is not screen

    drive(str(large_file), scenario)


def test_the_compliance_view_shows_progress_and_escape_cancels_it(large_file: Path
                                                                  ) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        head = app.ledger.head()
        key_now(app, "c")
        for _ in range(100):
            await pilot.pause(0.01)
            if isinstance(app.screen, ComplianceScreen):
                break
        screen = compliance(app)
        await first_progress(pilot, screen)
        bar = screen.query_one("#proof-progress", ProgressBar)
        assert screen.running and bar.total == head and 0 < (bar.progress or 0) < head
        await press(pilot, "escape")
        assert app.screen is screen
        assert screen.cancelled and not screen.running and screen.report is None
        status = str(screen.query_one("#proof-status", Static).content)
        assert status.startswith("Cancelled at ") and status.endswith(" · p proves again")
        await press(pilot, "p")
        assert screen.report is not None and screen.report.proof.events == head
        await press(pilot, "escape")
        assert app.screen is not screen

    drive(str(large_file), scenario)


def test_compliance_shows_each_rule_as_the_proof_does(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "c")
        screen = compliance(app)
        head = app.ledger.head()
        bar = screen.query_one("#proof-progress", ProgressBar)
        assert (bar.total, bar.progress) == (head, head)
        with Ledger(demo_db, read_only=True) as ledger:
            expected = as_json(prove(ledger.store, ledger_id=ledger.ledger_id()), "en")
        rules = screen.query_one("#rules", DataTable)
        shown = {str(rules.get_row_at(i)[1]): [str(c) for c in rules.get_row_at(i)]
                 for i in range(rules.row_count)}
        assert list(shown) == list(expected["rules"])
        open_rules = {item["rule"] for item in expected["to_review"]}
        for code, rule in expected["rules"].items():
            mark = "?" if code in open_rules else "✓"
            assert shown[code] == [mark, code, str(rule["events_examined"]), "0",
                                   rule["title"]]
        assert "no violation found" in str(screen.query_one("#verdict", Static).content)
        # The first rule's panel lists what is left to review under it, not only its
        # violations: a "?" beside the rule is explained where the rule is shown.
        first = next(iter(expected["rules"]))
        reviews = [item for item in expected["to_review"] if item["rule"] == first]
        assert screen.rule == first and reviews  # the demo leaves F1 texts to review
        table = screen.query_one("#violations", DataTable)
        rows = [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
        assert [r[0] for r in rows] == [str(item["position"]) for item in reviews]
        assert [r[3] for r in rows] == [f"To review: {item['detail']}" for item in reviews]
        assert f"{len(reviews)} to review" in str(table.border_title)

    drive(demo_db, scenario)


def test_a_violation_drills_down_to_its_event(demo_db: str) -> None:
    with Ledger(demo_db, actor="test") as ledger:
        force(ledger, b.expenditure("UTG-FORGED", purpose="cash_grant"))
        forged = ledger.head()

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "c")
        screen = compliance(app)
        rules = screen.query_one("#rules", DataTable)
        assert [str(c) for c in rules.get_row_at(0)][:2] == ["✗", "F1"]
        assert str(rules.get_row_at(0)[3]) == "1"
        assert "1 violations found" in str(screen.query_one("#verdict", Static).content)
        violations = screen.query_one("#violations", DataTable)
        assert screen.rule == "F1" and violations.row_count >= 1
        assert [str(c) for c in violations.get_row_at(0)][:3] == [
            str(forged), "2026-04-30", "UTG-FORGED"]
        # After the violation, what is left to review under F1 (the demo's texts).
        assert all(str(violations.get_row_at(i)[3]).startswith("To review: ")
                   for i in range(1, violations.row_count))
        await press(pilot, "enter")  # on the rule: to its violations
        assert screen.focused is violations
        await press(pilot, "enter")  # on the violation: its event
        detail = app.screen
        assert isinstance(detail, EventDetailScreen) and detail.position == forged
        assert detail.info is not None
        assert detail.info.type == "Expenditure.Recorded" and detail.info.actor == "forged"
        assert detail.info.chain is not None and len(detail.info.chain) == 64
        await press(pilot, "escape")
        assert app.screen is screen
        rules.focus()
        await press(pilot, "down")  # another rule: none of its violations
        assert screen.rule == "F2" and violations.row_count == 0

    drive(demo_db, scenario)


def test_every_compliance_key(demo_db: str, tmp_path: Path) -> None:
    good = tmp_path / "checkpoint.txt"
    with Ledger(demo_db, read_only=True) as ledger:
        good.write_text(verify(ledger.store).checkpoint().text())

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "c")
        screen = compliance(app)
        bindings = keys_of(ComplianceScreen)
        assert set(bindings) == {"prove", "verify", "cancel"}  # test_..._can_be_cancelled
        before = screen.report
        with Ledger(demo_db, actor="someone.else") as other:
            other.execute([c.HoldBoardMeeting(ref="STY-NEW", held_on=date.today(),
                                              minutes_ref="P-NEW")])
        await press(pilot, bindings["prove"].key)
        assert screen.report is not before and screen.report is not None
        assert screen.report.proof.events == app.ledger.head() == screen.total
        # v: the chain alone, then against the board's checkpoint.
        await press(pilot, bindings["verify"].key)
        dialog = app.screen
        assert isinstance(dialog, VerifyDialog)
        await press(pilot, "enter")
        result = str(dialog.query_one("#verify-result", Static).content)
        assert result.startswith("✓ verified:") and "0 checkpoints match" in result
        dialog.query_one("#checkpoint-path", Input).value = str(good)
        await press(pilot, "enter")
        assert "1 checkpoint matches" in str(dialog.query_one("#verify-result", Static).content)
        dialog.query_one("#checkpoint-path", Input).value = str(tmp_path / "missing.txt")
        await press(pilot, "enter")
        assert dialog.error is not None and "missing.txt" in dialog.error
        await press(pilot, "escape")
        assert app.screen is screen

    drive(demo_db, scenario)


def test_verify_names_the_first_bad_position_of_a_changed_history(demo_db: str,
                                                                    tmp_path: Path) -> None:
    checkpoint = tmp_path / "checkpoint.txt"
    with Ledger(demo_db, read_only=True) as ledger:
        checkpoint.write_text(verify(ledger.store).checkpoint().text())
    # Somebody edits event 42 in the file.
    with contextlib.closing(sqlite3.connect(demo_db)) as conn, conn:
        table = "stored_events"
        (state,) = conn.execute(f"SELECT state FROM {table} WHERE rowid = 42").fetchone()
        changed = bytes(state).replace(b'"actor":"', b'"actor":"X', 1)
        conn.execute(f"UPDATE {table} SET state = ? WHERE rowid = 42", (changed,))

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "c", "v")
        dialog = app.screen
        assert isinstance(dialog, VerifyDialog)
        dialog.query_one("#checkpoint-path", Input).value = str(checkpoint)
        await press(pilot, "enter")
        assert dialog.result is not None and dialog.result.first_bad is not None
        assert dialog.result.first_bad.position == 42
        assert dialog.error is not None
        assert dialog.error.startswith("verification failed: position 42")

    drive(demo_db, scenario)


# Settings -------------------------------------------------------------------------------

def test_settings_are_saved_in_the_config_dir_and_read_back(config_dir: Path) -> None:
    assert settings_path() == config_dir / "settings.json"
    assert load_settings() == Settings()
    save_settings(Settings(language="sv", theme="nord", keys={"app.quit": "ctrl+q"}))
    assert json.loads(settings_path().read_text()) == {
        "language": "sv", "theme": "nord", "keys": {"app.quit": "ctrl+q"}}
    assert load_settings().keys == {"app.quit": "ctrl+q"}


def test_the_settings_screen_saves_language_theme_and_keys(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.query_one("#theme", Select).value = "asfledger-calm"
        await settle(pilot)
        assert app.theme == "asfledger-calm"
        assert load_settings().theme == "asfledger-calm"
        screen.query_one("#language", Select).value = "sv"
        await settle(pilot, 0.1)
        assert app.lang == "sv" and load_settings().language == "sv"
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        # enter on a row asks for the new key; History becomes F5.
        table = screen.query_one("#keys", DataTable)
        table.focus()
        row = table.get_row_index("app.history")
        table.move_cursor(row=row)
        await press(pilot, "enter")
        assert isinstance(app.screen, KeyDialog)
        await press(pilot, "f5")
        assert load_settings().keys == {"app.history": "f5"}
        assert str(table.get_row_at(row)[1]) == app.get_key_display(Binding("f5", ""))
        await press(pilot, "d", "f5")
        assert app.current_mode == "history"
        await press(pilot, "d", "h")  # h no longer goes there
        assert app.current_mode == "dashboard"
        await press(pilot, "comma")
        screen = current_screen(app)
        assert isinstance(screen, SettingsScreen)
        table = screen.query_one("#keys", DataTable)
        table.move_cursor(row=table.get_row_index("app.history"))
        await press(pilot, "delete")  # del: the default key again
        assert load_settings().keys == {}
        await press(pilot, "d", "h")
        assert app.current_mode == "history"

    drive(demo_db, scenario)


def _help_rows(app: LedgerApp) -> list[tuple[str, str]]:
    help_screen = app.screen
    assert isinstance(help_screen, HelpScreen)
    table = help_screen.query_one("#help-keys", DataTable)
    return [(str(table.get_row_at(i)[0]), str(table.get_row_at(i)[1]))
            for i in range(table.row_count)]


def test_f1_lists_the_keys_as_the_user_rebound_them(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "f1")
        assert ("h", "History") in _help_rows(app)
        await press(pilot, "escape", "comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        table = screen.query_one("#keys", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index("app.history"))
        await press(pilot, "enter", "f5")  # History becomes F5
        assert load_settings().keys == {"app.history": "f5"}
        await press(pilot, "d", "f1")
        rows = _help_rows(app)
        f5 = app.get_key_display(Binding("f5", ""))
        assert [key for key, what in rows if what == "History"] == [f5]
        assert ("h", "History") not in rows and ("d", "Dashboard") in rows

    drive(demo_db, scenario)
    # From the next start on, too, and a screen's own key (the report's export: x).
    save_settings(Settings(keys={"app.history": "f5", "reports.export": "x"}))

    async def restarted(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "b", "f1")
        rows = _help_rows(app)
        assert [key for key, what in rows if what in ("History", "Export")] == [
            "x", app.get_key_display(Binding("f5", ""))]

    drive(demo_db, restarted)


def test_the_settings_file_is_applied_at_start(demo_db: str) -> None:
    save_settings(Settings(theme="textual-light", keys={"nav.compliance": "f6"}))

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        assert app.theme == "textual-light"
        await press(pilot, "f6")
        assert isinstance(app.screen, ComplianceScreen)
        # A theme chosen in the command palette is kept for the next start.
        app.theme = "nord"
        await settle(pilot)
        assert load_settings().theme == "nord"

    drive(demo_db, scenario)


def test_a_broken_settings_file_is_reported_and_left_alone(demo_db: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": 3}')

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        assert app.theme == "textual-dark"
        assert any("$.theme" in str(n.message) for n in app._notifications)
        app.theme = "nord"
        await settle(pilot)

    drive(demo_db, scenario)
    assert path.read_text() == '{"theme": 3}'


def test_the_command_line_opens_the_ui_in_the_saved_language(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    opened: dict[str, object] = {}

    def run(**kwargs: object) -> int:
        opened.update(kwargs)
        return 0

    monkeypatch.setattr("tui.app.run", run)
    monkeypatch.delenv("ASFLEDGER_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    db = str(tmp_path / "l.sqlite")
    save_settings(Settings(language="sv"))
    assert cli.run(["--db", db, "tui"]) == 0
    assert opened["lang"] == "sv"
    assert cli.run(["--db", db, "--lang", "en", "tui"]) == 0  # --lang wins
    assert opened.get("lang") == "en"
    assert msgspec.json.decode(settings_path().read_bytes())["language"] == "sv"


def test_every_settings_key_and_the_navigation_keys(demo_db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for key, screen_type in (("b", ReportsScreen), ("c", ComplianceScreen),
                                 ("comma", SettingsScreen)):
            await press(pilot, key)
            assert isinstance(app.screen, screen_type)
        assert set(keys_of(SettingsScreen)) == {"rebind", "reset_key"}
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        screen.set_key("app.quit", "ctrl+x")
        assert load_settings().keys == {"app.quit": "ctrl+x"}
        await press(pilot, "delete")  # the first row (app.dashboard) has its default
        assert load_settings().keys == {"app.quit": "ctrl+x"}
        table = screen.query_one("#keys", DataTable)
        table.move_cursor(row=table.get_row_index("app.quit"))
        await press(pilot, "enter", "escape")  # escape keeps the key
        assert load_settings().keys == {"app.quit": "ctrl+x"}
        await press(pilot, "delete")
        assert load_settings().keys == {}

    drive(demo_db, scenario)
