"""DateSpan: which days something runs, inclusive of its ``end``, exclusive of its ``stop``
(SPEC §4: a thing with ``ends_on`` on a day still runs that day; one ended that day does
not)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.span import DateSpan

days = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))
maybe_days = st.none() | days


def test_an_agreement_runs_on_its_first_and_last_day_and_not_beyond() -> None:
    span = DateSpan(date(2026, 1, 1), end=date(2026, 12, 31))

    assert span.covers(date(2026, 1, 1)) and span.covers(date(2026, 12, 31))
    assert not span.covers(date(2025, 12, 31)) and not span.covers(date(2027, 1, 1))


def test_a_partner_offboarded_on_a_day_is_not_active_that_day() -> None:
    span = DateSpan(date(2026, 3, 1)).stopped(date(2026, 6, 1))

    assert span.covers(date(2026, 5, 31))
    assert not span.covers(date(2026, 6, 1))


def test_an_open_span_runs_from_its_start_on() -> None:
    span = DateSpan(date(2026, 3, 1))

    assert span.covers(date(2100, 12, 31))
    assert not span.covers(date(2026, 2, 28))


def test_a_span_stopped_on_its_first_day_covers_nothing() -> None:
    span = DateSpan(date(2026, 3, 1), end=date(2026, 4, 1), stop=date(2026, 3, 1))

    assert not any(span.covers(date(2026, 3, 1) + timedelta(days=n)) for n in range(-5, 40))


@given(days, maybe_days, maybe_days, days)
def test_covers_is_the_policy_s_reading_of_the_dates(start: date, end: date | None,
                                                    stop: date | None, day: date) -> None:
    span = DateSpan(start, end, stop)

    assert span.covers(day) == (start <= day and not (end is not None and day > end)
                                and not (stop is not None and day >= stop))


@given(days, maybe_days, maybe_days, days)
def test_stopping_only_takes_days_away(start: date, end: date | None, stop: date | None,
                                       day: date) -> None:
    span = DateSpan(start, end)

    assert span.stopped(stop).covers(day) == (span.covers(day)
                                              and (stop is None or day < stop))
    assert span.stopped(None) == span
