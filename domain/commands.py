"""The command vocabulary of SPEC §2: one msgspec ``Struct`` per command, a tagged union.

The importer, the UI forms and the tests all speak this vocabulary. Format rules live
here (types, ranges, Luhn, dates); policy rules live in the aggregates and ``rules``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal, Union

import msgspec
from msgspec import Meta

from domain.corrections import DECIDED_KINDS, fact_for, stored_value
from domain.reference import PARTIES
from domain.values import normalise_org_nr, parse_report_period, parse_sek

Text = Annotated[str, Meta(min_length=1, max_length=4000)]
Ref = Annotated[str, Meta(min_length=1, max_length=120, pattern=r"^\S(?:.*\S)?$")]
OrgNr = Annotated[str, Meta(pattern=r"^\d{6}-?\d{4}$")]
Amount = str | int
Count = Annotated[int, Meta(ge=0, le=1_000_000)]
Year = Annotated[int, Meta(ge=2000, le=2100)]

District = Literal[
    "bromma", "enskede_arsta_vantor", "farsta", "hagersten_alvsjo", "hasselby_vallingby",
    "jarva", "kungsholmen", "norra_innerstaden", "skarpnack", "skarholmen", "sodermalm",
    "city_wide",
]
PartyCode = Literal["stockholms_stad", "region_stockholm", "arbetsformedlingen",
                    "forsakringskassan"]
TargetGroup = Literal["long_term_unemployed", "newly_arrived_refugees",
                      "young_far_from_labour_market", "mental_disability",
                      "returning_after_sick_leave", "lss_daily_activity"]
Criterion = Literal["C1", "C2", "C3", "C4"]
StructuralMeasure = Literal["S1", "S2", "S3", "S4", "S5", "S6"]
Measure = Literal["S1", "S2", "S3", "S4", "S5", "S6", "S7", "I1", "I2", "I3"]
EffortMeasure = Literal["I1", "I2"]
LegalForm = Literal["ekonomisk_forening", "ideell_forening", "aktiebolag_svb", "aktiebolag",
                    "stiftelse", "enskild_naringsidkare", "handelsbolag", "other"]
AgreementKind = Literal["iop", "procurement", "reserved_procurement", "cooperation"]
ActivityKind = Literal["seminar", "inspiration_day", "study_visit"]
AttendanceGroup = Literal["stockholms_stad", "region_stockholm", "arbetsformedlingen",
                          "forsakringskassan", "asf", "participants", "other"]
Purpose = Literal["supervisor_funding", "effort_financing", "procured_service",
                  "activity_costs", "administration", "membership_fee", "cash_grant",
                  "asf_startup", "asf_development", "asf_staff_development"]
PayeeKind = Literal["party", "partner", "supplier"]
OrganisationKind = Literal["asf", "asf_interest_organisation", "network", "other"]


PARTY_CODES = tuple(PARTIES)


def _check_org_nr(cmd: Any, field: str = "org_nr") -> None:
    value = getattr(cmd, field)
    if value is not None:
        try:
            setattr(cmd, field, normalise_org_nr(value))
        except ValueError as e:
            raise ValueError(f"{field}: {e}") from None


def _check_amount(cmd: Any, field: str) -> None:
    value = getattr(cmd, field)
    if value is not None:
        try:
            parse_sek(value)
        except ValueError as e:
            raise ValueError(f"{field}: {e}") from None


def _check_order(first: date, last: date | None, first_name: str, last_name: str) -> None:
    if last is not None and last < first:
        raise ValueError(f"{last_name} ({last}) is before {first_name} ({first})")


class Command(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag_field="command"):
    """Fields every command may carry: who recorded it and a free-text note."""

    actor: Annotated[str, Meta(min_length=1, max_length=100)] | None = None
    note: Text | None = None


class RegisterPartner(Command, tag="register_partner"):
    org_nr: OrgNr
    name: Text
    legal_form: LegalForm
    districts: Annotated[list[District], Meta(min_length=1)]

    def __post_init__(self) -> None:
        _check_org_nr(self)


class AssessCriterion(Command, tag="assess_criterion"):
    org_nr: OrgNr
    criterion: Criterion
    met: bool
    evidence: Text
    assessed_on: date

    def __post_init__(self) -> None:
        _check_org_nr(self)


class OnboardPartner(Command, tag="onboard_partner"):
    org_nr: OrgNr
    onboarded_on: date
    decision_ref: Ref

    def __post_init__(self) -> None:
        _check_org_nr(self)


class OffboardPartner(Command, tag="offboard_partner"):
    org_nr: OrgNr
    offboarded_on: date
    reason: Text

    def __post_init__(self) -> None:
        _check_org_nr(self)


class SignAgreement(Command, tag="sign_agreement"):
    ref: Ref
    org_nr: OrgNr
    kind: AgreementKind
    starts_on: date
    decision_ref: Ref
    ends_on: date | None = None
    value_sek: Amount | None = None

    def __post_init__(self) -> None:
        _check_org_nr(self)
        _check_amount(self, "value_sek")
        _check_order(self.starts_on, self.ends_on, "starts_on", "ends_on")


class EndAgreement(Command, tag="end_agreement"):
    ref: Ref
    ended_on: date
    reason: Text


class DecideSupervisorFunding(Command, tag="decide_supervisor_funding"):
    ref: Ref
    org_nr: OrgNr
    # A plain string on purpose: an employer that is not a party is refused under R1.
    employer: Annotated[str, Meta(min_length=1, max_length=200)]
    amount_sek: Amount
    decided_on: date
    starts_on: date
    ends_on: date
    fte_percent: Annotated[int, Meta(ge=1, le=100)]
    target_groups: Annotated[list[TargetGroup], Meta(min_length=1)]
    decision_ref: Ref

    def __post_init__(self) -> None:
        _check_org_nr(self)
        _check_amount(self, "amount_sek")
        _check_order(self.starts_on, self.ends_on, "starts_on", "ends_on")


class PaySupervisorFunding(Command, tag="pay_supervisor_funding"):
    ref: Ref
    voucher_ref: Ref
    paid_on: date
    amount_sek: Amount
    # A plain string on purpose: a payee other than the employer is refused under R1.
    payee: Annotated[str, Meta(min_length=1, max_length=200)]

    def __post_init__(self) -> None:
        _check_amount(self, "amount_sek")


class EndSupervisorFunding(Command, tag="end_supervisor_funding"):
    ref: Ref
    ended_on: date
    reason: Text


class PlanActivity(Command, tag="plan_activity"):
    ref: Ref
    kind: ActivityKind
    title: Text
    planned_on: date
    districts: list[District] = []


class HoldActivity(Command, tag="hold_activity"):
    ref: Ref
    held_on: date
    attendance: dict[AttendanceGroup, Count]


class CancelActivity(Command, tag="cancel_activity"):
    ref: Ref
    reason: Text


class LogStructuralWork(Command, tag="log_structural_work"):
    ref: Ref
    measure: StructuralMeasure
    done_on: date
    description: Text
    districts: list[District] = []
    parties: list[PartyCode] = []


class DraftActionPlan(Command, tag="draft_action_plan"):
    year: Year
    operations_plan_ref: Ref


class AddAction(Command, tag="add_action"):
    year: Year
    action_id: Ref
    measure: Measure
    description: Text
    owner: Annotated[str, Meta(min_length=1, max_length=200)]
    due_on: date
    decision_ref: Ref | None = None


class AdoptActionPlan(Command, tag="adopt_action_plan"):
    year: Year
    adopted_on: date
    decision_ref: Ref


class CompleteAction(Command, tag="complete_action"):
    year: Year
    action_id: Ref
    completed_on: date
    outcome: Text


class DropAction(Command, tag="drop_action"):
    year: Year
    action_id: Ref
    dropped_on: date
    reason: Text


class StartEffort(Command, tag="start_effort"):
    ref: Ref
    org_nr: OrgNr
    measure: EffortMeasure
    run_by: PartyCode
    starts_on: date
    budget_sek: Amount
    decision_ref: Ref
    ends_on: date | None = None

    def __post_init__(self) -> None:
        _check_org_nr(self)
        _check_amount(self, "budget_sek")
        _check_order(self.starts_on, self.ends_on, "starts_on", "ends_on")


class GenderCounts(msgspec.Struct, forbid_unknown_fields=True):
    women: Count = 0
    men: Count = 0
    other: Count = 0

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


class ReportParticipants(Command, tag="report_participants"):
    ref: Ref
    period: str
    counts: dict[TargetGroup, GenderCounts]

    def __post_init__(self) -> None:
        parse_report_period(self.period)


class ReportOutcomes(Command, tag="report_outcomes"):
    ref: Ref
    period: str
    work: Count
    studies: Count
    job_seeking: Count
    other: Count

    def __post_init__(self) -> None:
        parse_report_period(self.period)


class CompleteEffort(Command, tag="complete_effort"):
    ref: Ref
    completed_on: date


class RecordExpenditure(Command, tag="record_expenditure"):
    ref: Ref
    paid_on: date
    amount_sek: Amount
    purpose: Purpose
    payee_kind: PayeeKind
    payee: Annotated[str, Meta(min_length=1, max_length=200)]
    description: Text
    payee_legal_form: LegalForm | None = None
    linked_ref: Ref | None = None

    def __post_init__(self) -> None:
        _check_amount(self, "amount_sek")
        if self.purpose == "supervisor_funding":
            raise ValueError("purpose supervisor_funding is paid with pay_supervisor_funding, "
                             "not record_expenditure")
        if self.payee_kind == "supplier" and self.payee_legal_form is None:
            raise ValueError("payee_legal_form is required when payee_kind is supplier")
        if self.payee_kind == "party" and self.payee not in PARTY_CODES:
            raise ValueError(f"payee: {self.payee!r} is not a party code "
                             f"({', '.join(PARTY_CODES)})")
        if self.payee_kind == "partner":
            try:
                self.payee = normalise_org_nr(self.payee)
            except ValueError as e:
                raise ValueError(f"payee: {e}") from None
        if self.purpose in ("effort_financing", "membership_fee") and self.linked_ref is None:
            raise ValueError(f"linked_ref is required for purpose {self.purpose}")


class JoinOrganisation(Command, tag="join_organisation"):
    ref: Ref
    name: Text
    kind: OrganisationKind
    joined_on: date
    decision_ref: Ref
    org_nr: OrgNr | None = None

    def __post_init__(self) -> None:
        _check_org_nr(self)


class LeaveOrganisation(Command, tag="leave_organisation"):
    ref: Ref
    left_on: date


class HoldBoardMeeting(Command, tag="hold_board_meeting"):
    ref: Ref
    held_on: date
    minutes_ref: Ref


# Corrections (Bokföringslagen 5 kap. 5 §: a new event showing how, when and by whom) -------
CorrectableKind = Literal["partner", "supervisor_funding", "effort", "activity",
                          "structural_work", "expenditure"]
VoidableKind = Literal["partner", "supervisor_funding", "effort"]


def _check_correction_key(kind: str, key: str) -> str:
    if kind != "partner":
        return key
    try:
        return normalise_org_nr(key)
    except ValueError as e:
        raise ValueError(f"key: {e}") from None


def _check_decision_ref(kind: str, decision_ref: str | None, what: str) -> None:
    if kind in DECIDED_KINDS and decision_ref is None:
        raise ValueError(f"decision_ref is required to {what} a {kind} "
                         "(the original was a decision)")


class ReversePayment(Command, tag="reverse_payment"):
    """Reverse a whole ``pay_supervisor_funding`` payment, named by its voucher."""

    ref: Ref
    voucher_ref: Ref
    reversed_on: date
    reason: Text
    decision_ref: Ref | None = None


class ReverseExpenditure(Command, tag="reverse_expenditure"):
    """Reverse a whole ``record_expenditure``."""

    ref: Ref
    reversed_on: date
    reason: Text
    decision_ref: Ref | None = None


class CorrectFact(Command, tag="correct_fact"):
    """Correct one recorded fact of a registration or decision (see ``domain.corrections``)."""

    kind: CorrectableKind
    key: Ref
    field: Annotated[str, Meta(min_length=1, max_length=40)]
    value: Any
    reason: Text
    decision_ref: Ref | None = None

    def __post_init__(self) -> None:
        self.key = _check_correction_key(self.kind, self.key)
        fact = fact_for(self.kind, self.field)
        try:
            stored_value(fact, self.value)
        except ValueError as e:
            raise ValueError(f"value: {e}") from None
        _check_decision_ref(self.kind, self.decision_ref, "correct")


class VoidDecision(Command, tag="void_decision"):
    """Void a registration or decision made by mistake, when nothing depends on it."""

    kind: VoidableKind
    key: Ref
    reason: Text
    decision_ref: Ref | None = None

    def __post_init__(self) -> None:
        self.key = _check_correction_key(self.kind, self.key)
        _check_decision_ref(self.kind, self.decision_ref, "void")


class Redact(Command, tag="redact"):
    """The board's decision to redact personal data that got in despite R7: the text of
    ``field`` of the event at ``position`` is emptied; the chain keeps its digest."""

    position: Annotated[int, Meta(ge=1, le=2**62)]  # a bigint on every store
    field: Annotated[str, Meta(pattern=r"^[a-z_]{1,64}$")]
    decision_ref: Ref
    reason: Text


AnyCommand = Union[  # noqa: UP007 - a long union reads better this way
    RegisterPartner, AssessCriterion, OnboardPartner, OffboardPartner, SignAgreement,
    EndAgreement, DecideSupervisorFunding, PaySupervisorFunding, EndSupervisorFunding,
    PlanActivity, HoldActivity, CancelActivity, LogStructuralWork, DraftActionPlan, AddAction,
    AdoptActionPlan, CompleteAction, DropAction, StartEffort, ReportParticipants,
    ReportOutcomes, CompleteEffort, RecordExpenditure, JoinOrganisation, LeaveOrganisation,
    HoldBoardMeeting, ReversePayment, ReverseExpenditure, CorrectFact, VoidDecision,
    Redact,
]

COMMAND_TYPES: dict[str, type[Command]] = {
    msgspec.inspect.type_info(cls).tag: cls  # type: ignore[attr-defined]
    for cls in AnyCommand.__args__  # type: ignore[attr-defined]
}

# The corrections: recorded from the event or object they correct (in the UI, "correct…"
# on a selected row), not from the list of the policy's decisions.
CORRECTION_COMMANDS: frozenset[str] = frozenset({
    "reverse_payment", "reverse_expenditure", "correct_fact", "void_decision"})

_decoder = msgspec.json.Decoder(AnyCommand)


def decode_command(line: bytes | str) -> Command:
    """Decode one JSON object into its command; raises ``msgspec.ValidationError``."""
    return _decoder.decode(line)  # type: ignore[no-any-return]


def encode_command(cmd: Command) -> bytes:
    return msgspec.json.encode(cmd)


_NAMES: dict[type[Command], str] = {cls: tag for tag, cls in COMMAND_TYPES.items()}


def command_name(cmd: Command) -> str:
    # A dict lookup: msgspec.inspect.type_info costs ~0.25 ms a call.
    name = _NAMES.get(type(cmd))
    if name is None:
        return msgspec.inspect.type_info(type(cmd)).tag  # type: ignore[attr-defined,no-any-return]
    return name


def json_schema() -> dict[str, Any]:
    return msgspec.json.schema(AnyCommand)
