"""F1: no cash grants to ASF (the purpose ``cash_grant``). To review: money to a partner
under an agreement whose value was never recorded (it may be a grant in all but name)."""

from __future__ import annotations

from collections.abc import Mapping

from projections.compliance.check import Examine, ForbiddenPurpose
from projections.events import LedgerEvent


class F1(ForbiddenPurpose):
    code = "F1"
    detail = "check.F1"

    def reads(self) -> Mapping[str, Examine]:
        return {"Expenditure.Recorded": self.expenditure_to_review}

    def expenditure_to_review(self, e: LedgerEvent) -> None:
        d = e.data
        linked = self.facts.agreements.get(d.get("linked_ref") or "")
        if d["payee_kind"] == "partner" and linked is not None and linked.value is None:
            self.to_review(e, d["paid_on"], "review.no_value", agreement=d["linked_ref"])
        self.expenditure(e)
