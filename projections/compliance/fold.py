"""``ComplianceProof``: the plain fold that runs every check over the history, in order.

Each event goes to the checks that read its type (in the order of ``RULE_CODES``, the
items to review first), then to the ``Facts`` they share; R7 and the closed world examine
every event. What needs the whole history (business dates, R8's years) is added when the
findings are read (``tallies``, ``to_review``), and kept until another event is fed.
"""

from __future__ import annotations

from datetime import date

from domain.events import Event, RedactionRedacted
from domain.rules import RULES
from projections.compliance import closed_world, r7_no_personal_data, redactions
from projections.compliance.check import Check
from projections.compliance.f1_cash_grants import F1
from projections.compliance.f2_starting_asf import F2
from projections.compliance.f3_membership import F3
from projections.compliance.f4_skills_development import F4
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, RuleTally, Violation
from projections.compliance.r1_supervisor_employer import R1
from projections.compliance.r2_criteria_at_onboarding import R2
from projections.compliance.r3_active_partners import R3
from projections.compliance.r4_agreement_on_payment import R4
from projections.compliance.r5_within_amounts import R5
from projections.compliance.r6_action_plan import R6
from projections.compliance.r8_yearly_plan import R8
from projections.compliance.r9_criteria_hold import R9
from projections.compliance.review_words import ReviewWords
from projections.events import Handler, LedgerEvent, on

RULE_CODES = tuple(RULES)  # F1–F4, R1–R9
CLOSED_WORLD = closed_world.CODE
CHECKS: tuple[type[Check], ...] = (F1, F2, F3, F4, R1, R2, R3, R4, R5, R6, R8, R9)


def _tag(cls: type[Event]) -> str:
    """The type's name (``"Partner.Registered"``): its Struct's tag."""
    return str(cls.__struct_config__.tag)


class ComplianceProof:
    """Feed every event in global order, then read ``tallies`` and ``verdict``."""

    def __init__(self, as_of: date | None = None) -> None:
        # The day the history is judged on: years before its year must have ended with an
        # adopted plan (R8); its own year is still open. ``as_of``, else today.
        self.as_of = as_of
        self.events = 0
        self.first: LedgerEvent | None = None
        self.last: LedgerEvent | None = None
        self.facts = Facts()
        self.checks = [check(self.facts) for check in CHECKS]
        self._words = ReviewWords()
        self._r7, self._closed_world = RuleTally(), RuleTally()
        # The board's redactions, in order: what the proof lists.
        self.redactions: list[redactions.Redacted] = []
        # Each event type's checks, found by the type's name (as stored, and as a reader
        # that decodes only some types knows it): the tag of each class read.
        dispatch: dict[str, list[Handler]] = {
            _tag(cls): [] for cls in closed_world.BOOKKEEPING}
        for reader in (self._words.reads(), *(c.reads() for c in self.checks),
                       self.facts.reads(), [on(RedactionRedacted, self._redacted)]):
            for cls, examine in reader:
                dispatch.setdefault(_tag(cls), []).append(examine)
        self._dispatch = {t: tuple(examines) for t, examines in dispatch.items()}
        self._concluded: tuple[int, dict[str, RuleTally], list[Violation]] | None = None

    def feed(self, event: LedgerEvent) -> None:
        """The definition of the proof, one event at a time."""
        self.events += 1
        if self.first is None:
            self.first = event
        self.last = event
        r7_no_personal_data.check(event, self._r7)
        examines = self._dispatch.get(event.type)
        if examines is None:
            closed_world.check_unclassified(event, self._closed_world)
            return
        typed = event.event
        for examine in examines:
            examine(event, typed)

    def _redacted(self, event: LedgerEvent, x: RedactionRedacted) -> None:
        self.redactions.append(redactions.redacted(event, x))

    def reads(self, event_type: str) -> bool:
        """Whether a check reads the fields of this type's events (any type the proof
        does not classify is read: the closed world names it)."""
        return self._dispatch.get(event_type) != ()

    def checks_for(self, event_type: str) -> tuple[Handler, ...] | None:
        """What ``feed`` runs for an event of this type besides R7 and the closed world,
        each called with the event and its fields (``event.event``); None: a type the
        proof does not classify."""
        return self._dispatch.get(event_type)

    def passed_over(self, count: int, last: LedgerEvent | None = None) -> None:
        """What ``feed`` does besides ``checks_for`` for ``count`` more events of classified
        types, after the first, in which the reader's own R7 scan found nothing: counts
        them. ``last``: the latest of them, when it is the latest event fed so far."""
        self.events += count
        if last is not None:
            self.last = last

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
        if self._concluded is not None and self._concluded[0] == self.events:
            return self._concluded
        ending = Ending(self.as_of or date.today(),
                        self.last.position if self.last is not None else 0)
        tallies = {code: RuleTally() for code in RULE_CODES}
        review = list(self._words.review)
        for check in self.checks:
            tallies[check.code] = RuleTally(
                check.tally.examined + check.examined_at_end(ending),
                [*check.tally.violations, *check.conclude(ending)])
            review += check.review
            review += check.review_at_end(ending)
        tallies[r7_no_personal_data.CODE] = RuleTally(self.events, list(self._r7.violations))
        tallies[CLOSED_WORLD] = RuleTally(self.events, list(self._closed_world.violations))
        review.sort(key=lambda v: (v.position, v.rule))
        self._concluded = (self.events, tallies, review)
        return self._concluded
