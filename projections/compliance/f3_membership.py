"""F3: never a member of an ASF or an ASF (interest) organisation, and no membership fee
to one: every expenditure and every membership joined is examined."""

from __future__ import annotations

from collections.abc import Mapping

from domain.reference import F3_ORGANISATION_KINDS
from projections.compliance.check import Check, Examine
from projections.events import LedgerEvent


class F3(Check):
    code = "F3"

    def reads(self) -> Mapping[str, Examine]:
        return {"Expenditure.Recorded": self.expenditure, "Membership.Joined": self.joined}

    def expenditure(self, e: LedgerEvent) -> None:
        d = e.data
        self.tally.examined += 1
        if d["purpose"] == "membership_fee" and (
                d["payee_kind"] == "partner"
                or self.facts.organisation_kinds.get(d.get("linked_ref") or "")
                in F3_ORGANISATION_KINDS):
            self.flag(e, d["paid_on"], "check.F3_fee", payee=d["payee"])

    def joined(self, e: LedgerEvent) -> None:
        d = e.data
        self.tally.examined += 1
        # A registered partner is an ASF.
        if d["kind"] in F3_ORGANISATION_KINDS or d.get("org_nr") in self.facts.partners:
            self.flag(e, d["joined_on"], "check.F3_member", name=d["name"], kind=d["kind"])
