"""R8: every calendar year, from the year of the first decision up to the day the history
is judged on, has an action plan adopted by the board at a board meeting recorded before
and held on the adoption day. A year that ended without one is a violation; the running
year is still open (to review)."""

from __future__ import annotations

from datetime import date

from domain.aggregates.board import meeting_keys
from domain.corrections import fact_value
from domain.events import (
    ActionPlanAdopted,
    ActionPlanVoided,
    BoardMeetingFactCorrected,
    BoardMeetingVoided,
)
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, Violation
from projections.events import LedgerEvent, on


class R8(Check):
    code = "R8"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        # board meeting ref → (plan year, day) of the plans adopted at it
        self.adopted_at: dict[str, list[tuple[str, date]]] = {}

    def reads(self) -> Reads:
        return [
            on(ActionPlanAdopted, self.adopted),
            on(BoardMeetingFactCorrected, self.meeting_corrected),
            on(BoardMeetingVoided, self.meeting_voided),
            on(ActionPlanVoided, self.plan_voided),
        ]

    def plan_voided(self, e: LedgerEvent, x: ActionPlanVoided) -> None:
        """Examined: a year that has ended without its plan is found at the end
        (``conclude``: facts.adopted no longer holds it)."""
        self.tally.examined += 1
        for adopted in self.adopted_at.values():
            adopted[:] = [(year, day) for year, day in adopted if year != e.subject]

    def adopted(self, e: LedgerEvent, x: ActionPlanAdopted) -> None:
        self.tally.examined += 1
        if e.subject in self.facts.adopted:  # R6 says so
            return
        day, ref = x.adopted_on, x.decision_ref
        meetings = self.facts.meetings
        at = next((key for key in meeting_keys(ref) if meetings.get(key) == day), None)
        if at is None:
            self.flag(e, day, "check.R8_no_meeting", ref=ref, adopted=day)
        else:
            self.adopted_at.setdefault(at, []).append((e.subject, day))

    def meeting_corrected(self, e: LedgerEvent, x: BoardMeetingFactCorrected) -> None:
        if x.field == "held_on":
            self.meeting_changed(e, fact_value(x.field, x.new))

    def meeting_voided(self, e: LedgerEvent, x: BoardMeetingVoided) -> None:
        self.meeting_changed(e, None)

    def meeting_changed(self, e: LedgerEvent, held_on: date | None) -> None:
        """A plan adopted at the meeting, on the day it was held, needs it held that day."""
        self.tally.examined += 1
        for year, day in self.adopted_at.get(e.subject, ()):
            if held_on != day:
                self.flag(e, e.recorded.date(), "check.R8_meeting_corrected", year=year,
                          ref=e.subject)

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
