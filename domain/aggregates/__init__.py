"""Aggregates of the ledger, one module each; every command's guard lives beside its event."""

from domain.aggregates.action_plan import ActionPlan
from domain.aggregates.activity import Activity
from domain.aggregates.agreement import Agreement
from domain.aggregates.base import LedgerAggregate, aggregate_id
from domain.aggregates.board import BoardMeeting
from domain.aggregates.effort import Effort
from domain.aggregates.expenditure import Expenditure
from domain.aggregates.funding import SupervisorFunding
from domain.aggregates.membership import Membership
from domain.aggregates.partner import Partner
from domain.aggregates.structural import StructuralWork

AGGREGATE_TYPES: tuple[type[LedgerAggregate], ...] = (
    Partner, Agreement, SupervisorFunding, Activity, StructuralWork, ActionPlan, Effort,
    Expenditure, Membership, BoardMeeting,
)

__all__ = [
    "AGGREGATE_TYPES", "ActionPlan", "Activity", "Agreement", "BoardMeeting", "Effort",
    "Expenditure", "LedgerAggregate", "Membership", "Partner", "StructuralWork",
    "SupervisorFunding", "aggregate_id",
]
