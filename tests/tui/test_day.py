"""The coordinator's day (issue 19), driven through Textual's Pilot on a real SQLite
ledger in a tmp dir: nothing typed is lost, escape steps back, help lists every key.

The small ledger and the helpers are the forms' (``tests/tui/test_forms.py``).
"""

from __future__ import annotations

import json
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Select

from asfledger.ledger import Ledger
from domain import commands as c
from domain.aggregates import Effort, Partner
from tests.tui import test_forms
from tests.tui.test_forms import (
    P3,
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
from tui.forms.dialogs import ConfirmDialog, LeaveDialog
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
