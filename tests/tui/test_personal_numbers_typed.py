"""R7 as it is typed: a form's field says at once, by the domain's one decision
(``domain.personal_numbers``), that it holds a personnummer or samordningsnummer in any
spelling, before the debounced check against the ledger; nothing can be recorded."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.tui.test_forms import drive, open_, settle, text
from tui.app import LedgerApp
from tui.forms import CommandForm


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
        assert "description" in text(app, "#e-description")
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
