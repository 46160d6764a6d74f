"""What a form knows about a command, read from its msgspec ``Struct`` (no Textual here).

One ``FieldSpec`` per field, in the order the Struct declares them (``note`` last,
``actor`` left out: the form records as the app's actor). The widget kind comes from
the field's type (``msgspec.inspect.type_info``); a few fields name things the ledger
already holds (partners, fundings, plans, …) and are offered as choices of those.
Field checks use the domain's own types and value functions, so a form accepts exactly
what the importer accepts.
"""

from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Final, Literal, get_args, get_origin

import msgspec
from msgspec import inspect as mi

from domain.commands import COMMAND_TYPES, Command, TargetGroup
from domain.library_messages import explain_detail
from domain.personal_numbers import find_personal_identity_number
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    BENEFICIARIES,
    CRITERIA,
    DISTRICTS,
    FORBIDDEN_PURPOSES,
    LEGAL_FORMS,
    MEASURES,
    ORGANISATION_KINDS,
    PARTIES,
    PAYEE_KINDS,
    PURPOSES,
    SKILLS_SERVICES,
    TARGET_GROUPS,
    Term,
    target_group_name,
)
from domain.values import check_text, normalise_org_nr, parse_report_period, parse_sek
from domain.words import fill
from projections.text import ATTENDANCE_GROUP_NAMES
from tui.text import COMMAND_NAMES, FIELD_LABELS, PAYEE_KIND_NAMES, translate

# The commands by part of the policy, in the order the "Record…" picker shows them.
GROUPS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("partners", ("register_partner", "assess_criterion", "onboard_partner",
                  "offboard_partner")),
    ("agreements", ("sign_agreement", "end_agreement")),
    ("supervisor_funding", ("decide_supervisor_funding", "pay_supervisor_funding",
                            "end_supervisor_funding")),
    ("activities", ("plan_activity", "hold_activity", "cancel_activity")),
    ("structural_work", ("log_structural_work",)),
    ("action_plan", ("draft_action_plan", "add_action", "adopt_action_plan",
                     "complete_action", "drop_action")),
    ("efforts", ("start_effort", "report_participants", "report_outcomes",
                 "complete_effort")),
    ("expenditure", ("record_expenditure",)),
    ("memberships", ("join_organisation", "leave_organisation")),
    ("board", ("redact", "hold_board_meeting")),
)
GROUP_OF: Final[dict[str, str]] = {name: group for group, names in GROUPS for name in names}

Kind = Literal[
    "text", "int", "amount", "date", "bool", "choice", "choices", "counts", "gender_counts",
    "partner", "party", "ref", "plan_year", "action", "payee",
]

# Fields that name something the ledger holds: (command, field) → what to offer.
REFERENCES: Final[dict[tuple[str, str], str]] = {
    ("end_agreement", "ref"): "open_agreement",
    ("pay_supervisor_funding", "ref"): "funding",
    ("end_supervisor_funding", "ref"): "open_funding",
    ("hold_activity", "ref"): "planned_activity",
    ("cancel_activity", "ref"): "planned_activity",
    ("report_participants", "ref"): "effort",
    ("report_outcomes", "ref"): "effort",
    ("complete_effort", "ref"): "running_effort",
    ("leave_organisation", "ref"): "current_membership",
    ("record_expenditure", "linked_ref"): "linked",
}
# Which registered partners an ``org_nr`` offers (commands not listed: a new org number).
PARTNER_FIELDS: Final[dict[str, str]] = {
    "assess_criterion": "all",
    "onboard_partner": "not_onboarded",
    "offboard_partner": "onboarded",
    "sign_agreement": "all",
    "decide_supervisor_funding": "all",
    "start_effort": "all",
}
# A plain string in the Struct (so the domain can refuse it under R1), a party in the form.
PARTY_FIELDS: Final[frozenset[tuple[str, str]]] = frozenset({
    ("decide_supervisor_funding", "employer"), ("pay_supervisor_funding", "payee")})
PLAN_YEARS: Final[dict[str, str]] = {
    "add_action": "all", "adopt_action_plan": "draft", "complete_action": "adopted",
    "drop_action": "adopted"}
