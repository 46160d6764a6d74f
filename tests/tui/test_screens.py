"""The screens of the policy's parts, the history's events and looking back, driven
through Textual's Pilot on a real SQLite ledger holding the demo history.

What each screen shows is checked against figures computed straight from the demo's
commands. Each scenario runs several checks in one app session (Textual tests are slow
under load), and each checks that every binding it is about does something observable.
"""

from __future__ import annotations

import asyncio
import shutil
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from asfledger.demo import demo_commands
from asfledger.history import entries
from asfledger.ledger import Ledger
from domain import commands as c
from domain.money import Money
from domain.values import parse_sek
from tui.app import PART_SCREENS, LedgerApp, PartCommands
from tui.screens.common import type_words
from tui.screens.help import HelpScreen
from tui.screens.history import HistoryScreen
from tui.screens.parts.part_screen import PAGE_SIZE, PartScreen
from tui.screens.parts.partners import PartnersScreen
from tui.screens.timetravel import EventDetailScreen, TimeTravelDialog
from tui.widgets.detail import DetailScreen

YEARS, SEED = 2, 1
C = TypeVar("C", bound=c.Command)
Scenario = Callable[[LedgerApp, Pilot[int]], Awaitable[None]]


def drive(db: str, scenario: Scenario, *, size: tuple[int, int] = (110, 36)) -> None:
    async def main() -> None:
        app = LedgerApp(db, actor="test", lang="en")
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int], pause: float = 0.0) -> None:
    """Let timers fire, workers finish and their results reach the screen."""
    await pilot.pause(pause)
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


async def press(pilot: Pilot[int], *keys: str, pause: float = 0.0) -> None:
    await pilot.press(*keys)
    await settle(pilot, pause)


def part(app: LedgerApp) -> PartScreen:
    screen = app.screen
    assert isinstance(screen, PartScreen), screen
    assert screen.snapshot is not None
    return screen


def current(app: LedgerApp) -> Screen[object]:
    """The screen on top (a function, so a type checker does not keep an old narrowing)."""
    return app.screen


def text_of(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def bindings_of(cls: type[DOMNode]) -> list[Binding]:
    return list(Binding.make_bindings(cls.BINDINGS))


def sek(amount: str | int) -> int:
    return parse_sek(amount) if isinstance(amount, str) else amount * 100


# What the demo holds, computed from its commands ------------------------------------------

@dataclass
class Expected:
    """The demo's figures, from the commands alone (not through the ledger)."""

    commands: list[c.Command]
    today: date = field(default_factory=date.today)

    def of(self, kind: type[C]) -> list[C]:
        return [x for x in self.commands if isinstance(x, kind)]

    def partner_statuses(self) -> Counter[str]:
        spans: dict[str, list[tuple[date, date | None]]] = {}
        for x in self.commands:
            if isinstance(x, c.OnboardPartner):
                spans.setdefault(x.org_nr, []).append((x.onboarded_on, None))
            elif isinstance(x, c.OffboardPartner):
                spans[x.org_nr][-1] = (spans[x.org_nr][-1][0], x.offboarded_on)
        statuses: Counter[str] = Counter()
        for p in self.of(c.RegisterPartner):
            mine = spans.get(p.org_nr, [])
            if any(s <= self.today and (e is None or self.today < e) for s, e in mine):
                statuses["onboarded"] += 1
            elif mine and mine[-1][1] is not None:
                statuses["offboarded"] += 1
            else:
                statuses["not yet onboarded"] += 1
        return statuses

    def latest_assessments(self, org_nr: str) -> dict[str, c.AssessCriterion]:
        latest: dict[str, c.AssessCriterion] = {}
        for x in self.of(c.AssessCriterion):
            if x.org_nr != org_nr or x.assessed_on > self.today:
                continue
            found = latest.get(x.criterion)
            if found is None or x.assessed_on >= found.assessed_on:
                latest[x.criterion] = x
        return latest

    def participants(self) -> int:
        reports: dict[tuple[str, str], int] = {}  # a later report of a period replaces
        for x in self.of(c.ReportParticipants):
            reports[x.ref, x.period] = sum(n.total for n in x.counts.values())
        return sum(reports.values())


@pytest.fixture(scope="module")
def expected() -> Expected:
    return Expected(demo_commands(YEARS, SEED))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, expected: Expected) -> Path:
    path = tmp_path_factory.mktemp("screens") / "demo.sqlite"
    with Ledger(str(path), actor="demo") as ledger:
        ledger.execute(expected.commands)
    return path


