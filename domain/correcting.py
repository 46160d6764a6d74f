"""Deciding the corrections: reverse a payment or an expenditure, correct a fact, void a
registration or decision. Each is guarded like the decision it corrects: a correction that
would make a past decision break a rule is refused under that rule (R3, R5), and a void is
refused, naming what depends on it, while anything does.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from domain import commands as c
from domain.aggregates import (
    ActionPlan,
    Activity,
    Agreement,
    BoardMeeting,
    Effort,
    Expenditure,
    LedgerAggregate,
    Membership,
    Partner,
    StructuralWork,
    SupervisorFunding,
)
from domain.aggregates.board import meeting_keys
from domain.aggregates.corrected import correct, void
from domain.aggregates.partner import require_active_partner, require_criteria_hold
from domain.clock import recording_day
from domain.corrections import Fact, fact_for, fact_value, stored_value
from domain.errors import STATE, UNKNOWN, Refusal
from domain.money import Money
from domain.reference import PARTIES
from domain.span import DateSpan

if TYPE_CHECKING:
    from domain.handlers import Workspace

CORRECTABLE: dict[str, type[LedgerAggregate]] = {
    "partner": Partner, "supervisor_funding": SupervisorFunding, "effort": Effort,
    "activity": Activity, "structural_work": StructuralWork, "expenditure": Expenditure,
    "agreement": Agreement, "membership": Membership, "board_meeting": BoardMeeting,
    "action_plan": ActionPlan, "action": ActionPlan,  # an action: "YEAR/ACTION_ID"
}


def _get(ws: Workspace, cls: type[Any], key: str) -> Any:
    found = ws.find(cls, key)
    if found is None:
        raise Refusal(UNKNOWN, "refusal.unknown", kind=cls.KIND, key=key)
    if found.voided:
        raise Refusal(STATE, "refusal.voided", kind=cls.KIND, key=key)
    return found


def _not_before(subject: str, field: str, day: date, other: date) -> None:
    if day < other:
        raise Refusal(STATE, "refusal.date_before", subject=subject, field=field, day=day,
                      other=other)


def reverse_payment(cmd: c.ReversePayment, ws: Workspace, actor: str) -> None:
    funding: SupervisorFunding = _get(ws, SupervisorFunding, cmd.ref)
    payment = funding.payments.get(cmd.voucher_ref)
    if payment is None:
        # R5 counts the net: a reversal of a payment never made (or reversed already)
        # would let more be paid than decided.
        raise Refusal("R5", "refusal.R5_reverse_unpaid", ref=funding.key,
                      voucher=cmd.voucher_ref)
    paid_on, amount, payee, version = payment
    _not_before(funding.key, "reversed_on", cmd.reversed_on, paid_on)
    funding.trigger_event(
        funding.PaymentReversed, voucher_ref=cmd.voucher_ref, paid_on=paid_on,
        amount_ore=amount, payee=payee, corrects=version, reversed_on=cmd.reversed_on,
        reason=cmd.reason, decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)


def reverse_expenditure(cmd: c.ReverseExpenditure, ws: Workspace, actor: str) -> None:
    spent: Expenditure = _get(ws, Expenditure, cmd.ref)
    if spent.reversed:
        raise Refusal(STATE, "refusal.already_reversed", ref=spent.key)
    _not_before(spent.key, "reversed_on", cmd.reversed_on, spent.paid_on)
    effort: Effort | None = None
    if spent.purpose == "effort_financing" and spent.linked_ref is not None:
        effort = ws.find(Effort, spent.linked_ref)
    spent.trigger_event(
        spent.Reversed, paid_on=spent.paid_on, amount_ore=spent.amount_ore,
        purpose=spent.purpose, linked_ref=spent.linked_ref, corrects=1,
        reversed_on=cmd.reversed_on, reason=cmd.reason, decision_ref=cmd.decision_ref,
        actor=actor, note=cmd.note)
    if effort is not None and spent.key in effort.charges:
        effort.trigger_event(effort.ChargeReversed, expenditure_ref=spent.key,
                             paid_on=spent.paid_on, amount_ore=spent.amount_ore,
                             reversed_on=cmd.reversed_on, actor=actor, note=None)
    agreement = ws.find(Agreement, spent.linked_ref) if spent.linked_ref else None
    if agreement is not None and spent.key in agreement.charges:
        agreement.trigger_event(agreement.ChargeReversed, expenditure_ref=spent.key,
                                paid_on=spent.paid_on, amount_ore=spent.amount_ore,
                                reversed_on=cmd.reversed_on, actor=actor, note=None)


# -- correcting a fact: the rules the new value must keep ------------------------------------

def _keep_funding_rules(funding: SupervisorFunding, fact: Fact, new: Any,
                        ws: Workspace) -> None:
    value = fact_value(fact.stored, new)
    if fact.stored == "amount_ore" and value < funding.paid_ore:
        # R5: the payments already made must stay within the decided amount.
        raise Refusal("R5", "refusal.R5_correction_below_paid", ref=funding.key,
                      amount=Money(value), spent=Money(funding.paid_ore))
    if fact.stored == "decided_on":
        for voucher, (paid_on, _, _, _) in funding.payments.items():
            if paid_on < value:
                raise Refusal(STATE, "refusal.correction_after_payment", ref=funding.key,
                              day=value, voucher=voucher, paid_on=paid_on)
    if fact.stored == "starts_on":
        _not_before(funding.key, "ends_on", funding.ends_on, value)
        # R3: the funding's partner must have been active on its (corrected) start date.
        require_active_partner(_get(ws, Partner, funding.org_nr), value,
                               "decide_supervisor_funding", funding.key)
    if fact.stored == "ends_on":
        _not_before(funding.key, "ends_on", value, funding.starts_on)
    if fact.stored == "employer":
        # R1: the supervisor is employed by a party, and the payments standing went to
        # that employer (a payment to the old one is reversed first). The amount and the
        # payments do not change: R5 holds as it did.
        if value not in PARTIES:
            raise Refusal("R1", "refusal.R1_employer", employer=value,
                          parties=", ".join(PARTIES))
        paid_elsewhere = sorted(voucher for voucher, (_, _, payee, _)
                                in funding.payments.items() if payee != value)
        if paid_elsewhere:
            raise Refusal("R1", "refusal.R1_correction_paid", ref=funding.key,
                          employer=value, payments=", ".join(paid_elsewhere),
                          payee=funding.payments[paid_elsewhere[0]][2])


def _keep_effort_rules(effort: Effort, fact: Fact, new: Any, ws: Workspace) -> None:
    value = fact_value(fact.stored, new)
    if fact.stored == "budget_ore" and value < effort.charged_ore:
        # R5: what is already charged must stay within the budget.
        raise Refusal("R5", "refusal.R5_correction_below_paid", ref=effort.key,
                      amount=Money(value), spent=Money(effort.charged_ore))
    if fact.stored == "starts_on":
        if effort.ends_on is not None:
            _not_before(effort.key, "ends_on", effort.ends_on, value)
        if effort.completed_on is not None:
            _not_before(effort.key, "completed_on", effort.completed_on, value)
        require_active_partner(_get(ws, Partner, effort.org_nr), value, "start_effort",
                               effort.key)
    if fact.stored == "ends_on":
        _not_before(effort.key, "ends_on", value, effort.starts_on)


def _left_uncovered(agreement: Agreement, covers: Callable[[date], bool],
                    ws: Workspace) -> list[str]:
    """R4: the payments to the agreement's partner (linked on it) that the agreement covers
    now, that it would not cover as ``covers`` says, and that no other agreement covers."""
    partner = ws.find(Partner, agreement.org_nr)
    if partner is None:
        return []
    others = [a for ref in partner.agreement_refs if ref != agreement.key
              and (a := ws.find(Agreement, ref)) is not None and not a.voided]
    found = []
    for kind, ref in partner.decision_refs:
        spent = ws.find(Expenditure, ref) if kind == "expenditure" else None
        if spent is None or spent.reversed or spent.payee_kind != "partner":
            continue
        day = spent.paid_on
        if (agreement.is_active_on(day) and not covers(day)
                and not any(a.is_active_on(day) for a in others)):
            found.append(f"record_expenditure {ref} ({day})")
    return found


def _keep_agreement_rules(agreement: Agreement, fact: Fact, new: Any, ws: Workspace) -> None:
    value = fact_value(fact.stored, new)
    if fact.stored in ("starts_on", "ends_on"):
        starts = value if fact.stored == "starts_on" else agreement.starts_on
        ends = value if fact.stored == "ends_on" else agreement.ends_on
        # R4: the money paid to the partner under it must stay covered.
        uncovered = _left_uncovered(agreement,
                                    DateSpan(starts, ends, agreement.ended_on).covers, ws)
        if uncovered:
            raise Refusal("R4", "refusal.dated_conflict", what="correct_fact",
                          ref=agreement.key, day=value, conflicts=", ".join(uncovered))
    if fact.stored == "starts_on":
        if agreement.ends_on is not None:
            _not_before(agreement.key, "ends_on", agreement.ends_on, value)
        if agreement.ended_on is not None:
            _not_before(agreement.key, "ended_on", agreement.ended_on, value)
        # R3 and R9: signed only with a partner active, its criteria holding, on the
        # (corrected) start date.
        partner = _get(ws, Partner, agreement.org_nr)
        require_active_partner(partner, value, "sign_agreement", agreement.key)
        require_criteria_hold(partner, value, "sign_agreement", agreement.key)
    if fact.stored == "ends_on":
        _not_before(agreement.key, "ends_on", value, agreement.starts_on)
    if fact.stored == "value_ore" and value < agreement.charged_ore:
        # R5 (F1): what was paid under it stays within its value.
        raise Refusal("R5", "refusal.R5_correction_below_paid", ref=agreement.key,
                      amount=Money(value), spent=Money(agreement.charged_ore))


def _keep_membership_rules(membership: Membership, fact: Fact, new: Any) -> None:
    if fact.stored == "joined_on" and membership.left_on is not None:
        _not_before(membership.key, "left_on", membership.left_on,
                    fact_value(fact.stored, new))


def _adopted_at(meeting: BoardMeeting, ws: Workspace) -> list[str]:
    """The action plans adopted at ``meeting`` (R8: on the day it was held, by a decision
    reference that names it). A plan for a year is adopted in that year or the one
    before, so the meeting's year and the next are looked at."""
    found = []
    for year in (meeting.held_on.year, meeting.held_on.year + 1):
        plan = ws.find(ActionPlan, str(year))
        if (plan is not None and not plan.voided and plan.adopted_on == meeting.held_on
                and plan.decision_ref is not None
                and meeting.key in meeting_keys(plan.decision_ref)):
            found.append(f"adopt_action_plan {year} ({plan.decision_ref})")
    return found


