"""Counting reported participants and outcomes: one definition for the domain's guard
(outcomes never exceed participants) and for every figure the projections show
(``projections.figures``).

A report's counts are kept per report period; a later report of the same effort and
period replaces the earlier one. A period's figure sums the reports whose report period
lies within it (``2026-Q2`` within ``2026``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.values import Period, parse_report_period


def group_totals(counts: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    """A participants report (target group → gender → n) as target group → n."""
    return {group: sum(by_gender.values()) for group, by_gender in counts.items()}


def summed_within(reports: Iterable[tuple[str, Mapping[str, int]]],
                  period: Period | None = None) -> dict[str, int]:
    """Sum reports (report period code, counts by key) whose report period lies within
    ``period`` (every report when None). Only keys that were reported appear."""
    total: dict[str, int] = {}
    for code, counts in reports:
        if period is not None and not parse_report_period(code).within(period):
            continue
        for key, n in counts.items():
            total[key] = total.get(key, 0) + n
    return total
