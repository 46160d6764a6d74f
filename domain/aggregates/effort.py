"""Efforts at an ASF (I1, I2): a budget, participants counted by target group, outcomes."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.charged import ChargedBase, ChargeReversedBase, charge_within
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.aggregates.partner import Partner, require_active_partner, require_criteria_hold
from domain.commands import CompleteEffort, ReportOutcomes, ReportParticipants, StartEffort
from domain.errors import STATE, Refusal
from domain.events import (
    EffortCompletedFacts,
    EffortFacts,
    EffortOutcomesReportedFacts,
    EffortParticipantsReportedFacts,
)
from domain.span import DateSpan
from domain.tally import group_totals, summed_within
from domain.values import parse_report_period, parse_sek


class Effort(LedgerAggregate, EffortFacts):
    KIND = "effort"

    if TYPE_CHECKING:  # state later events set
        completed_on: date | None
        charged_ore: int
        charges: dict[str, int]  # expenditure ref → öre charged, until reversed
        # period → target group → {"women", "men", "other"}; a later report of a period replaces
        participants: dict[str, dict[str, dict[str, int]]]
        # period → when its report was recorded (a new report says what it replaces)
        participants_recorded: dict[str, datetime]
        outcomes: dict[str, dict[str, int]]

    class Started(LedgerAggregate.Created, EffortFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.completed_on = None
            aggregate.charged_ore = 0
            aggregate.charges = {}
            aggregate.participants = {}
            aggregate.participants_recorded = {}
            aggregate.outcomes = {}

    class ParticipantsReported(LedgerAggregate.Event, EffortParticipantsReportedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.participants[self.period] = {g: dict(c) for g, c in self.counts.items()}
            aggregate.participants_recorded[self.period] = self.timestamp

    class OutcomesReported(LedgerAggregate.Event, EffortOutcomesReportedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.outcomes[self.period] = {
                "work": self.work, "studies": self.studies, "job_seeking": self.job_seeking,
                "other": self.other}

    class Completed(LedgerAggregate.Event, EffortCompletedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.completed_on = self.completed_on

    class Charged(ChargedBase):
        """Expenditure recorded against this effort's budget (its twin is on the expenditure)."""

    class ChargeReversed(ChargeReversedBase):
        """The twin of an ``Expenditure.Reversed``: the budget is free again."""

    class FactCorrected(FactCorrectedBase):
        """A decided fact (budget, dates) corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Decided by mistake, with nothing charged or reported on it."""

    @classmethod
    def start(cls, cmd: StartEffort, partner: Partner, actor: str) -> Effort:
        require_active_partner(partner, cmd.starts_on, "start_effort", cmd.ref)
        require_criteria_hold(partner, cmd.starts_on, "start_effort", cmd.ref)
        effort: Effort = cls._open(
            cls.Started, cmd.ref, org_nr=partner.org_nr, measure=cmd.measure,
            run_by=cmd.run_by, starts_on=cmd.starts_on, ends_on=cmd.ends_on,
            budget_ore=parse_sek(cmd.budget_sek), decision_ref=cmd.decision_ref, actor=actor,
            note=cmd.note)
        return effort

    def report_participants(self, cmd: ReportParticipants, actor: str) -> None:
        counts = {group: {"women": c.women, "men": c.men, "other": c.other}
                  for group, c in cmd.counts.items()}
        self.trigger_event(self.ParticipantsReported, period=cmd.period, counts=counts,
                           actor=actor, note=cmd.note)

    def participants_within(self, period: str) -> int:
        """The participants reported for ``period`` (the reports within it), as the board
        report counts them (``domain.tally``)."""
        return sum(summed_within(((code, group_totals(counts))
                                  for code, counts in self.participants.items()),
                                 parse_report_period(period)).values())

    def report_outcomes(self, cmd: ReportOutcomes, actor: str) -> None:
        # Not a rule of the policy but of counting (a `state` refusal, no proof check):
        # an outcome is a participant's, so there are never more outcomes than
        # participants reported for the effort and period.
        outcomes = cmd.work + cmd.studies + cmd.job_seeking + cmd.other
        participants = self.participants_within(cmd.period)
        if outcomes > participants:
            raise Refusal(STATE, "refusal.outcomes_exceed_participants", ref=self.key,
                          period=cmd.period, outcomes=outcomes, participants=participants)
        self.trigger_event(self.OutcomesReported, period=cmd.period, work=cmd.work,
                           studies=cmd.studies, job_seeking=cmd.job_seeking, other=cmd.other,
                           actor=actor, note=cmd.note)

    def complete(self, cmd: CompleteEffort, actor: str) -> None:
        if self.completed_on is not None:
            raise Refusal(STATE, "refusal.already_completed", ref=self.key,
                          day=self.completed_on)
        if cmd.completed_on < self.starts_on:
            raise Refusal(STATE, "refusal.date_before", subject=self.key, field="completed_on",
                          day=cmd.completed_on, other=self.starts_on)
        self.trigger_event(self.Completed, completed_on=cmd.completed_on, actor=actor,
                           note=cmd.note)

    def charge(self, expenditure_ref: str, paid_on: date, amount_ore: int, actor: str) -> None:
        # R5: the effort's budget is never exceeded.
        charge_within(self, self.budget_ore, expenditure_ref, paid_on, amount_ore, actor)

    def is_active_on(self, day: date) -> bool:
        """Inclusive of ``ends_on``; not running from the day it was completed."""
        return DateSpan(self.starts_on, self.ends_on, self.completed_on).covers(day)
