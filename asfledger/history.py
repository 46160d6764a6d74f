"""The stored history, streamed in global order, with positions and the chain."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple
from uuid import UUID, SafeUUID

import msgspec
from eventsourcing.persistence import Cipher

from asfledger.audit.chain import GENESIS
from asfledger.audit.chain_store import ChainedRecorder, Row
from asfledger.audit.pages import Chain, as_bytes
from asfledger.audit.trust import ChainCheck
from asfledger.storage import StorageError

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

Page = list[Row]


def rows_after(recorder: ChainedRecorder, after: int, limit: int = PAGE) -> Page:
    """Up to ``limit`` stored rows with notification ids above ``after``, in order."""
    return recorder.scan(after, limit)


def _pages(recorder: ChainedRecorder, page: int, after: int = 0) -> Iterator[Page]:
    while rows := rows_after(recorder, after, page):
        yield rows
        after = rows[-1][0]


def stream(recorder: ChainedRecorder, *, page: int = PAGE,
           start_after: ChainHead = START, hashed: bool = True,
           check: ChainCheck | None = None) -> Iterator[StoredRow]:
    """Every stored event with its 1-based position and chain hash, in constant memory;
    with ``start_after``, only the events recorded after that head. ``hashed=False``
    leaves the hashes out (``chain`` is empty): a reader that only needs the positions,
    such as a read model catching up, saves the hashing (see ``positioned``). With
    ``check`` (a whole history), the trust check runs as the rows are read: a page that
    fails it raises ``HistoryNotTrusted`` before any of its rows is yielded."""
    pages = _pages(recorder, page, start_after.notification_id)
    return (chained(pages, start_after, check) if hashed
            else positioned(pages, start_after))


def chained(pages: Iterable[Page], start_after: ChainHead = START,
            check: ChainCheck | None = None) -> Iterator[StoredRow]:
    """Pages of stored rows (notification id, originator id, version, topic, state), in
    global order, with their positions and chain hashes counted on from ``start_after``
    (``audit.pages.Chain``, as the compliance replay hashes them); ``check`` compares
    them with the stored chain and checkpoints, and checks the recorded times."""
    chain = Chain(start_after.position, start_after.chain)
    ids = Ids()
    known = ids.known
    for rows in pages:
        # A hand-edited SQLite row can come back as text: hash what is there.
        states = as_bytes(rows)
        start = chain.position
        hashes = chain.link(chain.digests(rows, states))
        if check is not None:
            check.page(start, hashes, ids=[row[0] for row in rows])
            check.row_times(start, states)
        for i, ((notification_id, originator_id, version, topic, _), state) in enumerate(
                zip(rows, states, strict=True)):
            yield StoredRow(start + i + 1, notification_id,
                            known.get(originator_id) or ids.parse(originator_id), version,
                            topic, state, hashes[32 * i:32 * i + 32])
    if check is not None:
        check.end()


def positioned(pages: Iterable[Page], start_after: ChainHead = START) -> Iterator[StoredRow]:
    """As ``chained``, with positions but without the hashes (``chain`` is empty)."""
    position = start_after.position
    ids = Ids()
    for rows in pages:
        for notification_id, originator_id, version, topic, state in rows:
            position += 1
            if type(state) is not bytes:
                state = str(state).encode()
            yield StoredRow(position, notification_id,
                            ids.known.get(originator_id) or ids.parse(originator_id), version,
                            topic, state, b"")


_UNKNOWN_SAFETY = SafeUUID.unknown
# A UUID's slots, set as its __init__ sets them, without looking them up by name.
_new_uuid = object.__new__
_set_int, _set_safety = UUID.__dict__["int"].__set__, UUID.__dict__["is_safe"].__set__
# What Ids.parse does with an id of 32 hex digits, for a loop that does it inline (the
# compliance replay's: a call costs as much again): object.__new__ of UUID, the setters
# of its int and is_safe, and the is_safe it gets.
UUID_PARTS = (_new_uuid, _set_int, _set_safety, _UNKNOWN_SAFETY)
ID_CACHE = 100_000  # aggregate ids parsed once, not per event; bounded: constant memory


class Ids:
    """Aggregate ids as stored (text or UUID) → UUID, parsed once."""

    def __init__(self) -> None:
        self.known: dict[object, UUID] = {}

    def parse(self, originator_id: object) -> UUID:
        known = self.known
        if len(known) >= ID_CACHE:
            known.clear()
        if type(originator_id) is str and len(originator_id) == 32 and originator_id.isalnum():
            # What UUID(hex) does with 32 hex digits, without its other spellings' checks.
            oid = _new_uuid(UUID)
            _set_int(oid, int(originator_id, 16))
            _set_safety(oid, _UNKNOWN_SAFETY)
        else:
            oid = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
        known[originator_id] = oid
        return oid


@lru_cache(maxsize=1024)
def event_type(topic: str) -> str:
    """``domain.aggregates.partner:Partner.Registered`` → ``Partner.Registered``."""
    return topic.rsplit(":", 1)[-1]


class UnreadableEvent(StorageError):
    """A stored event whose data cannot be read: not JSON, not UTF-8, not decryptable
    with the key (exit 3). The message names its position."""

    def __init__(self, position: int, topic: str, error: BaseException) -> None:
        self.position = position
        super().__init__("history.unreadable", position=position, type=event_type(topic),
                         error=unreadable_reason(error))


def unreadable_reason(error: BaseException) -> str:
    """Why a stored record cannot be read, in a few words (a cipher's "Invalid cipher
    tag", msgspec's "JSON is malformed: …")."""
    text = " ".join(str(error).split()) or type(error).__name__
    return text[:200]


class Entry(msgspec.Struct):
    """One line of ``asfledger events``."""

    position: int
    time: str
    actor: str
    type: str
    subject: str
    data: dict[str, Any]
    chain: str


# Shown in an entry's own columns (or not at all: the tag is its type), not in its data.
_HEADER_FIELDS = ("type", "timestamp", "actor", "originator_topic", "key")


def entries(recorder: ChainedRecorder, *, until: date | None = None,
            cipher: Cipher | None = None) -> Iterator[Entry]:
    """The history as readable entries; ``until`` keeps events recorded on or before it.
    ``cipher`` decrypts an encrypted ledger's data (the chain is of the stored bytes).
    Each event is read by the one decoder (``asfledger.mapper``), upcast if it is old; its
    data is given JSON-native (a date as ISO text), as it is written out."""
    # They import the domain: not at start-up.
    from asfledger.mapper import schema_for_topic
    from asfledger.redaction import open_state
    from domain.events import Created

    subjects: dict[UUID, str] = {}
    for row in stream(recorder):
        try:
            event = schema_for_topic(row.topic).decode(
                open_state(row.topic, row.state, cipher))
        except Exception as e:  # whatever it is, the position says where
            raise UnreadableEvent(row.position, row.topic, e) from e
        if isinstance(event, Created):  # a created event names its aggregate
            subjects[row.originator_id] = f"{event_type(event.originator_topic)} {event.key}"
        if until is not None and event.timestamp.date() > until:
            continue  # keep streaming: concurrent writers may interleave timestamps
        state: dict[str, Any] = msgspec.to_builtins(event)
        data = {k: v for k, v in state.items() if k not in _HEADER_FIELDS}
        yield Entry(position=row.position,
                    time=event.timestamp.isoformat(timespec="seconds"), actor=event.actor,
                    type=event_type(row.topic),
                    subject=subjects.get(row.originator_id, str(row.originator_id)),
                    data=data, chain=row.chain.hex())
