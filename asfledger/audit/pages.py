"""The part of a replay that reads no event's meaning, one page of stored rows at a time:
the digests of the audit chain over the stored bytes (SPEC §5), the R7 scan for personal
identity numbers, and the sieve that tells the rows a check must decode from those it only
counts.
``audit compliance`` runs it in its own process or, on a large history, in a second
process beside the decoding and the checks (``asfledger.audit.worker``): the same
functions over the same rows, so the proof covers exactly the bytes it read.

This module imports nothing of the ledger but the chain's constants and the R7 scan: the
worker is a plain ``python -S`` child.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from datetime import UTC, date, datetime
from itertools import accumulate, repeat
from operator import add

from asfledger.audit.chain import DOMAIN_TAG, GENESIS, KEPT, REDACTED, topic_prefix
from domain.pin_scan import personal_identity_number_suspects

TYPE_CHECKING = False  # the worker starts without typing
if TYPE_CHECKING:
    from collections.abc import Collection, Sequence
    from typing import Any

    Row = tuple[int, Any, int, str, Any]  # notification id, originator id, version, topic, state
_TIMESTAMP = b'{"timestamp":"'


def id_bytes(originator_id: object) -> bytes:
    """The 16 bytes of an aggregate id as stored (32 hex digits on SQLite, a UUID on
    PostgreSQL), without keeping anything: the chain needs no UUID object, and a cache of
    them was most of the worker's memory."""
    if type(originator_id) is str and len(originator_id) == 32:
        try:
            return bytes.fromhex(originator_id)
        except ValueError:
            pass  # not hex: what UUID makes of it (or says against it)
    raw = getattr(originator_id, "bytes", None)  # a UUID, as PostgreSQL's rows hold
    if type(raw) is bytes and len(raw) == 16:
        return raw
    from uuid import UUID  # here, not at start-up: SQLite's ids are 32 hex digits

    return UUID(str(originator_id)).bytes


class ReadPage:
    """One page of stored rows as the decoding needs it: the digests of its events (for the
    chain), its R7 suspects, and the rows it must decode (``forward``, ``picked``); the
    others are only counted.

    ``picked`` holds the forwarded rows in order (aligned with ``forward``) and ``tail``
    the row at ``last_passed``: from the worker that read them, the only rows that cross.
    """

    __slots__ = ("after", "counted", "digests", "forward", "hashes", "last_passed",
                 "picked", "size", "stored", "suspects", "tail", "times")

    def __init__(self, size: int, after: int, digests: list[bytes], suspects: set[int],
                 forward: list[int], counted: int, last_passed: int,
                 picked: list[Row], tail: Row | None,
                 times: tuple[bytes | None, bytes | None, int] = (None, None, -1),
                 stored: tuple[int, int, int, bytes] | None = None,
                 hashes: bytes | None = None) -> None:
        self.size = size  # rows on the page
        self.after = after  # the notification id of its last row
        self.digests = digests  # one per row, in order
        self.suspects = suspects  # indexes of the rows whose record may hold a number
        self.forward = forward  # indexes of the rows to decode, in order
        self.counted = counted  # rows passed over: only counted
        self.last_passed = last_passed  # index of the last of those, or -1
        self.picked = picked
        self.tail = tail
        self.times = times  # the recorded times: see page_times
        # The stored chain at the page's positions, read by a worker that reads the events
        # itself: (first position, last position, last notification id, hashes joined).
        self.stored = stored
        # The chain's hashes at the page's positions, joined, from a reader that linked
        # them itself (a worker that reads the events: ``digests`` is then empty); None:
        # the decoding links ``digests``.
        self.hashes = hashes

    def as_tuple(self) -> tuple[Any, ...]:
        """What ``marshal`` carries from the worker (``from_tuple`` reads it back)."""
        return tuple(getattr(self, name) for name in self.__slots__)

    @classmethod
    def from_tuple(cls, values: Sequence[Any]) -> ReadPage:
        return cls(**dict(zip(cls.__slots__, values, strict=True)))


class Sieve:
    """Which rows the decoding may only count: an event of a ``passable`` topic (one no
    check reads and not a created event, see ``RowDecoder.topic``) with no R7 suspect,
    recorded on or before ``as_of``, with the ordinary timestamp the proof's reader reads
    (``decode_rows``): nothing of it is used but the count. Everything else is forwarded."""

    def __init__(self, passable: Collection[str] = (), as_of: date | None = None) -> None:
        self.passable = frozenset(passable)
        self.as_of = as_of

    def sift(self, rows: Sequence[Row], suspected: Collection[int]
             ) -> tuple[list[int], int, int]:
        """The indexes to forward, the number passed over and the index of the last one."""
        passable, as_of = self.passable, self.as_of
        fromisoformat = datetime.fromisoformat
        forward: list[int] = []
        counted, last_passed = 0, -1
        for i, (_, _, _, topic, state) in enumerate(rows):
            if (topic in passable and type(state) is bytes and state[41:42] == b'"'
                    and state.startswith(_TIMESTAMP) and i not in suspected):
                try:  # the timestamp, read as decode_rows reads it
                    recorded = fromisoformat(state[14:41].decode())
                except ValueError:
                    pass  # decode_rows says why, as an unreadable event
                else:
                    if as_of is None or recorded.date() <= as_of:
                        counted += 1
                        last_passed = i
                        continue
            forward.append(i)
        return forward, counted, last_passed


