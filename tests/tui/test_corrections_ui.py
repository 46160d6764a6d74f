"""Corrections in the UI (issue 15): "correct…" (``x``) on a selected row of the history
opens the correction the event allows; the form decides it without writing, a refusal
names its rule, and a confirm step shows the value before and after; then it is recorded
as a new event, and the original stays. Textual's Pilot, on a real SQLite ledger."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from asfledger.ledger import Ledger
from domain.aggregates import Partner, SupervisorFunding
from domain.corrections import FACTS
from domain.rules import RULES
from tests.domain import builders as b
from tui.app import LedgerApp
from tui.corrections import CorrectionForm, CorrectionPicker
from tui.forms.dialogs import RefusalDialog
from tui.screens.history import HistoryScreen
from tui.text import FIELD_LABELS
from tui.widgets.confirm import ConfirmDialog

# Positions: partner A registered (1), assessed (2–5), onboarded (6); HF-1 decided (7)
# and linked on the partner (8, business dates), paid VER-1 (9).
REGISTERED, DECIDED, PAID = 1, 7, 9
NAME = f"ASF {b.ORG_A} ekonomisk förening"  # onboarded_partner_commands' name

Scenario = Callable[[LedgerApp, Pilot[int]], Awaitable[None]]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "ledger.sqlite")
    with Ledger(path, actor="setup") as ledger:
        ledger.execute([*b.onboarded_partner_commands(b.ORG_A),
                        b.decide_funding("HF-1", amount_sek="100000"),
                        b.pay_funding("HF-1", voucher_ref="VER-1", amount_sek="25000")])
    return path


def drive(db: str, scenario: Scenario, lang: str = "en") -> None:
    async def main() -> None:
        app = LedgerApp(db, actor="samordnare.anna", lang=lang)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int]) -> None:
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


async def correct_row(app: LedgerApp, pilot: Pilot[int], position: int) -> None:
    """History, the row of ``position`` selected, then ``x`` (correct…)."""
    await pilot.press("h")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, HistoryScreen)
    table = screen.query_one("#events", DataTable)
    table.move_cursor(row=table.get_row_index(str(position)))
    await pilot.press("x")
    await settle(pilot)


def text(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def test_a_payment_is_reversed_from_its_row_with_before_and_after(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, PAID)
        form = app.screen
        assert isinstance(form, CorrectionForm)  # one correction: the form at once
        assert "VER-1" in text(app, "#correction-title")
        assert "SEK 25,000.00" in text(app, "#correction-before")
        form.query_one("#correction-reason", Input).value = "Fel belopp utbetalt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        summary = text(app, "#confirm-summary")
        assert "Before: SEK 25,000.00" in summary
        assert "After: reversed" in summary and "Reason: Fel belopp utbetalt" in summary
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        # One toast for one save (issue 19).
        assert [str(n.message) for n in app._notifications
                if "recorded" in str(n.message)] == [
            "The correction is recorded; the original stays in the history"]

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        funding = ledger.get(SupervisorFunding, "HF-1")
        assert funding is not None and funding.paid_ore == 0
        assert funding.vouchers == ["VER-1"]  # the original stays in the history
        assert ledger.head() == PAID + 1


def test_a_partners_name_is_corrected_in_swedish_through_the_picker(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, REGISTERED)
        picker = app.screen
        assert isinstance(picker, CorrectionPicker)
        options = picker.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt)
                  for i in range(options.option_count)]
        assert labels[0] == f"Rätta namn (nu ”{NAME}”)"  # the field in words, not its code
        assert any(label.startswith("Makulera") for label in labels)
        await pilot.press("enter")  # the first: the name
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CorrectionForm)
        value = form.query_one("#correction-value", Input)
        assert value.value == NAME
        value.value = "Returverket Syd ekonomisk förening"
        form.query_one("#correction-reason", Input).value = "Stavfel vid registreringen"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        summary = text(app, "#confirm-summary")
        assert f"Före: ”{NAME}”" in summary
        assert "Efter: ”Returverket Syd ekonomisk förening”" in summary
        await pilot.press("y")
        await settle(pilot)

    drive(db, scenario, lang="sv")
    with Ledger(db, read_only=True) as ledger:
        partner = ledger.get(Partner, b.ORG_A)
        assert partner is not None and partner.name == "Returverket Syd ekonomisk förening"


def test_a_correction_that_breaks_R5_is_refused_and_nothing_is_written(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, DECIDED)
        picker = app.screen
        assert isinstance(picker, CorrectionPicker)
        assert picker.choices[0].voucher == "VER-1"  # its payment may be reversed here too
        picker.query_one(OptionList).highlighted = 1
        await pilot.press("enter")  # amount_sek
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CorrectionForm)
        assert form.query_one("#correction-value", Input).value == "100000.00"
        form.query_one("#correction-value", Input).value = "20000"
        form.query_one("#correction-reason", Input).value = "Fel belopp i beslutet"
        await pilot.press("ctrl+s")
        await settle(pilot)
        # Required: a decision; said by the label the form shows, not the field's code.
        assert text(app, "#correction-status") == (
            "Not valid: field decision is required to correct supervisor funding: the "
            "original was a decision")
        form.query_one("#correction-decision", Input).value = "SB 2026-04-10 §3"
        await pilot.press("ctrl+s")
        await settle(pilot)
        refused = app.screen
        assert isinstance(refused, RefusalDialog) and refused.refusal.code == "R5"
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is form and "R5" in text(app, "#correction-status")

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        assert ledger.head() == PAID


def test_nothing_to_correct_says_so(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, 2)  # an assessment: corrected by a new assessment
        assert isinstance(app.screen, HistoryScreen)
        assert any("2: nothing to correct" in str(n.message) for n in app._notifications)

    drive(db, scenario)


def test_from_the_funding_screen_a_void_is_refused_naming_the_payment_under_R5(
        db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        app.switch_mode("funding")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#list", DataTable).focus()
        await pilot.press("x")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, CorrectionPicker)
        commands = [c.command for c in picker.choices]
        assert commands == ["reverse_payment", *["correct_fact"] * 7,  # employer, FTE,
                            "void_decision"]                          # target groups too
        picker.query_one(OptionList).highlighted = len(commands) - 1
        await pilot.press("enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, CorrectionForm)
        form.query_one("#correction-reason", Input).value = "Beslutad på fel partner"
        form.query_one("#correction-decision", Input).value = "SB 2026-04-10 §2"
        await pilot.press("ctrl+s")
        await settle(pilot)
        refused = app.screen
        assert isinstance(refused, RefusalDialog) and refused.refusal.code == "R5"
        assert "VER-1" in text(app, "#refusal-text")

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        assert ledger.head() == PAID


async def refuse_amount_under_R5(app: LedgerApp, pilot: Pilot[int]) -> None:
    """HF-1's amount corrected below what is paid (R5), up to the refusal's dialog."""
    await correct_row(app, pilot, DECIDED)
    app.screen.query_one(OptionList).highlighted = 1  # amount_sek
    await pilot.press("enter")
    await settle(pilot)
    form = app.screen
    assert isinstance(form, CorrectionForm)
    form.query_one("#correction-value", Input).value = "20000"
    form.query_one("#correction-reason", Input).value = "Fel belopp i beslutet"
    form.query_one("#correction-decision", Input).value = "SB 2026-04-10 §3"
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, RefusalDialog)
    await pilot.press("escape")
    await settle(pilot)
    assert app.screen_stack[-1] is form  # (app.screen is narrowed above)


@pytest.mark.parametrize(("lang", "expected"), [
    ("sv", "Avvisat enligt R5: HF-1 kan inte rättas till 20 000,00 kr: 25 000,00 kr är "
           "redan betalt mot den. Ctrl+s visar policyns ord."),
    ("en", "Refused under R5: HF-1 cannot be corrected to SEK 20,000.00: SEK 25,000.00 is "
           "already paid against it. Ctrl+s shows the policy's words."),
])
def test_a_refused_correction_is_told_in_words_as_the_recording_forms_tell_it(
        db: str, lang: str, expected: str) -> None:
    """The form's line says the rule and what is wrong in one sentence, in the UI's
    language; the policy's words (and, in Swedish, no English translation of them) are in
    the dialog that Ctrl+s opens again."""
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await refuse_amount_under_R5(app, pilot)
        status = text(app, "#correction-status")
        assert status == expected
        assert RULES["R5"].quote("sv") not in status
        assert RULES["R5"].quote("en") not in status
        await pilot.press("ctrl+s")  # as the line promises
        await settle(pilot)
        refused = app.screen
        assert isinstance(refused, RefusalDialog) and refused.refusal.code == "R5"
        assert RULES["R5"].quote("sv") in text(app, "#refusal-text")

    drive(db, scenario, lang=lang)
    with Ledger(db, read_only=True) as ledger:
        assert ledger.head() == PAID


def test_a_correction_refused_when_written_keeps_the_form_and_writes_nothing(db: str) -> None:
    """Between the dry run and the write someone else reverses the payment: the write
    worker's refusal comes back as a message, the form stays as typed and says why."""
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, PAID)
        form = app.screen
        assert isinstance(form, CorrectionForm)
        form.query_one("#correction-reason", Input).value = "Fel belopp utbetalt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        with Ledger(db, actor="samordnare.bo") as other:
            other.execute([b.reverse_payment("HF-1", "VER-1")])
        await pilot.press("y")
        await settle(pilot)
        refused = app.screen
        assert isinstance(refused, RefusalDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen_stack[-1] is form
        assert form.query_one("#correction-reason", Input).value == "Fel belopp utbetalt"
        status = text(app, "#correction-status")
        assert status.startswith(f"Refused under {refused.refusal.code}: ")
        assert "VER-1" in status and "reverse_payment" not in status
        assert not any("recorded" in str(n.message) for n in app._notifications)

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        assert ledger.head() == PAID + 1  # the other's reversal alone


def test_every_correctable_fact_has_a_label_in_words() -> None:
    """The picker, the title and the messages name a fact by the label a recording form
    gives its field ("amount (SEK)"), so each correctable field needs one."""
    assert [f"{kind}.{fact.field}" for kind, facts in FACTS.items()
            for fact in facts.values() if fact.field not in FIELD_LABELS] == []


def test_an_invalid_input_is_told_by_the_label_of_its_field_in_swedish(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await correct_row(app, pilot, PAID)
        form = app.screen
        assert isinstance(form, CorrectionForm)
        form.query_one("#correction-date", Input).value = "2026-13-01"
        form.query_one("#correction-reason", Input).value = "Fel belopp utbetalt"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert text(app, "#correction-status") == (
            "Ogiltigt: fältet återförd den: är inget giltigt datum (ÅÅÅÅ-MM-DD)")
        assert app.screen_stack[-1] is form

    drive(db, scenario, lang="sv")
    with Ledger(db, read_only=True) as ledger:
        assert ledger.head() == PAID
