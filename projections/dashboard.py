"""The dashboard of a year: a read model folded from the history.

``DashboardState`` is a read model (``projections.readmodel``): it is fed the history's
``LedgerEvent``s one at a time (``feed``) and saved as bytes, so the application keeps it
persisted beside its position and feeds it only what was recorded since
(``asfledger.readmodels``). ``figures(state, year, today)`` is a pure function of the
state: switching year does not read the history again.

Flows (money, activities, participants) are summed per calendar year of their own date
(``decided_on``, ``paid_on``, ``held_on``, the report period). Stocks (partners
onboarded) are counted as of the year's last day, or ``today`` in the current year.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Self, TypeVar

import msgspec

from domain.corrections import fact_value
from domain.events import (
    ActionPlanActionAdded,
    ActionPlanActionCompleted,
    ActionPlanActionDropped,
    ActionPlanAdopted,
    ActionPlanDrafted,
    ActionPlanRedrafted,
    ActionPlanVoided,
    ActivityHeld,
    ActivityVoided,
    EffortParticipantsReported,
    Event,
    ExpenditureRecorded,
    ExpenditureReversed,
    PartnerOffboarded,
    PartnerOnboarded,
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
)
from domain.span import DateSpan
from domain.values import Period
from projections.events import ByClass, LedgerEvent
from projections.figures import group_totals, report_key, reports_of, summed_within

LATEST = 10
E = TypeVar("E", bound=Event)


class Decision(msgspec.Struct, frozen=True, array_like=True):
    """One line of "latest decisions"."""

    position: int
    time: datetime
    actor: str
    type: str
    subject: str


class YearFlows(msgspec.Struct):
    """What happened inside one calendar year."""

    partners_onboarded: int = 0
    fundings_decided: int = 0
    funding_decided_ore: int = 0
    funding_paid_ore: int = 0
    activities_held: int = 0
    attendance: int = 0
    expenditure_ore: int = 0


class PlanState(msgspec.Struct):
    adopted_on: date | None = None
    # action_id → (measure, status)
    actions: dict[str, tuple[str, str]] = msgspec.field(default_factory=dict)


class DashboardState(msgspec.Struct):
    """Everything the dashboard needs, for every year at once (a read model)."""

    name: ClassVar[str] = "dashboard"
    # Bump when the fold below changes what it keeps: stored states are then rebuilt.
    # 2: corrections (issue 15); 3: participants re-reported for a period replace (19);
    # 4: a voided activity is taken back (issue 15)
    version: ClassVar[int] = 4

    position: int = 0  # of the last event fed: the number of events in the history
    # Years are keys as text ("2026"): the encoding sorts keys, and only text sorts.
    flows: dict[str, YearFlows] = msgspec.field(default_factory=dict)
    # partner subject → onboarding intervals [start, end)
    onboardings: dict[str, list[tuple[date, date | None]]] = msgspec.field(
        default_factory=dict)
    plans: dict[str, PlanState] = msgspec.field(default_factory=dict)  # plan subject → state
    plan_years: dict[str, str] = msgspec.field(default_factory=dict)  # year → plan subject
    latest: list[Decision] = msgspec.field(default_factory=list)  # oldest first
    # funding subject → (decided_on, öre): what a correction or a void takes back
    fundings: dict[str, tuple[date, int]] = msgspec.field(default_factory=dict)
    # report_key(effort subject, report period) → target group → n: the latest report
    # (projections.figures: a later report of the same period replaces the earlier one)
    participants: dict[str, dict[str, int]] = msgspec.field(default_factory=dict)
    # activity subject → (held_on, attendance): what a void takes back
    held: dict[str, tuple[date, int]] = msgspec.field(default_factory=dict)

    # Looking back "as decided" on a day (issue 19): the flows count only what took effect
    # by that day. Not stored: such a model is folded for the look back and thrown away.
    decided_by: date | None = None

    def year(self, y: int) -> YearFlows:
        key = str(y)
        flows = self.flows.get(key)
        if flows is None:
            flows = self.flows[key] = YearFlows()
        return flows

    def on(self, day: date) -> YearFlows:
        """The flows of ``day``'s year, or, for a day after ``decided_by``, a sink: what
        takes effect later is not yet decided (its correction or void goes there too,
        as each names the day of what it takes back)."""
        if self.later(day):
            return YearFlows()
        return self.year(day.year)

    def later(self, day: date) -> bool:
        """Whether ``day`` lies after ``decided_by`` (never, without a look back)."""
        return self.decided_by is not None and day > self.decided_by

    def cut_after(self, day: date) -> None:
        self.decided_by = day

    def feed(self, event: LedgerEvent) -> None:
        """Fold one event (the next in global order) into the state."""
        fold = _FOLDS.get(event)
        if fold is not None:
            fold(self, event, event.event)
        self.position = event.position
        latest = self.latest
        latest.append(Decision(event.position, event.recorded, event.actor, event.type,
                               event.subject))
        if len(latest) > LATEST:
            del latest[0]

    def to_bytes(self) -> bytes:
        return _encoder.encode(self)

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        state: Self = msgspec.msgpack.decode(data, type=cls)
        return state


# Sorted keys: the same state gives the same bytes, however it was folded.
_encoder = msgspec.msgpack.Encoder(order="deterministic")


def _onboarded(s: DashboardState, e: LedgerEvent, x: PartnerOnboarded) -> None:
    s.onboardings.setdefault(e.subject, []).append((x.onboarded_on, None))
    s.on(x.onboarded_on).partners_onboarded += 1


def _offboarded(s: DashboardState, e: LedgerEvent, x: PartnerOffboarded) -> None:
    intervals = s.onboardings.get(e.subject)
    if intervals:
        start, _ = intervals[-1]
        intervals[-1] = (start, x.offboarded_on)


def _funding_decided(s: DashboardState, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
    _decided(s, e.subject, x.decided_on, x.amount_ore)


def _decided(s: DashboardState, subject: str, day: date, ore: int) -> None:
    flows = s.on(day)
    flows.fundings_decided += 1
    flows.funding_decided_ore += ore
    s.fundings[subject] = (day, ore)


# Corrections (issue 15): the figures are those of the corrected history; a reversal is
# netted in the year of what it reverses.

def _payment_reversed(s: DashboardState, e: LedgerEvent,
                      x: SupervisorFundingPaymentReversed) -> None:
    flows = s.on(x.paid_on)
    flows.funding_paid_ore -= x.amount_ore
    flows.expenditure_ore -= x.amount_ore


def _expenditure_reversed(s: DashboardState, e: LedgerEvent, x: ExpenditureReversed) -> None:
    s.on(x.paid_on).expenditure_ore -= x.amount_ore


def _funding_corrected(s: DashboardState, e: LedgerEvent,
                       x: SupervisorFundingFactCorrected) -> None:
    decision = s.fundings.get(e.subject)
    if decision is None or x.field not in ("decided_on", "amount_ore"):
        return
    _undecided(s, e.subject)
    day, ore = decision
    value = fact_value(x.field, x.new)
    _decided(s, e.subject, value if x.field == "decided_on" else day,
             value if x.field == "amount_ore" else ore)


def _funding_voided(s: DashboardState, e: LedgerEvent, x: SupervisorFundingVoided) -> None:
    _undecided(s, e.subject)


def _undecided(s: DashboardState, subject: str) -> None:
    decision = s.fundings.pop(subject, None)
    if decision is not None:
        flows = s.on(decision[0])
        flows.fundings_decided -= 1
        flows.funding_decided_ore -= decision[1]


def _funding_paid(s: DashboardState, e: LedgerEvent, x: SupervisorFundingPaid) -> None:
    flows = s.on(x.paid_on)
    flows.funding_paid_ore += x.amount_ore
    flows.expenditure_ore += x.amount_ore  # all money out is expenditure (SPEC §2)


def _activity_held(s: DashboardState, e: LedgerEvent, x: ActivityHeld) -> None:
    flows = s.on(x.held_on)
    flows.activities_held += 1
    attendance = sum(x.attendance.values())
    flows.attendance += attendance
    s.held[e.subject] = (x.held_on, attendance)


def _activity_voided(s: DashboardState, e: LedgerEvent, x: ActivityVoided) -> None:
    held = s.held.pop(e.subject, None)
    if held is not None:
        flows = s.on(held[0])
        flows.activities_held -= 1
        flows.attendance -= held[1]


def _expenditure(s: DashboardState, e: LedgerEvent, x: ExpenditureRecorded) -> None:
    s.on(x.paid_on).expenditure_ore += x.amount_ore


def _participants(s: DashboardState, e: LedgerEvent, x: EffortParticipantsReported) -> None:
    if s.later(Period.parse(x.period).start):  # a period not yet begun on the day
        return
    s.participants[report_key(e.subject, x.period)] = group_totals(x.counts)


def _plan_drafted(s: DashboardState, e: LedgerEvent, x: ActionPlanDrafted) -> None:
    s.plans[e.subject] = PlanState()
    s.plan_years[str(x.year)] = e.subject


def _plan_voided(s: DashboardState, e: LedgerEvent, x: ActionPlanVoided) -> None:
    s.plans.pop(e.subject, None)  # no plan for its year, until drafted again


def _plan_redrafted(s: DashboardState, e: LedgerEvent, x: ActionPlanRedrafted) -> None:
    s.plans[e.subject] = PlanState()


def _plan_adopted(s: DashboardState, e: LedgerEvent, x: ActionPlanAdopted) -> None:
    if e.subject in s.plans and not s.later(x.adopted_on):
        s.plans[e.subject].adopted_on = x.adopted_on


def _action_added(s: DashboardState, e: LedgerEvent, x: ActionPlanActionAdded) -> None:
    if e.subject in s.plans:
        s.plans[e.subject].actions[x.action_id] = (x.measure, "open")


def _action_completed(s: DashboardState, e: LedgerEvent, x: ActionPlanActionCompleted) -> None:
    _close_action(s, e.subject, x.action_id, "completed", x.completed_on)


def _action_dropped(s: DashboardState, e: LedgerEvent, x: ActionPlanActionDropped) -> None:
    _close_action(s, e.subject, x.action_id, "dropped", x.dropped_on)


def _close_action(s: DashboardState, subject: str, action_id: str, status: str,
                  day: date) -> None:
    plan = s.plans.get(subject)
    if plan is not None and action_id in plan.actions and not s.later(day):
        measure, _ = plan.actions[action_id]
        plan.actions[action_id] = (measure, status)


Fold = Callable[[DashboardState, LedgerEvent, Any], None]


def _on(cls: type[E], fold: Callable[[DashboardState, LedgerEvent, E], None]
        ) -> tuple[type[Event], Fold]:
    """``cls``'s fold: mypy checks that it takes a ``cls``."""
    return cls, fold


