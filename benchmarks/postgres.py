"""The same import and replay on PostgreSQL, the shared ledger (SPEC §7).

The same JSON Lines file is imported into a fresh ledger (a new schema in a benchmark
database, dropped afterwards), then, side by side on that ledger: a raw ``psycopg`` scan
of the events table (the physical floor on PostgreSQL), the ``audit compliance`` replay
and ``audit verify``. Skipped, with the reason printed, when no server answers.
"""

from __future__ import annotations

import faulthandler
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import psycopg
from psycopg import sql

from asfledger.storage import PG_EVENTS_TABLE
from benchmarks import ledgers, replay

URL_ENV = "ASFLEDGER_BENCH_POSTGRES"
DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/asfledger_bench"


def server_url() -> str:
    return os.environ.get(URL_ENV) or DEFAULT_URL


def _connect(url: str, dbname: str | None = None) -> psycopg.Connection[tuple[object, ...]]:
    u = urlparse(url)
    return psycopg.connect(host=u.hostname or "localhost", port=u.port or 5432,
                           user=u.username or "postgres", password=u.password or "",
                           dbname=dbname or u.path.lstrip("/") or "postgres",
                           connect_timeout=5, autocommit=True)


def client() -> str:
    """psycopg's version and implementation: ``python`` (pure Python over libpq, what
    the project installs today) or ``c``/``binary`` (its C extension), which reads rows
    several times faster."""
    return f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__})"


def unavailable(url: str) -> str | None:
    """Why PostgreSQL cannot be measured at ``url``, or None. Creates the benchmark
    database when the server answers and it is missing."""
    dbname = urlparse(url).path.lstrip("/") or "postgres"
    try:
        with _connect(url, "postgres") as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (dbname,)).fetchone()
            if exists is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(dbname)))
    except psycopg.Error as e:
        return f"PostgreSQL at {url} is not reachable: {' '.join(str(e).split())}"
    return None


@contextmanager
def fresh_schema(url: str) -> Iterator[tuple[str, str]]:
    """A new, empty schema; yields (ledger URL with ``?schema=``, schema); dropped after."""
    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with _connect(url) as conn:
        conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    try:
        yield f"{url}?schema={schema}", schema
    finally:
        with _connect(url) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(
                sql.Identifier(schema)))


def raw_scan(url: str, schema: str) -> int:
    """Read every row of the events table in order, as fast as psycopg allows: one query
    through a server-side cursor, binary results, 5,000 rows a fetch."""
    n = 0
    query = sql.SQL("SELECT notification_id, originator_id, originator_version, topic, state "
                    "FROM {}.{} ORDER BY notification_id").format(
                        sql.Identifier(schema), sql.Identifier(PG_EVENTS_TABLE))
    with _connect(url) as conn, conn.transaction(), conn.cursor(name="bench_scan") as cursor:
        cursor.execute(query, binary=True)
        while rows := cursor.fetchmany(5000):
            n += len(rows)
    return n


def chunks(jsonl: bytes, commands: int) -> list[bytes]:
    """``jsonl`` cut into files of at most ``commands`` lines (blank lines count), each a
    valid import on top of the ones before it (a prefix of a valid history is valid)."""
    lines = jsonl.splitlines(keepends=True)
    return [b"".join(lines[i:i + commands]) for i in range(0, len(lines), commands)]


@dataclass(frozen=True)
class PgResult:
    events: int
    commands: int
    imports: int  # how many all-or-nothing imports the file was cut into
    import_events_per_s: float
    first_import_events_per_s: float  # the first part, into the empty ledger
    sqlite_parts_import_events_per_s: float  # the same parts into SQLite (nan: not run)
    raw_scan_events_per_s: float
    compliance_replay_events_per_s: float
    verify_events_per_s: float

    def as_dict(self) -> dict[str, float]:
        return {
            "events": self.events,
            "commands": self.commands,
            "imports": self.imports,
            "import_events_per_s": self.import_events_per_s,
            "first_import_events_per_s": self.first_import_events_per_s,
            "sqlite_parts_import_events_per_s": self.sqlite_parts_import_events_per_s,
            "import_vs_sqlite_parts": (self.import_events_per_s
                                       / self.sqlite_parts_import_events_per_s),
            "raw_scan_events_per_s": self.raw_scan_events_per_s,
            "compliance_replay_events_per_s": self.compliance_replay_events_per_s,
            "verify_events_per_s": self.verify_events_per_s,
            "replay_vs_raw_scan": (self.compliance_replay_events_per_s
                                   / self.raw_scan_events_per_s),
        }


# The whole file in one all-or-nothing import, as a coordinator imports it. Until
# 2026-11-27 an import of more than about 40,000 events into PostgreSQL never ended
# (eventsourcing's pipelined insert: ``pipeline.sync()`` waited for a result while the
# server waited for the rest of the message, cf. psycopg issue #685) and this benchmark
# imported in parts of 10,000 lines; the chain recorder now inserts outside pipeline
# mode (tests/faults/test_large_import.py). A smaller number still cuts the file in
# parts; a part that hangs stops the run with a traceback instead of hanging it.
IMPORT_LINES = 100_000_000
HANG_S = 3600.0  # a million events take about two minutes here


def _import_parts(ledger_url: str, parts: list[bytes]) -> list[ledgers.Built]:
    built = []
    for part in parts:
        faulthandler.dump_traceback_later(HANG_S, exit=True)
        try:
            built.append(ledgers.import_file(ledger_url, part))
        finally:
            faulthandler.cancel_dump_traceback_later()
    return built


def measure(url: str, jsonl: bytes, scratch: Path | None, rounds: int = 1,
            import_lines: int = IMPORT_LINES) -> PgResult:
    """Import ``jsonl`` into a fresh ledger (in parts of at most ``import_lines`` lines;
    the same parts into a new SQLite file at ``scratch`` beside it, the reference), then
    ``rounds`` interleaved rounds of the scan, the replay and verify on it; the best of
    each (the least disturbed by other work)."""
    rates: dict[str, list[float]] = {"raw": [], "ours": [], "verify": []}
    counts: dict[str, int] = {}
    parts = chunks(jsonl, import_lines)
    on_sqlite: list[ledgers.Built] = []
    if scratch is not None:  # None: no SQLite reference (it takes minutes at 1M events)
        ledgers.remove_sqlite(scratch)
        try:
            on_sqlite = _import_parts(str(scratch), parts)
        finally:
            ledgers.remove_sqlite(scratch)
    with fresh_schema(url) as (ledger_url, schema):
        built = _import_parts(ledger_url, parts)
        events = sum(b.events for b in built)
        for _ in range(rounds):
            for key, fn in (("raw", lambda: raw_scan(url, schema)),
                            ("ours", lambda: replay.asfledger_replay(ledger_url)),
                            ("verify", lambda: replay.asfledger_verify(ledger_url))):
                n, seconds = replay.timed(fn)
                counts[key] = n
                rates[key].append(n / seconds)
    assert set(counts.values()) == {events}, (counts, events)
    assert not on_sqlite or sum(b.events for b in on_sqlite) == events
    nan = float("nan")
    return PgResult(events, sum(b.commands for b in built), len(parts),
                    events / sum(b.import_seconds for b in built),
                    built[0].events / built[0].import_seconds,
                    (events / sum(b.import_seconds for b in on_sqlite)) if on_sqlite else nan,
                    max(rates["raw"]), max(rates["ours"]), max(rates["verify"]))
