"""R2: a partner is onboarded only when the latest assessment of each of C1–C4 on the
onboarding date is "met". By business date: an onboarding found fine as it was fed is
judged again once the whole history is in, against a "not met" assessment recorded later
but dated on or before it."""

from __future__ import annotations

from datetime import date

from domain.events import PartnerOnboarded
from domain.reference import CRITERIA
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, Violation
from projections.events import LedgerEvent, on


class R2(Check):
    code = "R2"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        # (position, onboarding date, partner) of the onboardings found fine as fed
        self.onboardings: list[tuple[int, date, str]] = []

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
        else:
            self.onboardings.append((e.position, day, e.subject))

    def conclude(self, ending: Ending) -> list[Violation]:
        found = []
        for position, day, org_nr in self.onboardings:
            partner = self.facts.partners.get(org_nr)
            unmet = partner.not_met_since(day, position) if partner is not None else None
            if unmet is not None:
                found.append(Violation("R2", position, day, org_nr, "check.R2_dated", {
                    "day": day, "criteria": ", ".join(unmet[0]), "since": unmet[1]}))
        return found