def _keep_meeting_rules(meeting: BoardMeeting, fact: Fact, ws: Workspace) -> None:
    if fact.stored == "held_on":
        adopted = _adopted_at(meeting, ws)
        if adopted:
            # R8: a plan was adopted at this meeting, on the day it was held.
            raise Refusal("R8", "refusal.R8_meeting_depends", key=meeting.key,
                          field=fact.field, dependents="; ".join(adopted))


def correct_fact(cmd: c.CorrectFact, ws: Workspace, actor: str) -> None:
    fact = fact_for(cmd.kind, cmd.field)
    new = stored_value(fact, cmd.value)
    if cmd.kind == "action":  # one action of a plan: "2026/A3"
        year, _, action_id = cmd.key.partition("/")
        plan: ActionPlan = _get(ws, ActionPlan, year)
        plan.correct_action(action_id, fact, new, reason=cmd.reason,
                            decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)
        return
    aggregate = _get(ws, CORRECTABLE[cmd.kind], cmd.key)
    if isinstance(aggregate, SupervisorFunding):
        _keep_funding_rules(aggregate, fact, new, ws)
    elif isinstance(aggregate, Effort):
        _keep_effort_rules(aggregate, fact, new, ws)
    elif isinstance(aggregate, Expenditure) and aggregate.reversed:
        raise Refusal(STATE, "refusal.already_reversed", ref=aggregate.key)
    elif isinstance(aggregate, Agreement):
        _keep_agreement_rules(aggregate, fact, new, ws)
    elif isinstance(aggregate, Membership):
        _keep_membership_rules(aggregate, fact, new)
    elif isinstance(aggregate, BoardMeeting):
        _keep_meeting_rules(aggregate, fact, ws)
    correct(aggregate, fact, new, reason=cmd.reason, decision_ref=cmd.decision_ref,
            actor=actor, note=cmd.note)


