"""The compliance proof, checked against the guards it is independent of.

A rule-breaking decision can only reach the store by going around the domain (a bug, a
hand-edited database, an older version of the program). These tests write such decisions
straight into the store and show that the proof flags them with the right rule, and that
for every command the guards refuse, the proof flags the same decision if it were stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.audit.compliance import ProofReport, as_json, prove, render
from asfledger.ledger import CommandRefused, Ledger
from asfledger.mapper import schema_for_topic
from domain import commands as c
from domain.aggregates import (
    ActionPlan,
    Agreement,
    BoardMeeting,
    Effort,
    Expenditure,
    LedgerAggregate,
    Membership,
    Partner,
    SupervisorFunding,
)
from domain.corrections import as_stored, fact_for, stored_value
from domain.events import EVENT_TYPES, Event
from domain.values import parse_sek
from tests.conftest import recorded_on
from tests.domain import builders as b

PNR = "19121212-1212"  # the Swedish Tax Agency's well-known test personnummer


def _proof(ledger: Ledger) -> ProofReport:
    return prove(ledger.store, ledger_id=ledger.ledger_id())


def _flagged(report: ProofReport) -> set[str]:
    """The rules flagged, besides R8's years: a forged decision dated in an earlier year
    also makes that year one without an action plan."""
    return {v.rule for v in report.proof.violations if v.detail != "check.R8_missing"}


def _must(ledger: Ledger, cls: type[Any], key: str) -> Any:
    found = ledger.get(cls, key)
    assert found is not None
    return found


# Recording a command's decision with no guard at all, the way a bug or an edit would. --

def force(ledger: Ledger, cmd: c.Command, actor: str = "forged") -> None:
    note = cmd.note
    changed: list[LedgerAggregate] = []
    if isinstance(cmd, c.RecordExpenditure):
        changed.append(Expenditure._open(
            Expenditure.Recorded, cmd.ref, paid_on=cmd.paid_on,
            amount_ore=parse_sek(cmd.amount_sek), purpose=cmd.purpose,
            payee_kind=cmd.payee_kind, payee=cmd.payee, payee_legal_form=cmd.payee_legal_form,
            linked_ref=cmd.linked_ref, description=cmd.description,
            skills_service=cmd.skills_service, beneficiaries=cmd.beneficiaries, actor=actor,
            note=note))
    elif isinstance(cmd, c.JoinOrganisation):
        changed.append(Membership._open(
            Membership.Joined, cmd.ref, name=cmd.name, org_nr=cmd.org_nr, kind=cmd.kind,
            joined_on=cmd.joined_on, decision_ref=cmd.decision_ref, actor=actor, note=note))
    elif isinstance(cmd, c.DecideSupervisorFunding):
        changed.append(SupervisorFunding._open(
            SupervisorFunding.Decided, cmd.ref, org_nr=cmd.org_nr, employer=cmd.employer,
            amount_ore=parse_sek(cmd.amount_sek), decided_on=cmd.decided_on,
            starts_on=cmd.starts_on, ends_on=cmd.ends_on, fte_percent=cmd.fte_percent,
            target_groups=list(cmd.target_groups), decision_ref=cmd.decision_ref,
            actor=actor, note=note))
    elif isinstance(cmd, c.PaySupervisorFunding):
        funding = _must(ledger, SupervisorFunding, cmd.ref)
        funding.trigger_event(funding.Paid, voucher_ref=cmd.voucher_ref, paid_on=cmd.paid_on,
                              amount_ore=parse_sek(cmd.amount_sek), payee=cmd.payee,
                              actor=actor, note=note)
        changed.append(funding)
    elif isinstance(cmd, c.OnboardPartner):
        partner = _must(ledger, Partner, cmd.org_nr)
        partner.trigger_event(partner.Onboarded, onboarded_on=cmd.onboarded_on,
                              decision_ref=cmd.decision_ref, actor=actor, note=note)
        changed.append(partner)
    elif isinstance(cmd, c.SignAgreement):
        changed.append(Agreement._open(
            Agreement.Signed, cmd.ref, org_nr=cmd.org_nr, kind=cmd.kind,
            starts_on=cmd.starts_on, ends_on=cmd.ends_on, value_ore=None, scope=None,
            decision_ref=cmd.decision_ref, actor=actor, note=note))
    elif isinstance(cmd, c.StartEffort):
        changed.append(Effort._open(
            Effort.Started, cmd.ref, org_nr=cmd.org_nr, measure=cmd.measure,
            run_by=cmd.run_by, starts_on=cmd.starts_on, ends_on=cmd.ends_on,
            budget_ore=parse_sek(cmd.budget_sek), decision_ref=cmd.decision_ref,
            actor=actor, note=note))
    elif isinstance(cmd, c.AdoptActionPlan | c.CompleteAction | c.DropAction | c.AddAction):
        plan = _must(ledger, ActionPlan, str(cmd.year))
        if isinstance(cmd, c.AdoptActionPlan):
            plan.trigger_event(plan.Adopted, adopted_on=cmd.adopted_on,
                               decision_ref=cmd.decision_ref, actor=actor, note=note)
        elif isinstance(cmd, c.CompleteAction):
            plan.trigger_event(plan.ActionCompleted, action_id=cmd.action_id,
                               completed_on=cmd.completed_on, outcome=cmd.outcome,
                               actor=actor, note=note)
        elif isinstance(cmd, c.DropAction):
            plan.trigger_event(plan.ActionDropped, action_id=cmd.action_id,
                               dropped_on=cmd.dropped_on, reason=cmd.reason, actor=actor,
                               note=note)
        else:
            plan.trigger_event(plan.ActionAdded, action_id=cmd.action_id,
                               measure=cmd.measure, description=cmd.description,
                               owner=cmd.owner, due_on=cmd.due_on,
                               decision_ref=cmd.decision_ref, actor=actor, note=note)
        changed.append(plan)
    elif isinstance(cmd, c.HoldBoardMeeting):
        changed.append(BoardMeeting._open(BoardMeeting.Held, cmd.ref, held_on=cmd.held_on,
                                          minutes_ref=cmd.minutes_ref, actor=actor,
                                          note=note))
    elif isinstance(cmd, c.ReversePayment | c.CorrectFact | c.VoidDecision):
        changed.append(_force_correction(ledger, cmd, actor))
    else:  # pragma: no cover - a scenario without a forger is a mistake in this file
        raise AssertionError(f"no forger for {type(cmd).__name__}")
    ledger.save(*changed)


_CORRECTABLE = {"partner": Partner, "supervisor_funding": SupervisorFunding,
                "effort": Effort, "action_plan": ActionPlan}


def _force_correction(ledger: Ledger, cmd: c.ReversePayment | c.CorrectFact | c.VoidDecision,
                      actor: str) -> LedgerAggregate:
    """A correction (issue 15) stored with no guard: what the check alone must catch."""
    why = {"reason": cmd.reason, "decision_ref": cmd.decision_ref, "actor": actor,
           "note": cmd.note}
    if isinstance(cmd, c.ReversePayment):
        funding = _must(ledger, SupervisorFunding, cmd.ref)
        funding.trigger_event(funding.PaymentReversed, voucher_ref=cmd.voucher_ref,
                              paid_on=cmd.reversed_on, amount_ore=100, payee=funding.employer,
                              corrects=0, reversed_on=cmd.reversed_on, **why)
        return funding  # type: ignore[no-any-return]
    aggregate = _must(ledger, _CORRECTABLE[cmd.kind], cmd.key)
    if isinstance(cmd, c.CorrectFact):
        fact = fact_for(cmd.kind, cmd.field)
        aggregate.trigger_event(aggregate.FactCorrected, field=fact.stored,
                                old=as_stored(getattr(aggregate, fact.stored)),
                                new=stored_value(fact, cmd.value), corrects=1, **why)
    else:
        aggregate.trigger_event(aggregate.Voided, **why)
    return aggregate  # type: ignore[no-any-return]


# Scenarios: a valid setup, then one command the guards refuse with a given rule. -------

Scenario = tuple[list[c.Command], c.Command, str]
DAY = b.DAY


def _onboarded() -> list[c.Command]:
    return b.onboarded_partner_commands(b.ORG_A)


def _purpose(rule: str, purpose: c.Purpose) -> Callable[[st.DataObject], Scenario]:
    def scenario(data: st.DataObject) -> Scenario:
        amount = data.draw(st.integers(1, 10**7), label="amount")
        return [], b.expenditure("UTG-X", purpose=purpose, amount_sek=amount), rule
    return scenario


def _f3_member(data: st.DataObject) -> Scenario:
    kind: c.OrganisationKind = data.draw(
        st.sampled_from(["asf", "asf_interest_organisation"]), label="kind")
    return [], b.join("MED-X", name="Intresseorganisationen", kind=kind), "F3"


def _f3_listed(data: st.DataObject) -> Scenario:
    """Issue 14: an organisation on the list of ASF interest organisations, recorded as
    a network or another kind."""
    kind: c.OrganisationKind = data.draw(st.sampled_from(["network", "other"]), label="kind")
    name = data.draw(st.sampled_from(["Skoopi", "SKOOPI – intresseorganisation",
                                      "Föreningen Skoopi"]), label="name")
    return [], b.join("MED-X", name=name, kind=kind), "F3"


def _f3_partner_as_network(data: st.DataObject) -> Scenario:
    return _onboarded(), b.join("MED-X", name="Nätverk", kind="network", org_nr=b.ORG_A), "F3"


def _f3_fee_to_partner(data: st.DataObject) -> Scenario:
    setup = [*_onboarded(), b.sign_agreement("AVT-X"), b.join("MED-1")]
    cmd = b.pay_partner("UTG-X", purpose="membership_fee", linked_ref="MED-1")
    return setup, cmd, "F3"


def _r1_employer(data: st.DataObject) -> Scenario:
    employer = data.draw(st.sampled_from(["Gröna Jobb AB", "stockholms stad", "region"]))
    return _onboarded(), b.decide_funding("HF-X", employer=employer), "R1"


def _r1_payee(data: st.DataObject) -> Scenario:
    payee = data.draw(st.sampled_from(["region_stockholm", "arbetsformedlingen", b.ORG_A]))
    return [*_onboarded(), b.decide_funding("HF-X")], b.pay_funding("HF-X", payee=payee), "R1"


def _r2(data: st.DataObject) -> Scenario:
    unmet = data.draw(st.sampled_from(["C1", "C2", "C3", "C4"]), label="unmet")
    setup: list[c.Command] = [b.register(b.ORG_A)]
    setup += [b.assess(b.ORG_A, crit, met=crit != unmet) for crit in ("C1", "C2", "C3", "C4")]
    return setup, b.onboard(b.ORG_A), "R2"


def _r3(data: st.DataObject) -> Scenario:
    days_before = data.draw(st.integers(1, 400), label="days_before")
    start = DAY - timedelta(days=days_before)
    make = data.draw(st.sampled_from(["agreement", "funding", "effort"]), label="what")
    cmd: c.Command = {
        "agreement": b.sign_agreement("AVT-X", starts_on=start),
        "funding": b.decide_funding("HF-X", decided_on=start, starts_on=start),
        "effort": b.start_effort("INS-X", starts_on=start),
    }[make]
    return _onboarded(), cmd, "R3"


def _r4(data: st.DataObject) -> Scenario:
    days_after = data.draw(st.integers(1, 400), label="days_after")
    setup = [*_onboarded(), b.sign_agreement("AVT-X", ends_on=date(2026, 6, 30))]
    return setup, b.pay_partner("UTG-X", paid_on=date(2026, 6, 30) + timedelta(days_after),
                                linked_ref="AVT-X"), "R4"


def _f1_money_to_asf(data: st.DataObject) -> Scenario:
    """Issue 14: money to a partner's org number that is not a procured service under an
    IOP or procurement agreement with it, whatever its purpose or payee kind is called."""
    purpose: c.Purpose = data.draw(st.sampled_from(
        ["administration", "activity_costs", "procured_service"]), label="purpose")
    link = data.draw(st.sampled_from([None, "SAMV-X"] + (
        [] if purpose == "procured_service" else ["AVT-X"])), label="link")
    setup = [*_onboarded(), b.sign_agreement("AVT-X", value_sek=None, scope=None),
             b.sign_agreement("SAMV-X", kind="cooperation")]
    if data.draw(st.booleans(), label="labelled a supplier"):
        cmd = b.expenditure("UTG-X", purpose=purpose, payee=b.ORG_A.replace("-", ""),
                            payee_legal_form="ekonomisk_forening", linked_ref=link)
    else:
        cmd = b.pay_partner("UTG-X", purpose=purpose, linked_ref=link)
    return setup, cmd, "F1"


def _f4_skills(data: st.DataObject) -> Scenario:
    """Issue 14: a skills service for ASF staff, or paid to or for an ASF and not for
    participants, whatever its purpose is called."""
    beneficiaries: c.Beneficiaries = data.draw(st.sampled_from(
        ["asf_staff", "association_staff", "party_staff"]), label="for")
    service: c.SkillsService = data.draw(st.sampled_from(
        ["education", "course", "coaching", "consulting"]), label="service")
    setup = [*_onboarded(), b.sign_agreement("AVT-X")]
    if beneficiaries != "asf_staff" or data.draw(st.booleans(), label="to the ASF"):
        cmd = b.pay_partner("UTG-X", linked_ref="AVT-X", skills_service=service,
                            beneficiaries=beneficiaries)
    else:
        cmd = b.expenditure("UTG-X", purpose="administration", skills_service=service,
                            beneficiaries=beneficiaries)
    return setup, cmd, "F4"


def _r5_agreement(data: st.DataObject) -> Scenario:
    over = data.draw(st.integers(1, 10**6), label="over_ore")
    setup = [*_onboarded(), b.sign_agreement("AVT-X", value_sek="1000"),
             b.pay_partner("UTG-1", amount_sek="600", linked_ref="AVT-X")]
    amount = f"{(40_000 + over) // 100}.{(40_000 + over) % 100:02d}"
    return setup, b.pay_partner("UTG-X", amount_sek=amount, linked_ref="AVT-X"), "R5"


def _r5_funding(data: st.DataObject) -> Scenario:
    over = data.draw(st.integers(1, 10**6), label="over_ore")
    setup = [*_onboarded(), b.decide_funding("HF-X", amount_sek="1000")]
    amount = f"{(100_000 + over) // 100}.{(100_000 + over) % 100:02d}"
    return setup, b.pay_funding("HF-X", amount_sek=amount), "R5"


def _r5_effort(data: st.DataObject) -> Scenario:
    budget = data.draw(st.integers(1, 10**5), label="budget")
    setup = [*_onboarded(), b.start_effort("INS-X", budget_sek=budget)]
    cmd = b.expenditure("UTG-X", purpose="effort_financing", linked_ref="INS-X",
                        payee_kind="party", payee="stockholms_stad", payee_legal_form=None,
                        amount_sek=budget + 1)
    return setup, cmd, "R5"


def _r6(data: st.DataObject) -> Scenario:
    kind = data.draw(st.sampled_from(["complete", "drop", "adopt_twice", "add_after"]))
    plan: list[c.Command] = [b.draft_plan(), b.add_action("A1")]
    adopted = [*plan, b.board_meeting(), b.adopt_plan()]
    return {
        "complete": (plan, b.complete_action("A1"), "R6"),
        "drop": (plan, b.drop_action("A1"), "R6"),
        "adopt_twice": (adopted, b.adopt_plan(adopted_on=date(2026, 3, 1)), "R6"),
        "add_after": (adopted, b.add_action("A2"), "R6"),
    }[kind]


def _r8(data: st.DataObject) -> Scenario:
    ref = data.draw(st.sampled_from(["no board meeting at all", "STYR-2026-9 §1"]))
    return [b.draft_plan()], b.adopt_plan(decision_ref=ref), "R8"


def _r9(data: st.DataObject) -> Scenario:
    criterion: c.Criterion = data.draw(st.sampled_from(["C1", "C2", "C3", "C4"]),
                                       label="criterion")
    days_after = data.draw(st.integers(0, 300), label="days_after")
    not_met = date(2026, 3, 1)
    setup = [*_onboarded(), b.decide_funding("HF-X"), b.assess(b.ORG_A, criterion,
                                                               met=False, on=not_met)]
    return setup, b.pay_funding("HF-X", paid_on=not_met + timedelta(days_after)), "R9"


def _r7(data: st.DataObject) -> Scenario:
    text = data.draw(st.sampled_from([f"Protokoll {PNR}", f"kontakt {PNR[2:]}",
                                      "samordningsnummer 701063-2391"]))
    return [], c.HoldBoardMeeting(ref="STYR-X", held_on=DAY, minutes_ref="P1", note=text), "R7"


# Corrections (issue 15): a reversal of a payment never made, a correction that would make
# a past decision break a rule, a void that leaves something without what it needs.

def _r5_reversal(data: st.DataObject) -> Scenario:
    voucher = data.draw(st.sampled_from(["VER-9", "VER-2", "ver-1"]), label="voucher")
    setup = [*_onboarded(), b.decide_funding("HF-X"), b.pay_funding("HF-X")]
    return setup, b.reverse_payment("HF-X", voucher), "R5"


def _r5_correction(data: st.DataObject) -> Scenario:
    below = data.draw(st.integers(1, 24_999), label="below")
    kind = data.draw(st.sampled_from(["supervisor_funding", "effort"]), label="kind")
    if kind == "supervisor_funding":
        setup = [*_onboarded(), b.decide_funding("HF-X"), b.pay_funding("HF-X")]
        return setup, b.correct_fact("supervisor_funding", "HF-X", "amount_sek",
                                     25_000 - below), "R5"
    setup = [*_onboarded(), b.start_effort("INS-X", budget_sek=50_000),
             b.expenditure("UTG-1", purpose="effort_financing", linked_ref="INS-X",
                           payee_kind="party", payee="stockholms_stad",
                           payee_legal_form=None, amount_sek=25_000)]
    return setup, b.correct_fact("effort", "INS-X", "budget_sek", 25_000 - below), "R5"


def _r3_correction(data: st.DataObject) -> Scenario:
    days_before = data.draw(st.integers(1, 400), label="days_before")
    kind = data.draw(st.sampled_from(["supervisor_funding", "effort"]), label="kind")
    start = (DAY - timedelta(days=days_before)).isoformat()
    if kind == "supervisor_funding":
        return ([*_onboarded(), b.decide_funding("HF-X")],
                b.correct_fact("supervisor_funding", "HF-X", "starts_on", start), "R3")
    return ([*_onboarded(), b.start_effort("INS-X")],
            b.correct_fact("effort", "INS-X", "starts_on", start), "R3")


def _r1_correction(data: st.DataObject) -> Scenario:
    """A funding's employer corrected to one that is no party, or away from the employer
    a standing payment went to."""
    paid = data.draw(st.booleans(), label="paid")
    employer = data.draw(st.sampled_from(["region_stockholm", "arbetsformedlingen"])
                         if paid else st.sampled_from(["Bemanningsbolaget AB", "kommunen"]),
                         label="employer")
    setup = [*_onboarded(), b.decide_funding("HF-X"),
             *([b.pay_funding("HF-X")] if paid else [])]
    return setup, b.correct_fact("supervisor_funding", "HF-X", "employer", employer), "R1"


def _r6_void(data: st.DataObject) -> Scenario:
    """An action plan voided although an action was completed or dropped in it."""
    dropped = data.draw(st.booleans(), label="dropped")
    closed = (b.drop_action() if dropped else b.complete_action())
    setup = [b.board_meeting(), b.draft_plan(), b.add_action(), b.adopt_plan(), closed]
    return setup, b.void_decision("action_plan", "2026", decision_ref="STYR-2026-4 §2"), "R6"


def _r6_void_undecided(data: st.DataObject) -> Scenario:
    """An adopted action plan voided without a decision reference."""
    setup = [b.board_meeting(), b.draft_plan(), b.add_action(), b.adopt_plan()]
    return setup, c.VoidDecision(kind="action_plan", key="2026", reason="Fel plan"), "R6"


def _r5_void(data: st.DataObject) -> Scenario:
    setup = [*_onboarded(), b.decide_funding("HF-X"), b.pay_funding("HF-X")]
    return setup, b.void_decision("supervisor_funding", "HF-X"), "R5"


def _r3_void(data: st.DataObject) -> Scenario:
    agreement = data.draw(st.booleans(), label="agreement")
    setup = [*_onboarded(), *([b.sign_agreement("AVT-X")] if agreement else [])]
    return setup, b.void_decision("partner", b.ORG_A), "R3"


SCENARIOS: dict[str, Callable[[st.DataObject], Scenario]] = {
    "F1": _purpose("F1", "cash_grant"),
    "F1 money to an ASF": _f1_money_to_asf,
    "F2 startup": _purpose("F2", "asf_startup"),
    "F2 development": _purpose("F2", "asf_development"),
    "F3 member": _f3_member,
    "F3 partner": _f3_partner_as_network,
    "F3 listed": _f3_listed,
    "F3 fee": _f3_fee_to_partner,
    "F4": _purpose("F4", "asf_staff_development"),
    "F4 skills": _f4_skills,
    "R1 employer": _r1_employer,
    "R1 payee": _r1_payee,
    "R2": _r2,
    "R3": _r3,
    "R4": _r4,
    "R5 funding": _r5_funding,
    "R5 effort": _r5_effort,
    "R5 agreement": _r5_agreement,
    "R6": _r6,
    "R7": _r7,
    "R5 reversal": _r5_reversal,
    "R5 correction": _r5_correction,
    "R3 correction": _r3_correction,
    "R1 correction": _r1_correction,
    "R5 void": _r5_void,
    "R6 void": _r6_void,
    "R6 void undecided": _r6_void_undecided,
    "R3 void": _r3_void,
    "R8": _r8,
    "R9": _r9,
}


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(sorted(SCENARIOS)), data=st.data())
def test_guards_and_checks_agree(sqlite_db: str, name: str, data: st.DataObject) -> None:
    """What a guard refuses, the proof flags with the same rule if it were stored."""
    import uuid

    with Ledger(f"{sqlite_db}.{uuid.uuid4().hex}", actor="test") as ledger, recorded_on():
        setup, cmd, rule = SCENARIOS[name](data)
        if setup:
            ledger.execute(setup)
        assert _proof(ledger).proven  # the valid setup proves clean
        head = ledger.head()
        with pytest.raises(CommandRefused) as refused:
            ledger.execute([cmd])
        assert refused.value.refusal.code == rule
        force(ledger, cmd)
        report = _proof(ledger)
        assert not report.proven
        assert _flagged(report) == {rule}
        assert all(v.position > head for v in report.proof.violations
                   if v.detail != "check.R8_missing")


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_a_forbidden_decision_written_past_the_domain_is_flagged(
        open_ledger: Callable[..., Ledger], name: str) -> None:
    """On SQLite and PostgreSQL: each rule's violation, stored, fails the proof."""
    ledger = open_ledger(actor="test")
    setup, cmd, rule = SCENARIOS[name](_FirstChoice())  # type: ignore[arg-type]
    if setup:
        ledger.execute(setup)
    force(ledger, cmd)
    report = _proof(ledger)
    assert rule in _flagged(report)
    violation = next(v for v in report.proof.violations if v.rule == rule)
    assert violation.position == ledger.head() or rule in {"F3"}
    text = render(report, "text", "sv")
    assert rule in text and "överträdelser funna" in text


