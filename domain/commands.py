"""The command vocabulary of SPEC §2: one msgspec ``Struct`` per command, a tagged union.

The importer, the UI forms and the tests all speak this vocabulary. Format rules live
here (types, ranges, Luhn, dates); policy rules live in the aggregates and ``rules``.
"""

from __future__ import annotations

import re
import types
import typing
from datetime import date
from typing import Annotated, Any, Literal, Union

import msgspec
import msgspec.structs
from msgspec import Meta

from domain.corrections import DECIDED_KINDS, fact_for, stored_value
from domain.errors import InvalidCommand
from domain.reference import PARTIES
from domain.text import translate
from domain.values import (
    DATE_PATTERN,
    FIRST_YEAR,
    KEY_MAX,
    LAST_YEAR,
    MAX_ORE,
    NAME_MAX,
    REPORT_PERIOD_PATTERN,
    SEK_PATTERN,
    TEXT_MAX,
    ValueProblem,
    check_business_date,
    check_target_group,
    check_text,
    normalise_org_nr,
    parse_report_period,
    parse_sek,
)

# Every string field holds what ``values.check_text`` allows (NFC, no control or format
# characters, no whitespace at either end): checked in ``Command.__post_init__``, and said
# in the JSON Schema by the pattern that ``json_schema`` puts where the marker is.
_FREE_TEXT = {"$comment": "asfledger:text"}  # may hold line breaks
_ONE_LINE = {"$comment": "asfledger:line"}
Text = Annotated[str, Meta(min_length=1, max_length=TEXT_MAX, extra_json_schema=_FREE_TEXT)]
Ref = Annotated[str, Meta(min_length=1, max_length=KEY_MAX, extra_json_schema=_ONE_LINE)]
Name = Annotated[str, Meta(min_length=1, max_length=NAME_MAX, extra_json_schema=_ONE_LINE)]
ORG_NR_PATTERN = r"^[0-9]{6}-?[0-9]{4}$"  # the rest (third digit, Luhn) in __post_init__
OrgNr = Annotated[str, Meta(pattern=ORG_NR_PATTERN)]
# An amount's rules are ``values.parse_sek``'s (checked in ``check_fields``, by the field's
# name ending in _sek, with the bound named); the schema says them with the same pattern.
Amount = (Annotated[str, Meta(extra_json_schema={"pattern": SEK_PATTERN})]
          | Annotated[int, Meta(extra_json_schema={"minimum": 1, "maximum": MAX_ORE // 100})])
Count = Annotated[int, Meta(ge=0, le=1_000_000)]
Year = Annotated[int, Meta(ge=FIRST_YEAR, le=LAST_YEAR)]
Day = Annotated[date, Meta(extra_json_schema={"pattern": DATE_PATTERN})]

District = Literal[
    "bromma", "enskede_arsta_vantor", "farsta", "hagersten_alvsjo", "hasselby_vallingby",
    "jarva", "kungsholmen", "norra_innerstaden", "skarpnack", "skarholmen", "sodermalm",
    "city_wide",
]
PartyCode = Literal["stockholms_stad", "region_stockholm", "arbetsformedlingen",
                    "forsakringskassan"]
# One of the six standard target groups (reference.TARGET_GROUPS), or another group written
# ``other:`` and a short label (the policy gives the six as examples): checked by
# ``values.check_target_group`` in the commands that hold one; the schema says it where the
# marker is (``domain.schema``).
TargetGroup = Annotated[str, Meta(extra_json_schema={"$comment": "asfledger:target_group"})]
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
SkillsService = Literal["education", "course", "coaching", "consulting"]
Beneficiaries = Literal["participants", "association_staff", "party_staff", "asf_staff"]
OrganisationKind = Literal["asf", "asf_interest_organisation", "network", "other"]


PARTY_CODES = tuple(PARTIES)


def _check_org_nr(cmd: Any, field: str = "org_nr") -> None:
    value = getattr(cmd, field)
    if value is not None:
        try:
            setattr(cmd, field, normalise_org_nr(value))
        except ValueProblem as e:
            raise _invalid(field, e) from None


def _check_amount(cmd: Any, field: str) -> None:
    value = getattr(cmd, field)
    if value is not None:
        try:
            parse_sek(value)
        except ValueProblem as e:
            raise _invalid(field, e) from None


def _target_group(field: str, value: str) -> str:
    try:
        return check_target_group(value)
    except ValueProblem as e:
        raise _invalid(field, e) from None


def _invalid(field: str, problem: ValueProblem) -> InvalidCommand:
    """A value's problem, said with the field it is in (in Swedish or English)."""
    return _FieldProblem(field, problem)


class _FieldProblem(InvalidCommand):
    def __init__(self, field: str, problem: ValueProblem) -> None:
        self.problem = problem
        super().__init__(field, "invalid.value", detail=problem.describe("en"))

    def describe(self, lang: str) -> str:
        return translate("invalid.value", lang, field=self.field,
                         detail=self.problem.describe(lang))


# Field kinds of each command class, worked out once: (name, kind) for strings and dates.
_KINDS: dict[type, tuple[tuple[str, str], ...]] = {}


def _field_kinds(cls: type) -> tuple[tuple[str, str], ...]:
    kinds = _KINDS.get(cls)
    if kinds is None:
        found = []
        for info in msgspec.structs.fields(cls):
            if info.name.endswith("_sek"):
                found.append((info.name, "amount"))
                continue
            options = typing.get_args(info.type) if typing.get_origin(info.type) in (
                Union, types.UnionType) else (info.type,)
            if Text in options:
                found.append((info.name, "text"))
            elif any(_is_str(option) for option in options):
                found.append((info.name, "line"))
            elif any(_base(option) is date for option in options):
                found.append((info.name, "date"))
        kinds = _KINDS[cls] = tuple(found)
    return kinds


def _base(tp: Any) -> Any:
    return typing.get_args(tp)[0] if typing.get_origin(tp) is Annotated else tp


def _is_str(tp: Any) -> bool:
    return _base(tp) is str


def check_fields(cmd: Any) -> None:
    """The format rules every command's fields obey (issue 16): each text by
    ``values.check_text`` (stored in NFC), each date within the years of business dates."""
    for name, kind in _field_kinds(type(cmd)):
        value = getattr(cmd, name)
        if value is None:
            continue
        try:
            if kind == "date":
                check_business_date(value)
            elif kind == "amount":
                parse_sek(value)
            elif isinstance(value, str):
                checked = check_text(value, multiline=kind == "text")
                if checked is not value:
                    setattr(cmd, name, checked)
        except ValueProblem as e:
            raise _invalid(name, e) from None


class Command(msgspec.Struct, kw_only=True, forbid_unknown_fields=True, tag_field="command"):
    """Fields every command may carry: who recorded it and a free-text note.

    Every command's fields obey ``check_fields``: a subclass's own ``__post_init__`` is
    wrapped so that they are checked first (a new command cannot forget it)."""

    actor: Annotated[str, Meta(min_length=1, max_length=100,
                               extra_json_schema=_ONE_LINE)] | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        check_fields(self)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        own = cls.__dict__.get("__post_init__")
        if own is not None and not getattr(own, "_checks_fields", False):
            def post_init(self: Command, _own: Any = own) -> None:
                check_fields(self)
                _own(self)

            post_init._checks_fields = True  # type: ignore[attr-defined]
            cls.__post_init__ = post_init  # type: ignore[method-assign]


class RegisterPartner(Command, tag="register_partner"):
    org_nr: OrgNr
    name: Name
    legal_form: LegalForm
    districts: Annotated[list[District], Meta(min_length=1)]

    def __post_init__(self) -> None:
        _check_org_nr(self)


class AssessCriterion(Command, tag="assess_criterion"):
    org_nr: OrgNr
    criterion: Criterion
    met: bool
    evidence: Text
    assessed_on: Day

    def __post_init__(self) -> None:
        _check_org_nr(self)


class OnboardPartner(Command, tag="onboard_partner"):
    org_nr: OrgNr
    onboarded_on: Day
    decision_ref: Ref

    def __post_init__(self) -> None:
        _check_org_nr(self)


class OffboardPartner(Command, tag="offboard_partner"):
    org_nr: OrgNr
    offboarded_on: Day
    reason: Text

    def __post_init__(self) -> None:
        _check_org_nr(self)


class SignAgreement(Command, tag="sign_agreement"):
    ref: Ref
    org_nr: OrgNr
    kind: AgreementKind
    starts_on: Day
    decision_ref: Ref
    ends_on: Day | None = None
    # F1: what the association buys under it (its value and scope, recorded when signed);
    # money to the partner is paid against these (``linked_ref`` = this ref).
    value_sek: Amount | None = None
    scope: Text | None = None

    def __post_init__(self) -> None:
        _check_org_nr(self)
        _check_amount(self, "value_sek")


class EndAgreement(Command, tag="end_agreement"):
    ref: Ref
    ended_on: Day
    reason: Text


class DecideSupervisorFunding(Command, tag="decide_supervisor_funding"):
    ref: Ref
    org_nr: OrgNr
    # A plain string on purpose: an employer that is not a party is refused under R1.
    employer: Name
    amount_sek: Amount
    decided_on: Day
    starts_on: Day
    ends_on: Day
    fte_percent: Annotated[int, Meta(ge=1, le=100)]
    target_groups: Annotated[list[TargetGroup], Meta(min_length=1)]
    decision_ref: Ref

    def __post_init__(self) -> None:
        _check_org_nr(self)
        _check_amount(self, "amount_sek")
        self.target_groups = [_target_group(f"target_groups[{i}]", group)
                              for i, group in enumerate(self.target_groups)]


class PaySupervisorFunding(Command, tag="pay_supervisor_funding"):
    ref: Ref
    voucher_ref: Ref
    paid_on: Day
    amount_sek: Amount
    # A plain string on purpose: a payee other than the employer is refused under R1.
    payee: Name

    def __post_init__(self) -> None:
        _check_amount(self, "amount_sek")


class EndSupervisorFunding(Command, tag="end_supervisor_funding"):
    ref: Ref
    ended_on: Day
    reason: Text


class PlanActivity(Command, tag="plan_activity"):
    ref: Ref
    kind: ActivityKind
    title: Text
    planned_on: Day
    districts: list[District] = []


class HoldActivity(Command, tag="hold_activity"):
    ref: Ref
    held_on: Day
    attendance: dict[AttendanceGroup, Count]


class CancelActivity(Command, tag="cancel_activity"):
    ref: Ref
    reason: Text


class LogStructuralWork(Command, tag="log_structural_work"):
    ref: Ref
    measure: StructuralMeasure
    done_on: Day
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
    owner: Name
    due_on: Day
    decision_ref: Ref | None = None


class AdoptActionPlan(Command, tag="adopt_action_plan"):
    year: Year
    adopted_on: Day
    decision_ref: Ref


class CompleteAction(Command, tag="complete_action"):
    year: Year
    action_id: Ref
    completed_on: Day
    outcome: Text


class DropAction(Command, tag="drop_action"):
    year: Year
    action_id: Ref
    dropped_on: Day
    reason: Text


class StartEffort(Command, tag="start_effort"):
    ref: Ref
    org_nr: OrgNr
    measure: EffortMeasure
    run_by: PartyCode
    starts_on: Day
    budget_sek: Amount
    decision_ref: Ref
    ends_on: Day | None = None

    def __post_init__(self) -> None:
        _check_org_nr(self)
        _check_amount(self, "budget_sek")


class GenderCounts(msgspec.Struct, forbid_unknown_fields=True):
    women: Count = 0
    men: Count = 0
    other: Count = 0

    @property
    def total(self) -> int:
        return self.women + self.men + self.other


class ReportParticipants(Command, tag="report_participants"):
    ref: Ref
    period: Annotated[str, Meta(pattern=REPORT_PERIOD_PATTERN)]
    counts: dict[TargetGroup, GenderCounts]

    def __post_init__(self) -> None:
        try:
            parse_report_period(self.period)
        except ValueProblem as e:
            raise _invalid("period", e) from None
        # A key is named by its place, never by itself: it may hold a personnummer (R7).
        self.counts = {_target_group(f"counts[{i}]", group): n
                       for i, (group, n) in enumerate(self.counts.items())}


class ReportOutcomes(Command, tag="report_outcomes"):
    ref: Ref
    period: Annotated[str, Meta(pattern=REPORT_PERIOD_PATTERN)]
    work: Count
    studies: Count
    job_seeking: Count
    other: Count

    def __post_init__(self) -> None:
        try:
            parse_report_period(self.period)
        except ValueProblem as e:
            raise _invalid("period", e) from None


class CompleteEffort(Command, tag="complete_effort"):
    ref: Ref
    completed_on: Day


class RecordExpenditure(Command, tag="record_expenditure"):
    ref: Ref
    paid_on: Day
    amount_sek: Amount
    purpose: Purpose
    payee_kind: PayeeKind
    payee: Name
    description: Text
    payee_legal_form: LegalForm | None = None
    linked_ref: Ref | None = None
    # F4: education, a course, coaching or consulting states whom it is for.
    skills_service: SkillsService | None = None
    beneficiaries: Beneficiaries | None = None

    def __post_init__(self) -> None:
        _check_amount(self, "amount_sek")
        if self.skills_service is not None and self.beneficiaries is None:
            raise InvalidCommand("beneficiaries", "invalid.legal_form_needed",
                                 other="skills_service", value=self.skills_service)
        if self.purpose == "supervisor_funding":
            raise InvalidCommand("purpose", "invalid.supervisor_purpose",
                                 purpose="supervisor_funding", paying="pay_supervisor_funding",
                                 command="record_expenditure")
        if self.payee_kind == "supplier" and self.payee_legal_form is None:
            raise InvalidCommand("payee_legal_form", "invalid.legal_form_needed",
                                 other="payee_kind", value="supplier")
        if self.payee_kind == "party" and self.payee not in PARTY_CODES:
            raise InvalidCommand("payee", "invalid.not_a_party", value=repr(self.payee),
                                 parties=", ".join(PARTY_CODES))
        if self.payee_kind == "partner":
            _check_org_nr(self, "payee")
        if self.purpose in ("effort_financing", "membership_fee") and self.linked_ref is None:
            raise InvalidCommand("linked_ref", "invalid.linked_ref_needed", purpose=self.purpose)


class JoinOrganisation(Command, tag="join_organisation"):
    ref: Ref
    name: Name
    kind: OrganisationKind
    joined_on: Day
    decision_ref: Ref
    org_nr: OrgNr | None = None

    def __post_init__(self) -> None:
        _check_org_nr(self)


class LeaveOrganisation(Command, tag="leave_organisation"):
    ref: Ref
    left_on: Day


class HoldBoardMeeting(Command, tag="hold_board_meeting"):
    ref: Ref
    held_on: Day
    minutes_ref: Ref


# Corrections (Bokföringslagen 5 kap. 5 §: a new event showing how, when and by whom) -------
CorrectableKind = Literal["partner", "supervisor_funding", "effort", "activity",
                          "structural_work", "expenditure", "agreement", "membership",
                          "board_meeting", "action_plan", "action"]
VoidableKind = Literal["partner", "supervisor_funding", "effort", "agreement", "membership",
                       "board_meeting", "activity", "structural_work", "action_plan"]


# An action of a plan, as correct_fact names it: its plan's year and its id.
ACTION_KEY_PATTERN = r"^[0-9]{4}/.+$"


def _check_correction_key(kind: str, key: str) -> str:
    if kind == "action":
        if re.fullmatch(ACTION_KEY_PATTERN[1:-1], key) is None:
            raise ValueError(f"key: {key!r} is not an action's YEAR/ACTION_ID (2026/A3)")
        return key
    if kind != "partner":
        return key
    try:
        return normalise_org_nr(key)
    except ValueError as e:
        raise ValueError(f"key: {e}") from None


def _check_decision_ref(kind: str, decision_ref: str | None, what: str) -> None:
    if kind in DECIDED_KINDS and decision_ref is None:
        if what == "void":
            raise InvalidCommand("decision_ref", "invalid.decision_ref_to_void", kind=kind)
        raise InvalidCommand("decision_ref", "invalid.decision_ref_to_correct", kind=kind)


class ReversePayment(Command, tag="reverse_payment"):
    """Reverse a whole ``pay_supervisor_funding`` payment, named by its voucher."""

    ref: Ref
    voucher_ref: Ref
    reversed_on: Day
    reason: Text
    decision_ref: Ref | None = None


class ReverseExpenditure(Command, tag="reverse_expenditure"):
    """Reverse a whole ``record_expenditure``."""

    ref: Ref
    reversed_on: Day
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
    """The import's JSON Schema (Draft 2020-12): see ``domain.schema``."""
    from domain.schema import json_schema as schema  # it reads this module

    return schema()


# Dates of things done (issue 16): a meeting held, a payment made, a plan adopted, a
# decision taken, a criterion assessed, an action completed... cannot lie after the day
# they are recorded. Planned dates, due dates, start and end dates may.
DONE_DATES = ("assessed_on", "onboarded_on", "decided_on", "paid_on", "held_on", "done_on",
              "adopted_on", "completed_on", "dropped_on", "joined_on", "reversed_on")


def dates_out_of_order(cmd: Command, today: date) -> tuple[str, date, date | str] | None:
    """``(field, its date, the date it may not pass)`` for the first date of ``cmd`` done
    after ``today``, or an end before its start; None when the dates are in order.

    A refusal (exit 1), not invalid input: the JSON Schema cannot say either rule."""
    for name in DONE_DATES:
        day = getattr(cmd, name, None)
        if isinstance(day, date) and day > today:
            return name, day, "today"
    if isinstance(cmd, CorrectFact) and cmd.field in DONE_DATES:
        # A corrected date of a thing done obeys the same rule as the date it corrects.
        day = date.fromisoformat(stored_value(fact_for(cmd.kind, cmd.field), cmd.value))
        if day > today:
            return cmd.field, day, "today"
    starts, ends = getattr(cmd, "starts_on", None), getattr(cmd, "ends_on", None)
    if isinstance(starts, date) and isinstance(ends, date) and ends < starts:
        return "ends_on", ends, starts
    return None
