"""The proof's ``active_on`` of a partner and of an agreement, written out for speed, say
what ``DateSpan.covers`` says of the same days (the business-date rule: an end dated the
day judged counts only if recorded before the decision judged, ``at``)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from domain.span import DateSpan
from projections.compliance.facts import Agreement, Partner

DAYS = st.dates(date(2026, 1, 1), date(2026, 1, 12))
MAYBE_DAYS = st.none() | DAYS
AT = st.none() | st.integers(1, 6)


@given(DAYS, MAYBE_DAYS, MAYBE_DAYS, st.integers(0, 6), DAYS, AT)
def test_an_agreement_is_active_as_its_span_covers(
        starts_on: date, ends_on: date | None, ended_on: date | None, ended_at: int,
        day: date, at: int | None) -> None:
    agreement = Agreement(starts_on, ends_on, ended_on, ended_at=ended_at)
    expected = DateSpan(starts_on, ends_on, ended_on).covers(day) or (
        at is not None and day == ended_on and ended_at > at
        and DateSpan(starts_on, ends_on).covers(day))
    assert agreement.active_on(day, at) == expected


@given(st.lists(st.tuples(MAYBE_DAYS, MAYBE_DAYS, st.integers(0, 6)), max_size=3), DAYS, AT)
def test_a_partner_is_active_as_an_onboarding_span_covers(
        onboardings: list[tuple[date | None, date | None, int]], day: date,
        at: int | None) -> None:
    partner = Partner("769000-0026", onboardings=[list(o) for o in onboardings])
    expected = any(s is not None and DateSpan(
        s, stop=None if at is not None and e == day and p > at else e).covers(day)
        for s, e, p in onboardings)
    assert partner.active_on(day, at) == expected
