"""Old stored bytes replay into a newer event version (SPEC: "an upcasting path for future
event versions").

``fixtures/activity-held-v1.json`` holds the stored rows of a tiny ledger exactly as
today's code wrote them, with ``Activity.Held`` at version 1 (its state has no
``class_version``). The tests load those bytes into a real ledger, check they are still the
same bytes (the chain head recorded with them), and then let ``Activity.Held`` move to
version 2 within the test: the old bytes must come back through the mapper, the
repository, ``ledger_events`` and the compliance proof as version 2 events, with exact
types, while the stored bytes and the chain stay untouched.

How a real schema change is made (this is what ``held_at_version_2`` imitates):

1. Edit the event class in place (``domain/aggregates/activity.py``), so its topic stays
   the same: add the field, update ``apply`` and the command method that triggers the
   event. Edit its Struct, the stored schema (``domain/events.py``, ``ActivityHeld``): add
   the same field, set ``class_version = 2``, and add a static method
   ``upcast_v1_v2(state: dict) -> None`` that turns a version 1 state (plain JSON values:
   dates as ISO strings) into a version 2 state, e.g. the value every old event implies.
2. Never rewrite stored events: the chain and the board's checkpoints cover their bytes.
   New events are stored with ``"class_version": 2`` in their state; the one decoder
   (``domain.events.decoder``, through ``asfledger.mapper.EventSchema``) upcasts older
   states step by step (v1→v2→v3…) when they are read and converts them to the field
   types, so nothing else needs to know.
3. Add the old bytes to a fixture like this one and a test like this one; a rename of a
   class is ``register_topic(old_topic, NewClass)`` (eventsourcing), not an upcast.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing import utils
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic, resolve_topic

from asfledger.audit.compliance import prove
from asfledger.audit.verify import verify
from asfledger.decode import ledger_events
from asfledger.ledger import Ledger
from asfledger.mapper import schema_for_topic
from domain.aggregates.activity import Activity
from domain.events import EVENT_TYPES, ActivityHeld
from tests.properties.strategies import assert_identical

from .harness import cli

FIXTURE = Path(__file__).with_name("fixtures") / "activity-held-v1.json"
HELD_TOPIC = "domain.aggregates.activity:Activity.Held"
HELD_V1 = Activity.Held
AKT_1 = UUID("8bb70145-6535-56ec-939a-d0f7b84fecab")  # AKT-2025-1 in the fixture


class HeldV2(Activity.Held):
    """``Activity.Held`` after an imagined schema change: version 2 also records whether
    the activity was held online and the day its attendance was reported."""

    online: bool
    reported_on: date

    def apply(self, aggregate: Any) -> None:
        super().apply(aggregate)
        aggregate.online = self.online
        aggregate.reported_on = self.reported_on


class ActivityHeldV2(ActivityHeld, frozen=True, tag="Activity.Held"):
    """Its stored schema: the Struct, at version 2, with the upcaster from version 1."""

    class_version = 2

    online: bool
    reported_on: date

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["online"] = False  # before version 2, every activity was held on site
        state["reported_on"] = state["held_on"]  # …and reported the day it was held


@contextmanager
def held_at_version_2() -> Iterator[None]:
    """``Activity.Held`` is ``HeldV2`` under the same topic, for the block only. (A real
    change edits the class in place; here the caches of the topic and of the mapper's
    schema are pointed at the new class, and restored afterwards.)"""
    assert get_topic(HELD_V1) == HELD_TOPIC
    saved_topic = utils._topic_cache[HELD_TOPIC]
    schema_for_topic.cache_clear()
    Activity.Held = HeldV2  # type: ignore[misc]
    utils._topic_cache[HELD_TOPIC] = HeldV2
    utils._type_cache[HeldV2] = HELD_TOPIC
    EVENT_TYPES["Activity.Held"] = ActivityHeldV2
    try:
        yield
    finally:
        EVENT_TYPES["Activity.Held"] = ActivityHeld
        Activity.Held = HELD_V1  # type: ignore[misc]
        utils._topic_cache[HELD_TOPIC] = saved_topic
        utils._type_cache.pop(HeldV2, None)
        schema_for_topic.cache_clear()


def load_fixture(db: str) -> Ledger:
    """A ledger holding the fixture's rows, byte for byte, in their order."""
    fixture = json.loads(FIXTURE.read_text(encoding="utf-8"))
    ledger = Ledger(db, actor="samordnare.anna")
    ledger.store.insert_events([
        StoredEvent(originator_id=UUID(row["originator_id"]),
                    originator_version=row["originator_version"], topic=row["topic"],
                    state=row["state"].encode("utf-8"))
        for row in fixture["rows"]])
    # The bytes are the ones written then: the chain over them is the one recorded then.
    assert verify(ledger.store).head.hex() == fixture["chain_head"]
    return ledger