class _FirstChoice:
    """A stand-in for hypothesis' ``data`` that always takes the simplest value."""

    def draw(self, strategy: st.SearchStrategy[Any], label: str | None = None) -> Any:
        from hypothesis import find

        return find(strategy, lambda _: True)


class Unclassified(LedgerAggregate.Event):
    """An event type the proof has never heard of (e.g. written by a newer program)."""


class UnclassifiedStored(Event, frozen=True, tag="Unclassified"):
    """Its stored schema, as that program declares it (``domain.events``)."""


@contextmanager
def unclassified_is_stored() -> Iterator[None]:
    """The newer program's schema, for the block: its events can be written and read."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(EVENT_TYPES, "Unclassified", UnclassifiedStored)
        yield
    schema_for_topic.cache_clear()


def test_an_unknown_event_type_fails_the_closed_world(ledger: Ledger) -> None:
    ledger.execute([b.board_meeting()])
    meeting = _must(ledger, BoardMeeting, "STYR-2026-1")
    with unclassified_is_stored():
        meeting.trigger_event(Unclassified, actor="forged", note=None)
        ledger.save(meeting)
        report = _proof(ledger)
    assert not report.proven
    assert _flagged(report) == {"closed_world"}


def test_the_realistic_history_is_proven_and_the_report_says_so(ledger: Ledger) -> None:
    from pathlib import Path

    from asfledger.importer import import_bytes

    import_bytes(ledger, (Path(__file__).parents[1] / "data" / "history-2024-2026.jsonl")
                 .read_bytes())
    report = _proof(ledger)
    assert report.proven, report.proof.violations[:3]
    data = as_json(report, "en")
    assert data["verdict"] == "no_violation_found"
    assert data["history"]["events"] == ledger.head()
    assert set(data["rules"]) == {"F1", "F2", "F3", "F4", "R1", "R2", "R3", "R4", "R5",
                                  "R6", "R7", "R8", "R9", "closed_world"}
    assert all(rule["events_examined"] > 0 for rule in data["rules"].values())
    assert data["checkpoint"]["size"] == ledger.head()
    md = render(report, "md", "sv")
    assert "ingen överträdelse funnen" in md and "| ✓ F1" in md
    assert "BEVISAT" not in md and "bevisad" not in md
