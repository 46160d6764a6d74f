"""The shape in which read models receive the history: one decoded event at a time.

The application streams stored events in global order and decodes them into the Structs
of ``domain.events`` (dates are ``date``, money is öre ``int``); projections fold over
them without any I/O, reading ``event`` by its class and attributes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any, Generic, NamedTuple, TypeAlias, TypeVar
from uuid import UUID

import msgspec

from domain.events import Event

# The type of an event whose topic or bytes could not be read (it fails any proof).
UNREADABLE = "Unreadable"


class Unreadable(msgspec.Struct, frozen=True, gc=False):
    """A stored row whose topic or bytes could not be read, and why."""

    error: str


# None: a reader that only counts an event type asked not to decode it (``needs_data``).
Decoded: TypeAlias = Event | Unreadable | None


class LedgerEvent(NamedTuple):
    """A named tuple, not a dataclass: replay makes one per event, and this is the cheapest
    immutable record Python has (it matters at hundreds of thousands of events a second)."""

    position: int
    recorded: datetime
    actor: str
    type: str  # "Partner.Registered": aggregate class and event class
    subject_id: UUID
    subject: str  # the natural key of its aggregate: org_nr, ref or year
    event: Decoded
    # The event's bytes as stored (decrypted), when the reader has them: lets a check scan
    # the whole record in one pass instead of walking the event's fields.
    raw: bytes | None = None


E = TypeVar("E", bound=Event)
V = TypeVar("V")
# What a fold does with one event: given the event and its typed fields (``event.event``).
Handler: TypeAlias = Callable[[LedgerEvent, Any], None]


def on(cls: type[E], handler: Callable[[LedgerEvent, E], None]) -> tuple[type[Event], Handler]:
    """``cls``'s handler, for ``ByClass``: mypy checks that it takes a ``cls``."""
    return cls, handler


S = TypeVar("S")


def on_state(cls: type[E], fold: Callable[[S, LedgerEvent, E], None]
             ) -> tuple[type[Event], Callable[[S, LedgerEvent, Any], None]]:
    """``cls``'s fold over a state ``S`` (the dashboard's, the figures'), for ``ByClass``:
    mypy checks that it takes a ``cls``."""
    return cls, fold


class ByClass(Generic[V]):
    """Values (a fold's handlers, the timeline's sentences) by event class, found by the
    class of ``event.event``. An event whose class has none finds its nearest base's (a
    type's newer version, declared as a subclass); found once per class."""

    def __init__(self, pairs: Iterable[tuple[type[Event], V]]) -> None:
        self.declared: dict[type[Event], V] = dict(pairs)
        self._found: dict[type[Any], V | None] = dict(self.declared)

    def get(self, event: LedgerEvent) -> V | None:
        cls = type(event.event)
        try:
            return self._found[cls]
        except KeyError:
            found = next((self.declared[base] for base in cls.__mro__
                          if base in self.declared), None)
            self._found[cls] = found
            return found


class Dispatch(ByClass[Handler]):
    """A fold's handlers by event class: ``dispatch(event)`` calls the one of its class."""

    def __call__(self, event: LedgerEvent) -> None:
        handler = self.get(event)
        if handler is not None:
            handler(event, event.event)
