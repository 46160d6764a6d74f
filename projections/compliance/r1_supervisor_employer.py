"""R1: a supervisor is employed by one of the four parties, and the funding's payments go
to that employer; a corrected employer too, and the payments standing went to it."""

from __future__ import annotations

from domain.events import (
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
)
from domain.reference import PARTIES
from projections.compliance.check import Check, Reads
from projections.events import LedgerEvent, on


class R1(Check):
    code = "R1"

    def reads(self) -> Reads:
        return [on(SupervisorFundingDecided, self.decided),
                on(SupervisorFundingPaid, self.paid),
                on(SupervisorFundingFactCorrected, self.corrected)]

    def decided(self, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
        self.tally.examined += 1
        if x.employer not in PARTIES:
            self.flag(e, x.decided_on, "check.R1_employer", employer=x.employer)

    def paid(self, e: LedgerEvent, x: SupervisorFundingPaid) -> None:
        self.tally.examined += 1
        funding = self.facts.fundings.get(e.subject_id)
        if funding is None:  # no funding decided (or voided): paid to no employer
            self.flag(e, x.paid_on, "check.R1_payee", payee=x.payee, employer="?")
        elif x.payee != funding.employer:
            self.flag(e, x.paid_on, "check.R1_payee", payee=x.payee,
                      employer=funding.employer)

    def corrected(self, e: LedgerEvent, x: SupervisorFundingFactCorrected) -> None:
        if x.field != "employer":
            return
        self.tally.examined += 1
        day = e.recorded.date()
        if x.new not in PARTIES:
            self.flag(e, day, "check.R1_employer", employer=x.new)
        funding = self.facts.fundings.get(e.subject_id)  # as before the correction
        for voucher, payee in sorted((funding.payees if funding else {}).items()):
            if payee != x.new:
                self.flag(e, day, "check.R1_corrected", employer=x.new, voucher=voucher,
                          payee=payee)
