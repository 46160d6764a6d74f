"""The part of a replay that reads no event's meaning, one page of stored rows at a time:
the audit chain over the stored bytes (SPEC §5) and the R7 scan for personal identity
numbers. ``audit compliance`` runs it in its own process or, on a large history, in a
second process beside the decoding and the checks (``PageWorker``): the same function
over the same rows, so the proof covers exactly the bytes it read.

The worker is a plain ``python -S`` child that imports only this module and its few
standard-library needs; it talks over its stdin and stdout in length-prefixed frames: the
chain head to go on from, then pages of the rows the parent read (in ``marshal``, twice as
fast to write as ``pickle``, or in a pickle for rows that marshal cannot hold, such as
PostgreSQL's UUIDs). Nothing else crosses.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import pickle
import queue
import struct
import subprocess
import sys
import threading
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from pathlib import Path
from typing import IO, Any
from uuid import UUID, SafeUUID

from asfledger.audit.chain import DOMAIN_TAG, GENESIS, topic_prefix
from domain.values import personal_identity_number_suspects

Row = tuple[int, Any, int, str, Any]  # notification id, originator id, version, topic, state
_TIMESTAMP = b'{"timestamp":"'
_UNKNOWN_SAFETY = SafeUUID.unknown
# A UUID's slots, set as its __init__ sets them, without looking them up by name.
_new_uuid = object.__new__
_set_int, _set_safety = UUID.__dict__["int"].__set__, UUID.__dict__["is_safe"].__set__
ID_CACHE = 100_000  # aggregate ids parsed once, not per event; bounded: constant memory


def without_timestamp(state: bytes) -> bytes:
    """The record as a check of its content sees it: without the ledger's own timestamp
    (always first, always digits: it cannot carry personal data)."""
    if state.startswith(_TIMESTAMP):
        end = state.find(b'"', len(_TIMESTAMP))
        if end > 0:
            return state[end + 1:]
    return state


class Ids:
    """Aggregate ids as stored (text or UUID) → (UUID, its 16 bytes), parsed once."""

    def __init__(self) -> None:
        self.known: dict[object, tuple[UUID, bytes]] = {}

    def parse(self, originator_id: object) -> tuple[UUID, bytes]:
        known = self.known
        if len(known) >= ID_CACHE:
            known.clear()
        if type(originator_id) is str and len(originator_id) == 32 and originator_id.isalnum():
            # What UUID(hex) does with 32 hex digits, without its other spellings' checks.
            number = int(originator_id, 16)
            oid = _new_uuid(UUID)
            _set_int(oid, number)
            _set_safety(oid, _UNKNOWN_SAFETY)
            found = known[originator_id] = (oid, number.to_bytes(16, "big"))
            return found
        oid = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
        found = known[originator_id] = (oid, oid.bytes)
        return found


def id_bytes(originator_id: object) -> bytes:
    """The 16 bytes of an aggregate id as stored (32 hex digits on SQLite, a UUID on
    PostgreSQL), what ``Ids.parse`` gives, without keeping anything: the chain needs no
    UUID object, and a cache of them was most of the worker's memory."""
    if type(originator_id) is str and len(originator_id) == 32:
        with contextlib.suppress(ValueError):
            return bytes.fromhex(originator_id)
    oid = originator_id if isinstance(originator_id, UUID) else UUID(str(originator_id))
    return oid.bytes


class ChainedPage:
    """A page's stored rows with their chain hashes and R7 suspects."""

    __slots__ = ("hashes", "suspects")

    def __init__(self, hashes: bytes, suspects: set[int]) -> None:
        self.hashes = hashes  # 32 bytes per row, in order
        self.suspects = suspects  # indexes of the rows whose record may hold a number

    def hash(self, index: int) -> bytes:
        return self.hashes[32 * index:32 * index + 32]


