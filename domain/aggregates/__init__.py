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
from domain.aggregates.redaction import Redaction
from domain.aggregates.structural import StructuralWork

AGGREGATE_TYPES: tuple[type[LedgerAggregate], ...] = (
    Partner, Agreement, SupervisorFunding, Activity, StructuralWork, ActionPlan, Effort,
    Expenditure, Membership, BoardMeeting, Redaction,
)



def event_classes() -> list[type[LedgerAggregate.Event]]:
    """Every event class nested in an aggregate of ``AGGREGATE_TYPES``, in a stable order.

    That includes each aggregate's own ``Event`` and ``Created`` bases (eventsourcing
    redefines them per aggregate class) and every concrete event the ledger stores.
    """
    found: dict[str, type[LedgerAggregate.Event]] = {}
    for aggregate in AGGREGATE_TYPES:
        for value in vars(aggregate).values():
            if isinstance(value, type) and issubclass(value, LedgerAggregate.Event):
                found[f"{value.__module__}:{value.__qualname__}"] = value
    return [found[topic] for topic in sorted(found)]


__all__ = [
    "AGGREGATE_TYPES", "ActionPlan", "Activity", "Agreement", "BoardMeeting", "Effort",
    "Expenditure", "LedgerAggregate", "Membership", "Partner", "Redaction", "StructuralWork",
    "SupervisorFunding", "aggregate_id", "event_classes",
]
