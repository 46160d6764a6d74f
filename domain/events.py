"""The stored events, as msgspec Structs: the schema of the history, one Struct per event
type, tagged with its type (``"Partner.Registered"``), all of them in ``AnyEvent``.

Readers receive these, decoded once (``asfledger.mapper``), and read them by class and
attribute: ``isinstance(event, PartnerOnboarded)`` and ``event.onboarded_on``, which mypy
checks; never by a type string or ``data["field"]``. What an event records is written once,
in a ``Facts`` class here (``PartnerOnboardedFacts``): the fields of its Struct and of its
aggregate's event class (the eventsourcing dataclass in ``domain.aggregates``), which
both take it as a base. What an aggregate is created with (``PartnerFacts``) is also the
aggregate's state of the same names. Events of the same shape share one (``EndedFacts``,
``ChargedFacts``); tests/domain/test_events.py holds that no event declares a field of its
own.

A stored event's bytes hold its fields only (``{"timestamp": …, "actor": …, …}``); the
type is the stored topic's, so the tag is never stored. A type that has evolved declares
``class_version = N`` and static ``upcast_vK_vK+1(state)`` methods, which turn an older
stored state (plain JSON values) into the next version's; ``decoder`` applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any, ClassVar, TypeAlias, get_args, get_type_hints

import msgspec


class Facts:
    """What an event records, declared once as annotations of a subclass (``class
    AgreementFacts(Facts)``): its Struct here and its aggregate's event class
    (``domain.aggregates``) both take them as their fields, in order, a Facts base's
    before its own. The Facts of a Created event are also its aggregate's state of the
    same names, which ``LedgerAggregate.Created.apply`` copies over."""

    __slots__ = ()


def declared_facts(bases: Iterable[type]) -> dict[str, Any]:
    """The fields the ``Facts`` classes among ``bases`` and their bases declare, with their
    types, in order: base by base, and a Facts class's bases' before its own."""
    return {field: kind for base in bases for facts in reversed(base.__mro__)
            if _only_facts(facts) for field, kind in get_type_hints(facts).items()}


def _only_facts(cls: type) -> bool:
    """A class of facts alone (``ChargedFacts``), not a class that also has them (an
    aggregate's event class)."""
    return cls is not Facts and all(c is object or issubclass(c, Facts) for c in cls.__mro__)


class _FactsAreFields(msgspec.StructMeta):
    """A Struct's ``Facts`` base becomes its fields (msgspec reads only the class's own
    annotations and its Struct bases'), after its Struct bases' and before its own. At run
    time the Struct keeps only its Struct bases (a plain base would give it a ``__dict__``);
    mypy reads the Facts base as written, and so knows the fields' types."""

    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any],
                **kwargs: Any) -> _FactsAreFields:
        facts = [base for base in bases if issubclass(base, Facts)]
        if facts:
            namespace["__annotations__"] = {
                **declared_facts(facts), **namespace.get("__annotations__", {})}
            namespace["facts"] = facts[0]
            bases = tuple(base for base in bases if base not in facts)
        return super().__new__(mcls, name, bases, namespace, **kwargs)


class Event(msgspec.Struct, frozen=True, gc=False, tag_field="type", metaclass=_FactsAreFields):
    """What every stored event carries. Not tracked by the garbage collector: a replay
    makes hundreds of thousands of these, and their fields cannot form cycles."""

    class_version: ClassVar[int] = 1
    facts: ClassVar[type[Facts]]  # what it records besides these (``_FactsAreFields``)

    timestamp: datetime  # when it was recorded (UTC)
    actor: str
    note: str | None


class Created(Event, frozen=True):
    """The first event of an aggregate: ``key`` is its natural key (org_nr, ref, year)."""

    originator_topic: str
    key: str  # its Facts (what it is created with) follow


class FactCorrectedFacts(Facts):
    field: str
    old: Any
    new: Any
    corrects: int
    reason: str
    decision_ref: str | None


class FactCorrected(Event, FactCorrectedFacts, frozen=True):
    """``field`` was ``old`` and is ``new`` from now on (JSON-native values, see
    ``domain.corrections``); ``corrects``: the version of the event that set ``old``."""


class VoidedFacts(Facts):
    reason: str
    decision_ref: str | None


class Voided(Event, VoidedFacts, frozen=True):
    """The registration or decision was a mistake: it no longer counts anywhere."""


