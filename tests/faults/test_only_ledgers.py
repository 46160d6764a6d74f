"""Only asfledger ledgers are written: a database is a ledger only if its ``asfledger_meta``
says so. Anything else is refused with exit 3, in one sentence, and left byte for byte as
it was. A ledger in rollback-journal mode opens and verifies, read-only too."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest
from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event

from tests.audit.trust_support import cli, filled

HISTORY = Path(__file__).parents[1] / "data" / "history-2024-2026.jsonl"


class Note(Aggregate):
    @event("Written")
    def __init__(self, text: str) -> None:
        self.text = text


def another_eventsourcing_app(path: Path) -> None:
    """Another program built on eventsourcing, with its default table ``stored_events``."""
    app: Application[UUID] = Application(env={
        "PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": str(path)})
    app.save(Note("buy milk"), Note("call the bank"))
    app.close()


def a_foreign_stored_events(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stored_events (line TEXT)")
    conn.execute("INSERT INTO stored_events VALUES ('not an event')")
    conn.commit()
    conn.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("make", [another_eventsourcing_app, a_foreign_stored_events],
                         ids=["another eventsourcing app", "a foreign stored_events"])
def test_a_database_that_is_not_a_ledger_is_refused_and_untouched(
        tmp_path: Path, make: Callable[[Path], None]) -> None:
    path = tmp_path / "other.sqlite"
    make(path)
    before = _sha256(path)
    files = sorted(p.name for p in tmp_path.iterdir())
    for command in (("import", str(HISTORY)), ("audit", "verify"), ("events",),
                    ("demo",), ("audit", "compliance")):
        code, out, err = cli("--db", str(path), *command)
        assert code == 3, (command, out, err)
        assert "not a ledger" in err and len(err.strip().splitlines()) == 1, err
        assert _sha256(path) == before, command
        assert sorted(p.name for p in tmp_path.iterdir()) == files  # no -wal, no -journal


@pytest.mark.parametrize("where", ["/dev/null", "/proc/self/status", "directory"])
def test_a_device_a_proc_file_or_a_directory_is_not_a_ledger(tmp_path: Path,
                                                            where: str) -> None:
    path = str(tmp_path) if where == "directory" else where
    for command in (("audit", "verify"), ("import", str(HISTORY))):
        code, out, err = cli("--db", path, *command)
        assert code == 3 and out == "", (where, command, err)
        assert len(err.strip().splitlines()) == 1


def test_a_ledger_in_rollback_journal_mode_opens_and_verifies(tmp_path: Path) -> None:
    path = tmp_path / "copy.sqlite"
    filled(str(path), 40)
    with sqlite3.connect(path) as conn:  # what `.dump | sqlite3 copy` or a backup leaves
        conn.execute("PRAGMA journal_mode=delete")
    path.chmod(0o444)  # and an auditor's copy, read-only
    try:
        before = _sha256(path)
        for command in (("audit", "verify"), ("events",), ("audit", "compliance"),
                        ("report", "board", "--period", "2025")):
            code, _out, err = cli("--db", str(path), *command)
            assert code == 0, (command, err)
        assert _sha256(path) == before
        assert path.read_bytes()[18:20] == b"\x01\x01"  # still rollback-journal mode
    finally:
        path.chmod(0o644)


def test_a_postgres_schema_with_a_foreign_events_table_is_not_a_ledger(
        postgres_db: str) -> None:
    import psycopg

    schema = postgres_db.split("schema=")[1]
    base = postgres_db.split("?")[0]
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE TABLE "{schema}".asfledger_events (line text)')
        conn.execute(f"INSERT INTO \"{schema}\".asfledger_events VALUES ('not an event')")

    def tables() -> list[str]:
        with psycopg.connect(base) as conn:
            return sorted(row[0] for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                (schema,)))

    before = tables()
    for command in (("import", str(HISTORY)), ("audit", "verify")):
        code, _out, err = cli("--db", postgres_db, *command)
        assert code == 3 and "not a ledger" in err, (command, err)
    assert tables() == before == ["asfledger_events"]
