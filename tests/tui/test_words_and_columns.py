"""What is left of issue 19, driven through Textual's Pilot on real SQLite ledgers: the
history names what a row is about in words (not ``StructuralWork``), the parts' lists
keep their key and status columns on screen at every size, their summary lines are not
cut, and messages name options and fields in the UI's language.

The small ledger and the helpers are the forms' (``tests/tui/test_forms.py``).
"""

from __future__ import annotations

import asyncio
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from asfledger.demo import record_demo
from asfledger.ledger import Ledger
from domain.rules import RULES
from tests.tui import test_forms
from tests.tui.test_forms import P2, checked, open_, settle, text
from tui.app import LedgerApp
from tui.forms.dialogs import LeaveDialog, RefusalDialog
from tui.forms.form import in_words
from tui.forms.vocabulary import command_error, field_specs
from tui.screens.parts.part_screen import PartScreen, Shown, fit_columns
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


# Tables that show what matters ------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    with Ledger(str(path), actor="demo") as ledger:
        record_demo(ledger, 3, 7, today=date(2026, 6, 30))
    return path


PART_KEYS = "123456789"


@pytest.mark.parametrize(("size", "lang"), [((80, 24), "en"), ((80, 24), "sv"),
                                            ((120, 40), "sv"), ((160, 48), "en")])
def test_the_key_and_status_columns_are_never_left_out(
        demo_file: Path, tmp_path: Path, size: tuple[int, int], lang: str) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    seen: dict[str, list[str]] = {}

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for key in PART_KEYS:
            await pilot.press(key)
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, PartScreen)
            table = screen.query_one("#list", DataTable)
            shown = [c.index for c in screen.shown_columns]
            labels = [str(c.label) for c in table.columns.values()]
            assert labels == [screen.t(screen.COLUMNS[i]) for i in shown]
            keys = [i for i, p in enumerate(screen.PRIORITIES) if p == 0]
            assert keys and set(keys) <= set(shown), (screen.PART, labels)
            # on screen: every column up to the last key column is within the list's width
            last = shown.index(keys[-1])
            widths = [c.get_render_width(table) for c in table.columns.values()]
            assert sum(widths[:last + 1]) <= table.size.width, (screen.PART, widths)
            # a key column is never shortened, unless it is free text (a partner's name)
            assert all(c.width is None for c in screen.shown_columns
                       if c.index in keys and c.index not in screen.SHRINK)
            seen[screen.PART] = labels
            if screen.all_rows:  # a shortened cell ends in "…" and is whole in the data
                for n, c in enumerate(screen.shown_columns):
                    if c.width is not None:
                        cell = str(table.get_row_at(0)[n])
                        assert len(cell) <= c.width
            await pilot.press("d")
            await settle(pilot)

    run(str(path), size, lang, scenario)
    assert len(seen) == 9
    if size == (160, 48):  # wide: the partners' list has room for the legal form
        assert len(seen["partners"]) >= 5 and len(seen["expenditure"]) >= 4, seen


def test_free_text_is_shortened_before_a_column_is_left_out_and_keys_stay() -> None:
    # name (key, free text), org no. (key), status (key), legal form, districts (free text)
    natural, headings = [40, 11, 17, 12, 30], [4, 8, 6, 10, 9]
    priorities, shrink = (0, 0, 0, 1, 2), frozenset({0, 4})
    wide = fit_columns(natural, headings, priorities, shrink, 200)
    assert wide == [Shown(i, None) for i in range(5)]
    # 120 needed with padding: shortened first, the widest free text first
    fitted = fit_columns(natural, headings, priorities, shrink, 110)
    assert [s.index for s in fitted] == [0, 1, 2, 3, 4]
    assert sum(s.width or natural[s.index] for s in fitted) + 2 * 5 <= 110
    assert fitted[1:4] == [Shown(1, None), Shown(2, None), Shown(3, None)]
    # narrower: the districts go first (priority 2), then the legal form; the name (a
    # key) is shortened to MIN_KEY at most while another column can go
    at_80 = fit_columns(natural, headings, priorities, shrink, 80)
    assert at_80 == [Shown(0, 32), Shown(1, None), Shown(2, None), Shown(3, None)]
    at_70 = fit_columns(natural, headings, priorities, shrink, 70)
    assert at_70 == [Shown(0, 36), Shown(1, None), Shown(2, None)]
    # only keys left: the name is shortened further, to MIN_SHRUNK, then the list scrolls
    assert fit_columns(natural, headings, priorities, shrink, 50) == [
        Shown(0, 16), Shown(1, None), Shown(2, None)]
    assert fit_columns(natural, headings, priorities, shrink, 20) == [
        Shown(0, 12), Shown(1, None), Shown(2, None)]