class ChargedFacts(Facts):
    """Money paid under an agreement or for an effort, charged against its value or
    budget (R5): its twin is the expenditure ``expenditure_ref``."""

    expenditure_ref: str
    paid_on: date
    amount_ore: int


class ChargeReversedFacts(ChargedFacts):
    """The charge again, reversed on ``reversed_on`` (the twin of ``Expenditure.Reversed``)."""

    reversed_on: date


class EndedFacts(Facts):
    """An agreement or a supervisor funding ended before its end date (SPEC §4)."""

    ended_on: date
    reason: str


# ActionPlan (action_plan.py)

class ActionPlanActionAddedFacts(Facts):
    action_id: str
    measure: str
    description: str
    owner: str
    due_on: date
    decision_ref: str | None


class ActionPlanActionAdded(Event, ActionPlanActionAddedFacts,
                            frozen=True, tag="ActionPlan.ActionAdded"):
    """Its fields: ``ActionPlanActionAddedFacts``."""


class ActionPlanActionCorrectedFacts(Facts):
    action_id: str


class ActionPlanActionCorrected(FactCorrected, ActionPlanActionCorrectedFacts,
                                frozen=True, tag="ActionPlan.ActionCorrected"):
    """See ``FactCorrected``: ``field`` of the action ``action_id``."""


class ActionPlanActionCompletedFacts(Facts):
    action_id: str
    completed_on: date
    outcome: str


class ActionPlanActionCompleted(Event, ActionPlanActionCompletedFacts,
                                frozen=True, tag="ActionPlan.ActionCompleted"):
    """Its fields: ``ActionPlanActionCompletedFacts``."""


class ActionPlanActionDroppedFacts(Facts):
    action_id: str
    dropped_on: date
    reason: str


class ActionPlanActionDropped(Event, ActionPlanActionDroppedFacts,
                              frozen=True, tag="ActionPlan.ActionDropped"):
    """Its fields: ``ActionPlanActionDroppedFacts``."""


class ActionPlanAdoptedFacts(Facts):
    adopted_on: date
    decision_ref: str


class ActionPlanAdopted(Event, ActionPlanAdoptedFacts, frozen=True, tag="ActionPlan.Adopted"):
    """Its fields: ``ActionPlanAdoptedFacts``."""


class ActionPlanFacts(Facts):
    """What drafting an action plan records."""

    year: int
    operations_plan_ref: str


class ActionPlanDrafted(Created, ActionPlanFacts, frozen=True, tag="ActionPlan.Drafted"):
    """Its fields: ``ActionPlanFacts``."""


class ActionPlanFactCorrected(FactCorrected, frozen=True, tag="ActionPlan.FactCorrected"):
    """See ``FactCorrected``."""


class ActionPlanVoided(Voided, frozen=True, tag="ActionPlan.Voided"):
    """See ``Voided``: the plan, its actions and its adoption no longer count."""


class ActionPlanRedraftedFacts(Facts):
    operations_plan_ref: str


class ActionPlanRedrafted(Event, ActionPlanRedraftedFacts, frozen=True,
                          tag="ActionPlan.Redrafted"):
    """The year's plan drafted again after its plan was voided (a plan's key is its
    year): a new draft, with no actions and not adopted."""


# Activity (activity.py)

class ActivityCancelledFacts(Facts):
    reason: str


class ActivityCancelled(Event, ActivityCancelledFacts, frozen=True, tag="Activity.Cancelled"):
    """Its fields: ``ActivityCancelledFacts``."""


class ActivityFactCorrected(FactCorrected, frozen=True, tag="Activity.FactCorrected"):
    """See ``FactCorrected``."""


class ActivityHeldFacts(Facts):
    held_on: date
    attendance: dict[str, int]


class ActivityHeld(Event, ActivityHeldFacts, frozen=True, tag="Activity.Held"):
    """Its fields: ``ActivityHeldFacts``."""


class ActivityFacts(Facts):
    """What planning an activity records."""

    kind: str
    title: str
    planned_on: date
    districts: list[str]


class ActivityPlanned(Created, ActivityFacts, frozen=True, tag="Activity.Planned"):
    """Its fields: ``ActivityFacts``."""


class ActivityVoided(Voided, frozen=True, tag="Activity.Voided"):
    """See ``Voided``."""


# Agreement (agreement.py)

