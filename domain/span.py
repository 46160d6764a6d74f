"""DateSpan: the days something runs, as the policy counts them.

Two kinds of last day meet in the ledger, and a span holds both so that no caller does
the arithmetic: ``end``, the last day still covered (an agreement's or a funding's
``ends_on``: "inclusive", SPEC §4), and ``stop``, the first day no longer covered (the
day it was ended, completed or offboarded: not running that day). Either may be open.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date


@dataclass(frozen=True, slots=True)
class DateSpan:
    """From ``start`` (covered) through ``end`` (covered) and before ``stop`` (not)."""

    start: date
    end: date | None = None
    stop: date | None = None

    def covers(self, day: date) -> bool:
        return (self.start <= day
                and (self.end is None or day <= self.end)
                and (self.stop is None or day < self.stop))

    def stopped(self, day: date | None) -> DateSpan:
        """This span, no longer covered from ``day`` on (None: not stopped)."""
        return replace(self, stop=day)

