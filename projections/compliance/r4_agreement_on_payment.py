"""R4: money to a partner needs an agreement with it active on the payment date."""

from __future__ import annotations

from collections.abc import Mapping

from projections.compliance.check import Check, Examine
from projections.events import LedgerEvent


class R4(Check):
    code = "R4"

    def reads(self) -> Mapping[str, Examine]:
        return {"Expenditure.Recorded": self.expenditure}

    def expenditure(self, e: LedgerEvent) -> None:
        d = e.data
        if d["payee_kind"] != "partner":
            return
        self.tally.examined += 1
        day, agreements = d["paid_on"], self.facts.agreements
        if not any(agreements[ref].active_on(day)
                   for ref in self.facts.agreements_of.get(d["payee"], ())):
            self.flag(e, day, "check.R4", org_nr=d["payee"])
