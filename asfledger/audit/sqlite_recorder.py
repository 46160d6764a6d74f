"""SQLite recorder that writes the audit chain in the same transaction as the events.

Each stored event gets a row (position, notification id, hash) in ``asfledger_chain``.
SQLite holds the write lock from the first insert to the commit, so reading the chain's
head inside the transaction is safe against other writers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import (
    OperationalError,
    PersistenceError,
    RecordConflictError,
    StoredEvent,
)
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteDatastore

from asfledger.audit.chain import (
    CHAIN_TABLE,
    GENESIS,
    META_TABLE,
    READMODEL_TABLE,
    event_digest,
    extend,
)
from asfledger.audit.chain_store import ChainRow
from asfledger.audit.trust import RecordedTimes, RecordedTooEarly
from asfledger.audit.worker import Source
from asfledger.bulk import BulkWriter
from asfledger.storage import keep_journal_mode, read_only_uri

if TYPE_CHECKING:
    from asfledger.redaction import Rewrite, StoredAt


FIRST_STATES_BATCH = 500  # ids in one ``IN (…)`` (SQLite allows 32,766 parameters)


class ChainedSQLiteApplicationRecorder(SQLiteApplicationRecorder):
    recorded_times = RecordedTimes()  # the ledger sets its own (with its cipher)

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        keep_journal_mode(datastore.pool)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} (position INTEGER PRIMARY KEY, "
            "notification_id INTEGER NOT NULL UNIQUE, hash BLOB NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT)",
            # The ledger's identity, made once when the ledger is created.
            f"INSERT OR IGNORE INTO {META_TABLE} VALUES ('ledger_id', "
            "lower(hex(randomblob(16))))",
        ]

    def create_table(self) -> None:
        """Create the tables in a transaction that takes the write lock first.

        eventsourcing's plain ``BEGIN`` reads the schema, then needs the write lock for the
        ledger's identity row; SQLite refuses such an upgrade at once ("database is
        locked") when another program is writing, without waiting. ``BEGIN IMMEDIATE``
        waits for the lock up to SQLITE_LOCK_TIMEOUT like every other write.
        """
        with self.datastore.get_connection(commit=True) as conn:
            c = conn.cursor()
            try:
                c.execute("BEGIN IMMEDIATE")
                try:
                    self._create_table(c)
                    conn.commit()
                except BaseException:
                    conn.rollback()
                    raise
            except sqlite3.OperationalError as e:
                raise OperationalError(e) from e
            except sqlite3.Error as e:
                raise PersistenceError(e) from e

    def scan(self, after: int, limit: int) -> list[tuple[int, str, int, str, bytes]]:
        """Rows after notification id ``after`` as plain tuples (the replay's fast path:
        no per-row objects or UUID parsing, which cost more than the decoding)."""
        with self.datastore.transaction(commit=False) as c:
            plain = c.sqlite_cursor.connection.cursor()
            plain.row_factory = None  # tuples, not sqlite3.Row: half the cost per row
            try:
                plain.execute(f"SELECT rowid, originator_id, originator_version, topic, "
                              f"CAST(state AS BLOB) "
                              f"FROM {self.events_table_name} WHERE rowid > ? "
                              f"ORDER BY rowid LIMIT ?", (after, limit))
                rows: list[tuple[int, str, int, str, bytes]] = plain.fetchall()
                return rows
            finally:
                plain.close()

    def first_states(self, originator_ids: Sequence[UUID | str]
                     ) -> dict[UUID | str, tuple[str, bytes]]:
        """See ``ChainedRecorder.first_states``: the ids are stored as 32 hex digits."""
        given = {(i.hex if isinstance(i, UUID) else i.replace("-", "")): i
                 for i in originator_ids}
        found: dict[UUID | str, tuple[str, bytes]] = {}
        keys = list(given)
        with self.datastore.transaction(commit=False) as c:
            plain = c.sqlite_cursor.connection.cursor()
            plain.row_factory = None
            try:
                for start in range(0, len(keys), FIRST_STATES_BATCH):
                    batch = keys[start:start + FIRST_STATES_BATCH]
                    # Highest version first: the lowest (the first event) is kept.
                    plain.execute(f"SELECT originator_id, topic, CAST(state AS BLOB) "
                                  f"FROM {self.events_table_name} WHERE originator_id IN "
                                  f"({','.join('?' * len(batch))}) AND originator_version "
                                  f"<= 1 ORDER BY originator_version DESC", batch)
                    for key, topic, state in plain.fetchall():
                        found[given[key]] = (topic, state)
            finally:
                plain.close()
        return found

    def worker_source(self, page: int) -> Source | None:
        """Where a second process reads the events itself (``asfledger.audit.worker``): this
        file, read-only; None for a ledger in memory."""
        pool = self.datastore.pool
        if pool.is_sqlite_memory_mode:
            return None
        name = pool.db_name
        uri = name if name.startswith("file:") else read_only_uri(Path(name))
        return Source(uri, self.events_table_name, page)

    def select_chain(self, after: int, limit: int) -> list[ChainRow]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT position, notification_id, hash FROM {CHAIN_TABLE} "
                      "WHERE position > ? ORDER BY position LIMIT ?", (after, limit))
            return [ChainRow(r[0], r[1], bytes(r[2])) for r in c.fetchall()]

    def chain_rows(self, after: int, limit: int) -> list[tuple[int, int, bytes]]:
        """``select_chain`` as plain tuples (the trust check reads the whole chain)."""
        with self.datastore.transaction(commit=False) as c:
            plain = c.sqlite_cursor.connection.cursor()
            plain.row_factory = None  # tuples, not sqlite3.Row
            try:
                plain.execute(f"SELECT position, notification_id, hash FROM {CHAIN_TABLE} "
                              "WHERE position > ? ORDER BY position LIMIT ?", (after, limit))
                rows: list[tuple[int, int, bytes]] = plain.fetchall()
                return rows
            finally:
                plain.close()

    def chain_size(self) -> int:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT max(position) FROM {CHAIN_TABLE}")
            row = c.fetchone()
            return int(row[0] or 0) if row else 0

    def ledger_id(self) -> str:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'ledger_id'")
            row = c.fetchone()
            return str(row[0]) if row else ""

    def meta(self, key: str) -> str | None:
        """A value of the ledger's ``asfledger_meta`` table (not chained: see SECURITY.md)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT value FROM {META_TABLE} WHERE key = ?", (key,))
            row = c.fetchone()
            return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str, *, replace: bool = False) -> None:
        """Write a meta value; without ``replace`` an existing value is kept."""
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"{verb} INTO {META_TABLE} VALUES (?, ?)", (key, value))

    @contextmanager
    def _bulk(self) -> Iterator[BulkWriter]:
        with self.datastore.get_connection(commit=True) as conn:
            cursor = conn.cursor()
            # The write lock first (waited for up to the lock timeout, like every write):
            # the head read next cannot move until the commit.
            cursor.execute("BEGIN IMMEDIATE")
            try:
                yield _SQLiteBulk(self, cursor)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
            finally:
                cursor.sqlite_cursor.close()

    def bulk(self, chunk: int) -> AbstractContextManager[BulkWriter] | None:
        """See ``asfledger.bulk``. None in memory, where a reader waits for the writer."""
        return None if self.datastore.pool.is_sqlite_memory_mode else self._bulk()

    def _insert_events(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent],
                       **kwargs: Any) -> Sequence[int] | None:
        ids = super()._insert_events(c, stored_events, **kwargs)
        assert ids is not None
        c.execute(f"SELECT position, hash, notification_id FROM {CHAIN_TABLE} "
                  "ORDER BY position DESC LIMIT 1")
        head = c.fetchone()
        position, previous = (head[0], bytes(head[1])) if head else (0, GENESIS)
        if head and stored_events:
            c.execute(f"SELECT CAST(state AS BLOB) FROM {self.events_table_name} "
                      "WHERE rowid = ?", (head[2],))
            last = c.fetchone()
            if self.recorded_times.backwards(last and bytes(last[0]), stored_events[0].state):
                # Stamped before another writer's events committed: stamped again.
                raise RecordedTooEarly("recorded before the last stored event")
        rows = extend(position, previous, [
            (i, s.topic, s.originator_id, s.originator_version, s.state)
            for i, s in zip(ids, stored_events, strict=True)])
        c.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?, ?)", rows)
        rewrites = kwargs.get("rewrites")
        if rewrites:
            self._rewrite(c, rewrites)
        return ids

    def _rewrite(self, c: SQLiteCursor, rewrites: Sequence[Rewrite]) -> None:
        """Redactions (``asfledger.redaction``), in the transaction that records them: each
        row must still have the digest the redaction names. The saved read models were
        built from what is no longer there: they are dropped, and rebuilt when next read."""
        for rewrite in rewrites:
            c.execute(f"SELECT topic, originator_id, originator_version, CAST(state AS BLOB) "
                      f"FROM {self.events_table_name} WHERE rowid = ?",
                      (rewrite.notification_id,))
            row = c.fetchone()
            if row is None or event_digest(row[0], row[1], row[2], bytes(row[3])) != \
                    rewrite.digest:
                raise RecordConflictError("the redacted event changed since it was read")
            c.execute(f"UPDATE {self.events_table_name} SET state = ? WHERE rowid = ?",
                      (rewrite.state, rewrite.notification_id))
        c.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                  (READMODEL_TABLE,))
        if c.fetchone() is not None:
            c.execute(f"DELETE FROM {READMODEL_TABLE}")

    def stored_at(self, position: int) -> StoredAt | None:
        """The stored event at a position of the chain (for a redaction)."""
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT s.rowid, s.originator_id, s.originator_version, s.topic, "
                      f"CAST(s.state AS BLOB) FROM {CHAIN_TABLE} h JOIN "
                      f"{self.events_table_name} s ON s.rowid = h.notification_id "
                      "WHERE h.position = ?", (position,))
            row = c.fetchone()
        from asfledger.redaction import StoredAt

        return None if row is None else StoredAt(row[0], row[1], row[2], row[3],
                                                  bytes(row[4]))


class _SQLiteBulk:
    def __init__(self, recorder: ChainedSQLiteApplicationRecorder, cursor: SQLiteCursor) -> None:
        self._recorder = recorder
        self._cursor = cursor
        cursor.execute(f"SELECT 1 FROM {CHAIN_TABLE} LIMIT 1")
        self.empty = cursor.fetchone() is None

    def write(self, stored_events: Sequence[StoredEvent],
              rewrites: Sequence[Rewrite] = ()) -> list[int]:
        ids = self._recorder._insert_events(self._cursor, stored_events, rewrites=rewrites)
        assert ids is not None
        return list(ids)

    def events_of(self, originator_id: UUID) -> list[StoredEvent]:
        cursor = self._cursor.sqlite_cursor
        cursor.execute(f"SELECT originator_version, topic, state FROM "
                       f"{self._recorder.events_table_name} WHERE originator_id = ? "
                       "ORDER BY originator_version", (originator_id.hex,))
        return [StoredEvent(originator_id, version, topic, state)
                for version, topic, state in cursor.fetchall()]
