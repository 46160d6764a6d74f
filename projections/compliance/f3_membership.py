"""F3: never a member of an ASF or an ASF (interest) organisation, by substance, and no
membership fee to one: a registered partner's org number, an organisation on the reference
list of ASF interest organisations (``domain.reference.ASF_INTEREST_ORGANISATIONS``), or
one of an ASF kind, whatever ``kind`` the membership is recorded as. Every expenditure and
every membership joined is examined."""

from __future__ import annotations

from domain.events import ExpenditureRecorded, MembershipJoined
from domain.reference import F3_ORGANISATION_KINDS, listed_interest_organisation
from projections.compliance.check import Check, Reads
from projections.events import LedgerEvent, on


class F3(Check):
    code = "F3"

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.expenditure), on(MembershipJoined, self.joined)]

    def expenditure(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        self.tally.examined += 1
        if x.purpose == "membership_fee" and (
                x.payee_kind == "partner" or self.facts.asf_payee(x) is not None
                or (x.linked_ref or "") in self.facts.asf_organisations):
            self.flag(e, x.paid_on, "check.F3_fee", payee=x.payee)

    def joined(self, e: LedgerEvent, x: MembershipJoined) -> None:
        self.tally.examined += 1
        # A registered partner is an ASF.
        if x.kind in F3_ORGANISATION_KINDS or x.org_nr in self.facts.partners:
            self.flag(e, x.joined_on, "check.F3_member", name=x.name, kind=x.kind)
        elif (listed := listed_interest_organisation(x.name, x.org_nr)) is not None:
            self.flag(e, x.joined_on, "check.F3_listed", name=x.name, kind=x.kind,
                      listed=listed.name)
