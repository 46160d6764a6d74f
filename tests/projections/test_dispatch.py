"""Projections find what to do with an event by its Struct's class (projections.events)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import uuid4

import msgspec

from domain.events import ActivityHeld, Event, PartnerOnboarded
from projections.events import ByClass, Dispatch, LedgerEvent, Unreadable, on

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


class HeldOnline(ActivityHeld, frozen=True, tag="Activity.Held"):
    """A newer version of a type, declared as a subclass (tests/faults/test_stored_upcasting)."""

    online: bool


S = TypeVar("S", bound=Event)


def made(struct: type[S], **facts: Any) -> S:
    # A Struct's facts are fields mypy does not see (domain.events): made by msgspec.convert.
    return msgspec.convert({"timestamp": AT, "actor": "a", "note": None, **facts}, struct)


def ledger_event(typed: ActivityHeld | PartnerOnboarded | Unreadable | None) -> LedgerEvent:
    return LedgerEvent(1, AT, "samordnare.anna", "Activity.Held", uuid4(), "AKT-1", typed)


def test_the_handler_of_the_events_class_is_called_with_its_typed_fields() -> None:
    seen: list[tuple[str, date]] = []

    def held(e: LedgerEvent, x: ActivityHeld) -> None:
        seen.append((e.subject, x.held_on))

    dispatch = Dispatch([on(ActivityHeld, held)])
    dispatch(ledger_event(made(ActivityHeld, held_on=date(2026, 2, 3), attendance={"asf": 4})))
    dispatch(ledger_event(made(PartnerOnboarded, onboarded_on=date(2026, 2, 4),
                               decision_ref="SB 1")))
    dispatch(ledger_event(Unreadable("not JSON")))
    dispatch(ledger_event(None))
    assert seen == [("AKT-1", date(2026, 2, 3))]


def test_a_newer_version_declared_as_a_subclass_finds_its_base_types_value() -> None:
    said = ByClass([(ActivityHeld, "held"), (PartnerOnboarded, "onboarded")])
    newer = ledger_event(made(HeldOnline, held_on=date(2026, 2, 3), attendance={}, online=True))
    assert said.get(newer) == "held"
    assert said.get(newer) == "held"  # found once, then kept
    assert said.get(ledger_event(None)) is None