def test_the_columns_fit_again_when_the_terminal_is_resized(demo_file: Path,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)

    def fits(screen: PartScreen) -> bool:
        table = screen.query_one("#list", DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        return sum(widths) <= table.size.width

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("2")  # supervisor funding: its status is the last column
        await settle(pilot)
        funding = app.screen
        assert isinstance(funding, PartScreen) and fits(funding)
        narrow = [c.index for c in funding.shown_columns]
        await pilot.press("1")
        await settle(pilot)
        await pilot.resize_terminal(160, 48)  # the detail pane moves beside the list
        await settle(pilot, 0.3)
        partners = app.screen
        assert isinstance(partners, PartScreen) and fits(partners)
        assert [c.index for c in partners.shown_columns][:5] == [0, 1, 2, 3, 4]
        await pilot.press("2")
        await settle(pilot, 0.3)
        assert app.screen is funding and fits(funding)
        wide = [c.index for c in funding.shown_columns]
        assert 8 in wide and set(narrow) < set(wide), (narrow, wide)

    run(str(path), (80, 24), "en", scenario)


# Words, not codes, in every message --------------------------------------------------------

@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_refusal_names_fields_and_commands_in_words_and_is_never_cut(
        db: str, lang: str) -> None:
    sv = lang == "sv"
    ended, start = ("Avslutat den", "Starta insats") if sv else ("Ended on", "Start an effort")
    grant = "kontantbidrag" if sv else "cash grant"

    async def leave(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("escape")
        await settle(pilot)
        if isinstance(app.screen, LeaveDialog):
            await pilot.press("x")
            await settle(pilot)

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        f = await open_(app, pilot, "record_expenditure")  # F1: a cash grant
        f.fill({"ref": "EXP-9", "paid_on": "2025-05-05", "amount_sek": "10000",
                "purpose": "cash_grant", "payee_kind": "party", "payee": "stockholms_stad",
                "description": "Bidrag"})
        await checked(pilot)
        status = text(app, "#form-status")
        assert grant in status and "cash_grant" not in status, status
        assert RULES["F1"].quote_sv not in status  # one sentence while typing
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, RefusalDialog)
        said = text(app, "#refusal-text")
        assert grant in said and "cash_grant" not in said and RULES["F1"].quote_sv in said
        assert (RULES["F1"].quote_en in said) == (not sv)  # no English in Swedish
        # the whole refusal is there: the text is not clipped, its box scrolls if need be
        shown = app.screen.query_one("#refusal-text", Static)
        box = app.screen.query_one("#refusal-scroll")
        lines = shown.render_lines(Region(0, 0, shown.size.width, 1000))
        assert shown.size.height == len([s for s in lines if s.text.strip()]), lines
        assert box.region.bottom <= app.screen.size.height
        assert shown.size.height <= box.region.height + box.max_scroll_y
        await pilot.press("escape")
        await settle(pilot)
        await leave(app, pilot)

        f = await open_(app, pilot, "end_agreement")  # a date before the start
        f.fill({"ref": "AG-1", "ended_on": "2025-01-01", "reason": "Fel"})
        await checked(pilot)
        status = text(app, "#form-status")
        assert f"{ended} 2025-01-01" in status and "ended_on" not in status, status
        await leave(app, pilot)

        f = await open_(app, pilot, "start_effort")  # R3: a partner not onboarded
        f.fill({"ref": "EFF-9", "org_nr": P2, "measure": "I1", "run_by": "region_stockholm",
                "starts_on": "2025-03-01", "budget_sek": "1000", "decision_ref": "B-9"})
        await checked(pilot)
        status = text(app, "#form-status")
        assert f"{start} EFF-9" in status and "start_effort" not in status, status

    run(db, (80, 24), lang, scenario)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_form_s_error_names_purposes_commands_and_fields_in_words(lang: str) -> None:
    specs = tuple(field_specs("record_expenditure"))
    values = {"ref": "EXP-9", "paid_on": "2025-05-05", "amount_sek": "100",
              "payee_kind": "party", "payee": "stockholms_stad", "description": "Handledning"}
    said = {}
    for purpose in ("effort_financing", "supervisor_funding"):
        cmd, field, message = command_error("record_expenditure",
                                            values | {"purpose": purpose}, lang)
        assert cmd is None and field in ("linked_ref", "purpose")
        said[purpose] = in_words(message, specs, lang)
    codes = re.compile(r"\b[a-z]+_[a-z_]+\b")  # effort_financing, pay_supervisor_funding
    assert [codes.findall(s) for s in said.values()] == [[], []], said
    purpose = "Ändamål" if lang == "sv" else "Purpose"
    assert said["supervisor_funding"].split(" ", 1)[1].startswith(purpose), said