class Pages:
    """The chain, carried from page to page, and the R7 scan of each page."""

    def __init__(self, position: int = 0, previous: bytes = GENESIS) -> None:
        self.position = position
        self.previous = previous
        self._prefixes: dict[str, bytes] = {}

    def chain(self, rows: Sequence[Row], states: Sequence[bytes]) -> bytes:
        """The chain's hashes of ``rows`` (their ``states`` as bytes), joined."""
        prefixes = self._prefixes
        sha256 = hashlib.sha256
        position, previous = self.position, self.previous
        hashes = []
        for (_, originator_id, version, topic, _), state in zip(rows, states, strict=True):
            position += 1
            prefix = prefixes.get(topic)
            if prefix is None:
                prefix = prefixes[topic] = topic_prefix(topic)
            digest = sha256(prefix + id_bytes(originator_id) + version.to_bytes(8, "big")
                            + state).digest()
            previous = sha256(DOMAIN_TAG + position.to_bytes(8, "big") + previous
                              + digest).digest()
            hashes.append(previous)
        self.position, self.previous = position, previous
        return b"".join(hashes)

    def page(self, rows: Sequence[Row]) -> ChainedPage:
        """The chain and the R7 suspects of a page of rows as stored (not encrypted)."""
        states = as_bytes(rows)
        return ChainedPage(self.chain(rows, states),
                           suspects([without_timestamp(state) for state in states]))


def as_bytes(rows: Sequence[Row]) -> list[bytes]:
    """The rows' states; a hand-edited SQLite row can come back as text: hash what is there."""
    states = [row[4] for row in rows]
    for i, state in enumerate(states):
        if type(state) is not bytes:
            states[i] = str(state).encode()
    return states


def suspects(records: Sequence[bytes]) -> set[int]:
    """The indexes of the ``records`` in which R7 could find a number (scanned joined)."""
    found = set()
    ends = list(accumulate(len(r) + 1 for r in records))
    for offset in personal_identity_number_suspects(b'"'.join(records)):
        found.add(bisect_right(ends, offset))
    return found


# -- the worker process ---------------------------------------------------------------

_LENGTH = struct.Struct(">I")


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


_PROTO = pickle.PROTO


def _loads(payload: bytes) -> Any:
    # A pickle starts with its PROTO opcode; a marshal with a type code, never that byte.
    return pickle.loads(payload) if payload[:1] == _PROTO else marshal.loads(payload)


def serve() -> None:
    """The worker's loop: the chain head to go on from, then a page of rows in, its
    ``ChainedPage`` out, until an empty frame."""
    source, out = sys.stdin.buffer, sys.stdout.buffer
    head = _read(source)
    if not head:
        return
    position, previous = marshal.loads(head)
    pages = Pages(position, previous)
    while (payload := _read(source)) is not None and payload:
        rows = _loads(payload)  # from the parent, over a pipe
        done = pages.page(rows)
        _write(out, pickle.dumps((done.hashes, done.suspects), protocol=5))


class WorkerGone(Exception):
    """The worker process stopped before answering."""


class PageWorker:
    """``Pages.page`` in a second process, fed ahead of the reader: rows are sent as soon
    as they are read and answered in order (``receive``). A page is sent from a thread, so
    a full pipe never blocks the reader."""

    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parents[2])
        code = (f"import sys; sys.path.insert(0, {root!r}); "
                "from asfledger.audit.pages import serve; serve()")
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

    def _send_all(self) -> None:
        try:
            while (payload := self._outbox.get()) is not None:
                _write(self._in, payload)
            _write(self._in, b"")
            self._in.close()
        except (OSError, ValueError):  # the worker is gone: receive() says so
            pass

    def start_at(self, position: int, previous: bytes) -> None:
        """The chain head (position, hash) the worker goes on from; first, before ``send``."""
        self._outbox.put(marshal.dumps((position, previous)))

    def send(self, rows: Sequence[Row]) -> None:
        self._outbox.put(_dumps(rows))

    def receive(self) -> ChainedPage:
        try:
            payload = _read(self._out)
        except (OSError, ValueError) as e:
            raise WorkerGone(str(e)) from e
        if not payload:
            raise WorkerGone("no answer")
        hashes, found = pickle.loads(payload)  # from our own child
        return ChainedPage(hashes, found)

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
