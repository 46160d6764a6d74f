"""What the history has said so far that several rules read: partners (their onboardings
and assessments), agreements, fundings, efforts, adopted plans, board meetings, the memberships
F3 forbids and the day of the first decision. ``ComplianceProof`` feeds each event to
the checks first (they judge it against the history before it), then here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.corrections import fact_value
from domain.events import (
    ActionPlanAdopted,
    ActionPlanVoided,
    AgreementEnded,
    AgreementFactCorrected,
    AgreementSigned,
    AgreementVoided,
    BoardMeetingFactCorrected,
    BoardMeetingHeld,
    BoardMeetingVoided,
    EffortStarted,
    EffortVoided,
    Event,
    ExpenditureRecorded,
    MembershipJoined,
    MembershipVoided,
    PartnerCriterionAssessed,
    PartnerOffboarded,
    PartnerOnboarded,
    PartnerRegistered,
    PartnerVoided,
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
)
from domain.reference import (
    CRITERIA,
    F3_ORGANISATION_KINDS,
    PAYING_AGREEMENT_KINDS,
    PURPOSE_PAID_TO_ASF,
    listed_interest_organisation,
)
from domain.values import payee_org_nr
from projections.events import Handler, LedgerEvent, on

# The event classes a fold reads, each with the method that examines it (``on(cls, f)``:
# mypy checks that ``f`` takes a ``cls``); the fold calls ``f(event, event.event)``.
Reads = Iterable[tuple[type[Event], Handler]]


@dataclass(slots=True)
class Partner:
    org_nr: str
    # criterion → [(assessed_on, met, position)] in recording order
    assessments: dict[str, list[tuple[date, bool, int]]] = field(default_factory=dict)
    # [onboarded_on, offboarded_on or None, the offboarding's position or 0]
    onboardings: list[list[Any]] = field(default_factory=list)
    # The earliest date of an assessment "not met" (None: none): before it, none is in
    # force, which R9 asks of every decision for the partner once the history is in.
    first_not_met: date | None = None

    def active_on(self, day: date, at: int | None = None) -> bool:
        """Onboarded on ``day`` by business dates. ``at``: the position of the decision
        judged; an offboarding dated that same day counts only if recorded before it (on
        the same day, the order of recording decides). ``DateSpan(s, stop=e).covers(day)``
        written out (R3 asks it of every start; a span a time costs more than the check;
        tests/projections/compliance/test_facts_spans.py holds them to the span's)."""
        for s, e, p in self.onboardings:
            if s is not None and s <= day and (
                    e is None or day < e or (at is not None and e == day and p > at)):
                return True
        return False

    def latest(self, code: str, day: date, at: int | None = None
               ) -> tuple[date, bool, int] | None:
        """The assessment of ``code`` in force on ``day``: the latest dated, and of those
        the last recorded. ``at``: as ``active_on`` (one dated that day and recorded after
        the decision judged does not count for it)."""
        latest: tuple[date, bool, int] | None = None
        for assessment in self.assessments.get(code, []):  # in recording order
            if at is not None and assessment[0] == day and assessment[2] > at:
                continue
            if assessment[0] <= day and (latest is None or assessment[0] >= latest[0]):
                latest = assessment
        return latest

    def not_met_since(self, day: date, at: int | None = None
                      ) -> tuple[list[str], date] | None:
        """The criteria assessed "not met" in force on ``day``, and since when."""
        if self.first_not_met is None or self.first_not_met > day:
            return None  # the assessment in force is one dated on or before the day
        unmet: list[str] = []
        since: date | None = None
        for code in CRITERIA:
            latest = self.latest(code, day, at)
            if latest is not None and not latest[1]:
                unmet.append(code)
                since = latest[0] if since is None else min(since, latest[0])
        return None if since is None else (unmet, since)


@dataclass(slots=True)
class Agreement:
    starts_on: date
    ends_on: date | None
    ended_on: date | None = None
    value: int | None = None  # öre; None: no value recorded (an older history)
    org_nr: str = ""
    ended_at: int = 0  # the position of its end
    kind: str = ""
    scope: str | None = None  # None: no scope recorded (an older history)

    def active_on(self, day: date, at: int | None = None) -> bool:
        """Active on ``day`` by business dates. ``at``: as ``Partner.active_on`` (an end
        dated that same day counts only if recorded before the decision judged).
        ``DateSpan(starts_on, ends_on, ended_on).covers(day)`` written out, as there (R4
        asks it of every payment to a partner)."""
        if self.starts_on > day or (self.ends_on is not None and day > self.ends_on):
            return False
        ended = self.ended_on
        return ended is None or day < ended or (
            at is not None and day == ended and self.ended_at > at)


@dataclass(slots=True)
class Funding:
    employer: str  # as corrected
    org_nr: str
    # voucher → payee of its payments standing (not reversed): R1 under a corrected employer
    payees: dict[str, str] = field(default_factory=dict)


class Facts:
    """The shared state of the history as it is fed (see the module's docstring)."""

    def __init__(self) -> None:
        self.partners: dict[str, Partner] = {}  # by org_nr, until voided
        self.agreements: dict[str, Agreement] = {}  # by ref, until voided
        self.agreements_of: dict[str, list[str]] = {}  # org_nr → agreement refs
        self.fundings: dict[UUID, Funding] = {}  # until voided
        self.efforts: set[str] = set()  # refs, until voided
        self.effort_partners: dict[str, str] = {}  # effort ref → org_nr
        self.adopted: dict[str, date] = {}  # plan year → the day it was first adopted
        self.closed_actions: dict[str, list[str]] = {}  # plan year → actions closed (R6)
        self.meetings: dict[str, date] = {}  # board meeting ref → held_on, until voided
        self.asf_organisations: set[str] = set()  # membership refs F3 forbids, until voided
        self.first_day: date | None = None  # the earliest business date of a decision

    def asf_payee(self, x: ExpenditureRecorded) -> str | None:
        """The org number of the registered partner (an ASF) the payee is, whatever
        ``payee_kind`` says; None when the payee is no partner."""
        org_nr = payee_org_nr(x.payee_kind, x.payee)
        return org_nr if org_nr is not None and org_nr in self.partners else None

    def for_asf(self, x: ExpenditureRecorded) -> bool:
        """Paid to or for an ASF (F4): to a partner's org number, or linked to an
        agreement or an effort (each is with a partner)."""
        linked = x.linked_ref or ""
        return (self.asf_payee(x) is not None or linked in self.agreements
                or linked in self.effort_partners)

    def charged_to(self, x: ExpenditureRecorded) -> str | None:
        """The agreement an expenditure is paid under (F1) and counted against (R5): a
        procured service paid to a partner, linked to an IOP or procurement agreement with
        that partner; None for any other expenditure."""
        org_nr = self.asf_payee(x)
        linked = self.agreements.get(x.linked_ref or "")
        if (org_nr is None or x.purpose != PURPOSE_PAID_TO_ASF or linked is None
                or linked.org_nr != org_nr or linked.kind not in PAYING_AGREEMENT_KINDS):
            return None
        return x.linked_ref

    def reads(self) -> Reads:
        return [
            on(PartnerRegistered, self._registered),
            on(PartnerCriterionAssessed, self._assessed),
            on(PartnerOnboarded, self._onboarded),
            on(PartnerOffboarded, self._offboarded),
            on(PartnerVoided, self._partner_voided),
            on(AgreementSigned, self._signed),
            on(AgreementEnded, self._ended),
            on(AgreementFactCorrected, self._agreement_corrected),
            on(AgreementVoided, self._agreement_voided),
            on(SupervisorFundingDecided, self._funding_decided),
            on(SupervisorFundingPaid, self._funding_paid),
            on(SupervisorFundingPaymentReversed, self._funding_payment_reversed),
            on(SupervisorFundingFactCorrected, self._funding_corrected),
            on(SupervisorFundingVoided, self._funding_voided),
            on(EffortStarted, self._effort_started),
            on(EffortVoided, self._effort_voided),
            on(ActionPlanAdopted, self._adopted),
            on(ActionPlanVoided, self._plan_voided),
            on(BoardMeetingHeld, self._meeting_held),
            on(BoardMeetingFactCorrected, self._meeting_corrected),
            on(BoardMeetingVoided, self._meeting_voided),
            on(ExpenditureRecorded, self._spent),
            on(MembershipJoined, self._joined),
            on(MembershipVoided, self._membership_voided),
        ]

    def _decided(self, day: date) -> None:
        """A decision dated ``day``: R8 asks for a plan from the year of the first."""
        if self.first_day is None or day < self.first_day:
            self.first_day = day

    def _registered(self, e: LedgerEvent, x: PartnerRegistered) -> None:
        self.partners[e.subject] = Partner(e.subject)

    def _assessed(self, e: LedgerEvent, x: PartnerCriterionAssessed) -> None:
        partner = self.partners.setdefault(e.subject, Partner(e.subject))
        partner.assessments.setdefault(x.criterion, []).append(
            (x.assessed_on, x.met, e.position))
        if not x.met and (partner.first_not_met is None
                          or x.assessed_on < partner.first_not_met):
            partner.first_not_met = x.assessed_on

    def _onboarded(self, e: LedgerEvent, x: PartnerOnboarded) -> None:
        self._decided(x.onboarded_on)
        self.partners.setdefault(e.subject, Partner(e.subject)).onboardings.append(
            [x.onboarded_on, None, 0])

    def _offboarded(self, e: LedgerEvent, x: PartnerOffboarded) -> None:
        partner = self.partners.get(e.subject)
        if partner and partner.onboardings:
            partner.onboardings[-1][1] = x.offboarded_on
            partner.onboardings[-1][2] = e.position

    def _partner_voided(self, e: LedgerEvent, x: PartnerVoided) -> None:
        self.partners.pop(e.subject, None)

    def _signed(self, e: LedgerEvent, x: AgreementSigned) -> None:
        self._decided(x.starts_on)
        self.agreements[e.subject] = Agreement(x.starts_on, x.ends_on, value=x.value_ore,
                                               org_nr=x.org_nr, kind=x.kind, scope=x.scope)
        self.agreements_of.setdefault(x.org_nr, []).append(e.subject)

    def _ended(self, e: LedgerEvent, x: AgreementEnded) -> None:
        agreement = self.agreements.get(e.subject)
        if agreement:
            agreement.ended_on = x.ended_on
            agreement.ended_at = e.position

    def _agreement_corrected(self, e: LedgerEvent, x: AgreementFactCorrected) -> None:
        agreement = self.agreements.get(e.subject)
        value = fact_value(x.field, x.new)
        if agreement is None:
            return
        if x.field == "starts_on":
            agreement.starts_on = value
        elif x.field == "ends_on":
            agreement.ends_on = value
        elif x.field == "value_ore":
            agreement.value = value
        elif x.field == "scope":
            agreement.scope = value

    def _agreement_voided(self, e: LedgerEvent, x: AgreementVoided) -> None:
        agreement = self.agreements.pop(e.subject, None)
        if agreement is not None:
            refs = self.agreements_of.get(agreement.org_nr, [])
            if e.subject in refs:
                refs.remove(e.subject)

    def _funding_decided(self, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
        self._decided(x.decided_on)
        self.fundings[e.subject_id] = Funding(x.employer, x.org_nr)

    def _funding_paid(self, e: LedgerEvent, x: SupervisorFundingPaid) -> None:
        self._decided(x.paid_on)
        funding = self.fundings.get(e.subject_id)
        if funding is not None:
            funding.payees[x.voucher_ref] = x.payee

    def _funding_payment_reversed(self, e: LedgerEvent,
                                  x: SupervisorFundingPaymentReversed) -> None:
        funding = self.fundings.get(e.subject_id)
        if funding is not None:
            funding.payees.pop(x.voucher_ref, None)

    def _funding_corrected(self, e: LedgerEvent, x: SupervisorFundingFactCorrected) -> None:
        funding = self.fundings.get(e.subject_id)
        if funding is not None and x.field == "employer":
            funding.employer = x.new

    def _funding_voided(self, e: LedgerEvent, x: SupervisorFundingVoided) -> None:
        self.fundings.pop(e.subject_id, None)

    def _effort_started(self, e: LedgerEvent, x: EffortStarted) -> None:
        self._decided(x.starts_on)
        self.efforts.add(e.subject)
        self.effort_partners[e.subject] = x.org_nr

    def _effort_voided(self, e: LedgerEvent, x: EffortVoided) -> None:
        self.efforts.discard(e.subject)

    def _adopted(self, e: LedgerEvent, x: ActionPlanAdopted) -> None:
        self._decided(x.adopted_on)
        self.adopted.setdefault(e.subject, x.adopted_on)

    def _plan_voided(self, e: LedgerEvent, x: ActionPlanVoided) -> None:
        self.adopted.pop(e.subject, None)  # R8 sees the year without it
        self.closed_actions.pop(e.subject, None)

    def _meeting_held(self, e: LedgerEvent, x: BoardMeetingHeld) -> None:
        self.meetings[e.subject] = x.held_on
        self._decided(x.held_on)

    def _meeting_corrected(self, e: LedgerEvent, x: BoardMeetingFactCorrected) -> None:
        if x.field == "held_on" and e.subject in self.meetings:
            self.meetings[e.subject] = fact_value(x.field, x.new)

    def _meeting_voided(self, e: LedgerEvent, x: BoardMeetingVoided) -> None:
        self.meetings.pop(e.subject, None)

    def _spent(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        self._decided(x.paid_on)

    def _joined(self, e: LedgerEvent, x: MembershipJoined) -> None:
        self._decided(x.joined_on)
        if (x.kind in F3_ORGANISATION_KINDS or x.org_nr in self.partners
                or listed_interest_organisation(x.name, x.org_nr) is not None):
            self.asf_organisations.add(e.subject)

    def _membership_voided(self, e: LedgerEvent, x: MembershipVoided) -> None:
        self.asf_organisations.discard(e.subject)
