"""The stored history, streamed in global order, with positions and the chain."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple
from uuid import UUID

import msgspec
from eventsourcing.persistence import ApplicationRecorder, Cipher

from asfledger.audit.chain import DOMAIN_TAG, GENESIS, topic_prefix

PAGE = 2000


class StoredRow(NamedTuple):
    position: int
    notification_id: int
    originator_id: UUID
    version: int
    topic: str
    state: bytes
    chain: bytes


class ChainHead(NamedTuple):
    """Where a reader of the history stopped: the notification id of the last event read,
    its 1-based position in the chain, and the chain's hash there. Reading can resume
    after it (``stream(..., start_after=head)``) with the same positions and hashes as a
    read from the start."""

    notification_id: int = 0
    position: int = 0
    chain: bytes = GENESIS


START = ChainHead()

Page = list[tuple[int, UUID | str, int, str, bytes]]


def rows_after(recorder: ApplicationRecorder, after: int, limit: int = PAGE) -> Page:
    """Up to ``limit`` stored rows with notification ids above ``after``, in order."""
    scan = getattr(recorder, "scan", None)
    if scan is not None:
        rows: Page = scan(after, limit)
        return rows
    return [(n.id, n.originator_id, n.originator_version, n.topic, n.state)
            for n in recorder.select_notifications(start=after + 1, limit=limit)]


def _pages(recorder: ApplicationRecorder, page: int, after: int = 0) -> Iterator[Page]:
    while rows := rows_after(recorder, after, page):
        yield rows
        after = rows[-1][0]


def stream(recorder: ApplicationRecorder, *, page: int = PAGE,
           start_after: ChainHead = START, hashed: bool = True) -> Iterator[StoredRow]:
    """Every stored event with its 1-based position and chain hash, in constant memory;
    with ``start_after``, only the events recorded after that head. ``hashed=False``
    leaves the hashes out (``chain`` is empty): a reader that only needs the positions,
    such as a read model catching up, saves the hashing (see ``positioned``)."""
    pages = _pages(recorder, page, start_after.notification_id)
    return chained(pages, start_after) if hashed else positioned(pages, start_after)


def chained(pages: Iterable[Page], start_after: ChainHead = START) -> Iterator[StoredRow]:
    """Pages of stored rows (notification id, originator id, version, topic, state), in
    global order, with their positions and chain hashes counted on from ``start_after``.

    The hot loop of every replay: the chain's hashing is inlined (see ``audit.chain``) and
    what repeats per topic or aggregate is computed once.
    """
    position = start_after.position
    previous = start_after.chain
    ids = _IdCache()
    topics: dict[str, bytes] = {}
    sha256 = hashlib.sha256
    for rows in pages:
        for notification_id, originator_id, version, topic, state in rows:
            position += 1
            oid, oid_bytes = ids.get(originator_id)
            prefix = topics.get(topic)
            if prefix is None:
                prefix = topics[topic] = topic_prefix(topic)
            # A hand-edited SQLite row can come back as text: hash what is there.
            if type(state) is not bytes:
                state = str(state).encode()
            digest = sha256(prefix + oid_bytes + version.to_bytes(8, "big") + state).digest()
            previous = sha256(DOMAIN_TAG + position.to_bytes(8, "big") + previous + digest
                              ).digest()
            yield StoredRow(position, notification_id, oid, version, topic, state, previous)


def positioned(pages: Iterable[Page], start_after: ChainHead = START) -> Iterator[StoredRow]:
    """As ``chained``, with positions but without the hashes (``chain`` is empty)."""
    position = start_after.position
    ids = _IdCache()
    for rows in pages:
        for notification_id, originator_id, version, topic, state in rows:
            position += 1
            if type(state) is not bytes:
                state = str(state).encode()
            yield StoredRow(position, notification_id, ids.get(originator_id)[0], version,
                            topic, state, b"")


def head_of(row: StoredRow) -> ChainHead:
    """The head after reading ``row``."""
    return ChainHead(row.notification_id, row.position, row.chain)


class _IdCache:
    """Aggregate ids parsed once, not per event; bounded so memory stays constant."""

    LIMIT = 100_000

    def __init__(self) -> None:
        self._ids: dict[UUID | str, tuple[UUID, bytes]] = {}

    def get(self, originator_id: UUID | str) -> tuple[UUID, bytes]:
        found = self._ids.get(originator_id)
        if found is None:
            if len(self._ids) >= self.LIMIT:
                self._ids.clear()
            oid = originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
            found = self._ids[originator_id] = (oid, oid.bytes)
        return found


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


def entries(recorder: ApplicationRecorder, *, until: date | None = None,
            cipher: Cipher | None = None) -> Iterator[Entry]:
    """The history as readable entries; ``until`` keeps events recorded on or before it.
    ``cipher`` decrypts an encrypted ledger's data (the chain is of the stored bytes)."""
    subjects: dict[UUID, str] = {}
    for row in stream(recorder):
        plain = row.state if cipher is None else cipher.decrypt(row.state)
        state: dict[str, Any] = msgspec.json.decode(plain)
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