@pytest.fixture
def demo_db(demo_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    shutil.copy(demo_file, path)
    return str(path)


# Each part's screen, opened by its number key -------------------------------------------

def test_each_part_screen_shows_the_demo_by_its_number_key(demo_db: str,
                                                          expected: Expected) -> None:
    e = expected
    statuses = e.partner_statuses()
    decided = sum(sek(x.amount_sek) for x in e.of(c.DecideSupervisorFunding))
    # The demo's mistakes put right (issue 15): payments made twice are reversed, copies
    # of activities registered twice voided; the screens show what stands.
    reversed_ = {x.voucher_ref for x in e.of(c.ReversePayment)}
    payments = [x for x in e.of(c.PaySupervisorFunding) if x.voucher_ref not in reversed_]
    voided = {x.key for x in e.of(c.VoidDecision) if x.kind == "activity"}
    planned = [x for x in e.of(c.PlanActivity) if x.ref not in voided]
    paid = sum(sek(x.amount_sek) for x in payments)
    spent = sum(sek(x.amount_sek) for x in e.of(c.RecordExpenditure))
    held = e.of(c.HoldActivity)
    cancelled = len(e.of(c.CancelActivity))
    measures = Counter(x.measure for x in e.of(c.LogStructuralWork))
    left = {x.ref for x in e.of(c.LeaveOrganisation)}
    meetings = e.of(c.HoldBoardMeeting)
    en = "en"
    # part → (rows, what its summary line says)
    wanted: dict[str, tuple[int, list[str]]] = {
        "partners": (len(e.of(c.RegisterPartner)), [
            f"{len(e.of(c.RegisterPartner))} partners", f"{statuses['onboarded']} onboarded",
            f"{statuses['offboarded']} offboarded",
            f"{statuses['not yet onboarded']} not yet onboarded"]),
        "funding": (len(e.of(c.DecideSupervisorFunding)), [
            f"{len(e.of(c.DecideSupervisorFunding))} fundings",
            f"decided {Money(decided).text(en)}",
            f"paid {Money(paid).text(en)} in {len(payments)} payments",
            f"remaining {Money(decided - paid).text(en)}"]),
        "activities": (len(planned), [
            f"{len(planned) - len(held) - cancelled} planned",
            f"{len(held)} held", f"{cancelled} cancelled",
            f"attendance {sum(sum(x.attendance.values()) for x in held)}"]),
        "structural": (sum(measures.values()), [
            f"{sum(measures.values())} pieces of structural work",
            *(f"{code} {measures[code]}" for code in ("S1", "S2", "S3", "S4", "S5", "S6"))]),
        "plan": (len(e.of(c.AddAction)), []),
        "efforts": (len(e.of(c.StartEffort)), [
            f"{len(e.of(c.StartEffort))} efforts",
            f"{e.participants()} participants reported"]),
        "expenditure": (len(e.of(c.RecordExpenditure)) + len(payments), [
            f"Total {Money(paid + spent).text(en)}",
            f"supervisor funding {Money(paid).text(en)}"]),
        "memberships": (len(e.of(c.JoinOrganisation)), [
            f"{len(e.of(c.JoinOrganisation))} memberships",
            f"{len(e.of(c.JoinOrganisation)) - len(left)} current"]),
        "board": (len(meetings), [
            f"{len(meetings)} board meetings",
            f"latest {max(x.held_on for x in meetings).isoformat()}"]),
    }
    plan_years = Counter(x.year for x in e.of(c.AddAction))
    completed = Counter(x.year for x in e.of(c.CompleteAction))
    dropped = Counter(x.year for x in e.of(c.DropAction))
    adopted = {x.year for x in e.of(c.AdoptActionPlan)}
    for year, n in plan_years.items():
        wanted["plan"][1].append(f"{year}: {'adopted' if year in adopted else 'draft'}")
        wanted["plan"][1].append(
            f"{completed[year]} of {n} completed, {dropped[year]} dropped")
    assert list(wanted) == list(PART_SCREENS)

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        # The palette has an entry for each screen, in both languages (switched while
        # few screens are open: each open screen is composed again in the new language).
        offered = {str(hit.text): hit async for hit in PartCommands(app.screen).discover()}
        assert list(offered) == [
            "Partners", "Supervisor funding", "Activities", "Structural work", "Action plan",
            "Efforts and participants", "Expenditure", "Memberships", "Board meetings",
            "Look back"]
        offered["Memberships"].command()
        await settle(pilot)
        assert part(app).PART == "memberships"
        await press(pilot, "l")
        assert [str(hit.text) async for hit in PartCommands(app.screen).discover()][:3] == [
            "Partner", "Handledarfinansiering", "Aktiviteter"]
        assert f"{len(e.of(c.JoinOrganisation))} medlemskap" in text_of(app, "#summary")
        columns = part(app).query_one("#list", DataTable).ordered_columns
        assert [str(column.label) for column in columns][:2] == ["Referens", "Namn"]
        await press(pilot, "l")
        assert "memberships" in text_of(app, "#summary")

        mine = {f"nav.{mode}" for mode in PART_SCREENS}
        nav = {b.id: b for b in bindings_of(LedgerApp) if b.id in mine}
        assert set(nav) == mine
        for mode, (rows, says) in wanted.items():
            binding = nav[f"nav.{mode}"]
            assert binding.key == str(list(PART_SCREENS).index(mode) + 1)
            await press(pilot, binding.key)
            screen = part(app)
            assert mode == screen.PART and str(screen.title).startswith("ASF ledger · ")
            assert len(screen.all_rows) == rows, mode
            table = screen.query_one("#list", DataTable)
            assert table.row_count == min(rows, screen.page_size)
            summary = text_of(app, "#summary")
            for said in says:
                assert said in summary, (mode, said, summary)
            assert text_of(app, "#rows").startswith(f"rows 1–{rows} of {rows}")
            if rows:  # the first row's detail is beside the list
                assert text_of(app, "#detail").strip()
            first = [str(r.cells[0]).casefold() for r in screen.all_rows]
            if mode == "partners":  # by name
                assert first == sorted(first)
            elif mode in ("activities", "expenditure", "board"):  # newest first
                assert first == sorted(first, reverse=True)

        # F1 lists the number keys; the footer shows them as one group.
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        keys = app.screen.query_one("#help-keys", DataTable)
        shown = {str(keys.get_row_at(i)[0]): str(keys.get_row_at(i)[1])
                 for i in range(keys.row_count)}
        assert shown["1"] == "Partners" and shown["9"] == "Board meetings"
        assert shown["T"] == "Look back" and shown["/"] == "Filter"
        await press(pilot, "escape")
        footer = {k: b.binding for k, b in app.screen.active_bindings.items()}
        assert all(footer[str(n)].group is not None for n in range(1, 10))
        assert footer["1"].group.description == "Screens"  # type: ignore[union-attr]

        # What another process records shows on the screen without a key (the poll).
        await press(pilot, "9")
        with Ledger(demo_db, actor="someone.else") as other:
            other.execute([c.HoldBoardMeeting(ref="STY-LIVE", held_on=date.today(),
                                              minutes_ref="P-LIVE")])
        await settle(pilot, 2.5)
        assert len(part(app).all_rows) == len(meetings) + 1
        assert part(app).all_rows[0].key == "STY-LIVE"
        assert f"{len(meetings) + 1} board meetings" in text_of(app, "#summary")
        await press(pilot, "1")  # a screen not shown meanwhile catches up on its return
        assert part(app).snapshot is app.ledger_state.snapshot

    drive(demo_db, scenario)


# Partners: the criteria with their evidence, and the timeline -------------------------

def test_the_partner_detail_shows_C1_to_C4_with_evidence(
        demo_db: str, expected: Expected, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # where e and E export the rows
    e = expected
    offboarded = {x.org_nr for x in e.of(c.OffboardPartner)}
    onboarded = [x.org_nr for x in e.of(c.OnboardPartner)
                 if x.org_nr not in offboarded]
    never = [x.org_nr for x in e.of(c.RegisterPartner)
             if x.org_nr not in onboarded and x.org_nr not in offboarded]
    assert onboarded and never, "the demo has onboarded partners and one not yet"
    chosen = [onboarded[0], never[0]]

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "1")
        screen = part(app)
        assert isinstance(screen, PartnersScreen)
        effects: dict[str, Callable[[Binding], Awaitable[None]]] = {}

        async def filter_(b: Binding) -> None:  # "/" then the org number: one row
            for org_nr in chosen:
                await press(pilot, b.key)
                assert screen.focused is screen.query_one("#filter", Input)
                screen.query_one("#filter", Input).value = ""
                await press(pilot, *org_nr, "enter", pause=0.3)
                assert [r.key for r in screen.shown_rows] == [org_nr]
                await settle(pilot, 0.1)
                detail = text_of(app, "#detail")
                latest = e.latest_assessments(org_nr)
                for code in ("C1", "C2", "C3", "C4"):
                    found = latest[code]
                    assert f"{'✓' if found.met else '✗'} {code} " in detail, (code, detail)
                    assert f"{found.assessed_on.isoformat()}: {found.evidence[:30]}" in \
                        " ".join(detail.split())
                for kind in (c.SignAgreement, c.DecideSupervisorFunding, c.StartEffort):
                    for x in e.of(kind):
                        if getattr(x, "org_nr") == org_nr:  # noqa: B009
                            assert getattr(x, "ref") in detail, x  # noqa: B009
                assert "Timeline" in detail and "registered partner" in detail
                if org_nr in onboarded:
                    assert "Status: onboarded since" in detail
                    assert "onboarded partner" in detail
                else:
                    assert "Status: not yet onboarded" in detail and "✗" in detail

        async def open_detail(b: Binding) -> None:
            # enter on the list opens the detail full size; its own keys close it
            for closing in bindings_of(DetailScreen):
                screen.query_one("#list", DataTable).focus()
                await press(pilot, b.key)
                assert isinstance(app.screen, DetailScreen)
                assert app.screen.key == screen.selected
                assert "C4" in str(app.screen.query_one("#full-detail", Static).content)
                await press(pilot, closing.key)
                assert current(app) is screen

        async def clear_filter(b: Binding) -> None:
            assert screen.needle
            await press(pilot, b.key, pause=0.3)
            assert screen.needle == "" and len(screen.shown_rows) == len(e.of(c.RegisterPartner))
            assert screen.focused is screen.query_one("#list", DataTable)
            assert not screen.check_action("clear_filter", ())  # escape goes on to the app

        async def page(b: Binding) -> None:
            screen.page_size = 5
            screen._refilter()
            first = screen.shown_rows[0].key
            await press(pilot, "n")
            assert screen.page == 1 and screen.shown_rows[0].key != first
            assert text_of(app, "#rows").startswith("rows 6–10 of ")
            await press(pilot, "p")
            assert screen.page == 0 and screen.shown_rows[0].key == first
            screen.page_size = PAGE_SIZE
            screen._refilter()

        async def rows(b: Binding) -> None:  # j/k, g/G beside the arrows
            table = screen.query_one("#list", DataTable)
            table.move_cursor(row=2)
            await press(pilot, b.key)
            assert table.cursor_row == {"row(1)": 3, "row(-1)": 1, "row_end(0)": 0,
                                        "row_end(1)": table.row_count - 1}[b.action]

        async def sort(b: Binding) -> None:
            before = (screen.sort_column, screen.sort_reverse)
            await press(pilot, b.key)
            assert (screen.sort_column, screen.sort_reverse) != before

        async def export(b: Binding) -> None:
            await press(pilot, b.key)
            suffix = "xlsx" if b.key == "E" else "csv"
            assert (tmp_path / f"partners-{date.today().isoformat()}.{suffix}").stat().st_size

        async def correct(b: Binding) -> None:
            # x on the selected partner offers its corrections (tui/corrections.py)
            from tui.corrections import CorrectionPicker

            screen.query_one("#list", DataTable).focus()
            await press(pilot, b.key)
            assert isinstance(app.screen, CorrectionPicker)
            assert app.screen.choices[0].key == screen.selected
            await press(pilot, "escape")
            assert current(app) is screen

        effects = {"filter": filter_, "open_detail": open_detail,
                   "clear_filter": clear_filter, "page(1)": page, "page(-1)": page,
                   "correct": correct,
                   "row(1)": rows, "row(-1)": rows, "row_end(0)": rows, "row_end(1)": rows,
                   "sort(1)": sort, "sort(-1)": sort, "export('csv')": export,
                   "export('xlsx')": export}
        bindings = {b.action: b for b in bindings_of(PartScreen)}
        assert set(bindings) == set(effects), "every binding needs an observable effect"
        for action, binding in bindings.items():
            await effects[action](binding)

    drive(demo_db, scenario, size=(160, 44))  # wide: the detail beside the list


# Looking back ------------------------------------------------------------------------------

def test_looking_back_by_position_and_by_date(demo_db: str) -> None:
    with Ledger(demo_db, read_only=True) as ledger:
        history = list(entries(ledger.store))
    head = len(history)
    until = 120
    partners_then = sum(x.type == "Partner.Registered" for x in history[:until])
    partners_now = sum(x.type == "Partner.Registered" for x in history)
    assert 0 < partners_then < partners_now

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        travel = {b.id: b for b in bindings_of(LedgerApp) if b.id and b.id.startswith("travel.")}
        assert set(travel) == {"travel.toggle", "travel.now"}
        toggle, now = travel["travel.toggle"], travel["travel.now"]
        await press(pilot, "1")
        assert len(part(app).all_rows) == partners_now
        assert not app.check_action("back_to_now", ())  # escape means nothing yet

        # T opens the dialog; its escape cancels; a bad position is refused in place.
        await press(pilot, toggle.key)
        assert isinstance(app.screen, TimeTravelDialog)
        for closing in bindings_of(TimeTravelDialog):
            await press(pilot, closing.key)
            assert isinstance(current(app), PartnersScreen) and not app.looking_back
            await press(pilot, toggle.key)
        # the fields: as recorded, as decided, position
        await press(pilot, "tab", "tab", *str(head + 1), "enter")
        assert isinstance(app.screen, TimeTravelDialog)
        assert f"from 1 to {head}" in text_of(app, "#travel-error")
        app.screen.query_one("#position", Input).value = str(until)
        await press(pilot, "enter")

        # Every screen shows the ledger as it was; the header says so; nothing is recorded.
        assert app.looking_back and app.read_only and not app.opened_read_only
        assert f"as of event {until}" in app.sub_title and "read-only" in app.sub_title
        assert app.has_class("-looking-back")  # the header changes colour
        screen = part(app)
        assert len(screen.all_rows) == partners_then
        assert screen.snapshot is not None and screen.snapshot.until == until
        assert f"{partners_then} partners" in text_of(app, "#summary")
        if hasattr(app, "action_record"):  # the forms' "Record…" refuses while looking back
            await press(pilot, "r")
            assert current(app) is screen
            assert any("as it was" in str(n.message) for n in app._notifications)
        await press(pilot, "h")
        assert isinstance(app.screen, HistoryScreen) and app.screen.shown is not None
        assert app.screen.shown.total == until
        assert "as of event" in app.sub_title

        # escape returns to now, and every screen follows.
        await press(pilot, now.key)
        assert not app.looking_back and not app.read_only
        assert "as of event" not in app.sub_title and not app.has_class("-looking-back")
        assert app.screen.shown is not None and app.screen.shown.total == head
        await press(pilot, "1")
        assert len(part(app).all_rows) == partners_now

        # A date: events recorded on or before it (the demo was recorded today).
        yesterday = (date.today() - timedelta(days=1)).isoformat()
        await press(pilot, toggle.key, *"2026-13-01", "enter")
        assert "is not a date" in text_of(app, "#travel-error")
        app.screen.query_one("#as-of", Input).value = yesterday
        await press(pilot, "enter")
        assert f"as recorded on {yesterday}" in app.sub_title
        assert part(app).all_rows == [] and text_of(app, "#rows") == "no rows"
        await press(pilot, "h")
        assert app.screen.shown is not None and app.screen.shown.total == 0
        # T again returns to now.
        await press(pilot, toggle.key)
        assert not app.looking_back
        assert app.screen.shown is not None and app.screen.shown.total == head
        await press(pilot, toggle.key)
        app.screen.query_one("#as-of", Input).value = date.today().isoformat()
        await press(pilot, "enter")
        assert app.looking_back and app.screen.shown.total == head

    drive(demo_db, scenario)


def test_an_event_of_the_history_opens_with_its_chain_and_looks_back(demo_db: str) -> None:
    with Ledger(demo_db, read_only=True) as ledger:
        history = list(entries(ledger.store))
    tenth = history[-10]  # the tenth row: the history shows the newest first

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await press(pilot, "h")
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        table = screen.query_one("#events", DataTable)
        effects: dict[str, Callable[[Binding], Awaitable[None]]] = {}

        async def open_event(b: Binding) -> None:
            table.move_cursor(row=9)
            await press(pilot, b.key)
            detail = app.screen
            assert isinstance(detail, EventDetailScreen) and detail.info is not None
            assert detail.info.chain == tenth.chain and detail.info.type == tenth.type
            assert tenth.chain in text_of(app, "#event-chain")
            assert str(tenth.subject).split(" ")[-1] in detail.info.subject
            assert detail.info.sentence and "replay.event" not in detail.info.sentence
            detail_effects = {"dismiss": "closes", "look_back": "looks back"}
            assert {x.action for x in bindings_of(EventDetailScreen)} == set(detail_effects)
            await press(pilot, "escape")  # dismiss
            assert app.screen is screen and not app.looking_back
            await press(pilot, b.key)
            await press(pilot, "t")  # look_back: the ledger as of this event
            assert app.screen is screen and app.look_back is not None
            assert app.look_back.position == tenth.position and screen.shown is not None
            assert screen.shown.total == tenth.position
            assert str(table.get_row_at(0)[0]) == str(tenth.position)  # newest first
            app.look_back_to(None)
            await settle(pilot)

        async def look_back_here(b: Binding) -> None:
            table.move_cursor(row=4)
            position = int(str(table.get_row_at(4)[0]))
            await press(pilot, b.key)
            assert app.look_back is not None and app.look_back.position == position
            assert screen.shown is not None and screen.shown.total == position
            assert f"as of event {position}" in app.sub_title

        effects = {"open_event": open_event, "look_back_here": look_back_here}
        for binding in bindings_of(HistoryScreen):
            if binding.action in effects:
                await effects.pop(binding.action)(binding)
        assert not effects, "every new history binding needs an observable effect"
        await press(pilot, "escape")
        assert not app.looking_back

    drive(demo_db, scenario)


def test_the_dashboards_latest_decisions_name_events_in_words(demo_db: str) -> None:
    """The dashboard's table of latest decisions says what happened in the UI's language,
    as the history does, not the stored type (``StructuralWork.Logged``)."""
    with Ledger(demo_db, read_only=True) as ledger:
        newest = list(entries(ledger.store))[-1]

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        table = app.screen.query_one("#latest", DataTable)
        assert table.row_count > 0
        shown = str(table.get_row_at(0)[3])
        assert shown == type_words(newest.type, "en") and shown != newest.type
        assert "." not in shown

    drive(demo_db, scenario)
