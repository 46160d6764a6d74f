"""F4: no skills development for ASF staff, by substance: the purpose
``asf_staff_development``; and education, a course, coaching or consulting (any purpose)
for ASF staff, or paid to or for an ASF (its payee, or a linked agreement or effort, is a
partner) and not for participants of the target group."""

from __future__ import annotations

from domain.events import ExpenditureRecorded
from domain.reference import skills_for_asf_staff
from projections.compliance.check import ForbiddenPurpose, Reads
from projections.events import LedgerEvent, on


class F4(ForbiddenPurpose):
    code = "F4"
    detail = "check.F4"

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.skills)]

    def skills(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        self.expenditure(e, x)  # the purpose asf_staff_development
        # No skills service is never F4's (skills_for_asf_staff): whether the money is for
        # an ASF (a payee's org number, Luhn and all) is asked only of one that is.
        if (x.purpose != "asf_staff_development" and x.skills_service is not None
                and skills_for_asf_staff(x.skills_service, x.beneficiaries,
                                         self.facts.for_asf(x))):
            self.flag(e, x.paid_on, "check.F4_staff", service=x.skills_service,
                      beneficiaries=x.beneficiaries)
