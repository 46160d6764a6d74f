"""Inspiration days, seminars and study visits (S7): planned, then held or cancelled."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.commands import CancelActivity, HoldActivity, PlanActivity
from domain.errors import STATE, Refusal
from domain.events import ActivityCancelledFacts, ActivityFacts, ActivityHeldFacts


class Activity(LedgerAggregate, ActivityFacts):
    KIND = "activity"

    if TYPE_CHECKING:  # state later events set
        held_on: date | None
        attendance: dict[str, int]
        cancelled: bool

    class Planned(LedgerAggregate.Created, ActivityFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.held_on = None
            aggregate.attendance = {}
            aggregate.cancelled = False

    class FactCorrected(FactCorrectedBase):
        """A planned fact (title, date) corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Planned by mistake (recorded twice): it no longer counts in the report."""

    class Held(LedgerAggregate.Event, ActivityHeldFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.held_on = self.held_on
            aggregate.attendance = dict(self.attendance)

    class Cancelled(LedgerAggregate.Event, ActivityCancelledFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.cancelled = True

    @classmethod
    def plan(cls, cmd: PlanActivity, actor: str) -> Activity:
        activity: Activity = cls._open(
            cls.Planned, cmd.ref, kind=cmd.kind, title=cmd.title, planned_on=cmd.planned_on,
            districts=list(dict.fromkeys(cmd.districts)), actor=actor, note=cmd.note)
        return activity

    def _require_open(self) -> None:
        if self.held_on is not None:
            raise Refusal(STATE, "refusal.activity_held", ref=self.key, day=self.held_on)
        if self.cancelled:
            raise Refusal(STATE, "refusal.activity_cancelled", ref=self.key)

    def hold(self, cmd: HoldActivity, actor: str) -> None:
        self._require_open()
        attendance = {group: n for group, n in cmd.attendance.items() if n > 0}
        self.trigger_event(self.Held, held_on=cmd.held_on, attendance=attendance, actor=actor,
                           note=cmd.note)

    def cancel(self, cmd: CancelActivity, actor: str) -> None:
        self._require_open()
        self.trigger_event(self.Cancelled, reason=cmd.reason, actor=actor, note=cmd.note)
