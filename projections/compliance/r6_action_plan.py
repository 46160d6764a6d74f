"""R6: one adopted action plan per year; once adopted it changes only by a recorded
decision; its actions are completed or dropped only in an adopted plan, and once."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from projections.compliance.check import Check, Examine
from projections.compliance.facts import Facts
from projections.events import LedgerEvent


class R6(Check):
    code = "R6"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        self.open: dict[str, set[str]] = {}  # plan year → the ids of its open actions

    def reads(self) -> Mapping[str, Examine]:
        return {
            "ActionPlan.ActionAdded": self.action_added,
            "ActionPlan.Adopted": self.adopted,
            "ActionPlan.ActionCompleted": self.action_closed,
            "ActionPlan.ActionDropped": self.action_closed,
        }

    def action_added(self, e: LedgerEvent) -> None:
        self.tally.examined += 1
        action = e.data["action_id"]
        if e.subject in self.facts.adopted and e.data.get("decision_ref") is None:
            self.flag(e, e.recorded.date(), "check.R6_added", action=action)
        self.open.setdefault(e.subject, set()).add(action)

    def adopted(self, e: LedgerEvent) -> None:
        self.tally.examined += 1
        if e.subject in self.facts.adopted:
            self.flag(e, e.data["adopted_on"], "check.R6_twice")

    def action_closed(self, e: LedgerEvent) -> None:
        self.tally.examined += 1
        day: date = e.data.get("completed_on") or e.data["dropped_on"]
        action = e.data["action_id"]
        adopted = self.facts.adopted.get(e.subject)
        actions = self.open.setdefault(e.subject, set())
        if adopted is None or day < adopted:
            self.flag(e, day, "check.R6_unadopted", action=action)
        elif action not in actions:
            self.flag(e, day, "check.R6_not_open", action=action)
        actions.discard(action)
