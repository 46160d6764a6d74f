"""The stored history, streamed in global order, with positions and the chain."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
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


def _pages(recorder: ApplicationRecorder, page: int
           ) -> Iterator[list[tuple[int, UUID | str, int, str, bytes]]]:
    scan = getattr(recorder, "scan", None)
    after = 0
    while True:
        if scan is not None:
            rows = scan(after, page)
        else:
            rows = [(n.id, n.originator_id, n.originator_version, n.topic, n.state)
                    for n in recorder.select_notifications(start=after + 1, limit=page)]
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def stream(recorder: ApplicationRecorder, *, page: int = PAGE) -> Iterator[StoredRow]:
    """Every stored event with its 1-based position and chain hash, in constant memory."""
    position = 0
    previous = GENESIS
    uuids: dict[UUID | str, UUID] = {}  # an aggregate's id is parsed once, not per event
    for rows in _pages(recorder, page):
        for notification_id, originator_id, version, topic, state in rows:
            position += 1
            oid = uuids.get(originator_id)
            if oid is None:
                oid = uuids[originator_id] = (
                    originator_id if isinstance(originator_id, UUID) else UUID(originator_id))
            # A hand-edited SQLite row can come back as text: hash what is there.
            if not isinstance(state, bytes):
                state = str(state).encode()
            previous = link(position, previous, event_digest(topic, oid, version, state))
            yield StoredRow(position, notification_id, oid, version, topic, state, previous)


@lru_cache(maxsize=1024)
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