class AgreementChargeReversed(Event, ChargeReversedFacts,
                              frozen=True, tag="Agreement.ChargeReversed"):
    """Its fields: ``ChargeReversedFacts``."""


class AgreementCharged(Event, ChargedFacts, frozen=True, tag="Agreement.Charged"):
    """Its fields: ``ChargedFacts``."""


class AgreementEnded(Event, EndedFacts, frozen=True, tag="Agreement.Ended"):
    """Its fields: ``EndedFacts``."""


class AgreementFacts(Facts):
    """What signing an agreement records."""

    org_nr: str
    kind: str
    starts_on: date
    ends_on: date | None
    value_ore: int | None
    scope: str | None  # new in v2 (issue 14, F1): what the association buys under it
    decision_ref: str


class AgreementSigned(Created, AgreementFacts, frozen=True, tag="Agreement.Signed"):
    """Its fields: ``AgreementFacts``."""

    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["scope"] = None  # an older agreement recorded no scope


class AgreementFactCorrected(FactCorrected, frozen=True, tag="Agreement.FactCorrected"):
    """See ``FactCorrected``."""


class AgreementVoided(Voided, frozen=True, tag="Agreement.Voided"):
    """See ``Voided``."""


# BoardMeeting (board.py)

class BoardMeetingFacts(Facts):
    """What holding a board meeting records."""

    held_on: date
    minutes_ref: str


class BoardMeetingHeld(Created, BoardMeetingFacts, frozen=True, tag="BoardMeeting.Held"):
    """Its fields: ``BoardMeetingFacts``."""


class BoardMeetingFactCorrected(FactCorrected, frozen=True, tag="BoardMeeting.FactCorrected"):
    """See ``FactCorrected``."""


class BoardMeetingVoided(Voided, frozen=True, tag="BoardMeeting.Voided"):
    """See ``Voided``."""


# Effort (effort.py)

class EffortChargeReversed(Event, ChargeReversedFacts, frozen=True, tag="Effort.ChargeReversed"):
    """Its fields: ``ChargeReversedFacts``."""


class EffortCharged(Event, ChargedFacts, frozen=True, tag="Effort.Charged"):
    """Its fields: ``ChargedFacts``."""


class EffortCompletedFacts(Facts):
    completed_on: date


class EffortCompleted(Event, EffortCompletedFacts, frozen=True, tag="Effort.Completed"):
    """Its fields: ``EffortCompletedFacts``."""


class EffortFactCorrected(FactCorrected, frozen=True, tag="Effort.FactCorrected"):
    """See ``FactCorrected``."""


class EffortOutcomesReportedFacts(Facts):
    period: str
    work: int
    studies: int
    job_seeking: int
    other: int


class EffortOutcomesReported(Event, EffortOutcomesReportedFacts,
                             frozen=True, tag="Effort.OutcomesReported"):
    """Its fields: ``EffortOutcomesReportedFacts``."""


class EffortParticipantsReportedFacts(Facts):
    period: str
    counts: dict[str, dict[str, int]]


class EffortParticipantsReported(Event, EffortParticipantsReportedFacts,
                                 frozen=True, tag="Effort.ParticipantsReported"):
    """Its fields: ``EffortParticipantsReportedFacts``."""


class EffortFacts(Facts):
    """What starting an effort records."""

    org_nr: str
    measure: str
    run_by: str
    starts_on: date
    ends_on: date | None
    budget_ore: int
    decision_ref: str


class EffortStarted(Created, EffortFacts, frozen=True, tag="Effort.Started"):
    """Its fields: ``EffortFacts``."""


class EffortVoided(Voided, frozen=True, tag="Effort.Voided"):
    """See ``Voided``."""


# Expenditure (expenditure.py)

class ExpenditureFactCorrected(FactCorrected, frozen=True, tag="Expenditure.FactCorrected"):
    """See ``FactCorrected``."""


class ExpenditureFacts(Facts):
    """What recording an expenditure records."""

    paid_on: date
    amount_ore: int
    purpose: str
    payee_kind: str
    payee: str
    payee_legal_form: str | None
    linked_ref: str | None
    description: str
    skills_service: str | None  # new in v2 (issue 14, F4)
    beneficiaries: str | None  # new in v2


class ExpenditureRecorded(Created, ExpenditureFacts, frozen=True, tag="Expenditure.Recorded"):
    """Its fields: ``ExpenditureFacts``."""

    class_version = 2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["skills_service"] = None  # an older expenditure said no skills service
        state["beneficiaries"] = None


