"""The dashboard of a year: a read model folded from the history.

``DashboardState`` is folded from events one at a time (``apply``), each given as its
type, subject and decoded data, so the same fold can later run as a persisted
projection that tracks its position. ``figures(state, year, today)`` is a pure function
of the state: switching year does not read the history again.

Flows (money, activities, participants) are summed per calendar year of their own date
(``decided_on``, ``paid_on``, ``held_on``, the report period). Stocks (partners
onboarded) are counted as of the year's last day, or ``today`` in the current year.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

import msgspec
from eventsourcing.persistence import ApplicationRecorder

LATEST = 10


class Event(Protocol):
    """What the fold reads of a history entry (``asfledger.history.Entry`` fits)."""

    @property
    def position(self) -> int: ...

    @property
    def time(self) -> str: ...

    @property
    def actor(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def subject(self) -> str: ...

    @property
    def data(self) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Decision:
    """One line of "latest decisions"."""

    position: int
    time: str
    actor: str
    type: str
    subject: str


@dataclass(slots=True)
class YearFlows:
    """What happened inside one calendar year."""

    partners_onboarded: int = 0
    fundings_decided: int = 0
    funding_decided_ore: int = 0
    funding_paid_ore: int = 0
    activities_held: int = 0
    attendance: int = 0
    expenditure_ore: int = 0
    participants: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class PlanState:
    adopted_on: str | None = None
    # action_id → (measure, status)
    actions: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(slots=True)
class DashboardState:
    """Everything the dashboard needs, for every year at once."""

    position: int = 0
    flows: dict[int, YearFlows] = field(default_factory=dict)
    # partner subject → onboarding intervals [start, end) as ISO dates
    onboardings: dict[str, list[tuple[str, str | None]]] = field(default_factory=dict)
    plans: dict[str, PlanState] = field(default_factory=dict)  # plan subject → state
    plan_years: dict[int, str] = field(default_factory=dict)  # year → plan subject
    latest: deque[Decision] = field(default_factory=lambda: deque(maxlen=LATEST))

    def year(self, day: str) -> YearFlows:
        y = int(day[:4])
        flows = self.flows.get(y)
        if flows is None:
            flows = self.flows[y] = YearFlows()
        return flows

    def apply(self, event_type: str, subject: str, data: Mapping[str, Any]) -> None:
        """Fold one event into the state (the dispatch on its type)."""
        handler = _HANDLERS.get(event_type)
        if handler is not None:
            handler(self, subject, data)

    def apply_entry(self, entry: Event) -> None:
        self.apply(entry.type, entry.subject, entry.data)
        self.position = entry.position
        self.latest.append(Decision(entry.position, entry.time, entry.actor, entry.type,
                                    entry.subject))


def _onboarded(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.onboardings.setdefault(subject, []).append((d["onboarded_on"], None))
    s.year(d["onboarded_on"]).partners_onboarded += 1


def _offboarded(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    intervals = s.onboardings.get(subject)
    if intervals:
        start, _ = intervals[-1]
        intervals[-1] = (start, d["offboarded_on"])


def _funding_decided(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["decided_on"])
    flows.fundings_decided += 1
    flows.funding_decided_ore += d["amount_ore"]


def _funding_paid(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["paid_on"])
    flows.funding_paid_ore += d["amount_ore"]
    flows.expenditure_ore += d["amount_ore"]  # all money out is expenditure (SPEC §2)


def _activity_held(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    flows = s.year(d["held_on"])
    flows.activities_held += 1
    flows.attendance += sum(d["attendance"].values())


def _expenditure(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.year(d["paid_on"]).expenditure_ore += d["amount_ore"]


def _participants(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    participants = s.year(d["period"]).participants
    for group, counts in d["counts"].items():
        participants[group] = participants.get(group, 0) + sum(counts.values())


def _plan_drafted(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    s.plans[subject] = PlanState()
    s.plan_years[int(d["year"])] = subject


def _plan_adopted(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    if subject in s.plans:
        s.plans[subject].adopted_on = d["adopted_on"]


def _action_added(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
    if subject in s.plans:
        s.plans[subject].actions[d["action_id"]] = (d["measure"], "open")


def _action_closed(status: str) -> Any:
    def close(s: DashboardState, subject: str, d: Mapping[str, Any]) -> None:
        plan = s.plans.get(subject)
        if plan is not None and d["action_id"] in plan.actions:
            measure, _ = plan.actions[d["action_id"]]
            plan.actions[d["action_id"]] = (measure, status)

    return close


_HANDLERS: dict[str, Any] = {
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
    plan_adopted_on: str | None
    actions_total: int
    actions_completed: int
    actions_dropped: int
    actions_by_measure: dict[str, MeasureProgress]
    participants: dict[str, int]
    expenditure_ore: int
    latest: tuple[Decision, ...]

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())


def as_of_for(year: int, today: date) -> date:
    """The day stocks are counted on: today in the current year, else the year's end."""
    return today if year == today.year else date(year, 12, 31)


