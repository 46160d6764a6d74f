"""R9: the criteria C1–C4 hold at every decision for a partner (an agreement, a funding and
its payments, an effort, money to the partner or to its effort), not only at onboarding:
by the decision's business date, no criterion's latest assessment (whenever recorded) is
"not met". Judged once the whole history is in (a later assessment may be dated before)."""

from __future__ import annotations

from datetime import date

from domain.corrections import fact_value
from domain.events import (
    AgreementFactCorrected,
    AgreementSigned,
    EffortStarted,
    ExpenditureRecorded,
    SupervisorFundingDecided,
    SupervisorFundingPaid,
)
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, Violation
from projections.events import LedgerEvent, on


class R9(Check):
    code = "R9"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        # (position, business date, partner, subject) of each decision for a partner
        self.decisions: list[tuple[int, date, str, str]] = []

    def reads(self) -> Reads:
        return [
            on(AgreementSigned, self.started),
            on(AgreementFactCorrected, self.agreement_corrected),
            on(SupervisorFundingDecided, self.funding_decided),
            on(SupervisorFundingPaid, self.funding_paid),
            on(EffortStarted, self.started),
            on(ExpenditureRecorded, self.expenditure),
        ]

    def decision(self, e: LedgerEvent, org_nr: str, day: date) -> None:
        self.tally.examined += 1
        self.decisions.append((e.position, day, org_nr, e.subject))

    def started(self, e: LedgerEvent, x: AgreementSigned | EffortStarted) -> None:
        self.decision(e, x.org_nr, x.starts_on)

    def agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        # Judged again on the corrected start date (the original's stays judged too).
        agreement = self.facts.agreements.get(e.subject)
        if agreement is not None and x.field == "starts_on":
            self.decision(e, agreement.org_nr, fact_value(x.field, x.new))

    def funding_decided(self, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
        self.decision(e, x.org_nr, x.decided_on)

    def funding_paid(self, e: LedgerEvent, x: SupervisorFundingPaid) -> None:
        funding = self.facts.fundings.get(e.subject_id)
        if funding is not None:
            self.decision(e, funding.org_nr, x.paid_on)

    def expenditure(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        day, payee = x.paid_on, x.payee
        if x.payee_kind == "partner":
            self.decision(e, payee, day)
        if x.purpose == "effort_financing":
            effort_partner = self.facts.effort_partners.get(x.linked_ref or "")
            if effort_partner is not None and effort_partner != payee:
                self.decision(e, effort_partner, day)

    def conclude(self, ending: Ending) -> list[Violation]:
        found = []
        for position, day, org_nr, subject in self.decisions:
            partner = self.facts.partners.get(org_nr)
            unmet = partner.not_met_since(day, position) if partner is not None else None
            if unmet is not None:
                found.append(Violation("R9", position, day, subject, "check.R9", {
                    "org_nr": org_nr, "criteria": ", ".join(unmet[0]), "since": unmet[1]}))
        return found
