"""Recording decisions in the terminal UI: a form for every command, driven through
Textual's Pilot on a real SQLite ledger in a tmp dir (no mocks).

Each scenario runs one app session (``asyncio.run``) and drives several forms in it.
Most values are set through the form's widgets (``CommandForm.fill``); the register and
board-meeting forms are filled key by key.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Button, Label, Select, Static
from textual.widgets.select import InvalidSelectValueError

from asfledger.ledger import Ledger
from asfledger.queries.snapshot import LookBack
from domain import commands as c
from domain.aggregates import BoardMeeting, Expenditure, Partner
from domain.commands import COMMAND_TYPES, CORRECTION_COMMANDS, command_name
from domain.reference import PARTIES
from domain.rules import RULES
from tui.app import LedgerApp
from tui.forms import CommandForm, RecordCommands, RecordPicker, open_form
from tui.forms.dialogs import LeaveDialog, RefusalDialog
from tui.forms.form import DEBOUNCE_SECONDS
from tui.forms.vocabulary import GROUPS, field_specs
from tui.widgets.confirm import ConfirmDialog

Scenario = Callable[[LedgerApp, Pilot[int]], Awaitable[None]]

day = date.fromisoformat
P1, P2, P3, P4 = "556677-8899", "769612-3459", "802400-1235", "556000-1116"

# A small ledger with one of everything a form acts on (all in 2025).
BASE: list[c.Command] = [
    c.RegisterPartner(org_nr=P1, name="Returbutiken", legal_form="ekonomisk_forening",
                      districts=["farsta"]),
    *(c.AssessCriterion(org_nr=P1, criterion=k, met=True, evidence="Granskat",
                        assessed_on=day("2025-01-05")) for k in ("C1", "C2", "C3", "C4")),
    c.OnboardPartner(org_nr=P1, onboarded_on=day("2025-01-10"), decision_ref="B-1"),
    # P2 meets C1–C3 but not C4: it cannot be onboarded (R2).
    c.RegisterPartner(org_nr=P2, name="Nya Verkstaden", legal_form="aktiebolag_svb",
                      districts=["jarva"]),
    *(c.AssessCriterion(org_nr=P2, criterion=k, met=k != "C4", evidence="Granskat",
                        assessed_on=day("2025-01-05")) for k in ("C1", "C2", "C3", "C4")),
    # P4 meets all four, not yet onboarded.
    c.RegisterPartner(org_nr=P4, name="Gröna Händer", legal_form="stiftelse",
                      districts=["bromma"]),
    *(c.AssessCriterion(org_nr=P4, criterion=k, met=True, evidence="Granskat",
                        assessed_on=day("2025-01-05")) for k in ("C1", "C2", "C3", "C4")),
    c.SignAgreement(ref="AG-1", org_nr=P1, kind="iop", starts_on=day("2025-02-01"),
                    decision_ref="B-2", value_sek="200000",
                    scope="Arbetsträningsplatser i butiken"),
    c.DecideSupervisorFunding(ref="SF-1", org_nr=P1, employer="region_stockholm",
                              amount_sek=300000, decided_on=day("2025-02-15"),
                              starts_on=day("2025-03-01"), ends_on=day("2025-12-31"),
                              fte_percent=50,
                              target_groups=["long_term_unemployed"], decision_ref="B-3"),
    c.PlanActivity(ref="ACT-1", kind="seminar", title="ASF i Farsta",
                   planned_on=day("2025-10-01")),
    c.PlanActivity(ref="ACT-3", kind="inspiration_day", title="Inspirationsdag",
                   planned_on=day("2025-12-01")),
    c.StartEffort(ref="EFF-1", org_nr=P1, measure="I1", run_by="stockholms_stad",
                  starts_on=day("2025-03-01"), budget_sek=100000, decision_ref="B-4"),
    c.DraftActionPlan(year=2025, operations_plan_ref="VP-2025"),
    c.AddAction(year=2025, action_id="A1", measure="S3", description="Informera parterna",
                owner="Samordnaren", due_on=day("2025-12-31")),
    c.AddAction(year=2025, action_id="A2", measure="S5", description="Omvärldsbevakning",
                owner="Förbundschefen", due_on=day("2025-12-31")),
    c.HoldBoardMeeting(ref="B-5", held_on=day("2025-02-01"), minutes_ref="P 2025:1"),
    # R8: the 2026 plan (VALID) is adopted at this meeting.
    c.HoldBoardMeeting(ref="B-13", held_on=day("2026-01-20"), minutes_ref="P 2026:1"),
    c.AdoptActionPlan(year=2025, adopted_on=day("2025-02-01"), decision_ref="B-5"),
    c.DraftActionPlan(year=2026, operations_plan_ref="VP-2026"),
    c.JoinOrganisation(ref="MEM-1", name="Nätverket", kind="network",
                       joined_on=day("2025-01-15"), decision_ref="B-6"),
]

# A valid command for every form, given the BASE ledger.
RECORDABLE = set(COMMAND_TYPES) - CORRECTION_COMMANDS  # the "Record…" picker's commands
VALID: dict[str, c.Command] = {command_name(x): x for x in (
    c.RegisterPartner(org_nr=P3, name="Kaffekoppen", legal_form="ideell_forening",
                      districts=["bromma", "sodermalm"]),
    c.AssessCriterion(org_nr=P2, criterion="C4", met=True, evidence="Stadgar granskade",
                      assessed_on=day("2025-06-01")),
    c.OnboardPartner(org_nr=P4, onboarded_on=day("2025-06-01"), decision_ref="B-10"),
    c.OffboardPartner(org_nr=P1, offboarded_on=day("2025-11-30"), reason="Verksamheten upphör"),
    c.SignAgreement(ref="AG-2", org_nr=P1, kind="procurement", starts_on=day("2025-06-01"),
                    decision_ref="B-11", ends_on=day("2025-12-31"), value_sek="50000",
                    scope="Tio platser för arbetsträning i tvätteriet"),
    c.EndAgreement(ref="AG-1", ended_on=day("2025-12-31"), reason="Avtalstiden är slut"),
    c.DecideSupervisorFunding(ref="SF-2", org_nr=P1, employer="arbetsformedlingen",
                              amount_sek="120000,50", decided_on=day("2025-05-01"),
                              starts_on=day("2025-06-01"), ends_on=day("2026-05-31"),
                              fte_percent=75,
                              # another target group is typed (issue 14)
                              target_groups=["newly_arrived_refugees", "mental_disability",
                                             "other:frigivna från anstalt"],
                              decision_ref="B-12"),
    c.PaySupervisorFunding(ref="SF-1", voucher_ref="V-1", paid_on=day("2025-04-30"),
                           amount_sek="25000", payee="region_stockholm"),
    c.EndSupervisorFunding(ref="SF-1", ended_on=day("2025-09-30"), reason="Handledaren slutade"),
    c.PlanActivity(ref="ACT-2", kind="study_visit", title="Studiebesök",
                   planned_on=day("2025-11-05"), districts=["city_wide"]),
    c.HoldActivity(ref="ACT-1", held_on=day("2025-10-01"),
                   attendance={"stockholms_stad": 3, "asf": 5, "participants": 12}),
    c.CancelActivity(ref="ACT-3", reason="För få anmälda"),
    c.LogStructuralWork(ref="SW-1", measure="S4", done_on=day("2025-04-02"),
                        description="Stödstruktur i Järva", districts=["jarva"],
                        parties=["region_stockholm", "forsakringskassan"]),
    c.DraftActionPlan(year=2027, operations_plan_ref="VP-2027"),
    c.AddAction(year=2026, action_id="B1", measure="S7", description="Inspirationsdag",
                owner="Samordnaren", due_on=day("2026-06-30")),
    c.AdoptActionPlan(year=2026, adopted_on=day("2026-01-20"), decision_ref="B-13"),
    c.CompleteAction(year=2025, action_id="A1", completed_on=day("2025-11-01"),
                     outcome="Tre informationsmöten"),
    c.DropAction(year=2025, action_id="A2", dropped_on=day("2025-11-01"), reason="Prioriteras ej"),
    c.StartEffort(ref="EFF-2", org_nr=P1, measure="I2", run_by="arbetsformedlingen",
                  starts_on=day("2025-06-01"), budget_sek="80000", decision_ref="B-14",
                  ends_on=day("2025-12-31")),
    c.ReportParticipants(ref="EFF-1", period="2025-Q2", counts={
        "long_term_unemployed": c.GenderCounts(women=3, men=4),
        "mental_disability": c.GenderCounts(other=1),
        "other:frigivna från anstalt": c.GenderCounts(men=2)}),
    c.ReportOutcomes(ref="EFF-1", period="2025", work=2, studies=1, job_seeking=3, other=0),
    c.CompleteEffort(ref="EFF-1", completed_on=day("2025-12-31")),
    c.RecordExpenditure(ref="EXP-1", paid_on=day("2025-05-05"), amount_sek="5000",
                        purpose="procured_service", payee_kind="partner", payee=P1,
                        description="Kursplatser för deltagare i butiken", linked_ref="AG-1",
                        skills_service="course", beneficiaries="participants"),
    c.JoinOrganisation(ref="MEM-2", name="Kunskapsnätverket", kind="other",
                       joined_on=day("2025-02-01"), decision_ref="B-15", org_nr="559123-4561"),
    c.LeaveOrganisation(ref="MEM-1", left_on=day("2025-12-31")),
    c.HoldBoardMeeting(ref="STY-1", held_on=day("2025-09-15"), minutes_ref="P-1"),
    c.Redact(position=1, field="actor", decision_ref="B-16", reason="Fel registrerare"),
)}

# Written through its form, one (at least) of every group of the picker; the partners'
# and the board's are written key by key below.
RECORDED = {"sign_agreement", "pay_supervisor_funding", "hold_activity",
            "log_structural_work", "complete_action", "report_participants",
            "record_expenditure", "leave_organisation"}


def form_values(cmd: c.Command) -> dict[str, Any]:
    """What the coordinator enters: the command's values, without the empty ones."""
    data = msgspec.structs.asdict(cmd)
    return {s.name: data[s.name] for s in field_specs(command_name(cmd))
            if data[s.name] not in (None, [], {})}


