"""The domain's own ledger for its unit tests: the pure ``decide()`` over plain dicts.

The same guards and aggregates as ``asfledger.ledger.Ledger``, without a database: a batch
is decided in a workspace of aggregates rebuilt from their recorded events (as the
Ledger's repository rebuilds them), and its events are recorded only if every command is
accepted (all or nothing, as the Ledger). What the store adds (the mapper, the chain,
recorded times, SQLite and PostgreSQL) is tested on the real stores in tests/storage/.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar, cast
from uuid import UUID

from eventsourcing.application import project_aggregate
from eventsourcing.domain import DomainEventProtocol

from asfledger.ledger import Applied, CommandRefused
from domain.aggregates import LedgerAggregate
from domain.clock import recording_day
from domain.commands import Command
from domain.errors import Refusal
from domain.handlers import decide

A = TypeVar("A", bound=LedgerAggregate)
Event = DomainEventProtocol[UUID]


class MemoryLedger:
    """Records decided events in a list, in the order the Ledger would store them."""

    def __init__(self, actor: str = "test") -> None:
        self.actor = actor
        self.events: list[Event] = []
        self._by_aggregate: dict[UUID, list[Event]] = {}

    def execute(self, commands: Iterable[Command], *, dry_run: bool = False) -> Applied:
        """Decide every command, then record all their events (or, refused, none)."""
        batch = list(commands)
        workspace = _Batch(self)
        # The Ledger asks the clock for its recording day once per batch; so does this, to
        # keep tests' ticking clocks in step. The domain tests judge done dates without it
        # (the rule is tested on the Ledger: tests/cli/test_bad_input.py).
        recording_day()
        for index, command in enumerate(batch):
            try:
                decide(command, workspace, self.actor)
            except Refusal as refusal:
                raise CommandRefused(index, command, refusal) from None
            workspace.end_step()
        if dry_run:
            return Applied(len(batch), 0)
        for event in workspace.events:
            self.events.append(event)
            self._by_aggregate.setdefault(event.originator_id, []).append(event)
        return Applied(len(batch), len(workspace.events))

    def rebuild(self, aggregate_id: UUID) -> LedgerAggregate | None:
        """A fresh aggregate from its recorded events (none recorded: None)."""
        aggregate = project_aggregate(None, self._by_aggregate.get(aggregate_id, ()))
        return aggregate if isinstance(aggregate, LedgerAggregate) else None

    def get(self, cls: type[A], key: str) -> A | None:
        found = self.rebuild(cls.id_for(key))
        return found if isinstance(found, cls) else None

    def head(self) -> int:
        return len(self.events)


class _Batch:
    """The ``domain.handlers.Workspace`` of one batch: each aggregate rebuilt once, and
    the events of each command taken in the order it triggered them."""

    def __init__(self, ledger: MemoryLedger) -> None:
        self._ledger = ledger
        self._seen: dict[UUID, LedgerAggregate | None] = {}
        self._taken: dict[UUID, int] = {}
        self.events: list[Event] = []

    def find(self, cls: type[A], key: str) -> A | None:
        aggregate_id = cls.id_for(key)
        if aggregate_id not in self._seen:
            self._seen[aggregate_id] = self._ledger.rebuild(aggregate_id)
        found = self._seen[aggregate_id]
        return found if isinstance(found, cls) else None

    def add(self, aggregate: LedgerAggregate) -> None:
        self._seen[aggregate.id] = aggregate

    def redaction_target(self, position: int, field: str) -> str:
        # The digest a redaction names is of the stored bytes: a matter of the store,
        # tested on real ledgers in tests/security/test_redaction.py (never reached here:
        # no domain test decides a redaction past R7).
        raise AssertionError("a redaction is decided against a store, not in memory")

    def end_step(self) -> None:
        new: list[Event] = []
        for aggregate in self._seen.values():
            if aggregate is None:
                continue
            pending = aggregate.pending_events
            taken = self._taken.get(aggregate.id, 0)
            new.extend(pending[taken:])
            self._taken[aggregate.id] = len(pending)
        # Within one command, creation order, as the Ledger stores them.
        new.sort(key=lambda event: cast(LedgerAggregate.Event, event).timestamp)
        self.events.extend(new)
