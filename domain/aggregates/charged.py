"""Charging: money paid to a partner under an agreement, or effort financing paid for an
effort, charged against the agreement's value or the effort's budget (R5). Each declares
its own subclasses (``class Charged(ChargedBase)``), so the stored type says what was
charged; both keep the same state: ``charged_ore`` in total and ``charges`` by
expenditure ref, until reversed."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.aggregates.base import LedgerAggregate
from domain.errors import Refusal
from domain.events import ChargedFacts, ChargeReversedFacts
from domain.money import Money


class ChargedBase(LedgerAggregate.Event, ChargedFacts):
    def apply(self, aggregate: Any) -> None:
        aggregate.charged_ore += self.amount_ore
        aggregate.charges[self.expenditure_ref] = self.amount_ore


class ChargeReversedBase(LedgerAggregate.Event, ChargeReversedFacts):
    def apply(self, aggregate: Any) -> None:
        aggregate.charged_ore -= self.amount_ore
        aggregate.charges.pop(self.expenditure_ref, None)


def charge_within(aggregate: Any, limit_ore: int | None, expenditure_ref: str, paid_on: date,
           amount_ore: int, actor: str) -> None:
    """Charge ``amount_ore`` to ``aggregate``. R5: never more than ``limit_ore`` (its
    value or budget; None: no limit recorded) in total."""
    if limit_ore is not None and aggregate.charged_ore + amount_ore > limit_ore:
        raise Refusal("R5", "refusal.R5_exceeds", ref=aggregate.key, amount=Money(amount_ore),
                      spent=Money(aggregate.charged_ore), limit=Money(limit_ore))
    aggregate.trigger_event(aggregate.Charged, expenditure_ref=expenditure_ref,
                            paid_on=paid_on, amount_ore=amount_ore, actor=actor, note=None)
