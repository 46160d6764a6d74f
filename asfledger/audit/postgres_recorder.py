"""PostgreSQL recorder that writes the audit chain in the same transaction as the events.

eventsourcing takes an EXCLUSIVE lock on the events table before inserting, so the chain's
head read inside the transaction cannot race another writer.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

import psycopg
from eventsourcing.persistence import (
    InterfaceError,
    OperationalError,
    RecordConflictError,
    StoredEvent,
)
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import Cursor
from psycopg.conninfo import make_conninfo
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Identifier, Literal

from asfledger.audit.chain import (
    CHAIN_TABLE,
    GENESIS,
    META_TABLE,
    READMODEL_TABLE,
    event_digest,
    link,
)
from asfledger.audit.chain_store import ChainRow
from asfledger.audit.page_server import POSTGRES_SOURCE
from asfledger.audit.trust import RecordedTimes, RecordedTooEarly
from asfledger.audit.worker import Source
from asfledger.bulk import BulkWriter
from asfledger.storage import is_locked

if TYPE_CHECKING:
    from asfledger.redaction import Rewrite, StoredAt

# Events a client sends and links per second, at the least, while it holds the lock.
IDLE_EVENTS_PER_S = 10_000
# Commands a client decides per second, at the least, between two chunks of a bulk write
# (a 1,000,000-event import on a machine at load 15 took 10 s a chunk: a wide margin).
IDLE_COMMANDS_PER_S = 100


class ChainedPostgresApplicationRecorder(PostgresApplicationRecorder):
    recorded_times = RecordedTimes()  # the ledger sets its own (with its cipher)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        table = SQL("{0}.{1}").format(Identifier(self.datastore.schema),
                                      Identifier(CHAIN_TABLE))
        self.sql_create_statements.append(SQL(
            "CREATE TABLE IF NOT EXISTS {0} (position bigint PRIMARY KEY, "
            "notification_id bigint NOT NULL UNIQUE, hash bytea NOT NULL)").format(table))
        meta = SQL("{0}.{1}").format(Identifier(self.datastore.schema),
                                     Identifier(META_TABLE))
        self.sql_create_statements.append(SQL(
            "CREATE TABLE IF NOT EXISTS {0} (key text PRIMARY KEY, value text)").format(meta))
        # The ledger's identity, made once when the ledger is created.
        self.sql_create_statements.append(SQL(
            "INSERT INTO {0} VALUES ('ledger_id', replace(gen_random_uuid()::text, '-', '')) "
            "ON CONFLICT DO NOTHING").format(meta))
        self._select_chain = SQL(
            "SELECT position, notification_id, hash FROM {0} WHERE position > %s "
            "ORDER BY position LIMIT %s").format(table)
        self._select_ledger_id = SQL("SELECT value FROM {0} WHERE key = 'ledger_id'").format(
            meta)
        self._select_chain_head = SQL(
            "SELECT position, hash, notification_id FROM {0} ORDER BY position DESC LIMIT 1"
        ).format(table)
        self._select_state = SQL("SELECT state FROM {0}.{1} WHERE notification_id = %s"
                                 ).format(Identifier(self.datastore.schema),
                                          Identifier(self.events_table_name))
        # The whole chain of an import in one statement, whatever its size.
        self._insert_chain = SQL(
            "INSERT INTO {0} SELECT * FROM unnest(%s::bigint[], %s::bigint[], %s::bytea[])"
        ).format(table)
        self._copy_chain = SQL("COPY {0} (position, notification_id, hash) FROM STDIN "
                               "(FORMAT BINARY)").format(table)
        self._copy_events = SQL(
            "COPY {0}.{1} (originator_id, originator_version, topic, state, notification_id) "
            "FROM STDIN (FORMAT BINARY)").format(Identifier(self.datastore.schema),
                                                 Identifier(self.events_table_name))
        self._next_ids = SQL("SELECT nextval(pg_get_serial_sequence({0}, 'notification_id')) "
                             "AS id FROM generate_series(1, %s)").format(
            Literal(f'"{self.datastore.schema}"."{self.events_table_name}"'))
        events = SQL("{0}.{1}").format(Identifier(self.datastore.schema),
                                       Identifier(self.events_table_name))
        self._events_name = f'"{self.datastore.schema}"."{self.events_table_name}"'
        # Rows as SQLite's scan gives them: the id in 32 hex digits (no UUID objects).
        self._scan = SQL(
            "SELECT notification_id, replace(originator_id::text, '-', ''), "
            "originator_version, topic, state FROM {0} WHERE notification_id > %s "
            "ORDER BY notification_id LIMIT %s").format(events)
        # Highest version first: the lowest (the first event) is kept.
        self._first_states = SQL(
            "SELECT replace(originator_id::text, '-', ''), topic, state FROM {0} "
            "WHERE originator_id = ANY(%s::uuid[]) AND originator_version <= 1 "
            "ORDER BY originator_version DESC").format(events)
        self._events_of = SQL(
            "SELECT originator_version, topic, state FROM {0} WHERE originator_id = %s "
            "ORDER BY originator_version").format(events)
        self._select_chain_size = SQL("SELECT max(position) AS size FROM {0}").format(table)
        self._select_meta = SQL("SELECT value FROM {0} WHERE key = %s").format(meta)
        self._insert_meta = SQL("INSERT INTO {0} VALUES (%s, %s) ON CONFLICT DO NOTHING"
                                ).format(meta)
        self._replace_meta = SQL("INSERT INTO {0} VALUES (%s, %s) ON CONFLICT (key) "
                                 "DO UPDATE SET value = EXCLUDED.value").format(meta)

    def insert_events(self, stored_events: Sequence[StoredEvent],
                      **kwargs: Any) -> Sequence[int] | None:
        """eventsourcing retries a failed insert 10 times, 0.2 s apart, which is right for a
        dropped connection; but a lock timeout has already waited POSTGRES_LOCK_TIMEOUT, and
        ten of them would keep a writer waiting ten times the bound. It is not retried."""
        for attempt in range(1, 11):
            try:
                return self._insert_in_one_transaction(stored_events,
                                                       kwargs.get("rewrites") or ())
            except (InterfaceError, OperationalError) as e:
                if attempt == 10 or is_locked(e):
                    raise
                time.sleep(0.2)
        raise AssertionError("unreachable")  # pragma: no cover

    def _insert_in_one_transaction(self, stored_events: Sequence[StoredEvent],
                                   rewrites: Sequence[Rewrite] = ()) -> Sequence[int]:
        """Lock, notify, insert the events and their chain rows, commit: eventsourcing's
        steps, but not in psycopg's pipeline mode, where an import of more than about
        40,000 events never returned from the pipeline's sync (the server and the client
        each waiting for the other). Two statements carry any number of events.

        What needs no lock is done before the transaction: the rows' composite values and
        their digests. Inside it the client still sends the rows and links the chain,
        which takes seconds for a million events: the server's idle-in-transaction limit
        (eventsourcing's 5 s, against a client that hangs holding the lock) is raised for
        this transaction in proportion to its size."""
        if not stored_events:
            return []
        rows = [self.construct_pg_stored_event(e.originator_id, e.originator_version,
                                               e.topic, e.state) for e in stored_events]
        digests = [event_digest(e.topic, e.originator_id, e.originator_version, e.state)
                   for e in stored_events]
        idle_s = self.datastore.idle_in_transaction_session_timeout  # 0: no limit
        with (self.datastore.get_connection() as conn, conn.transaction(),
              conn.cursor() as curs):
            if idle_s:
                idle_ms = int(1000 * (idle_s + len(stored_events) / IDLE_EVENTS_PER_S))
                curs.execute(SQL("SET LOCAL idle_in_transaction_session_timeout = '{0}ms'"
                                 ).format(idle_ms))
            self._lock_table(curs)
            self._notify_channel(curs)
            curs.execute(self.insert_events_statement, (rows,))
            ids = PostgresApplicationRecorder._fetch_ids_after_insert_events(
                self, curs, stored_events)
            assert ids is not None
            self._write_chain(curs, ids, digests, stored_events[0].state)
            if rewrites:
                self._rewrite(curs, rewrites)
            return ids

    def _rewrite(self, curs: Cursor[DictRow], rewrites: Sequence[Rewrite]) -> None:
        """Redactions (``asfledger.redaction``), in the transaction that records them: each
        row must still have the digest the redaction names. The saved read models were
        built from what is no longer there: they are dropped, and rebuilt when next read."""
        schema = Identifier(self.datastore.schema)
        events = SQL("{0}.{1}").format(schema, Identifier(self.events_table_name))
        for rewrite in rewrites:
            curs.execute(SQL("SELECT topic, originator_id, originator_version, state FROM {0} "
                             "WHERE notification_id = %s").format(events),
                         (rewrite.notification_id,))
            row = curs.fetchone()
            if row is None or event_digest(row["topic"], row["originator_id"],
                                           row["originator_version"],
                                           bytes(row["state"])) != rewrite.digest:
                raise RecordConflictError("the redacted event changed since it was read")
            curs.execute(SQL("UPDATE {0} SET state = %s WHERE notification_id = %s").format(
                events), (rewrite.state, rewrite.notification_id))
        curs.execute("SELECT to_regclass(%s) AS found",
                     (f'"{self.datastore.schema}".{READMODEL_TABLE}',))
        found = curs.fetchone()
        if found is not None and found["found"] is not None:
            curs.execute(SQL("DELETE FROM {0}.{1}").format(schema, Identifier(READMODEL_TABLE)))

    def stored_at(self, position: int) -> StoredAt | None:
        """The stored event at a position of the chain (for a redaction)."""
        from asfledger.redaction import StoredAt

        schema = Identifier(self.datastore.schema)
        query = SQL("SELECT s.notification_id, s.originator_id, s.originator_version, "
                    "s.topic, s.state FROM {0}.{1} h JOIN {0}.{2} s "
                    "ON s.notification_id = h.notification_id WHERE h.position = %s").format(
            schema, Identifier(CHAIN_TABLE), Identifier(self.events_table_name))
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(query, (position,))
            row = curs.fetchone()
        if row is None:
            return None
        return StoredAt(row["notification_id"], row["originator_id"],
                        row["originator_version"], row["topic"], bytes(row["state"]))

    def bulk(self, chunk: int) -> AbstractContextManager[BulkWriter]:
        """See ``asfledger.bulk``: eventsourcing's lock and notification, then each chunk
        sent with COPY (binary) and its notification ids taken from the sequence first."""
        return self._bulk(chunk)

    @contextmanager
    def _bulk(self, chunk: int) -> Iterator[BulkWriter]:
        idle_s = self.datastore.idle_in_transaction_session_timeout  # 0: no limit
        with (self.datastore.get_connection() as conn, conn.transaction(),
              conn.cursor() as curs):
            if idle_s:
                # The client decides the next chunk between two writes: idle in the
                # transaction for that long (and links a chunk's chain before sending it).
                idle_ms = int(1000 * (idle_s + chunk / IDLE_COMMANDS_PER_S))
                curs.execute(SQL("SET LOCAL idle_in_transaction_session_timeout = '{0}ms'"
                                 ).format(idle_ms))
            self._lock_table(curs)
            self._notify_channel(curs)
            curs.execute(self._select_chain_head)
            head = curs.fetchone()
            yield _PostgresBulk(self, curs, head)

    def create_table(self) -> None:
        """eventsourcing's DDL, one process at a time: two processes opening the ledger at
        once would run ``CREATE OR REPLACE FUNCTION`` concurrently, and PostgreSQL fails
        one with "tuple concurrently updated". A session advisory lock (waited for up to
        POSTGRES_LOCK_TIMEOUT) serialises them."""
        key = f"asfledger.create_table:{self.datastore.schema}"
        with self.datastore.get_connection() as conn:
            conn.execute(SQL("SET lock_timeout = '{0}s'").format(self.datastore.lock_timeout))
            conn.execute("SELECT pg_advisory_lock(hashtext(%s))", (key,))
            try:
                super().create_table()
            finally:
                conn.execute("SELECT pg_advisory_unlock(hashtext(%s))", (key,))
                conn.execute("RESET lock_timeout")

    def _create_table(self, curs: Cursor[DictRow]) -> None:
        # CREATE INDEX IF NOT EXISTS waits for the lock of a table another session holds
        # (a writer's EXCLUSIVE lock): bound that wait as every write's is bound.
        curs.execute(SQL("SET LOCAL lock_timeout = '{0}s'").format(
            self.datastore.lock_timeout))
        super()._create_table(curs)

    def _write_chain(self, curs: Cursor[DictRow], ids: Sequence[int],
                     digests: list[bytes], first_state: bytes) -> None:
        """The chain rows of the events just inserted (``ids``), after the current head
        (read under the table lock: no other writer can move it). The first of them must
        not be recorded before the event at the head (``RecordedTimes``)."""
        curs.execute(self._select_chain_head)
        head = curs.fetchone()
        position, previous = (head["position"], bytes(head["hash"])) if head else (0, GENESIS)
        if head:
            curs.execute(self._select_state, (head["notification_id"],))
            last = curs.fetchone()
            stored = None if last is None else bytes(last["state"])
            if self.recorded_times.backwards(stored, first_state):
                # Stamped before another writer's events committed: stamped again.
                raise RecordedTooEarly("recorded before the last stored event")
        positions, hashes = [], []
        for digest in digests:
            position += 1
            previous = link(position, previous, digest)
            positions.append(position)
            hashes.append(previous)
        curs.execute(self._insert_chain, (positions, list(ids), hashes))

    def scan(self, after: int, limit: int) -> list[tuple[int, str, int, str, bytes]]:
        """Rows after notification id ``after`` as plain tuples, as the SQLite recorder's
        (``asfledger.history.rows_after``): binary results, no dicts, no UUID objects."""
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row
                                                                  ) as curs:
            curs.execute(self._scan, (after, limit), binary=True)
            rows: list[tuple[int, str, int, str, bytes]] = curs.fetchall()
            return rows

    def first_states(self, originator_ids: Sequence[UUID | str]
                     ) -> dict[UUID | str, tuple[str, bytes]]:
        """See ``ChainedRecorder.first_states``: one query for all the ids."""
        given = {(i.hex if isinstance(i, UUID) else i.replace("-", "")): i
                 for i in originator_ids}
        if not given:
            return {}
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row
                                                                  ) as curs:
            curs.execute(self._first_states, (list(given),), binary=True)
            return {given[key]: (topic, state) for key, topic, state in curs.fetchall()}

    def worker_source(self, page: int) -> Source:
        """Where a second process reads the events itself (``asfledger.audit.worker``):
        this database, through a server-side cursor; the worker starts without site
        packages, so it is told where psycopg is."""
        kwargs = cast(dict[str, Any], self.datastore.pool.kwargs)
        conninfo = make_conninfo(**{key: str(kwargs[key]) for key in
                                    ("dbname", "host", "port", "user", "password")
                                    if kwargs.get(key)})
        return Source(POSTGRES_SOURCE + conninfo, self._events_name, page,
                      str(Path(psycopg.__file__).resolve().parents[1]))

    def select_chain(self, after: int, limit: int) -> list[ChainRow]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_chain, (after, limit))
            return [ChainRow(r["position"], r["notification_id"], bytes(r["hash"]))
                    for r in curs.fetchall()]

    def chain_rows(self, after: int, limit: int) -> list[tuple[int, int, bytes]]:
        """``select_chain`` as plain tuples (the trust check reads the whole chain)."""
        with self.datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row
                                                                  ) as curs:
            curs.execute(self._select_chain, (after, limit), binary=True)
            rows: list[tuple[int, int, bytes]] = curs.fetchall()
            return rows

    def chain_size(self) -> int:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_chain_size)
            row = curs.fetchone()
            return int(row["size"] or 0) if row else 0

    def ledger_id(self) -> str:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_ledger_id)
            row = curs.fetchone()
            return str(row["value"]) if row else ""

    def meta(self, key: str) -> str | None:
        """A value of the ledger's ``asfledger_meta`` table (not chained: see SECURITY.md)."""
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_meta, (key,))
            row = curs.fetchone()
            return None if row is None else str(row["value"])

    def set_meta(self, key: str, value: str, *, replace: bool = False) -> None:
        """Write a meta value; without ``replace`` an existing value is kept."""
        with self.datastore.transaction(commit=True) as curs:
            curs.execute(self._replace_meta if replace else self._insert_meta, (key, value))


