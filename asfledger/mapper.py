"""The event mapper: msgspec encodes each event's state as compact JSON and decodes it
back typed, so dates, öre (ints), UUIDs and timestamps round-trip exactly.

Each event class gets a ``TypedDict`` of its fields, built once from its annotations;
decoding into it restores ``date`` and ``datetime`` values in one pass. An event class
that has evolved declares ``class_version = N`` and static ``upcast_vK_vK+1(state)``
methods (eventsourcing's convention); older stored states take the slow path: plain
decode, upcast step by step, then convert to the current types.
"""

from __future__ import annotations

import dataclasses
import typing
from functools import cache
from typing import Any, TypedDict
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

from asfledger.redaction import in_clear, open_state

_IDS = ("originator_id", "originator_version")
_encoder = msgspec.json.Encoder()


class EventSchema:
    """What the mapper knows of one event class: its fields and their decoder."""

    def __init__(self, cls: type[Any]) -> None:
        self.cls = cls
        self.class_version: int = getattr(cls, "class_version", 1)
        hints = typing.get_type_hints(cls)
        self.fields = {f.name: hints[f.name] for f in dataclasses.fields(cls)
                       if f.name not in _IDS}
        # A TypedDict per event class: msgspec decodes straight into a typed dict.
        make_typed_dict: Any = TypedDict
        self.state_type: Any = make_typed_dict(
            f"{cls.__qualname__.replace('.', '_')}_State", self.fields)
        self.decoder = msgspec.json.Decoder(self.state_type)

    def decode(self, data: bytes) -> dict[str, Any]:
        if self.class_version == 1:
            state: dict[str, Any] = self.decoder.decode(data)
            return state
        raw: dict[str, Any] = msgspec.json.decode(data)
        version = raw.pop("class_version", 1)
        while version < self.class_version:
            getattr(self.cls, f"upcast_v{version}_v{version + 1}")(raw)
            version += 1
        converted: dict[str, Any] = msgspec.convert(raw, self.state_type, strict=False)
        return converted


@cache
def schema_for_topic(topic: str) -> EventSchema:
    return EventSchema(resolve_topic(topic))


class MsgspecMapper(Mapper[UUID]):
    """eventsourcing's ``Mapper``, with msgspec in place of the generic JSON transcoder."""

    def __init__(self, transcoder: Transcoder | None = None,
                 compressor: Compressor | None = None, cipher: Cipher | None = None) -> None:
        # The transcoder is unused: encoding is typed per event class (see EventSchema).
        self.transcoder = transcoder  # type: ignore[assignment]
        self.compressor = compressor
        self.cipher = cipher

    def to_stored_event(self, domain_event: DomainEventProtocol[UUID]) -> StoredEvent:
        cls = type(domain_event)
        state = dict(vars(domain_event))
        originator_id = state.pop("originator_id")
        originator_version = state.pop("originator_version")
        class_version = getattr(cls, "class_version", 1)
        if class_version > 1:
            state["class_version"] = class_version
        data = _encoder.encode(state)
        if self.compressor:
            data = self.compressor.compress(data)
        topic = get_topic(cls)
        if self.cipher and not in_clear(topic):
            data = self.cipher.encrypt(data)
        return StoredEvent(originator_id=originator_id, originator_version=originator_version,
                           topic=topic, state=data)

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[UUID]:
        schema = schema_for_topic(stored_event.topic)
        data = stored_event.state
        try:
            data = open_state(stored_event.topic, data, self.cipher)
            if self.compressor:
                data = self.compressor.decompress(data)
            state = schema.decode(data)
        except Exception as e:
            msg = (f"cannot read stored event {stored_event.topic} "
                   f"{stored_event.originator_id} v{stored_event.originator_version}: {e}")
            raise MapperDeserialisationError(msg) from e
        originator_id = stored_event.originator_id
        state["originator_id"] = (originator_id if isinstance(originator_id, UUID)
                                  else UUID(str(originator_id)))
        state["originator_version"] = stored_event.originator_version
        event = object.__new__(schema.cls)
        object.__setattr__(event, "__dict__", state)
        return typing.cast(DomainEventProtocol[UUID], event)
