"""Structural work (S1–S6), logged once it is done."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase
from domain.commands import LogStructuralWork


class StructuralWork(LedgerAggregate):
    KIND = "structural_work"

    if TYPE_CHECKING:  # state, set by the events (not constructor fields)
        measure: str
        done_on: date
        description: str
        districts: list[str]
        parties: list[str]

    class Logged(LedgerAggregate.Created):
        measure: str
        done_on: date
        description: str
        districts: list[str]
        parties: list[str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.measure = self.measure
            aggregate.done_on = self.done_on
            aggregate.description = self.description
            aggregate.districts = list(self.districts)
            aggregate.parties = list(self.parties)

    class FactCorrected(FactCorrectedBase):
        """A logged fact (description, date) corrected: see domain.corrections."""

    @classmethod
    def log(cls, cmd: LogStructuralWork, actor: str) -> StructuralWork:
        work: StructuralWork = cls._open(
            cls.Logged, cmd.ref, measure=cmd.measure, done_on=cmd.done_on,
            description=cmd.description, districts=list(dict.fromkeys(cmd.districts)),
            parties=list(dict.fromkeys(cmd.parties)), actor=actor, note=cmd.note)
        return work
