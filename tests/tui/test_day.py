"""The coordinator's day (issue 19), driven through Textual's Pilot on a real SQLite
ledger in a tmp dir: nothing typed is lost, escape steps back, help lists every key.

The small ledger and the helpers are the forms' (``tests/tui/test_forms.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Select

from asfledger.ledger import Ledger
from domain import commands as c
from domain.aggregates import Effort, Partner
from tests.tui import test_forms
from tests.tui.test_forms import (
    P1,
    P3,
    P4,
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
from tui.forms.dialogs import ConfirmDialog, LeaveDialog, NextDialog
from tui.forms.picker import RecordPicker
from tui.screens.help import HelpScreen
from tui.screens.reports import ReportsScreen
from tui.settings import settings_path

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
        assert isinstance(app.screen, NextDialog)  # next: assess C1–C4
        await press("enter")
        criteria = app.screen
        assert isinstance(criteria, CriteriaForm)
        assert criteria.values()["org_nr"] == P3
        await press(*"Stadgar", "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog), text(app, "#form-status")
        await press("y")
        assert isinstance(app.screen, NextDialog)  # next: onboard
        await press("enter")
        onboarding = form(app)
        assert onboarding.command == "onboard_partner"
        assert onboarding.values()[0]["org_nr"] == P3
        await press(*"SB-9", "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog), text(app, "#form-status")
        await press("y")
        assert isinstance(app.screen, NextDialog)  # next: sign an agreement
        assert "agreement" in text(app, "#next-question")
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
