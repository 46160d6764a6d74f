"""The benchmarks' PostgreSQL ledger is a copy of the cached SQLite one (issue 18): the same
events in the same order, its own chain verified and ending in the same head, kept in its
schema and reused while that head is the SQLite ledger's, copied again when it is not."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from asfledger.audit.verify import verify
from asfledger.history import stream
from asfledger.ledger import Ledger
from benchmarks import ledgers, pg_ledgers

EVENTS = 400


def _rows(db: str) -> list[tuple[str, str, int, bytes, bytes]]:
    with Ledger(db, actor="test", read_only=True) as ledger:
        return [(row.topic, str(row.originator_id).replace("-", ""), row.version, row.state,
                 row.chain) for row in stream(ledger.store)]


def test_the_copy_holds_the_same_chained_events_and_is_reused(
        postgres_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, schema = postgres_db.split("?schema=")
    copied = pg_ledgers.cached_postgres(url, tmp_path, EVENTS, schema=schema)
    assert copied == postgres_db
    assert "copied" in capsys.readouterr().out
    source = ledgers.cached_sqlite(tmp_path, EVENTS)
    original = _rows(source)
    assert len(original) >= EVENTS
    assert _rows(copied) == original  # the same events, and the same chain hash at each
    with Ledger(copied, actor="test", read_only=True) as ledger:
        assert verify(ledger.store).ok

    again = pg_ledgers.cached_postgres(url, tmp_path, EVENTS, schema=schema)
    assert again == copied
    assert "cached" in capsys.readouterr().out
    assert len(_rows(copied)) == len(original)  # not copied a second time


def test_a_schema_whose_chain_ends_elsewhere_is_copied_again(
        postgres_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url, schema = postgres_db.split("?schema=")
    pg_ledgers.cached_postgres(url, tmp_path, EVENTS, schema=schema)
    with psycopg.connect(url, autocommit=True) as conn:  # as a copy of another history
        conn.execute(f'DELETE FROM "{schema}".asfledger_chain WHERE position = '
                     f'(SELECT max(position) FROM "{schema}".asfledger_chain)')
    capsys.readouterr()
    pg_ledgers.cached_postgres(url, tmp_path, EVENTS, schema=schema)
    assert "copied" in capsys.readouterr().out
    assert _rows(postgres_db) == _rows(ledgers.cached_sqlite(tmp_path, EVENTS))