# Driving the app -----------------------------------------------------------------------

def drive(db: str, scenario: Scenario, *, lang: str = "en", read_only: bool = False) -> None:
    async def main() -> None:
        app = LedgerApp(db, actor="test", lang=lang, read_only=read_only)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int], pause: float = 0.0) -> None:
    """Let timers fire, workers finish and their results reach the screen."""
    await pilot.pause(pause)
    for _ in range(200):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


async def checked(pilot: Pilot[int]) -> None:
    """Wait out the debounce, then the dry run against the ledger."""
    await settle(pilot, DEBOUNCE_SECONDS + 0.1)


def form(app: LedgerApp) -> CommandForm:
    screen = app.screen
    assert isinstance(screen, CommandForm), screen
    return screen


async def open_(app: LedgerApp, pilot: Pilot[int], command: str) -> CommandForm:
    assert open_form(app, command)
    await settle(pilot)
    assert form(app).ready
    return form(app)


def asked(app: LedgerApp, question: str) -> bool:
    """The one yes-or-no dialog is up, asking ``question`` (its id: ``confirm`` before
    recording, ``next`` for the decision usually recorded next)."""
    return isinstance(app.screen, ConfirmDialog) and app.screen.id == question


def text(app: LedgerApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def head(db: str) -> int:
    with Ledger(db, read_only=True) as ledger:
        return ledger.head()


def stored(db: str, cls: type[Any], key: str) -> Any:
    with Ledger(db, read_only=True) as ledger:
        return ledger.get(cls, key)


@pytest.fixture(scope="module")
def base_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("forms") / "base.sqlite"
    with Ledger(str(path), actor="setup") as ledger:
        ledger.execute(BASE)
    return path


@pytest.fixture
def db(base_file: Path, tmp_path: Path) -> str:
    path = tmp_path / "ledger.sqlite"
    shutil.copy(base_file, path)
    return str(path)


def test_every_command_has_a_form_in_a_group() -> None:
    grouped = [name for _, names in GROUPS for name in names]
    # The corrections have their own forms, reached from the row they correct.
    assert sorted(grouped) == sorted(RECORDABLE) and len(grouped) == 27
    assert set(VALID) == RECORDABLE


# What the coordinator may try before entering the valid values: each is refused by the
# rule it names, in the same form, and nothing is written. ------------------------------

async def refused(app: LedgerApp, pilot: Pilot[int], code: str) -> str:
    """Ctrl+S opens the dialog citing rule ``code``; Esc goes back to the form."""
    before = app.ledger.head()
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, RefusalDialog), text(app, "#form-status")
    assert app.screen.refusal.code == code
    said = text(app, "#refusal-title") + "\n" + text(app, "#refusal-text")
    assert said.startswith(f"Refused by the policy: {code}")
    assert "Nothing was written" in text(app, "#refusal-nothing")
    await pilot.press("escape")
    await settle(pilot)
    assert isinstance(app.screen, CommandForm)  # back to the form, to correct it
    assert app.ledger.head() == before
    return said


