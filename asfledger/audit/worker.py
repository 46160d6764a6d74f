"""``read_page`` in a second process (``PageWorker``), beside the decoding and the checks.

The worker is a plain ``python -S`` child running ``asfledger.audit.page_server``, which
says what crosses between the two; this is the parent's side: it starts the worker, feeds
it and reads its answers.
"""

from __future__ import annotations

import contextlib
import marshal
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, NamedTuple

from asfledger.audit.page_server import read_frame, write_frame
from asfledger.audit.pages import ReadPage, Sieve

if TYPE_CHECKING:
    from asfledger.audit.pages import Row



class Source(NamedTuple):
    """Where a worker reads the events itself: a SQLite file, opened read-only, or a
    PostgreSQL database (``POSTGRES_SOURCE`` and a connection string)."""

    uri: str  # a ``file:`` URI with ``mode=ro``, or POSTGRES_SOURCE + conninfo
    table: str
    page: int  # rows per page
    path: str = ""  # where the worker imports psycopg from (it starts without site)


def _dumps(rows: Sequence[Row]) -> bytes:
    """A page of rows as one frame, in marshal or else in pickle."""
    try:
        return marshal.dumps(list(rows))
    except ValueError:  # an object marshal does not know (a UUID, say)
        return pickle.dumps(rows, protocol=5)


class WorkerGone(Exception):
    """The worker process stopped before answering."""


class PageWorker:
    """A worker process, fed ahead of the decoding. Rows the parent reads are sent as soon
    as they are read and answered in order (``receive``); a page is sent from a thread, so
    a full pipe never blocks the reader. A worker that reads itself is only started."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        code = (f"import sys; sys.path.insert(0, {root!r}); "
                "from asfledger.audit.page_server import serve; serve()")
        self._process = subprocess.Popen(  # this interpreter, fixed code
            [sys.executable, "-S", "-c", code], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, close_fds=True)
        assert self._process.stdin is not None and self._process.stdout is not None
        self._in, self._out = self._process.stdin, self._process.stdout
        _enlarge_pipes(self._in, self._out)
        self._outbox: queue.Queue[bytes | None] = queue.Queue(maxsize=8)
        self._writer = threading.Thread(target=self._send_all, daemon=True,
                                        name="asfledger-page-worker")
        self._writer.start()
        self.reads = False
        # The stored chain's hash at the row a worker that reads starts after, from which
        # it links the chain (``starts_after``): the parent's head there must be the same.
        self.seam: bytes | None = None

    def _send_all(self) -> None:
        try:
            while (payload := self._outbox.get()) is not None:
                write_frame(self._in, payload)
            write_frame(self._in, b"")
            self._in.close()
        except (OSError, ValueError):  # the worker is gone: receive() says so
            pass

    def start(self, sieve: Sieve, *, source: Source | None = None, skip: int = 0,
              chained: bool = False) -> None:
        """The worker's sieve and, with ``source``, where it reads and how many rows it
        skips there (the parent's); first, before ``send`` or ``starts_after``."""
        self.reads = source is not None
        self._outbox.put(marshal.dumps({
            "passable": sorted(sieve.passable),
            "as_of": None if sieve.as_of is None else sieve.as_of.isoformat(),
            "skip": skip, "read": None if source is None else tuple(source),
            "chained": chained}))

    def starts_after(self) -> int | None:
        """The notification id after which a worker that reads starts (the row at its
        ``skip``), None when there are no rows after that; its first answer."""
        payload = self._receive()
        if not payload:
            raise WorkerGone("no answer")
        answer = marshal.loads(payload)  # from our own child
        after, seam = answer if type(answer) is tuple else (answer, None)
        self.seam = seam if type(seam) is bytes else None
        return after if type(after) is int else None

    def send(self, rows: Sequence[Row]) -> None:
        self._outbox.put(_dumps(rows))

    def receive(self) -> ReadPage | None:
        """The next page's answer; None after the last page the worker read itself."""
        payload = self._receive()
        if not payload and not self.reads:
            raise WorkerGone("no answer")
        if not payload:
            return None
        return ReadPage.from_tuple(marshal.loads(payload))  # from our own child

    def _receive(self) -> bytes:
        try:
            payload = read_frame(self._out)
        except (OSError, ValueError) as e:
            raise WorkerGone(str(e)) from e
        if payload is None:
            raise WorkerGone("no answer")
        return payload

    def close(self) -> None:
        """Stop the worker (at the end, or when the reader stops early)."""
        with contextlib.suppress(queue.Full):
            self._outbox.put_nowait(None)
        self._process.kill()  # all its answers were read, or they are not wanted
        self._process.wait()
        self._out.close()
        with contextlib.suppress(OSError, ValueError):
            self._in.close()
        self._writer.join(timeout=1)


def _enlarge_pipes(*files: IO[bytes]) -> None:
    """Pipes of 1 MiB where the system allows (Linux): a page crosses in one go."""
    try:
        import fcntl

        size = fcntl.F_SETPIPE_SZ  # type: ignore[attr-defined,unused-ignore]
    except (ImportError, AttributeError):  # pragma: no cover - not Linux
        return
    for f in files:
        with contextlib.suppress(OSError):  # over the user's pipe limit: the default
            fcntl.fcntl(f.fileno(), size, 1 << 20)
