"""The compliance proof (SPEC §5): checks written over events, separate from the guards.

Closed world: every event type is classified below; an event of an unknown type fails the
proof. Each rule F1–F4 and R1–R9 counts the events it examined and lists its violations
with position, date, subject and the policy's words. Written in the style of beancount's
plugins: small named checks over the whole history, failing loudly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from domain.aggregates.board import meeting_keys
from domain.corrections import corrected
from domain.personal_numbers import (
    contains_personal_identity_number,
    find_personal_identity_number,
)
from domain.reference import (
    CRITERIA,
    F3_ORGANISATION_KINDS,
    FORBIDDEN_PURPOSES,
    PARTIES,
    REVIEW_WORDS,
)
from domain.rules import RULES
from projections.events import UNREADABLE, LedgerEvent

RULE_CODES = tuple(RULES)  # F1–F4, R1–R9
# The violation each rule that forbids a purpose outright writes.
_PURPOSE_CHECKS = {"F1": "check.F1", "F2": "check.F2", "F4": "check.F4"}
CLOSED_WORLD = "closed_world"


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    position: int
    day: date
    subject: str
    detail: str  # catalogue key under "check."
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RuleTally:
    examined: int = 0
    violations: list[Violation] = field(default_factory=list)


@dataclass(slots=True)
class _Partner:
    org_nr: str
    # criterion → [(assessed_on, met, position)] in recording order
    assessments: dict[str, list[tuple[date, bool, int]]] = field(default_factory=dict)
    # [onboarded_on, offboarded_on or None, the offboarding's position or 0]
    onboardings: list[list[Any]] = field(default_factory=list)

    def active_on(self, day: date, at: int | None = None) -> bool:
        """Onboarded on ``day`` by business dates. ``at``: the position of the decision
        judged; an offboarding dated that same day counts only if recorded before it (on
        the same day, the order of recording decides)."""
        return any(s is not None and s <= day and (
            e is None or day < e or (at is not None and e == day and p > at))
            for s, e, p in self.onboardings)

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
        """R9: the criteria assessed "not met" in force on ``day``, and since when."""
        unmet: list[str] = []
        since: date | None = None
        for code in CRITERIA:
            latest = self.latest(code, day, at)
            if latest is not None and not latest[1]:
                unmet.append(code)
                since = latest[0] if since is None else min(since, latest[0])
        return None if since is None else (unmet, since)


@dataclass(slots=True)
class _Agreement:
    starts_on: date
    ends_on: date | None
    ended_on: date | None = None
    value: int | None = None  # öre; None: no value recorded (an older history)

    def active_on(self, day: date) -> bool:
        return (self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
                and (self.ended_on is None or day < self.ended_on))


@dataclass(slots=True)
class _Plan:
    adopted_on: date | None = None
    actions: dict[str, str] = field(default_factory=dict)  # action_id → status
    # R8: adopted at a board meeting recorded before, and held on the adoption day.
    at_meeting: bool = False


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _texts(v)


@dataclass(frozen=True, slots=True)
class Redacted:
    """A redaction the proof lists: the field of the event at ``target`` was emptied by
    the board's decision ``decision_ref``, recorded at ``position``."""

    position: int
    recorded: date
    target: int
    field: str
    decision_ref: str


