"""R8: every calendar year, from the year of the first decision up to the day the history
is judged on, has an action plan adopted by the board at a board meeting recorded before
and held on the adoption day. A year that ended without one is a violation; the running
year is still open (to review)."""

from __future__ import annotations

from datetime import date

from domain.aggregates.board import meeting_keys
from domain.events import ActionPlanAdopted
from projections.compliance.check import Check, Reads
from projections.compliance.findings import Ending, Violation
from projections.events import LedgerEvent, on


class R8(Check):
    code = "R8"

    def reads(self) -> Reads:
        return [on(ActionPlanAdopted, self.adopted)]

    def adopted(self, e: LedgerEvent, x: ActionPlanAdopted) -> None:
        self.tally.examined += 1
        if e.subject in self.facts.adopted:  # R6 says so
            return
        day, ref = x.adopted_on, x.decision_ref
        meetings = self.facts.meetings
        if not any(meetings.get(key) == day for key in meeting_keys(ref)):
            self.flag(e, day, "check.R8_no_meeting", ref=ref, adopted=day)

    def _years(self, ending: Ending) -> range:
        first = self.facts.first_day
        return range(0) if first is None else range(first.year, ending.today.year + 1)

    def examined_at_end(self, ending: Ending) -> int:
        return len(self._years(ending))

    def conclude(self, ending: Ending) -> list[Violation]:
        return [Violation("R8", ending.last_position, date(year, 12, 31), str(year),
                          "check.R8_missing", {"year": year})
                for year in self._years(ending)
                if year < ending.today.year and str(year) not in self.facts.adopted]

    def review_at_end(self, ending: Ending) -> list[Violation]:
        year = ending.today.year
        if year not in self._years(ending) or str(year) in self.facts.adopted:
            return []
        return [Violation("R8", ending.last_position, ending.today, str(year),
                          "review.R8_open", {"year": year})]
