"""Money: exact öre inside, one way to write it per purpose (files, sv, en)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.money import Money
from domain.values import MAX_ORE, parse_sek

amounts = st.integers(min_value=-MAX_ORE, max_value=MAX_ORE)
positive = st.integers(min_value=1, max_value=MAX_ORE)


@pytest.mark.parametrize(("ore", "sv", "en"), [
    (125_000_000, "1 250 000,00 kr", "SEK 1,250,000.00"),
    (5, "0,05 kr", "SEK 0.05"),
    (0, "0,00 kr", "SEK 0.00"),
    (100_000, "1 000,00 kr", "SEK 1,000.00"),
    (99_999, "999,99 kr", "SEK 999.99"),
    (-123_456, "-1 234,56 kr", "-SEK 1,234.56"),
])
def test_money_is_written_for_a_person_in_swedish_and_english(ore: int, sv: str,
                                                               en: str) -> None:
    assert Money(ore).text("sv") == sv
    assert Money(ore).text("en") == en


@pytest.mark.parametrize(("ore", "plain"), [(1, "0.01"), (200, "2.00"), (123456, "1234.56"),
                                            (-50, "-0.50"), (0, "0.00")])
def test_the_plain_form_has_two_decimals_and_no_grouping(ore: int, plain: str) -> None:
    assert Money(ore).plain() == plain


def test_the_bound_of_an_amount_reads_in_swedish_groups() -> None:
    assert Money(MAX_ORE).number("sv") == "999 999 999 999,99"
    assert Money(MAX_ORE).number("en") == "999,999,999,999.99"


@given(positive)
def test_what_is_written_reads_back_to_the_same_ore(ore: int) -> None:
    """The plain form and the Swedish number are amounts a form or a file accepts."""
    assert parse_sek(Money(ore).plain()) == ore
    assert parse_sek(Money(ore).number("sv")) == ore


@given(amounts)
def test_the_languages_write_the_same_digits(ore: int) -> None:
    money = Money(ore)
    assert money.text("sv") == f"{money.number('sv')} kr"
    english = money.text("en").replace("SEK ", "").replace(",", "")
    assert english == money.plain()
    assert money.number("sv").replace(" ", "").replace(",", ".") == money.plain()


@given(amounts, amounts)
def test_arithmetic_is_exact_in_ore(a: int, b: int) -> None:
    assert (Money(a) + Money(b)).ore == a + b
    assert (Money(a) - Money(b)).ore == a - b
    assert (-Money(a)).ore == -a
    assert (Money(a) < Money(b)) == (a < b)


@given(st.lists(amounts, max_size=20))
def test_a_total_is_the_sum_of_its_parts(parts: list[int]) -> None:
    """0,10 kr ten times is 1,00 kr exactly, whatever the order."""
    assert Money.total(Money(p) for p in parts) == Money(sum(parts))
    assert Money.total(Money(10) for _ in range(10)) == Money(100)