GENDERS: Final[tuple[str, ...]] = ("women", "men", "other")


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of a command as a form shows it."""

    name: str
    kind: Kind
    required: bool
    annotation: Any  # the Struct's own annotation: per-field checks convert to it
    values: tuple[str, ...] = ()  # literal choices (or dict keys), in declared order
    ref: str = ""  # for "ref"/"partner"/"plan_year": which of the ledger's things


def _unwrap(info: mi.Type) -> mi.Type:
    # A field's constraints (and the schema's extra keywords) wrap its type in Metadata.
    while isinstance(info, mi.Metadata):
        info = info.type
    if isinstance(info, mi.UnionType):
        rest = [t for t in info.types if not isinstance(t, mi.NoneType)]
        if len(rest) == 1:
            return _unwrap(rest[0])
    return info


def _plain(annotation: Any) -> Any:
    """``Annotated[X | None, …]`` → ``X``."""
    while get_origin(annotation) is typing.Annotated:
        annotation = get_args(annotation)[0]
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _plain(args[0])
    return annotation


def _literals(annotation: Any) -> tuple[str, ...]:
    """The values of a ``Literal`` (or of the literal inside a list or dict), as declared;
    a target group's: the six standard ones (another is typed, ``OTHER_TARGET_GROUP``)."""
    if annotation == TargetGroup:
        return tuple(TARGET_GROUPS)
    plain = _plain(annotation)
    if get_origin(plain) is Literal:
        return tuple(get_args(plain))
    for arg in get_args(plain):
        found = _literals(arg)
        if found:
            return found
    return ()


def _kind_of(info: mi.Type) -> Kind:
    info = _unwrap(info)
    if isinstance(info, mi.DateType):
        return "date"
    if isinstance(info, mi.BoolType):
        return "bool"
    if isinstance(info, mi.IntType):
        return "int"
    if isinstance(info, mi.LiteralType):
        return "choice"
    if isinstance(info, mi.ListType):
        return "choices"
    if isinstance(info, mi.DictType):
        return "gender_counts" if isinstance(info.value_type, mi.StructType) else "counts"
    if isinstance(info, mi.UnionType):  # str | int: an amount
        return "amount"
    return "text"


@cache
def field_specs(command: str) -> tuple[FieldSpec, ...]:
    """The form's fields of ``command``, from its Struct."""
    cls = COMMAND_TYPES[command]
    hints = typing.get_type_hints(cls, include_extras=True)
    info = mi.type_info(cls)
    assert isinstance(info, mi.StructType)
    fields = [f for f in info.fields if f.name not in ("actor", "note")]
    fields += [f for f in info.fields if f.name == "note"]
    specs = []
    for f in fields:
        kind: Kind = _kind_of(f.type)
        ref = ""
        if (command, f.name) in REFERENCES:
            kind, ref = "ref", REFERENCES[(command, f.name)]
        elif f.name == "org_nr" and command in PARTNER_FIELDS:
            kind, ref = "partner", PARTNER_FIELDS[command]
        elif (command, f.name) in PARTY_FIELDS:
            kind = "party"
        elif f.name == "year" and command in PLAN_YEARS:
            kind, ref = "plan_year", PLAN_YEARS[command]
        elif f.name == "action_id" and command in ("complete_action", "drop_action"):
            kind = "action"
        elif (command, f.name) == ("record_expenditure", "payee"):
            kind = "payee"
        specs.append(FieldSpec(f.name, kind, f.required, hints[f.name],
                               _literals(hints[f.name]), ref))
    return tuple(specs)


def command_title(command: str, lang: str) -> str:
    return fill(COMMAND_NAMES[command], lang)


def field_label(spec: FieldSpec, lang: str) -> str:
    label = fill(FIELD_LABELS[spec.name], lang)
    return label if spec.required else f"{label} {translate('form.optional', lang)}"


# Option labels: the coded terms in the chosen language ---------------------------------

def _table(values: tuple[str, ...]) -> str:
    """Which reference table a set of literal values comes from."""
    wanted = set(values)
    tables: list[tuple[str, set[str]]] = [
        ("party", set(PARTIES)), ("district", set(DISTRICTS)),
        ("target_group", set(TARGET_GROUPS)), ("criterion", set(CRITERIA)),
        ("measure", set(MEASURES)), ("legal_form", set(LEGAL_FORMS)),
        ("agreement_kind", set(AGREEMENT_KINDS)), ("activity_kind", set(ACTIVITY_KINDS)),
        ("purpose", set(PURPOSES)), ("organisation_kind", set(ORGANISATION_KINDS)),
        ("payee_kind", set(PAYEE_KINDS)), ("skills_service", set(SKILLS_SERVICES)),
        ("beneficiaries", set(BENEFICIARIES)),
        ("attendance", {*PARTIES, "asf", "participants", "other"}),
    ]
    for name, keys in tables:
        if wanted <= keys:
            return name
    return ""


def _term(table: dict[str, Term], code: str, lang: str) -> str:
    return table[code].text(lang) if code in table else code


