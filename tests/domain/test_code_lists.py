"""The code lists are the policy's (domain/reference.py); the command vocabulary spells them
as ``Literal``s so that msgspec and mypy check them. Each ``Literal`` must say the same codes
in the same order as its list (the order is the one forms and reports show), so adding a
code in one place and not the other fails here."""

from __future__ import annotations

import json
from typing import Any, get_args

import msgspec
import pytest

from asfledger import demo
from domain import commands as c
from domain.correcting import CORRECTABLE
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    ATTENDANCE_GROUPS,
    CRITERIA,
    DISTRICTS,
    GENDER_KEYS,
    INDIVIDUAL_MEASURES,
    LEGAL_FORMS,
    MEASURES,
    ORGANISATION_KINDS,
    OUTCOME_KEYS,
    PARTIES,
    PAYEE_KINDS,
    PURPOSES,
    STRUCTURAL_MEASURES,
    TARGET_GROUPS,
)

LOGGED = tuple(m for m in STRUCTURAL_MEASURES if m != "S7")  # S7 is held as an activity
EFFORTS = tuple(m for m in INDIVIDUAL_MEASURES if m != "I3")  # I3 is supervisor funding

CODE_LISTS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "District": (c.District, tuple(DISTRICTS)),
    "PartyCode": (c.PartyCode, tuple(PARTIES)),
    "Criterion": (c.Criterion, tuple(CRITERIA)),
    "StructuralMeasure": (c.StructuralMeasure, LOGGED),
    "Measure": (c.Measure, tuple(MEASURES)),
    "EffortMeasure": (c.EffortMeasure, EFFORTS),
    "LegalForm": (c.LegalForm, tuple(LEGAL_FORMS)),
    "AgreementKind": (c.AgreementKind, tuple(AGREEMENT_KINDS)),
    "ActivityKind": (c.ActivityKind, tuple(ACTIVITY_KINDS)),
    "AttendanceGroup": (c.AttendanceGroup, ATTENDANCE_GROUPS),
    "Purpose": (c.Purpose, tuple(PURPOSES)),
    "PayeeKind": (c.PayeeKind, PAYEE_KINDS),
    "OrganisationKind": (c.OrganisationKind, tuple(ORGANISATION_KINDS)),
    "CorrectableKind": (c.CorrectableKind, tuple(CORRECTABLE)),
}


def test_the_target_groups_of_the_commands_are_the_six_or_another_by_its_label() -> None:
    """Not a closed list (issue 14): the six standard groups, or other:LABEL."""
    cmd = c.decode_command(json.dumps({
        "command": "report_participants", "ref": "INS-1", "period": "2026",
        "counts": {code: {"women": 1} for code in [*TARGET_GROUPS, "other:frigivna"]},
    }).encode())
    assert isinstance(cmd, c.ReportParticipants)
    assert cmd.counts.keys() == {*TARGET_GROUPS, "other:frigivna"}


@pytest.mark.parametrize("name", list(CODE_LISTS))
def test_each_literal_of_the_commands_is_its_code_list(name: str) -> None:
    literal, codes = CODE_LISTS[name]
    assert get_args(literal) == codes


def test_a_voidable_kind_is_a_correctable_kind() -> None:
    assert set(get_args(c.VoidableKind)) <= set(get_args(c.CorrectableKind))


def test_the_outcomes_and_genders_reported_are_the_policy_s_keys() -> None:
    common = {f.name for f in msgspec.structs.fields(c.Command)}
    assert tuple(f.name for f in msgspec.structs.fields(c.ReportOutcomes)
                 if f.name not in {"ref", "period", *common}) == OUTCOME_KEYS
    assert tuple(f.name for f in msgspec.structs.fields(c.GenderCounts)) == GENDER_KEYS


def test_the_demo_draws_from_the_code_lists() -> None:
    assert set(demo.DISTRICT_CODES) == set(DISTRICTS) - {"city_wide"}
    assert tuple(PARTIES) == demo.PARTY_CODES
    assert {code: p.name for code, p in PARTIES.items()} == demo.PARTY_NAMES
    assert tuple(TARGET_GROUPS) == demo.TARGET_GROUP_CODES
    assert tuple(CRITERIA) == demo.CRITERIA
    assert demo.STRUCTURAL == LOGGED
    assert tuple(MEASURES) == demo.PLAN_MEASURES
