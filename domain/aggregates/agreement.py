"""An agreement with a partner: procurement, reserved procurement, IOP or cooperation (S2).

F1: money to a partner is payment for what the association buys under an agreement of a
kind that pays (``PAYING_AGREEMENT_KINDS``): linked to it, charged against the value
recorded when it was signed (R5)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.charged import ChargedBase, ChargeReversedBase, charge_within
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.aggregates.ended import EndedBase, end_early
from domain.aggregates.partner import Partner, require_active_partner, require_criteria_hold
from domain.commands import EndAgreement, SignAgreement
from domain.events import AgreementFacts
from domain.reference import PAYING_AGREEMENT_KINDS
from domain.span import DateSpan
from domain.values import parse_sek


class Agreement(LedgerAggregate, AgreementFacts):
    KIND = "agreement"

    if TYPE_CHECKING:  # state later events set
        ended_on: date | None
        charged_ore: int
        charges: dict[str, int]  # expenditure ref → öre charged, until reversed

    class Signed(LedgerAggregate.Created, AgreementFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.ended_on = None
            aggregate.charged_ore = 0
            aggregate.charges = {}

    class Charged(ChargedBase):
        """Money paid to the partner under this agreement (its twin is the expenditure)."""

    class ChargeReversed(ChargeReversedBase):
        """The twin of an ``Expenditure.Reversed``: the value is free again."""

    class FactCorrected(FactCorrectedBase):
        """A signed fact (dates, value, decision reference) corrected: domain.corrections."""

    class Voided(VoidedBase):
        """Signed by mistake: it no longer counts for R4 or in the report."""

    class Ended(EndedBase):
        """Ended before its end date: not running from ``ended_on``."""

    @classmethod
    def sign(cls, cmd: SignAgreement, partner: Partner, actor: str) -> Agreement:
        require_active_partner(partner, cmd.starts_on, "sign_agreement", cmd.ref)
        require_criteria_hold(partner, cmd.starts_on, "sign_agreement", cmd.ref)
        value = parse_sek(cmd.value_sek) if cmd.value_sek is not None else None
        agreement: Agreement = cls._open(
            cls.Signed, cmd.ref, org_nr=partner.org_nr, kind=cmd.kind, starts_on=cmd.starts_on,
            ends_on=cmd.ends_on, value_ore=value, scope=cmd.scope, decision_ref=cmd.decision_ref,
            actor=actor, note=cmd.note)
        partner.link_agreement(cmd.ref, actor)
        return agreement

    def end(self, cmd: EndAgreement, actor: str) -> None:
        end_early(self, cmd.ended_on, reason=cmd.reason, actor=actor, note=cmd.note)

    def is_active_on(self, day: date) -> bool:
        """Inclusive of ``ends_on``; inactive from the day it was ended (SPEC §4)."""
        return not self.voided and DateSpan(self.starts_on, self.ends_on,
                                            self.ended_on).covers(day)

    @property
    def pays(self) -> bool:
        """F1: an agreement under which the association buys (IOP or procurement)."""
        return self.kind in PAYING_AGREEMENT_KINDS

    def charge(self, expenditure_ref: str, paid_on: date, amount_ore: int, actor: str) -> None:
        # R5: never more than the value recorded when it was signed, in total.
        charge_within(self, self.value_ore, expenditure_ref, paid_on, amount_ore, actor)
