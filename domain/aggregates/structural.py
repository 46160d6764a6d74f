"""Structural work (S1–S6), logged once it is done."""

from __future__ import annotations

from datetime import date

from domain.aggregates.base import Facts, LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase
from domain.commands import LogStructuralWork


class StructuralWorkFacts(Facts):
    """What logging structural work records."""

    measure: str
    done_on: date
    description: str
    districts: list[str]
    parties: list[str]


class StructuralWork(LedgerAggregate, StructuralWorkFacts):
    KIND = "structural_work"

    class Logged(LedgerAggregate.Created, StructuralWorkFacts):
        """Its facts: ``StructuralWorkFacts``."""

    class FactCorrected(FactCorrectedBase):
        """A logged fact (description, date) corrected: see domain.corrections."""

    @classmethod
    def log(cls, cmd: LogStructuralWork, actor: str) -> StructuralWork:
        work: StructuralWork = cls._open(
            cls.Logged, cmd.ref, measure=cmd.measure, done_on=cmd.done_on,
            description=cmd.description, districts=list(dict.fromkeys(cmd.districts)),
            parties=list(dict.fromkeys(cmd.parties)), actor=actor, note=cmd.note)
        return work
