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

import getpass
import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import Mapper, PersistenceError, RecordConflictError, Recording

from asfledger.audit.chain_store import ChainStore
from asfledger.mapper import MsgspecMapper
from asfledger.security import check_key, key_file_from, load_key, refuse_plain_write
from asfledger.storage import StorageError, describe, persistence_env, storage_error
from domain.aggregates import LedgerAggregate
from domain.commands import Command
from domain.errors import Refusal
from domain.handlers import decide

A = TypeVar("A", bound=LedgerAggregate)
ACTOR_ENV = "ASFLEDGER_ACTOR"


def default_actor() -> str:
    """``$ASFLEDGER_ACTOR``, else the operating-system user."""
    actor = os.environ.get(ACTOR_ENV)
    if actor:
        return actor
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


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


class _Workspace:
    """Aggregates a batch has read or changed, loaded once from the repository, and the
    new events in the order they were decided (so the global order follows the file)."""

    def __init__(self, ledger: Ledger) -> None:
        self._ledger = ledger
        # An empty ledger has nothing to look up: a first big import skips a query per key.
        # (A writer that fills it meanwhile makes our save conflict, and we decide again.)
        self._empty = ledger.head() == 0
        self._seen: dict[UUID, LedgerAggregate | None] = {}
        self._step: list[LedgerAggregate] = []
        self._taken: dict[UUID, int] = {}
        self.events: list[DomainEventProtocol[UUID]] = []

    def subjects(self) -> dict[UUID, str]:
        """The natural key of every aggregate read or changed, by id."""
        return {aggregate_id: aggregate.key for aggregate_id, aggregate in self._seen.items()
                if aggregate is not None}

    def find(self, cls: type[A], key: str) -> A | None:
        aggregate_id = cls.id_for(key)
        if aggregate_id not in self._seen:
            self._seen[aggregate_id] = None if self._empty else self._ledger.get(cls, key)
        found = self._seen[aggregate_id]
        if not isinstance(found, cls):
            return None
        self._step.append(found)
        return found

    def add(self, aggregate: LedgerAggregate) -> None:
        self._seen[aggregate.id] = aggregate
        self._step.append(aggregate)

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


class Ledger(Application[UUID]):
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
        self.actor = actor or default_actor()
        self.read_only = read_only
        self.keep_read_models = keep_read_models
        self.key_file = key_file_from(key_file)
        cipher_key = load_key(self.key_file) if self.key_file is not None else None
        try:
            super().__init__(env=persistence_env(db, read_only=read_only,
                                                 cipher_key=cipher_key))
        except (PersistenceError, sqlite3.Error, OSError) as e:
            raise storage_error(db, "open", e) from e
        try:
            check_key(self.recorder, self.mapper.cipher, db=db, key_file=self.key_file,
                      read_only=read_only, require_key=require_key)
        except BaseException:
            self.close()
            raise

    def construct_mapper(self) -> Mapper[UUID]:
        return self.factory.mapper(mapper_class=MsgspecMapper)

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        """Events go straight to the event store in the order given (the base class checks
        each against a runtime Protocol, slow at import sizes); aggregates as usual."""
        if objs and all(isinstance(o, LedgerAggregate.Event) for o in objs):
            recordings = self.events.put(list(objs), **kwargs)
            self._notify(recordings)
            return recordings
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
            raise StorageError("storage.open_read_only", location=describe(self.db))
        for attempt in (1, 2):
            workspace = self._decide(batch)
            events = len(workspace.events)
            if dry_run or not events:
                return Applied(len(batch), 0 if dry_run else events)
            if self.mapper.cipher is None:
                refuse_plain_write(self.recorder, db=self.db)
            try:
                recordings = self.save(*workspace.events)
            except RecordConflictError as e:
                if attempt == 2:
                    # One sentence: PostgreSQL's own message has a second, DETAIL line.
                    raise LedgerConflict("storage.conflict", location=describe(self.db)) from e
                continue
            except (PersistenceError, sqlite3.Error) as e:
                raise storage_error(self.db, "write", e) from e
            if self.keep_read_models:
                self._read_models_recorded(recordings, workspace)
            return Applied(len(batch), events)
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
                decide(command, workspace, self.actor)
            except Refusal as refusal:
                raise CommandRefused(index, command, refusal) from None
            workspace.end_step()
        return workspace

    def ledger_id(self) -> str:
        """The identity the ledger was given when it was created (for checkpoints)."""
        return cast(ChainStore, self.recorder).ledger_id()

    def head(self) -> int:
        """The number of stored events (the position of the last one), from the audit
        chain: PostgreSQL's notification ids skip those of rolled-back writes."""
        return cast(ChainStore, self.recorder).chain_size()

    def close(self) -> None:
        super().close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
