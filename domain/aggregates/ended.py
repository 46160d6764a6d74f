"""Ending early: an agreement or a supervisor funding ended before its end date (not
running from the day it was ended, SPEC §4). Each declares its own subclass
(``class Ended(EndedBase)``), so the stored type says what ended."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.aggregates.base import LedgerAggregate
from domain.errors import STATE, Refusal
from domain.events import EndedFacts


class EndedBase(LedgerAggregate.Event, EndedFacts):
    def apply(self, aggregate: Any) -> None:
        aggregate.ended_on = self.ended_on


def end_early(aggregate: Any, ended_on: date, *, reason: str, actor: str, note: str | None) -> None:
    """End ``aggregate`` on ``ended_on``: once, and not before it starts."""
    if aggregate.ended_on is not None:
        raise Refusal(STATE, "refusal.already_ended", subject=aggregate.key,
                      day=aggregate.ended_on)
    if ended_on < aggregate.starts_on:
        raise Refusal(STATE, "refusal.date_before", subject=aggregate.key, field="ended_on",
                      day=ended_on, other=aggregate.starts_on)
    aggregate.trigger_event(aggregate.Ended, ended_on=ended_on, reason=reason, actor=actor,
                            note=note)
