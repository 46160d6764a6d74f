"""A partner: an ASF assessed against C1–C4 and onboarded under R2."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase, VoidedBase
from domain.commands import AssessCriterion, OffboardPartner, OnboardPartner, RegisterPartner
from domain.errors import STATE, Refusal
from domain.events import (
    PartnerAgreementLinkedFacts,
    PartnerCriterionAssessedFacts,
    PartnerDecisionLinkedFacts,
    PartnerFacts,
    PartnerOffboardedFacts,
    PartnerOnboardedFacts,
)
from domain.reference import CRITERIA
from domain.span import DateSpan


class Partner(LedgerAggregate, PartnerFacts):
    KIND = "partner"

    if TYPE_CHECKING:  # its key as org_nr, and the state later events set
        org_nr: str
        # criterion → [(assessed_on, met, evidence)] in recording order
        assessments: dict[str, list[tuple[date, bool, str]]]
        # each onboarding: from onboarded_on, stopped on offboarded_on (not active that day)
        onboardings: list[DateSpan]
        agreement_refs: list[str]
        # (kind, ref) of the fundings, efforts and payments decided for it, by their refs:
        # what an earlier-dated decision is judged against (domain/dated.py)
        decision_refs: list[tuple[str, str]]

    class Registered(LedgerAggregate.Created, PartnerFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.org_nr = self.key
            aggregate.assessments = {}
            aggregate.onboardings = []
            aggregate.agreement_refs = []
            aggregate.decision_refs = []

    class CriterionAssessed(LedgerAggregate.Event, PartnerCriterionAssessedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.assessments.setdefault(self.criterion, []).append(
                (self.assessed_on, self.met, self.evidence))

    class Onboarded(LedgerAggregate.Event, PartnerOnboardedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.onboardings.append(DateSpan(self.onboarded_on))

    class Offboarded(LedgerAggregate.Event, PartnerOffboardedFacts):
        def apply(self, aggregate: Any) -> None:
            aggregate.onboardings[-1] = aggregate.onboardings[-1].stopped(self.offboarded_on)

    class AgreementLinked(LedgerAggregate.Event, PartnerAgreementLinkedFacts):
        """Kept on the partner so R4 can find the partner's agreements by their refs."""

        def apply(self, aggregate: Any) -> None:
            aggregate.agreement_refs.append(self.agreement_ref)

    class DecisionLinked(LedgerAggregate.Event, PartnerDecisionLinkedFacts):
        """Kept on the partner so that an offboarding or an assessment dated before a
        funding, an effort or a payment for it is judged against them (business dates)."""

        def apply(self, aggregate: Any) -> None:
            if not hasattr(aggregate, "decision_refs"):  # a partner recorded before them
                aggregate.decision_refs = []
            aggregate.decision_refs.append((self.kind, self.ref))

    class FactCorrected(FactCorrectedBase):
        """A registered fact (name, districts) corrected: see domain.corrections."""

    class Voided(VoidedBase):
        """Registered by mistake (e.g. twice): no longer a partner anywhere."""

    @classmethod
    def register(cls, cmd: RegisterPartner, actor: str) -> Partner:
        partner: Partner = cls._open(
            cls.Registered, cmd.org_nr, name=cmd.name, legal_form=cmd.legal_form,
            districts=list(dict.fromkeys(cmd.districts)), actor=actor, note=cmd.note)
        return partner

    def assess(self, cmd: AssessCriterion, actor: str) -> None:
        self.trigger_event(self.CriterionAssessed, criterion=cmd.criterion, met=cmd.met,
                           evidence=cmd.evidence, assessed_on=cmd.assessed_on, actor=actor,
                           note=cmd.note)

    def latest_assessment(self, criterion: str, on: date) -> tuple[date, bool, str] | None:
        """The assessment in force on ``on``: the latest dated, and of those the last recorded."""
        latest: tuple[date, bool, str] | None = None
        for assessment in self.assessments.get(criterion, []):
            if assessment[0] <= on and (latest is None or assessment[0] >= latest[0]):
                latest = assessment
        return latest

    def unmet_criteria(self, on: date) -> list[str]:
        unmet = []
        for code in CRITERIA:
            latest = self.latest_assessment(code, on)
            if latest is None or not latest[1]:
                unmet.append(code)
        return unmet

    def criteria_not_met_since(self, on: date) -> tuple[list[str], date] | None:
        """R9: the criteria whose latest assessment on ``on`` is "not met", and the day of
        the earliest of those assessments; None when no assessment says "not met"."""
        unmet: list[str] = []
        since: date | None = None
        for code in CRITERIA:
            latest = self.latest_assessment(code, on)
            if latest is not None and not latest[1]:
                unmet.append(code)
                since = latest[0] if since is None else min(since, latest[0])
        return None if since is None else (unmet, since)

    def is_active_on(self, day: date) -> bool:
        """Onboarded on or before ``day`` and not offboarded on or before it."""
        return any(span.covers(day) for span in self.onboardings)

    @property
    def is_onboarded(self) -> bool:
        return bool(self.onboardings) and self.onboardings[-1].stop is None

    def onboard(self, cmd: OnboardPartner, actor: str) -> None:
        if self.is_onboarded:
            raise Refusal(STATE, "refusal.partner_already_onboarded", org_nr=self.org_nr)
        last_offboarded = self.onboardings[-1].stop if self.onboardings else None
        if last_offboarded is not None and cmd.onboarded_on < last_offboarded:
            raise Refusal(STATE, "refusal.date_before", subject=self.org_nr,
                          field="onboarded_on", day=cmd.onboarded_on, other=last_offboarded)
        # R2: every criterion C1–C4 met by its latest assessment on the onboarding date.
        unmet = self.unmet_criteria(cmd.onboarded_on)
        if unmet:
            raise Refusal("R2", "refusal.R2_unmet", org_nr=self.org_nr,
                          criteria=", ".join(unmet), day=cmd.onboarded_on)
        self.trigger_event(self.Onboarded, onboarded_on=cmd.onboarded_on,
                           decision_ref=cmd.decision_ref, actor=actor, note=cmd.note)

    def offboard(self, cmd: OffboardPartner, actor: str) -> None:
        if not self.is_onboarded:
            raise Refusal(STATE, "refusal.partner_not_onboarded", org_nr=self.org_nr)
        start = self.onboardings[-1].start
        if cmd.offboarded_on < start:
            raise Refusal(STATE, "refusal.date_before", subject=self.org_nr,
                          field="offboarded_on", day=cmd.offboarded_on, other=start)
        self.trigger_event(self.Offboarded, offboarded_on=cmd.offboarded_on,
                           reason=cmd.reason, actor=actor, note=cmd.note)

    def link_agreement(self, ref: str, actor: str) -> None:
        self.trigger_event(self.AgreementLinked, agreement_ref=ref, actor=actor, note=None)

    def link_decision(self, kind: str, ref: str, actor: str) -> None:
        """A funding, an effort or a payment to the partner, linked here so that the
        guards see it by business date (domain/dated.py)."""
        self.trigger_event(self.DecisionLinked, kind=kind, ref=ref, actor=actor, note=None)


def require_active_partner(partner: Partner, day: date, what: str, ref: str) -> None:
    """R3: agreements, fundings and efforts only with partners active on their start date."""
    if not partner.is_active_on(day):
        raise Refusal("R3", "refusal.R3_inactive", org_nr=partner.org_nr, day=day,
                      what=what, ref=ref)


def require_criteria_hold(partner: Partner, day: date, what: str, ref: str) -> None:
    """R9: no new agreement, funding, effort or payment for a partner whose latest
    assessment of any of C1–C4 on ``day`` is "not met"."""
    found = partner.criteria_not_met_since(day)
    if found is not None:
        unmet, since = found
        raise Refusal("R9", "refusal.R9_unmet", what=what, ref=ref, org_nr=partner.org_nr,
                      criteria=", ".join(unmet), day=day, since=since)

