"""The board's report (SPEC §4): a fold over the history, then the figures of any period.

Feed every event in global order (``feed``), then ask ``figures(period)``: a pure function
of the folded state, so one replay serves a year, a quarter and a month alike.

Two kinds of figure, both read from the BUSINESS dates in the events, never from the time
an event was recorded:

- *in period* (flows): decisions, payments, activities, logged work and expenditure dated
  inside the period (inclusive), participants and outcomes reported for report periods
  (``2026-Q1``, ``2026``) that lie inside it;
- *as of end* (stocks): the state on the period's last day. Date ranges are inclusive:
  something with ``ends_on`` on that day is still running; something ended, completed or
  offboarded on that day is not.

Money is summed in öre and given as ``Money`` (the JSON file writes its plain form,
``"1234.56"``), full-time equivalents as ``Decimal``s with two decimals; counts are ints. Every
category of a fixed vocabulary is present, with zero when nothing is in it, so the keys
of two reports are always the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.clock import STOCKHOLM
from domain.corrections import fact_value
from domain.events import (
    ActionPlanActionAdded,
    ActionPlanActionCompleted,
    ActionPlanActionDropped,
    ActionPlanAdopted,
    ActionPlanDrafted,
    ActionPlanRedrafted,
    ActionPlanVoided,
    AgreementEnded,
    AgreementFactCorrected,
    AgreementSigned,
    AgreementVoided,
    EffortCompleted,
    EffortFactCorrected,
    EffortStarted,
    EffortVoided,
    ExpenditureReversed,
    FactCorrected,
    PartnerFactCorrected,
    PartnerOffboarded,
    PartnerOnboarded,
    PartnerRegistered,
    PartnerVoided,
    SupervisorFundingDecided,
    SupervisorFundingEnded,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
    Voided,
)
from domain.money import Money
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    ATTENDANCE_GROUPS,
    DISTRICTS,
    LEGAL_FORMS,
    MEASURES,
    OUTCOME_KEYS,
    PARTIES,
    PURPOSES,
    STRUCTURAL_MEASURES,
    TARGET_GROUPS,
)
from domain.span import DateSpan
from domain.values import Period
from projections import figures as shared
from projections.events import Dispatch, LedgerEvent, on
from projections.figures import Flows

# Structural work is logged under S1–S6; S7 (activities) has its own section.
LOGGED_MEASURES: tuple[str, ...] = tuple(m for m in STRUCTURAL_MEASURES if m != "S7")


@dataclass(frozen=True, slots=True)
class ComplianceFigures:
    """What the caller adds from the compliance proof (``asfledger.audit.compliance``)."""

    violations: int
    events_examined: int
    checkpoint: str  # the checkpoint's text, as the board puts it in its minutes
    to_review: int = 0  # what the proof lists for review (e.g. a year without a plan yet)
    # how many checkpoints kept outside the ledger the history was verified against
    checkpoints_checked: int = 0


@dataclass(slots=True)
class _Span:
    """Something that runs over ``span`` (an agreement, a funding, an effort): ``kind``
    is what the figures count it under, ``weight`` a funding's fte_percent."""

    kind: str
    span: DateSpan
    weight: int = 0

    def running_on(self, day: date) -> bool:
        return self.span.covers(day)


def _corrected_span(span: DateSpan, field: str, value: Any) -> DateSpan:
    """``span`` after a correction of ``field``: its start or its (inclusive) end."""
    if field == "starts_on":
        return replace(span, start=value)
    if field == "ends_on":
        return replace(span, end=value)
    return span


@dataclass(slots=True)
class _Partner:
    legal_form: str
    districts: tuple[str, ...]
    # onboarded from the first day, not from the day offboarded (the span's stop)
    onboardings: list[DateSpan] = field(default_factory=list)

    def onboarded_on(self, day: date) -> bool:
        return any(span.covers(day) for span in self.onboardings)


@dataclass(slots=True)
class _Action:
    measure: str
    completed_on: date | None = None
    dropped_on: date | None = None


@dataclass(slots=True)
class _Plan:
    adopted_on: date | None = None
    actions: dict[str, _Action] = field(default_factory=dict)


def _zeros(keys: Iterable[str]) -> dict[str, int]:
    return dict.fromkeys(keys, 0)


def _add(counter: dict[str, int], key: str, n: int = 1) -> None:
    counter[key] = counter.get(key, 0) + n


