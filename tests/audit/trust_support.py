"""Helpers for the trust tests: a small real history, and tampering done the way somebody
with database access would do it (SQL straight into the SQLite file or the PostgreSQL
schema), optionally recomputing the stored chain so that only checkpoints and recorded
times can tell."""

from __future__ import annotations

import io
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

from asfledger.audit.chain import CHAIN_TABLE, GENESIS, extend
from asfledger.cli import run
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from asfledger.storage import PG_EVENTS_TABLE, is_postgres

HISTORY = Path(__file__).parents[1] / "data" / "history-2024-2026.jsonl"
SQLITE_EVENTS = "stored_events"


def history(lines: int = 40) -> bytes:
    return b"".join(HISTORY.read_bytes().splitlines(keepends=True)[:lines])


def filled(db: str, lines: int = 40, **kwargs: Any) -> int:
    """A ledger at ``db`` with the first ``lines`` commands of the realistic history; its
    number of events."""
    with Ledger(db, actor="test", **kwargs) as ledger:
        import_bytes(ledger, history(lines))
        # R8: the years after the cut that have ended get their adopted action plan, so
        # that the cut history is compliant (the running year is open: only to review).
        from datetime import date

        from domain import commands as c
        from domain.aggregates import ActionPlan
        plans: list[c.Command] = []
        for y in range(2025, date.today().year):
            plan = ledger.get(ActionPlan, str(y))
            if plan is None:
                plans.append(c.DraftActionPlan(year=y,
                                               operations_plan_ref=f"Verksamhetsplan {y}"))
            if plan is None or not plan.is_adopted:
                plans += [c.HoldBoardMeeting(ref=f"STYR {y}-12-30", held_on=date(y, 12, 30),
                                             minutes_ref=f"Protokoll {y}:9"),
                          c.AdoptActionPlan(year=y, adopted_on=date(y, 12, 30),
                                            decision_ref=f"STYR {y}-12-30 §1")]
        if plans:
            ledger.execute(plans)
        return ledger.head()


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


class Tables:
    """SQL on the ledger's own tables, on SQLite or PostgreSQL, with rows in stored order
    as (id, originator id, version, topic, state)."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.pg = is_postgres(db)
        if self.pg:
            import psycopg

            url = urlparse(db)
            schema = parse_qs(url.query).get("schema", ["public"])[0]
            self.conn: Any = psycopg.connect(db.split("?")[0], autocommit=False)
            self.conn.execute(f'SET search_path TO "{schema}"')
            self.events, self.id_column, self.mark = PG_EVENTS_TABLE, "notification_id", "%s"
        else:
            self.conn = sqlite3.connect(db)
            self.events, self.id_column, self.mark = SQLITE_EVENTS, "rowid", "?"

    def sql(self, text: str, *params: Any) -> list[Any]:
        cursor = self.conn.execute(text.replace("?", self.mark), params)
        try:
            return list(cursor.fetchall())
        except Exception:  # a statement without rows
            return []

    def rows(self) -> list[tuple[int, Any, int, str, bytes]]:
        return [(r[0], r[1], r[2], r[3], bytes(r[4]) if not isinstance(r[4], str)
                 else r[4].encode()) for r in self.sql(
            f"SELECT {self.id_column}, originator_id, originator_version, topic, state "
            f"FROM {self.events} ORDER BY {self.id_column}")]

    def set_state(self, row_id: int, state: bytes) -> None:
        self.sql(f"UPDATE {self.events} SET state = ? WHERE {self.id_column} = ?",
                 state, row_id)

    def rechain(self) -> None:
        """Recompute the stored chain over the events as they are now (a careful forger)."""
        rows = self.rows()
        self.sql(f"DELETE FROM {CHAIN_TABLE}")
        for position, notification_id, digest in extend(0, GENESIS, [
                (r[0], r[3], r[1], r[2], r[4]) for r in rows]):
            self.sql(f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?, ?)", position,
                     notification_id, digest)

    def commit(self) -> None:
        self.conn.commit()
        self.conn.close()


def tamper(db: str, change: Callable[[Tables], None], *, rechain: bool = False) -> None:
    tables = Tables(db)
    try:
        change(tables)
        if rechain:
            tables.rechain()
    except BaseException:
        tables.conn.close()
        raise
    tables.commit()


def retimed(state: bytes, when: str) -> bytes:
    """``state`` with its recorded time replaced by ``when`` (27 characters,
    ``2025-03-01T10:00:00.000000Z``)."""
    assert len(when) == 27 and state.startswith(b'{"timestamp":"')
    return state[:14] + when.encode() + state[41:]
