"""Corrections of agreements, board meetings, memberships and action plans in the UI
(issue 15): "x" on the selected row (of the history, or of the part's own screen) offers
what may be corrected of it; the form confirms with the value before and after and
records it. Textual's Pilot, on a real SQLite ledger."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList

from asfledger.ledger import Ledger
from domain.aggregates import ActionPlan, Agreement, BoardMeeting, Membership
from tests.domain import builders as b
from tests.tui.test_corrections_ui import correct_row, drive, settle, text
from tui.app import LedgerApp
from tui.corrections import CorrectionForm, CorrectionPicker
from tui.widgets.confirm import ConfirmDialog

SIGNED = 7  # after the partner's six events; the agreement's link to it is 8


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ledger.sqlite")
    with Ledger(path, actor="setup") as ledger:
        ledger.execute([*b.onboarded_partner_commands(b.ORG_A),
                        b.sign_agreement("AVT-1", value_sek=None, scope=None),
                        b.board_meeting(), b.join(), b.draft_plan(), b.add_action()])
    return path


async def from_part(app: LedgerApp, pilot: Pilot[int], part: str) -> CorrectionPicker | None:
    """The part's screen, its first row selected, then ``x``: the picker if several."""
    app.switch_mode(part)
    await settle(pilot)
    app.screen.query_one("#list", DataTable).focus()
    await pilot.press("x")
    await settle(pilot)
    return app.screen if isinstance(app.screen, CorrectionPicker) else None


async def fill_and_confirm(app: LedgerApp, pilot: Pilot[int], value: str | None,
                           reason: str, decision: str = "") -> str:
    """Fill the form, send it, read the confirm step's summary, say yes."""
    form = app.screen
    assert isinstance(form, CorrectionForm)
    if value is not None:
        form.query_one("#correction-value", Input).value = value
    form.query_one("#correction-reason", Input).value = reason
    form.query_one("#correction-decision", Input).value = decision
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, ConfirmDialog), text(app, "#correction-status")
    summary = text(app, "#confirm-summary")
    await pilot.press("y")
    await settle(pilot)
    return summary


def test_an_agreement_signed_by_mistake_is_voided_from_its_history_row(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, SIGNED)
        picker = app.screen
        assert isinstance(picker, CorrectionPicker)
        assert [(c.command, c.field) for c in picker.choices] == [
            ("correct_fact", "starts_on"), ("correct_fact", "ends_on"),
            ("correct_fact", "value_sek"), ("correct_fact", "decision_ref"),
            ("correct_fact", "scope"), ("void_decision", None)]
        picker.query_one(OptionList).highlighted = 5
        await pilot.press("enter")
        await settle(pilot)
        summary = await fill_and_confirm(app, pilot, None, "Tecknat med fel partner",
                                         "SB 2026-04-10 §2")
        assert "Reason: Tecknat med fel partner" in summary

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        agreement = ledger.get(Agreement, "AVT-1")
        assert agreement is not None and agreement.voided


def test_an_agreement_without_a_value_gets_one_with_before_and_after(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, SIGNED)
        app.screen.query_one(OptionList).highlighted = 2  # value_sek
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#correction-value", Input).value == ""
        summary = await fill_and_confirm(app, pilot, "250000", "Värdet saknades",
                                         "SB 2026-04-10 §3")
        assert "After: SEK 250,000.00" in summary

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        agreement = ledger.get(Agreement, "AVT-1")
        assert agreement is not None and agreement.value_ore == 25_000_000


def test_a_board_meetings_day_is_corrected_from_the_board_screen(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        picker = await from_part(app, pilot, "board")
        assert picker is not None
        assert [(c.command, c.field) for c in picker.choices] == [
            ("correct_fact", "held_on"), ("correct_fact", "minutes_ref"),
            ("void_decision", None)]
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one("#correction-value", Input).value == "2026-02-01"
        summary = await fill_and_confirm(app, pilot, "2026-02-03", "Fel dag i protokollet")
        assert "Before: 2026-02-01" in summary and "After: 2026-02-03" in summary

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        meeting = ledger.get(BoardMeeting, "STYR-2026-1")
        assert meeting is not None and meeting.held_on == date(2026, 2, 3)


def test_a_memberships_name_is_corrected_from_the_memberships_screen(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        picker = await from_part(app, pilot, "memberships")
        assert picker is not None and picker.choices[0].field == "name"
        await pilot.press("enter")
        await settle(pilot)
        summary = await fill_and_confirm(app, pilot, "Nätverket för social ekonomi",
                                         "Fel namn", "SB 2026-04-10 §4")
        assert "After: “Nätverket för social ekonomi”" in summary

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        membership = ledger.get(Membership, "MED-1")
        assert membership is not None and membership.name == "Nätverket för social ekonomi"


def test_an_action_plans_operations_plan_is_corrected_from_an_action_row(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        picker = await from_part(app, pilot, "plan")
        assert picker is not None
        assert [(c.kind, c.key, c.field) for c in picker.choices] == [
            ("action", "2026/A1", "description"), ("action", "2026/A1", "owner"),
            ("action", "2026/A1", "due_on"),
            ("action_plan", "2026", "operations_plan_ref"),
            ("action_plan", "2026", None)]  # voided: its year is drafted again
        picker.query_one(OptionList).highlighted = 3
        await pilot.press("enter")
        await settle(pilot)
        summary = await fill_and_confirm(app, pilot, "Verksamhetsplan 2026 rev. 1",
                                         "Fel version")
        assert "Before: “Verksamhetsplan 2026”" in summary

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        plan = ledger.get(ActionPlan, "2026")
        assert plan is not None and plan.operations_plan_ref == "Verksamhetsplan 2026 rev. 1"


def test_an_actions_due_date_is_corrected_from_its_row_in_swedish(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        picker = await from_part(app, pilot, "plan")
        assert picker is not None
        picker.query_one(OptionList).highlighted = 2  # due_on
        await pilot.press("enter")
        await settle(pilot)
        assert "handlingsplanen 2026/A1" in text(app, "#correction-title")
        summary = await fill_and_confirm(app, pilot, "2026-10-31", "Fel slutdatum")
        assert "Före: 2026-" in summary and "Efter: 2026-10-31" in summary

    drive(db, scenario, lang="sv")
    with Ledger(db, read_only=True) as ledger:
        plan = ledger.get(ActionPlan, "2026")
        assert plan is not None and plan.actions["A1"].due_on == date(2026, 10, 31)
