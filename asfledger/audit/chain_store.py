"""What the chained recorders add to eventsourcing's: the stored chain and the ledger's
identity (``ChainStore``), and the whole recorder the ``Ledger`` opens on
(``ChainedRecorder``): eventsourcing's application recorder with the chain, the fast
reads, the bulk write and the redaction's read. The chain itself is defined in
``asfledger.audit.chain``."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, runtime_checkable
from uuid import UUID

if TYPE_CHECKING:
    from eventsourcing.persistence import Notification, StoredEvent

    from asfledger.audit.trust import RecordedTimes
    from asfledger.audit.worker import Source
    from asfledger.bulk import BulkWriter
    from asfledger.redaction import StoredAt

# A stored row as the fast reads give it: notification id, originator id, version, topic,
# state (the id is a UUID from PostgreSQL, text from SQLite).
Row = tuple[int, UUID | str, int, str, bytes]


class ChainRow(NamedTuple):
    position: int
    notification_id: int
    hash: bytes


class ChainStore(Protocol):
    """What the chained recorders add: the stored chain and the ledger's identity."""

    def select_chain(self, after: int, limit: int) -> list[ChainRow]: ...

    def chain_rows(self, after: int, limit: int) -> list[tuple[int, int, bytes]]:
        """``select_chain`` as plain tuples (the trust check reads the whole chain)."""
        ...

    def ledger_id(self) -> str: ...

    def chain_size(self) -> int:
        """The position of the last chained event: the number of stored events."""
        ...

    def meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str, *, replace: bool = False) -> None: ...


@runtime_checkable
class ChainedRecorder(ChainStore, Protocol):
    """The recorder every ledger is stored in (SQLite's and PostgreSQL's chained
    recorders): what asfledger reads and writes through, without asking what it has.
    ``Ledger`` checks it once when it opens."""

    recorded_times: RecordedTimes  # the ledger sets its own (with its cipher)

    # eventsourcing's ApplicationRecorder, as far as asfledger uses it
    def select_notifications(self, start: int | None, limit: int, stop: int | None = None,
                             topics: Sequence[str] = (), *, inclusive_of_start: bool = True
                             ) -> Sequence[Notification]: ...

    def select_events(self, originator_id: UUID | str, *, gt: int | None = None,
                      lte: int | None = None, desc: bool = False, limit: int | None = None
                      ) -> Sequence[StoredEvent]: ...

    def insert_events(self, stored_events: Sequence[StoredEvent], **kwargs: Any
                      ) -> Sequence[int] | None: ...

    def max_notification_id(self) -> int | None: ...

    # what the chained recorders add
    def scan(self, after: int, limit: int) -> list[Row]:
        """Rows after notification id ``after`` as plain tuples (the replay's fast path:
        no per-row objects or UUID parsing, which cost more than the decoding)."""
        ...

    def first_states(self, originator_ids: Sequence[UUID | str]
                     ) -> dict[UUID | str, tuple[str, bytes]]:
        """The topic and stored state of each aggregate's first event, in one read, by the
        id as given (a history page names the subjects of a hundred events: one round
        trip, not one per subject, which on PostgreSQL cost 1–2 ms each)."""
        ...

    def worker_source(self, page: int) -> Source | None:
        """Where a second process reads the events itself (``asfledger.audit.worker``);
        None where it cannot (a ledger in memory)."""
        ...

    def bulk(self, chunk: int) -> AbstractContextManager[BulkWriter] | None:
        """One long write transaction for a streamed import (``asfledger.bulk``), or None
        where it cannot be held open while the ledger is read (SQLite in memory)."""
        ...

    def stored_at(self, position: int) -> StoredAt | None:
        """The stored event at a position of the chain (for a redaction)."""
        ...
