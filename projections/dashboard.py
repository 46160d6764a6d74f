"""The dashboard of a year: a read model folded from the history.

``DashboardState`` is a read model (``projections.readmodel``): it is fed the history's
``LedgerEvent``s one at a time (``feed``) and saved as bytes, so the application keeps it
persisted beside its position and feeds it only what was recorded since
(``asfledger.readmodels``). ``figures(state, year, today)`` is a pure function of the
state: switching year does not read the history again.

Flows (money, activities, participants) are summed per calendar year of their own date
(``decided_on``, ``paid_on``, ``held_on``, the report period). Stocks (partners
onboarded) are counted as of the year's last day, or ``today`` in the current year. Each
figure the parts' screens or the board report show too is read by the same function of
``projections.figures`` from the same fold (``Flows``), kept here in the saved state.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar, Self

import msgspec

from domain.events import (
    ActionPlanActionAdded,
    ActionPlanActionCompleted,
    ActionPlanActionDropped,
    ActionPlanAdopted,
    ActionPlanDrafted,
    ActionPlanRedrafted,
    ActionPlanVoided,
)
from domain.values import Period
from projections import figures as shared
from projections.events import ByClass, LedgerEvent, on_state
from projections.figures import Flows

LATEST = 10


class Decision(msgspec.Struct, frozen=True, array_like=True):
    """One line of "latest decisions"."""

    position: int
    time: datetime
    actor: str
    type: str
    subject: str


class PlanState(msgspec.Struct):
    adopted_on: date | None = None
    # action_id → (measure, status)
    actions: dict[str, tuple[str, str]] = msgspec.field(default_factory=dict)


class DashboardState(msgspec.Struct):
    """Everything the dashboard needs, for every year at once (a read model)."""

    name: ClassVar[str] = "dashboard"
    # Bump when the fold below changes what it keeps: stored states are then rebuilt.
    # 2: corrections (issue 15); 3: participants re-reported for a period replace (19);
    # 4: a voided activity is taken back (issue 15); 5: the figures shared with the
    # parts' screens and the board report are folded by projections.figures (a voided
    # partner is no longer counted onboarded)
    version: ClassVar[int] = 5

    position: int = 0  # of the last event fed: the number of events in the history
    flows: Flows = msgspec.field(default_factory=Flows)
    plans: dict[str, PlanState] = msgspec.field(default_factory=dict)  # plan subject → state
    plan_years: dict[str, str] = msgspec.field(default_factory=dict)  # year → plan subject
    latest: list[Decision] = msgspec.field(default_factory=list)  # oldest first

    # Looking back "as decided" on a day (issue 19): the flows count only what took effect
    # by that day. Not stored: such a model is folded for the look back and thrown away.
    decided_by: date | None = None

    def later(self, day: date) -> bool:
        """Whether ``day`` lies after ``decided_by`` (never, without a look back)."""
        return self.decided_by is not None and day > self.decided_by

    def cut_after(self, day: date) -> None:
        self.decided_by = day
        self.flows.cut_after(day)

    def years(self) -> list[int]:
        """The years something of the flows is dated in, in order."""
        f = self.flows
        days = [*f.spent, *f.paid]
        years = {int(day[:4]) for day in days}
        years |= {day.year for day, _, _ in f.decisions.values()}
        years |= {day.year for day, _, _ in f.held.values()}
        years |= {start.year for spans in f.onboardings.values() for start, _ in spans}
        return sorted(years)

    def feed(self, event: LedgerEvent) -> None:
        """Fold one event (the next in global order) into the state."""
        self.flows.feed(event)
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


_on = on_state


_FOLDS: ByClass[Fold] = ByClass([
    _on(ActionPlanDrafted, _plan_drafted),
    _on(ActionPlanVoided, _plan_voided),
    _on(ActionPlanRedrafted, _plan_redrafted),
    _on(ActionPlanAdopted, _plan_adopted),
    _on(ActionPlanActionAdded, _action_added),
    _on(ActionPlanActionCompleted, _action_completed),
    _on(ActionPlanActionDropped, _action_dropped),
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
    """The figures of ``year`` from a folded state (pure); the figures the parts' screens
    and the board report show too are ``projections.figures``'s."""
    as_of = as_of_for(year, today or date.today())
    within = Period.parse(str(year))
    f = state.flows
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
        partners_onboarded=shared.onboarded_on(f, as_of),
        partners_onboarded_in_year=shared.onboarded_within(f, within),
        fundings_decided=shared.fundings_decided(f, within),
        funding_decided_ore=shared.total(shared.funding_decided(f, within)),
        funding_paid_ore=shared.total(shared.funding_paid(f, within)),
        activities_held=shared.total(shared.activities_held(f, within)),
        attendance=shared.total(shared.attendance(f, within)),
        plan_exists=plan is not None,
        plan_adopted_on=plan.adopted_on if plan else None,
        actions_total=sum(p.total for p in progress.values()),
        actions_completed=sum(p.completed for p in progress.values()),
        actions_dropped=sum(p.dropped for p in progress.values()),
        actions_by_measure=progress,
        participants=dict(sorted(shared.participants(f, within).items())),
        expenditure_ore=shared.total(shared.money_out(f, within)),
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
