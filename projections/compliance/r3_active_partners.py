"""R3: agreements, supervisor fundings and efforts start only with a partner active on the
start date (a corrected start date included), and a partner with those is never voided.
By business date: a start found fine as it was fed is judged again once the whole history
is in, against an offboarding recorded later but dated on or before it."""

from __future__ import annotations

from datetime import date

from domain.corrections import fact_value
from domain.events import (
    AgreementFactCorrected,
    AgreementSigned,
    EffortFactCorrected,
    EffortStarted,
    PartnerVoided,
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
)
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, Violation
from projections.events import LedgerEvent, on


class R3(Check):
    code = "R3"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        # (position, start date, org_nr, subject) of the starts found fine as they were fed
        self.starts: list[tuple[int, date, str, str]] = []

    def reads(self) -> Reads:
        return [
            on(AgreementSigned, self.started),
            on(SupervisorFundingDecided, self.started),
            on(EffortStarted, self.started),
            on(SupervisorFundingFactCorrected, self.funding_corrected),
            on(EffortFactCorrected, self.effort_corrected),
            on(AgreementFactCorrected, self.agreement_corrected),
            on(PartnerVoided, self.partner_voided),
        ]

    def started(self, e: LedgerEvent,
                x: AgreementSigned | SupervisorFundingDecided | EffortStarted) -> None:
        self.start(e, x.org_nr, x.starts_on)

    def start(self, e: LedgerEvent, org_nr: str, day: date) -> None:
        self.tally.examined += 1
        partner = self.facts.partners.get(org_nr)
        if partner is None or not partner.active_on(day):
            self.flag(e, day, "check.R3", org_nr=org_nr)
        else:
            self.starts.append((e.position, day, org_nr, e.subject))

    def funding_corrected(self, e: LedgerEvent, x: SupervisorFundingFactCorrected) -> None:
        funding = self.facts.fundings.get(e.subject_id)
        if funding is not None and x.field == "starts_on":
            self.start(e, funding.org_nr, fact_value(x.field, x.new))

    def effort_corrected(self, e: LedgerEvent, x: EffortFactCorrected) -> None:
        if e.subject in self.facts.efforts and x.field == "starts_on":
            self.start(e, self.facts.effort_partners.get(e.subject, ""),
                       fact_value(x.field, x.new))

    def agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        agreement = self.facts.agreements.get(e.subject)
        if agreement is not None and x.field == "starts_on":
            self.start(e, agreement.org_nr, fact_value(x.field, x.new))

    def partner_voided(self, e: LedgerEvent, x: PartnerVoided) -> None:
        self.tally.examined += 1
        partner = self.facts.partners.get(e.subject)
        # What was decided with the partner needs it; a void leaves it without.
        dependents = [*self.facts.agreements_of.get(e.subject, ())]
        if partner is not None and partner.onboardings:
            dependents.insert(0, "onboarded_on")
        if dependents:
            self.flag(e, e.recorded.date(), "check.R3_void_partner",
                      dependents=", ".join(dependents))

    def conclude(self, ending: Ending) -> list[Violation]:
        found = []
        for position, day, org_nr, subject in self.starts:
            partner = self.facts.partners.get(org_nr)
            if partner is not None and not partner.active_on(day, position):
                ended = [e for s, e, _ in partner.onboardings
                         if s is not None and s <= day and e is not None and e <= day]
                found.append(Violation("R3", position, day, subject, "check.R3_dated", {
                    "org_nr": org_nr, "day": day, "ended": max(ended) if ended else "–"}))
        return found
