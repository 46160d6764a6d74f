"""The closed world: every event is of a type the proof classifies (a type some check
reads, or one of the ``BOOKKEEPING`` types below); an unknown type, or an event that
could not be read, fails the proof. Not a rule of the policy: the proof's own condition."""

from __future__ import annotations

from domain import events as ev
from projections.compliance.findings import RuleTally, Violation
from projections.events import LedgerEvent, Unreadable

CODE = "closed_world"

# Event classes that carry no decision a rule of the policy governs: only counted (and
# scanned for R7, like every event).
BOOKKEEPING: tuple[type[ev.Event], ...] = (
    ev.PartnerAgreementLinked,
    ev.PartnerDecisionLinked,
    ev.PartnerFactCorrected,
    ev.SupervisorFundingEnded,
    ev.ActivityPlanned,
    ev.ActivityHeld,
    ev.ActivityCancelled,
    ev.ActivityFactCorrected,
    ev.StructuralWorkFactCorrected,
    ev.ActionPlanDrafted,
    ev.EffortParticipantsReported,
    ev.EffortOutcomesReported,
    ev.EffortCompleted,
    # The budget is checked against the expenditure itself, the source of the money, and
    # freed by the expenditure's reversal.
    ev.EffortCharged,
    ev.EffortChargeReversed,
    # Likewise an agreement's value (R5), charged by payments to the partner under it.
    ev.AgreementCharged,
    ev.AgreementChargeReversed,
    ev.ExpenditureFactCorrected,
    ev.MembershipLeft,
    # Corrections of facts no rule governs (a name, a text, a reference), and voids of
    # what no rule reads: the report and the read models follow them.
    ev.MembershipFactCorrected,
    ev.ActionPlanFactCorrected,
    ev.ActionPlanRedrafted,
    ev.ActivityVoided,
    ev.StructuralWorkVoided,
)


def check_unclassified(event: LedgerEvent, tally: RuleTally) -> None:
    """For an event of a type nothing classifies (the fold counts every event examined)."""
    if isinstance(event.event, Unreadable):
        tally.violations.append(Violation(CODE, event.position, event.recorded.date(),
                                          event.subject, "check.unreadable",
                                          {"error": event.event.error}))
    else:
        tally.violations.append(Violation(CODE, event.position, event.recorded.date(),
                                          event.subject, "check.unknown_type",
                                          {"type": event.type}))
