"""Read models in the ledger's SQLite file (see ``asfledger.readmodels``)."""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import IntegrityError, OperationalError, Tracking
from eventsourcing.sqlite import SQLiteDatastore, SQLiteTrackingRecorder

from asfledger.history import ChainHead
from asfledger.readmodels.store import READMODEL_TABLE, Saved, tracking_name
from asfledger.storage import keep_journal_mode


class SQLiteReadModelRecorder(SQLiteTrackingRecorder):
    """Read models in the ledger's SQLite file, tracked in eventsourcing's ``tracking``."""

    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        keep_journal_mode(datastore.pool)

    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {READMODEL_TABLE} (name TEXT PRIMARY KEY, "
            "version INTEGER NOT NULL, notification_id INTEGER NOT NULL, "
            "position INTEGER NOT NULL, chain BLOB NOT NULL, state BLOB NOT NULL)",
        ]

    def load(self, name: str) -> Saved | None:
        try:
            with self.datastore.transaction(commit=False) as c:
                c.execute(f"SELECT version, notification_id, position, chain, state "
                          f"FROM {READMODEL_TABLE} WHERE name = ?", (name,))
                row = c.fetchone()
        except OperationalError:  # no table: a ledger no model was ever saved in
            return None
        if row is None:
            return None
        return Saved(row[0], ChainHead(row[1], row[2], bytes(row[3])), bytes(row[4]))

    def save(self, name: str, version: int, head: ChainHead, state: bytes, *,
             replace: bool) -> bool:
        """Save ``state`` at ``head`` with its tracking record, in one transaction.

        Without ``replace`` the tracking record must move forward (eventsourcing's
        single-row tracking refuses otherwise): when another process saved the same model
        further meanwhile, nothing is written and the answer is False.
        """
        try:
            with self.datastore.transaction(commit=True) as c:
                if replace:
                    c.execute("DELETE FROM tracking WHERE application_name = ?",
                              (tracking_name(name),))
                self._insert_tracking(c, Tracking(tracking_name(name), head.notification_id))
                c.execute(f"INSERT OR REPLACE INTO {READMODEL_TABLE} VALUES (?, ?, ?, ?, ?, ?)",
                          (name, version, head.notification_id, head.position, head.chain,
                           state))
        except IntegrityError:
            return False
        return True
