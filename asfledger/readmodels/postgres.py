"""Read models in the ledger's PostgreSQL schema (see ``asfledger.readmodels``)."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import IntegrityError, ProgrammingError, Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from psycopg.sql import SQL, Identifier

from asfledger.history import ChainHead
from asfledger.readmodels.store import READMODEL_TABLE, Saved, tracking_name


class PostgresReadModelRecorder(PostgresTrackingRecorder):
    """Read models in the ledger's PostgreSQL schema, tracked in ``asfledger_tracking``."""

    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        schema = Identifier(self.datastore.schema)
        table = SQL("{0}.{1}").format(schema, Identifier(READMODEL_TABLE))
        tracking = SQL("{0}.{1}").format(schema, Identifier(self.tracking_table_name))
        self.sql_create_statements.append(SQL(
            "CREATE TABLE IF NOT EXISTS {0} (name text PRIMARY KEY, version integer NOT NULL, "
            "notification_id bigint NOT NULL, position bigint NOT NULL, chain bytea NOT NULL, "
            "state bytea NOT NULL)").format(table))
        self._select = SQL("SELECT version, notification_id, position, chain, state FROM {0} "
                           "WHERE name = %s").format(table)
        self._delete_tracking = SQL("DELETE FROM {0} WHERE application_name = %s").format(
            tracking)
        self._upsert = SQL(
            "INSERT INTO {0} VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (name) DO UPDATE SET "
            "version = EXCLUDED.version, notification_id = EXCLUDED.notification_id, "
            "position = EXCLUDED.position, chain = EXCLUDED.chain, state = EXCLUDED.state"
        ).format(table)

    def load(self, name: str) -> Saved | None:
        try:
            with self.datastore.get_connection() as conn, conn.cursor() as curs:
                curs.execute(self._select, (name,))
                row = curs.fetchone()
        except ProgrammingError:  # no table: a ledger no model was ever saved in
            return None
        if row is None:
            return None
        return Saved(row["version"], ChainHead(row["notification_id"], row["position"],
                                               bytes(row["chain"])), bytes(row["state"]))

    def save(self, name: str, version: int, head: ChainHead, state: bytes, *,
             replace: bool) -> bool:
        """As ``SQLiteReadModelRecorder.save``."""
        try:
            with self.datastore.transaction(commit=True) as curs:
                if replace:
                    curs.execute(self._delete_tracking, (tracking_name(name),))
                self._insert_tracking(curs, Tracking(tracking_name(name), head.notification_id))
                curs.execute(self._upsert, (name, version, head.notification_id,
                                            head.position, head.chain, state))
        except IntegrityError:
            return False
        return True
