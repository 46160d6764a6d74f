"""Structural work (S1–S6), logged once it is done."""

from __future__ import annotations

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.commands import LogStructuralWork
from domain.events import StructuralWorkFacts


class StructuralWork(LedgerAggregate, StructuralWorkFacts):
    KIND = "structural_work"

    class Logged(LedgerAggregate.Created, StructuralWorkFacts):
        """Its facts: ``StructuralWorkFacts``."""

    class FactCorrected(FactCorrectedBase):
        """A logged fact (description, date) corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Logged by mistake (twice): it no longer counts in the report."""

    @classmethod
    def log(cls, cmd: LogStructuralWork, actor: str) -> StructuralWork:
        work: StructuralWork = cls._open(
            cls.Logged, cmd.ref, measure=cmd.measure, done_on=cmd.done_on,
            description=cmd.description, districts=list(dict.fromkeys(cmd.districts)),
            parties=list(dict.fromkeys(cmd.parties)), actor=actor, note=cmd.note)
        return work