async def F1_a_cash_grant_is_refused_citing_the_policy(app: LedgerApp, pilot: Pilot[int],
                                                     f: CommandForm) -> None:
    f.fill({"ref": "EXP-9", "paid_on": "2025-05-05", "amount_sek": "10000",
            "purpose": "cash_grant", "payee_kind": "party", "payee": "stockholms_stad",
            "description": "Bidrag"})
    await checked(pilot)  # said as you type, before anything is confirmed
    assert text(app, "#form-status").startswith("Refused under F1")
    said = await refused(app, pilot, "F1")
    assert RULES["F1"].quote_sv in said and RULES["F1"].quote_en in said
    # Issue 14: a course asks whom it is for; for ASF staff it is F4, whatever the purpose.
    assert "optional" in text(app, "#row-beneficiaries .form-label")
    f.fill({"purpose": "procured_service", "payee_kind": "partner", "payee": P1,
            "linked_ref": "AG-1", "skills_service": "course",
            "description": "Kurs i affärsutveckling"})
    await checked(pilot)
    assert "optional" not in text(app, "#row-beneficiaries .form-label")
    f.fill({"beneficiaries": "asf_staff"})
    await checked(pilot)
    assert text(app, "#form-status").startswith("Refused under F4")
    await refused(app, pilot, "F4")


