"""Read models kept persisted beside the ledger, and caught up incrementally.

A read model (``projections.readmodel.ReadModel``) is saved with the position it has read
up to, in the ledger's own database (the same SQLite file, the same PostgreSQL schema), by
an eventsourcing tracking recorder (``sqlite``, ``postgres``): its state bytes and its
``Tracking`` record are written in ONE transaction, so a saved state always goes with the
position it was folded to, and ``max_tracking_id(tracking_name(model.name))`` says how far
each model has read. The position saved is a ``ChainHead``: the notification id of the
last event fed, its position in the chain and the chain's hash there (positions count
stored events; PostgreSQL notification ids may have gaps).

- ``catch_up(ledger, Model)``: load the saved state, feed only the events recorded after
  it, save. Cheap when nothing is new. A saved state of another ``Model.version``, or one
  whose chain hash is not the ledger's at its position, is rebuilt from scratch.
- ``rebuild(ledger, Model)``: fold the whole history again and save.
- ``recorded(ledger, recordings, subjects)``: what the ledger calls right after it
  committed new events (``Ledger.execute``: an import, the demo, a form): the models the
  UI opens on (``KEPT_UP``) are fed those events from memory, without reading them back,
  and saved. It runs after the commit and never raises: the events are already stored,
  and a model it could not save catches up from its tracking position when next read.

A read-only ledger (an auditor's) is never written: its models catch up in memory, from
the saved state if the ledger has one and it can be read. Saved states are a cache of the
history: one that cannot be loaded is folded again, one that cannot be saved (a file or a
role that may only read) is still shown. On an encrypted ledger the saved state is encrypted
with the ledger's key, like the events it was folded from.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Generic, cast
from uuid import UUID
from weakref import WeakKeyDictionary

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Recording

from asfledger.decode import created_keys, decode_rows
from asfledger.history import (
    START,
    ChainHead,
    StoredRow,
    event_type,
    stream,
)
from asfledger.ledger import Ledger
from asfledger.mapper import to_struct
from asfledger.readmodels.store import (
    READMODEL_TABLE,
    ReadModelStore,
    Saved,
    tracking_name,
)
from asfledger.storage import is_postgres
from projections.dashboard import DashboardState
from projections.events import LedgerEvent
from projections.readmodel import M, ReadModel

__all__ = ["KEPT_UP", "READMODEL_TABLE", "Differing", "KeptUp", "ReadModelStore", "Saved",
           "Tracked", "catch_up", "differing", "rebuild", "recorded", "store_of",
           "tracking_name"]

# The read models the ledger's writers keep caught up, so that the UI opens on a saved
# state instead of folding the history (SPEC §7: under 1.5 s on 100,000 events).
KEPT_UP: tuple[type[ReadModel], ...] = (DashboardState,)

log = logging.getLogger(__name__)

_stores: WeakKeyDictionary[Ledger, ReadModelStore] = WeakKeyDictionary()
_stores_lock = threading.Lock()


def store_of(ledger: Ledger) -> ReadModelStore:
    """The ledger's read-model recorder, made once per open ledger (its tables are created
    then, unless the ledger is read-only)."""
    with _stores_lock:
        store = _stores.get(ledger)
        if store is None:
            factory: Any = ledger.factory
            if is_postgres(ledger.db):
                from asfledger.readmodels.postgres import PostgresReadModelRecorder

                store = cast(ReadModelStore,
                             factory.tracking_recorder(PostgresReadModelRecorder))
            else:
                from asfledger.readmodels.sqlite import SQLiteReadModelRecorder

                store = cast(ReadModelStore, factory.tracking_recorder(SQLiteReadModelRecorder))
            _stores[ledger] = store
        return store


@dataclass(frozen=True)
class Tracked(Generic[M]):
    """A read model and where in the history it has read up to."""

    model: M
    head: ChainHead
    fed: int = 0  # events fed by the catch-up that made it
    rebuilt: bool = False  # it was folded from the start of the history
    saved: bool = False  # that catch-up saved it


def catch_up(ledger: Ledger, kind: type[M], *, start: Tracked[M] | None = None
             ) -> Tracked[M]:
    """``kind`` as of the ledger's head: the saved state (or ``start``, a model this
    process holds, whichever has read further), fed the events recorded since, then saved.

    The model returned is always a new object and ``start`` is left as it was, so a screen
    can keep showing it while this runs in a worker thread.
    """
    usable = _usable(ledger, kind)
    loaded = None
    if start is not None and start.head.position >= (usable.head.position if usable else 0):
        model, head, rebuilt = kind.from_bytes(start.model.to_bytes()), start.head, False
    elif usable is not None and (loaded := _load(ledger, kind, usable)) is not None:
        model, head, rebuilt = loaded, usable.head, False
    else:
        usable = None  # rebuilt from scratch, and saved in its place
        model, head, rebuilt = kind(), START, True
    subject_of = _subjects(ledger) if head.position else None
    tracked = _feed(ledger, model, stream(ledger.store, start_after=head, hashed=False),
                    head, subject_of, rebuilt=rebuilt)
    if ledger.read_only or (usable is not None
                            and tracked.head.position <= usable.head.position):
        return tracked
    return _save(ledger, tracked, replace=usable is None)


def rebuild(ledger: Ledger, kind: type[M]) -> Tracked[M]:
    """``kind`` folded from the whole history again, and saved in place of the old."""
    tracked = _feed(ledger, kind(), stream(ledger.store, hashed=False), START, None,
                    rebuilt=True)
    return tracked if ledger.read_only else _save(ledger, tracked, replace=True)


def recorded(ledger: Ledger, recordings: Sequence[Recording[UUID]],
             subjects: Mapping[UUID, str], kinds: Iterable[type[ReadModel]] = KEPT_UP
             ) -> list[Tracked[ReadModel]]:
    """Keep ``kinds`` caught up after the ledger committed ``recordings`` (its events in
    the order stored); ``subjects`` names the aggregates they belong to (their keys).

    When a model's saved position is the event just before them, they are fed from memory
    (no read back, no decoding: an import of 100,000 events pays a few percent for it) and
    the model is saved. Otherwise (never saved on a ledger that was not empty, an old
    version, another writer's events in between) it is caught up from the store. Never
    raises: the events are already committed, and a model not saved here catches up from
    its tracking position when it is next read. Returns the models it saved or caught up.
    """
    if ledger.read_only or not recordings:
        return []
    kept: list[Tracked[ReadModel]] = []
    for kind in kinds:
        try:
            kept.append(_recorded(ledger, kind, recordings, subjects))
        except Exception:  # a cache of the history: whatever went wrong, the events stand
            log.info("read model %s not caught up after a write; it will be when read",
                     kind.name, exc_info=True)
    return kept


def _recorded(ledger: Ledger, kind: type[M], recordings: Sequence[Recording[UUID]],
              subjects: Mapping[UUID, str]) -> Tracked[M]:
    feeding = _Feeding(ledger, kind)
    feeding.feed([(r.domain_event, r.notification.id, r.notification.topic)
                  for r in recordings], subjects)
    return feeding.committed()


# An event just written: the domain event, its notification id and its topic.
Written = tuple[DomainEventProtocol[UUID], int, str]


class _Feeding(Generic[M]):
    """One read model fed a write's events from memory, as they are written (a bulk
    write feeds it chunk by chunk before its commit), and saved once it has committed."""

    def __init__(self, ledger: Ledger, kind: type[M]) -> None:
        self._ledger = ledger
        self._kind = kind
        saved = _loaded_saved(ledger, kind)
        self._saved = saved
        # An old version is rebuilt from the store, an unreadable state too (committed()).
        self._model = (None if saved is not None and saved.version != kind.version
                       else kind() if saved is None else _load(ledger, kind, saved))
        self._head = START if saved is None else saved.head
        self._position = self._head.position
        self._first: int | None = None  # notification ids of the first and last event fed
        self._last: int | None = None
        self._types: dict[str, str] = {}

    def feed(self, written: Sequence[Written], subjects: Mapping[UUID, str]) -> None:
        if self._model is None or not written:
            return
        if self._first is None:
            self._first = written[0][1]
        self._last = written[-1][1]
        feed = self._model.feed
        types = self._types
        position = self._position
        for event, _, topic in written:
            name = types.get(topic)
            if name is None:
                name = types[topic] = event_type(topic)
            typed = to_struct(event)
            subject_id = event.originator_id
            position += 1
            feed(LedgerEvent(position, typed.timestamp, typed.actor, name,
                             subject_id, subjects.get(subject_id) or str(subject_id), typed))
        self._position = position

    def committed(self) -> Tracked[M]:
        """Save the model fed, if its events are the ones right after its saved position;
        otherwise catch it up from the store."""
        ledger, kind, model, head = self._ledger, self._kind, self._model, self._head
        chain = ledger.store
        n = self._position - head.position
        first = chain.select_chain(head.position, 1) if n else []
        last = chain.select_chain(head.position + n - 1, 1) if n else []
        if (model is None or not first or not last or not _in_chain(ledger, head)
                or first[0].notification_id != self._first
                or last[0].notification_id != self._last):
            # Not right after the saved position: read what is missing from the store.
            return catch_up(ledger, kind)
        # Positions head+1 … head+n hold the first and the last of our n events: all of them.
        end = last[0]
        tracked = Tracked(model, ChainHead(end.notification_id, end.position, end.hash), n,
                          rebuilt=self._saved is None)
        return _save(ledger, tracked, replace=self._saved is None)


class KeptUp:
    """The read models of ``recorded``, for a write in chunks (``Ledger.execute_stream``):
    made before the write takes its lock (loading them may create their tables), fed each
    chunk as it is written, and saved by ``committed()`` after the commit. Like
    ``recorded`` it never raises: a model it could not keep catches up when next read."""

    def __init__(self, ledger: Ledger, kinds: Iterable[type[ReadModel]] = KEPT_UP) -> None:
        self._feedings: list[_Feeding[Any]] = []
        if ledger.read_only:
            return
        for kind in kinds:
            try:
                self._feedings.append(_Feeding(ledger, kind))
            except Exception:
                log.info("read model %s not loaded before a write", kind.name, exc_info=True)

    def feed(self, written: Sequence[Written], subjects: Mapping[UUID, str]) -> None:
        for feeding in list(self._feedings):
            try:
                feeding.feed(written, subjects)
            except Exception:
                log.info("read model not fed during a write", exc_info=True)
                self._feedings.remove(feeding)

    def committed(self) -> list[Tracked[ReadModel]]:
        kept: list[Tracked[ReadModel]] = []
        for feeding in self._feedings:
            try:
                kept.append(feeding.committed())
            except Exception:
                log.info("read model not caught up after a write; it will be when read",
                         exc_info=True)
        return kept


@dataclass(frozen=True)
class Differing:
    """A saved read model that is not what the events fold to at its saved position."""

    name: str
    position: int


def differing(ledger: Ledger) -> list[Differing]:
    """Every saved read model (of ``KEPT_UP``) whose saved state, or saved head, differs
    from what the stored events fold to up to the position it was saved at: read models
    are caches, never evidence (``audit verify`` names them). One fold of the history for
    all of them; a model of another version is left out (it is rebuilt when read)."""
    cipher = ledger.cipher
    wanted: list[tuple[type[ReadModel], Saved, ReadModel]] = []
    found: list[Differing] = []
    for kind in KEPT_UP:
        saved = _loaded_saved(ledger, kind)
        if saved is None or saved.version != kind.version:
            continue
        if not _in_chain(ledger, saved.head):
            found.append(Differing(kind.name, saved.head.position))
            continue
        wanted.append((kind, saved, kind()))
    upto = max((saved.head.position for _, saved, _ in wanted), default=0)
    if upto:
        for row, event in decode_rows(stream(ledger.store, hashed=False), cipher=cipher):
            if row.position > upto:
                break
            for _, saved, model in wanted:
                if row.position <= saved.head.position:
                    model.feed(event)
    for kind, saved, model in wanted:
        try:
            state = saved.state if cipher is None else cipher.decrypt(saved.state)
        except Exception:  # saved under another key, or damaged: not what the events say
            state = b""
        if model.to_bytes() != state:
            found.append(Differing(kind.name, saved.head.position))
    return found


def _loaded_saved(ledger: Ledger, kind: type[M]) -> Saved | None:
    """The saved state of ``kind``, or None if there is none or it cannot be read (a role
    that may read the events but not the read models: the history will do)."""
    try:
        return store_of(ledger).load(kind.name)
    except Exception:
        log.info("read model %s could not be loaded; folded again", kind.name,
                 exc_info=True)
        return None


def _usable(ledger: Ledger, kind: type[M]) -> Saved | None:
    """The saved state if it is of this version and in the ledger's chain."""
    saved = _loaded_saved(ledger, kind)
    if saved is None or saved.version != kind.version or not _in_chain(ledger, saved.head):
        return None
    return saved


