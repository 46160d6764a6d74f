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
from datetime import date, datetime
from zoneinfo import ZoneInfo

from eventsourcing.domain import datetime_now_with_tzinfo

_CLOCK: ContextVar[Callable[[], datetime] | None] = ContextVar("asfledger_clock",
                                                              default=None)


def recorded_now() -> datetime:
    """The recorded time of an event created now (timezone-aware)."""
    clock = _CLOCK.get()
    return clock() if clock is not None else datetime_now_with_tzinfo()


# The association's day: a meeting held at 00:30 in Stockholm is held on that day, whatever
# the UTC date of the moment it is recorded.
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def recording_day() -> date:
    """The day, in Stockholm, on which an event created now is recorded: a thing done
    (held, paid, adopted, decided) may not lie after it (``domain.handlers.check_dates``)."""
    return recorded_now().astimezone(STOCKHOLM).date()


@contextmanager
def recording_with(clock: Callable[[], datetime]) -> Iterator[None]:
    """Record the events created inside at the moments ``clock`` gives."""
    token = _CLOCK.set(clock)
    try:
        yield
    finally:
        _CLOCK.reset(token)
