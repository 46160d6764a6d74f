"""When an event is recorded: now, unless history is being recorded at given moments.

``recording_with(clock)`` makes every event created meanwhile (in this thread or task)
take its recorded time from ``clock()``: the demo records its years with realistic
recorded times this way, day by day in increasing order, so that looking back "as
recorded" works on it. Everything else records now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime

from eventsourcing.domain import datetime_now_with_tzinfo

_CLOCK: ContextVar[Callable[[], datetime] | None] = ContextVar("asfledger_clock",
                                                              default=None)


def recorded_now() -> datetime:
    """The recorded time of an event created now (timezone-aware)."""
    clock = _CLOCK.get()
    return clock() if clock is not None else datetime_now_with_tzinfo()


@contextmanager
def recording_with(clock: Callable[[], datetime]) -> Iterator[None]:
    """Record the events created inside at the moments ``clock`` gives."""
    token = _CLOCK.set(clock)
    try:
        yield
    finally:
        _CLOCK.reset(token)
