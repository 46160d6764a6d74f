"""R4: money to a partner needs an agreement with it active on the payment date; an
agreement corrected (its dates) or voided later must still cover the payments made under
it: those are judged again once the whole history is in, against the corrected agreements,
and a payment left without one is flagged at the correction that left it so. By business
date likewise: a payment found fine as it was fed is judged again against an agreement's
end recorded later but dated on or before it, and flagged at the payment."""

from __future__ import annotations

from datetime import date

from domain.events import AgreementFactCorrected, AgreementVoided, ExpenditureRecorded
from projections.compliance.check import Check, Reads
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, Violation
from projections.events import LedgerEvent, on


class R4(Check):
    code = "R4"

    def __init__(self, facts: Facts) -> None:
        super().__init__(facts)
        # partner → (position, paid_on) of the payments found covered as fed
        self.paid: dict[str, list[tuple[int, date]]] = {}
        # (position, agreement ref, partner) of each correction of an agreement's dates
        # and each void
        self.changed: list[tuple[int, str, str]] = []
        # (position, payment date, partner, subject) of the payments found fine as fed
        self.fine: list[tuple[int, date, str, str]] = []

    def reads(self) -> Reads:
        return [
            on(ExpenditureRecorded, self.expenditure),
            on(AgreementFactCorrected, self.agreement_corrected),
            on(AgreementVoided, self.agreement_changed),
        ]

    def expenditure(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        if x.payee_kind != "partner":
            return
        self.tally.examined += 1
        day, agreements = x.paid_on, self.facts.agreements
        if not any(agreements[ref].active_on(day)
                   for ref in self.facts.agreements_of.get(x.payee, ())):
            self.flag(e, day, "check.R4", org_nr=x.payee)
        else:
            self.paid.setdefault(x.payee, []).append((e.position, day))
            self.fine.append((e.position, day, x.payee, e.subject))

    def agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        if x.field in ("starts_on", "ends_on"):
            self.agreement_changed(e, x)

    def agreement_changed(self, e: LedgerEvent,
                          x: AgreementFactCorrected | AgreementVoided) -> None:
        agreement = self.facts.agreements.get(e.subject)
        if agreement is not None:
            self.tally.examined += 1
            self.changed.append((e.position, e.subject, agreement.org_nr))

    def conclude(self, ending: Ending) -> list[Violation]:
        found: list[Violation] = []
        judged: set[int] = set()
        agreements = self.facts.agreements
        for position, ref, org_nr in self.changed:
            refs = self.facts.agreements_of.get(org_nr, ())
            for paid_at, day in self.paid.get(org_nr, ()):
                if paid_at in judged or paid_at > position:
                    continue
                if not any(agreements[r].active_on(day) for r in refs if r in agreements):
                    judged.add(paid_at)
                    found.append(Violation("R4", position, day, ref, "check.R4_corrected", {
                        "org_nr": org_nr, "day": day, "agreement": ref}))
        for position, day, org_nr, subject in self.fine:
            refs = self.facts.agreements_of.get(org_nr, ())
            if position in judged or any(agreements[r].active_on(day, position)
                                         for r in refs if r in agreements):
                continue
            ended = sorted((a.ended_on, r) for r in refs if r in agreements
                           if (a := agreements[r]).ended_on is not None
                           and a.starts_on <= day and a.ended_on <= day)
            agreement, end = (ended[-1][1], ended[-1][0]) if ended else ("–", "–")
            found.append(Violation("R4", position, day, subject, "check.R4_dated", {
                "org_nr": org_nr, "day": day, "agreement": agreement, "ended": end}))
        return found
