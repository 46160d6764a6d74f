"""The Ledger: an eventsourcing Application that records the ASF policy's decisions.

Commands arrive in batches. A batch is decided in memory against the stored state and
then saved in one transaction, so an import is all or nothing and a refused command
writes nothing. A write that loses a race to another writer is decided again once on
fresh state; a second loss is a conflict (exit 3).

Right after a write commits, the read models the UI opens on are fed its events and saved
(``asfledger.readmodels.recorded``), so the first open after an import does not fold the
whole history. That step is outside the transaction and never fails the write.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, project_aggregate
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    Cipher,
    Mapper,
    PersistenceError,
    RecordConflictError,
    Recording,
)

from asfledger.actor import refuse_actor, resolve_actor
from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.trust import RecordedTimes, RecordedTooEarly
from asfledger.bulk import BulkWriter
from asfledger.mapper import MsgspecMapper
from asfledger.queries.ledger_queries import LedgerQueries
from asfledger.security import check_key, key_file_from, load_key, refuse_plain_write
from asfledger.storage import (
    NOT_WRITABLE,
    NOT_WRITABLE_ROLE,
    StorageError,
    persistence_env,
    safe_location,
    storage_error,
)
from domain.aggregates import LedgerAggregate
from domain.clock import recording_day
from domain.commands import Command
from domain.errors import Refusal
from domain.handlers import decide

if TYPE_CHECKING:
    from asfledger.queries.history_page import Subjects
    from asfledger.queries.snapshot import Snapshot
    from asfledger.readmodels import KeptUp
    from asfledger.redaction import Rewrite
    from projections.readmodel import ReadModel

A = TypeVar("A", bound=LedgerAggregate)
M = TypeVar("M", bound="ReadModel")
# Events decided between two writes of a streamed import: large enough that a write's
# fixed cost does not show, small enough that a chunk's memory does not.
CHUNK = 5_000
# Aggregates a streamed import keeps decided state of between chunks (about 1.5 kB each):
# a history of a million events touches some 400,000.
CACHED = 20_000
@dataclass(frozen=True)
class Applied:
    commands: int
    events: int


class CommandRefused(Exception):
    """Command number ``index`` (0-based) of a batch was refused; nothing was written."""

    def __init__(self, index: int, command: Command, refusal: Refusal) -> None:
        self.index = index
        self.command = command
        self.refusal = refusal
        super().__init__(f"command {index + 1}: {refusal}")


class LedgerConflict(StorageError):
    """Another writer changed the same records twice in a row while we decided."""


class _Keys(Mapping[UUID, str]):
    def __init__(self, seen: dict[UUID, LedgerAggregate | None]) -> None:
        self._seen = seen

    def __getitem__(self, aggregate_id: UUID) -> str:
        found = self._seen[aggregate_id]
        if found is None:
            raise KeyError(aggregate_id)
        return found.key

    def __iter__(self) -> Iterator[UUID]:
        return (aggregate_id for aggregate_id, found in self._seen.items()
                if found is not None)

    def __len__(self) -> int:
        return sum(1 for found in self._seen.values() if found is not None)


class _Workspace:
    """Aggregates a batch has read or changed, loaded once from the repository, and the
    new events in the order they were decided (so the global order follows the file)."""

    def __init__(self, ledger: Ledger, *, empty: bool | None = None,
                 writer: BulkWriter | None = None) -> None:
        self._ledger = ledger
        # The day the batch is recorded (in Stockholm): a thing done may not lie after it.
        # Read once per batch, so the clock is asked as often as before the rule existed.
        self.today = recording_day()
        # An empty ledger has nothing to look up: a first big import skips a query per key.
        # (A writer that fills it meanwhile makes our save conflict, and we decide again;
        # a bulk write knows it under its lock.)
        self._empty = ledger.head() == 0 if empty is None else empty
        # Least recently used first: a bulk write keeps at most CACHED aggregates between
        # chunks and reads the others back through its own transaction (``_writer``),
        # where what it wrote is visible; ``_written`` holds the hashes of their ids.
        self._seen: dict[UUID, LedgerAggregate | None] = {}
        self._writer = writer
        self._written: set[int] = set()
        self._step: list[LedgerAggregate] = []
        self._taken: dict[UUID, int] = {}
        self.events: list[DomainEventProtocol[UUID]] = []
        self.rewrites: list[Rewrite] = []  # rows redacted, rewritten with the events

    def subjects(self) -> Mapping[UUID, str]:
        """The natural key of every aggregate read or changed, by id (a view: a streamed
        import asks it after each chunk, and the aggregates are many)."""
        return _Keys(self._seen)

    def find(self, cls: type[A], key: str) -> A | None:
        aggregate_id = cls.id_for(key)
        seen = self._seen
        if aggregate_id in seen:
            found = seen[aggregate_id] = seen.pop(aggregate_id)  # now the most recent
        else:
            found = seen[aggregate_id] = self._load(cls, key, aggregate_id)
        if not isinstance(found, cls):
            return None
        self._step.append(found)
        return found

    def _load(self, cls: type[A], key: str, aggregate_id: UUID) -> LedgerAggregate | None:
        if self._writer is not None and hash(aggregate_id) in self._written:
            return self._ledger.reload(self._writer, aggregate_id)
        return None if self._empty else self._ledger.get(cls, key)

    def add(self, aggregate: LedgerAggregate) -> None:
        self._seen[aggregate.id] = aggregate
        self._step.append(aggregate)

    def redaction_target(self, position: int, field: str) -> str:
        from asfledger.redaction import prepare

        digest, rewrite = prepare(self._ledger.store, self._ledger.cipher, position, field)
        self.rewrites.append(rewrite)
        return digest

    def end_step(self) -> None:
        """Take the events the last command triggered, in the order it triggered them."""
        new: list[DomainEventProtocol[UUID]] = []
        unique = {aggregate.id: aggregate for aggregate in self._step}  # aggregates can't hash
        for aggregate in unique.values():
            pending = aggregate.pending_events
            taken = self._taken.get(aggregate.id, 0)
            if len(pending) > taken:
                new.extend(pending[taken:])
                self._taken[aggregate.id] = len(pending)
        # Within one command, creation order; the sort is stable, ties keep aggregate order.
        new.sort(key=lambda event: cast(LedgerAggregate.Event, event).timestamp)
        self.events.extend(new)
        self._step.clear()

    def written(self) -> list[DomainEventProtocol[UUID]]:
        """Hand over the events decided so far and forget them (they are being written);
        the aggregates stay, at their new state, for the commands still to decide."""
        events, self.events = self.events, []
        for aggregate_id in self._taken:
            found = self._seen[aggregate_id]
            if found is not None:
                found.collect_events()  # empties its pending events
            self._written.add(hash(aggregate_id))
        self._taken.clear()
        return events

    def evict(self) -> None:
        """Between two chunks of a bulk write (nothing pending): forget the least recently
        used aggregates beyond CACHED; they are read back if a later command needs them."""
        seen = self._seen
        if self._writer is None or len(seen) <= CACHED:
            return
        for aggregate_id in list(islice(seen, len(seen) - CACHED * 3 // 4)):
            del seen[aggregate_id]


def _never_before(events: list[DomainEventProtocol[UUID]], last: datetime | None
                  ) -> datetime | None:
    """Recorded times never go backwards in stored order (``audit verify`` checks it):
    an event stamped before the last one stored, or before one before it in the batch (a
    clock set back, another writer's later commit), is recorded at that time instead.
    Times given on purpose in increasing order (a demo history) stay as they are."""
    floor = last
    for event in events:
        stamped: datetime = cast(LedgerAggregate.Event, event).timestamp
        if floor is not None and stamped < floor:
            object.__setattr__(event, "timestamp", floor)  # frozen: stamped, not yet stored
        else:
            floor = stamped
    return floor


class Ledger(LedgerQueries, Application[UUID]):
    name = "asfledger"

    def __init__(self, db: str, *, actor: str | None = None, read_only: bool = False,
                 key_file: str | Path | None = None, require_key: bool = True,
                 keep_read_models: bool = True) -> None:
        """Open the ledger at ``db``. With ``key_file`` (else ``$ASFLEDGER_KEY_FILE``) event
        data is encrypted at rest (see ``asfledger.security``). An encrypted ledger opened
        without its key is refused (``KeyProblem``) unless ``require_key`` is False: then
        only what needs no decryption works (the chain: verify, checkpoint).

        ``keep_read_models=False`` leaves the saved read models where they are after a
        write (they catch up when next read): for tests of that catching up."""
        self.db = db
        self.actor, self._actor_source = resolve_actor(actor)
        self._redacted = False  # a streamed import held a redaction (see _write_chunk)
        self.read_only = read_only
        self.keep_read_models = keep_read_models
        self._time_floor: datetime | None = None  # of a streamed import: see _write_chunk
        self.key_file = key_file_from(key_file)
        # Opened read-only because this user may only read it (``open_as_allowed``): a
        # SQLite file they cannot write ("file"), a PostgreSQL role that may only read.
        self.may_only_read: Literal["file", "role"] | None = None
        # The state now, shared by the screens and the forms until the ledger grows
        # (``snapshot``), and the subjects the history pages have named (``history_page``).
        self._now: Snapshot | None = None
        self._now_lock = threading.Lock()
        self._subjects: Subjects | None = None
        cipher_key = load_key(self.key_file) if self.key_file is not None else None
        try:
            super().__init__(env=persistence_env(db, read_only=read_only,
                                                 cipher_key=cipher_key))
        except (PersistenceError, sqlite3.Error, OSError) as e:
            raise storage_error(db, "open", e) from e
        if not isinstance(self.recorder, ChainedRecorder):  # PERSISTENCE_MODULE is ours
            self.close()
            raise TypeError(f"not a chained recorder: {type(self.recorder).__name__}")
        self.store: ChainedRecorder = self.recorder
        self.cipher: Cipher | None = self.mapper.cipher
        if self.cipher is not None:
            self.store.recorded_times = RecordedTimes(self.cipher.decrypt)
        try:
            check_key(self.store, self.cipher, db=db, key_file=self.key_file,
                      read_only=read_only, require_key=require_key)
        except BaseException:
            self.close()
            raise

    @classmethod
    def open_as_allowed(cls, db: str, *, actor: str | None = None, read_only: bool = False,
                        key_file: str | Path | None = None) -> Ledger:
        """Open ``db``; where this user may only read it (a SQLite file they, or its folder,
        cannot write; a PostgreSQL role that may only read) open it read-only instead, as
        ``--read-only`` would, and say why in ``may_only_read``."""
        try:
            return cls(db, actor=actor, read_only=read_only, key_file=key_file)
        except StorageError as e:
            if read_only or e.message_key not in (NOT_WRITABLE, NOT_WRITABLE_ROLE):
                raise
            role = e.message_key == NOT_WRITABLE_ROLE
        ledger = cls(db, actor=actor, read_only=True, key_file=key_file)
        ledger.may_only_read = "role" if role else "file"
        return ledger

    @property
    def location(self) -> str:
        """Where the ledger is, to show (a PostgreSQL URL without its password)."""
        return safe_location(self.db)

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(mapper_class=MsgspecMapper)

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """Events go straight to the event store in the order given (the base class checks
        each against a runtime Protocol, slow at import sizes); aggregates as usual. The
        base class's processing hooks are not called for events: a ledger is no part of an
        eventsourcing System, and its followers (the saved read models) are fed after the
        commit by ``execute`` (``_read_models_recorded``)."""
        if objs and all(isinstance(o, LedgerAggregate.Event) for o in objs):
            return self.events.put(list(objs), **kwargs)
        return super().save(*objs, **kwargs)

    def get(self, cls: type[A], key: str) -> A | None:
        """The aggregate of kind ``cls`` with natural key ``key``, or None."""
        try:
            aggregate: object = self.repository.get(cls.id_for(key))
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, cls) else None

    def execute(self, commands: Iterable[Command], *, dry_run: bool = False) -> Applied:
        """Decide every command, then record them all in one transaction (or none)."""
        batch = list(commands)
        if self.read_only and not dry_run:
            raise StorageError("storage.open_read_only", location=safe_location(self.db))
        self._check_actor()
        for attempt in (1, 2):
            workspace = self._decide(batch)
            events = len(workspace.events)
            if dry_run or not events:
                return Applied(len(batch), 0 if dry_run else events)
            if self.cipher is None:
                refuse_plain_write(self.store, db=self.db)
            try:
                recordings = self._save_in_time_order(workspace.events,
                                                      workspace.rewrites)
            except RecordConflictError as e:
                if attempt == 2:
                    # One sentence: PostgreSQL's own message has a second, DETAIL line.
                    raise LedgerConflict("storage.conflict", location=safe_location(self.db)) from e
                continue
            except (PersistenceError, sqlite3.Error) as e:
                raise storage_error(self.db, "write", e) from e
            # A redaction dropped the saved read models: they are rebuilt when next read.
            if self.keep_read_models and not workspace.rewrites:
                self._read_models_recorded(recordings, workspace)
            return Applied(len(batch), events)
        raise AssertionError("unreachable")  # pragma: no cover

    def _check_actor(self) -> None:
        """R7 for the actor, stored with every event: before anything is decided."""
        refuse_actor(self.actor, self._actor_source)

    def execute_stream(self, commands: Iterable[tuple[int, Command]], *,
                       dry_run: bool = False, chunk: int = CHUNK,
                       progress: Callable[[int, int], None] | None = None) -> Applied:
        """Decide ``commands`` (each tagged, e.g. with its line) and write them in chunks of
        about ``chunk`` events inside ONE transaction, holding the write lock throughout:
        all or nothing, in the memory of one chunk plus the aggregates touched (their
        state is needed by the guards of later commands). Up to ``chunk`` commands are
        one ordinary batch (``execute``): decided first, then saved. A refusal raises
        ``CommandRefused`` whose ``index`` is the refused command's tag; nothing is
        written. ``progress(decided, written)`` is called after each chunk."""
        if self.read_only and not dry_run:
            raise StorageError("storage.open_read_only", location=safe_location(self.db))
        self._check_actor()
        if dry_run:
            return self._dry_run(commands, chunk=chunk, progress=progress)
        stream = iter(commands)
        first = list(islice(stream, chunk))
        more = next(stream, None)
        # A batch of one chunk is decided before the write lock is taken and saved as
        # every batch is (a race lost is decided again). SQLite in memory cannot be read
        # while written: one batch too.
        if more is None:
            return self._execute_batch(first, progress)
        bulk = self.store.bulk(chunk)
        if bulk is None:
            return self._execute_batch([*first, more, *stream], progress)
        commands = chain(first, [more], stream)
        if self.cipher is None:
            refuse_plain_write(self.store, db=self.db)
        kept_up = self._kept_up()  # before the lock: it may create its tables
        decided = written = 0
        self._redacted = False
        try:
            with bulk as writer:
                # Under the write lock: no event of this import is stamped before it.
                self._time_floor = self.last_recorded()
                workspace = _Workspace(self, empty=writer.empty, writer=writer)
                for tag, command in commands:
                    self._decide_one(workspace, tag, command)
                    decided += 1
                    if len(workspace.events) >= chunk:
                        written += self._write_chunk(writer, workspace, kept_up)
                        if progress is not None:
                            progress(decided, written)
                written += self._write_chunk(writer, workspace, kept_up)
        except (PersistenceError, sqlite3.Error) as e:
            raise storage_error(self.db, "write", e) from e
        if progress is not None:
            progress(decided, written)
        if kept_up is not None and written and not self._redacted:
            kept_up.committed()
        return Applied(decided, written)

    def _dry_run(self, commands: Iterable[tuple[int, Command]], *, chunk: int,
                 progress: Callable[[int, int], None] | None) -> Applied:
        workspace = _Workspace(self)
        decided = 0
        for tag, command in commands:
            self._decide_one(workspace, tag, command)
            decided += 1
            if len(workspace.events) >= chunk:
                workspace.written()  # nothing is kept: a dry run's memory stays bounded
                if progress is not None:
                    progress(decided, 0)
        if progress is not None:
            progress(decided, 0)
        return Applied(decided, 0)

    def _execute_batch(self, tagged: list[tuple[int, Command]],
                       progress: Callable[[int, int], None] | None) -> Applied:
        try:
            applied = self.execute([command for _, command in tagged])
        except CommandRefused as e:
            tag, command = tagged[e.index]
            raise CommandRefused(tag, command, e.refusal) from None
        if progress is not None:
            progress(applied.commands, applied.events)
        return applied

    def _decide_one(self, workspace: _Workspace, tag: int, command: Command) -> None:
        try:
            decide(command, workspace, self.actor, today=workspace.today)
        except Refusal as refusal:
            raise CommandRefused(tag, command, refusal) from None
        workspace.end_step()

    def _write_chunk(self, writer: BulkWriter, workspace: _Workspace,
                     kept_up: KeptUp | None) -> int:
        events = workspace.written()
        if not events:
            return 0
        self._time_floor = _never_before(events, self._time_floor)
        stored = [self.mapper.to_stored_event(event) for event in events]
        rewrites, workspace.rewrites = workspace.rewrites, []
        if rewrites:
            self._redacted = True  # the saved read models are dropped: not kept up
        ids = writer.write(stored, rewrites)
        if kept_up is not None:
            kept_up.feed([(event, notification_id, s.topic) for event, s, notification_id
                          in zip(events, stored, ids, strict=True)], workspace.subjects())
        workspace.evict()
        return len(events)

    def reload(self, writer: BulkWriter, aggregate_id: UUID) -> LedgerAggregate | None:
        """An aggregate as a bulk write left it: its events read through the write's own
        transaction (what it wrote is not yet visible to any other reader)."""
        aggregate = project_aggregate(None, map(self.mapper.to_domain_event,
                                                writer.events_of(aggregate_id)))
        return aggregate if isinstance(aggregate, LedgerAggregate) else None

    def _kept_up(self) -> KeptUp | None:
        if not self.keep_read_models:
            return None
        from asfledger.readmodels import KeptUp  # it imports this module

        return KeptUp(self)

    def _save_in_time_order(self, events: list[DomainEventProtocol[UUID]],
                            rewrites: list[Rewrite] | None = None) -> list[Recording[UUID]]:
        """Save, with no event stamped before the last one stored (``_never_before``); a
        writer that committed meanwhile moves that time on: stamped again, a few times.
        ``rewrites``: the rows a redaction rewrites, in the same transaction."""
        for attempt in range(1, 6):
            _never_before(events, self.last_recorded())
            try:
                if rewrites:
                    return self.save(*events, rewrites=rewrites)
                return self.save(*events)
            except RecordedTooEarly:
                if attempt == 5:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _read_models_recorded(self, recordings: list[Recording[UUID]],
                              workspace: _Workspace) -> None:
        """Feed the committed events to the saved read models (after the commit: whatever
        happens here, the events are stored; see ``asfledger.readmodels.recorded``)."""
        try:
            from asfledger.readmodels import recorded  # it imports this module

            recorded(self, recordings, workspace.subjects())
        except (Exception, KeyboardInterrupt):
            # Never fail a write that is already committed: an error, or ^C now, only
            # leaves the read models behind (and "nothing was written" would be untrue).
            logging.getLogger(__name__).info("read models not caught up", exc_info=True)

    def _decide(self, batch: list[Command]) -> _Workspace:
        workspace = _Workspace(self)
        for index, command in enumerate(batch):
            try:
                decide(command, workspace, self.actor, today=workspace.today)
            except Refusal as refusal:
                raise CommandRefused(index, command, refusal) from None
            workspace.end_step()
        return workspace

    def close(self) -> None:
        super().close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
