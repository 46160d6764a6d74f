"""The yearly action plan (handlingsplan), linked to the operations plan. R6."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.board import BoardMeeting
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.commands import AddAction, AdoptActionPlan, CompleteAction, DraftActionPlan, DropAction
from domain.corrections import Fact, as_stored, fact_value
from domain.errors import DUPLICATE, STATE, UNKNOWN, Refusal
from domain.events import (
    ActionPlanActionAddedFacts,
    ActionPlanActionCompletedFacts,
    ActionPlanActionCorrectedFacts,
    ActionPlanActionDroppedFacts,
    ActionPlanAdoptedFacts,
    ActionPlanFacts,
    ActionPlanRedraftedFacts,
)


class PlannedAction:
    """One action of the plan; ``status`` is open, completed or dropped."""

    __slots__ = (
        "action_id",
        "closed_on",
        "decision_ref",
        "description",
        "due_on",
        "measure",
        "owner",
        "status",
    )

    def __init__(self, action_id: str, measure: str, description: str, owner: str,
                 due_on: date, decision_ref: str | None) -> None:
        self.action_id = action_id
        self.measure = measure
        self.description = description
        self.owner = owner
        self.due_on = due_on
        self.decision_ref = decision_ref
        self.status = "open"
        self.closed_on: date | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlannedAction) and all(
            getattr(self, s) == getattr(other, s) for s in self.__slots__)

    def __repr__(self) -> str:
        return f"PlannedAction({self.action_id!r}, {self.measure}, {self.status})"


class ActionPlan(LedgerAggregate, ActionPlanFacts):
    KIND = "action_plan"

    if TYPE_CHECKING:  # state later events set
        actions: dict[str, PlannedAction]
        adopted_on: date | None
        decision_ref: str | None

    class Drafted(LedgerAggregate.Created, ActionPlanFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.actions = {}
            aggregate.adopted_on = None
            aggregate.decision_ref = None

    class FactCorrected(FactCorrectedBase):
        """The operations plan's reference corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Drafted or adopted by mistake: no plan for its year until drafted again."""

    class Redrafted(LedgerAggregate.Event, ActionPlanRedraftedFacts):
        """Its year's plan drafted again after a void: as a new draft."""

        def apply(self, aggregate: Any) -> None:
            aggregate.voided = False
            aggregate.operations_plan_ref = self.operations_plan_ref
            aggregate.actions = {}
            aggregate.adopted_on = None
            aggregate.decision_ref = None
            aggregate.fact_versions = {"operations_plan_ref": self.originator_version}

    class ActionAdded(LedgerAggregate.Event, ActionPlanActionAddedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.actions[self.action_id] = PlannedAction(
                self.action_id, self.measure, self.description, self.owner, self.due_on,
                self.decision_ref)
            aggregate.fact_versions[self.action_id] = self.originator_version

    class ActionCorrected(FactCorrectedBase, ActionPlanActionCorrectedFacts):
        """A fact of one action (description, owner, due date) corrected: ``field`` of the
        action ``action_id``; see domain.corrections (kind "action")."""

        def apply(self, aggregate: Any) -> None:
            setattr(aggregate.actions[self.action_id], self.field,
                    fact_value(self.field, self.new))
            aggregate.fact_versions[f"{self.action_id}/{self.field}"] = \
                self.originator_version

    class Adopted(LedgerAggregate.Event, ActionPlanAdoptedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.adopted_on = self.adopted_on
            aggregate.decision_ref = self.decision_ref

    class ActionCompleted(LedgerAggregate.Event, ActionPlanActionCompletedFacts):
        def apply(self, aggregate: Any) -> None:
            action = aggregate.actions[self.action_id]
            action.status = "completed"
            action.closed_on = self.completed_on

    class ActionDropped(LedgerAggregate.Event, ActionPlanActionDroppedFacts):
        def apply(self, aggregate: Any) -> None:
            action = aggregate.actions[self.action_id]
            action.status = "dropped"
            action.closed_on = self.dropped_on

    @classmethod
    def draft(cls, cmd: DraftActionPlan, actor: str) -> ActionPlan:
        plan: ActionPlan = cls._open(cls.Drafted, str(cmd.year), year=cmd.year,
                                     operations_plan_ref=cmd.operations_plan_ref, actor=actor,
                                     note=cmd.note)
        return plan

    def redraft(self, cmd: DraftActionPlan, actor: str) -> None:
        """Draft the year's plan again; only after its plan was voided."""
        if not self.voided:
            raise Refusal(DUPLICATE, "refusal.duplicate", kind=self.KIND, key=self.key)
        self.trigger_event(self.Redrafted, operations_plan_ref=cmd.operations_plan_ref,
                           actor=actor, note=cmd.note)

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None

    def add(self, cmd: AddAction, actor: str) -> None:
        if cmd.action_id in self.actions:
            raise Refusal(DUPLICATE, "refusal.duplicate_action", action=cmd.action_id,
                          year=self.year)
        # R6: once adopted, the plan changes only by a recorded decision.
        if self.is_adopted and cmd.decision_ref is None:
            raise Refusal("R6", "refusal.R6_add_needs_decision", action=cmd.action_id,
                          year=self.year)
        self.trigger_event(self.ActionAdded, action_id=cmd.action_id, measure=cmd.measure,
                           description=cmd.description, owner=cmd.owner, due_on=cmd.due_on,
                           decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)

    def adopt(self, cmd: AdoptActionPlan, meeting: BoardMeeting | None, actor: str) -> None:
        # R6: one adopted plan per year.
        if self.is_adopted:
            raise Refusal("R6", "refusal.R6_already_adopted", year=self.year,
                          day=self.adopted_on)
        # R8: adopted by the board, at a meeting recorded in the ledger and held that day.
        if meeting is None:
            raise Refusal("R8", "refusal.R8_no_meeting", year=self.year,
                          ref=cmd.decision_ref)
        if meeting.held_on != cmd.adopted_on:
            raise Refusal("R8", "refusal.R8_meeting_day", year=self.year, ref=meeting.key,
                          held=meeting.held_on, day=cmd.adopted_on)
        self.trigger_event(self.Adopted, adopted_on=cmd.adopted_on,
                           decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)

    def _open_action(self, action_id: str, day: date) -> PlannedAction:
        # R6: actions are completed or dropped only in an adopted plan.
        if not self.is_adopted:
            raise Refusal("R6", "refusal.R6_not_adopted", year=self.year, action=action_id)
        action = self.actions.get(action_id)
        if action is None:
            raise Refusal(UNKNOWN, "refusal.unknown_action", action=action_id, year=self.year)
        if action.status != "open":
            raise Refusal(STATE, "refusal.action_closed", action=action_id,
                          status=action.status)
        assert self.adopted_on is not None
        if day < self.adopted_on:
            raise Refusal("R6", "refusal.R6_before_adoption", action=action_id, day=day,
                          adopted=self.adopted_on)
        return action

    def complete(self, cmd: CompleteAction, actor: str) -> None:
        self._open_action(cmd.action_id, cmd.completed_on)
        self.trigger_event(self.ActionCompleted, action_id=cmd.action_id,
                           completed_on=cmd.completed_on, outcome=cmd.outcome, actor=actor,
                           note=cmd.note)

    def drop(self, cmd: DropAction, actor: str) -> None:
        self._open_action(cmd.action_id, cmd.dropped_on)
        self.trigger_event(self.ActionDropped, action_id=cmd.action_id,
                           dropped_on=cmd.dropped_on, reason=cmd.reason, actor=actor,
                           note=cmd.note)

    def correct_action(self, action_id: str, fact: Fact, new: Any, *, reason: str,
                       decision_ref: str | None, actor: str, note: str | None) -> None:
        """Record that ``fact`` of the action ``action_id`` is ``new`` (JSON-native)."""
        action = self.actions.get(action_id)
        if action is None:
            raise Refusal(UNKNOWN, "refusal.unknown_action", action=action_id, year=self.year)
        # R6: once adopted, the plan changes only by a recorded decision.
        if self.is_adopted and decision_ref is None:
            raise Refusal("R6", "refusal.R6_correct_needs_decision", action=action_id,
                          year=self.year)
        old = as_stored(getattr(action, fact.stored))
        if old == new:
            raise Refusal(STATE, "refusal.correction_same", kind=self.KIND,
                          key=f"{self.year}/{action_id}", field=fact.field)
        corrects = self.fact_versions.get(f"{action_id}/{fact.stored}",
                                          self.fact_versions.get(action_id, 1))
        self.trigger_event(self.ActionCorrected, action_id=action_id, field=fact.stored,
                           old=old, new=new, corrects=corrects, reason=reason,
                           decision_ref=decision_ref, actor=actor, note=note)
