"""The stored history, streamed in global order, with positions and the chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import ApplicationRecorder

from asfledger.audit.chain import GENESIS, event_digest, link

PAGE = 2000


@dataclass(frozen=True, slots=True)
class StoredRow:
    position: int
    notification_id: int
    originator_id: UUID
    version: int
    topic: str
    state: bytes
    chain: bytes


def stream(recorder: ApplicationRecorder, *, page: int = PAGE) -> Iterator[StoredRow]:
    """Every stored event with its 1-based position and chain hash, in constant memory."""
    position = 0
    previous = GENESIS
    start = 1
    while True:
        notifications = recorder.select_notifications(start=start, limit=page)
        if not notifications:
            return
        for n in notifications:
            position += 1
            oid = n.originator_id if isinstance(n.originator_id, UUID) else UUID(
                str(n.originator_id))
            # A hand-edited SQLite row can come back as text: hash what is there.
            state = n.state if isinstance(n.state, bytes) else str(n.state).encode()
            previous = link(position, previous,
                            event_digest(n.topic, oid, n.originator_version, state))
            yield StoredRow(position, n.id, oid, n.originator_version, n.topic, state,
                            previous)
        start = notifications[-1].id + 1


def event_type(topic: str) -> str:
    """``domain.aggregates.partner:Partner.Registered`` → ``Partner.Registered``."""
    return topic.rsplit(":", 1)[-1]


class Entry(msgspec.Struct):
    """One line of ``asfledger events``."""

    position: int
    time: str
    actor: str
    type: str
    subject: str
    data: dict[str, Any]
    chain: str


_HEADER_FIELDS = ("timestamp", "actor", "originator_topic", "key")


def entries(recorder: ApplicationRecorder, *, until: date | None = None) -> Iterator[Entry]:
    """The history as readable entries; ``until`` keeps events recorded on or before it."""
    subjects: dict[UUID, str] = {}
    for row in stream(recorder):
        state: dict[str, Any] = msgspec.json.decode(row.state)
        if "key" in state and "originator_topic" in state:  # a created event names it
            aggregate = event_type(state["originator_topic"])
            subjects[row.originator_id] = f"{aggregate} {state['key']}"
        timestamp = datetime.fromisoformat(state["timestamp"].replace("Z", "+00:00"))
        if until is not None and timestamp.date() > until:
            continue  # keep streaming: concurrent writers may interleave timestamps
        data = {k: v for k, v in state.items() if k not in _HEADER_FIELDS}
        yield Entry(position=row.position, time=timestamp.isoformat(timespec="seconds"),
                    actor=state.get("actor", ""), type=event_type(row.topic),
                    subject=subjects.get(row.originator_id, str(row.originator_id)),
                    data=data, chain=row.chain.hex())
