"""The history a page at a time: every stored event, newest first, optionally filtered.

Rows are numbered by their position in the audit chain (1, 2, 3 … with no gaps, as
``asfledger events`` and ``audit verify`` number them), not by notification id:
PostgreSQL's notification ids skip those of rolled-back writes. A page is read at the
query: the chain gives the notification id of the event before the page's first
position (``select_chain``), and the page's rows are read from there, so a page never
holds more than ``PAGE_SIZE`` rows however long the history is. A filter scans the
history once and keeps only the rows of the page asked for. On an encrypted ledger each
row is decrypted with the ledger's cipher.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import Cipher

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.history import START, ChainHead, StoredRow, event_type, stream
from asfledger.redaction import open_state

PAGE_SIZE = 100  # about three screens: a page is read, decoded and drawn in milliseconds
SCAN = 2000


@dataclass(frozen=True, slots=True)
class HistoryRow:
    position: int
    time: str  # as recorded (ISO 8601, UTC)
    actor: str
    type: str  # ``Partner.Onboarded``
    subject: str  # ``Partner 556677-8899 · Cykelköket``


@dataclass(frozen=True, slots=True)
class HistoryPage:
    page: int
    rows: list[HistoryRow]
    total: int  # rows matching the filter in the whole history
    # While a filter's scan is under way (``load_page``'s ``found``): the events read so
    # far, ``total`` is the matches among them and ``rows`` the page of those. None: done.
    searched: int | None = None

    @property
    def complete(self) -> bool:
        return self.searched is None

    @property
    def first(self) -> int:
        return self.page * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.page * PAGE_SIZE + len(self.rows)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def decoded(state: bytes, cipher: Cipher | None, topic: str = "") -> dict[str, Any]:
    """A stored event's fields (decrypted first on an encrypted ledger; a redacted event's
    after its marker, a redaction's in clear: ``asfledger.redaction``)."""
    plain = open_state(topic, state, cipher)
    fields: dict[str, Any] = msgspec.json.decode(plain)
    return fields


class Subjects:
    """Subjects (``Partner 556677-8899``) by originator, learnt from created events and
    looked up on demand for a page that starts after them: the created events of a whole
    page's subjects are read at once (``prefetch``), then learnt in the page's order."""

    def __init__(self, store: ChainedRecorder, cipher: Cipher | None = None) -> None:
        self.store = store
        self.cipher = cipher
        self.known: dict[UUID, str] = {}
        self.partners: dict[str, str] = {}  # org_nr → name, for what a partner is named in
        # Created events read ahead and not learnt yet (None: the subject has none).
        self.fetched: dict[UUID | str, tuple[str, bytes] | None] = {}

    def prefetch(self, originator_ids: Iterable[UUID]) -> None:
        """Read the created events of the subjects not known yet, in one read."""
        wanted = list(dict.fromkeys(i for i in originator_ids
                                    if i not in self.known and i not in self.fetched))
        if wanted:
            found = self.store.first_states(wanted)
            self.fetched.update((i, found.get(i)) for i in wanted)

    def learn(self, originator_id: UUID, state: dict[str, Any]) -> None:
        """From a created event: the subject with its name, so that a search finds it
        by name or ref as well as by org number (``Partner 556677-8899 · Cykelköket``)."""
        if "key" in state and "originator_topic" in state:
            kind, key = event_type(state["originator_topic"]), str(state["key"])
            name = state.get("name") or state.get("title")
            if kind == "Partner" and name:
                self.partners[key] = str(name)
            elif not name and state.get("org_nr") in self.partners:
                name = self.partners[state["org_nr"]]
            self.known[originator_id] = f"{kind} {key} · {name}" if name else f"{kind} {key}"

    def of(self, originator_id: UUID, *, look_up: bool) -> str:
        subject = self.known.get(originator_id)
        if subject is None and look_up:
            if originator_id not in self.fetched:
                self.prefetch([originator_id])
            first = self.fetched.pop(originator_id, None)
            if first is not None:
                topic, state = first
                self.learn(originator_id, decoded(state, self.cipher, topic))
            subject = self.known.get(originator_id)
        return subject or str(originator_id)