def _in_chain(ledger: Ledger, head: ChainHead) -> bool:
    """The saved head is in the ledger's chain, same hash at the same position: a history
    replaced or cut below a saved model is noticed, and the model rebuilt."""
    if head.position == 0:
        return True
    rows = ledger.store.select_chain(head.position - 1, 1)
    return (bool(rows) and rows[0].hash == head.chain
            and rows[0].notification_id == head.notification_id)


def _load(ledger: Ledger, kind: type[M], saved: Saved) -> M | None:
    """The saved model, or None if it cannot be read (saved under another key, damaged)."""
    cipher = ledger.cipher
    try:
        return kind.from_bytes(saved.state if cipher is None else cipher.decrypt(saved.state))
    except Exception:  # whatever the reason, the history itself can rebuild it
        return None


def _subjects(ledger: Ledger) -> Callable[[UUID], str | None]:
    """Names of aggregates created before a catch-up's first event (cached)."""
    return lru_cache(maxsize=4096)(created_keys(ledger.store, ledger.cipher))


def _feed(ledger: Ledger, model: M, rows: Iterator[StoredRow], head: ChainHead,
          subject_of: Callable[[UUID], str | None] | None, *, rebuilt: bool
          ) -> Tracked[M]:
    feed = model.feed
    fed = 0
    last: StoredRow | None = None
    for last, event in decode_rows(rows, cipher=ledger.cipher, subject_of=subject_of):  # noqa: B007
        feed(event)
        fed += 1
    if last is not None:
        head = _head_at(ledger, last)
    return Tracked(model, head, fed, rebuilt)


def _head_at(ledger: Ledger, row: StoredRow) -> ChainHead:
    """The head after ``row``, with the chain's hash there as the ledger stored it (read
    models do not hash the history as they read it; ``audit verify`` does)."""
    rows = ledger.store.select_chain(row.position - 1, 1)
    found = rows[0] if rows and rows[0].notification_id == row.notification_id else None
    return ChainHead(row.notification_id, row.position, found.hash if found else b"")


def _save(ledger: Ledger, tracked: Tracked[M], *, replace: bool) -> Tracked[M]:
    """Save; if another process saved this model further meanwhile, theirs stays. A save
    that fails (a file or a role that may only read, a lock held too long) leaves the model
    unsaved: it is still right, and the next reader catches up from the saved position."""
    model = tracked.model
    state = model.to_bytes()
    cipher = ledger.cipher
    if cipher is not None:
        state = cipher.encrypt(state)
    try:
        saved = store_of(ledger).save(model.name, model.version, tracked.head, state,
                                      replace=replace)
    except Exception:
        log.info("read model %s not saved", model.name, exc_info=True)
        saved = False
    return Tracked(model, tracked.head, tracked.fed, tracked.rebuilt, saved)
