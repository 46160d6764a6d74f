"""The shape in which read models receive the history: one decoded event at a time.

The application streams stored events in global order and decodes them (dates are
``date``, money is öre ``int``); projections fold over them without any I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, NamedTuple
from uuid import UUID

# The type of an event whose topic or bytes could not be read (it fails any proof).
UNREADABLE = "Unreadable"


class LedgerEvent(NamedTuple):
    """A named tuple, not a dataclass: replay makes one per event, and this is the cheapest
    immutable record Python has (it matters at hundreds of thousands of events a second)."""

    position: int
    recorded: datetime
    actor: str
    type: str  # "Partner.Registered": aggregate class and event class
    subject_id: UUID
    subject: str  # the natural key of its aggregate: org_nr, ref or year
    data: Mapping[str, Any]
    # The event's bytes as stored (decrypted), when the reader has them: lets a check scan
    # the whole record in one pass instead of walking ``data``.
    raw: bytes | None = None