# -- voiding: what depends on it ---------------------------------------------------------

def _partner_dependents(partner: Partner, ws: Workspace) -> list[str]:
    # Agreements, fundings and efforts need the partner onboarded (R3), money to it an
    # agreement (R4): a partner never onboarded and with no agreement has no dependents.
    found = [f"onboarded_on {span.start}" for span in partner.onboardings]
    found += [f"agreement {ref}" for ref in partner.agreement_refs
              if (agreement := ws.find(Agreement, ref)) is None or not agreement.voided]
    return found


def _funding_dependents(funding: SupervisorFunding) -> list[str]:
    return [f"pay_supervisor_funding {voucher}" for voucher in funding.payments]


def _effort_dependents(effort: Effort) -> list[str]:
    found = [f"record_expenditure {ref}" for ref in effort.charges]
    found += [f"report_participants {period}" for period in effort.participants]
    found += [f"report_outcomes {period}" for period in effort.outcomes]
    return found


def _plan_dependents(plan: ActionPlan) -> tuple[list[str], str]:
    """R6: actions completed or dropped were closed in the adopted plan and need it. R8:
    the plan adopted for a year that has ended is that year's plan; voided, the year
    would have ended without one, so it is refused here as the proof would flag it
    (check.R8_missing), as a board meeting a plan was adopted at is not voided."""
    closed = [f"{action.status} {action.action_id} ({action.closed_on})"
              for action in plan.actions.values() if action.status != "open"]
    if closed:
        return closed, "R6"
    if plan.is_adopted and plan.year < recording_day().year:
        return [f"adopt_action_plan {plan.year} ({plan.decision_ref})"], "R8"
    return [], STATE


