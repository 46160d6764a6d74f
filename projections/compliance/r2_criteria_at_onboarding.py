"""R2: a partner is onboarded only when the latest assessment of each of C1–C4 on the
onboarding date is "met"."""

from __future__ import annotations

from domain.events import PartnerOnboarded
from domain.reference import CRITERIA
from projections.compliance.check import Check, Reads
from projections.events import LedgerEvent, on


class R2(Check):
    code = "R2"

    def reads(self) -> Reads:
        return [on(PartnerOnboarded, self.onboarded)]

    def onboarded(self, e: LedgerEvent, x: PartnerOnboarded) -> None:
        day = x.onboarded_on
        self.tally.examined += 1
        partner = self.facts.partners.get(e.subject)
        unmet = []
        for code in CRITERIA:
            latest = None if partner is None else partner.latest(code, day)
            if latest is None or not latest[1]:
                unmet.append(code)
        if unmet:
            self.flag(e, day, "check.R2", criteria=", ".join(unmet))
