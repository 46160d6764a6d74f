"""The event mapper: the aggregates' events are stored as compact JSON of their fields and
read back through the stored schema, the Structs of ``domain.events``, so dates, öre
(ints), UUIDs and timestamps round-trip exactly.

``schema_for_topic(topic).decode`` is the one decoder of stored states: the mapper (for
the aggregates), ``asfledger.decode.RowDecoder`` (for the read models) and the proof's
fast path (``asfledger.audit.proof_replay``) all read through it. An event type that has
evolved declares ``class_version`` and its upcasters on its Struct (``domain.events``).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from functools import cache
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    Cipher,
    Compressor,
    Mapper,
    MapperDeserialisationError,
    StoredEvent,
    Transcoder,
)
from eventsourcing.utils import get_topic, resolve_topic

from asfledger.history import event_type
from asfledger.redaction import in_clear, open_state
from domain.events import EVENT_TYPES, Created, Event, decoder

_IDS = ("originator_id", "originator_version")
_encoder = msgspec.json.Encoder()


class EventSchema:
    """What the mapper knows of one stored topic: its aggregate event class, its Struct
    (the stored schema) and the decoder of its states."""

    def __init__(self, topic: str) -> None:
        self.type = event_type(topic)  # "Partner.Registered"
        self.cls: type[Any] = resolve_topic(topic)
        struct = EVENT_TYPES.get(self.type)
        if struct is None:
            raise LookupError(f"no stored schema for {self.type} (domain.events)")
        self.struct: type[Event] = struct
        self.created = issubclass(struct, Created)
        hints = typing.get_type_hints(struct)
        self.fields: dict[str, Any] = {name: hints[name] for name in struct.__struct_fields__}
        self.decode: Callable[[bytes], Event] = decoder(struct)


@cache
def schema_for_topic(topic: str) -> EventSchema:
    """Raises if the topic names no event class, or one without a stored schema."""
    return EventSchema(topic)


def schema_of(domain_event: object) -> EventSchema:
    return schema_for_topic(get_topic(type(domain_event)))


def to_struct(domain_event: object) -> Event:
    """An aggregate's event (just triggered, or read back) as its Struct."""
    state = {name: value for name, value in vars(domain_event).items() if name not in _IDS}
    return schema_of(domain_event).struct(**state)


class MsgspecMapper(Mapper[UUID]):
    """eventsourcing's ``Mapper``, with msgspec in place of the generic JSON transcoder."""

    def __init__(self, transcoder: Transcoder | None = None,
                 compressor: Compressor | None = None, cipher: Cipher | None = None) -> None:
        # The transcoder is unused: states are read through their Structs (EventSchema).
        self.transcoder = transcoder  # type: ignore[assignment]
        self.compressor = compressor
        self.cipher = cipher

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        cls = type(domain_event)
        state = dict(vars(domain_event))
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        topic = get_topic(cls)
        class_version = schema_for_topic(topic).struct.class_version
        if class_version > 1:
            state["class_version"] = class_version
        data = _encoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        if self.cipher and not in_clear(topic):
            data = self.cipher.encrypt(data)
        return StoredEvent(originator_id=originator_id, originator_version=originator_version,
                           topic=topic, state=data)

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        data = stored_event.state
        try:
            schema = schema_for_topic(stored_event.topic)
            data = open_state(stored_event.topic, data, self.cipher)
            if self.compressor:
                data = self.compressor.decompress(data)
            event = schema.decode(data)
        except Exception as e:
            msg = (f"cannot read stored event {stored_event.topic} "
                   f"{stored_event.originator_id} v{stored_event.originator_version}: {e}")
            raise MapperDeserialisationError(msg) from e
        originator_id = stored_event.originator_id
        domain_event: DomainEventProtocol[UUID] = schema.cls(
            originator_id=(originator_id if isinstance(originator_id, UUID)
                           else UUID(str(originator_id))),
            originator_version=stored_event.originator_version,
            **{name: getattr(event, name) for name in event.__struct_fields__})
        return domain_event