async def R1_the_employer_can_only_be_a_party(app: LedgerApp, pilot: Pilot[int],
                                            f: CommandForm) -> None:
    employer = app.screen.query_one("#f-employer", Select)
    assert [v for _, v in employer._options if v is not Select.NULL] == list(PARTIES)
    with pytest.raises(InvalidSelectValueError):
        employer.value = "Bemanningsbolaget AB"


async def R1_the_payment_goes_to_the_employer(app: LedgerApp, pilot: Pilot[int],
                                            f: CommandForm) -> None:
    f.fill({"ref": "SF-1"})
    await settle(pilot)
    assert app.screen.query_one("#f-payee", Select).value == "region_stockholm"  # pre-filled
    f.fill({"voucher_ref": "V-9", "paid_on": "2025-04-30", "amount_sek": "1000",
            "payee": "stockholms_stad"})
    said = await refused(app, pilot, "R1")
    assert RULES["R1"].quote_sv in said and RULES["R1"].quote_en in said


async def R2_a_partner_short_of_C4_cannot_be_onboarded(app: LedgerApp, pilot: Pilot[int],
                                                     f: CommandForm) -> None:
    offered = [v for _, v in app.screen.query_one("#f-org_nr", Select)._options]
    assert P2 in offered and P1 not in offered  # P1 is onboarded already
    f.fill({"org_nr": P2, "onboarded_on": "2025-06-01", "decision_ref": "B-99"})
    await checked(pilot)
    button = app.screen.query_one("#form-submit", Button)
    assert button.disabled and "C4 not met on 2025-06-01 (R2)" in str(button.label)
    said = await refused(app, pilot, "R2")  # the rule in full, with the policy's words
    assert RULES["R2"].quote_sv in said and "C4" in said


async def a_duplicate_and_a_bad_org_nr_show_by_the_field(app: LedgerApp, pilot: Pilot[int],
                                                       f: CommandForm) -> None:
    f.fill(form_values(VALID["register_partner"]) | {"org_nr": P1})
    await pilot.press("ctrl+s")
    await settle(pilot)
    assert isinstance(app.screen, CommandForm)  # a consistency refusal: no dialog
    assert "already in the ledger" in text(app, "#form-status")
    assert "already in the ledger" in text(app, "#e-org_nr")
    f.fill({"org_nr": "556677-8890"})  # as you type: the domain's Luhn check
    await settle(pilot)
    assert "Luhn" in text(app, "#e-org_nr")


async def an_end_before_the_start_shows_by_the_end(app: LedgerApp, pilot: Pilot[int],
                                                 f: CommandForm) -> None:
    assert "Scope" in text(app, "#row-scope .form-label")  # F1: what the association buys
    f.fill(form_values(VALID["sign_agreement"]) | {"ends_on": "2025-01-31"})
    await settle(pilot)
    assert "before Starts on" in text(app, "#e-ends_on")  # fields in words (issue 19)
    assert text(app, "#e-ref") == ""


