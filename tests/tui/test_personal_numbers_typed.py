"""R7 as it is typed: a form's field says at once, by the domain's one decision
(``domain.personal_numbers``), that it holds a personnummer or samordningsnummer in any
spelling, before the debounced check against the ledger; nothing can be recorded. And what
got in before: the board's redaction through its form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from asfledger.audit.compliance import prove
from asfledger.audit.verify import verify
from asfledger.ledger import Ledger
from domain import commands as c
from domain.aggregates import BoardMeeting
from tests.tui.test_forms import checked, drive, open_, settle, text
from tui.app import LedgerApp
from tui.forms import CommandForm
from tui.widgets.confirm import ConfirmDialog

PNR = "19121212-1212"


def test_R7_a_personnummer_typed_in_any_spelling_is_shown_at_once(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.sqlite")

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        form = await open_(app, pilot, "log_structural_work")
        field = form.query_one("#f-description", Input)
        field.focus()
        await pilot.press(*"Deltagare 12 12 12")
        field.insert_text_at_cursor("\u2013")  # an en dash, as a word processor writes it
        await pilot.press(*"1212")
        await pilot.pause()  # one refresh: no debounce, no dry run
        assert text(app, "#e-description").startswith("R7: ")
        assert "Description" in text(app, "#e-description")  # the label (issue 19)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CommandForm)
        assert app.ledger.head() == 0
        field.focus()
        await pilot.press("end", *["backspace"] * 5)  # take the number away: the error goes
        await settle(pilot)
        assert field.value == "Deltagare 12 12 12"
        assert text(app, "#e-description") == ""

    drive(db, scenario)


def test_the_board_redacts_a_personnummer_through_the_form(tmp_path: Path) -> None:
    """Redaction (issue 15) through the UI: the form validates, confirms and records; the
    stored event keeps its chain digest and the proof holds again."""
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="samordnare") as ledger:
        ledger.save(BoardMeeting.hold(c.HoldBoardMeeting(
            ref="STY-1", held_on=date(2026, 2, 17), minutes_ref="P 2026:1"), actor=PNR))
        head_before = ledger.head()

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        form = await open_(app, pilot, "redact")
        form.fill({"position": 1, "field": "actor", "decision_ref": "SB 2026-12-04 §9",
                   "reason": "Personnummer som registrerare"})
        await checked(pilot)
        assert text(app, "#form-status").startswith("✓ Ready to record"), \
            text(app, "#form-status")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await settle(pilot)
        assert not isinstance(app.screen, CommandForm)
        assert not (isinstance(app.screen, ConfirmDialog) and app.screen.id == "confirm")
        assert app.ledger.head() == head_before + 1
        await pilot.press("h")  # the history reads the redacted event after its marker
        await settle(pilot)
        assert app.screen.query_one("#events", DataTable).row_count == 2

    drive(db, scenario)
    with Ledger(db, read_only=True) as ledger:
        events = [ledger.mapper.to_domain_event(n) for n in
                  ledger.store.select_notifications(start=1, limit=10)]
        assert verify(ledger.store).ok
        proof = prove(ledger.store, ledger_id=ledger.ledger_id(),
                      cipher=ledger.cipher)
    assert [getattr(e, "actor", None) for e in events] == ["", "test"]
    assert proof.proven and [r.target for r in proof.proof.redactions] == [1]