class ExpenditureReversedFacts(Facts):
    """What it reverses, repeated, so a reader needs nothing else to net it."""

    paid_on: date
    amount_ore: int
    purpose: str
    linked_ref: str | None
    corrects: int  # the version of the Recorded event: 1
    reversed_on: date
    reason: str
    decision_ref: str | None


class ExpenditureReversed(Event, ExpenditureReversedFacts,
                          frozen=True, tag="Expenditure.Reversed"):
    """Its fields: ``ExpenditureReversedFacts``."""


# SupervisorFunding (funding.py)

class SupervisorFundingFacts(Facts):
    """What deciding a supervisor funding records."""

    org_nr: str
    employer: str
    amount_ore: int
    decided_on: date
    starts_on: date
    ends_on: date
    fte_percent: int
    target_groups: list[str]
    decision_ref: str


class SupervisorFundingDecided(Created, SupervisorFundingFacts, frozen=True,
                               tag="SupervisorFunding.Decided"):
    """Its fields: ``SupervisorFundingFacts``."""


class SupervisorFundingEnded(Event, EndedFacts, frozen=True, tag="SupervisorFunding.Ended"):
    """Its fields: ``EndedFacts``."""


class SupervisorFundingFactCorrected(FactCorrected, frozen=True,
                                     tag="SupervisorFunding.FactCorrected"):
    """See ``FactCorrected``."""


class SupervisorFundingPaidFacts(Facts):
    voucher_ref: str
    paid_on: date
    amount_ore: int
    payee: str


class SupervisorFundingPaid(Event, SupervisorFundingPaidFacts,
                            frozen=True, tag="SupervisorFunding.Paid"):
    """Its fields: ``SupervisorFundingPaidFacts``."""


class SupervisorFundingPaymentReversedFacts(SupervisorFundingPaidFacts):
    """The payment it reverses, repeated, so a reader needs nothing else to net it."""

    corrects: int  # the version of the Paid event reversed
    reversed_on: date
    reason: str
    decision_ref: str | None


class SupervisorFundingPaymentReversed(Event, SupervisorFundingPaymentReversedFacts,
                                       frozen=True, tag="SupervisorFunding.PaymentReversed"):
    """Its fields: ``SupervisorFundingPaymentReversedFacts``."""


class SupervisorFundingVoided(Voided, frozen=True, tag="SupervisorFunding.Voided"):
    """See ``Voided``."""


# Membership (membership.py)

class MembershipFacts(Facts):
    """What joining an organisation records."""

    name: str
    org_nr: str | None
    kind: str
    joined_on: date
    decision_ref: str


class MembershipJoined(Created, MembershipFacts, frozen=True, tag="Membership.Joined"):
    """Its fields: ``MembershipFacts``."""


class MembershipLeftFacts(Facts):
    left_on: date


class MembershipLeft(Event, MembershipLeftFacts, frozen=True, tag="Membership.Left"):
    """Its fields: ``MembershipLeftFacts``."""


class MembershipFactCorrected(FactCorrected, frozen=True, tag="Membership.FactCorrected"):
    """See ``FactCorrected``."""


class MembershipVoided(Voided, frozen=True, tag="Membership.Voided"):
    """See ``Voided``."""


# Partner (partner.py)

class PartnerAgreementLinkedFacts(Facts):
    agreement_ref: str


class PartnerAgreementLinked(Event, PartnerAgreementLinkedFacts,
                             frozen=True, tag="Partner.AgreementLinked"):
    """Its fields: ``PartnerAgreementLinkedFacts``."""


class PartnerCriterionAssessedFacts(Facts):
    criterion: str
    met: bool
    evidence: str
    assessed_on: date


class PartnerCriterionAssessed(Event, PartnerCriterionAssessedFacts,
                               frozen=True, tag="Partner.CriterionAssessed"):
    """Its fields: ``PartnerCriterionAssessedFacts``."""


class PartnerDecisionLinkedFacts(Facts):
    kind: str  # supervisor_funding, effort or expenditure
    ref: str


class PartnerDecisionLinked(Event, PartnerDecisionLinkedFacts,
                            frozen=True, tag="Partner.DecisionLinked"):
    """Its fields: ``PartnerDecisionLinkedFacts``."""


class PartnerFactCorrected(FactCorrected, frozen=True, tag="Partner.FactCorrected"):
    """See ``FactCorrected``."""