class ComplianceProof:
    """Feed every event in global order, then read ``tallies`` and ``verdict``."""

    def __init__(self, as_of: date | None = None) -> None:
        # The day the history is judged on: years before its year must have ended with an
        # adopted plan (R8); its own year is still open. ``as_of``, else today.
        self.as_of = as_of
        # The checks made as events are fed; ``tallies`` adds those that need the whole
        # history (business dates, R8's years): see ``_conclude``.
        self._fed: dict[str, RuleTally] = {code: RuleTally() for code in RULE_CODES}
        self._fed[CLOSED_WORLD] = RuleTally()
        self._review: list[Violation] = []
        self._concluded: tuple[int, dict[str, RuleTally], list[Violation]] | None = None
        self._r7, self._closed_world = self._fed["R7"], self._fed[CLOSED_WORLD]
        # Every expenditure is examined for each forbidden action.
        self._forbidden_tallies = [self._fed[code] for code in ("F1", "F2", "F3", "F4")]
        self._first_day: date | None = None  # the earliest business date of a decision
        self._meetings: dict[str, date] = {}  # board meeting ref → held_on
        # R9: (position, business date, partner, subject) of each decision for a partner,
        # judged once the whole history is in (a later assessment may be dated before).
        self._r9: list[tuple[int, date, str, str]] = []
        # R3: the starts found fine as they were fed, judged again at the end.
        self._starts: list[tuple[int, date, str, str]] = []
        self.events = 0
        self.first: LedgerEvent | None = None
        self.last: LedgerEvent | None = None
        self._partners: dict[str, _Partner] = {}
        self._agreements: dict[str, _Agreement] = {}
        self._agreements_of: dict[str, list[str]] = {}
        self._fundings: dict[UUID, dict[str, Any]] = {}
        self._budgets: dict[str, list[int]] = {}  # effort ref → [budget, spent]
        self._effort_partners: dict[str, str] = {}  # effort ref → org_nr (R3, R9)
        self._reversed: set[str] = set()  # expenditure refs reversed
        self._org_kinds: dict[str, str] = {}  # membership ref → kind
        self._plans: dict[str, _Plan] = {}
        self._handlers: dict[str, Callable[[LedgerEvent], None]] = {
            "Partner.Registered": self._partner_registered,
            "Partner.CriterionAssessed": self._criterion_assessed,
            "Partner.Onboarded": self._onboarded,
            "Partner.Offboarded": self._offboarded,
            "Partner.AgreementLinked": _bookkeeping,
            "Partner.DecisionLinked": _bookkeeping,
            "Agreement.Signed": self._agreement_signed,
            "Agreement.Ended": self._agreement_ended,
            "SupervisorFunding.Decided": self._funding_decided,
            "SupervisorFunding.Paid": self._funding_paid,
            "SupervisorFunding.Ended": _bookkeeping,
            "Activity.Planned": _bookkeeping,
            "Activity.Held": _bookkeeping,
            "Activity.Cancelled": _bookkeeping,
            "StructuralWork.Logged": self._structural_logged,
            "ActionPlan.Drafted": self._plan_drafted,
            "ActionPlan.ActionAdded": self._action_added,
            "ActionPlan.Adopted": self._plan_adopted,
            "ActionPlan.ActionCompleted": self._action_closed,
            "ActionPlan.ActionDropped": self._action_closed,
            "Effort.Started": self._effort_started,
            "Effort.ParticipantsReported": _bookkeeping,
            "Effort.OutcomesReported": _bookkeeping,
            "Effort.Completed": _bookkeeping,
            # The budget is checked against the expenditure itself, the source of the money.
            "Effort.Charged": _bookkeeping,
            "Expenditure.Recorded": self._expenditure,
            "Membership.Joined": self._joined,
            "Membership.Left": _bookkeeping,
            "BoardMeeting.Held": self._meeting_held,
            # Corrections (domain/correcting.py): checked against the rules of what they
            # correct, over the corrected state.
            "SupervisorFunding.PaymentReversed": self._payment_reversed,
            "SupervisorFunding.FactCorrected": self._funding_corrected,
            "SupervisorFunding.Voided": self._funding_voided,
            "Expenditure.Reversed": self._expenditure_reversed,
            "Expenditure.FactCorrected": _bookkeeping,
            # The budget is freed by the expenditure's reversal, the source of the money.
            "Effort.ChargeReversed": _bookkeeping,
            "Effort.FactCorrected": self._effort_corrected,
            "Effort.Voided": self._effort_voided,
            "Partner.FactCorrected": _bookkeeping,
            "Partner.Voided": self._partner_voided,
            "Activity.FactCorrected": _bookkeeping,
            "StructuralWork.FactCorrected": _bookkeeping,
            "Redaction.Redacted": self._redacted,
        }
        # The board's redactions (issue 15), in order: what the proof lists. A redacted
        # field is read as the empty text it now is.
        self.redactions: list[Redacted] = []

    def needs_data(self, event_type: str) -> bool:
        """Whether a check reads this type's fields (bookkeeping types are only counted
        and scanned whole for R7, so a reader may skip decoding them)."""
        return self._handlers.get(event_type) is not _bookkeeping

    @property
    def tallies(self) -> dict[str, RuleTally]:
        """Each rule's events examined and violations, over the whole history fed."""
        return self._conclude()[1]

    @property
    def to_review(self) -> list[Violation]:
        """What rules over data cannot decide, for a person to review (never violations)."""
        return self._conclude()[2]

    @property
    def violations(self) -> list[Violation]:
        found = [v for t in self.tallies.values() for v in t.violations]
        return sorted(found, key=lambda v: (v.position, v.rule))

    @property
    def proven(self) -> bool:
        """No violation found (which is all the proof can say: see ``to_review``)."""
        return not any(t.violations for t in self.tallies.values())

    def _conclude(self) -> tuple[int, dict[str, RuleTally], list[Violation]]:
        """The checks that need the whole history, added to those made as it was fed;
        kept until another event is fed."""
        if self._concluded is not None and self._concluded[0] == self.events:
            return self._concluded
        tallies = {code: RuleTally(t.examined, list(t.violations))
                   for code, t in self._fed.items()}
        review = list(self._review)
        self._check_years(tallies, review)
        self._check_criteria_held(tallies)
        self._check_starts(tallies)
        review.sort(key=lambda v: (v.position, v.rule))
        self._concluded = (self.events, tallies, review)
        return self._concluded

    def feed(self, event: LedgerEvent) -> None:
        self.feed_scanned(event, self.has_pin(event))

    @staticmethod
    def has_pin(event: LedgerEvent) -> bool:
        """R7: a personnummer or samordningsnummer anywhere in the event."""
        if event.raw is not None:
            return contains_personal_identity_number(event.raw)
        return any(find_personal_identity_number(t) for t in _texts(event.data))

    def feed_scanned(self, event: LedgerEvent, has_pin: bool) -> None:
        """``feed``, for a reader that has already scanned the event's record for R7 (a
        replay scans a whole page of records at once): ``has_pin`` is that scan's result.
        """
        self.events += 1
        if self.first is None:
            self.first = event
        self.last = event
        self._r7.examined += 1
        if has_pin:
            self._flag("R7", event, event.recorded.date(), "check.R7")
        self._closed_world.examined += 1
        handler = self._handlers.get(event.type)
        if handler is not None and handler is not _bookkeeping:
            handler(event)
            return
        if event.type == UNREADABLE:
            self._flag(CLOSED_WORLD, event, event.recorded.date(), "check.unreadable",
                       error=event.data.get("error", ""))
            return
        if handler is None:
            self._flag(CLOSED_WORLD, event, event.recorded.date(), "check.unknown_type",
                       type=event.type)
            return
        handler(event)

    def _redacted(self, event: LedgerEvent) -> None:
        d = event.data
        self.redactions.append(Redacted(event.position, event.recorded.date(),
                                        int(d["position"]), str(d["field"]),
                                        str(d["decision_ref"])))

    def checks_of(self, event_type: str) -> Callable[[LedgerEvent], None] | None:
        """The checks of a classified type (None for any other), for a reader that calls
        them itself in order and counts the events with ``pass_over``."""
        return self._handlers.get(event_type)

    def pass_over(self, count: int, last: LedgerEvent | None = None) -> None:
        """What ``feed_scanned(event, False)`` does for ``count`` events of classified types
        after the first, besides their checks: each is counted, examined for R7 (the
        reader's scan found nothing) and classified. The reader has called the checks of
        each (``checks_of``) in order, or it has no ``LedgerEvent`` for one of a
        bookkeeping type (``not needs_data``), which no other rule governs. ``last``: the
        latest of them, when it is the latest event fed so far."""
        if count <= 0:
            return
        self.events += count
        self._r7.examined += count
        self._closed_world.examined += count
        if last is not None:
            self.last = last

    # -- helpers --------------------------------------------------------------------------
    def _examine(self, rule: str) -> None:
        self._fed[rule].examined += 1

    def _flag(self, rule: str, event: LedgerEvent, day: date, detail: str,
              **params: Any) -> None:
        self._fed[rule].violations.append(
            Violation(rule, event.position, day, event.subject, detail, params))

    def _to_review(self, rule: str, event: LedgerEvent, day: date, detail: str,
                   **params: Any) -> None:
        self._review.append(Violation(rule, event.position, day, event.subject, detail,
                                      params))

    def _decided(self, day: date) -> None:
        """A decision dated ``day``: R8 asks for a plan from the year of the first."""
        if self._first_day is None or day < self._first_day:
            self._first_day = day

    def _partner(self, org_nr: str) -> _Partner | None:
        return self._partners.get(org_nr)

    def _r3(self, event: LedgerEvent, org_nr: str, day: date) -> None:
        # R3: agreements, fundings and efforts only with partners active on the start date.
        self._examine("R3")
        partner = self._partner(org_nr)
        if partner is None or not partner.active_on(day):
            self._flag("R3", event, day, "check.R3", org_nr=org_nr)
        else:  # judged again once the whole history is in: an offboarding dated before
            self._starts.append((event.position, day, org_nr, event.subject))

    def _check_starts(self, tallies: dict[str, RuleTally]) -> None:
        """R3 by business date: a start that was fine when recorded, made wrong by an
        offboarding recorded later but dated on or before it."""
        violations = tallies["R3"].violations
        for position, day, org_nr, subject in self._starts:
            partner = self._partners.get(org_nr)
            if partner is not None and not partner.active_on(day, position):
                ended = [e for s, e, _ in partner.onboardings
                         if s is not None and s <= day and e is not None and e <= day]
                violations.append(Violation("R3", position, day, subject, "check.R3_dated", {
                    "org_nr": org_nr, "day": day, "ended": max(ended) if ended else "–"}))

    # -- partners -------------------------------------------------------------------------
    def _partner_registered(self, e: LedgerEvent) -> None:
        self._partners[e.subject] = _Partner(e.subject)

    def _criterion_assessed(self, e: LedgerEvent) -> None:
        partner = self._partners.setdefault(e.subject, _Partner(e.subject))
        partner.assessments.setdefault(e.data["criterion"], []).append(
            (e.data["assessed_on"], e.data["met"], e.position))

    def _onboarded(self, e: LedgerEvent) -> None:
        day: date = e.data["onboarded_on"]
        partner = self._partners.setdefault(e.subject, _Partner(e.subject))
        self._decided(day)
        # R2: the latest assessment of each of C1–C4 on the onboarding date is "met".
        self._examine("R2")
        unmet = []
        for code in CRITERIA:
            latest = partner.latest(code, day)
            if latest is None or not latest[1]:
                unmet.append(code)
        if unmet:
            self._flag("R2", e, day, "check.R2", criteria=", ".join(unmet))
        partner.onboardings.append([day, None, 0])

    def _offboarded(self, e: LedgerEvent) -> None:
        partner = self._partners.get(e.subject)
        if partner and partner.onboardings:
            partner.onboardings[-1][1] = e.data["offboarded_on"]
            partner.onboardings[-1][2] = e.position

    # -- agreements and fundings ---------------------------------------------------------
    def _agreement_signed(self, e: LedgerEvent) -> None:
        d = e.data
        self._decided(d["starts_on"])
        self._r3(e, d["org_nr"], d["starts_on"])
        self._criteria_hold(e, d["org_nr"], d["starts_on"])
        self._agreements[e.subject] = _Agreement(d["starts_on"], d["ends_on"],
                                                 value=d.get("value_ore"))
        self._agreements_of.setdefault(d["org_nr"], []).append(e.subject)

    def _agreement_ended(self, e: LedgerEvent) -> None:
        agreement = self._agreements.get(e.subject)
        if agreement:
            agreement.ended_on = e.data["ended_on"]

    def _funding_decided(self, e: LedgerEvent) -> None:
        d = e.data
        self._decided(d["decided_on"])
        # R1: the supervisor is employed by one of the four parties.
        self._examine("R1")
        if d["employer"] not in PARTIES:
            self._flag("R1", e, d["decided_on"], "check.R1_employer", employer=d["employer"])
        self._r3(e, d["org_nr"], d["starts_on"])
        self._criteria_hold(e, d["org_nr"], d["decided_on"])
        self._fundings[e.subject_id] = {"employer": d["employer"], "amount": d["amount_ore"],
                                        "paid": 0, "org_nr": d["org_nr"], "vouchers": {}}

    def _funding_paid(self, e: LedgerEvent) -> None:
        d = e.data
        self._decided(d["paid_on"])
        funding = self._fundings.get(e.subject_id)
        self._examine("R1")
        self._examine("R5")
        if funding is None:
            self._flag("R1", e, d["paid_on"], "check.R1_payee", payee=d["payee"],
                       employer="?")
            return
        self._criteria_hold(e, funding["org_nr"], d["paid_on"])
        # R1: payments go to the employer party.
        if d["payee"] != funding["employer"]:
            self._flag("R1", e, d["paid_on"], "check.R1_payee", payee=d["payee"],
                       employer=funding["employer"])
        # R5: never more than decided (paying after the end date is normal).
        funding["paid"] += d["amount_ore"]
        funding["vouchers"][d["voucher_ref"]] = d["amount_ore"]
        if funding["paid"] > funding["amount"]:
            self._flag("R5", e, d["paid_on"], "check.R5", paid=funding["paid"],
                       limit=funding["amount"])

    # -- action plans ---------------------------------------------------------------------
    def _plan_drafted(self, e: LedgerEvent) -> None:
        self._plans.setdefault(e.subject, _Plan())

    def _action_added(self, e: LedgerEvent) -> None:
        plan = self._plans.setdefault(e.subject, _Plan())
        self._examine("R6")
        # R6: once adopted, the plan changes only by a recorded decision.
        if plan.adopted_on is not None and e.data.get("decision_ref") is None:
            self._flag("R6", e, e.recorded.date(), "check.R6_added",
                       action=e.data["action_id"])
        plan.actions[e.data["action_id"]] = "open"

    def _plan_adopted(self, e: LedgerEvent) -> None:
        plan = self._plans.setdefault(e.subject, _Plan())
        day: date = e.data["adopted_on"]
        ref: str = e.data["decision_ref"]
        self._decided(day)
        self._examine("R6")
        self._examine("R8")
        # R6: one adopted plan per year.
        if plan.adopted_on is not None:
            self._flag("R6", e, day, "check.R6_twice")
            return
        plan.adopted_on = day
        # R8: adopted by the board at a meeting recorded before, held that day.
        plan.at_meeting = any(self._meetings.get(key) == day for key in meeting_keys(ref))
        if not plan.at_meeting:
            self._flag("R8", e, day, "check.R8_no_meeting", ref=ref, adopted=day)

    def _criteria_hold(self, e: LedgerEvent, org_nr: str, day: date) -> None:
        """R9, examined here and judged in ``_check_criteria_held``."""
        self._examine("R9")
        self._r9.append((e.position, day, org_nr, e.subject))

    def _check_criteria_held(self, tallies: dict[str, RuleTally]) -> None:
        """R9: at every decision for a partner, by its business date, no criterion's latest
        assessment (whenever recorded) is "not met"."""
        violations = tallies["R9"].violations
        for position, day, org_nr, subject in self._r9:
            partner = self._partners.get(org_nr)
            found = partner.not_met_since(day, position) if partner is not None else None
            if found is not None:
                violations.append(Violation("R9", position, day, subject, "check.R9", {
                    "org_nr": org_nr, "criteria": ", ".join(found[0]),
                    "since": found[1]}))

    def _meeting_held(self, e: LedgerEvent) -> None:
        day: date = e.data["held_on"]
        self._meetings[e.subject] = day
        self._decided(day)

    def _check_years(self, tallies: dict[str, RuleTally], review: list[Violation]) -> None:
        """R8: every calendar year from the first decision's up to the as-of day has an
        adopted plan; a year that ended without one is a violation, the running year is
        open (to review). A plan adopted outside a meeting is flagged where it was fed."""
        if self._first_day is None:
            return
        today = self.as_of or date.today()
        position = self.last.position if self.last is not None else 0
        for year in range(self._first_day.year, today.year + 1):
            plan = self._plans.get(str(year))
            tallies["R8"].examined += 1
            if plan is not None and plan.adopted_on is not None:
                continue
            if year < today.year:
                tallies["R8"].violations.append(Violation(
                    "R8", position, date(year, 12, 31), str(year), "check.R8_missing",
                    {"year": year}))
            else:
                review.append(Violation("R8", position, today, str(year), "review.R8_open",
                                        {"year": year}))

    def _action_closed(self, e: LedgerEvent) -> None:
        plan = self._plans.setdefault(e.subject, _Plan())
        day: date = e.data.get("completed_on") or e.data["dropped_on"]
        action_id = e.data["action_id"]
        self._examine("R6")
        # R6: actions are completed or dropped only in an adopted plan.
        if plan.adopted_on is None or day < plan.adopted_on:
            self._flag("R6", e, day, "check.R6_unadopted", action=action_id)
        elif plan.actions.get(action_id) != "open":
            self._flag("R6", e, day, "check.R6_not_open", action=action_id)
        plan.actions[action_id] = "closed"

    # -- efforts, expenditure, memberships ---------------------------------------------
    def _effort_started(self, e: LedgerEvent) -> None:
        d = e.data
        self._decided(d["starts_on"])
        self._r3(e, d["org_nr"], d["starts_on"])
        self._criteria_hold(e, d["org_nr"], d["starts_on"])
        self._budgets[e.subject] = [d["budget_ore"], 0]
        self._effort_partners[e.subject] = d["org_nr"]

    def _review_text(self, e: LedgerEvent, day: date, *texts: str | None) -> None:
        """Free text that mentions what a rule forbids, listed to review (not decided)."""
        for text in texts:
            if not text:
                continue
            for rule, word in _review_words(text):
                self._to_review(rule, e, day, "review.words", word=word,
                                text=text if len(text) <= 120 else text[:119] + "…")

    def _structural_logged(self, e: LedgerEvent) -> None:
        self._review_text(e, e.data["done_on"], e.data.get("description"), e.data.get("note"))

    def _expenditure(self, e: LedgerEvent) -> None:
        d = e.data
        day: date = d["paid_on"]
        purpose: str = d["purpose"]
        self._decided(day)
        self._review_text(e, day, d.get("description"), d.get("note"))
        linked = self._agreements.get(d.get("linked_ref") or "")
        if d["payee_kind"] == "partner" and linked is not None and linked.value is None:
            # F1: money to an ASF under an agreement whose value was never recorded.
            self._to_review("F1", e, day, "review.no_value", agreement=d["linked_ref"])
        for tally in self._forbidden_tallies:
            tally.examined += 1
        # F1 cash grants, F2 starting or developing ASF, F4 skills development for ASF staff.
        forbidden = FORBIDDEN_PURPOSES.get(purpose)
        if forbidden is not None:
            self._flag(forbidden, e, day, _PURPOSE_CHECKS[forbidden], purpose=purpose)
        # F3: no membership fee to an ASF or an ASF (interest) organisation.
        if purpose == "membership_fee" and (
                d["payee_kind"] == "partner"
                or self._org_kinds.get(d.get("linked_ref") or "") in F3_ORGANISATION_KINDS):
            self._flag("F3", e, day, "check.F3_fee", payee=d["payee"])
        if d["payee_kind"] == "partner":
            # R4: money to a partner needs an agreement with it active on the payment date.
            self._examine("R4")
            agreements = self._agreements
            for ref in self._agreements_of.get(d["payee"], ()):
                if agreements[ref].active_on(day):
                    break
            else:
                self._flag("R4", e, day, "check.R4", org_nr=d["payee"])
        if d["payee_kind"] == "partner":
            self._criteria_hold(e, d["payee"], day)
        effort_partner = (self._effort_partners.get(d.get("linked_ref") or "")
                          if purpose == "effort_financing" else None)
        if effort_partner is not None and effort_partner != d["payee"]:
            self._criteria_hold(e, effort_partner, day)
        if purpose == "effort_financing":
            # R5: an effort's budget is never exceeded.
            self._examine("R5")
            budget = self._budgets.get(d.get("linked_ref") or "")
            if budget is None:
                self._flag("R5", e, day, "check.R5_no_effort", ref=d.get("linked_ref"))
            else:
                budget[1] += d["amount_ore"]
                if budget[1] > budget[0]:
                    self._flag("R5", e, day, "check.R5", paid=budget[1], limit=budget[0])

    def _joined(self, e: LedgerEvent) -> None:
        d = e.data
        self._decided(d["joined_on"])
        self._examine("F3")
        self._org_kinds[e.subject] = d["kind"]
        # F3: never a member of an ASF (a registered partner is one) or an interest org.
        if d["kind"] in F3_ORGANISATION_KINDS or (d.get("org_nr") in self._partners):
            self._flag("F3", e, d["joined_on"], "check.F3_member", name=d["name"],
                       kind=d["kind"])


    # -- corrections ------------------------------------------------------------------------
    def _payment_reversed(self, e: LedgerEvent) -> None:
        d = e.data
        funding = self._fundings.get(e.subject_id)
        self._examine("R5")
        # R5 counts the net: a reversal must reverse a payment made (and not reversed).
        amount = None if funding is None else funding["vouchers"].pop(d["voucher_ref"], None)
        if funding is None or amount is None or amount != d["amount_ore"]:
            self._flag("R5", e, d["reversed_on"], "check.R5_reverse_unpaid",
                       voucher=d["voucher_ref"])
            return
        funding["paid"] -= amount

    def _funding_corrected(self, e: LedgerEvent) -> None:
        field, value = corrected(e)
        funding = self._fundings.get(e.subject_id)
        if funding is None:
            return
        day = e.recorded.date()
        if field == "amount_ore":
            # R5: the corrected amount still covers what was paid.
            self._examine("R5")
            funding["amount"] = value
            if funding["paid"] > value:
                self._flag("R5", e, day, "check.R5", paid=funding["paid"], limit=value)
        elif field == "starts_on":
            self._r3(e, funding["org_nr"], value)  # R3 on the corrected start date

    def _funding_voided(self, e: LedgerEvent) -> None:
        funding = self._fundings.pop(e.subject_id, None)
        self._examine("R5")
        if funding is not None and funding["paid"] > 0:
            self._flag("R5", e, e.recorded.date(), "check.R5_void_paid", paid=funding["paid"])

    def _expenditure_reversed(self, e: LedgerEvent) -> None:
        d = e.data
        self._examine("R5")
        if e.subject in self._reversed:
            self._flag("R5", e, d["reversed_on"], "check.R5_reversed_twice")
            return
        self._reversed.add(e.subject)
        if d["purpose"] == "effort_financing":
            budget = self._budgets.get(d.get("linked_ref") or "")
            if budget is not None:
                budget[1] -= d["amount_ore"]

    def _effort_corrected(self, e: LedgerEvent) -> None:
        field, value = corrected(e)
        budget = self._budgets.get(e.subject)
        if budget is None:
            return
        if field == "budget_ore":
            # R5: the corrected budget still covers what was charged.
            self._examine("R5")
            budget[0] = value
            if budget[1] > value:
                self._flag("R5", e, e.recorded.date(), "check.R5", paid=budget[1], limit=value)
        elif field == "starts_on":
            self._r3(e, self._effort_partners.get(e.subject, ""), value)

    def _effort_voided(self, e: LedgerEvent) -> None:
        budget = self._budgets.pop(e.subject, None)
        self._examine("R5")
        if budget is not None and budget[1] > 0:
            self._flag("R5", e, e.recorded.date(), "check.R5_void_paid", paid=budget[1])

    def _partner_voided(self, e: LedgerEvent) -> None:
        partner = self._partners.pop(e.subject, None)
        self._examine("R3")
        # R3, R4: what was decided with the partner needs it; a void leaves it without.
        dependents = [*self._agreements_of.get(e.subject, ())]
        if partner is not None and partner.onboardings:
            dependents.insert(0, "onboarded_on")
        if dependents:
            self._flag("R3", e, e.recorded.date(), "check.R3_void_partner",
                       dependents=", ".join(dependents))


