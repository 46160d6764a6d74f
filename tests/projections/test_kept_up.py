"""The writers keep the saved read models caught up (``asfledger.readmodels.recorded``).

The claim: after every write through the ``Ledger`` (an import, the demo, a form) the
dashboard's read model is saved at the ledger's head, its tracking record says so, and its
state is the same, byte for byte, as the model folded from the whole history. It is fed
the new events from memory when it was saved right before them, and caught up from the
store when it was not (never saved, left behind, another writer in between). What goes
wrong there after the commit never fails or undoes the write: the model stays where it
was and the next reader catches it up from its tracking position. On SQLite and
PostgreSQL.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import asfledger.readmodels as readmodels
from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from asfledger.readmodels import KEPT_UP, catch_up, rebuild, store_of, tracking_name
from asfledger.security import generate_key
from domain import commands as c
from projections.dashboard import DashboardState, fold

TODAY = date(2026, 6, 30)  # a fixed day: the demo histories are the same on any day
HISTORY = demo_commands(2, 3, today=TODAY)  # 328 commands


def from_scratch(ledger: Ledger) -> bytes:
    """The dashboard folded from the whole history, without any saved state."""
    return fold(ledger_events(ledger.store, cipher=ledger.cipher)).to_bytes()


def batches(commands: list[c.Command], sizes: list[int]) -> Iterator[list[c.Command]]:
    start = 0
    for size in sizes:
        if start >= len(commands):
            return
        yield commands[start:start + size]
        start += size
    if start < len(commands):
        yield commands[start:]


def assert_saved_at_head(ledger: Ledger) -> None:
    """The saved dashboard is at the ledger's head (its own record and eventsourcing's
    tracking record) and equals the dashboard folded from the whole history."""
    saved = store_of(ledger).load(DashboardState.name)
    assert saved is not None
    assert saved.head.position == ledger.head()
    assert saved.head.notification_id == ledger.store.max_notification_id()
    assert store_of(ledger).max_tracking_id(tracking_name(DashboardState.name)) == (
        ledger.store.max_notification_id())
    cipher = ledger.cipher
    state = saved.state if cipher is None else cipher.decrypt(saved.state)
    assert state == from_scratch(ledger)
    assert rebuild(ledger, DashboardState).model.to_bytes() == state


@pytest.fixture
def read_back(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Each time a writer had to read the history back from the store (``catch_up``)."""
    calls: list[str] = []
    real = readmodels.catch_up

    def counted(ledger: Ledger, kind: Any, **kwargs: Any) -> Any:
        calls.append(kind.name)
        return real(ledger, kind, **kwargs)

    monkeypatch.setattr(readmodels, "catch_up", counted)
    return calls


def test_the_dashboard_is_kept_up() -> None:
    assert DashboardState in KEPT_UP


# (a) Kept up after every write, equal to the fold of the whole history ------------------

def assert_kept_up_after_every_batch(db: str, commands: list[c.Command],
                                     sizes: list[int]) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        for batch in batches(commands, sizes):
            ledger.execute(batch)
            assert_saved_at_head(ledger)
            caught = catch_up(ledger, DashboardState)
            assert caught.fed == 0 and not caught.rebuilt  # a reader has nothing to do


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture])
@given(years=st.integers(1, 2), seed=st.integers(0, 10_000),
       sizes=st.lists(st.integers(1, 150), min_size=1, max_size=6))
def test_kept_up_after_every_write_equals_folded_from_scratch(
        years: int, seed: int, sizes: list[int]) -> None:
    commands = demo_commands(years, seed, today=TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        assert_kept_up_after_every_batch(str(Path(tmp) / "ledger.sqlite"), commands, sizes)


def test_kept_up_after_every_write_on_postgres(postgres_db: str) -> None:
    assert_kept_up_after_every_batch(postgres_db, HISTORY, [1, 7, 40, 3, 90])


def test_a_write_right_after_the_saved_position_reads_nothing_back(
        db: str, read_back: list[str]) -> None:
    """The first write into an empty ledger and every write after it are fed from memory:
    the history is not read back and decoded, which is what keeps an import fast."""
    with Ledger(db, actor="coordinator") as ledger:
        for batch in batches(HISTORY, [200, 1, 60]):
            ledger.execute(batch)
        assert read_back == []
        assert_saved_at_head(ledger)


def test_a_dry_run_saves_nothing(db: str) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[:50], dry_run=True)
        assert store_of(ledger).load(DashboardState.name) is None
        ledger.execute(HISTORY[:50])
        saved = store_of(ledger).load(DashboardState.name)
        ledger.execute(HISTORY[50:], dry_run=True)
        assert store_of(ledger).load(DashboardState.name) == saved
        assert ledger.head() == (saved.head.position if saved else -1)


# (b) A model that is not right before the new events: caught up from the store ---------

