"""Redactions: the board's decisions to remove personal data that got in despite R7.

The redaction is an event in the chain like any other; the application replaces the
stored content of the event it names by a marker that keeps that event's digest (see
``asfledger.redaction``), in the same transaction. Keyed by the position and the field it
redacts: each field of an event is redacted once.
"""

from __future__ import annotations

from domain.aggregates.base import LedgerAggregate
from domain.commands import Redact
from domain.events import RedactionFacts


class Redaction(LedgerAggregate, RedactionFacts):
    KIND = "redaction"

    class Redacted(LedgerAggregate.Created, RedactionFacts):
        """Its facts: ``RedactionFacts``."""

    @classmethod
    def decide(cls, cmd: Redact, digest: str, actor: str) -> Redaction:
        redaction: Redaction = cls._open(
            cls.Redacted, f"{cmd.position}:{cmd.field}", position=cmd.position, field=cmd.field,
            digest=digest, decision_ref=cmd.decision_ref, reason=cmd.reason, actor=actor,
            note=cmd.note)
        return redaction