class _PostgresBulk:
    def __init__(self, recorder: ChainedPostgresApplicationRecorder, curs: Cursor[DictRow],
                 head: DictRow | None) -> None:
        self._recorder = recorder
        self._curs = curs
        self.empty = head is None
        self._position: int = head["position"] if head else 0
        self._previous: bytes = bytes(head["hash"]) if head else GENESIS
        self._id_type = recorder.datastore.originator_id_type

    def write(self, stored_events: Sequence[StoredEvent],
              rewrites: Sequence[Rewrite] = ()) -> list[int]:
        if rewrites:
            self._recorder._rewrite(self._curs, rewrites)
        if not stored_events:
            return []
        recorder, curs = self._recorder, self._curs
        # Ids from the table's own sequence (as a default would take them), so the rows
        # can be copied with them; sorted, they are in the order of the events.
        curs.execute(recorder._next_ids, (len(stored_events),))
        ids = sorted(row["id"] for row in curs.fetchall())
        with curs.copy(recorder._copy_events) as copy:
            copy.set_types([self._id_type, "int8", "text", "bytea", "int8"])
            write_row = copy.write_row
            for s, notification_id in zip(stored_events, ids, strict=True):
                write_row((s.originator_id, s.originator_version, s.topic, s.state,
                           notification_id))
        position, previous = self._position, self._previous
        with curs.copy(recorder._copy_chain) as copy:
            copy.set_types(["int8", "int8", "bytea"])
            write_row = copy.write_row
            for s, notification_id in zip(stored_events, ids, strict=True):
                position += 1
                previous = link(position, previous, event_digest(
                    s.topic, s.originator_id, s.originator_version, s.state))
                write_row((position, notification_id, previous))
        self._position, self._previous = position, previous
        return ids

    def events_of(self, originator_id: UUID) -> list[StoredEvent]:
        self._curs.execute(self._recorder._events_of, (originator_id,))
        return [StoredEvent(originator_id, row["originator_version"], row["topic"],
                            bytes(row["state"])) for row in self._curs.fetchall()]
