"""Valid commands with sensible defaults, and helpers to check what the ledger stored.

Every builder returns a command ``Struct`` of ``domain.commands`` that the ledger accepts
on its own (given the partner, funding, plan… it refers to). Override only what a test is
about: ``pay_funding(amount_sek="0.10")``. Dates default to 2026, the year of the examples.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

import pytest
from eventsourcing.utils import get_topic

from asfledger.ledger import CommandRefused, Ledger
from domain import commands as c
from domain.aggregates import LedgerAggregate
from domain.rules import RULES
from domain.values import luhn_ok
from tests.domain.memory import MemoryLedger

A = TypeVar("A", bound=LedgerAggregate)

YEAR = 2026
DAY = date(2026, 1, 15)
YEAR_END = date(2026, 12, 31)
DECISION = "Styrelsen 2026-01-15 §4"


def make_org_nr(serial: int, prefix: str = "769") -> str:
    """A valid org number (third digit ≥ 2, Luhn check digit) numbered ``serial``.

    The default prefix 769 is the series of Swedish economic associations (ekonomiska
    föreningar), the most common legal form of an ASF.
    """
    body = f"{prefix}{serial:0{9 - len(prefix)}d}"
    assert len(body) == 9 and int(body[2]) >= 2, body
    for check in range(10):
        if luhn_ok(body + str(check)):
            return f"{body[:6]}-{body[6:]}{check}"
    raise AssertionError("unreachable")  # pragma: no cover


ORG_A = make_org_nr(1)
ORG_B = make_org_nr(2)
ORG_C = make_org_nr(3)


# Partners -------------------------------------------------------------------------------

def register(org_nr: str = ORG_A, *, name: str = "Returverket ekonomisk förening",
             legal_form: c.LegalForm = "ekonomisk_forening",
             districts: Sequence[c.District] = ("farsta",),
             note: str | None = None) -> c.RegisterPartner:
    return c.RegisterPartner(org_nr=org_nr, name=name, legal_form=legal_form,
                             districts=list(districts), note=note)


def assess(org_nr: str = ORG_A, criterion: c.Criterion = "C1", *, met: bool = True,
           on: date = DAY, evidence: str = "Stadgar och verksamhetsberättelse 2025",
           note: str | None = None) -> c.AssessCriterion:
    return c.AssessCriterion(org_nr=org_nr, criterion=criterion, met=met, evidence=evidence,
                             assessed_on=on, note=note)


def assess_all(org_nr: str = ORG_A, *, on: date = DAY, met: bool = True,
               ) -> list[c.AssessCriterion]:
    return [assess(org_nr, crit, met=met, on=on) for crit in ("C1", "C2", "C3", "C4")]


def onboard(org_nr: str = ORG_A, *, on: date = DAY,
            decision_ref: str = DECISION) -> c.OnboardPartner:
    return c.OnboardPartner(org_nr=org_nr, onboarded_on=on, decision_ref=decision_ref)


def offboard(org_nr: str = ORG_A, *, on: date = date(2026, 6, 30),
             reason: str = "Verksamheten har upphört") -> c.OffboardPartner:
    return c.OffboardPartner(org_nr=org_nr, offboarded_on=on, reason=reason)


def onboarded_partner_commands(org_nr: str = ORG_A, *, on: date = DAY, name: str | None = None,
                               legal_form: c.LegalForm = "ekonomisk_forening",
                               districts: Sequence[c.District] = ("farsta",),
                               ) -> list[c.Command]:
    """Register a partner, assess C1–C4 as met on ``on`` and onboard it that day."""
    return [
        register(org_nr, name=name or f"ASF {org_nr} ekonomisk förening",
                 legal_form=legal_form, districts=districts),
        *assess_all(org_nr, on=on),
        onboard(org_nr, on=on),
    ]


# Agreements -----------------------------------------------------------------------------

def sign_agreement(ref: str = "AVT-1", org_nr: str = ORG_A, *,
                   kind: c.AgreementKind = "iop", starts_on: date = DAY,
                   ends_on: date | None = YEAR_END, value_sek: str | int | None = "1000000",
                   scope: str | None = "Arbetsträningsplatser för målgruppen",
                   decision_ref: str = DECISION) -> c.SignAgreement:
    """With a value and a scope (F1); ``value_sek=None, scope=None``: as older histories."""
    return c.SignAgreement(ref=ref, org_nr=org_nr, kind=kind, starts_on=starts_on,
                           ends_on=ends_on, value_sek=value_sek, scope=scope,
                           decision_ref=decision_ref)


def end_agreement(ref: str = "AVT-1", *, on: date = date(2026, 6, 30),
                  reason: str = "Avtalet sades upp") -> c.EndAgreement:
    return c.EndAgreement(ref=ref, ended_on=on, reason=reason)


# Supervisor funding (I3) -----------------------------------------------------------------

def decide_funding(ref: str = "HF-1", org_nr: str = ORG_A, *,
                   employer: str = "stockholms_stad", amount_sek: str | int = "100000",
                   decided_on: date = DAY, starts_on: date = DAY, ends_on: date = YEAR_END,
                   fte_percent: int = 50,
                   target_groups: Sequence[c.TargetGroup] = ("long_term_unemployed",),
                   decision_ref: str = DECISION) -> c.DecideSupervisorFunding:
    return c.DecideSupervisorFunding(
        ref=ref, org_nr=org_nr, employer=employer, amount_sek=amount_sek,
        decided_on=decided_on, starts_on=starts_on, ends_on=ends_on, fte_percent=fte_percent,
        target_groups=list(target_groups), decision_ref=decision_ref)


def pay_funding(ref: str = "HF-1", *, voucher_ref: str = "VER-1",
                paid_on: date = date(2026, 3, 31), amount_sek: str | int = "25000",
                payee: str = "stockholms_stad") -> c.PaySupervisorFunding:
    return c.PaySupervisorFunding(ref=ref, voucher_ref=voucher_ref, paid_on=paid_on,
                                  amount_sek=amount_sek, payee=payee)


def end_funding(ref: str = "HF-1", *, on: date = date(2026, 9, 30),
                reason: str = "Handledaren har slutat") -> c.EndSupervisorFunding:
    return c.EndSupervisorFunding(ref=ref, ended_on=on, reason=reason)


# Activities (S7) and structural work (S1–S6) ---------------------------------------------

def plan_activity(ref: str = "AKT-1", *, kind: c.ActivityKind = "seminar",
                  title: str = "Seminarium om ASF", planned_on: date = date(2026, 3, 12),
                  districts: Sequence[c.District] = ()) -> c.PlanActivity:
    return c.PlanActivity(ref=ref, kind=kind, title=title, planned_on=planned_on,
                          districts=list(districts))


def hold_activity(ref: str = "AKT-1", *, held_on: date = date(2026, 3, 12),
                  attendance: dict[c.AttendanceGroup, int] | None = None) -> c.HoldActivity:
    if attendance is None:
        attendance = {"stockholms_stad": 12, "asf": 5, "participants": 3}
    return c.HoldActivity(ref=ref, held_on=held_on, attendance=attendance)


def cancel_activity(ref: str = "AKT-1", *,
                    reason: str = "För få anmälda") -> c.CancelActivity:
    return c.CancelActivity(ref=ref, reason=reason)


def log_structural_work(ref: str = "SA-1", *, measure: c.StructuralMeasure = "S3",
                        done_on: date = date(2026, 2, 10),
                        description: str = "Presentation om ASF för socialtjänsten",
                        districts: Sequence[c.District] = (),
                        parties: Sequence[c.PartyCode] = (),
                        note: str | None = None) -> c.LogStructuralWork:
    return c.LogStructuralWork(ref=ref, measure=measure, done_on=done_on,
                               description=description, districts=list(districts),
                               parties=list(parties), note=note)


# The action plan (R6) -------------------------------------------------------------------

def draft_plan(year: int = YEAR, *,
               operations_plan_ref: str = "Verksamhetsplan 2026") -> c.DraftActionPlan:
    return c.DraftActionPlan(year=year, operations_plan_ref=operations_plan_ref)


def add_action(action_id: str = "A1", *, year: int = YEAR, measure: c.Measure = "S7",
               description: str = "Två inspirationsdagar om ASF",
               owner: str = "förbundschef", due_on: date = date(2026, 11, 30),
               decision_ref: str | None = None) -> c.AddAction:
    return c.AddAction(year=year, action_id=action_id, measure=measure,
                       description=description, owner=owner, due_on=due_on,
                       decision_ref=decision_ref)


def adopt_plan(year: int = YEAR, *, adopted_on: date = date(2026, 2, 1),
               decision_ref: str = "STYR-2026-1 §7") -> c.AdoptActionPlan:
    # R8: the decision names a board meeting held that day (``board_meeting()``'s default),
    # which is recorded first.
    return c.AdoptActionPlan(year=year, adopted_on=adopted_on, decision_ref=decision_ref)


def complete_action(action_id: str = "A1", *, year: int = YEAR,
                    completed_on: date = date(2026, 10, 1),
                    outcome: str = "Genomfört med 40 deltagare") -> c.CompleteAction:
    return c.CompleteAction(year=year, action_id=action_id, completed_on=completed_on,
                            outcome=outcome)


def drop_action(action_id: str = "A1", *, year: int = YEAR,
                dropped_on: date = date(2026, 10, 1),
                reason: str = "Ersatt av nationell konferens") -> c.DropAction:
    return c.DropAction(year=year, action_id=action_id, dropped_on=dropped_on, reason=reason)


# Efforts (I1, I2) -----------------------------------------------------------------------

def start_effort(ref: str = "INS-1", org_nr: str = ORG_A, *,
                 measure: c.EffortMeasure = "I1", run_by: c.PartyCode = "stockholms_stad",
                 starts_on: date = DAY, ends_on: date | None = YEAR_END,
                 budget_sek: str | int = "50000",
                 decision_ref: str = DECISION) -> c.StartEffort:
    return c.StartEffort(ref=ref, org_nr=org_nr, measure=measure, run_by=run_by,
                         starts_on=starts_on, ends_on=ends_on, budget_sek=budget_sek,
                         decision_ref=decision_ref)


def report_participants(ref: str = "INS-1", *, period: str = "2026-Q1",
                        counts: dict[c.TargetGroup, c.GenderCounts] | None = None,
                        note: str | None = None) -> c.ReportParticipants:
    if counts is None:
        counts = {"long_term_unemployed": c.GenderCounts(women=4, men=3, other=1)}
    return c.ReportParticipants(ref=ref, period=period, counts=counts, note=note)


def report_outcomes(ref: str = "INS-1", *, period: str = "2026-Q1", work: int = 2,
                    studies: int = 1, job_seeking: int = 3,
                    other: int = 0) -> c.ReportOutcomes:
    return c.ReportOutcomes(ref=ref, period=period, work=work, studies=studies,
                            job_seeking=job_seeking, other=other)


def complete_effort(ref: str = "INS-1", *,
                    on: date = date(2026, 11, 27)) -> c.CompleteEffort:
    return c.CompleteEffort(ref=ref, completed_on=on)


# Expenditure (F1–F4, R4, R5) --------------------------------------------------------------

def expenditure(ref: str = "UTG-1", *, paid_on: date = date(2026, 4, 30),
                amount_sek: str | int = "1000", purpose: c.Purpose = "administration",
                payee_kind: c.PayeeKind = "supplier", payee: str = "LEV-1001",
                payee_legal_form: c.LegalForm | None = None, linked_ref: str | None = None,
                description: str = "Lokalhyra för seminarium",
                note: str | None = None, skills_service: c.SkillsService | None = None,
                beneficiaries: c.Beneficiaries | None = None) -> c.RecordExpenditure:
    """A supplier gets a legal form by default (``aktiebolag``), as the format requires."""
    if payee_kind == "supplier" and payee_legal_form is None:
        payee_legal_form = "aktiebolag"
    return c.RecordExpenditure(ref=ref, paid_on=paid_on, amount_sek=amount_sek,
                               purpose=purpose, payee_kind=payee_kind, payee=payee,
                               payee_legal_form=payee_legal_form, linked_ref=linked_ref,
                               description=description, note=note,
                               skills_service=skills_service, beneficiaries=beneficiaries)


def pay_partner(ref: str = "UTG-1", org_nr: str = ORG_A, *,
                paid_on: date = date(2026, 4, 30), amount_sek: str | int = "1000",
                purpose: c.Purpose = "procured_service", linked_ref: str | None = "AVT-1",
                description: str = "Arbetsträning enligt avtal",
                skills_service: c.SkillsService | None = None,
                beneficiaries: c.Beneficiaries | None = None) -> c.RecordExpenditure:
    """Money to a partner (an ASF): R4 wants an agreement active on ``paid_on``, F1 a
    procured service under an IOP or procurement agreement with it (``linked_ref``)."""
    return expenditure(ref, paid_on=paid_on, amount_sek=amount_sek, purpose=purpose,
                       payee_kind="partner", payee=org_nr, linked_ref=linked_ref,
                       description=description, skills_service=skills_service,
                       beneficiaries=beneficiaries)


# Corrections (issue 15) ---------------------------------------------------------------------

def reverse_payment(ref: str = "HF-1", voucher_ref: str = "VER-1", *,
                    reversed_on: date = date(2026, 4, 2),
                    reason: str = "Fel belopp utbetalt",
                    decision_ref: str | None = None) -> c.ReversePayment:
    return c.ReversePayment(ref=ref, voucher_ref=voucher_ref, reversed_on=reversed_on,
                            reason=reason, decision_ref=decision_ref)


def reverse_expenditure(ref: str = "UTG-1", *, reversed_on: date = date(2026, 5, 2),
                        reason: str = "Dubbelbetalning, återbetald",
                        decision_ref: str | None = None) -> c.ReverseExpenditure:
    return c.ReverseExpenditure(ref=ref, reversed_on=reversed_on, reason=reason,
                                decision_ref=decision_ref)


def correct_fact(kind: c.CorrectableKind, key: str, field: str, value: object, *,
                 reason: str = "Fel vid registreringen",
                 decision_ref: str | None = None) -> c.CorrectFact:
    """A decision reference by default where the original was a decision."""
    if decision_ref is None and kind in ("supervisor_funding", "effort", "agreement",
                                         "membership"):
        decision_ref = DECISION
    return c.CorrectFact(kind=kind, key=key, field=field, value=value, reason=reason,
                         decision_ref=decision_ref)


def void_decision(kind: c.VoidableKind, key: str, *, reason: str = "Registrerad av misstag",
                  decision_ref: str | None = None) -> c.VoidDecision:
    if decision_ref is None and kind != "partner":
        decision_ref = DECISION
    return c.VoidDecision(kind=kind, key=key, reason=reason, decision_ref=decision_ref)


# Memberships and the board ----------------------------------------------------------------

def join(ref: str = "MED-1", *, name: str = "Nätverket för social ekonomi i Stockholm",
         kind: c.OrganisationKind = "network", org_nr: str | None = None,
         joined_on: date = date(2026, 2, 1),
         decision_ref: str = DECISION) -> c.JoinOrganisation:
    return c.JoinOrganisation(ref=ref, name=name, kind=kind, org_nr=org_nr,
                              joined_on=joined_on, decision_ref=decision_ref)


def leave(ref: str = "MED-1", *, on: date = date(2026, 12, 31)) -> c.LeaveOrganisation:
    return c.LeaveOrganisation(ref=ref, left_on=on)


def board_meeting(ref: str = "STYR-2026-1", *, held_on: date = date(2026, 2, 1),
                  minutes_ref: str = "Protokoll 2026:1") -> c.HoldBoardMeeting:
    return c.HoldBoardMeeting(ref=ref, held_on=held_on, minutes_ref=minutes_ref)


def every_command_once() -> list[c.Command]:
    """A valid batch that uses each of the 30 commands (some more than once), in order:
    partner A onboarded with agreement AVT-1 (ended 2026-06-30), funding HF-1 paid and
    ended, activities AKT-1 held and AKT-2 cancelled, structural work SA-1, the 2026 plan
    adopted with A1 completed and A2 dropped, effort INS-1 reported, financed (UTG-1) and
    completed, membership MED-1 joined, its fee paid (UTG-2) and left, partner B onboarded
    and offboarded; board meeting STYR-2026-1 adopts the plan. Corrections: HF-1's second
    payment VER-2 reversed and its amount corrected, UTG-3 reversed, partner C registered,
    renamed and voided."""
    return [
        *onboarded_partner_commands(ORG_A, on=DAY),
        sign_agreement("AVT-1", ORG_A),
        decide_funding("HF-1", ORG_A),
        pay_funding("HF-1"),
        pay_funding("HF-1", voucher_ref="VER-2", amount_sek="500"),
        reverse_payment("HF-1", "VER-2"),
        correct_fact("supervisor_funding", "HF-1", "amount_sek", "90000"),
        end_funding("HF-1"),
        plan_activity("AKT-1"),
        hold_activity("AKT-1"),
        plan_activity("AKT-2", kind="study_visit", planned_on=date(2026, 5, 5)),
        cancel_activity("AKT-2"),
        log_structural_work("SA-1"),
        draft_plan(),
        add_action("A1"),
        add_action("A2", measure="S4"),
        board_meeting("STYR-2026-1"),
        adopt_plan(),
        complete_action("A1"),
        drop_action("A2"),
        start_effort("INS-1", ORG_A),
        report_participants("INS-1"),
        report_outcomes("INS-1"),
        expenditure("UTG-1", purpose="effort_financing", payee_kind="party",
                    payee="arbetsformedlingen", linked_ref="INS-1"),
        end_agreement("AVT-1"),
        complete_effort("INS-1"),
        join("MED-1"),
        expenditure("UTG-2", purpose="membership_fee", linked_ref="MED-1"),
        leave("MED-1"),
        expenditure("UTG-3"),
        reverse_expenditure("UTG-3"),
        *onboarded_partner_commands(ORG_B, on=DAY),
        register(ORG_C),
        correct_fact("partner", ORG_C, "name", "Returverket Väst ekonomisk förening"),
        void_decision("partner", ORG_C),
        offboard(ORG_B),
    ]


# Reading the ledger -----------------------------------------------------------------------

# The domain tests decide on a MemoryLedger; the others on a Ledger (SQLite, PostgreSQL).
AnyLedger = Ledger | MemoryLedger
Stored = list[tuple[int, str, object]]


def stored(ledger: AnyLedger) -> Stored:
    """Every recorded event as (position, topic, what is stored), in global order: the
    state bytes in a store, the event itself in memory."""
    if isinstance(ledger, MemoryLedger):
        return [(position, get_topic(type(event)), event)
                for position, event in enumerate(ledger.events, start=1)]
    notifications = ledger.store.select_notifications(start=1, limit=1_000_000)
    return [(n.id, n.topic, bytes(n.state)) for n in notifications]


def must_get(ledger: AnyLedger, cls: type[A], key: str) -> A:
    """The aggregate ``cls`` with natural key ``key``; fails the test if it is missing."""
    found = ledger.get(cls, key)
    assert found is not None, f"no {cls.KIND} {key!r} in the ledger"
    return found


def assert_refused(ledger: AnyLedger, commands: Iterable[c.Command], code: str,
                   *, index: int | None = None) -> CommandRefused:
    """Execute ``commands``; assert the batch is refused with ``code`` and nothing was stored.

    ``index`` (0-based) defaults to the last command of the batch: earlier commands in the
    same batch are valid, so "nothing stored" also proves they were rolled back. A policy
    refusal (F1–F4, R1–R9) must also cite its rule and the policy in both languages.
    """
    batch = list(commands)
    before = stored(ledger)
    head = ledger.head()
    with pytest.raises(CommandRefused) as excinfo:
        ledger.execute(batch)
    refused = excinfo.value
    assert refused.refusal.code == code, refused.refusal.describe("en")
    assert refused.index == (len(batch) - 1 if index is None else index)
    assert ledger.head() == head
    assert stored(ledger) == before
    if code in RULES:
        assert_cites_policy(refused, code)
    return refused


def assert_cites_policy(refused: CommandRefused, code: str) -> None:
    """Every refusal names its rule code and quotes the policy's Swedish words."""
    quote_sv = RULES[code].quote_sv
    assert quote_sv
    for lang in ("sv", "en"):
        text = refused.refusal.describe(lang)
        assert code in text, text
        assert quote_sv in text, text