_FOLDS: ByClass[Fold] = ByClass([
    _on(PartnerOnboarded, _onboarded),
    _on(PartnerOffboarded, _offboarded),
    _on(SupervisorFundingDecided, _funding_decided),
    _on(SupervisorFundingPaid, _funding_paid),
    _on(ActivityHeld, _activity_held),
    _on(ActivityVoided, _activity_voided),
    _on(ExpenditureRecorded, _expenditure),
    _on(EffortParticipantsReported, _participants),
    _on(ActionPlanDrafted, _plan_drafted),
    _on(ActionPlanVoided, _plan_voided),
    _on(ActionPlanRedrafted, _plan_redrafted),
    _on(ActionPlanAdopted, _plan_adopted),
    _on(ActionPlanActionAdded, _action_added),
    _on(ActionPlanActionCompleted, _action_completed),
    _on(ActionPlanActionDropped, _action_dropped),
    _on(SupervisorFundingPaymentReversed, _payment_reversed),
    _on(ExpenditureReversed, _expenditure_reversed),
    _on(SupervisorFundingFactCorrected, _funding_corrected),
    _on(SupervisorFundingVoided, _funding_voided),
])


@dataclass(frozen=True, slots=True)
class MeasureProgress:
    completed: int
    dropped: int
    total: int


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    """The dashboard of ``year``, as of ``as_of``."""

    year: int
    as_of: date
    events: int
    partners_onboarded: int
    partners_onboarded_in_year: int
    fundings_decided: int
    funding_decided_ore: int
    funding_paid_ore: int
    activities_held: int
    attendance: int
    plan_exists: bool
    plan_adopted_on: date | None
    actions_total: int
    actions_completed: int
    actions_dropped: int
    actions_by_measure: dict[str, MeasureProgress]
    participants: dict[str, int]
    expenditure_ore: int
    latest: tuple[Decision, ...]  # newest first

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())