def figures(state: DashboardState, year: int, today: date | None = None) -> DashboardFigures:
    """The figures of ``year`` from a folded state (pure)."""
    as_of = as_of_for(year, today or date.today())
    day = as_of.isoformat()
    onboarded = sum(
        1 for intervals in state.onboardings.values()
        if any(start <= day and (end is None or day < end) for start, end in intervals))
    flows = state.flows.get(year, YearFlows())
    plan = state.plans.get(state.plan_years.get(year, ""))
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
        participants=dict(sorted(flows.participants.items())),
        expenditure_ore=flows.expenditure_ore,
        latest=tuple(reversed(state.latest)),
    )


def fold(events: Iterable[Event], state: DashboardState | None = None) -> DashboardState:
    """Fold ``events`` (in history order) into ``state``, or a new one."""
    state = state or DashboardState()
    for event in events:
        state.apply_entry(event)
    return state


def _recorded(recorder: ApplicationRecorder, page: int = 2000) -> Iterator[Event]:
    """The stored events as fold input, in order, in constant memory.

    The same reading as ``asfledger.history.entries`` without the chain (projections sit
    below the application layer and do not import it).
    """
    subjects: dict[str, str] = {}
    position = 0
    start = 1
    while True:
        notifications = recorder.select_notifications(start=start, limit=page)
        if not notifications:
            return
        for n in notifications:
            position += 1
            state: dict[str, Any] = msgspec.json.decode(n.state)
            oid = str(n.originator_id)
            if "key" in state and "originator_topic" in state:
                subjects[oid] = f"{_type(state['originator_topic'])} {state['key']}"
            yield _Recorded(position, _time(state.get("timestamp", "")), state.get("actor", ""),
                            _type(n.topic), subjects.get(oid, oid), state)
        start = notifications[-1].id + 1


def _time(stamp: str) -> str:
    """As ``asfledger.history.Entry.time``: ISO 8601 to the second, with the offset."""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).isoformat(
            timespec="seconds")
    except ValueError:
        return stamp


def _type(topic: str) -> str:
    return topic.rsplit(":", 1)[-1]


@dataclass(frozen=True, slots=True)
class _Recorded:
    position: int
    time: str
    actor: str
    type: str
    subject: str
    data: dict[str, Any]


def fold_history(source: ApplicationRecorder | Iterable[Event]) -> DashboardState:
    """Fold the whole stored history (a recorder) or the given entries."""
    if isinstance(source, ApplicationRecorder):
        return fold(_recorded(source))
    return fold(source)


def figures_for_year(source: ApplicationRecorder | Iterable[Event], year: int,
                     today: date | None = None) -> DashboardFigures:
    """The dashboard of ``year``, computed by streaming the history once."""
    return figures(fold_history(source), year, today)
