"""Hand-written histories for one rule's check at a time, beancount-plugin style: the
events a rule reads, fed to that check alone (with the ``Facts`` it shares)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid5

import msgspec

from domain.events import EVENT_TYPES, Created
from projections.compliance.check import Check
from projections.compliance.facts import Facts
from projections.compliance.findings import Ending, Violation
from projections.events import Handler, LedgerEvent

RECORDED = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
JUDGED_ON = date(2026, 12, 31)


_EMPTY: dict[Any, Any] = {str: "", int: 0, bool: False, date: date(2026, 1, 1)}


class History:
    """Events in order, at positions 1, 2, …"""

    def __init__(self) -> None:
        self.events: list[LedgerEvent] = []

    def add(self, event_type: str, subject: str, **fields: Any) -> History:
        """An event of ``event_type`` with the ``fields`` a check reads (the others: empty
        values of their types)."""
        struct = EVENT_TYPES[event_type]
        given = {"timestamp": RECORDED, "actor": "test", **fields}
        if issubclass(struct, Created):
            given.setdefault("key", subject)
        for field in msgspec.structs.fields(struct):
            if field.name not in given and field.required:
                given[field.name] = _EMPTY.get(field.type)
        event = struct(**given)
        self.events.append(LedgerEvent(
            len(self.events) + 1, RECORDED, "test", event_type,
            uuid5(NAMESPACE_URL, f"{event_type.split('.')[0]}/{subject}"), subject, event))
        return self

    def partner(self, org_nr: str, *, on: date = date(2026, 1, 10), met: bool = True
                ) -> History:
        """Registered, C1–C4 assessed, onboarded on ``on``."""
        self.add("Partner.Registered", org_nr)
        for code in ("C1", "C2", "C3", "C4"):
            self.add("Partner.CriterionAssessed", org_nr, criterion=code, assessed_on=on,
                     met=met)
        return self.add("Partner.Onboarded", org_nr, onboarded_on=on)


def check_alone(check: type[Check], history: History, today: date = JUDGED_ON
                ) -> tuple[list[Violation], list[Violation], int]:
    """The check's violations, items to review and events examined over ``history``, with
    nothing but the facts it reads fed beside it."""
    facts = Facts()
    rule = check(facts)
    reads: dict[type[Any], Handler] = dict(rule.reads())
    shared: dict[type[Any], Handler] = dict(facts.reads())
    for event in history.events:
        for handlers in (reads, shared):
            if (examine := handlers.get(type(event.event))) is not None:
                examine(event, event.event)
    ending = Ending(today, history.events[-1].position if history.events else 0)
    return ([*rule.tally.violations, *rule.conclude(ending)],
            [*rule.review, *rule.review_at_end(ending)],
            rule.tally.examined + rule.examined_at_end(ending))


def details(violations: list[Violation]) -> list[tuple[int, str]]:
    return [(v.position, v.detail) for v in violations]
