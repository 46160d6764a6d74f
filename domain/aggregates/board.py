"""Board meetings: the board's meetings anchor the ledger (their minutes hold checkpoints)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.commands import HoldBoardMeeting


class BoardMeeting(LedgerAggregate):
    KIND = "board_meeting"

    if TYPE_CHECKING:  # state, set by the events (not constructor fields)
        held_on: date
        minutes_ref: str

    class Held(LedgerAggregate.Created):
        held_on: date
        minutes_ref: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.held_on = self.held_on
            aggregate.minutes_ref = self.minutes_ref

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