ATTEMPTS: dict[str, Callable[[LedgerApp, Pilot[int], CommandForm], Awaitable[None]]] = {
    "record_expenditure": F1_a_cash_grant_is_refused_citing_the_policy,
    "decide_supervisor_funding": R1_the_employer_can_only_be_a_party,
    "pay_supervisor_funding": R1_the_payment_goes_to_the_employer,
    "onboard_partner": R2_a_partner_short_of_C4_cannot_be_onboarded,
    "register_partner": a_duplicate_and_a_bad_org_nr_show_by_the_field,
    "sign_agreement": an_end_before_the_start_shows_by_the_end,
}


# Every form opens, refuses what the policy forbids, builds its command, and one of each
# group is recorded ----------------------------------------------------------------------

SESSIONS = {  # groups of the picker driven in one app session each
    "partners-agreements-funding": ("partners", "agreements", "supervisor_funding"),
    "activities-structural-plan": ("activities", "structural_work", "action_plan"),
    "efforts-expenditure-memberships-board": ("efforts", "expenditure", "memberships",
                                              "board"),
}


@pytest.mark.parametrize("session", list(SESSIONS))
def test_every_form_opens_and_records_its_command(session: str, db: str) -> None:
    groups = dict(GROUPS)
    commands = [name for group in SESSIONS[session] for name in groups[group]]
    recorded: list[str] = []

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        for name in commands:
            expected = VALID[name]
            f = await open_(app, pilot, name)
            if name in ATTEMPTS:
                await ATTEMPTS[name](app, pilot, f)
            f.fill(form_values(expected))
            await settle(pilot)
            cmd, errors = f.build()
            assert cmd == expected, errors
            if name not in RECORDED:
                app.ledger.execute([cmd], dry_run=True)  # the ledger would take it
                await pilot.press("escape")  # typed in: asks first (issue 19)
                await settle(pilot)
                assert isinstance(app.screen, LeaveDialog)
                await pilot.press("x")  # discard
                await settle(pilot)
                assert not isinstance(app.screen, CommandForm)
                continue
            await checked(pilot)  # as you type: decided against the ledger, not written
            assert text(app, "#form-status").startswith("✓ Ready to record"), \
                text(app, "#form-status")
            before = app.ledger.head()
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, ConfirmDialog)
            assert text(app, "#confirm-summary") and app.ledger.head() == before
            await pilot.press("y")
            await settle(pilot)
            assert not isinstance(app.screen, CommandForm) and not asked(app, "confirm")
            assert app.ledger.head() > before
            recorded.append(name)

    drive(db, scenario)
    assert set(recorded) == set(commands) & RECORDED
    assert {g for gs in SESSIONS.values() for g in gs} == set(groups)


# By keyboard, and every key of the forms ----------------------------------------------

def _actions(cls: type[Any]) -> dict[str, Binding]:
    return {b.action: b for b in Binding.make_bindings(cls.BINDINGS)}


