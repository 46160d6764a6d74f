"""One definition per figure shown in more than one place (issue 19).

The dashboard, the parts' screens and the board report each fold the history their own
way (a saved read model, the replayed aggregates, a period's report), but a figure they
all show is computed here, once, from what they keep:

- participants of efforts: the latest report of each (effort, report period) counts; a
  later report of the same effort and period *replaces* the earlier one (SPEC §2: counts
  are re-reported, not added). A period's figure sums the reports whose report period
  lies within it (``2026-Q2`` within ``2026``).
- outcomes of efforts: the same, per outcome.

The counting itself is the domain's (``domain.tally``), so the guard that outcomes never
exceed participants counts as the figures do. A test
(``tests/projections/test_one_figure.py``) folds random histories and asserts the
dashboard, the parts' screens and the board report give equal figures.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from domain.tally import group_totals, summed_within

__all__ = ["group_totals", "period_of", "report_key", "reports_of", "summed_within"]


def report_key(effort: str, period: str) -> str:
    """The key of one report: a later report with the same key replaces it."""
    return f"{effort} {period}"


def period_of(key: str) -> str:
    return key.rsplit(" ", 1)[1]


def reports_of(latest: Mapping[str, Mapping[str, int]]
               ) -> Iterable[tuple[str, Mapping[str, int]]]:
    """The reports kept by ``report_key`` as (report period code, counts)."""
    return ((period_of(key), counts) for key, counts in latest.items())
