"""Issue 16: one rule for what a key or a text may hold, amounts bounded, business dates in a
sane window, dates of things done not after the day they are recorded."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from asfledger.cli import run
from domain import commands as c
from domain.errors import Refusal
from domain.handlers import check_dates
from domain.values import (
    MAX_ORE,
    WHITESPACE,
    ValueProblem,
    check_text,
    parse_sek,
    text_pattern,
)

MEETING = {"command": "hold_board_meeting", "ref": "SB 2026-10-19", "held_on": "2026-10-19",
           "minutes_ref": "Protokoll 2026:7"}


def cli(*args: str, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", lang, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def import_lines(db: str, tmp_path: Path, *lines: dict[str, Any] | bytes,
                 lang: str = "en") -> tuple[int, str]:
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"".join((line if isinstance(line, bytes) else json.dumps(line).encode())
                              + b"\n" for line in lines))
    code, _, err = cli("--db", db, "import", str(path), lang=lang)
    assert "Traceback" not in err and "internal error" not in err
    return code, err.strip()


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.sqlite")


# Keys and texts ---------------------------------------------------------------------------

@pytest.mark.parametrize(("ref", "named"), [
    ("SB 2026-10-19\n", "U+000A"), ("SB 2026-10-19\u200b", "U+200B"),
    ("SB\x002026", "U+0000"), ("\ufeffSB 2026-10-19", "U+FEFF"), ("SB\u202e2026", "U+202E"),
])
def test_a_ref_with_an_invisible_character_is_refused_not_a_new_key(
        db: str, tmp_path: Path, ref: str, named: str) -> None:
    assert import_lines(db, tmp_path, MEETING)[0] == 0
    code, err = import_lines(db, tmp_path, MEETING | {"ref": ref})
    assert code == 2
    assert err.startswith("line 1 (hold_board_meeting): field ref: holds a control or format "
                          f"character ({named}")


@pytest.mark.parametrize("ref", ["SB 2026-10-19 ", " SB 2026-10-19", "SB 2026-10-19\u00a0"])
def test_whitespace_at_either_end_is_refused_not_trimmed(
        db: str, tmp_path: Path, ref: str) -> None:
    code, err = import_lines(db, tmp_path, MEETING | {"ref": ref}, lang="sv")
    assert code == 2
    assert err == ("rad 1 (hold_board_meeting): fältet ref: börjar eller slutar med blanksteg; "
                   "ta bort dem")


def test_a_name_of_only_whitespace_is_blank(db: str, tmp_path: Path) -> None:
    partner = {"command": "register_partner", "org_nr": "769000-0018", "name": " \t ",
               "legal_form": "ekonomisk_forening", "districts": ["farsta"]}
    code, err = import_lines(db, tmp_path, partner)
    assert code == 2
    assert "field name:" in err


def test_a_decomposed_key_is_the_same_key_as_the_composed_one(db: str, tmp_path: Path) -> None:
    composed = MEETING | {"ref": "SÅ-1"}
    decomposed = MEETING | {"ref": unicodedata.normalize("NFD", "SÅ-1")}
    assert composed["ref"] != decomposed["ref"]
    code, err = import_lines(db, tmp_path, composed, decomposed)
    assert code == 1
    assert "already in the ledger" in err


def test_a_free_text_may_hold_line_breaks_and_tabs_inside(db: str, tmp_path: Path) -> None:
    code, err = import_lines(db, tmp_path, MEETING | {"note": "Första raden\n\tandra raden"})
    assert (code, err) == (0, "")


def test_whitespace_is_exactly_what_python_calls_whitespace() -> None:
    assert "".join(chr(i) for i in range(0x110000) if chr(i).isspace()) == WHITESPACE


@settings(max_examples=300, deadline=None)  # the first call builds the pattern
@given(st.text(max_size=8), st.booleans())
def test_the_schema_pattern_and_the_check_agree(text: str, multiline: bool) -> None:
    allowed = re.fullmatch(text_pattern(multiline), text) is not None
    try:
        check_text(text, multiline=multiline)
        checked = bool(text)
    except ValueProblem:
        checked = False
    assert allowed == checked


def test_every_command_checks_its_fields_even_with_its_own_post_init() -> None:
    for cls in c.COMMAND_TYPES.values():
        post_init = cls.__post_init__
        assert post_init is c.Command.__post_init__ or getattr(post_init, "_checks_fields", False)


# Amounts -------------------------------------------------------------------------------------

def test_an_amount_of_ten_to_the_thirty_kronor_is_refused_naming_the_bound(
        db: str, tmp_path: Path) -> None:
    spend = {"command": "record_expenditure", "ref": "U-1", "paid_on": "2026-03-01",
             "purpose": "administration", "payee_kind": "party", "payee": "stockholms_stad",
             "description": "Administration"}
    for amount in (str(10**30), "1" + "0" * 5000, "999 999 999 999 999"):
        code, err = import_lines(db, tmp_path, spend | {"amount_sek": amount})
        assert code == 2
        assert err == ("line 1 (record_expenditure): field amount_sek: the amount is too large: "
                       "at most SEK 999,999,999,999.99")
    code, err = import_lines(db, tmp_path, json.dumps(spend).encode()[:-1]
                             + b', "amount_sek": ' + b"9" * 5000 + b"}")
    assert code == 2
    assert "sys.set_int_max_str_digits" not in err
    assert "amount_sek" in err
    assert parse_sek("999999999999.99") == MAX_ORE
    with pytest.raises(ValueProblem, match=r"at most SEK 999,999,999,999\.99") as refused:
        parse_sek(10**12)
    assert refused.value.describe("sv") == "beloppet är för stort: högst 999 999 999 999,99 kr"


# Dates ----------------------------------------------------------------------------------

@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31", "2101-01-01"])
def test_business_dates_lie_within_2000_to_2100(db: str, tmp_path: Path, day: str) -> None:
    code, err = import_lines(db, tmp_path, MEETING | {"held_on": day}, lang="sv")
    assert code == 2
    assert err == f"rad 1 (hold_board_meeting): fältet held_on: {day} ligger utanför åren 2000–2100"


def test_a_thing_done_may_not_lie_after_the_day_it_is_recorded() -> None:
    meeting = msgspec.convert(MEETING | {"held_on": "2026-12-20"}, c.HoldBoardMeeting)
    with pytest.raises(Refusal) as refused:
        check_dates(meeting, date(2026, 12, 4))
    assert refused.value.describe("en") == (
        "held_on 2026-12-20 is after today (2026-12-04): what has been done cannot be "
        "recorded in advance")
    check_dates(meeting, date(2026, 12, 20))  # on the day itself: fine
    planned = c.PlanActivity(ref="A", kind="seminar", title="t", planned_on=date(2027, 3, 1))
    check_dates(planned, date(2026, 12, 4))  # planned, due and end dates may lie ahead
    action = c.AddAction(year=2027, action_id="Å1", measure="S1", description="d", owner="o",
                         due_on=date(2027, 6, 30))
    check_dates(action, date(2026, 12, 4))


def test_an_end_before_its_start_is_refused_not_invalid(db: str, tmp_path: Path) -> None:
    agreement = {"command": "sign_agreement", "ref": "AVT-1", "org_nr": "769000-0018",
                 "kind": "iop", "starts_on": "2026-03-01", "ends_on": "2026-02-01",
                 "decision_ref": "SB §1"}
    code, err = import_lines(db, tmp_path, agreement)
    assert code == 1
    assert err == "line 1 (sign_agreement): ends_on 2026-02-01 is before starts_on (2026-03-01)"


def test_the_luhn_message_is_swedish(db: str, tmp_path: Path) -> None:
    partner = {"command": "register_partner", "org_nr": "769000-0019", "name": "Returverket",
               "legal_form": "ekonomisk_forening", "districts": ["farsta"]}
    code, err = import_lines(db, tmp_path, partner, lang="sv")
    assert code == 2
    assert err == ("rad 1 (register_partner): fältet org_nr: organisationsnumret '769000-0019' "
                   "har fel kontrollsiffra (Luhn)")
