"""Memberships of organisations. F3: never of an ASF or an ASF interest organisation, by
substance: a registered partner's org number, or an organisation on the reference list
(``ASF_INTEREST_ORGANISATIONS``), is one whatever ``kind`` the membership is recorded as."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.commands import JoinOrganisation, LeaveOrganisation
from domain.errors import STATE, Refusal
from domain.events import MembershipFacts, MembershipLeftFacts
from domain.reference import F3_ORGANISATION_KINDS, listed_interest_organisation


class Membership(LedgerAggregate, MembershipFacts):
    KIND = "membership"

    if TYPE_CHECKING:  # state later events set
        left_on: date | None

    class Joined(LedgerAggregate.Created, MembershipFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.left_on = None

    class FactCorrected(FactCorrectedBase):
        """A joined fact (name, date, decision reference) corrected: domain.corrections."""

    class Voided(VoidedBase):
        """Joined by mistake (recorded twice, or never joined)."""

    class Left(LedgerAggregate.Event, MembershipLeftFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.left_on = self.left_on

    @property
    def is_asf_organisation(self) -> bool:
        """F3: of an ASF kind, or on the list of ASF interest organisations."""
        return (self.kind in F3_ORGANISATION_KINDS
                or listed_interest_organisation(self.name, self.org_nr) is not None)

    @classmethod
    def join(cls, cmd: JoinOrganisation, is_registered_partner: bool, actor: str) -> Membership:
        # F3: an ASF (a registered partner is one by definition) or an ASF interest organisation.
        if cmd.kind in F3_ORGANISATION_KINDS or is_registered_partner:
            raise Refusal("F3", "refusal.F3_join", name=cmd.name, kind=cmd.kind)
        listed = listed_interest_organisation(cmd.name, cmd.org_nr)
        if listed is not None:
            raise Refusal("F3", "refusal.F3_listed", name=cmd.name, kind=cmd.kind,
                          listed=listed.name, source=listed.source)
        membership: Membership = cls._open(
            cls.Joined, cmd.ref, name=cmd.name, org_nr=cmd.org_nr, kind=cmd.kind,
            joined_on=cmd.joined_on, decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)
        return membership

    def leave(self, cmd: LeaveOrganisation, actor: str) -> None:
        if self.left_on is not None:
            raise Refusal(STATE, "refusal.already_left", ref=self.key, day=self.left_on)
        if cmd.left_on < self.joined_on:
            raise Refusal(STATE, "refusal.date_before", subject=self.key, field="left_on",
                          day=cmd.left_on, other=self.joined_on)
        self.trigger_event(self.Left, left_on=cmd.left_on, actor=actor, note=cmd.note)
