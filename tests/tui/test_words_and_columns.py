"""What is left of issue 19, driven through Textual's Pilot on real SQLite ledgers: the
history names what a row is about in words (not ``StructuralWork``), the parts' lists
keep their key and status columns on screen at every size, their summary lines are not
cut, and messages name options and fields in the UI's language.

The small ledger and the helpers are the forms' (``tests/tui/test_forms.py``).
"""

from __future__ import annotations

import asyncio
import re

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from tests.tui import test_forms
from tests.tui.test_forms import settle
from tui.app import LedgerApp
from tui.text import SUBJECT_KINDS

base_file = test_forms.base_file
db = test_forms.db

CAMEL = re.compile(r"\b[A-Z][a-z]+[A-Z]\w*")  # StructuralWork, SupervisorFunding


def run(db: str, size: tuple[int, int], lang: str, scenario: object) -> None:
    async def main() -> None:
        app = LedgerApp(db, actor="test", lang=lang)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(app, pilot)  # type: ignore[operator]

    asyncio.run(main())


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_history_says_what_a_row_concerns_in_words(db: str, lang: str) -> None:
    kinds = {words[0 if lang == "sv" else 1] for words in SUBJECT_KINDS.values()}

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)
        table = app.screen.query_one("#events", DataTable)
        subjects = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert subjects
        assert [s for s in subjects if CAMEL.search(s)] == []
        assert all(any(s.startswith(k + " ") for k in kinds) for s in subjects), subjects
        funding = "Handledarfinansiering SF-1" if lang == "sv" else "Supervisor funding SF-1"
        assert any(s.startswith(funding) for s in subjects), subjects
        # The words are searched too, in either language.
        await pilot.press("slash", *"handledarfinansiering sf-1", "enter")
        await settle(pilot)
        found = [str(table.get_row_at(i)[4]) for i in range(table.row_count)]
        assert found and all(s.startswith(funding) for s in found), found

    run(db, (120, 40), lang, scenario)


@pytest.mark.parametrize(("part", "size"), [("5", (80, 24)), ("7", (80, 24)),
                                            ("7", (160, 48))])
def test_a_part_s_summary_line_is_not_cut(db: str, part: str, size: tuple[int, int]) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press(part)
        await settle(pilot)
        summary = app.screen.query_one("#summary", Static)
        words = " ".join(str(summary.content).split())
        strips = summary.render_lines(Region(0, 0, *summary.size))
        on_screen = " ".join(" ".join(strip.text for strip in strips).split())
        assert len(words) > 20 and on_screen == words, (on_screen, words)

    run(db, size, "en", scenario)
