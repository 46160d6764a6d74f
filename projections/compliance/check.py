"""The shape of one rule's check, beancount-plugin style: the event types it reads, each
with the method that examines it, and what it found. ``ComplianceProof`` (fold.py) feeds
each event to the checks that read its type, then to the ``Facts`` they share."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from domain.events import ExpenditureRecorded
from domain.reference import FORBIDDEN_PURPOSES
from projections.compliance.facts import Facts, Reads
from projections.compliance.findings import Ending, RuleTally, Violation
from projections.events import LedgerEvent, on

__all__ = ["Check", "ForbiddenPurpose", "Reads"]


class Check:
    """One rule's check over the history, fed in order. ``reads`` maps each event type it
    examines to the method that does; ``conclude`` adds what needs the whole history."""

    code: ClassVar[str]

    def __init__(self, facts: Facts) -> None:
        self.facts = facts  # the history so far, as the rules share it (before the event)
        self.tally = RuleTally()
        self.review: list[Violation] = []  # what the rule cannot decide (never violations)

    def reads(self) -> Reads:
        raise NotImplementedError

    def conclude(self, ending: Ending) -> list[Violation]:
        """Violations found once the whole history is in (none by default); called on a
        copy of the findings, so the check may be fed on after it."""
        return []

    def examined_at_end(self, ending: Ending) -> int:
        """Examined once the whole history is in, besides the events (none by default)."""
        return 0

    def review_at_end(self, ending: Ending) -> list[Violation]:
        """Items to review found once the whole history is in (none by default)."""
        return []

    def examine(self) -> None:
        self.tally.examined += 1

    def flag(self, event: LedgerEvent, day: date, detail: str, **params: Any) -> None:
        self.tally.violations.append(
            Violation(self.code, event.position, day, event.subject, detail, params))

    def to_review(self, event: LedgerEvent, day: date, detail: str, **params: Any) -> None:
        self.review.append(
            Violation(self.code, event.position, day, event.subject, detail, params))


class ForbiddenPurpose(Check):
    """F1, F2, F4: money spent on a purpose the policy forbids outright
    (``FORBIDDEN_PURPOSES``); every expenditure is examined."""

    detail: ClassVar[str]  # the violation it writes

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.expenditure)]

    def expenditure(self, e: LedgerEvent, x: ExpenditureRecorded) -> None:
        self.tally.examined += 1
        if FORBIDDEN_PURPOSES.get(x.purpose) == self.code:
            self.flag(e, x.paid_on, self.detail, purpose=x.purpose)
