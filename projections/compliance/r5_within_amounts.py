"""R5: payments never exceed the decided amount of a supervisor funding, nor an effort's
budget, counted net of reversals and against corrected amounts; a reversal reverses a
payment made, once; a funding or effort with money paid is never voided."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from uuid import UUID

from domain.corrections import corrected
from projections.compliance.check import Check, Examine
from projections.compliance.facts import Facts
from projections.events import LedgerEvent


@dataclass(slots=True)
class _Limit:
    limit: int  # öre: the decided amount, or the budget
    paid: int = 0
    vouchers: dict[str, int] = field(default_factory=dict)  # a funding's payments


class R5(Check):
    code = "R5"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        self.fundings: dict[UUID, _Limit] = {}
        self.budgets: dict[str, _Limit] = {}  # by effort ref
        self.reversed: set[str] = set()  # expenditure refs reversed

    def reads(self) -> Mapping[str, Examine]:
        return {
            "SupervisorFunding.Decided": self.funding_decided,
            "SupervisorFunding.Paid": self.funding_paid,
            "SupervisorFunding.PaymentReversed": self.payment_reversed,
            "SupervisorFunding.FactCorrected": self.funding_corrected,
            "SupervisorFunding.Voided": self.funding_voided,
            "Effort.Started": self.effort_started,
            "Effort.FactCorrected": self.effort_corrected,
            "Effort.Voided": self.effort_voided,
            "Expenditure.Recorded": self.expenditure,
            "Expenditure.Reversed": self.expenditure_reversed,
        }

    def funding_decided(self, e: LedgerEvent) -> None:
        self.fundings[e.subject_id] = _Limit(e.data["amount_ore"])

    def funding_paid(self, e: LedgerEvent) -> None:
        self.tally.examined += 1
        funding = self.fundings.get(e.subject_id)
        if funding is None:  # R1 says so (no employer to pay)
            return
        d = e.data
        funding.paid += d["amount_ore"]
        funding.vouchers[d["voucher_ref"]] = d["amount_ore"]
        if funding.paid > funding.limit:  # paying after the end date is normal
            self.flag(e, d["paid_on"], "check.R5", paid=funding.paid, limit=funding.limit)

    def payment_reversed(self, e: LedgerEvent) -> None:
        d = e.data
        self.tally.examined += 1
        funding = self.fundings.get(e.subject_id)
        amount = None if funding is None else funding.vouchers.pop(d["voucher_ref"], None)
        if funding is None or amount is None or amount != d["amount_ore"]:
            self.flag(e, d["reversed_on"], "check.R5_reverse_unpaid", voucher=d["voucher_ref"])
            return
        funding.paid -= amount

    def funding_corrected(self, e: LedgerEvent) -> None:
        field, value = corrected(e)
        funding = self.fundings.get(e.subject_id)
        if funding is not None and field == "amount_ore":
            self._lowered(e, funding, value)

    def funding_voided(self, e: LedgerEvent) -> None:
        self._voided(e, self.fundings.pop(e.subject_id, None))

    def effort_started(self, e: LedgerEvent) -> None:
        self.budgets[e.subject] = _Limit(e.data["budget_ore"])

    def effort_corrected(self, e: LedgerEvent) -> None:
        field, value = corrected(e)
        budget = self.budgets.get(e.subject)
        if budget is not None and field == "budget_ore":
            self._lowered(e, budget, value)

    def effort_voided(self, e: LedgerEvent) -> None:
        self._voided(e, self.budgets.pop(e.subject, None))

    def expenditure(self, e: LedgerEvent) -> None:
        d = e.data
        if d["purpose"] != "effort_financing":
            return
        self.tally.examined += 1
        budget = self.budgets.get(d.get("linked_ref") or "")
        if budget is None:
            self.flag(e, d["paid_on"], "check.R5_no_effort", ref=d.get("linked_ref"))
            return
        budget.paid += d["amount_ore"]
        if budget.paid > budget.limit:
            self.flag(e, d["paid_on"], "check.R5", paid=budget.paid, limit=budget.limit)

    def expenditure_reversed(self, e: LedgerEvent) -> None:
        d = e.data
        self.tally.examined += 1
        if e.subject in self.reversed:
            self.flag(e, d["reversed_on"], "check.R5_reversed_twice")
            return
        self.reversed.add(e.subject)
        if d["purpose"] == "effort_financing":
            budget = self.budgets.get(d.get("linked_ref") or "")
            if budget is not None:
                budget.paid -= d["amount_ore"]

    def _lowered(self, e: LedgerEvent, limit: _Limit, value: int) -> None:
        """A corrected amount or budget still covers what was paid."""
        self.tally.examined += 1
        limit.limit = value
        if limit.paid > value:
            self.flag(e, e.recorded.date(), "check.R5", paid=limit.paid, limit=value)

    def _voided(self, e: LedgerEvent, limit: _Limit | None) -> None:
        self.tally.examined += 1
        if limit is not None and limit.paid > 0:
            self.flag(e, e.recorded.date(), "check.R5_void_paid", paid=limit.paid)
