"""Value objects: org numbers (Luhn, third digit ≥ 2), money in öre (exact), periods, and
the detection of personnummer and samordningsnummer (R7)."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
import pytest

from domain.commands import decode_command
from domain.money import Money
from domain.reference import PARTIES
from domain.span import DateSpan
from domain.values import (
    Period,
    luhn_ok,
    normalise_org_nr,
    parse_report_period,
    parse_sek,
)
from tests.domain.builders import ORG_A, make_org_nr

# Organisation numbers -------------------------------------------------------------------


@pytest.mark.parametrize("raw", ["212000-0142", "2120000142"])
def test_org_nr_with_or_without_dash_is_normalised(raw: str) -> None:
    assert normalise_org_nr(raw) == "212000-0142"


@pytest.mark.parametrize("party", list(PARTIES.values()), ids=list(PARTIES))
def test_the_parties_org_numbers_are_valid(party: Any) -> None:
    assert normalise_org_nr(party.org_nr) == party.org_nr


def test_generated_org_numbers_are_valid_and_distinct() -> None:
    numbers = {make_org_nr(i) for i in range(50)} | {make_org_nr(i, "556") for i in range(50)}

    assert len(numbers) == 100
    assert all(normalise_org_nr(n) == n for n in numbers)


def test_org_nr_failing_luhn_is_rejected() -> None:
    with pytest.raises(ValueError, match="Luhn"):
        normalise_org_nr("212000-0143")


@pytest.mark.parametrize("raw", ["811218-9876", "8112189876", "001218-9876"])
def test_org_nr_needs_a_third_digit_of_two_or_more(raw: str) -> None:
    """A personnummer passes Luhn but its month (third digit 0 or 1) rules it out."""
    assert luhn_ok(raw.replace("-", "")) or raw.startswith("00")
    with pytest.raises(ValueError, match="third digit"):
        normalise_org_nr(raw)


@pytest.mark.parametrize("raw", ["21200-00142", "212000 0142", "212000--0142", "212000-014",
                                 "19212000-0142", "abcdef-ghij", "", "٢١٢٠٠٠-٠١٤٢"])
def test_org_nr_must_be_ten_digits(raw: str) -> None:
    with pytest.raises(ValueError, match="NNNNNN-NNNN"):
        normalise_org_nr(raw)


def test_org_nr_in_other_scripts_digits_is_not_a_second_spelling_of_the_same_number() -> None:
    """Arabic-Indic digits are digits to Python's ``\\d`` and ``int``; they must not become a
    second key for the same organisation."""
    assert int("٢١٢٠٠٠٠١٤٢") == 2120000142
    with pytest.raises(ValueError):
        normalise_org_nr("٢١٢٠٠٠٠١٤٢")
    line = msgspec.json.encode({"command": "register_partner", "org_nr": "٢١٢٠٠٠-٠١٤٢",
                                "name": "X", "legal_form": "other", "districts": ["farsta"]})
    with pytest.raises(msgspec.ValidationError, match="org_nr"):
        decode_command(line)


def test_a_bad_org_nr_in_a_command_is_a_format_error_naming_the_field() -> None:
    line = msgspec.json.encode({"command": "onboard_partner", "org_nr": "212000-0143",
                                "onboarded_on": "2026-01-15", "decision_ref": "§4"})

    with pytest.raises(msgspec.ValidationError, match="org_nr"):
        decode_command(line)


def test_a_command_normalises_the_org_nr() -> None:
    line = msgspec.json.encode({"command": "onboard_partner",
                                "org_nr": ORG_A.replace("-", ""),
                                "onboarded_on": "2026-01-15", "decision_ref": "§4"})

    assert decode_command(line).org_nr == ORG_A  # type: ignore[attr-defined]


# Money ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "ore"), [
    ("1", 100), (1, 100), ("0.10", 10), ("0.1", 10), ("0,10", 10), ("0.01", 1),
    ("12.5", 1250), ("12,50", 1250), ("1 000", 100_000), ("1000.99", 100_099),
    ("0012", 1200), ("250 000", 25_000_000), ("999999999999.99", 99_999_999_999_999),
    (999_999_999_999, 99_999_999_999_900), ("000000000000001", 100),
])
def test_parse_sek_is_exact_in_ore(raw: str | int, ore: int) -> None:
    assert parse_sek(raw) == ore


def test_ten_times_ten_ore_and_one_krona_is_exactly_two_kronor() -> None:
    total = sum(parse_sek("0.10") for _ in range(10)) + parse_sek("1")

    assert total == 200
    assert Money(total).plain() == "2.00"
    # the float way this must never be: 0.1 added ten times is not 1.0
    assert sum(0.1 for _ in range(10)) != 1.0


@pytest.mark.parametrize("raw", ["1.234", "0.001", "1.", ".5", "1e3", "12.5 kr", "SEK 12",
                                 "-1", "-0.50", "+5", "1.2.3", "", "abc", "1_000", "١٢", "12\n5",
                                 " 42 ", "1 0000", "1  000"])
def test_parse_sek_rejects_what_is_not_an_amount_with_two_decimals(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_sek(raw)


@pytest.mark.parametrize("raw", ["0", "0.00", "0,0", 0, -1, -100])
def test_parse_sek_rejects_zero_and_negative(raw: str | int) -> None:
    with pytest.raises(ValueError, match=r"greater than zero|two decimals"):
        parse_sek(raw)


@pytest.mark.parametrize("raw", [True, False])
def test_parse_sek_rejects_booleans(raw: bool) -> None:
    with pytest.raises(ValueError, match="boolean"):
        parse_sek(raw)


AMOUNT_COMMANDS: dict[str, tuple[str, dict[str, Any]]] = {
    "pay_supervisor_funding": ("amount_sek", {
        "ref": "HF-1", "voucher_ref": "V-1", "paid_on": "2026-03-31",
        "payee": "stockholms_stad"}),
    "decide_supervisor_funding": ("amount_sek", {
        "ref": "HF-1", "org_nr": ORG_A, "employer": "stockholms_stad",
        "decided_on": "2026-01-15", "starts_on": "2026-01-15", "ends_on": "2026-12-31",
        "fte_percent": 50, "target_groups": ["long_term_unemployed"], "decision_ref": "§4"}),
    "record_expenditure": ("amount_sek", {
        "ref": "UTG-1", "paid_on": "2026-04-30", "purpose": "administration",
        "payee_kind": "party", "payee": "stockholms_stad", "description": "Porto"}),
    "start_effort": ("budget_sek", {
        "ref": "INS-1", "org_nr": ORG_A, "measure": "I1", "run_by": "stockholms_stad",
        "starts_on": "2026-01-15", "decision_ref": "§4"}),
    "sign_agreement": ("value_sek", {
        "ref": "AVT-1", "org_nr": ORG_A, "kind": "iop", "starts_on": "2026-01-15",
        "decision_ref": "§4"}),
}


def _amount_line(command: str, amount: object) -> bytes:
    field, fields = AMOUNT_COMMANDS[command]
    return msgspec.json.encode({"command": command, **fields, field: amount})


@pytest.mark.parametrize("command", list(AMOUNT_COMMANDS))
@pytest.mark.parametrize("amount", ["1.234", "0", "0.00", 0, "-5", -5, 12.5, 1.0, True, False,
                                    [], "tolv", "١٢"],
                         ids=["3-decimals", "zero-str", "zero-00", "zero-int", "negative-str",
                              "negative-int", "float", "float-whole", "true", "false", "list",
                              "word", "arabic-digits"])
def test_a_bad_amount_is_a_format_error_naming_the_field(command: str, amount: object) -> None:
    field, _ = AMOUNT_COMMANDS[command]

    with pytest.raises(msgspec.ValidationError, match=field):
        decode_command(_amount_line(command, amount))


@pytest.mark.parametrize("command", [c for c in AMOUNT_COMMANDS if c != "sign_agreement"])
def test_a_required_amount_cannot_be_null_or_missing(command: str) -> None:
    field, fields = AMOUNT_COMMANDS[command]

    with pytest.raises(msgspec.ValidationError, match=field):
        decode_command(_amount_line(command, None))
    with pytest.raises(msgspec.ValidationError, match=field):
        decode_command(msgspec.json.encode({"command": command, **fields}))


def test_an_agreement_value_is_optional() -> None:
    assert decode_command(_amount_line("sign_agreement", None)).value_sek is None  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", list(AMOUNT_COMMANDS))
@pytest.mark.parametrize(("amount", "ore"), [("12.50", 1250), (12, 1200), ("0,05", 5)])
def test_a_good_amount_decodes_as_given(command: str, amount: str | int, ore: int) -> None:
    field, _ = AMOUNT_COMMANDS[command]

    decoded = decode_command(_amount_line(command, amount))

    assert getattr(decoded, field) == amount
    assert parse_sek(getattr(decoded, field)) == ore


# Periods --------------------------------------------------------------------------------

@pytest.mark.parametrize(("raw", "start", "end", "kind"), [
    ("2026", date(2026, 1, 1), date(2026, 12, 31), "year"),
    ("2026-Q1", date(2026, 1, 1), date(2026, 3, 31), "quarter"),
    ("2026-Q2", date(2026, 4, 1), date(2026, 6, 30), "quarter"),
    ("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "quarter"),
    ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "quarter"),
    ("2026-05", date(2026, 5, 1), date(2026, 5, 31), "month"),
    ("2026-02", date(2026, 2, 1), date(2026, 2, 28), "month"),
    ("2028-02", date(2028, 2, 1), date(2028, 2, 29), "month"),
    ("2026-12", date(2026, 12, 1), date(2026, 12, 31), "month"),
])
def test_period_parses_year_quarter_and_month(raw: str, start: date, end: date,
                                              kind: str) -> None:
    period = Period.parse(raw)

    assert (period.code, period.start, period.end, period.kind) == (raw, start, end, kind)


@pytest.mark.parametrize("raw", ["2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-q2",
                                 "26", "2026-5", "2026-H1", "2026/05", "", "2026-05-01", "2026\n",
                                 "2026-Q1\n", "٢٠٢٦"])
def test_period_rejects_what_is_not_a_year_quarter_or_month(raw: str) -> None:
    with pytest.raises(ValueError, match="period"):
        Period.parse(raw)


def test_period_dates_are_inclusive() -> None:
    q2 = Period.parse("2026-Q2")

    assert q2.covers(date(2026, 4, 1))
    assert q2.covers(date(2026, 6, 30))
    assert not q2.covers(date(2026, 3, 31))
    assert not q2.covers(date(2026, 7, 1))
    assert q2.span == DateSpan(date(2026, 4, 1), date(2026, 6, 30))
    assert Period.parse("2026-05").within(q2)
    assert q2.within(Period.parse("2026"))
    assert not Period.parse("2026").within(q2)
    assert not Period.parse("2026-07").within(q2)


def test_participants_are_reported_by_year_or_quarter_not_month() -> None:
    assert parse_report_period("2026").kind == "year"
    assert parse_report_period("2026-Q3").kind == "quarter"
    with pytest.raises(ValueError, match="quarter"):
        parse_report_period("2026-05")


def test_luhn() -> None:
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")
    assert luhn_ok("2120000142")
    assert luhn_ok("0")
