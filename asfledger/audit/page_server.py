"""The compliance replay's second process: ``read_page`` beside the decoding and the checks.

A plain ``python -S`` child (started by ``asfledger.audit.worker.PageWorker``) that
imports only ``asfledger.audit.pages`` and small standard-library modules, so it starts
in about 20 ms. It talks over its stdin and stdout in length-prefixed frames: first where
to start (the sieve, and on a SQLite file where to read), then either

- it reads the events table itself: it answers first with the notification id it reads
  after (that of the row at ``skip``, which the parent replays itself while the worker
  starts; None when the table holds no more) and the stored chain's hash at ``skip``,
  from which it links the chain on (on SQLite), then page after page with its
  ``ReadPage`` — the rows the parent must decode included, the others only counted, the
  chain's hashes — and an empty frame at the end; or
- the parent sends it the pages of rows it read (PostgreSQL, or a ledger in memory) and it
  answers each with its ``ReadPage`` without the rows, which the parent holds.

Pages cross in ``marshal``, twice as fast to write as ``pickle``; rows that marshal cannot
hold (PostgreSQL's UUIDs) come in a pickle. Nothing else crosses.
"""

from __future__ import annotations

import marshal
import struct
import sys
from datetime import date

from asfledger.audit.chain import CHAIN_TABLE
from asfledger.audit.pages import Chain, Sieve, read_page

TYPE_CHECKING = False  # typing is not imported at start-up
if TYPE_CHECKING:
    from typing import IO, Any

_LENGTH = struct.Struct(">I")
POSTGRES_SOURCE = "postgresql:"  # a source to read from PostgreSQL (worker.Source)
# The first byte of a pickle (its PROTO opcode); a marshal starts with a type code, never
# this byte. The parent pickles what marshal cannot hold.
_PICKLED = b"\x80"


def write_frame(out: IO[bytes], payload: bytes) -> None:
    out.write(_LENGTH.pack(len(payload)))
    out.write(payload)
    out.flush()


def read_frame(source: IO[bytes]) -> bytes | None:
    """The next frame's payload; None at the end of the stream."""
    head = source.read(_LENGTH.size)
    if len(head) < _LENGTH.size:
        return None
    (length,) = _LENGTH.unpack(head)
    payload = source.read(length)
    if len(payload) < length:
        return None
    return payload


def _loads(payload: bytes) -> Any:
    if payload[:1] == _PICKLED:
        import pickle  # only for rows from PostgreSQL: not at start-up

        return pickle.loads(payload)  # from the parent that started this process
    return marshal.loads(payload)


def serve() -> None:
    """The worker's loop (see the module's docstring)."""
    source, out = sys.stdin.buffer, sys.stdout.buffer
    head = read_frame(source)
    if not head:
        return
    start = marshal.loads(head)
    chain = Chain()
    as_of = start["as_of"]
    sieve = Sieve(start["passable"], None if as_of is None else date.fromisoformat(as_of))
    if start["read"] is not None:
        uri, table, page, path = start["read"]
        if uri.startswith(POSTGRES_SOURCE):
            sys.path.append(path)
            _read_postgres(uri[len(POSTGRES_SOURCE):], table, page, start["skip"], chain,
                           sieve, out)
        else:
            _read_and_serve(uri, table, page, start["skip"], chain, sieve, out,
                            start.get("chained", False))
        return
    while (payload := read_frame(source)) is not None and payload:
        rows = _loads(payload)  # from the parent, over a pipe
        write_frame(out, marshal.dumps(read_page(chain, rows, sieve, pick=False).as_tuple()))


def _read_and_serve(uri: str, table: str, page: int, skip: int, chain: Chain,
                    sieve: Sieve, out: IO[bytes], chained: bool = False) -> None:
    """Read the events ``table`` of the SQLite file at ``uri`` after its first ``skip``
    rows, ``page`` rows at a time, and answer each page."""
    import sqlite3

    conn = sqlite3.connect(uri, uri=True)
    try:
        after: int | None = 0
        if skip > 0:
            found = conn.execute(f"SELECT rowid FROM {table} ORDER BY rowid "
                                 f"LIMIT 1 OFFSET ?", (skip - 1,)).fetchone()
            after = None if found is None else found[0]
        # The stored chain's hash at ``skip``, from which this process links the chain on
        # (the parent, which linked up to there, compares it with its own head: the seam);
        # None when the stored chain has none there: the parent links the digests.
        seam = chain.previous if skip == 0 else None
        if skip > 0:
            stored = conn.execute(f"SELECT hash FROM {CHAIN_TABLE} WHERE position = ?",
                                  (skip,)).fetchone()
            if stored is not None and type(stored[0]) is bytes and len(stored[0]) == 32:
                seam = stored[0]
        if seam is not None:
            chain.position, chain.previous = skip, seam
        write_frame(out, marshal.dumps((after, seam)))
        # The state as bytes even where it was rewritten as text (which may not be UTF-8).
        select = (f"SELECT rowid, originator_id, originator_version, topic, "
                  f"CAST(state AS BLOB) "
                  f"FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT ?")
        # The stored chain beside them, for the parent's trust check (``ChainCheck``): the
        # positions after the ``skip`` rows, as many as the page holds.
        hashes = (f"SELECT hash FROM {CHAIN_TABLE} WHERE position > ? AND position <= ? "
                  "ORDER BY position")
        last_id = f"SELECT notification_id FROM {CHAIN_TABLE} WHERE position = ?"
        position = skip
        while after is not None and (rows := conn.execute(select, (after, page)).fetchall()):
            done = read_page(chain, rows, sieve, link=seam is not None)
            end = position + len(rows)
            if chained:
                links = conn.execute(hashes, (position, end)).fetchall()
                found = conn.execute(last_id, (end,)).fetchone()
                if len(links) == len(rows) and found is not None:  # every position there
                    joined = b"".join([link[0] for link in links])
                    if joined == done.hashes:  # crosses once (marshal keeps one copy)
                        joined = done.hashes
                    done.stored = (position + 1, end, found[0], joined)
            write_frame(out, marshal.dumps(done.as_tuple()))
            after = rows[-1][0]
            position = end
        write_frame(out, b"")
    finally:
        conn.close()


def _read_postgres(conninfo: str, table: str, page: int, skip: int, chain: Chain,
                   sieve: Sieve, out: IO[bytes]) -> None:
    """The same from PostgreSQL's events ``table``: one query after the first ``skip``
    rows, streamed through a server-side cursor in binary, ``page`` rows a fetch, each row
    as SQLite's (the subject's id in 32 hex digits)."""
    import psycopg  # found through the path the parent sent

    with psycopg.connect(conninfo) as conn:
        after: int | None = 0
        if skip > 0:
            found = conn.execute(f"SELECT notification_id FROM {table} "
                                 "ORDER BY notification_id LIMIT 1 OFFSET %s",
                                 (skip - 1,)).fetchone()
            after = None if found is None else found[0]
        write_frame(out, marshal.dumps(after))
        if after is not None:
            with conn.cursor(name="asfledger_replay") as cursor:
                cursor.execute(f"SELECT notification_id, "
                               f"replace(originator_id::text, '-', ''), originator_version, "
                               f"topic, state FROM {table} WHERE notification_id > %s "
                               f"ORDER BY notification_id", (after,), binary=True)
                while rows := cursor.fetchmany(page):
                    write_frame(out, marshal.dumps(read_page(chain, rows, sieve).as_tuple()))
        write_frame(out, b"")
