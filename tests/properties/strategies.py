"""Hypothesis strategies for the ledger's values and events.

Values follow SPEC §2: org numbers are Luhn-valid with a third digit of 2 or more, amounts
are öre (rendered as SEK strings with at most two decimals, or whole-krona integers),
refs are non-blank, free text never holds a personnummer (R7) unless a strategy says so.
Event field values are derived from the event classes' own annotations, so a new event
class or field is covered without touching this file (an unknown field type fails loudly).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import UTC, date, datetime
from typing import Any, TypeVar, Union
from uuid import UUID

from hypothesis import strategies as st

from domain.personal_numbers import find_personal_identity_number
from domain.values import luhn_ok

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1

# ---------------------------------------------------------------------------------------
# Policy values


def luhn_check_digit(nine: str) -> str:
    """The tenth digit that makes ``nine`` + it pass the Luhn check."""
    for digit in "0123456789":
        if luhn_ok(nine + digit):
            return digit
    raise AssertionError("unreachable: one digit always completes a Luhn number")


@st.composite
def org_numbers(draw: st.DrawFn, head: str | None = None) -> str:
    """A valid org number in its normalised form ``NNNNNN-NNNN`` (starting with ``head``)."""
    if head is None:
        head = draw(st.text("0123456789", min_size=2, max_size=2))
    third = draw(st.sampled_from("23456789"))
    rest = draw(st.text("0123456789", min_size=6, max_size=6))
    nine = head + third + rest
    digits = nine + luhn_check_digit(nine)
    return f"{digits[:6]}-{digits[6:]}"


@st.composite
def org_number_inputs(draw: st.DrawFn, head: str | None = None) -> tuple[str, str]:
    """(as typed in an import, normalised): with or without the hyphen."""
    normalised = draw(org_numbers(head))
    typed = normalised if draw(st.booleans()) else normalised.replace("-", "")
    return typed, normalised


@st.composite
def personal_identity_numbers(draw: st.DrawFn) -> str:
    """A Luhn-valid personnummer or samordningsnummer in one of its written forms (R7)."""
    born = draw(st.dates(date(1900, 1, 1), date(2025, 12, 31)))
    day = born.day + (60 if draw(st.booleans()) else 0)  # samordningsnummer: day + 60
    yymmdd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
    serial = draw(st.text("0123456789", min_size=3, max_size=3))
    tail = serial + luhn_check_digit(yymmdd + serial)
    century = f"{born.year // 100:02d}" if draw(st.booleans()) else ""
    separator = draw(st.sampled_from(["", "-", "+"] if not century else ["", "-"]))
    pin = f"{century}{yymmdd}{separator}{tail}"
    assert find_personal_identity_number(pin) is not None, pin
    return pin


def amounts_ore(min_value: int = 1, max_value: int = 50_000_000) -> st.SearchStrategy[int]:
    """Öre amounts; below 10^9 so no stored integer has the ten digits of a personnummer."""
    return st.integers(min_value=min_value, max_value=max_value)


@st.composite
def sek_inputs(draw: st.DrawFn, ore: int) -> str | int:
    """``ore`` written as the import accepts it: "1234.5", "1234,50", "1234" or 1234."""
    kronor, rest = divmod(ore, 100)
    forms: list[str | int] = [f"{kronor}.{rest:02d}", f"{kronor},{rest:02d}"]
    if rest % 10 == 0:
        forms.append(f"{kronor}.{rest // 10}")
    if rest == 0:
        forms += [str(kronor), kronor]
    return draw(st.sampled_from(forms))


_LETTERS = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ"
_TEXT_ALPHABET = st.characters(
    codec="utf-8", categories=("L", "N", "P", "Zs", "S"), exclude_characters="\x00")


def texts(max_size: int = 60) -> st.SearchStrategy[str]:
    """Free text (evidence, reasons, titles): any Unicode, never a personnummer."""
    # The text rule (issue 16): no whitespace at either end.
    return st.text(_TEXT_ALPHABET, min_size=1, max_size=max_size).map(str.strip).filter(
        lambda s: s != "" and find_personal_identity_number(s) is None)


def ref_suffixes() -> st.SearchStrategy[str]:
    """A tail for refs: letters and a few separators, never blank at either end."""
    return st.text(_LETTERS + "/._-", min_size=0, max_size=8).map(lambda s: s.strip(" "))


def report_periods(years: tuple[int, ...] = (2025, 2026, 2027)) -> st.SearchStrategy[str]:
    return st.builds(lambda y, q: f"{y}" if q == 0 else f"{y}-Q{q}",
                     st.sampled_from(years), st.integers(0, 4))


def utc_datetimes() -> st.SearchStrategy[datetime]:
    return st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                        timezones=st.just(UTC))


# ---------------------------------------------------------------------------------------
# Events, from their annotations


def strategy_for_type(tp: Any) -> st.SearchStrategy[Any]:
    """Arbitrary values of an annotated field type (extend here when a new type appears)."""
    if isinstance(tp, TypeVar):  # eventsourcing's TAggregateID: ours are UUIDs
        return st.uuids()
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (Union, types.UnionType):
        return st.one_of(*(strategy_for_type(arg) for arg in args))
    if origin is list:
        return st.lists(strategy_for_type(args[0]), max_size=5)
    if origin is dict:
        return st.dictionaries(strategy_for_type(args[0]), strategy_for_type(args[1]),
                               max_size=4)
    simple: dict[Any, st.SearchStrategy[Any]] = {
        type(None): st.none(),
        bool: st.booleans(),
        int: st.integers(INT64_MIN, INT64_MAX),
        str: st.text(),
        datetime: utc_datetimes(),
        date: st.dates(),
        UUID: st.uuids(),
    }
    if tp in simple:
        return simple[tp]
    if tp is Any:  # a corrected fact's old and new value, stored JSON-native
        return st.one_of(st.none(), st.text(), st.integers(INT64_MIN, INT64_MAX),
                         st.lists(st.text(), max_size=5))
    raise TypeError(f"no strategy for the field type {tp!r}: add one to strategy_for_type")


_FIELD_OVERRIDES: dict[str, st.SearchStrategy[Any]] = {
    "originator_id": st.uuids(),
    "originator_version": st.integers(1, INT64_MAX),
    "timestamp": utc_datetimes(),
}


def event_fields(cls: type[Any]) -> dict[str, Any]:
    """Field name → annotated type, for a dataclass event class."""
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}


def event_kwargs(cls: type[Any]) -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({
        name: _FIELD_OVERRIDES[name] if name in _FIELD_OVERRIDES else strategy_for_type(tp)
        for name, tp in event_fields(cls).items()})


_EVENTS: dict[type[Any], st.SearchStrategy[Any]] = {}


def events(cls: type[Any]) -> st.SearchStrategy[Any]:
    """Instances of the event class ``cls`` with arbitrary valid field values."""
    if cls not in _EVENTS:
        _EVENTS[cls] = event_kwargs(cls).map(lambda kwargs: cls(**kwargs))
    return _EVENTS[cls]


# ---------------------------------------------------------------------------------------
# Exact comparison (used by the round-trip tests)


def assert_identical(expected: Any, actual: Any, path: str = "$") -> None:
    """Equal and of exactly the same types, recursively: a ``date`` must not come back as a
    ``datetime``, an ``int`` not as a ``bool`` or ``float``, an aware datetime stays aware."""
    assert type(actual) is type(expected), (
        f"{path}: {type(expected).__name__} became {type(actual).__name__} ({actual!r})")
    if isinstance(expected, dict):
        assert set(actual) == set(expected), f"{path}: keys {sorted(actual)} != {sorted(expected)}"
        for key, value in expected.items():
            assert_identical(value, actual[key], f"{path}.{key}")
    elif isinstance(expected, list | tuple):
        assert len(actual) == len(expected), f"{path}: length {len(actual)} != {len(expected)}"
        for i, (e, a) in enumerate(zip(expected, actual, strict=True)):
            assert_identical(e, a, f"{path}[{i}]")
    elif isinstance(expected, datetime):
        assert actual.tzinfo is not None and actual.utcoffset() == expected.utcoffset(), (
            f"{path}: {actual!r} lost its time zone")
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"
    else:
        assert actual == expected, f"{path}: {actual!r} != {expected!r}"
