"""The msgspec mapper gives back exactly what it was given, for every event class.

Dates stay dates, öre stay ints, ids stay UUIDs, timestamps stay aware; in memory and
through a real store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.audit.trust import RecordedTimes
from asfledger.ledger import Ledger
from asfledger.mapper import MsgspecMapper
from domain.aggregates import (
    AGGREGATE_TYPES,
    Effort,
    LedgerAggregate,
    SupervisorFunding,
    event_classes,
)
from domain.events import EVENT_TYPES

from .strategies import assert_identical, event_fields, events

# The classes of the events the ledger stores (its aggregates' Event and Created bases
# are never stored, and have no stored schema).
EVENT_CLASSES = [cls for cls in event_classes() if cls.__qualname__ in EVENT_TYPES]
_mapper = MsgspecMapper()


def _id(cls: type[Any]) -> str:
    return str(cls.__qualname__)


def test_the_enumeration_finds_every_event_class() -> None:
    qualnames = {cls.__qualname__ for cls in EVENT_CLASSES}
    concrete = {q for q in qualnames if not q.endswith((".Event", ".Created"))}
    assert len(concrete) >= 25, sorted(concrete)
    assert {"Effort.Charged", "SupervisorFunding.Paid", "Partner.Registered",
            "Expenditure.Recorded", "Membership.Joined", "ActionPlan.ActionDropped",
            "BoardMeeting.Held"} <= concrete
    for aggregate in AGGREGATE_TYPES:  # every aggregate has at least one event of its own
        assert any(q.startswith(f"{aggregate.__name__}.") for q in concrete), aggregate
    assert Effort.Charged in EVENT_CLASSES
    assert all(issubclass(cls, LedgerAggregate.Event) for cls in EVENT_CLASSES)


def test_the_field_strategy_knows_the_important_types() -> None:
    fields = event_fields(SupervisorFunding.Decided)
    assert fields["amount_ore"] is int
    assert fields["decided_on"] is date
    assert fields["timestamp"] is datetime
    assert fields["target_groups"] == list[str]


@pytest.mark.parametrize("cls", EVENT_CLASSES, ids=_id)
@given(data=st.data())
@settings(max_examples=40, deadline=None)
def test_every_event_round_trips_through_the_mapper_exactly(cls: type[Any],
                                                            data: st.DataObject) -> None:
    event = data.draw(events(cls), label=cls.__qualname__)
    stored = _mapper.to_stored_event(event)
    assert isinstance(stored.state, bytes)
    assert stored.originator_id == event.originator_id
    assert stored.originator_version == event.originator_version
    back = _mapper.to_domain_event(stored)
    assert type(back) is cls
    assert_identical(vars(event), vars(back))
    assert isinstance(back.originator_id, UUID)
    # The stored bytes are canonical: encoding the decoded event again gives the same bytes.
    assert _mapper.to_stored_event(back).state == stored.state


def test_a_known_event_round_trips_with_exact_types() -> None:
    """A hand-written example, so the property's assertions are visible at a glance."""
    charged: Any = Effort.Charged  # eventsourcing's metaclass hides the fields from mypy
    event = charged(originator_id=uuid4(), originator_version=3,
                    timestamp=datetime(2026, 3, 1, 9, 30, 0, 123456, tzinfo=UTC),
                    actor="samordnare", note=None, expenditure_ref="EXP-1",
                    paid_on=date(2026, 3, 1), amount_ore=1_234_56)
    back = vars(_mapper.to_domain_event(_mapper.to_stored_event(event)))
    assert type(back["paid_on"]) is date
    assert type(back["amount_ore"]) is int
    assert back["timestamp"] == event.timestamp
    assert back["timestamp"].tzinfo is not None
    assert back == vars(event)


@pytest.fixture
def store_ledger(open_ledger: Callable[..., Ledger]) -> Iterator[Ledger]:
    """One ledger per backend; each example writes under a fresh aggregate id. Its events
    carry any timestamps (year 1 after 2000): the recorders' refusal of a write stamped
    before the last stored event (``audit.trust.RecordedTimes``) is off here, where the
    mapper is tested, not the ledger's order."""
    ledger = open_ledger(actor="property")
    recorder: Any = ledger.store  # a chained recorder (SQLite or PostgreSQL)
    recorder.recorded_times = RecordedTimes(lambda state: b"")  # no time is read
    yield ledger


@given(data=st.data())
@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_event_class_round_trips_through_a_real_store(store_ledger: Ledger,
                                                            data: st.DataObject) -> None:
    originator_id = uuid4()
    written = []
    for version, cls in enumerate(EVENT_CLASSES, start=1):
        kwargs = dict(vars(data.draw(events(cls), label=cls.__qualname__)))
        kwargs.update(originator_id=originator_id, originator_version=version)
        written.append(cls(**kwargs))
    store_ledger.events.put(written)
    read = list(store_ledger.events.get(originator_id))
    assert [type(e) for e in read] == [type(e) for e in written]
    for before, after in zip(written, read, strict=True):
        assert_identical(vars(before), vars(after))
