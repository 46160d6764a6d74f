"""Shared fixtures: a real ledger on SQLite (a file in a tmp dir) and on PostgreSQL.

PostgreSQL tests use ``$ASFLEDGER_TEST_POSTGRES`` (default
``postgresql://postgres@127.0.0.1:5432/test``) and a fresh schema per test. Without a
server they skip and say why, unless ``$ASFLEDGER_REQUIRE_POSTGRES=1`` (set by .ci/run),
which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest

from asfledger.ledger import Ledger
from domain.clock import recording_with

POSTGRES_URL = os.environ.get("ASFLEDGER_TEST_POSTGRES",
                              "postgresql://postgres@127.0.0.1:5432/test")
REQUIRE_POSTGRES = os.environ.get("ASFLEDGER_REQUIRE_POSTGRES") == "1"


def _postgres_unavailable() -> str | None:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL, connect_timeout=3):
            return None
    except Exception as e:  # any failure to connect means: no server here
        return f"no PostgreSQL at {POSTGRES_URL}: {e}"


_PG_REASON = _postgres_unavailable()


def _postgres_schema() -> Iterator[str]:
    """A fresh schema for one test; its URL carries ``?schema=``; dropped afterwards."""
    if _PG_REASON is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here: {_PG_REASON}")
        pytest.skip(_PG_REASON)
    import psycopg

    schema = f"asf_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{POSTGRES_URL}?schema={schema}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    return str(tmp_path / "ledger.sqlite")


@pytest.fixture
def postgres_db() -> Iterator[str]:
    yield from _postgres_schema()


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The ledger location, once on SQLite and once on PostgreSQL (contract tests)."""
    if request.param == "sqlite":
        yield str(tmp_path / "ledger.sqlite")
    else:
        yield from _postgres_schema()


@pytest.fixture
def open_ledger(db: str) -> Iterator[Callable[..., Ledger]]:
    """Open (possibly several) ledgers on ``db``; all are closed after the test."""
    opened: list[Ledger] = []

    def _open(**kwargs: object) -> Ledger:
        ledger = Ledger(db, **kwargs)  # type: ignore[arg-type]
        opened.append(ledger)
        return ledger

    yield _open
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(open_ledger: Callable[..., Ledger]) -> Ledger:
    return open_ledger(actor="test")


# A test history that reaches past the real today (payments in 2027, a plan's actions
# completed in December) is recorded as if on a later day: a thing done may not lie after
# the day it is recorded (issue 16), and the tests must not depend on the day they run.
LATER = date(2031, 1, 1)


@contextmanager
def recorded_on(day: date = LATER) -> Iterator[None]:
    """Every event created inside is recorded at noon UTC on ``day``."""
    moment = datetime.combine(day, time(12), tzinfo=UTC)
    with recording_with(lambda: moment):
        yield
