"""Old stored events are upcast to the current event class, with exact types.

The classes below stand for an event that evolved: ``Sample.Noted`` is at version 2 (v2
added ``source``); ``Sample.Measured`` is at version 3 (v2 added ``unit``, v3 renamed
``amount`` to ``amount_ore``). They live at module level so their topics resolve. Their
stored schema, with the versions and the upcasters, is their Structs (as a real event's
is in ``domain.events``), put in ``EVENT_TYPES`` for the tests of this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import msgspec
import pytest
from eventsourcing.persistence import MapperDeserialisationError, StoredEvent
from eventsourcing.utils import get_topic
from hypothesis import given, settings
from hypothesis import strategies as st

from asfledger.mapper import MsgspecMapper, schema_for_topic
from domain.aggregates import LedgerAggregate
from domain.events import EVENT_TYPES, Event

from .strategies import assert_identical, utc_datetimes

SOURCE_BEFORE_V2 = "recorded before v2"


class Sample(LedgerAggregate):
    KIND = "property_sample"

    class Noted(LedgerAggregate.Event):
        noted_on: date
        amount_ore: int
        tags: list[str]
        counts: dict[str, int]
        due_on: date | None
        label: str
        source: str

    class Measured(LedgerAggregate.Event):
        measured_on: date
        amount_ore: int
        unit: str


class SampleNoted(Event, frozen=True, tag="Sample.Noted"):
    class_version = 2

    noted_on: date
    amount_ore: int
    tags: list[str]
    counts: dict[str, int]
    due_on: date | None
    label: str
    source: str  # new in v2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["source"] = SOURCE_BEFORE_V2


class SampleMeasured(Event, frozen=True, tag="Sample.Measured"):
    class_version = 3

    measured_on: date
    amount_ore: int  # "amount" before v3
    unit: str  # new in v2

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["unit"] = "öre"

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["amount_ore"] = state.pop("amount")


@pytest.fixture(autouse=True, scope="module")
def sample_schema() -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(EVENT_TYPES, "Sample.Noted", SampleNoted)
        patch.setitem(EVENT_TYPES, "Sample.Measured", SampleMeasured)
        schema_for_topic.cache_clear()
        yield
    schema_for_topic.cache_clear()


ORIGINATOR = UUID("6f1c2a52-9a43-4d2e-8a55-0f7d3b1c2e91")

# What version 1 of Sample.Noted wrote, byte for byte: no class_version, no "source".
NOTED_V1 = (b'{"timestamp":"2024-05-02T08:15:30.250000Z","actor":"samordnare","note":null,'
            b'"noted_on":"2024-05-02","amount_ore":125050,"tags":["IOP","S2"],'
            b'"counts":{"women":3,"men":2},"due_on":"2024-12-31","label":"2024"}')
# Version 1 and version 2 of Sample.Measured.
MEASURED_V1 = (b'{"timestamp":"2023-01-09T00:00:00Z","actor":"revisor","note":"\xc3\xa5r 1",'
               b'"measured_on":"2023-01-09","amount":99}')
MEASURED_V2 = (b'{"timestamp":"2023-01-09T00:00:00Z","actor":"revisor","note":null,'
               b'"measured_on":"2023-01-09","amount":7,"unit":"kr","class_version":2}')

mapper = MsgspecMapper()


def stored(cls: type[Any], state: bytes, version: int = 1) -> StoredEvent:
    return StoredEvent(originator_id=ORIGINATOR, originator_version=version,
                       topic=get_topic(cls), state=state)


def test_a_v1_event_is_upcast_to_v2_with_the_new_field_and_exact_types() -> None:
    event = mapper.to_domain_event(stored(Sample.Noted, NOTED_V1, version=4))
    assert type(event) is Sample.Noted
    assert_identical({
        "originator_id": ORIGINATOR,
        "originator_version": 4,
        "timestamp": datetime(2024, 5, 2, 8, 15, 30, 250000, tzinfo=UTC),
        "actor": "samordnare",
        "note": None,
        "noted_on": date(2024, 5, 2),
        "amount_ore": 125050,
        "tags": ["IOP", "S2"],
        "counts": {"women": 3, "men": 2},
        "due_on": date(2024, 12, 31),
        "label": "2024",  # a string of digits stays a string
        "source": SOURCE_BEFORE_V2,
    }, vars(event))
    assert type(vars(event)["noted_on"]) is date
    assert type(vars(event)["due_on"]) is date


def test_upcasting_runs_every_step_in_order() -> None:
    from_v1 = mapper.to_domain_event(stored(Sample.Measured, MEASURED_V1))
    assert vars(from_v1)["amount_ore"] == 99
    assert vars(from_v1)["unit"] == "öre"
    assert vars(from_v1)["note"] == "år 1"
    assert "amount" not in vars(from_v1)
    from_v2 = mapper.to_domain_event(stored(Sample.Measured, MEASURED_V2))
    assert vars(from_v2)["amount_ore"] == 7
    assert vars(from_v2)["unit"] == "kr"  # v2 already had a unit: only v2→v3 ran
    assert "class_version" not in vars(from_v2)
    assert type(vars(from_v2)["measured_on"]) is date


def test_current_events_carry_their_class_version_and_round_trip() -> None:
    measured: Any = Sample.Measured  # eventsourcing's metaclass hides the fields from mypy
    event = measured(originator_id=ORIGINATOR, originator_version=1,
                     timestamp=datetime(2026, 1, 1, tzinfo=UTC), actor="a", note=None,
                     measured_on=date(2026, 1, 1), amount_ore=5, unit="kr")
    record = mapper.to_stored_event(event)
    assert msgspec.json.decode(record.state)["class_version"] == 3
    assert_identical(vars(event), vars(mapper.to_domain_event(record)))


def test_a_v1_state_missing_a_v1_field_is_a_clear_error() -> None:
    broken = NOTED_V1.replace(b'"amount_ore":125050,', b"")
    with pytest.raises(MapperDeserialisationError, match=r"Sample\.Noted"):
        mapper.to_domain_event(stored(Sample.Noted, broken))


_V1_FIELDS = st.fixed_dictionaries({
    "timestamp": utc_datetimes(),
    "actor": st.text(),
    "note": st.none() | st.text(),
    "noted_on": st.dates(),
    "amount_ore": st.integers(-(2**63), 2**63 - 1),
    "tags": st.lists(st.text(), max_size=4),
    "counts": st.dictionaries(st.text(), st.integers(-(2**63), 2**63 - 1), max_size=4),
    "due_on": st.none() | st.dates(),
    # Strings that look like other JSON types must stay strings on the lax upcast path.
    "label": st.text() | st.sampled_from(["null", "true", "0", "12.5", "2024-01-01",
                                          "2024-01-01T00:00:00Z", "[]", "{}"]),
})


@given(v1=_V1_FIELDS, version=st.integers(1, 2**31))
@settings(max_examples=200, deadline=None)
def test_any_v1_state_upcasts_to_exactly_its_values_plus_the_new_field(
        v1: dict[str, Any], version: int) -> None:
    event = mapper.to_domain_event(stored(Sample.Noted, msgspec.json.encode(v1), version))
    assert type(event) is Sample.Noted
    expected = {**v1, "source": SOURCE_BEFORE_V2, "originator_id": ORIGINATOR,
                "originator_version": version}
    assert_identical(expected, vars(event))


def _read_the_long_way(struct: type[Event], data: bytes) -> Event:
    """What the decoder did with every state of a later version before its fast path: read
    it as plain JSON for its class_version, then as the Struct (or upcast it)."""
    state = msgspec.json.decode(data)
    version = state.pop("class_version", 1)
    if version == struct.class_version:
        return msgspec.json.decode(data, type=struct)
    while version < struct.class_version:
        getattr(struct, f"upcast_v{version}_v{version + 1}")(state)
        version += 1
    return msgspec.convert(state, struct, strict=False)


def _outcome(read: Any, data: bytes) -> tuple[str, Any]:
    try:
        return "read", read(data)
    except Exception as e:  # the decoder's error is part of what must not change
        return "error", (type(e), str(e))


@given(v1=_V1_FIELDS, source=st.text(), version=st.integers(1, 2**31),
       cut=st.integers(0, 400), byte=st.integers(0, 255))
@settings(max_examples=200, deadline=None)
def test_a_state_as_the_writer_stores_it_is_read_in_one_decoding_as_the_long_way_reads_it(
        v1: dict[str, Any], source: str, version: int, cut: int, byte: int) -> None:
    """The replay's hot path (issue 18): a state of a later version, as the mapper writes
    it (``"class_version":N`` last), is read by the Struct alone, without the plain-JSON
    read before it; the result, and the error of a damaged state, are the long way's."""
    noted: Any = Sample.Noted  # eventsourcing's metaclass hides the fields from mypy
    event = noted(originator_id=ORIGINATOR, originator_version=version, source=source,
                  **v1)
    data = mapper.to_stored_event(event).state
    assert data.endswith(b',"class_version":2}')
    decode = schema_for_topic(get_topic(Sample.Noted)).decode
    plain_reads: list[bytes] = []
    real = msgspec.json.decode

    def counted(*args: Any, **kwargs: Any) -> Any:
        plain_reads.append(args[0])
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(msgspec.json, "decode", counted)
        read = decode(data)
    assert plain_reads == []
    assert_identical(vars(event) | {"originator_id": None, "originator_version": None},
                     {name: getattr(read, name) for name in read.__struct_fields__}
                     | {"originator_id": None, "originator_version": None})
    damaged = data[:cut] + bytes([byte]) + data[cut + 1:]
    assert _outcome(decode, damaged) == _outcome(
        lambda d: _read_the_long_way(SampleNoted, d), damaged)
