"""The coordinator's day (issue 19), driven through Textual's Pilot on a real SQLite
ledger in a tmp dir: nothing typed is lost, escape steps back, help lists every key.

The small ledger and the helpers are the forms' (``tests/tui/test_forms.py``).
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Label, OptionList, Select, Static

from asfledger.decode import ledger_events
from asfledger.demo import demo_commands, record_demo
from asfledger.history import entries
from asfledger.ledger import Ledger
from asfledger.queries.snapshot import LookBack
from domain import commands as c
from domain.aggregates import Effort, Partner
from domain.money import Money
from domain.values import Period
from projections.board_report import BoardReport
from tests.tui import test_forms
from tests.tui.test_forms import (
    P1,
    P2,
    P3,
    P4,
    asked,
    checked,
    drive,
    form,
    open_,
    settle,
    stored,
    text,
)
from tui.app import LedgerApp
from tui.forms import CommandForm
from tui.forms.criteria import CriteriaForm
from tui.forms.dialogs import LeaveDialog
from tui.forms.picker import RecordPicker, open_form
from tui.screens.help import HelpScreen
from tui.screens.history import page_of
from tui.screens.parts.part_screen import PartScreen
from tui.screens.reports import ReportsScreen
from tui.settings import settings_path
from tui.widgets.confirm import ConfirmDialog

# The forms' small ledger, a fresh copy for each test.
base_file = test_forms.base_file
db = test_forms.db

# Nothing typed is lost ------------------------------------------------------------------


def test_escape_in_a_changed_form_asks_and_a_draft_comes_back(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        # An untouched form closes at once.
        f = await open_(app, pilot, "register_partner")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CommandForm)

        # Typed in: escape asks; escape again (a stray one) keeps editing.
        f = await open_(app, pilot, "register_partner")
        await pilot.press(*P3, "tab", *"Kaffekoppen")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert form(app) is f
        assert f.query_one("#f-name", Input).value == "Kaffekoppen"

        # Keep a draft: the form closes, and reopening it restores what was typed.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, (CommandForm, LeaveDialog))
        f = await open_(app, pilot, "register_partner")
        assert f.from_draft
        assert f.query_one("#f-org_nr", Input).value == P3
        assert f.query_one("#f-name", Input).value == "Kaffekoppen"

        # Unchanged, a restored draft still asks: discarding it forgets it.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("x")
        await settle(pilot)
        f = await open_(app, pilot, "register_partner")
        assert not f.from_draft and f.query_one("#f-name", Input).value == ""

        # A draft ends when its form is recorded.
        await pilot.press(*P3, "tab", *"Kaffekoppen", "tab")
        f.query_one("#f-legal_form", Select).value = "ideell_forening"
        f.query_one("#f-districts").select("bromma")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "register_partner" in app.drafts
        f = await open_(app, pilot, "register_partner")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert "register_partner" not in app.drafts

    drive(db, scenario)
    assert stored(db, Partner, P3).name == "Kaffekoppen"


# Escape: out of the text box, then back a screen ----------------------------------------

def test_escape_leaves_the_filter_box_then_goes_back_a_screen(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await settle(pilot)

        await press("1")  # partners
        await press("h")  # history
        await press("slash")
        assert isinstance(app.focused, Input)
        await press("escape")  # an empty filter box: escape leaves it
        assert isinstance(app.focused, DataTable) and app.current_mode == "history"
        await press("d")  # and d is a key again, not a letter typed into the box
        assert app.current_mode == "dashboard"
        await press("escape")
        assert app.current_mode == "history"
        await press("escape")
        assert app.current_mode == "partners"

    drive(db, scenario)


# Help, language, the report's g ----------------------------------------------------------

def test_question_mark_and_f1_open_help_listing_every_key(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("b")
        await settle(pilot)
        assert isinstance(app.screen, ReportsScreen)
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, HelpScreen), key
            listed = {k for k, _ in app.screen.keys}
            assert {"g", "l", "q", "?", "f1", "esc", "r", "T", "d"} <= listed, listed
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ReportsScreen)

        # g reaches the screen even when the period's dropdown has the focus.
        screen = app.screen
        screen.query_one("#report-kind", Select).focus()
        kind = screen.period.kind
        await pilot.press("g")
        await settle(pilot)
        assert screen.period.kind != kind

    drive(db, scenario)


def test_l_switches_the_language_and_saves_it(db: str, config_dir: Path) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("l")
        await settle(pilot)
        assert app.lang == "sv"

    drive(db, scenario)
    assert json.loads(settings_path().read_text())["language"] == "sv"
    assert settings_path().parent == config_dir


# One figure: re-reported counts replace, and the form says so first ---------------------

def test_reporting_participants_again_says_what_it_replaces(db: str) -> None:
    with Ledger(db, actor="setup") as ledger:
        ledger.execute([c.ReportParticipants(ref="EFF-1", period="2025-Q2", counts={
            "long_term_unemployed": c.GenderCounts(women=4, men=3)})])

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        f = await open_(app, pilot, "report_participants")
        f.fill({"ref": "EFF-1", "period": "2025-Q2",
                "counts": {"long_term_unemployed": {"women": 2, "men": 1}}})
        await checked(pilot)
        status = text(app, "#form-status")
        assert "Ready to record" in status
        assert "Replaces the count reported on" in status and "(7 participants)" in status
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        assert "Replaces the count reported on" in text(app, "#confirm-summary")
        await pilot.press("y")
        await settle(pilot)

        # A new period replaces nothing: no note.
        f = await open_(app, pilot, "report_participants")
        f.fill({"ref": "EFF-1", "period": "2025-Q3",
                "counts": {"long_term_unemployed": {"women": 2}}})
        await checked(pilot)
        assert "Replaces" not in text(app, "#form-status")

    drive(db, scenario)
    effort = stored(db, Effort, "EFF-1")
    assert effort.participants_within("2025") == 3


# Forms start from where you are -----------------------------------------------------------

def test_the_selected_row_fills_the_form_s_subject(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await settle(pilot)

        async def pick(screen_key: str, row_key: str, command: str) -> CommandForm:
            await press(screen_key)
            screen = app.screen
            table = screen.query_one("#list", DataTable)
            table.move_cursor(row=table.get_row_index(row_key))
            await settle(pilot)
            assert getattr(screen, "selected", None) == row_key
            await press("r")
            assert isinstance(app.screen, RecordPicker)
            app.screen.dismiss(command)  # as if chosen in the list
            await settle(pilot)
            return form(app)

        f = await pick("1", P4, "assess_criterion")
        assert f.values()[0]["org_nr"] == P4
        assert app.focused is not None and app.focused.id == "f-criterion"  # first empty
        await press("escape")
        # A partner the form does not offer (P1 is onboarded already): left to choose.
        f = await pick("1", P1, "onboard_partner")
        assert "org_nr" not in f.values()[0]
        await press("escape")
        f = await pick("2", "SF-1", "pay_supervisor_funding")
        assert f.values()[0]["ref"] == "SF-1"
        await press("escape")
        f = await pick("6", "EFF-1", "report_participants")
        assert f.values()[0]["ref"] == "EFF-1"
        await press("escape")

        # The picker opens on the commands of the screen's part.
        await press("6", "r")
        picker = app.screen
        assert isinstance(picker, RecordPicker)
        options = picker.query_one("#picker-commands", OptionList)
        highlighted = options.highlighted
        assert highlighted is not None
        assert options.get_option_at_index(highlighted).id == "start_effort"

    drive(db, scenario)


def test_a_partner_from_registration_to_onboarded_in_under_60_keys(db: str) -> None:
    """Register, assess C1–C4 together, onboard: each next decision offered after the
    last, its subject carried over. Every key pressed is counted, typed text included."""
    pressed: list[str] = []

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(*keys: str) -> None:
            pressed.extend(keys)
            await pilot.press(*keys)
            await settle(pilot)

        await press("1", "r")
        assert isinstance(app.screen, RecordPicker)
        await press("enter")  # the partners' screen: "Register a partner" first
        assert form(app).command == "register_partner"
        await press(*P3, "tab", *"Kaffekoppen", "tab")
        await press("enter", "down", "down", "enter", "tab")  # legal form: ideell
        await press("space")  # the first district: Bromma
        await press("ctrl+s")
        assert isinstance(app.screen, ConfirmDialog)
        await press("y")
        assert asked(app, "next")  # next: assess C1–C4
        await press("enter")
        criteria = app.screen
        assert isinstance(criteria, CriteriaForm)
        assert criteria.values()["org_nr"] == P3
        await press(*"Stadgar", "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog), text(app, "#form-status")
        await press("y")
        assert asked(app, "next")  # next: onboard
        await press("enter")
        onboarding = form(app)
        assert onboarding.command == "onboard_partner"
        assert onboarding.values()[0]["org_nr"] == P3
        await press(*"SB-9", "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog), text(app, "#form-status")
        await press("y")
        assert asked(app, "next")  # next: sign an agreement
        assert "agreement" in text(app, "#confirm-question")
        await press("escape")

    drive(db, scenario)
    partner = stored(db, Partner, P3)
    assert partner is not None and len(partner.onboardings) == 1
    assert {k: [(met, evidence) for _, met, evidence in v]
            for k, v in partner.assessments.items()} == {
        k: [(True, "Stadgar")] for k in ("C1", "C2", "C3", "C4")}
    # 53 today: 35 to register (typing 22), 10 to assess C1–C4, 8 to onboard.
    print(f"registration to onboarded: {len(pressed)} keys")
    assert len(pressed) < 60, len(pressed)


# History a person can search ---------------------------------------------------------------

def test_the_history_is_searched_by_name_ref_words_part_and_actor(db: str) -> None:
    with Ledger(db, read_only=True) as ledger:
        def found(needle: str) -> list[str]:
            page = page_of(ledger, 0, needle)
            return [f"{r.type} {r.subject}" for r in page.rows]

        every = page_of(ledger, 0)
        assert [r.position for r in every.rows] == sorted(
            (r.position for r in every.rows), reverse=True)  # newest first
        by_name = found("returbutiken")  # a name, not an org number
        assert f"Partner.Registered Partner {P1} · Returbutiken" in by_name
        assert any(x.startswith("Agreement.Signed Agreement AG-1") for x in by_name)
        assert found("ag-1") and all("AG-1" in x for x in found("ag-1"))  # a ref
        assert found("partner antagen") == found("partner onboarded") == [  # sv and en
            f"Partner.Onboarded Partner {P1} · Returbutiken"]
        efforts = found("part:insats")
        assert efforts and all(x.startswith("Effort.") for x in efforts)
        assert len(found("actor:setup")) == every.total and found("actor:nobody") == []
        assert found("part:partner actor:setup returbutiken") == [
            x for x in by_name if x.startswith("Partner.")]


# Tables that show what matters -------------------------------------------------------------

def test_partners_list_keeps_status_sorts_and_exports_what_it_shows(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(*keys: str) -> None:
            await pilot.press(*keys)
            await settle(pilot)

        await press("1")
        screen = app.screen
        assert isinstance(screen, PartScreen)
        table = screen.query_one("#list", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[:4] == ["Name", "Org. no.", "Status", "Since"]  # never hidden
        # At 80 columns the status column is on screen, beside the key.
        status = list(table.columns.values())[2]
        assert sum(c.get_render_width(table) for c in list(table.columns.values())[:3]) \
            <= table.size.width, status
        cells = {r.key: [str(c) for c in r.cells] for r in screen.all_rows}
        assert cells[P2][4] == "ltd (svb)"  # shortened; in full in the detail
        assert "limited company with restricted dividends (svb)" in str(
            screen.detail_text(P2))

        await press("s")  # sort by the first column: the name
        names = [str(r.cells[0]) for r in screen.matching]
        assert names == sorted(names, key=str.casefold)
        await press("S")  # the other way round
        assert [str(r.cells[0]) for r in screen.matching] == names[::-1]
        await press("s", "s")  # org no., then status
        assert screen.sort_column == 2

        await press("slash", *"verk", "enter")  # the rows the list shows
        shown = [[str(c) for c in r.cells] for r in screen.matching]
        assert 0 < len(shown) < len(screen.all_rows)
        await press("e", "E")

    drive(db, scenario)
    today = date.today().isoformat()
    with (tmp_path / f"partners-{today}.csv").open(encoding="utf-8-sig") as f:
        written = list(csv.reader(f))
    assert written[0][:3] == ["Name", "Org. no.", "Status"]
    assert len(written) > 1 and all(len(r) == 6 for r in written)
    book = load_workbook(tmp_path / f"partners-{today}.xlsx", read_only=True)
    sheet = book.worksheets[0]
    assert [[str(c) for c in r] for r in sheet.iter_rows(values_only=True)] == written


# Words, not codes; one toast; Textual's own commands in Swedish; screenshots ---------------

def test_one_toast_per_save(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    toasts: list[str] = []
    real = LedgerApp.notify

    def notify(app: LedgerApp, message: str, **kwargs: Any) -> None:
        toasts.append(message)  # every notice, whoever gives it (it expires on screen)
        real(app, message, **kwargs)

    monkeypatch.setattr(LedgerApp, "notify", notify)

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        f = await open_(app, pilot, "hold_board_meeting")
        f.fill({"ref": "STY-9", "held_on": "2025-09-15", "minutes_ref": "P-9"})
        await checked(pilot)
        toasts.clear()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot, 2.5)  # past the app's poll of the ledger
        assert len(toasts) == 1 and toasts[0].startswith("Recorded"), toasts

    drive(db, scenario)


def test_textual_s_own_commands_speak_swedish_and_screenshots_go_where_settings_say(
        db: str, tmp_path: Path) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        titles = {c.title for c in app.get_system_commands(app.screen)}
        assert {"Tema", "Avsluta", "Skärmbild"} <= titles and "Quit" not in titles
        await pilot.press("ctrl+p")
        await settle(pilot)
        prompt = app.screen.query_one(Input)
        assert prompt.placeholder == "Sök bland kommandona …"
        await pilot.press("escape")
        await settle(pilot)

        folder = tmp_path / "bilder" / "asfledger"  # missing: created
        app.settings.screenshots = str(folder)
        saved = app.screenshot_now()
        assert saved is not None and saved.parent == folder and saved.stat().st_size > 0
        blocked = tmp_path / "a-file"
        blocked.write_text("")
        app.settings.screenshots = str(blocked / "below")  # cannot be a folder
        assert app.screenshot_now() is None
        await settle(pilot)  # a notice is a message: delivered on the next turn
        said = [n.message for n in app._notifications if str(blocked / "below") in n.message]
        assert len(said) == 1 and "settings.json" in said[0], said

    drive(db, scenario, lang="sv")


# Looking back by either date ---------------------------------------------------------------

def test_the_demo_is_recorded_over_its_years_and_both_kinds_of_looking_back_work(
        tmp_path: Path) -> None:
    today = date(2026, 6, 30)
    path = str(tmp_path / "demo.sqlite")
    with Ledger(path, actor="demo") as ledger:
        commands, events = record_demo(ledger, 2, 7, today=today)
        assert (commands, events) == (len(demo_commands(2, 7, today=today)), ledger.head())
        recorded = [datetime.fromisoformat(e.time) for e in entries(ledger.store)]
    assert recorded == sorted(recorded)  # in increasing time order
    assert recorded[0].date() < date(2025, 3, 1) and recorded[-1].date() <= today
    assert len({r.date().isoformat()[:7] for r in recorded}) >= 17  # month by month

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for look_back, words in ((LookBack(as_of=date(2025, 6, 30)), "as recorded on"),
                                 (LookBack(decided_on=date(2025, 6, 30)), "as decided on")):
            app.look_back_to(look_back)
            await settle(pilot)
            snapshot = app.ledger_state.current
            assert snapshot is not None and snapshot.on == date(2025, 6, 30)
            if look_back.as_of:  # what the ledger knew then: part of the history
                assert 0 < snapshot.until < app.head
            else:  # all recorded until now, judged on that day
                assert snapshot.until == app.head
            assert f"{words} 2025-06-30" in app.sub_title
            title = str(app.screen.query_one("#dash-title", Static).content)
            assert f"2025, {words} 2025-06-30" in title, title
        app.look_back_to(None)
        await settle(pilot)

        # The dialog offers both dates, named as such.
        await pilot.press("T")
        await settle(pilot)
        dialog = app.screen
        await pilot.press("tab", *"2025-03-31", "enter")  # the second field: as decided
        await settle(pilot)
        assert app.look_back == LookBack(decided_on=date(2025, 3, 31)), dialog

    drive(path, scenario)


def test_a_field_required_by_another_says_so_as_you_type_in_words(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        f = await open_(app, pilot, "record_expenditure")
        label = f.query_one("#row-payee_legal_form .form-label", Label)
        assert str(label.content).endswith("(optional)")
        f.fill({"ref": "EXP-9", "paid_on": "2025-05-05", "amount_sek": "100",
                "purpose": "administration", "payee_kind": "supplier", "payee": "LEV-1",
                "description": "Kontorsmaterial"})
        await settle(pilot)
        assert str(label.content) == "Payee's legal form"  # required now
        error = str(f.query_one("#e-payee_legal_form", Static).content)
        assert error == "required"
        cmd, errors = f.build()
        assert cmd is None and "payee_legal_form" not in " ".join(errors.values())
        f.fill({"payee_kind": "party", "payee": "stockholms_stad"})
        await settle(pilot)
        assert str(label.content).endswith("(optional)")

    drive(db, scenario)


# A year through the forms alone, then the board report -------------------------------------

YEAR: list[tuple[str, dict[str, object]]] = [
    ("register_partner", {"org_nr": P3, "name": "Kaffekoppen", "legal_form": "ideell_forening",
                          "districts": ["bromma"]}),
    ("assess_criteria", {"org_nr": P3, "assessed_on": "2025-01-20",
                         "evidence": "Stadgar och årsredovisning"}),
    ("onboard_partner", {"org_nr": P3, "onboarded_on": "2025-01-27", "decision_ref": "SB-1"}),
    ("sign_agreement", {"ref": "AG-9", "org_nr": P3, "kind": "iop", "starts_on": "2025-02-01",
                        "decision_ref": "SB-2"}),
    ("decide_supervisor_funding", {
        "ref": "SF-9", "org_nr": P3, "employer": "stockholms_stad", "amount_sek": "200000",
        "decided_on": "2025-02-10", "starts_on": "2025-03-01", "ends_on": "2025-12-31",
        "fte_percent": 50, "target_groups": ["long_term_unemployed"], "decision_ref": "SB-3"}),
    ("pay_supervisor_funding", {"ref": "SF-9", "voucher_ref": "V-9", "paid_on": "2025-04-30",
                                "amount_sek": "50000", "payee": "stockholms_stad"}),
    ("plan_activity", {"ref": "ACT-9", "kind": "seminar", "title": "ASF i Bromma",
                       "planned_on": "2025-05-15"}),
    ("hold_activity", {"ref": "ACT-9", "held_on": "2025-05-15",
                       "attendance": {"stockholms_stad": 4, "asf": 6, "participants": 10}}),
    ("log_structural_work", {"ref": "SW-9", "measure": "S4", "done_on": "2025-06-02",
                             "description": "Stödstruktur i Bromma", "districts": ["bromma"],
                             "parties": ["stockholms_stad"]}),
    ("draft_action_plan", {"year": 2025, "operations_plan_ref": "VP-2025"}),
    ("add_action", {"year": 2025, "action_id": "A9", "measure": "S3",
                    "description": "Informera parterna", "owner": "Samordnaren",
                    "due_on": "2025-12-31"}),
    # R8: the plan is adopted at a board meeting recorded first, held that day.
    ("hold_board_meeting", {"ref": "SB-4", "held_on": "2025-02-20", "minutes_ref": "P-4"}),
    ("adopt_action_plan", {"year": 2025, "adopted_on": "2025-02-20", "decision_ref": "SB-4"}),
    ("complete_action", {"year": 2025, "action_id": "A9", "completed_on": "2025-10-01",
                         "outcome": "Tre möten"}),
    ("start_effort", {"ref": "EFF-9", "org_nr": P3, "measure": "I1",
                      "run_by": "stockholms_stad", "starts_on": "2025-03-01",
                      "budget_sek": "100000", "decision_ref": "SB-5"}),
    ("report_participants", {"ref": "EFF-9", "period": "2025-Q2", "counts": {
        "long_term_unemployed": {"women": 3, "men": 4}}}),
    ("report_participants", {"ref": "EFF-9", "period": "2025-Q2", "counts": {  # replaces
        "long_term_unemployed": {"women": 2, "men": 3}}}),
    ("report_outcomes", {"ref": "EFF-9", "period": "2025-Q2", "work": 2, "studies": 1,
                         "job_seeking": 1, "other": 0}),
    ("record_expenditure", {"ref": "EXP-9", "paid_on": "2025-06-30", "amount_sek": "20000",
                            "purpose": "effort_financing", "payee_kind": "party",
                            "payee": "stockholms_stad", "description": "Handledning",
                            "linked_ref": "EFF-9"}),
    ("hold_board_meeting", {"ref": "STY-9", "held_on": "2025-12-10", "minutes_ref": "P-9"}),
]


def test_a_year_recorded_through_the_forms_alone_gives_the_board_report(
        tmp_path: Path) -> None:
    path = str(tmp_path / "year.sqlite")
    Ledger(path).close()

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("escape")  # the welcome of an empty ledger: start recording
        await settle(pilot)
        for command, values in YEAR:
            before = app.head
            assert open_form(app, command)
            await settle(pilot)
            screen = app.screen
            if isinstance(screen, CriteriaForm):
                screen.query_one("#f-org_nr", Select).value = values["org_nr"]
                screen.query_one("#f-assessed_on", Input).value = str(values["assessed_on"])
                screen.query_one("#f-evidence", Input).value = str(values["evidence"])
            else:
                form(app).fill(values)
                await checked(pilot)
                assert "Ready to record" in text(app, "#form-status"), (
                    command, text(app, "#form-status"))
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog), command
            await pilot.press("y")
            await settle(pilot)
            if asked(app, "next"):
                await pilot.press("escape")
                await settle(pilot)
            assert app.head > before, command

    drive(path, scenario)
    with Ledger(path, read_only=True) as ledger:
        events = list(ledger_events(ledger.store))
    f = BoardReport().feed_all(events).figures(Period.parse("2025"))
    assert f["partners"]["onboarded"] == 1 and f["agreements"]["by_kind"]["iop"] == 1
    funding = f["supervisor_funding"]
    assert (funding["decided_sek"], funding["paid_sek"]) == (Money(20_000_000), Money(5_000_000))
    assert f["activities"]["held"] == 1 and f["activities"]["attendance_total"] == 20
    assert f["structural_work"]["by_measure"]["S4"] == 1
    assert (f["action_plan"]["adopted"], f["action_plan"]["completed"]) == (True, 1)
    assert f["efforts"]["participants"]["long_term_unemployed"] == 5  # replaced, not added
    assert f["efforts"]["outcomes"] == {"work": 2, "studies": 1, "job_seeking": 1, "other": 0}
    assert f["expenditure"]["total_sek"] == Money(7_000_000)  # the payment and the expenditure