def as_of_for(year: int, today: date) -> date:
    """The day stocks are counted on: today in the current year, else the year's end."""
    return today if year == today.year else date(year, 12, 31)


def figures(state: DashboardState, year: int, today: date | None = None) -> DashboardFigures:
    """The figures of ``year`` from a folded state (pure)."""
    as_of = as_of_for(year, today or date.today())
    onboarded = sum(
        1 for intervals in state.onboardings.values()
        if any(DateSpan(start, stop=end).covers(as_of) for start, end in intervals))
    flows = state.flows.get(str(year), YearFlows())
    # A report period (``2026``, ``2026-Q1``, ``2026-03``) counts in its own year.
    participants = summed_within(reports_of(state.participants), Period.parse(str(year)))
    plan = state.plans.get(state.plan_years.get(str(year), ""))
    by_measure: dict[str, list[int]] = {}
    for measure, status in (plan.actions.values() if plan else ()):
        counts = by_measure.setdefault(measure, [0, 0, 0])
        counts[0] += status == "completed"
        counts[1] += status == "dropped"
        counts[2] += 1
    progress = {m: MeasureProgress(*by_measure[m]) for m in sorted(by_measure)}
    return DashboardFigures(
        year=year, as_of=as_of, events=state.position,
        partners_onboarded=onboarded,
        partners_onboarded_in_year=flows.partners_onboarded,
        fundings_decided=flows.fundings_decided,
        funding_decided_ore=flows.funding_decided_ore,
        funding_paid_ore=flows.funding_paid_ore,
        activities_held=flows.activities_held, attendance=flows.attendance,
        plan_exists=plan is not None,
        plan_adopted_on=plan.adopted_on if plan else None,
        actions_total=sum(p.total for p in progress.values()),
        actions_completed=sum(p.completed for p in progress.values()),
        actions_dropped=sum(p.dropped for p in progress.values()),
        actions_by_measure=progress,
        participants=dict(sorted(participants.items())),
        expenditure_ore=flows.expenditure_ore,
        latest=tuple(reversed(state.latest)),
    )


def fold(events: Iterable[LedgerEvent], state: DashboardState | None = None
         ) -> DashboardState:
    """Fold ``events`` (in history order) into ``state``, or a new one."""
    state = state if state is not None else DashboardState()
    feed = state.feed
    for event in events:
        feed(event)
    return state
