"""The correction events every correctable aggregate declares (Bokföringslagen 5 kap. 5 §:
a correction shows how, when and by whom): a corrected fact and a void.

Each aggregate declares its own subclass (``class FactCorrected(FactCorrectedBase)``) so
the stored type says what it corrects (``SupervisorFunding.FactCorrected``). The old and
new values are stored JSON-native (a date as ISO text) and read back with
``domain.corrections.fact_value``.
"""

from __future__ import annotations

from typing import Any

from domain.aggregates.base import LedgerAggregate
from domain.corrections import Fact, as_stored, fact_value
from domain.errors import STATE, Refusal
from domain.events import FactCorrectedFacts, VoidedFacts


class FactCorrectedBase(LedgerAggregate.Event, FactCorrectedFacts):
    """``field`` (as the state holds it) was ``old`` and is ``new`` from now on.
    ``corrects``: the version, in this aggregate, of the event that set ``old``."""

    def apply(self, aggregate: Any) -> None:
        setattr(aggregate, self.field, fact_value(self.field, self.new))
        aggregate.fact_versions[self.field] = self.originator_version


class VoidedBase(LedgerAggregate.Event, VoidedFacts):
    """The registration or decision was a mistake: it no longer counts anywhere, and
    nothing more may be recorded on it (its key stays taken)."""

    def apply(self, aggregate: Any) -> None:
        aggregate.voided = True


def correct(aggregate: Any, fact: Fact, new: Any, *, reason: str, decision_ref: str | None,
            actor: str, note: str | None) -> None:
    """Record that ``fact`` of ``aggregate`` is ``new`` (JSON-native), having checked that
    it changes something; the caller has checked the rules the new value must keep."""
    old = as_stored(getattr(aggregate, fact.stored))
    if old == new:
        raise Refusal(STATE, "refusal.correction_same", kind=aggregate.KIND,
                      key=aggregate.key, field=fact.field)
    aggregate.trigger_event(aggregate.FactCorrected, field=fact.stored, old=old, new=new,
                            corrects=aggregate.fact_versions.get(fact.stored, 1),
                            reason=reason, decision_ref=decision_ref, actor=actor, note=note)


def void(aggregate: Any, dependents: list[str], *, reason: str, decision_ref: str | None,
         actor: str, note: str | None, rule: str = STATE) -> None:
    """Void ``aggregate`` unless something depends on it: then say what, under ``rule``
    (the rule the void would make the dependents break, as the proof flags it)."""
    if dependents:
        raise Refusal(rule, "refusal.void_depends", kind=aggregate.KIND, key=aggregate.key,
                      dependents="; ".join(dependents))
    aggregate.trigger_event(aggregate.Voided, reason=reason, decision_ref=decision_ref,
                            actor=actor, note=note)
