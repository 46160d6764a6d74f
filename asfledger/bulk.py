"""One long transaction that writes an import chunk by chunk (``Ledger.execute_stream``).

The chained recorders open it (``ChainedRecorder.bulk``): it takes the write lock first, reads
the chain's head under it, then each ``write`` stores a chunk of events with their chain
rows; leaving the ``with`` block commits, an exception rolls everything back. Nothing is
visible to another reader before the commit, so an import is still all or nothing while
its memory stays that of one chunk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from eventsourcing.persistence import StoredEvent

if TYPE_CHECKING:
    from asfledger.redaction import Rewrite


class BulkWriter(Protocol):
    @property
    def empty(self) -> bool:
        """The ledger held no event when the lock was taken (nothing to look up)."""
        ...

    def write(self, stored_events: Sequence[StoredEvent],
              rewrites: Sequence[Rewrite] = ()) -> list[int]:
        """Store ``stored_events`` and their chain rows, and make the ``rewrites`` of their
        redactions (``asfledger.redaction``); their notification ids, in order."""
        ...

    def events_of(self, originator_id: UUID) -> list[StoredEvent]:
        """The stored events of one aggregate, as this transaction sees them (with the
        ones it wrote), in version order."""
        ...

