"""Board meetings: the board's meetings anchor the ledger (their minutes hold checkpoints)."""

from __future__ import annotations

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.commands import HoldBoardMeeting
from domain.events import BoardMeetingFacts


class BoardMeeting(LedgerAggregate, BoardMeetingFacts):
    KIND = "board_meeting"

    class Held(LedgerAggregate.Created, BoardMeetingFacts):
        """Its facts: ``BoardMeetingFacts``."""

    class FactCorrected(FactCorrectedBase):
        """The day or the minutes' reference corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Recorded by mistake (twice, or a meeting never held)."""

    @classmethod
    def hold(cls, cmd: HoldBoardMeeting, actor: str) -> BoardMeeting:
        meeting: BoardMeeting = cls._open(cls.Held, cmd.ref, held_on=cmd.held_on,
                                          minutes_ref=cmd.minutes_ref, actor=actor,
                                          note=cmd.note)
        return meeting


def meeting_keys(decision_ref: str) -> list[str]:
    """The board meeting refs a decision reference may name, longest first: the whole
    reference, then shorter and shorter word prefixes ("SB 2026-02-10 §5" names the
    meeting "SB 2026-02-10", its paragraph 5). R8: a plan is adopted at a recorded meeting."""
    words = decision_ref.split()
    return [" ".join(words[:n]) for n in range(len(words), 0, -1)]