def stored_held(ledger: Ledger) -> list[StoredEvent]:
    return [n for n in ledger.store.select_notifications(start=1, limit=100)
            if n.topic == HELD_TOPIC]


def test_the_fixture_is_version_1_and_replays_as_version_1_today(db: str) -> None:
    with load_fixture(db) as ledger:
        held = stored_held(ledger)
        assert len(held) == 2
        assert all(b"class_version" not in n.state for n in held)
        assert type(ledger.mapper.to_domain_event(held[0])) is HELD_V1
        activity = ledger.get(Activity, "AKT-2025-1")
        assert activity is not None and activity.held_on == date(2025, 3, 12)
        assert not hasattr(activity, "online")


def test_old_bytes_replay_as_version_2_with_exact_types(db: str) -> None:
    with load_fixture(db) as ledger, held_at_version_2():
        before = [bytes(n.state) for n in ledger.store.select_notifications(1, 100)]
        old = stored_held(ledger)

        # The mapper: the old state, upcast, as the new class with the new field types.
        event = ledger.mapper.to_domain_event(old[0])
        assert type(event) is HeldV2
        assert_identical({
            "originator_id": AKT_1,
            "originator_version": 2,
            "timestamp": datetime.fromisoformat(
                msgspec.json.decode(old[0].state)["timestamp"]).astimezone(UTC),
            "actor": "samordnare.anna",
            "note": None,
            "held_on": date(2025, 3, 12),
            "attendance": {"stockholms_stad": 14, "asf": 6},
            "online": False,
            "reported_on": date(2025, 3, 12),
        }, vars(event))

        # The repository: the aggregate replays the upcast event through its new apply.
        activity: Any = ledger.repository.get(AKT_1)
        assert type(ledger.repository.get(AKT_1)) is Activity and activity.version == 2
        assert activity.online is False
        assert type(activity.reported_on) is date and activity.reported_on == date(2025, 3, 12)
        assert activity.attendance == {"stockholms_stad": 14, "asf": 6}

        # A new event is written at version 2, after the old ones.
        third = ledger.get(Activity, "AKT-2025-3")
        assert third is not None
        third.trigger_event(HeldV2, held_on=date(2025, 11, 6), attendance={"asf": 4},
                            actor="samordnare.anna", note=None, online=True,
                            reported_on=date(2025, 11, 7))
        ledger.save(third)
        new = stored_held(ledger)[-1]
        assert msgspec.json.decode(new.state)["class_version"] == 2

        # The read side: ledger_events and the compliance proof see version 2 throughout.
        held = [(e.subject, e.event) for e in ledger_events(ledger.store)
                if isinstance(e.event, ActivityHeldV2)]
        assert [(subject, x.online, x.reported_on) for subject, x in held] == [
            ("AKT-2025-1", False, date(2025, 3, 12)),
            ("AKT-2025-2", False, date(2025, 5, 21)),
            ("AKT-2025-3", True, date(2025, 11, 7))]
        for _, x in held:
            assert type(x.online) is bool and type(x.reported_on) is date
            assert type(x.held_on) is date
        report = prove(ledger.store, ledger_id=ledger.ledger_id())
        assert report.proven and report.checkpoint.size == 6
        code, out, err = cli(db, "audit", "compliance")
        assert code == 0, (out, err)

        # Nothing stored was rewritten; the chain still verifies, old and new together.
        after = [bytes(n.state) for n in ledger.store.select_notifications(1, 100)]
        assert after[:5] == before
        assert verify(ledger.store).ok
    assert Activity.Held is HELD_V1 and resolve_topic(HELD_TOPIC) is HELD_V1
