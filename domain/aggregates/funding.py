"""Supervisor funding (I3): a supervisor employed by a party supports the target group at an
ASF; payments go to that employer (R1) and never exceed the decided amount (R5)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.aggregates.ended import EndedBase, end_early
from domain.aggregates.partner import Partner, require_active_partner, require_criteria_hold
from domain.commands import DecideSupervisorFunding, EndSupervisorFunding, PaySupervisorFunding
from domain.errors import DUPLICATE, STATE, Refusal
from domain.events import (
    SupervisorFundingFacts,
    SupervisorFundingPaidFacts,
    SupervisorFundingPaymentReversedFacts,
)
from domain.money import Money
from domain.reference import PARTIES
from domain.span import DateSpan
from domain.values import parse_sek


class SupervisorFunding(LedgerAggregate, SupervisorFundingFacts):
    KIND = "supervisor_funding"

    if TYPE_CHECKING:  # state later events set
        ended_on: date | None
        paid_ore: int
        vouchers: list[str]
        # voucher → (paid_on, öre, payee, version of the Paid event), until reversed
        payments: dict[str, tuple[date, int, str, int]]

    class Decided(LedgerAggregate.Created, SupervisorFundingFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.ended_on = None
            aggregate.paid_ore = 0
            aggregate.vouchers = []
            aggregate.payments = {}

    class Paid(LedgerAggregate.Event, SupervisorFundingPaidFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.paid_ore += self.amount_ore
            aggregate.vouchers.append(self.voucher_ref)
            aggregate.payments[self.voucher_ref] = (self.paid_on, self.amount_ore, self.payee,
                                                    self.originator_version)

    class Ended(EndedBase):
        """Ended before its end date: not running from ``ended_on``."""

    class PaymentReversed(LedgerAggregate.Event, SupervisorFundingPaymentReversedFacts):
        """A whole payment reversed (a reversing entry): the net paid no longer counts it.
        It repeats what it reverses, so a reader needs nothing else to net it."""

        def apply(self, aggregate: Any) -> None:
            aggregate.paid_ore -= self.amount_ore
            aggregate.payments.pop(self.voucher_ref, None)

    class FactCorrected(FactCorrectedBase):
        """A decided fact (amount, dates) corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Decided by mistake (e.g. on the wrong partner), with no payment standing."""

    @classmethod
    def decide(cls, cmd: DecideSupervisorFunding, partner: Partner,
               actor: str) -> SupervisorFunding:
        # R1: the supervisor is employed by one of the four parties.
        if cmd.employer not in PARTIES:
            raise Refusal("R1", "refusal.R1_employer", employer=cmd.employer,
                          parties=", ".join(PARTIES))
        require_active_partner(partner, cmd.starts_on, "decide_supervisor_funding", cmd.ref)
        require_criteria_hold(partner, cmd.decided_on, "decide_supervisor_funding", cmd.ref)
        funding: SupervisorFunding = cls._open(
            cls.Decided, cmd.ref, org_nr=partner.org_nr, employer=cmd.employer,
            amount_ore=parse_sek(cmd.amount_sek), decided_on=cmd.decided_on,
            starts_on=cmd.starts_on, ends_on=cmd.ends_on, fte_percent=cmd.fte_percent,
            target_groups=list(dict.fromkeys(cmd.target_groups)),
            decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)
        return funding

    def pay(self, cmd: PaySupervisorFunding, partner: Partner, actor: str) -> None:
        # R1: payments for the funding go to the employer party.
        if cmd.payee != self.employer:
            raise Refusal("R1", "refusal.R1_payee", payee=cmd.payee, employer=self.employer,
                          ref=self.key)
        if cmd.voucher_ref in self.vouchers:
            raise Refusal(DUPLICATE, "refusal.duplicate_voucher", voucher=cmd.voucher_ref,
                          ref=self.key)
        if cmd.paid_on < self.decided_on:
            raise Refusal(STATE, "refusal.date_before", subject=self.key, field="paid_on",
                          day=cmd.paid_on, other=self.decided_on)
        # R9: a decided funding is not paid while the partner does not meet the criteria.
        require_criteria_hold(partner, cmd.paid_on, "pay_supervisor_funding", self.key)
        amount = parse_sek(cmd.amount_sek)
        # R5: never more than decided. Paying after ends_on is normal (costs in arrears).
        if self.paid_ore + amount > self.amount_ore:
            raise Refusal("R5", "refusal.R5_exceeds", ref=self.key,
                          amount=Money(amount), spent=Money(self.paid_ore),
                          limit=Money(self.amount_ore))
        self.trigger_event(self.Paid, voucher_ref=cmd.voucher_ref, paid_on=cmd.paid_on,
                           amount_ore=amount, payee=cmd.payee, actor=actor, note=cmd.note)

    def end(self, cmd: EndSupervisorFunding, actor: str) -> None:
        end_early(self, cmd.ended_on, reason=cmd.reason, actor=actor, note=cmd.note)

    def is_running_on(self, day: date) -> bool:
        """Inclusive of ``ends_on``; not running from the day it was ended."""
        return DateSpan(self.starts_on, self.ends_on, self.ended_on).covers(day)
