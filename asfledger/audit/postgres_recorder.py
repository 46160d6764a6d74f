"""PostgreSQL recorder that writes the audit chain in the same transaction as the events.

eventsourcing takes an EXCLUSIVE lock on the events table before inserting, so the chain's
head read inside the transaction cannot race another writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Identifier

from asfledger.audit.chain import CHAIN_TABLE, GENESIS, META_TABLE, ChainRow, extend


class ChainedPostgresApplicationRecorder(PostgresApplicationRecorder):
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
            "SELECT position, hash FROM {0} ORDER BY position DESC LIMIT 1").format(table)
        self._insert_chain = SQL("INSERT INTO {0} VALUES (%s, %s, %s)").format(table)

    def _fetch_ids_after_insert_events(self, curs: Cursor[DictRow],
                                       stored_events: Sequence[StoredEvent],
                                       **kwargs: Any) -> Sequence[int] | None:
        ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        assert ids is not None
        curs.execute(self._select_chain_head)
        head = curs.fetchone()
        position, previous = (head["position"], bytes(head["hash"])) if head else (0, GENESIS)
        rows = extend(position, previous, [
            (i, s.topic, s.originator_id, s.originator_version, s.state)
            for i, s in zip(ids, stored_events, strict=True)])
        curs.executemany(self._insert_chain, rows)
        return ids

    def select_chain(self, after: int, limit: int) -> list[ChainRow]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_chain, (after, limit))
            return [ChainRow(r["position"], r["notification_id"], bytes(r["hash"]))
                    for r in curs.fetchall()]

    def ledger_id(self) -> str:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._select_ledger_id)
            row = curs.fetchone()
            return str(row["value"]) if row else ""