def head_before(store: ChainedRecorder, position: int) -> ChainHead:
    """Where reading must start for the event at ``position`` + 1 to come first: the
    notification id of the event at ``position`` (from the chain: ids may have gaps)."""
    if position <= 0:
        return START
    for link in store.select_chain(position - 1, 1):
        if link.position == position:
            return ChainHead(link.notification_id, position, link.hash)
    raise LookupError(f"no event at position {position}")


def _row(stored: StoredRow, subjects: Subjects, *, look_up: bool) -> HistoryRow:
    state = decoded(stored.state, subjects.cipher, stored.topic)
    oid = stored.originator_id
    subjects.learn(oid, state)
    return HistoryRow(stored.position, str(state.get("timestamp", "")),
                      str(state.get("actor", "")), event_type(stored.topic),
                      subjects.of(oid, look_up=look_up))


def _stored(store: ChainedRecorder, after: ChainHead, page: int,
            until: int | None) -> Iterator[StoredRow]:
    """The stored events after ``after``, with their positions, up to ``until``."""
    for stored in stream(store, page=page, start_after=after, hashed=False):
        if until is not None and stored.position > until:
            return
        yield stored


def load_page(subjects: Subjects, page: int, keep: Callable[[HistoryRow], bool] | None = None,
              *, until: int | None = None, newest_first: bool = True,
              cancelled: Callable[[], bool] = lambda: False,
              found: Callable[[HistoryPage], None] | None = None) -> HistoryPage:
    """Page ``page`` (0-based) of the history, or of the rows ``keep`` keeps, newest
    first unless ``newest_first`` is False; ``until`` ends the history at that position
    (looking back). Only the page's rows are kept, however long the history is; a filter
    that shrank the history below ``page`` gives its last page. A filter scans the whole
    history: every ``SCAN`` events ``found`` is given the page as it stands (``searched``
    says how far the scan is), so a screen can show matches as they come."""
    store = subjects.store
    if keep is None:
        total = store.chain_size()
        if until is not None:
            total = min(total, until)
        page = max(0, min(page, (total - 1) // PAGE_SIZE)) if total else 0
        if newest_first:
            last = total - page * PAGE_SIZE
            first = max(0, last - PAGE_SIZE)
        else:
            first = page * PAGE_SIZE
            last = min(total, first + PAGE_SIZE)
        size = last - first
        read = list(islice(_stored(store, head_before(store, first), size, until), size)
                    ) if size > 0 else []
        subjects.prefetch(row.originator_id for row in read)
        rows = [_row(row, subjects, look_up=True) for row in read]
        subjects.fetched.clear()  # what the page's own events told is kept in ``known``
        return HistoryPage(page, rows[::-1] if newest_first else rows, total)
    # Filtered: one scan; newest first keeps the latest (page + 1) pages of matches.
    first = page * PAGE_SIZE
    kept: deque[HistoryRow] | list[HistoryRow] = (
        deque(maxlen=first + PAGE_SIZE) if newest_first else [])
    total = 0

    def so_far() -> list[HistoryRow]:
        return list(kept)[::-1][first:first + PAGE_SIZE] if newest_first else list(kept)

    for n, stored in enumerate(_stored(store, START, SCAN, until)):
        if n % SCAN == 0 and n:
            if cancelled():
                break
            if found is not None:
                found(HistoryPage(page, so_far(), total, searched=n))
        row = _row(stored, subjects, look_up=False)
        if keep(row):
            if newest_first or first <= total < first + PAGE_SIZE:
                kept.append(row)
            total += 1
    shown = so_far()
    if not shown and total and page:  # the filter shrank the history below this page
        return load_page(subjects, (total - 1) // PAGE_SIZE, keep, until=until,
                         newest_first=newest_first, cancelled=cancelled)
    return HistoryPage(page, shown, total)
