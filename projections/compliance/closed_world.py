"""The closed world: every event is of a type the proof classifies (a type some check
reads, or one of the ``BOOKKEEPING`` types below); an unknown type, or an event that
could not be read, fails the proof. Not a rule of the policy: the proof's own condition."""

from __future__ import annotations

from projections.compliance.findings import RuleTally, Violation
from projections.events import UNREADABLE, LedgerEvent

CODE = "closed_world"

# Types that carry no decision a rule of the policy governs: only counted (and scanned for
# R7, like every event).
BOOKKEEPING = frozenset({
    "Partner.AgreementLinked",
    "Partner.DecisionLinked",
    "Partner.FactCorrected",
    "SupervisorFunding.Ended",
    "Activity.Planned",
    "Activity.Held",
    "Activity.Cancelled",
    "Activity.FactCorrected",
    "StructuralWork.FactCorrected",
    "ActionPlan.Drafted",
    "Effort.ParticipantsReported",
    "Effort.OutcomesReported",
    "Effort.Completed",
    # The budget is checked against the expenditure itself, the source of the money, and
    # freed by the expenditure's reversal.
    "Effort.Charged",
    "Effort.ChargeReversed",
    "Expenditure.FactCorrected",
    "Membership.Left",
})


def check_unclassified(event: LedgerEvent, tally: RuleTally) -> None:
    """For an event of a type nothing classifies (the fold counts every event examined)."""
    if event.type == UNREADABLE:
        tally.violations.append(Violation(CODE, event.position, event.recorded.date(),
                                          event.subject, "check.unreadable",
                                          {"error": event.data.get("error", "")}))
    else:
        tally.violations.append(Violation(CODE, event.position, event.recorded.date(),
                                          event.subject, "check.unknown_type",
                                          {"type": event.type}))
