"""Target groups (issue 14): the six of the policy stay the standard list; the policy gives
them as examples ("t ex"), so another group is recorded as ``other:`` and a short label
(the text rule, R7) and is reported under its own name: the board report, the 360Giving
export, the timeline. A mistyped standard code is still invalid input, never a new group."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import msgspec
import pytest

from asfledger.cli import run
from asfledger.ledger import CommandRefused, Ledger
from domain import commands as c
from domain.aggregates import Effort, SupervisorFunding
from domain.errors import InvalidCommand
from domain.reference import TARGET_GROUPS, target_group_name
from tests.domain.builders import (
    ORG_A,
    decide_funding,
    must_get,
    onboarded_partner_commands,
    start_effort,
)

RELEASED = "other:frigivna från anstalt"


def decode(line: dict[str, object]) -> c.Command:
    return c.decode_command(msgspec.json.encode(line))


def funding_line(groups: list[str]) -> dict[str, object]:
    return {"command": "decide_supervisor_funding", "ref": "HF-9", "org_nr": ORG_A,
            "employer": "stockholms_stad", "amount_sek": "100000",
            "decided_on": "2026-01-15", "starts_on": "2026-01-15", "ends_on": "2026-12-31",
            "fte_percent": 50, "target_groups": groups, "decision_ref": "SB 2026-01-15 §4"}


def participants_line(groups: dict[str, dict[str, int]]) -> dict[str, object]:
    return {"command": "report_participants", "ref": "INS-1", "period": "2026-Q1",
            "counts": groups}


def test_the_six_standard_groups_stay_the_standard_list() -> None:
    assert list(TARGET_GROUPS) == [
        "long_term_unemployed", "newly_arrived_refugees", "young_far_from_labour_market",
        "mental_disability", "returning_after_sick_leave", "lss_daily_activity"]
    assert target_group_name("mental_disability", "sv") == (
        "personer med psykisk funktionsnedsättning")


def test_another_group_is_named_by_its_own_label() -> None:
    assert target_group_name(RELEASED, "sv") == "frigivna från anstalt"
    assert target_group_name(RELEASED, "en") == "frigivna från anstalt"


def test_a_funding_for_another_group_is_recorded(stored_ledger: Ledger) -> None:
    stored_ledger.execute([*onboarded_partner_commands(ORG_A),
                           decode(funding_line(["mental_disability", RELEASED]))])

    funding = must_get(stored_ledger, SupervisorFunding, "HF-9")
    assert funding.target_groups == ["mental_disability", RELEASED]


def test_participants_of_another_group_are_counted(stored_ledger: Ledger) -> None:
    stored_ledger.execute([
        *onboarded_partner_commands(ORG_A),
        start_effort("INS-1", starts_on=date(2026, 1, 20)),
        decode(participants_line({RELEASED: {"women": 1, "men": 4, "other": 0}}))])

    effort = must_get(stored_ledger, Effort, "INS-1")
    assert effort.participants["2026-Q1"] == {RELEASED: {"women": 1, "men": 4, "other": 0}}


@pytest.mark.parametrize("group", [
    "long_term_unemploid",  # a mistyped code is not a new group
    "frigivna från anstalt",  # another group says so: other:LABEL
    "other:",  # with no label
    "other: frigivna",  # the text rule: no whitespace at either end
    "other:frigivna\u0007",  # nor a control character
    "other:" + "x" * 61,  # a short label
])
def test_anything_else_is_invalid_input_naming_the_field(group: str) -> None:
    for line in (funding_line([group]),
                 participants_line({group: {"women": 1, "men": 0, "other": 0}})):
        with pytest.raises((InvalidCommand, msgspec.ValidationError)) as excinfo:
            decode(line)
        text = str(excinfo.value)
        assert "target_groups" in text or "counts" in text, text


def test_a_mistyped_code_is_one_sentence_listing_the_standard_codes() -> None:
    with pytest.raises(InvalidCommand) as excinfo:
        decide_funding("HF-9", target_groups=["long_term_unemploid"])
    for lang in ("sv", "en"):
        text = excinfo.value.describe(lang)
        assert "long_term_unemploid" in text and "lss_daily_activity" in text, text
        assert "other:" in text, text


def test_a_label_with_a_personnummer_is_refused_under_R7(stored_ledger: Ledger) -> None:
    stored_ledger.execute(onboarded_partner_commands(ORG_A))
    head = stored_ledger.head()
    with pytest.raises(CommandRefused) as excinfo:
        stored_ledger.execute([decode(funding_line(["other:frigiven 19811218-9876"]))])
    assert excinfo.value.refusal.code == "R7"
    assert stored_ledger.head() == head


def test_the_json_schema_names_the_standard_codes_and_the_other_form() -> None:
    schema = json.dumps(c.json_schema(), ensure_ascii=False)
    assert "lss_daily_activity" in schema
    assert "^other:" in schema


def _cli(db: str, *args: str, lang: str = "sv") -> str:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", lang, *args], out=out, err=err)
    assert code == 0, err.getvalue()
    return out.getvalue()


@pytest.fixture
def with_another_group(tmp_path: Path) -> str:
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="test") as ledger:
        ledger.execute([
            *onboarded_partner_commands(ORG_A),
            decide_funding("HF-1", target_groups=("mental_disability",)),
            decode(funding_line([RELEASED])),
            start_effort("INS-1", starts_on=date(2026, 1, 20)),
            decode(participants_line({RELEASED: {"women": 1, "men": 4, "other": 0},
                                      "mental_disability": {"women": 2, "men": 0,
                                                            "other": 0}}))])
    return db


def test_the_board_report_counts_another_group_under_its_own_name(
        with_another_group: str) -> None:
    figures = json.loads(_cli(with_another_group, "report", "board", "--period", "2026",
                              "--format", "json"))
    assert figures["efforts"]["participants"][RELEASED] == 5
    assert figures["efforts"]["participants"]["mental_disability"] == 2
    for lang in ("sv", "en"):
        text = _cli(with_another_group, "report", "board", "--period", "2026", "--format",
                    "md", lang=lang)
        assert "frigivna från anstalt" in text
        assert "other:frigivna" not in text


def test_the_360giving_export_names_another_group(with_another_group: str) -> None:
    text = _cli(with_another_group, "export", "360giving", "--draft")
    grants = json.loads(text)["grants"]
    described = [g["description"] for g in grants if "HF-9" in g["title"]]
    assert described and "frigivna från anstalt" in described[0]
    assert "other:frigivna" not in text
