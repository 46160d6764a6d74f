"""The stored schema (``domain.events``) and the aggregates' events agree, field for field:
what an aggregate triggers is what its Struct reads back, and what an event records is
written once, in the ``Facts`` class both take as a base."""

from __future__ import annotations

import dataclasses
import inspect
import typing
from typing import Any

import msgspec
import pytest

from domain.aggregates import (
    Agreement,
    Effort,
    LedgerAggregate,
    SupervisorFunding,
    event_classes,
)
from domain.events import EVENT_TYPES, AnyEvent, Created, Event, Facts, declared_facts

_IDS = ("originator_id", "originator_version")


def stored_classes() -> dict[str, type[LedgerAggregate.Event]]:
    """The aggregates' concrete event classes (not their ``Event``/``Created`` bases), by
    their stored type: ``"Partner.Registered"``."""
    return {cls.__qualname__: cls for cls in event_classes()
            if cls.__qualname__.rsplit(".", 1)[1] not in ("Event", "Created")}


def test_every_stored_event_type_has_one_struct_and_every_struct_one_event_class() -> None:
    assert set(EVENT_TYPES) == set(stored_classes())
    assert len(typing.get_args(AnyEvent)) == len(EVENT_TYPES) >= 40


@pytest.mark.parametrize("name", sorted(stored_classes()))
def test_the_struct_has_the_fields_of_the_aggregate_event_with_their_types(name: str) -> None:
    cls = stored_classes()[name]
    struct = EVENT_TYPES[name]
    hints = typing.get_type_hints(cls)
    declared = {f.name: hints[f.name] for f in dataclasses.fields(cls) if f.name not in _IDS}
    struct_hints = typing.get_type_hints(struct)
    assert {field: struct_hints[field] for field in struct.__struct_fields__} == declared
    assert struct.__struct_config__.tag == name
    assert issubclass(struct, Created) == issubclass(cls, LedgerAggregate.Created)


def test_structs_are_frozen_and_the_union_decodes_by_tag() -> None:
    registered: Any = msgspec.json.decode(
        b'{"type":"Partner.Registered","timestamp":"2026-01-15T08:05:00Z","actor":"a",'
        b'"note":null,"originator_topic":"domain.aggregates.partner:Partner",'
        b'"key":"556677-8899","name":"Macken","legal_form":"ideell_forening",'
        b'"districts":["farsta"]}', type=AnyEvent)
    assert type(registered).__name__ == "PartnerRegistered" and registered.key == "556677-8899"
    with pytest.raises(AttributeError):
        registered.name = "Another"
    structs: list[type[Event]] = [Event, *EVENT_TYPES.values()]
    assert all(struct.__struct_config__.frozen for struct in structs)


CREATED = sorted(name for name, struct in EVENT_TYPES.items() if issubclass(struct, Created))


@pytest.mark.parametrize("name", CREATED)
def test_a_created_struct_s_own_fields_are_its_facts_written_once(name: str) -> None:
    struct = EVENT_TYPES[name]
    assert issubclass(struct, Created) and issubclass(struct.facts, Facts)
    assert struct.__struct_fields__ == (*Created.__struct_fields__, *struct.facts.__annotations__)
    aggregate_event = stored_classes()[name]
    assert issubclass(aggregate_event, LedgerAggregate.Created)
    assert struct.facts in aggregate_event.__mro__  # the aggregate's event has the same facts
    assert aggregate_event.facts == tuple(struct.facts.__annotations__)


@pytest.mark.parametrize("name", sorted(stored_classes()))
def test_what_an_event_records_is_written_once_in_facts_its_struct_and_class_share(
        name: str) -> None:
    cls, struct = stored_classes()[name], EVENT_TYPES[name]
    # No aggregate event class declares a field of its own: its fields are its Facts'.
    written = {f"{k.__qualname__}.{field}" for k in cls.__mro__
               if issubclass(k, LedgerAggregate.Event)
               and k not in (LedgerAggregate.Event, LedgerAggregate.Created)
               for field in set(inspect.get_annotations(k)) - set(declared_facts(k.__bases__))}
    assert written == set()
    # Nor does its Struct, nor a Struct it extends (``FactCorrected``): beyond what every
    # event or every Created event carries, its fields are the Facts its class has too.
    written = {f"{k.__name__}.{field}" for k in struct.__mro__
               if issubclass(k, Event) and k not in (Event, Created)
               for field in set(inspect.get_annotations(k)) - set(declared_facts([k.facts]))}
    assert written == set()
    assert struct.facts in cls.__mro__
    base = Created if issubclass(struct, Created) else Event
    own = [field for field in struct.__struct_fields__ if field not in base.__struct_fields__]
    assert set(own) == set(declared_facts([cls])) != set()


@pytest.mark.parametrize("first, second", [
    (Agreement.Ended, SupervisorFunding.Ended),
    (Agreement.Charged, Effort.Charged),
    (Agreement.ChargeReversed, Effort.ChargeReversed),
])
def test_events_of_one_shape_on_two_aggregates_share_their_facts_and_their_apply(
        first: type[LedgerAggregate.Event], second: type[LedgerAggregate.Event]) -> None:
    one, other = EVENT_TYPES[first.__qualname__], EVENT_TYPES[second.__qualname__]
    assert one is not other and one.__struct_fields__ == other.__struct_fields__
    assert one.facts is other.facts  # declared once
    assert first.apply is second.apply  # what it does to the state, written once