_REVIEW = [(rule, re.compile(r"(?<!\w)" + re.escape(stem) if stem != "bidrag"
                              else re.escape(stem), re.IGNORECASE))
           for rule, stems in REVIEW_WORDS.items() for stem in stems]


# Before the searches above, one that most texts (which name none of the words) stop at,
# over the text in lower case: the words in lower case, or a character whose lower case is
# not the letter of a word it matches ignoring case (ı, ſ, and İ, which becomes i and a
# combining dot; tests/projections/test_review_words.py checks every character there is).
_MAY_NAME_A_WORD = re.compile("|".join(
    [re.escape(stem.lower()) for stems in REVIEW_WORDS.values() for stem in stems]
    + ["[\u0131\u017f\u0307]"]))


def _review_words(text: str) -> Iterator[tuple[str, str]]:
    """(rule, the word found) for each rule whose words ``text`` mentions, once a rule."""
    if _MAY_NAME_A_WORD.search(text.lower()) is None:
        return
    yield from _words_named(text)


def _words_named(text: str) -> Iterator[tuple[str, str]]:
    """``_review_words``, each rule's words searched for in ``text`` as it is."""
    for rule in REVIEW_WORDS:
        for found_rule, pattern in _REVIEW:
            if found_rule == rule and (match := pattern.search(text)):
                start = match.start()
                end = start
                while end < len(text) and (text[end].isalnum() or text[end] in "-"):
                    end += 1
                while start > 0 and text[start - 1].isalnum():
                    start -= 1
                yield rule, text[start:max(end, match.end())]
                break


def _bookkeeping(_: LedgerEvent) -> None:
    """Classified: carries no decision that a rule of the policy governs."""
