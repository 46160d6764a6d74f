"""R1: a supervisor is employed by one of the four parties, and the funding's payments go
to that employer."""

from __future__ import annotations

from collections.abc import Mapping

from domain.reference import PARTIES
from projections.compliance.check import Check, Examine
from projections.events import LedgerEvent


class R1(Check):
    code = "R1"

    def reads(self) -> Mapping[str, Examine]:
        return {"SupervisorFunding.Decided": self.decided, "SupervisorFunding.Paid": self.paid}

    def decided(self, e: LedgerEvent) -> None:
        self.tally.examined += 1
        employer = e.data["employer"]
        if employer not in PARTIES:
            self.flag(e, e.data["decided_on"], "check.R1_employer", employer=employer)

    def paid(self, e: LedgerEvent) -> None:
        self.tally.examined += 1
        funding = self.facts.fundings.get(e.subject_id)
        payee = e.data["payee"]
        if funding is None:  # no funding decided (or voided): paid to no employer
            self.flag(e, e.data["paid_on"], "check.R1_payee", payee=payee, employer="?")
        elif payee != funding.employer:
            self.flag(e, e.data["paid_on"], "check.R1_payee", payee=payee,
                      employer=funding.employer)
