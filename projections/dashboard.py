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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Self

import msgspec

from domain.corrections import fact_value
from domain.values import Period
from projections.events import LedgerEvent
from projections.figures import group_totals, report_key, reports_of, summed_within

LATEST = 10


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


_Handler = Callable[["DashboardState", str, Mapping[str, Any]], None]


class DashboardState(msgspec.Struct):
    """Everything the dashboard needs, for every year at once (a read model)."""

    name: ClassVar[str] = "dashboard"
    # Bump when the fold below changes what it keeps: stored states are then rebuilt.
    # 2: corrections (issue 15); 3: participants re-reported for a period replace (19)
    version: ClassVar[int] = 3

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

    def year(self, y: int) -> YearFlows:
        key = str(y)
        flows = self.flows.get(key)
        if flows is None:
            flows = self.flows[key] = YearFlows()
        return flows

    def feed(self, event: LedgerEvent) -> None:
        """Fold one event (the next in global order) into the state."""
        handler = _HANDLERS.get(event.type)
        if handler is not None:
            handler(self, event.subject, event.data)
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


def _onboarded(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    day: date = d["onboarded_on"]
    s.onboardings.setdefault(subject, []).append((day, None))
    s.year(day.year).partners_onboarded += 1


def _offboarded(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    intervals = s.onboardings.get(subject)
    if intervals:
        start, _ = intervals[-1]
        intervals[-1] = (start, d["offboarded_on"])


def _funding_decided(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["decided_on"].year)
    flows.fundings_decided += 1
    flows.funding_decided_ore += d["amount_ore"]
    s.fundings[subject] = (d["decided_on"], d["amount_ore"])


# Corrections (issue 15): the figures are those of the corrected history; a reversal is
# netted in the year of what it reverses.

def _payment_reversed(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["paid_on"].year)
    flows.funding_paid_ore -= d["amount_ore"]
    flows.expenditure_ore -= d["amount_ore"]


def _expenditure_reversed(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.year(d["paid_on"].year).expenditure_ore -= d["amount_ore"]


def _funding_corrected(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    decision = s.fundings.get(subject)
    field = d["field"]
    if decision is None or field not in ("decided_on", "amount_ore"):
        return
    _funding_voided(s, subject, d)
    day, ore = decision
    value = fact_value(field, d["new"])
    _funding_decided(s, subject, {"decided_on": value if field == "decided_on" else day,
                                  "amount_ore": value if field == "amount_ore" else ore})


def _funding_voided(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    decision = s.fundings.pop(subject, None)
    if decision is not None:
        flows = s.year(decision[0].year)
        flows.fundings_decided -= 1
        flows.funding_decided_ore -= decision[1]


def _funding_paid(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["paid_on"].year)
    flows.funding_paid_ore += d["amount_ore"]
    flows.expenditure_ore += d["amount_ore"]  # all money out is expenditure (SPEC §2)


def _activity_held(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["held_on"].year)
    flows.activities_held += 1
    flows.attendance += sum(d["attendance"].values())


def _expenditure(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.year(d["paid_on"].year).expenditure_ore += d["amount_ore"]


def _participants(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.participants[report_key(subject, d["period"])] = group_totals(d["counts"])


def _plan_drafted(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.plans[subject] = PlanState()
    s.plan_years[str(d["year"])] = subject


def _plan_adopted(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    if subject in s.plans:
        s.plans[subject].adopted_on = d["adopted_on"]


def _action_added(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    if subject in s.plans:
        s.plans[subject].actions[d["action_id"]] = (d["measure"], "open")


def _action_closed(status: str) -> _Handler:
    def close(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
        plan = s.plans.get(subject)
        if plan is not None and d["action_id"] in plan.actions:
            measure, _ = plan.actions[d["action_id"]]
            plan.actions[d["action_id"]] = (measure, status)

    return close


_HANDLERS: dict[str, _Handler] = {
    "Partner.Onboarded": _onboarded,
    "Partner.Offboarded": _offboarded,
    "SupervisorFunding.Decided": _funding_decided,
    "SupervisorFunding.Paid": _funding_paid,
    "Activity.Held": _activity_held,
    "Expenditure.Recorded": _expenditure,
    "Effort.ParticipantsReported": _participants,
    "ActionPlan.Drafted": _plan_drafted,
    "ActionPlan.Adopted": _plan_adopted,
    "ActionPlan.ActionAdded": _action_added,
    "ActionPlan.ActionCompleted": _action_closed("completed"),
    "ActionPlan.ActionDropped": _action_closed("dropped"),
    "SupervisorFunding.PaymentReversed": _payment_reversed,
    "Expenditure.Reversed": _expenditure_reversed,
    "SupervisorFunding.FactCorrected": _funding_corrected,
    "SupervisorFunding.Voided": _funding_voided,
}


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
        if any(start <= as_of and (end is None or as_of < end) for start, end in intervals))
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