def void_decision(cmd: c.VoidDecision, ws: Workspace, actor: str) -> None:
    # The rule a void with dependents would break, as the proof flags it: R3 for what was
    # decided with a partner, R5 for money paid or charged against a decision.
    dependents: list[str] = []
    rule = STATE
    aggregate: LedgerAggregate
    if cmd.kind == "partner":
        partner: Partner = _get(ws, Partner, cmd.key)
        aggregate = partner
        dependents, rule = _partner_dependents(partner, ws), "R3"
    elif cmd.kind == "supervisor_funding":
        funding: SupervisorFunding = _get(ws, SupervisorFunding, cmd.key)
        aggregate, dependents, rule = funding, _funding_dependents(funding), "R5"
    elif cmd.kind == "effort":
        effort: Effort = _get(ws, Effort, cmd.key)
        aggregate, dependents = effort, _effort_dependents(effort)
        if effort.charges:
            rule = "R5"
    elif cmd.kind == "agreement":
        agreement: Agreement = _get(ws, Agreement, cmd.key)
        # R4: money paid to the partner that only this agreement covers; R5 (F1): money
        # paid under it, which needs it even where another agreement covers the day.
        aggregate, rule = agreement, "R4"
        dependents = _left_uncovered(agreement, lambda day: False, ws)
        if not dependents and agreement.charges:
            rule = "R5"
            dependents = [f"record_expenditure {ref}" for ref in agreement.charges]
    elif cmd.kind == "action_plan":
        plan: ActionPlan = _get(ws, ActionPlan, cmd.key)
        aggregate = plan
        # R6: once adopted, the plan changes only by a recorded decision.
        if plan.is_adopted and cmd.decision_ref is None:
            raise Refusal("R6", "refusal.R6_void_needs_decision", year=plan.year)
        dependents, rule = _plan_dependents(plan)
    elif cmd.kind == "board_meeting":
        meeting: BoardMeeting = _get(ws, BoardMeeting, cmd.key)
        aggregate, dependents, rule = meeting, _adopted_at(meeting, ws), "R8"
    else:
        # A membership, an activity, structural work: nothing recorded on them needs them.
        aggregate = _get(ws, CORRECTABLE[cmd.kind], cmd.key)
    void(aggregate, dependents, reason=cmd.reason, decision_ref=cmd.decision_ref,
         actor=actor, note=cmd.note, rule=rule)


CORRECTION_HANDLERS: dict[type[c.Command], Callable[[Any, Workspace, str], None]] = {
    c.ReversePayment: reverse_payment,
    c.ReverseExpenditure: reverse_expenditure,
    c.CorrectFact: correct_fact,
    c.VoidDecision: void_decision,
}
