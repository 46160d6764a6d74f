"""The cyclic garbage collector paused while a replay runs (``paused``).

A replay allocates hundreds of thousands of objects and keeps many of them (the proof's
state per aggregate): the collector's passes, a full one among them over the whole growing
heap, were about a sixth of the compliance replay's CPU on 100,000 events (4 Dec), and
found almost nothing (204 objects in cycles over that replay: the replay makes next to no
cycles; reference counting frees the rest as it goes). Paused, the garbage of those few
cycles waits for a full collection.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pausing = 0  # replays running with the collector paused (threads of one process)
_was_enabled = False


@contextmanager
def paused() -> Iterator[None]:
    """Pause the collector for the block; it runs again once the last block that paused
    it ends (so two replays in two threads never leave it off), if it ran before."""
    global _pausing, _was_enabled
    with _lock:
        if _pausing == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _pausing += 1
    try:
        yield
    finally:
        with _lock:
            _pausing -= 1
            if _pausing == 0 and _was_enabled:
                # What the replay left alive goes straight to the oldest generation (two
                # splices of the collector's lists), not through a young collection that
                # would look at all of it at once as soon as the collector runs again.
                gc.freeze()
                gc.unfreeze()
                gc.enable()