def test_by_keyboard_and_every_key_of_the_forms_does_something(db: str) -> None:
    pressed: set[tuple[str, str]] = set()

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        async def press(cls: type[Any], key: str) -> None:
            action = {b.key: b.action for b in Binding.make_bindings(cls.BINDINGS)}[key]
            await pilot.press(key)
            await settle(pilot)
            pressed.add((cls.__name__, action))

        # A partner, from the palette, key by key.
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"Register a partner")
        await settle(pilot, 0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert form(app).command == "register_partner" and form(app).ready
        await pilot.press(*P3, "tab", *"Kaffekoppen", "tab")
        await pilot.press("enter", "down", "down", "enter", "tab")  # blank, ekonomisk, ideell
        await pilot.press("space", "tab")  # the first district: Bromma
        await press(CommandForm, "ctrl+s")
        assert isinstance(app.screen, ConfirmDialog), text(app, "#form-status")
        assert "Kaffekoppen" in text(app, "#confirm-summary")
        await pilot.press("enter")  # "Yes, record" has the focus
        await settle(pilot)
        assert not isinstance(app.screen, CommandForm)
        assert asked(app, "next")  # assess C1–C4 next? Not now.
        await pilot.press("escape")
        await settle(pilot)

        # r opens the picker (from the history: the dashboard's r is its reload).
        assert _actions(LedgerApp)["record"].key == "r"
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RecordPicker)
        await press(RecordPicker, "escape")
        assert not isinstance(app.screen, RecordPicker)
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("end", "enter")  # the last command: hold a board meeting
        await settle(pilot)
        f = form(app)
        assert f.command == "hold_board_meeting"
        await pilot.press(*"STY-9", "tab", *"2025-09-15", "tab", *"P-9")  # focus selects
        before = app.ledger.head()
        for no in ("n", "escape"):  # back to the form, nothing written
            await press(CommandForm, "ctrl+s")
            assert isinstance(app.screen, ConfirmDialog)
            await press(ConfirmDialog, no)
            assert app.screen is f and app.ledger.head() == before
        await press(CommandForm, "ctrl+s")
        await press(ConfirmDialog, "y")
        assert app.screen is not f and app.ledger.head() > before

        # F4: the refusal dialog closes with Esc; Esc in the form cancels it.
        f = await open_(app, pilot, "record_expenditure")
        f.fill({"ref": "EXP-9", "paid_on": "2025-05-05", "amount_sek": "10000",
                "purpose": "asf_staff_development", "payee_kind": "supplier",
                "payee": "Kursbolaget", "payee_legal_form": "aktiebolag",
                "description": "Kurs"})
        app.screen.query_one("#form-cancel", Button).focus()
        for key in ("q", "h", "r", "1"):  # a modal form: the app's keys wait
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is f and app.is_running
        await press(CommandForm, "ctrl+s")
        assert isinstance(app.screen, RefusalDialog) and app.screen.refusal.code == "F4"
        await press(RefusalDialog, "escape")
        assert app.screen is f
        await press(CommandForm, "escape")  # typed in: asks first (issue 19)
        assert isinstance(app.screen, LeaveDialog)
        await pilot.press("x")
        await settle(pilot)
        assert app.screen is not f

    drive(db, scenario)
    partner = stored(db, Partner, P3)
    assert (partner.name, partner.legal_form, partner.districts) == (
        "Kaffekoppen", "ideell_forening", ["bromma"])
    meeting = stored(db, BoardMeeting, "STY-9")
    assert str(meeting.held_on) == "2025-09-15" and meeting.minutes_ref == "P-9"
    assert stored(db, Expenditure, "EXP-9") is None
    assert pressed == {(cls.__name__, b.action)
                       for cls in (RecordPicker, CommandForm, ConfirmDialog, RefusalDialog)
                       for b in Binding.make_bindings(cls.BINDINGS)}


# Read-only: no form opens, and the UI says why ------------------------------------------

def test_read_only_refuses_every_form_and_says_why(db: str) -> None:
    before = head(db)

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        await pilot.press("h")
        await settle(pilot)
        screen = app.screen
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is screen
        for name in COMMAND_TYPES:
            assert not open_form(app, name)
        hits = [hit async for hit in RecordCommands(app.screen).discover()]
        hits[0].command()
        await settle(pilot)
        assert app.screen is screen
        said = [n.message for n in app._notifications]
        assert said and all("read-only" in m for m in said)

    drive(db, scenario, read_only=True)
    assert head(db) == before


def test_looking_back_begun_while_confirming_refuses_the_write(db: str) -> None:
    """A form confirmed after the user began looking back (the palette's "Look back"
    reaches over the dialogs) is refused with the reason, and nothing is written."""
    before = head(db)

    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        f = await open_(app, pilot, "hold_board_meeting")
        f.fill(form_values(VALID["hold_board_meeting"]))
        await checked(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        app.look_back_to(LookBack(position=1))
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.ledger.head() == before
        assert any("as it was" in str(n.message) for n in app._notifications)

    drive(db, scenario)
    assert head(db) == before


# The palette ---------------------------------------------------------------------------

def test_the_palette_offers_record_for_every_command_in_both_languages(db: str) -> None:
    async def scenario(app: LedgerApp, pilot: Pilot[int]) -> None:
        names = [str(hit.text) async for hit in RecordCommands(app.screen).discover()]
        assert len(names) == len(RECORDABLE) == 27
        assert all(n.startswith("Record: ") for n in names)
        assert "Record: Decide supervisor funding" in names
        await pilot.press("l")
        await settle(pilot)
        hits = {str(hit.text): hit async for hit in RecordCommands(app.screen).discover()}
        assert len(hits) == 27 and all(n.startswith("Registrera: ") for n in hits)
        hits["Registrera: Besluta om handledarfinansiering"].command()
        await settle(pilot)
        f = form(app)
        assert f.command == "decide_supervisor_funding"
        assert text(app, "#form-title") == (
            "Besluta om handledarfinansiering · Handledarfinansiering (I3)")
        labels = {str(label.content) for label in app.screen.query(".form-label").results(Label)}
        assert "Handledarens arbetsgivare (part)" in labels
        assert "Anteckning (frivilligt)" in labels

    drive(db, scenario)
