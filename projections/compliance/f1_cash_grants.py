"""F1: no cash grants to ASF, by substance. The purpose ``cash_grant``; and any money whose
payee is a registered partner's org number (whatever ``payee_kind`` says) that is not
payment for a procured service linked to an IOP or a procurement agreement with that
partner (the guard's ``check_paid_under_agreement``). To review: money to a partner under
an agreement whose value and scope were never recorded (it may be a grant in all but
name), until a correction records both (the proof uses the corrected state)."""

from __future__ import annotations

from domain.corrections import fact_value
from domain.events import AgreementFactCorrected, ExpenditureRecorded
from domain.reference import FORBIDDEN_PURPOSES, skills_for_asf_staff
from projections.compliance.check import ForbiddenPurpose, Reads
from projections.events import LedgerEvent, on


class F1(ForbiddenPurpose):
    code = "F1"
    detail = "check.F1"

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.money_to_asf),
                on(AgreementFactCorrected, self.agreement_corrected)]

    def money_to_asf(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        self.expenditure(e, x)  # the purpose cash_grant
        org_nr = self.facts.asf_payee(x)
        if (org_nr is None or x.purpose in FORBIDDEN_PURPOSES  # flagged under its own rule
                or x.purpose == "membership_fee"  # F3's
                or skills_for_asf_staff(x.skills_service, x.beneficiaries, True)):  # F4's
            return
        agreement = self.facts.charged_to(x)
        if agreement is None:
            self.flag(e, x.paid_on, "check.F1_to_asf", org_nr=org_nr, purpose=x.purpose,
                      agreement=x.linked_ref or "-")
            return
        recorded = self.facts.agreements[agreement]
        if recorded.value is None or recorded.scope is None:
            self.to_review(e, x.paid_on, "review.no_value", agreement=agreement)

    def agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        """A value or scope corrected in: the money paid under the agreement is no longer
        to review once both are recorded (``facts`` still holds the state before it)."""
        recorded = self.facts.agreements.get(e.subject)
        if recorded is None or x.field not in ("value_ore", "scope"):
            return
        new = fact_value(x.field, x.new)
        value = new if x.field == "value_ore" else recorded.value
        scope = new if x.field == "scope" else recorded.scope
        if value is not None and scope is not None:
            self.review = [item for item in self.review
                           if not (item.detail == "review.no_value"
                                   and item.params.get("agreement") == e.subject)]