class BoardReport:
    """Feed every event in global order, then read ``figures(period)`` (pure, repeatable)."""

    def __init__(self) -> None:
        self.events = 0
        self._partners: dict[str, _Partner] = {}
        self._agreements: dict[UUID, _Span] = {}
        self._fundings: dict[UUID, _Span] = {}  # kind = employer, weight = fte_percent
        # The figures the dashboard and the parts' screens show too (money, activities,
        # participants and outcomes, onboardings): one fold, read by one function each.
        self.flows = Flows()
        self._plans: dict[int, _Plan] = {}  # year → plan
        self._efforts: dict[UUID, _Span] = {}
        # The corrections recorded (issue 15), each on its day: (day, kind, öre) with kind
        # "reversed" (a payment or an expenditure, on its reversed_on), "corrected" or
        # "voided" (on the day it was recorded, in Stockholm).
        self._corrections: list[tuple[date, str, int]] = []
        self._dispatch = Dispatch([
            on(PartnerRegistered, self._partner_registered),
            on(PartnerOnboarded, self._onboarded),
            on(PartnerOffboarded, self._offboarded),
            on(AgreementSigned, self._agreement_signed),
            on(AgreementEnded, self._agreement_ended),
            on(SupervisorFundingDecided, self._funding_decided),
            on(SupervisorFundingEnded, self._funding_ended),
            on(ActionPlanDrafted, self._plan_drafted),
            on(ActionPlanActionAdded, self._action_added),
            on(ActionPlanAdopted, self._plan_adopted),
            on(ActionPlanActionCompleted, self._action_completed),
            on(ActionPlanActionDropped, self._action_dropped),
            on(EffortStarted, self._effort_started),
            on(EffortCompleted, self._effort_completed),
            # Corrections: the figures are those of the corrected history. A reversal is
            # netted on the date of what it reverses, so a period's figure is what it
            # would have been without the mistake; both stay in the history.
            on(SupervisorFundingPaymentReversed, self._payment_reversed),
            on(ExpenditureReversed, self._expenditure_reversed),
            on(PartnerFactCorrected, self._partner_corrected),
            on(SupervisorFundingFactCorrected, self._funding_corrected),
            on(EffortFactCorrected, self._effort_corrected),
            on(PartnerVoided, self._partner_voided),
            on(SupervisorFundingVoided, self._funding_voided),
            on(EffortVoided, self._effort_voided),
            on(AgreementFactCorrected, self._agreement_corrected),
            on(AgreementVoided, self._agreement_voided),
            on(ActionPlanVoided, self._plan_voided),
            on(ActionPlanRedrafted, self._plan_redrafted),
        ])

    def feed(self, event: LedgerEvent) -> None:
        """Fold one event; types that carry no figure of the report are passed over."""
        self.events += 1
        self.flows.feed(event)
        self._dispatch(event)
        if isinstance(event.event, FactCorrected | Voided):
            self._corrections.append((
                event.recorded.astimezone(STOCKHOLM).date(),
                "corrected" if isinstance(event.event, FactCorrected) else "voided", 0))

    def feed_all(self, events: Iterable[LedgerEvent]) -> BoardReport:
        for event in events:
            self.feed(event)
        return self

    # -- partners and agreements -------------------------------------------------------
    def _partner_registered(self, e: LedgerEvent, x: PartnerRegistered) -> None:
        self._partners[e.subject] = _Partner(x.legal_form, tuple(dict.fromkeys(x.districts)))

    def _onboarded(self, e: LedgerEvent, x: PartnerOnboarded) -> None:
        partner = self._partners.get(e.subject)
        if partner is not None:
            partner.onboardings.append(DateSpan(x.onboarded_on))

    def _offboarded(self, e: LedgerEvent, x: PartnerOffboarded) -> None:
        partner = self._partners.get(e.subject)
        if partner is not None and partner.onboardings:
            partner.onboardings[-1] = partner.onboardings[-1].stopped(x.offboarded_on)

    def _agreement_signed(self, e: LedgerEvent, x: AgreementSigned) -> None:
        self._agreements[e.subject_id] = _Span(x.kind, DateSpan(x.starts_on, x.ends_on))

    def _agreement_ended(self, e: LedgerEvent, x: AgreementEnded) -> None:
        agreement = self._agreements.get(e.subject_id)
        if agreement is not None:
            agreement.span = agreement.span.stopped(x.ended_on)

    # -- supervisor funding (I3) ---------------------------------------------------------
    def _funding_decided(self, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
        self._fundings[e.subject_id] = _Span(x.employer, DateSpan(x.starts_on, x.ends_on),
                                             weight=x.fte_percent)


    def _funding_ended(self, e: LedgerEvent, x: SupervisorFundingEnded) -> None:
        funding = self._fundings.get(e.subject_id)
        if funding is not None:
            funding.span = funding.span.stopped(x.ended_on)

    # -- activities (S7) and structural work (S1–S6) -------------------------------------
    # -- the action plan (R6) ------------------------------------------------------------
    def _plan(self, e: LedgerEvent) -> _Plan:
        return self._plans.setdefault(int(e.subject), _Plan())  # a plan's key is its year

    def _plan_drafted(self, e: LedgerEvent, x: ActionPlanDrafted) -> None:
        self._plans.setdefault(x.year, _Plan())

    def _action_added(self, e: LedgerEvent, x: ActionPlanActionAdded) -> None:
        self._plan(e).actions[x.action_id] = _Action(x.measure)

    def _plan_adopted(self, e: LedgerEvent, x: ActionPlanAdopted) -> None:
        plan = self._plan(e)
        if plan.adopted_on is None:
            plan.adopted_on = x.adopted_on

    def _action_completed(self, e: LedgerEvent, x: ActionPlanActionCompleted) -> None:
        action = self._plan(e).actions.get(x.action_id)
        if action is not None:
            action.completed_on = x.completed_on

    def _action_dropped(self, e: LedgerEvent, x: ActionPlanActionDropped) -> None:
        action = self._plan(e).actions.get(x.action_id)
        if action is not None:
            action.dropped_on = x.dropped_on

    # -- efforts (I1, I2) and expenditure -------------------------------------------------
    def _effort_started(self, e: LedgerEvent, x: EffortStarted) -> None:
        self._efforts[e.subject_id] = _Span(x.measure, DateSpan(x.starts_on, x.ends_on))

    def _effort_completed(self, e: LedgerEvent, x: EffortCompleted) -> None:
        effort = self._efforts.get(e.subject_id)
        if effort is not None:
            effort.span = effort.span.stopped(x.completed_on)

    # -- corrections (domain/correcting.py) ------------------------------------------------
    def _payment_reversed(self, e: LedgerEvent, x: SupervisorFundingPaymentReversed) -> None:
        self._corrections.append((x.reversed_on, "reversed", x.amount_ore))

    def _expenditure_reversed(self, e: LedgerEvent, x: ExpenditureReversed) -> None:
        self._corrections.append((x.reversed_on, "reversed", x.amount_ore))

    def _partner_corrected(self, e: LedgerEvent, x: PartnerFactCorrected) -> None:
        partner = self._partners.get(e.subject)
        if partner is not None and x.field == "districts":
            partner.districts = tuple(fact_value(x.field, x.new))
        elif partner is not None and x.field == "legal_form":
            partner.legal_form = x.new

    def _funding_corrected(self, e: LedgerEvent, x: SupervisorFundingFactCorrected) -> None:
        field, value = x.field, fact_value(x.field, x.new)
        funding = self._fundings.get(e.subject_id)
        if funding is not None:
            funding.span = _corrected_span(funding.span, field, value)
            if field == "fte_percent":
                funding.weight = value
        if field == "employer" and funding is not None:
            # Its decision and payments count under the corrected employer: the flows.
            funding.kind = value

    def _effort_corrected(self, e: LedgerEvent, x: EffortFactCorrected) -> None:
        effort = self._efforts.get(e.subject_id)
        if effort is not None:
            effort.span = _corrected_span(effort.span, x.field, fact_value(x.field, x.new))

    def _partner_voided(self, e: LedgerEvent, x: PartnerVoided) -> None:
        self._partners.pop(e.subject, None)

    def _funding_voided(self, e: LedgerEvent, x: SupervisorFundingVoided) -> None:
        self._fundings.pop(e.subject_id, None)

    def _effort_voided(self, e: LedgerEvent, x: EffortVoided) -> None:
        self._efforts.pop(e.subject_id, None)

    def _agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        agreement = self._agreements.get(e.subject_id)
        if agreement is not None:
            agreement.span = _corrected_span(agreement.span, x.field,
                                             fact_value(x.field, x.new))

    def _agreement_voided(self, e: LedgerEvent, x: AgreementVoided) -> None:
        self._agreements.pop(e.subject_id, None)

    def _plan_voided(self, e: LedgerEvent, x: ActionPlanVoided) -> None:
        self._plans.pop(int(e.subject), None)

    def _plan_redrafted(self, e: LedgerEvent, x: ActionPlanRedrafted) -> None:
        self._plans[int(e.subject)] = _Plan()

    # -- the figures ---------------------------------------------------------------------
    def figures(self, period: Period,
                compliance: ComplianceFigures | None = None) -> dict[str, Any]:
        """The SPEC §4 figures of ``period``; ``compliance`` is added by the caller (the
        section is absent without it)."""
        figures: dict[str, Any] = {
            "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
            "partners": self._partner_figures(period),
            "agreements": self._agreement_figures(period),
            "supervisor_funding": self._funding_figures(period),
            "activities": self._activity_figures(period),
            "structural_work": self._structural_figures(period),
            "action_plan": self._plan_figures(period),
            "efforts": self._effort_figures(period),
            "expenditure": self._expenditure_figures(period),
            "corrections": self._correction_figures(period),
        }
        if compliance is not None:
            figures["compliance"] = {
                "violations": compliance.violations,
                "events_examined": compliance.events_examined,
                "checkpoint": compliance.checkpoint,
                "checkpoints_checked": compliance.checkpoints_checked,
                "to_review": compliance.to_review,
            }
        return figures

    def _correction_figures(self, period: Period) -> dict[str, Any]:
        counts = _zeros(("reversed", "corrected", "voided"))
        reversed_ore = 0
        for day, kind, ore in self._corrections:
            if period.covers(day):
                _add(counts, kind)
                reversed_ore += ore
        return {**counts, "reversed_sek": Money(reversed_ore)}

    def _partner_figures(self, period: Period) -> dict[str, Any]:
        end = period.end
        by_legal_form = _zeros(LEGAL_FORMS)
        by_district = _zeros(DISTRICTS)
        for partner in self._partners.values():
            if not partner.onboarded_on(end):
                continue
            _add(by_legal_form, partner.legal_form)
            for district in partner.districts:  # once per district, never twice
                _add(by_district, district)
        return {"onboarded": shared.onboarded_on(self.flows, end),
                "onboarded_in_period": shared.onboarded_within(self.flows, period),
                "by_legal_form": by_legal_form, "by_district": by_district}

    def _agreement_figures(self, period: Period) -> dict[str, Any]:
        by_kind = _zeros(AGREEMENT_KINDS)
        for agreement in self._agreements.values():
            if agreement.running_on(period.end):
                _add(by_kind, agreement.kind)
        return {"active": sum(by_kind.values()), "by_kind": by_kind}

    def _funding_figures(self, period: Period) -> dict[str, Any]:
        decided = _zeros(PARTIES) | shared.funding_decided(self.flows, period)
        paid = _zeros(PARTIES) | shared.funding_paid(self.flows, period)
        fte_percent = sum(f.weight for f in self._fundings.values()
                          if f.running_on(period.end))
        employers = [*PARTIES, *sorted((set(decided) | set(paid)) - set(PARTIES))]
        return {
            "decided_sek": Money(sum(decided.values())),
            "paid_sek": Money(sum(paid.values())),
            "by_employer": {
                employer: {"decided_sek": Money(decided.get(employer, 0)),
                           "paid_sek": Money(paid.get(employer, 0))}
                for employer in employers},
            # full-time equivalents, exactly: fte_percent / 100 with two decimals
            "fte_active": Decimal(fte_percent).scaleb(-2),
        }

    def _activity_figures(self, period: Period) -> dict[str, Any]:
        by_kind = _zeros(ACTIVITY_KINDS) | shared.activities_held(self.flows, period)
        by_group = _zeros(ATTENDANCE_GROUPS) | shared.attendance(self.flows, period)
        return {"held": sum(by_kind.values()), "by_kind": by_kind,
                "attendance_total": sum(by_group.values()), "attendance_by_group": by_group}

    def _structural_figures(self, period: Period) -> dict[str, Any]:
        by_measure = _zeros(LOGGED_MEASURES) | shared.structural_work(self.flows, period)
        return {"by_measure": by_measure}

    def _plan_figures(self, period: Period) -> dict[str, Any]:
        """The plan of the period's year, as of the period's last day."""
        end = period.end
        year = period.start.year
        plan = self._plans.get(year, _Plan())
        by_measure = {code: {"actions": 0, "completed": 0} for code in MEASURES}
        completed = dropped = 0
        for action in plan.actions.values():
            counts = by_measure.setdefault(action.measure, {"actions": 0, "completed": 0})
            counts["actions"] += 1
            if action.completed_on is not None and action.completed_on <= end:
                counts["completed"] += 1
                completed += 1
            if action.dropped_on is not None and action.dropped_on <= end:
                dropped += 1
        return {
            "year": year,
            "adopted": plan.adopted_on is not None and plan.adopted_on <= end,
            "actions": len(plan.actions),
            "completed": completed,
            "dropped": dropped,
            "by_measure": by_measure,
        }

    def _effort_figures(self, period: Period) -> dict[str, Any]:
        participants = _zeros(TARGET_GROUPS) | shared.participants(self.flows, period)
        outcomes = _zeros(OUTCOME_KEYS) | shared.outcomes(self.flows, period)
        active = sum(1 for effort in self._efforts.values() if effort.running_on(period.end))
        return {"active": active, "participants": participants, "outcomes": outcomes}

    def _expenditure_figures(self, period: Period) -> dict[str, Any]:
        by_purpose = _zeros(PURPOSES) | shared.money_out(self.flows, period)
        return {"total_sek": Money(sum(by_purpose.values())),
                "by_purpose": {p: Money(ore) for p, ore in by_purpose.items()}}