class Chain:
    """The audit chain (SPEC §5) in two halves: ``digests`` of each stored event, which need
    only the rows (the worker's), and ``link``, which carries the chain from one digest to
    the next (the decoding process's: it keeps the head)."""

    def __init__(self, position: int = 0, previous: bytes = GENESIS) -> None:
        self.position = position
        self.previous = previous
        self._prefixes: dict[str, bytes] = {}

    def digests(self, rows: Sequence[Row], states: Sequence[bytes]) -> list[bytes]:
        """SHA-256 of each row's stored event bytes (its ``states`` as bytes)."""
        prefixes = self._prefixes
        sha256, join, fromhex = hashlib.sha256, b"".join, bytes.fromhex
        found: list[bytes] = []
        append = found.append
        for (_, originator_id, version, topic, _), state in zip(rows, states, strict=True):
            if state.startswith(REDACTED):  # the digest of what was stored first
                append(state[KEPT])
                continue
            prefix = prefixes.get(topic)
            if prefix is None:
                prefix = prefixes[topic] = topic_prefix(topic)
            try:  # 32 hex digits on SQLite: what id_bytes does, without its call
                subject = fromhex(originator_id)
                if len(subject) != 16:
                    subject = id_bytes(originator_id)
            except (TypeError, ValueError):
                subject = id_bytes(originator_id)
            append(sha256(join((prefix, subject, version.to_bytes(8, "big"), state))
                          ).digest())
        return found

    def link(self, digests: Sequence[bytes]) -> bytes:
        """The chain's hashes after these digests, joined; the head moves on."""
        sha256, join = hashlib.sha256, b"".join
        position, previous = self.position, self.previous
        hashes: list[bytes] = []
        append = hashes.append
        for digest in digests:
            position += 1
            previous = sha256(join((DOMAIN_TAG, position.to_bytes(8, "big"), previous,
                                    digest))).digest()
            append(previous)
        self.position, self.previous = position, previous
        return join(hashes)

    def advance(self, hashes: bytes) -> None:
        """Move the head on by hashes linked elsewhere (joined, 32 bytes each)."""
        if hashes:
            self.position += len(hashes) // 32
            self.previous = hashes[-32:]


def read_page(chain: Chain, rows: Sequence[Row], sieve: Sieve, *,
              records: Sequence[bytes] | None = None, pick: bool = True,
              link: bool = False) -> ReadPage:
    """A page of rows as stored: their digests, R7 suspects and sieve. ``records``: the
    states as the R7 scan reads them (decrypted), when not as stored; ``pick=False``
    leaves ``picked`` and ``tail`` out, for a reader that holds the rows itself;
    ``link``: the chain's hashes instead of the digests (``chain`` moves on)."""
    states = as_bytes(rows)
    digests = chain.digests(rows, states)
    hashes = None
    if link:
        hashes, digests = chain.link(digests), []
    # Scanned with their timestamps, which hold no suspect (the microseconds' run is
    # closed by 'Z"'): cheaper than cutting them off each record.
    found = suspects(records or states)
    forward, counted, last_passed = sieve.sift(rows, found)
    picked = [rows[i] for i in forward] if pick else []
    tail = rows[last_passed] if pick and last_passed >= 0 else None
    return ReadPage(len(rows), rows[-1][0], digests, found, forward, counted, last_passed,
                    picked, tail, page_times(records or states), hashes=hashes)


def time_key(record: bytes) -> bytes | None:
    """The recorded time at the start of a stored record (``{"timestamp":"…"``), as 27
    bytes ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` that compare as the times do; None when it
    cannot be read there (an encrypted or damaged record)."""
    if record[41:42] == b'"' and record[40:41] == b"Z" and record[33:34] == b"." and (
            record.startswith(_TIMESTAMP)):
        return record[14:41]  # what msgspec writes for a UTC time: already the key
    if not record.startswith(_TIMESTAMP):
        if record.startswith(REDACTED):  # a redacted event: its time after the marker
            return time_key(record[KEPT.stop:])
        return None
    end = record.find(b'"', len(_TIMESTAMP))
    try:
        return key_of(datetime.fromisoformat(record[len(_TIMESTAMP):end].decode()))
    except (ValueError, UnicodeDecodeError):
        return None


def key_of(moment: datetime) -> bytes:
    """``time_key`` of a time (naive times are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ").encode()


def page_times(records: Sequence[bytes]) -> tuple[bytes | None, bytes | None, int]:
    """The recorded times of a page (its records as stored, or decrypted): the first and the
    latest readable one, and the index of the first record recorded before one before it
    (-1: none). Records whose time cannot be read there are left out (the decoding says
    why)."""
    keys = time_keys(records)
    present = [key for key in keys if key is not None]
    if len(present) == len(keys) and present and sorted(present) == present:
        return present[0], present[-1], -1  # the usual case, decided in C
    first: bytes | None = None
    latest = b""
    backwards = -1
    for i, key in enumerate(keys):
        if key is None:
            continue
        if first is None:
            first = key
        if key < latest:
            if backwards < 0:
                backwards = i
            continue
        latest = key
    return first, latest or None, backwards


def time_keys(records: Sequence[bytes]) -> list[bytes | None]:
    """``time_key`` of each record."""
    # What time_key does, inline: msgspec's UTC times are the keys themselves.
    return [r[14:41] if r[40:42] == b'Z"' and r[33:34] == b"." and r[:14] == _TIMESTAMP
            else time_key(r) for r in records]


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
    ends = list(accumulate(map(add, map(len, records), repeat(1))))  # each with its quote
    for offset in personal_identity_number_suspects(b'"'.join(records)):
        found.add(bisect_right(ends, offset))
    return found