class PartnerOffboardedFacts(Facts):
    offboarded_on: date
    reason: str


class PartnerOffboarded(Event, PartnerOffboardedFacts, frozen=True, tag="Partner.Offboarded"):
    """Its fields: ``PartnerOffboardedFacts``."""


class PartnerOnboardedFacts(Facts):
    onboarded_on: date
    decision_ref: str


class PartnerOnboarded(Event, PartnerOnboardedFacts, frozen=True, tag="Partner.Onboarded"):
    """Its fields: ``PartnerOnboardedFacts``."""


class PartnerFacts(Facts):
    """What registering a partner records (its org number is its key)."""

    name: str
    legal_form: str
    districts: list[str]


class PartnerRegistered(Created, PartnerFacts, frozen=True, tag="Partner.Registered"):
    """Its fields: ``PartnerFacts``."""


class PartnerVoided(Voided, frozen=True, tag="Partner.Voided"):
    """See ``Voided``."""


# Redaction (redaction.py)

class RedactionFacts(Facts):
    """What deciding a redaction records."""

    position: int  # of the redacted event
    field: str
    digest: str  # SHA-256 (hex) of the redacted event's stored bytes as they were
    decision_ref: str
    reason: str


class RedactionRedacted(Created, RedactionFacts, frozen=True, tag="Redaction.Redacted"):
    """Its fields: ``RedactionFacts``."""


# StructuralWork (structural.py)

class StructuralWorkFactCorrected(FactCorrected, frozen=True, tag="StructuralWork.FactCorrected"):
    """See ``FactCorrected``."""


class StructuralWorkFacts(Facts):
    """What logging structural work records."""

    measure: str
    done_on: date
    description: str
    districts: list[str]
    parties: list[str]


class StructuralWorkLogged(Created, StructuralWorkFacts, frozen=True, tag="StructuralWork.Logged"):
    """Its fields: ``StructuralWorkFacts``."""


class StructuralWorkVoided(Voided, frozen=True, tag="StructuralWork.Voided"):
    """See ``Voided``."""


AnyEvent: TypeAlias = (
    ActionPlanActionAdded
    | ActionPlanActionCorrected
    | ActionPlanActionCompleted
    | ActionPlanActionDropped
    | ActionPlanAdopted
    | ActionPlanDrafted
    | ActivityCancelled
    | ActivityFactCorrected
    | ActivityHeld
    | ActivityPlanned
    | AgreementChargeReversed
    | AgreementCharged
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
    | ActionPlanFactCorrected
    | ActivityVoided
    | AgreementFactCorrected
    | AgreementVoided
    | BoardMeetingFactCorrected
    | BoardMeetingVoided
    | MembershipFactCorrected
    | MembershipVoided
    | StructuralWorkVoided
    | ActionPlanVoided
    | ActionPlanRedrafted
)


# The Struct of each stored event type, by its type (``"Partner.Registered"``).
EVENT_TYPES: dict[str, type[Event]] = {
    cls.__struct_config__.tag: cls for cls in get_args(AnyEvent)}


def decoder(struct: type[Event]) -> Callable[[bytes], Event]:
    """The function that reads a stored state of ``struct``'s type. At version 1 it is
    msgspec's decoder itself (one call: the replay's hot path); a later version reads a
    state of its own version in that one call too, and an older state as plain JSON,
    upcast step by step and converted to the fields."""
    decode: Callable[[bytes], Event] = msgspec.json.Decoder(struct).decode
    if struct.class_version == 1:
        return decode
    # How the mapper ends a state of this version (``class_version`` after the fields).
    current = b',"class_version":%d}' % struct.class_version

    def upcasting(data: bytes) -> Event:
        if data.endswith(current):
            # As the writer stores this version: read by the Struct alone, as a version-1
            # state is (its other fields ignored), in one decoding instead of two (the
            # replay's hot path). A state that fails is read again below, to say why.
            try:
                return decode(data)
            except Exception:  # the long way raises it again, in its words
                pass
        state: dict[str, Any] = msgspec.json.decode(data)
        version = state.pop("class_version", 1)
        if version == struct.class_version:
            return decode(data)
        while version < struct.class_version:
            getattr(struct, f"upcast_v{version}_v{version + 1}")(state)
            version += 1
        return msgspec.convert(state, struct, strict=False)

    return upcasting
