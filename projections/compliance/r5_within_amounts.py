"""R5: payments never exceed the decided amount of a supervisor funding, an effort's
budget, nor the value of the agreement they are paid under (F1), counted net of reversals
and against corrected amounts; a reversal reverses a payment made, once; a funding or
effort with money paid is never voided."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.corrections import fact_value
from domain.events import (
    AgreementFactCorrected,
    AgreementVoided,
    EffortFactCorrected,
    EffortStarted,
    EffortVoided,
    ExpenditureRecorded,
    ExpenditureReversed,
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
)
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.events import LedgerEvent, on

_NO_VALUE = 2**63  # an agreement signed without a value: no limit to count against


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
        self.agreements: dict[str, _Limit] = {}  # by agreement ref, those with a value
        self.charged: dict[str, str] = {}  # expenditure ref → the agreement it is paid under

    def reads(self) -> Reads:
        return [
            on(SupervisorFundingDecided, self.funding_decided),
            on(SupervisorFundingPaid, self.funding_paid),
            on(SupervisorFundingPaymentReversed, self.payment_reversed),
            on(SupervisorFundingFactCorrected, self.funding_corrected),
            on(SupervisorFundingVoided, self.funding_voided),
            on(EffortStarted, self.effort_started),
            on(EffortFactCorrected, self.effort_corrected),
            on(EffortVoided, self.effort_voided),
            on(ExpenditureRecorded, self.expenditure),
            on(ExpenditureReversed, self.expenditure_reversed),
            on(AgreementFactCorrected, self.agreement_corrected),
            on(AgreementVoided, self.agreement_voided),
        ]

    def funding_decided(self, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
        self.fundings[e.subject_id] = _Limit(x.amount_ore)

    def funding_paid(self, e: LedgerEvent, x: SupervisorFundingPaid) -> None:
        self.tally.examined += 1
        funding = self.fundings.get(e.subject_id)
        if funding is None:  # R1 says so (no employer to pay)
            return
        funding.paid += x.amount_ore
        funding.vouchers[x.voucher_ref] = x.amount_ore
        if funding.paid > funding.limit:  # paying after the end date is normal
            self.flag(e, x.paid_on, "check.R5", paid=funding.paid, limit=funding.limit)

    def payment_reversed(self, e: LedgerEvent, x: SupervisorFundingPaymentReversed) -> None:
        self.tally.examined += 1
        funding = self.fundings.get(e.subject_id)
        amount = None if funding is None else funding.vouchers.pop(x.voucher_ref, None)
        if funding is None or amount is None or amount != x.amount_ore:
            self.flag(e, x.reversed_on, "check.R5_reverse_unpaid", voucher=x.voucher_ref)
            return
        funding.paid -= amount

    def funding_corrected(self, e: LedgerEvent, x: SupervisorFundingFactCorrected) -> None:
        funding = self.fundings.get(e.subject_id)
        if funding is not None and x.field == "amount_ore":
            self._lowered(e, funding, fact_value(x.field, x.new))

    def funding_voided(self, e: LedgerEvent, x: SupervisorFundingVoided) -> None:
        self._voided(e, self.fundings.pop(e.subject_id, None))

    def effort_started(self, e: LedgerEvent, x: EffortStarted) -> None:
        self.budgets[e.subject] = _Limit(x.budget_ore)

    def effort_corrected(self, e: LedgerEvent, x: EffortFactCorrected) -> None:
        budget = self.budgets.get(e.subject)
        if budget is not None and x.field == "budget_ore":
            self._lowered(e, budget, fact_value(x.field, x.new))

    def effort_voided(self, e: LedgerEvent, x: EffortVoided) -> None:
        self._voided(e, self.budgets.pop(e.subject, None))

    def expenditure(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        if (agreement := self.facts.charged_to(x)) is not None:
            self.paid_under(e, x, agreement)
            return
        if x.purpose != "effort_financing":
            return
        self.tally.examined += 1
        budget = self.budgets.get(x.linked_ref or "")
        if budget is None:
            self.flag(e, x.paid_on, "check.R5_no_effort", ref=x.linked_ref)
            return
        budget.paid += x.amount_ore
        if budget.paid > budget.limit:
            self.flag(e, x.paid_on, "check.R5", paid=budget.paid, limit=budget.limit)

    def paid_under(self, e: LedgerEvent, x: ExpenditureRecorded, ref: str) -> None:
        """Money to a partner under an agreement, counted against its recorded value (one
        without a value has no limit: F1 lists its payments to review)."""
        self.tally.examined += 1
        value = self.facts.agreements[ref].value
        paid = self.agreements.setdefault(ref, _Limit(_NO_VALUE if value is None else value))
        paid.paid += x.amount_ore
        self.charged[e.subject] = ref
        if paid.paid > paid.limit:
            self.flag(e, x.paid_on, "check.R5", paid=paid.paid, limit=paid.limit)

    def agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        paid = self.agreements.get(e.subject)
        if paid is not None and x.field == "value_ore":
            self._lowered(e, paid, fact_value(x.field, x.new))

    def agreement_voided(self, e: LedgerEvent, x: AgreementVoided) -> None:
        self._voided(e, self.agreements.pop(e.subject, None))

    def expenditure_reversed(self, e: LedgerEvent, x: ExpenditureReversed) -> None:
        self.tally.examined += 1
        if e.subject in self.reversed:
            self.flag(e, x.reversed_on, "check.R5_reversed_twice")
            return
        self.reversed.add(e.subject)
        if (agreement := self.charged.pop(e.subject, None)) is not None \
                and agreement in self.agreements:
            self.agreements[agreement].paid -= x.amount_ore
        if x.purpose == "effort_financing":
            budget = self.budgets.get(x.linked_ref or "")
            if budget is not None:
                budget.paid -= x.amount_ore

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
