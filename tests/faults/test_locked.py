"""A ledger locked by another program (SPEC §3: "locked" is exit 3).

A writer waits for the lock up to the lock timeout (5 s, ``SQLITE_LOCK_TIMEOUT`` and
``POSTGRES_LOCK_TIMEOUT``), then gives up with one sentence saying the ledger is locked,
having written nothing; when the lock is released in time, the import goes through.
Readers (auditors) are not blocked by a writer.
"""

from __future__ import annotations

import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest

from asfledger.ledger import Ledger
from asfledger.storage import LOCK_TIMEOUT_S, StorageError
from tests.domain.builders import plan_activity

from .harness import (
    REPO,
    TIMEOUT,
    asfledger,
    asfledger_argv,
    assert_consistent,
    assert_one_sentence,
    snapshot,
    write_jsonl,
)


@pytest.fixture
def ledger_file(tmp_path: Path) -> str:
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="base") as ledger:
        ledger.execute([plan_activity("AKT-1"), plan_activity("AKT-2")])
    return db


@contextmanager
def sqlite_exclusive(db: str) -> Iterator[sqlite3.Connection]:
    """Another program's write transaction on the ledger file, held until the block ends."""
    conn = sqlite3.connect(db, isolation_level=None)
    try:
        conn.execute("BEGIN EXCLUSIVE")
        yield conn
    finally:
        conn.close()  # rolls back


def assert_locked_message(stderr: str, where: str) -> None:
    assert_one_sentence(stderr)
    assert "is locked" in stderr and where in stderr and "nothing was written" in stderr, \
        stderr


def test_an_import_into_a_locked_sqlite_ledger_waits_then_exits_3(
        ledger_file: str, tmp_path: Path) -> None:
    one = write_jsonl(tmp_path / "one.jsonl", [plan_activity("AKT-3")])
    before = snapshot(ledger_file)
    with sqlite_exclusive(ledger_file):
        started = time.monotonic()
        done = asfledger(ledger_file, "import", one)
        waited = time.monotonic() - started
        # An auditor can still read while another program writes.
        read = asfledger(ledger_file, "audit", "verify")
    assert done.returncode == 3, done
    assert_locked_message(done.stderr, ledger_file)
    assert waited >= LOCK_TIMEOUT_S - 0.5, f"gave up after {waited:.1f} s, before the timeout"
    assert read.returncode == 0 and read.stdout.startswith("verified: 2 events"), read
    assert snapshot(ledger_file) == before
    assert_consistent(ledger_file)


def test_a_locked_ledger_is_said_in_swedish_to_a_swedish_user(
        ledger_file: str, tmp_path: Path) -> None:
    one = write_jsonl(tmp_path / "one.jsonl", [plan_activity("AKT-3")])
    before = snapshot(ledger_file)
    with sqlite_exclusive(ledger_file):
        done = asfledger(ledger_file, "import", "--lang", "sv", one)
    assert done.returncode == 3, done
    assert done.stderr == (
        f"lagringsfel: liggaren på {ledger_file} är låst: ett annat program skriver till den "
        f"(väntade {LOCK_TIMEOUT_S} s); inget skrevs, försök igen när det är klart\n")
    assert snapshot(ledger_file) == before


def test_an_import_waits_for_a_lock_released_before_the_timeout(
        ledger_file: str, tmp_path: Path) -> None:
    one = write_jsonl(tmp_path / "one.jsonl", [plan_activity("AKT-3")])
    with sqlite_exclusive(ledger_file) as holder:
        process = subprocess.Popen(asfledger_argv(ledger_file, "import", one), cwd=REPO,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            time.sleep(1.5)
            assert process.poll() is None, process.communicate()  # still waiting
            holder.execute("ROLLBACK")
            out, err = process.communicate(timeout=TIMEOUT)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    assert process.returncode == 0, err
    assert out.startswith("applied 1 command, 1 event"), out
    assert assert_consistent(ledger_file).size == 3


def test_a_locked_postgres_ledger_is_exit_3_after_the_timeout_not_ten(
        postgres_db: str, tmp_path: Path) -> None:
    """On opening (the tables' DDL waits for the lock) and on writing (eventsourcing
    retries a failed insert ten times, a lock timeout must not be)."""
    schema = postgres_db.rsplit("schema=", 1)[1]
    with Ledger(postgres_db, actor="base") as ledger:
        ledger.execute([plan_activity("AKT-1")])
    before = snapshot(postgres_db)
    one = write_jsonl(tmp_path / "one.jsonl", [plan_activity("AKT-2")])
    opened = Ledger(postgres_db, actor="open")
    try:
        with psycopg.connect(postgres_db.split("?", 1)[0]) as holder:
            holder.execute(f'LOCK TABLE "{schema}".asfledger_events IN EXCLUSIVE MODE')
            started = time.monotonic()
            process = subprocess.Popen(asfledger_argv(postgres_db, "import", one), cwd=REPO,
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True)
            try:
                with pytest.raises(StorageError) as raised:
                    opened.execute([plan_activity("AKT-3")])
                in_process = time.monotonic() - started
                _, err = process.communicate(timeout=TIMEOUT)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait(timeout=10)
            waited = time.monotonic() - started
            holder.rollback()
    finally:
        opened.close()
    assert process.returncode == 3, err
    assert_locked_message(err, "postgresql://")
    assert "is locked" in str(raised.value)
    assert LOCK_TIMEOUT_S - 0.5 <= in_process < 3 * LOCK_TIMEOUT_S, in_process
    assert waited < 4 * LOCK_TIMEOUT_S, waited
    assert snapshot(postgres_db) == before
