"""R4: money to a partner needs an agreement with it active on the payment date."""

from __future__ import annotations

from domain.events import ExpenditureRecorded
from projections.compliance.check import Check, Reads
from projections.events import LedgerEvent, on


class R4(Check):
    code = "R4"

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.expenditure)]

    def expenditure(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        if x.payee_kind != "partner":
            return
        self.tally.examined += 1
        day, agreements = x.paid_on, self.facts.agreements
        if not any(agreements[ref].active_on(day)
                   for ref in self.facts.agreements_of.get(x.payee, ())):
            self.flag(e, day, "check.R4", org_nr=x.payee)
