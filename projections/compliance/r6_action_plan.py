"""R6: one adopted action plan per year; once adopted it changes only by a recorded
decision; its actions are completed or dropped only in an adopted plan, and once."""

from __future__ import annotations

from domain.events import (
    ActionPlanActionAdded,
    ActionPlanActionCompleted,
    ActionPlanActionCorrected,
    ActionPlanActionDropped,
    ActionPlanAdopted,
    ActionPlanVoided,
)
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.events import LedgerEvent, on


class R6(Check):
    code = "R6"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        self.open: dict[str, set[str]] = {}  # plan year → the ids of its open actions

    def reads(self) -> Reads:
        return [
            on(ActionPlanActionAdded, self.action_added),
            on(ActionPlanAdopted, self.adopted),
            on(ActionPlanActionCompleted, self.action_closed),
            on(ActionPlanActionDropped, self.action_closed),
            on(ActionPlanActionCorrected, self.action_corrected),
            on(ActionPlanVoided, self.voided),
        ]

    def voided(self, e: LedgerEvent, x: ActionPlanVoided) -> None:
        """A voided plan's actions are gone with it; one closed needed it adopted."""
        self.tally.examined += 1
        if e.subject in self.facts.adopted and x.decision_ref is None:
            self.flag(e, e.recorded.date(), "check.R6_voided_without_decision")
        closed = self.facts.closed_actions.get(e.subject, [])
        if closed:
            self.flag(e, e.recorded.date(), "check.R6_plan_voided",
                      actions=", ".join(closed))
        self.open.pop(e.subject, None)

    def action_corrected(self, e: LedgerEvent, x: ActionPlanActionCorrected) -> None:
        self.tally.examined += 1
        if e.subject in self.facts.adopted and x.decision_ref is None:
            self.flag(e, e.recorded.date(), "check.R6_corrected", action=x.action_id)

    def action_added(self, e: LedgerEvent, x: ActionPlanActionAdded) -> None:
        self.tally.examined += 1
        if e.subject in self.facts.adopted and x.decision_ref is None:
            self.flag(e, e.recorded.date(), "check.R6_added", action=x.action_id)
        self.open.setdefault(e.subject, set()).add(x.action_id)

    def adopted(self, e: LedgerEvent, x: ActionPlanAdopted) -> None:
        self.tally.examined += 1
        if e.subject in self.facts.adopted:
            self.flag(e, x.adopted_on, "check.R6_twice")

    def action_closed(self, e: LedgerEvent,
                      x: ActionPlanActionCompleted | ActionPlanActionDropped) -> None:
        self.tally.examined += 1
        day = x.completed_on if isinstance(x, ActionPlanActionCompleted) else x.dropped_on
        action = x.action_id
        adopted = self.facts.adopted.get(e.subject)
        actions = self.open.setdefault(e.subject, set())
        if adopted is None or day < adopted:
            self.flag(e, day, "check.R6_unadopted", action=action)
        elif action not in actions:
            self.flag(e, day, "check.R6_not_open", action=action)
        actions.discard(action)
        self.facts.closed_actions.setdefault(e.subject, []).append(action)
