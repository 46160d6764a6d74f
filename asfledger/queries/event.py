"""One stored event, found by its position in the audit chain (PostgreSQL's notification
ids may have gaps, positions do not), decoded by the ledger's mapper (which decrypts an
encrypted ledger): what the event detail shows, and what a correction starts from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, cast
from uuid import UUID

import msgspec
from eventsourcing.persistence import Mapper, Notification

from asfledger.audit.chain_store import ChainedRecorder, ChainRow
from asfledger.history import event_type
from asfledger.mapper import to_struct
from domain.aggregates import LedgerAggregate, Partner
from domain.events import Event
from projections.events import LedgerEvent
from projections.timeline import Timeline, printable_line

_IDS = ("originator_id", "originator_version")


@dataclass(frozen=True, slots=True)
class StoredEventData:
    """The event at a position: its type (``Partner.Onboarded``), its subject's natural
    key, and the event as its Struct (read by class and attribute)."""

    position: int
    type: str
    subject: str
    event: Event


@dataclass(frozen=True, slots=True)
class EventInfo:
    """The event at a position in the policy's words, with its fields and its link of the
    chain (hex)."""

    position: int
    recorded: datetime
    actor: str
    type: str
    subject: str
    sentence: str
    data: list[tuple[str, str]]
    chain: str


def _stored_at(store: ChainedRecorder, position: int) -> tuple[ChainRow, Notification] | None:
    links = store.select_chain(position - 1, 1) if position > 0 else []
    if not links or links[0].position != position:
        return None
    link = links[0]
    found = store.select_notifications(start=link.notification_id, limit=1)
    if not found or found[0].id != link.notification_id:
        return None
    return link, found[0]


def _created(store: ChainedRecorder, mapper: Mapper[UUID], originator_id: UUID
             ) -> dict[str, Any]:
    """The fields of an aggregate's first event (its key, a partner's name)."""
    for first in store.select_events(originator_id, lte=1, limit=1):
        return dict(vars(mapper.to_domain_event(first)))
    return {}


class _Read(NamedTuple):
    link: ChainRow
    stored: Notification
    originator_id: UUID
    event: LedgerAggregate.Event
    subject: str  # its aggregate's natural key


def _read(store: ChainedRecorder, mapper: Mapper[UUID], position: int) -> _Read | None:
    """The event at ``position``, read back, with its aggregate's key."""
    found = _stored_at(store, position)
    if found is None:
        return None
    link, stored = found
    oid = stored.originator_id
    oid = oid if isinstance(oid, UUID) else UUID(str(oid))
    event = cast(LedgerAggregate.Event, mapper.to_domain_event(stored))
    key = vars(event).get("key")
    subject = str(key if key is not None else _created(store, mapper, oid).get("key", oid))
    return _Read(link, stored, oid, event, subject)


def event_data(store: ChainedRecorder, mapper: Mapper[UUID], position: int
               ) -> StoredEventData | None:
    """The stored event at ``position``, or None where there is none."""
    read = _read(store, mapper, position)
    if read is None:
        return None
    return StoredEventData(position, event_type(read.stored.topic), read.subject,
                           to_struct(read.event))


def _show(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return msgspec.json.encode(value, enc_hook=str).decode()


def read_event(store: ChainedRecorder, mapper: Mapper[UUID], position: int,
               lang: str) -> EventInfo | None:
    """The stored event at ``position`` said in the policy's words (``lang``), with its
    fields and its link of the chain; None where there is none."""
    read = _read(store, mapper, position)
    if read is None:
        return None
    link, stored, oid, event, subject = read
    data = {k: v for k, v in vars(event).items() if k not in _IDS}
    kind = event_type(stored.topic)
    timeline = Timeline(lang)
    partners = {subject if kind.startswith("Partner.") else "", str(data.get("org_nr") or ""),
                str(data["payee"]) if data.get("payee_kind") == "partner" else ""}
    for org_nr in partners - {""}:
        name = _created(store, mapper, Partner.id_for(org_nr)).get("name")
        if name:
            timeline.partner_names[org_nr] = str(name)
    sentence = timeline.sentence(LedgerEvent(position, event.timestamp, event.actor, kind,
                                             oid, subject, to_struct(event)))
    return EventInfo(position, event.timestamp, str(data.get("actor", "")), kind, subject,
                     printable_line(sentence),
                     [(k, printable_line(_show(v))) for k, v in data.items()], link.hash.hex())
