"""The stored events, as msgspec Structs: the schema of the history, one Struct per event
type, tagged with its type (``"Partner.Registered"``), all of them in ``AnyEvent``.

Readers receive these, decoded once (``asfledger.mapper``), and read them by class and
attribute: ``isinstance(event, PartnerOnboarded)`` and ``event.onboarded_on``, which mypy
checks; never by a type string or ``data["field"]``. The aggregates' own events (the
eventsourcing dataclasses in ``domain.aggregates``) carry the same fields, field for field:
tests/domain/test_events.py holds the two together.

A stored event's bytes hold its fields only (``{"timestamp": …, "actor": …, …}``); the
type is the stored topic's, so the tag is never stored. A type that has evolved declares
``class_version = N`` and static ``upcast_vK_vK+1(state)`` methods, which turn an older
stored state (plain JSON values) into the next version's; ``decoder`` applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, ClassVar, TypeAlias, get_args

import msgspec


class Event(msgspec.Struct, frozen=True, gc=False, tag_field="type"):
    """What every stored event carries. Not tracked by the garbage collector: a replay
    makes hundreds of thousands of these, and their fields cannot form cycles."""

    class_version: ClassVar[int] = 1

    timestamp: datetime  # when it was recorded (UTC)
    actor: str
    note: str | None


class Created(Event, frozen=True):
    """The first event of an aggregate: ``key`` is its natural key (org_nr, ref, year)."""

    originator_topic: str
    key: str


class FactCorrected(Event, frozen=True):
    """``field`` was ``old`` and is ``new`` from now on (JSON-native values, see
    ``domain.corrections``); ``corrects``: the version of the event that set ``old``."""

    field: str
    old: Any
    new: Any
    corrects: int
    reason: str
    decision_ref: str | None


class Voided(Event, frozen=True):
    """The registration or decision was a mistake: it no longer counts anywhere."""

    reason: str
    decision_ref: str | None


# ActionPlan (action_plan.py)

class ActionPlanActionAdded(Event, frozen=True, tag="ActionPlan.ActionAdded"):
    action_id: str
    measure: str
    description: str
    owner: str
    due_on: date
    decision_ref: str | None


class ActionPlanActionCompleted(Event, frozen=True, tag="ActionPlan.ActionCompleted"):
    action_id: str
    completed_on: date
    outcome: str


class ActionPlanActionDropped(Event, frozen=True, tag="ActionPlan.ActionDropped"):
    action_id: str
    dropped_on: date
    reason: str


class ActionPlanAdopted(Event, frozen=True, tag="ActionPlan.Adopted"):
    adopted_on: date
    decision_ref: str


class ActionPlanDrafted(Created, frozen=True, tag="ActionPlan.Drafted"):
    year: int
    operations_plan_ref: str


# Activity (activity.py)

class ActivityCancelled(Event, frozen=True, tag="Activity.Cancelled"):
    reason: str


class ActivityFactCorrected(FactCorrected, frozen=True, tag="Activity.FactCorrected"):
    """See ``FactCorrected``."""


class ActivityHeld(Event, frozen=True, tag="Activity.Held"):
    held_on: date
    attendance: dict[str, int]


class ActivityPlanned(Created, frozen=True, tag="Activity.Planned"):
    kind: str
    title: str
    planned_on: date
    districts: list[str]


# Agreement (agreement.py)

class AgreementEnded(Event, frozen=True, tag="Agreement.Ended"):
    ended_on: date
    reason: str


class AgreementSigned(Created, frozen=True, tag="Agreement.Signed"):
    org_nr: str
    kind: str
    starts_on: date
    ends_on: date | None
    value_ore: int | None
    decision_ref: str


# BoardMeeting (board.py)

class BoardMeetingHeld(Created, frozen=True, tag="BoardMeeting.Held"):
    held_on: date
    minutes_ref: str


# Effort (effort.py)

class EffortChargeReversed(Event, frozen=True, tag="Effort.ChargeReversed"):
    expenditure_ref: str
    paid_on: date
    amount_ore: int
    reversed_on: date


class EffortCharged(Event, frozen=True, tag="Effort.Charged"):
    expenditure_ref: str
    paid_on: date
    amount_ore: int


class EffortCompleted(Event, frozen=True, tag="Effort.Completed"):
    completed_on: date


class EffortFactCorrected(FactCorrected, frozen=True, tag="Effort.FactCorrected"):
    """See ``FactCorrected``."""


class EffortOutcomesReported(Event, frozen=True, tag="Effort.OutcomesReported"):
    period: str
    work: int
    studies: int
    job_seeking: int
    other: int


class EffortParticipantsReported(Event, frozen=True, tag="Effort.ParticipantsReported"):
    period: str
    counts: dict[str, dict[str, int]]


class EffortStarted(Created, frozen=True, tag="Effort.Started"):
    org_nr: str
    measure: str
    run_by: str
    starts_on: date
    ends_on: date | None
    budget_ore: int
    decision_ref: str


class EffortVoided(Voided, frozen=True, tag="Effort.Voided"):
    """See ``Voided``."""


# Expenditure (expenditure.py)

class ExpenditureFactCorrected(FactCorrected, frozen=True, tag="Expenditure.FactCorrected"):
    """See ``FactCorrected``."""


class ExpenditureRecorded(Created, frozen=True, tag="Expenditure.Recorded"):
    paid_on: date
    amount_ore: int
    purpose: str
    payee_kind: str
    payee: str
    payee_legal_form: str | None
    linked_ref: str | None
    description: str


class ExpenditureReversed(Event, frozen=True, tag="Expenditure.Reversed"):
    paid_on: date
    amount_ore: int
    purpose: str
    linked_ref: str | None
    corrects: int
    reversed_on: date
    reason: str
    decision_ref: str | None


# SupervisorFunding (funding.py)

class SupervisorFundingDecided(Created, frozen=True, tag="SupervisorFunding.Decided"):
    org_nr: str
    employer: str
    amount_ore: int
    decided_on: date
    starts_on: date
    ends_on: date
    fte_percent: int
    target_groups: list[str]
    decision_ref: str


class SupervisorFundingEnded(Event, frozen=True, tag="SupervisorFunding.Ended"):
    ended_on: date
    reason: str


class SupervisorFundingFactCorrected(FactCorrected, frozen=True,
                                     tag="SupervisorFunding.FactCorrected"):
    """See ``FactCorrected``."""


class SupervisorFundingPaid(Event, frozen=True, tag="SupervisorFunding.Paid"):
    voucher_ref: str
    paid_on: date
    amount_ore: int
    payee: str


class SupervisorFundingPaymentReversed(Event, frozen=True, tag="SupervisorFunding.PaymentReversed"):
    voucher_ref: str
    paid_on: date
    amount_ore: int
    payee: str
    corrects: int
    reversed_on: date
    reason: str
    decision_ref: str | None


class SupervisorFundingVoided(Voided, frozen=True, tag="SupervisorFunding.Voided"):
    """See ``Voided``."""


# Membership (membership.py)

class MembershipJoined(Created, frozen=True, tag="Membership.Joined"):
    name: str
    org_nr: str | None
    kind: str
    joined_on: date
    decision_ref: str


class MembershipLeft(Event, frozen=True, tag="Membership.Left"):
    left_on: date


# Partner (partner.py)

class PartnerAgreementLinked(Event, frozen=True, tag="Partner.AgreementLinked"):
    agreement_ref: str


class PartnerCriterionAssessed(Event, frozen=True, tag="Partner.CriterionAssessed"):
    criterion: str
    met: bool
    evidence: str
    assessed_on: date


class PartnerDecisionLinked(Event, frozen=True, tag="Partner.DecisionLinked"):
    kind: str
    ref: str


class PartnerFactCorrected(FactCorrected, frozen=True, tag="Partner.FactCorrected"):
    """See ``FactCorrected``."""


class PartnerOffboarded(Event, frozen=True, tag="Partner.Offboarded"):
    offboarded_on: date
    reason: str


class PartnerOnboarded(Event, frozen=True, tag="Partner.Onboarded"):
    onboarded_on: date
    decision_ref: str


class PartnerRegistered(Created, frozen=True, tag="Partner.Registered"):
    name: str
    legal_form: str
    districts: list[str]


class PartnerVoided(Voided, frozen=True, tag="Partner.Voided"):
    """See ``Voided``."""


# Redaction (redaction.py)

class RedactionRedacted(Created, frozen=True, tag="Redaction.Redacted"):
    position: int
    field: str
    digest: str
    decision_ref: str
    reason: str


# StructuralWork (structural.py)

class StructuralWorkFactCorrected(FactCorrected, frozen=True, tag="StructuralWork.FactCorrected"):
    """See ``FactCorrected``."""


class StructuralWorkLogged(Created, frozen=True, tag="StructuralWork.Logged"):
    measure: str
    done_on: date
    description: str
    districts: list[str]
    parties: list[str]


AnyEvent: TypeAlias = (
    ActionPlanActionAdded
    | ActionPlanActionCompleted
    | ActionPlanActionDropped
    | ActionPlanAdopted
    | ActionPlanDrafted
    | ActivityCancelled
    | ActivityFactCorrected
    | ActivityHeld
    | ActivityPlanned
    | AgreementEnded
    | AgreementSigned
    | BoardMeetingHeld
    | EffortChargeReversed
    | EffortCharged
    | EffortCompleted
    | EffortFactCorrected
    | EffortOutcomesReported
    | EffortParticipantsReported
    | EffortStarted
    | EffortVoided
    | ExpenditureFactCorrected
    | ExpenditureRecorded
    | ExpenditureReversed
    | SupervisorFundingDecided
    | SupervisorFundingEnded
    | SupervisorFundingFactCorrected
    | SupervisorFundingPaid
    | SupervisorFundingPaymentReversed
    | SupervisorFundingVoided
    | MembershipJoined
    | MembershipLeft
    | PartnerAgreementLinked
    | PartnerCriterionAssessed
    | PartnerDecisionLinked
    | PartnerFactCorrected
    | PartnerOffboarded
    | PartnerOnboarded
    | PartnerRegistered
    | PartnerVoided
    | RedactionRedacted
    | StructuralWorkFactCorrected
    | StructuralWorkLogged
)


# The Struct of each stored event type, by its type (``"Partner.Registered"``).
EVENT_TYPES: dict[str, type[Event]] = {
    cls.__struct_config__.tag: cls for cls in get_args(AnyEvent)}


def decoder(struct: type[Event]) -> Callable[[bytes], Event]:
    """The function that reads a stored state of ``struct``'s type. At version 1 it is
    msgspec's decoder itself (one call: the replay's hot path); a later version reads an
    older state as plain JSON, upcasts it step by step and converts it to the fields."""
    decode: Callable[[bytes], Event] = msgspec.json.Decoder(struct).decode
    if struct.class_version == 1:
        return decode

    def upcasting(data: bytes) -> Event:
        state: dict[str, Any] = msgspec.json.decode(data)
        version = state.pop("class_version", 1)
        if version == struct.class_version:
            return decode(data)
        while version < struct.class_version:
            getattr(struct, f"upcast_v{version}_v{version + 1}")(state)
            version += 1
        return msgspec.convert(state, struct, strict=False)

    return upcasting