def option_label(values: tuple[str, ...], code: str, lang: str) -> str:
    """The words for ``code``, one of ``values`` (a field's literal choices)."""
    table = _table(values)
    if table == "party":
        return PARTIES[code].name
    if table == "district":
        return translate("report.city_wide", lang) if code == "city_wide" else DISTRICTS[code]
    if table == "target_group":
        return target_group_name(code, lang)
    if table in ("criterion", "measure"):
        return f"{code} · {_term(CRITERIA if table == 'criterion' else MEASURES, code, lang)}"
    if table == "legal_form":
        return _term(LEGAL_FORMS, code, lang)
    if table == "agreement_kind":
        return _term(AGREEMENT_KINDS, code, lang)
    if table == "activity_kind":
        return _term(ACTIVITY_KINDS, code, lang)
    if table == "purpose":
        words = _term(PURPOSES, code, lang)
        rule = FORBIDDEN_PURPOSES.get(code)
        return f"{words} ({translate('report.forbidden', lang, code=rule)})" if rule else words
    if table == "organisation_kind":
        return _term(ORGANISATION_KINDS, code, lang)
    if table == "payee_kind":
        return fill(PAYEE_KIND_NAMES[code], lang)
    if table == "skills_service":
        return _term(SKILLS_SERVICES, code, lang)
    if table == "beneficiaries":
        return _term(BENEFICIARIES, code, lang)
    if table == "attendance":
        return PARTIES[code].name if code in PARTIES else fill(ATTENDANCE_GROUP_NAMES[code], lang)
    return code


def options(spec: FieldSpec, lang: str) -> list[tuple[str, str]]:
    return [(option_label(spec.values, v, lang), v) for v in spec.values]


# Checking values with the domain's rules -----------------------------------------------

_PATH = re.compile(r"at `\$\.(\w+)")


def error_field(error: Exception) -> str | None:
    """The field a msgspec error's path names (``- at `$.reason``` → ``reason``)."""
    found = _PATH.search(str(error))
    return found.group(1) if found else None
_ORG_NR_FIELDS = frozenset({"org_nr"})


def _message(error: Exception, lang: str) -> str:
    """The domain's sentence for a library's or a rule's error, in ``lang``, without the
    field's path (the form shows the field)."""
    return explain_detail(error, lang)


def field_error(spec: FieldSpec, value: Any, lang: str, *, missing: bool = False) -> str | None:
    """What is wrong with ``value`` for this field alone, by the Struct's own type and the
    domain's value rules (org numbers, amounts, report periods); None when it is fine."""
    if missing:
        return translate("form.required", lang) if spec.required else None
    if _personal_number_in(value):  # R7 as it is typed, by the domain's one decision
        return "R7: " + translate("refusal.R7_personal_data", lang,
                                  field=fill(FIELD_LABELS[spec.name], lang))
    try:
        msgspec.convert(value, spec.annotation)
        if spec.name in _ORG_NR_FIELDS and isinstance(value, str):
            normalise_org_nr(value)
        elif spec.kind == "amount":
            parse_sek(value)
        elif spec.name == "period" and isinstance(value, str):
            parse_report_period(value)
        elif isinstance(value, str) and spec.kind not in ("date", "int", "bool"):
            # The text rule (no control or format characters, no whitespace at either
            # end) as it is typed, not only when the form is sent.
            check_text(value, multiline=spec.kind == "text")
    except msgspec.ValidationError as e:
        if spec.kind == "date":
            return translate("cli.bad_date", lang, value=value)
        if spec.kind == "int" and isinstance(value, str):
            return translate("form.not_a_number", lang, value=value)
        return _message(e, lang)
    except ValueError as e:
        return _message(e, lang)
    return None


def _personal_number_in(value: Any) -> bool:
    if isinstance(value, str):
        return find_personal_identity_number(value) is not None
    if isinstance(value, dict):
        return any(map(_personal_number_in, value)) or any(map(_personal_number_in,
                                                              value.values()))
    if isinstance(value, list):
        return any(map(_personal_number_in, value))
    return False


def command_error(command: str, values: dict[str, Any], lang: str
                  ) -> tuple[Command | None, str, str]:
    """``(command, "", "")`` when ``values`` convert to the command, else ``(None, field,
    message)``: the field the domain's error names (or "" when it names none), the message
    in ``lang``."""
    try:
        return msgspec.convert(values, COMMAND_TYPES[command]), "", ""
    except msgspec.ValidationError as e:
        message = _message(e, lang)
        names = {s.name for s in field_specs(command)}
        field = error_field(e)
        if field in names:
            return None, field, message
        # The field is found in the English sentence, which names fields by their code.
        english = _message(e, "en")
        first = re.split(r"[\s:(]", english, maxsplit=1)[0]
        if first in names:
            return None, first, message
        for name in sorted(names, key=len, reverse=True):
            if re.search(rf"\b{name}\b", english) or re.search(rf"`{name}`", str(e)):
                return None, name, message
        return None, "", message


def today() -> date:
    return date.today()
