"""F1: no cash grants to ASF, by substance. The purpose ``cash_grant``; and any money whose
payee is a registered partner's org number (whatever ``payee_kind`` says) that is not
payment for a procured service linked to an IOP or a procurement agreement with that
partner (the guard's ``check_paid_under_agreement``). To review: money to a partner under
an agreement whose value and scope were never recorded (it may be a grant in all but
name)."""

from __future__ import annotations

from domain.events import ExpenditureRecorded
from domain.reference import FORBIDDEN_PURPOSES, skills_for_asf_staff
from projections.compliance.check import ForbiddenPurpose, Reads
from projections.events import LedgerEvent, on


class F1(ForbiddenPurpose):
    code = "F1"
    detail = "check.F1"

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.money_to_asf)]

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
