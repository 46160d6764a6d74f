"""``read_page`` in a second process (``PageWorker``), beside the decoding and the checks.

The worker is a plain ``python -S`` child that imports only ``asfledger.audit.pages`` and
standard-library modules. It talks over its stdin and stdout in length-prefixed frames:
first where to start (the sieve, and on a SQLite file where to read), then either

- it reads the events table itself, page after page, and answers each page with its
  ``ReadPage`` — the rows the parent must decode included, the others only counted — and
  an empty frame at the end; or
- the parent sends it the pages of rows it read (PostgreSQL, or a ledger in memory) and it
  answers each with its ``ReadPage`` without the rows, which the parent holds.

Pages cross in ``marshal``, twice as fast to write as ``pickle``; rows that marshal cannot
hold (PostgreSQL's UUIDs) go in a pickle. Nothing else crosses.
"""

from __future__ import annotations

import contextlib
import marshal
import pickle
import queue
import struct
import subprocess
import sys
import threading
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, NamedTuple

from asfledger.audit.pages import Chain, ReadPage, Row, Sieve, read_page

_LENGTH = struct.Struct(">I")
_PROTO = pickle.PROTO


class Source(NamedTuple):
    """Where a worker reads the events itself: a SQLite file, opened read-only."""

    uri: str  # a ``file:`` URI with ``mode=ro``
    table: str
    page: int  # rows per page


def _write(out: IO[bytes], payload: bytes) -> None:
    out.write(_LENGTH.pack(len(payload)))
    out.write(payload)
    out.flush()


def _read(source: IO[bytes]) -> bytes | None:
    head = source.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    payload = source.read(length)
    if len(payload) < length:
        return None
    return payload


def _dumps(rows: Sequence[Row]) -> bytes:
    """A page of rows as one frame, in marshal or else in pickle."""
    try:
        return marshal.dumps(list(rows))
    except ValueError:  # an object marshal does not know (a UUID, say)
        return pickle.dumps(rows, protocol=5)


def _loads(payload: bytes) -> Any:
    # A pickle starts with its PROTO opcode; a marshal with a type code, never that byte.
    return pickle.loads(payload) if payload[:1] == _PROTO else marshal.loads(payload)


def serve() -> None:
    """The worker's loop (see the module's docstring)."""
    source, out = sys.stdin.buffer, sys.stdout.buffer
    head = _read(source)
    if not head:
        return
    start = marshal.loads(head)
    chain = Chain()
    as_of = start["as_of"]
    sieve = Sieve(start["passable"], None if as_of is None else date.fromisoformat(as_of))
    if start["read"] is not None:
        _read_and_serve(Source(*start["read"]), start["after"], chain, sieve, out)
        return
    while (payload := _read(source)) is not None and payload:
        rows = _loads(payload)  # from the parent, over a pipe
        _write(out, marshal.dumps(read_page(chain, rows, sieve, pick=False).as_tuple()))


def _read_and_serve(source: Source, after: int, chain: Chain, sieve: Sieve,
                    out: IO[bytes]) -> None:
    import sqlite3

    conn = sqlite3.connect(source.uri, uri=True)
    try:
        select = (f"SELECT rowid, originator_id, originator_version, topic, state "
                  f"FROM {source.table} WHERE rowid > ? ORDER BY rowid LIMIT ?")
        while rows := conn.execute(select, (after, source.page)).fetchall():
            _write(out, marshal.dumps(read_page(chain, rows, sieve).as_tuple()))
            after = rows[-1][0]
        _write(out, b"")
    finally:
        conn.close()


class WorkerGone(Exception):
    """The worker process stopped before answering."""


class PageWorker:
    """A worker process, fed ahead of the decoding. Rows the parent reads are sent as soon
    as they are read and answered in order (``receive``); a page is sent from a thread, so
    a full pipe never blocks the reader. A worker that reads itself is only started."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        code = (f"import sys; sys.path.insert(0, {root!r}); "
                "from asfledger.audit.worker import serve; serve()")
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

    def _send_all(self) -> None:
        try:
            while (payload := self._outbox.get()) is not None:
                _write(self._in, payload)
            _write(self._in, b"")
            self._in.close()
        except (OSError, ValueError):  # the worker is gone: receive() says so
            pass

    def start(self, sieve: Sieve, *, after: int = 0, source: Source | None = None) -> None:
        """The worker's sieve and, with ``source``, where it reads and the notification id
        to read after; first, before ``send``."""
        self.reads = source is not None
        self._outbox.put(marshal.dumps({
            "passable": sorted(sieve.passable),
            "as_of": None if sieve.as_of is None else sieve.as_of.isoformat(),
            "after": after, "read": None if source is None else tuple(source)}))

    def send(self, rows: Sequence[Row]) -> None:
        self._outbox.put(_dumps(rows))

    def receive(self) -> ReadPage | None:
        """The next page's answer; None after the last page the worker read itself."""
        try:
            payload = _read(self._out)
        except (OSError, ValueError) as e:
            raise WorkerGone(str(e)) from e
        if payload is None or (not payload and not self.reads):
            raise WorkerGone("no answer")
        if not payload:
            return None
        return ReadPage.from_tuple(marshal.loads(payload))  # from our own child

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
