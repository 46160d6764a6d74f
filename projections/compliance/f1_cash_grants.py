"""F1: no cash grants to ASF (the purpose ``cash_grant``). To review: money to a partner
under an agreement whose value was never recorded (it may be a grant in all but name)."""

from __future__ import annotations

from domain.events import ExpenditureRecorded
from projections.compliance.check import ForbiddenPurpose, Reads
from projections.events import LedgerEvent, on


class F1(ForbiddenPurpose):
    code = "F1"
    detail = "check.F1"

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.expenditure_to_review)]

    def expenditure_to_review(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        linked = self.facts.agreements.get(x.linked_ref or "")
        if x.payee_kind == "partner" and linked is not None and linked.value is None:
            self.to_review(e, x.paid_on, "review.no_value", agreement=x.linked_ref)
        self.expenditure(e, x)
