"""A PostgreSQL benchmark ledger of any size, built once and kept in its own schema.

Importing 1,000,000 events into PostgreSQL through ``asfledger import`` took 48 minutes
on the loaded machine, for a ledger whose events are exactly those of the cached SQLite
ledger of that size (the same file, decided by the same code). So the PostgreSQL ledger is
made from that one instead: its stored rows (topic, aggregate id, version, state, in
order) are written into a new schema through the recorder's own bulk write (COPY, the
chain linked as an import links it, one transaction), and kept. The copy is a real
ledger: its chain is computed afresh over its own rows, then checked with
``audit verify``; it must end in the same head as the SQLite ledger's chain, which only the
same events in the same order can give.

The schema (``bench_<events>_<seed>``) is the cache: a later run reuses it when its chain
ends where the SQLite ledger's does, and otherwise (a SQLite ledger rebuilt by newer code,
a copy interrupted) drops it and copies again::

    uv run python -m benchmarks.pg_ledgers --events 1000000 \\
        --postgres-url postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from psycopg import sql

from asfledger.audit.chain import CHAIN_TABLE
from asfledger.history import rows_after
from benchmarks import ledgers, postgres

CHUNK = 20_000  # events a COPY carries (the bulk write's chunk, as an import's)


def schema_for(events: int, seed: int = 1) -> str:
    return f"bench_{events}_{seed}"


def sqlite_head(path: str) -> tuple[int, bytes]:
    """The last position of the SQLite ledger's chain and its hash."""
    conn = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=ro", uri=True)
    try:
        row = conn.execute(f"SELECT position, hash FROM {CHAIN_TABLE} "
                           "ORDER BY position DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    if row is None:
        return 0, b""
    position, digest = row
    assert isinstance(position, int) and isinstance(digest, bytes)
    return position, digest


def postgres_head(url: str, schema: str) -> tuple[int, bytes] | None:
    """The last position of the chain in ``schema`` and its hash; None: no ledger there."""
    with postgres._connect(url) as conn:
        found = conn.execute("SELECT to_regclass(format('%%I.%%I', %s::text, %s::text))",
                             (schema, CHAIN_TABLE)).fetchone()
        if found is None or found[0] is None:
            return None
        row = conn.execute(sql.SQL("SELECT position, hash FROM {}.{} ORDER BY position DESC "
                                   "LIMIT 1").format(sql.Identifier(schema),
                                                     sql.Identifier(CHAIN_TABLE))).fetchone()
    if row is None:
        return 0, b""
    position, digest = row
    assert isinstance(position, int) and isinstance(digest, bytes)
    return position, digest


def analyzed(url: str, schema: str) -> None:
    """Give the planner the tables' statistics, as autovacuum would after a bulk load. On a
    server without autovacuum (this machine's) a copied ledger never gets them, and with
    no statistics PostgreSQL plans a history page's 60-subject read as a parallel scan
    (12 ms instead of 1)."""
    with postgres._connect(url) as conn:
        never = conn.execute("SELECT relname FROM pg_stat_user_tables WHERE schemaname = %s "
                             "AND last_analyze IS NULL AND last_autoanalyze IS NULL",
                             (schema,)).fetchall()
        for (table,) in never:
            conn.execute(sql.SQL("ANALYZE {}.{}").format(sql.Identifier(schema),
                                                         sql.Identifier(str(table))))


def drop(url: str, schema: str) -> None:
    with postgres._connect(url) as conn:
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
            sql.Identifier(schema)))


def copy(source: str, ledger_url: str, chunk: int = CHUNK) -> int:
    """Every stored event of the SQLite ledger ``source``, in order, into the empty ledger
    at ``ledger_url`` in one bulk write (all or nothing); the number of events."""
    from asfledger.ledger import Ledger

    copied = 0
    with (Ledger(source, actor="benchmark", read_only=True) as old,
          Ledger(ledger_url, actor="benchmark") as new):
        if new.head():
            raise ValueError(f"{ledger_url} is not empty")
        bulk = new.store.bulk(chunk)
        assert bulk is not None  # PostgreSQL holds a bulk write open
        with bulk as writer:
            after = 0
            while rows := rows_after(old.store, after, chunk):
                writer.write([StoredEvent(UUID(str(originator_id)), version, topic, state)
                              for _, originator_id, version, topic, state in rows])
                after = rows[-1][0]
                copied += len(rows)
    return copied


def cached_postgres(url: str, cache: Path, events: int, seed: int = 1,
                    *, schema: str | None = None, say: bool = True) -> str:
    """The URL of a PostgreSQL ledger holding the same events as the cached SQLite ledger
    of about ``events`` events (built first if need be), copied once into ``schema``
    (default ``schema_for(events, seed)``) and kept."""
    from asfledger.audit.verify import verify
    from asfledger.ledger import Ledger

    source = ledgers.cached_sqlite(cache, events, seed)
    schema = schema or schema_for(events, seed)
    ledger_url = f"{url}?schema={schema}"
    wanted = sqlite_head(source)
    if postgres_head(url, schema) == wanted:
        analyzed(url, schema)
        if say:
            print(f"PostgreSQL ledger {schema}: cached ({wanted[0]:,} events, the same chain "
                  "head as the SQLite ledger)", flush=True)
        return ledger_url
    drop(url, schema)  # another history, or a copy cut short: made again
    with postgres._connect(url) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    started = time.perf_counter()
    copied = copy(source, ledger_url)
    copy_s = time.perf_counter() - started
    with Ledger(ledger_url, actor="benchmark", read_only=True) as ledger:
        checked = verify(ledger.store)
    analyzed(url, schema)
    head = postgres_head(url, schema)
    if not checked.ok or head != wanted:
        drop(url, schema)
        raise RuntimeError(f"the copy into {schema} does not verify or ends elsewhere than "
                           f"{source} (verified: {checked.ok}, head {head} vs {wanted})")
    if say:
        print(f"PostgreSQL ledger {schema}: {copied:,} events copied from {source} in "
              f"{copy_s:.0f} s, verified in {time.perf_counter() - started - copy_s:.0f} s",
              flush=True)
    return ledger_url


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pg_ledgers",
                                     description="build (once) the cached PostgreSQL "
                                                 "benchmark ledger")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/asf-bench"))
    parser.add_argument("--postgres-url", default=None)
    args = parser.parse_args()
    url = args.postgres_url or postgres.server_url()
    reason = postgres.unavailable(url)
    if reason is not None:
        raise SystemExit(reason)
    print(cached_postgres(url, args.cache, args.events, args.seed))


if __name__ == "__main__":
    main()