def test_a_model_left_behind_is_caught_up_from_the_store_at_the_next_write(
        db: str, read_back: list[str]) -> None:
    with Ledger(db, actor="old release", keep_read_models=False) as old:
        old.execute(HISTORY[:80])  # a ledger written before writers kept the models up
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[80:160])
        assert read_back == ["dashboard"]
        assert_saved_at_head(ledger)
    with Ledger(db, actor="old release", keep_read_models=False) as old:
        old.execute(HISTORY[160:240])  # another writer, in between
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[240:])
        assert read_back == ["dashboard", "dashboard"]
        assert_saved_at_head(ledger)


def test_a_saved_model_of_an_old_version_is_rebuilt_at_the_next_write(db: str) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[:100])
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None
        store_of(ledger).save(DashboardState.name, DashboardState.version - 1, saved.head,
                              b"what an old release kept", replace=True)
        ledger.execute(HISTORY[100:])
        again = store_of(ledger).load(DashboardState.name)
        assert again is not None and again.version == DashboardState.version
        assert_saved_at_head(ledger)


def test_an_encrypted_ledger_is_kept_up_encrypted(tmp_path: Path) -> None:
    key = generate_key(tmp_path / "ledger.key")
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="coordinator.name", key_file=key) as ledger:
        for batch in batches(HISTORY, [150, 150]):
            ledger.execute(batch)
            assert_saved_at_head(ledger)
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None and b"coordinator.name" not in saved.state


# (c) What fails after the commit never fails the write ----------------------------------

def test_a_read_model_that_cannot_be_saved_does_not_fail_the_write(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[:100])
        before = store_of(ledger).load(DashboardState.name)
        assert before is not None

        def full(*args: Any, **kwargs: Any) -> bool:
            raise OSError("disk full")

        with monkeypatch.context() as patch:
            patch.setattr(type(store_of(ledger)), "save", full)
            applied = ledger.execute(HISTORY[100:])
        assert applied.events > 0
        assert ledger.head() == before.head.position + applied.events  # the events stand
        assert store_of(ledger).load(DashboardState.name) == before  # the model stayed
        assert store_of(ledger).max_tracking_id(tracking_name(DashboardState.name)) == (
            before.head.notification_id)
        # The next reader catches up from the tracking position: only the new events.
        caught = catch_up(ledger, DashboardState)
        assert caught.fed == applied.events and not caught.rebuilt and caught.saved
        assert_saved_at_head(ledger)


def test_a_read_model_that_fails_to_fold_does_not_fail_the_write(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[:100])
        head = ledger.head()

        def broken(self: DashboardState, event: Any) -> None:
            raise KeyError("a bug in a projection")

        with monkeypatch.context() as patch:
            patch.setattr(DashboardState, "feed", broken)
            applied = ledger.execute(HISTORY[100:])
        assert ledger.head() == head + applied.events
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None and saved.head.position == head
        assert catch_up(ledger, DashboardState).fed == applied.events
        assert_saved_at_head(ledger)


# (d) Readers that may not write: in memory, from the saved state if they may read it ----

def test_a_read_only_open_of_a_stale_model_catches_up_in_memory(db: str) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[:100])
        saved = store_of(ledger).load(DashboardState.name)
    with Ledger(db, actor="old release", keep_read_models=False) as old:
        old.execute(HISTORY[100:])  # the saved model is now behind the history
    with Ledger(db, read_only=True) as auditor:
        caught = catch_up(auditor, DashboardState)
        assert saved is not None
        assert caught.fed == auditor.head() - saved.head.position > 0
        assert not caught.rebuilt and not caught.saved
        assert caught.model.to_bytes() == from_scratch(auditor)
        assert store_of(auditor).load(DashboardState.name) == saved


def test_a_postgres_role_that_may_read_only_the_events_folds_in_memory(
        postgres_db: str) -> None:
    """An auditor's role with SELECT on the ledger's tables but not on the read models
    (the grants of docs/SECURITY.md): the saved model cannot be read, the history can."""
    import uuid
    from urllib.parse import urlparse

    import psycopg

    from tests.conftest import POSTGRES_URL

    with Ledger(postgres_db, actor="coordinator") as ledger:
        ledger.execute(HISTORY)
        expected = from_scratch(ledger)
    schema = postgres_db.rsplit("schema=", 1)[1]
    role = f"asf_reader_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        conn.execute(f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"')
        conn.execute(f'GRANT SELECT ON "{schema}".asfledger_events, '
                     f'"{schema}".asfledger_chain, "{schema}".asfledger_meta TO "{role}"')
    server = urlparse(POSTGRES_URL)
    url = (f"postgresql://{role}@{server.hostname}:{server.port or 5432}{server.path}"
           f"?schema={schema}")
    try:
        with Ledger(url, read_only=True) as auditor:
            caught = catch_up(auditor, DashboardState)
            assert caught.rebuilt and not caught.saved and caught.fed == auditor.head()
            assert caught.model.to_bytes() == expected
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')
