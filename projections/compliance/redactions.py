"""The board's redactions (issue 15), listed by the proof: a redacted field is read as the
empty text it now is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.events import RedactionRedacted
from projections.events import LedgerEvent


@dataclass(frozen=True, slots=True)
class Redacted:
    """The field of the event at ``target`` was emptied by the board's decision
    ``decision_ref``, recorded at ``position``."""

    position: int
    recorded: date
    target: int
    field: str
    decision_ref: str


def redacted(event: LedgerEvent, x: RedactionRedacted) -> Redacted:
    return Redacted(event.position, event.recorded.date(), x.position, x.field,
                    x.decision_ref)
