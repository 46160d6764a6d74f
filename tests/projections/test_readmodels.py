"""Read models saved in the ledger and caught up incrementally (``asfledger.readmodels``).

The claim: a read model caught up a piece at a time (saved and loaded between pieces) is
the same, byte for byte, as the model folded from the whole history at once; it feeds only
what was recorded since it was saved; a new version of its code rebuilds it; a read-only
ledger is never written. On SQLite (a file in a tmp dir) and on PostgreSQL.

The writers here are opened with ``keep_read_models=False``, so that the models are left
behind the history and these tests see the readers catch them up; the writers that keep
them caught up themselves are tested in ``test_kept_up``.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import ClassVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from asfledger.readmodels import (
    READMODEL_TABLE,
    catch_up,
    rebuild,
    store_of,
    tracking_name,
)
from asfledger.security import generate_key
from domain import commands as c
from projections.dashboard import DashboardState, fold
from projections.events import LedgerEvent

TODAY = date(2026, 6, 30)  # a fixed day: the demo histories are the same on any day


def history(years: int, seed: int) -> list[c.Command]:
    return demo_commands(years, seed, today=TODAY)


HISTORY = history(1, 3)  # the examples' history: a year of a coordination association


def writer(db: str, actor: str = "coordinator") -> Ledger:
    """A ledger that records without keeping the saved read models caught up."""
    return Ledger(db, actor=actor, keep_read_models=False)


def from_scratch(ledger: Ledger) -> bytes:
    """The dashboard folded from the whole history, without any saved state."""
    return fold(ledger_events(ledger.store)).to_bytes()


def batches(commands: list[c.Command], sizes: list[int]) -> Iterator[list[c.Command]]:
    """``commands`` cut into consecutive batches of ``sizes`` (the last takes the rest)."""
    start = 0
    for size in sizes:
        if start >= len(commands):
            return
        yield commands[start:start + size]
        start += size
    if start < len(commands):
        yield commands[start:]


class Counted(DashboardState):
    """The dashboard, counting the events it is fed (across instances: loaded copies)."""

    fed: ClassVar[list[int]] = []

    def feed(self, event: LedgerEvent) -> None:
        Counted.fed.append(event.position)
        super().feed(event)


class NextVersion(DashboardState):
    """The dashboard as a new release would save it: its fold changed, its version too."""

    version: ClassVar[int] = DashboardState.version + 1


# (a) Incremental equals from scratch, after every step ---------------------------------

def assert_incremental_matches_scratch(db: str, commands: list[c.Command],
                                       sizes: list[int]) -> None:
    with writer(db) as ledger:
        for step, batch in enumerate(batches(commands, sizes)):
            before = ledger.head()
            ledger.execute(batch)
            caught = catch_up(ledger, DashboardState)  # loads the saved one, feeds, saves
            assert caught.head.position == ledger.head(), step
            assert caught.fed == ledger.head() - before, step
            assert caught.rebuilt == (before == 0), step
            assert caught.model.to_bytes() == from_scratch(ledger), step
            assert caught.saved or caught.fed == 0, step
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None and saved.head == caught.head
        # eventsourcing's own view of the position: its tracking record.
        assert store_of(ledger).max_tracking_id(tracking_name(DashboardState.name)) == (
            ledger.store.max_notification_id())
        assert rebuild(ledger, DashboardState).model.to_bytes() == caught.model.to_bytes()


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(years=st.integers(1, 2), seed=st.integers(0, 10_000),
       sizes=st.lists(st.integers(1, 120), min_size=1, max_size=8))
def test_caught_up_after_every_batch_equals_folded_from_scratch(
        years: int, seed: int, sizes: list[int]) -> None:
    commands = history(years, seed)
    with tempfile.TemporaryDirectory() as tmp:
        assert_incremental_matches_scratch(str(Path(tmp) / "ledger.sqlite"), commands, sizes)


# (b) The same on PostgreSQL --------------------------------------------------------------

def test_caught_up_after_every_batch_equals_folded_from_scratch_on_postgres(
        postgres_db: str) -> None:
    assert_incremental_matches_scratch(postgres_db, HISTORY, [1, 7, 40, 3, 90])


# (c) Saved across closing and reopening, fed only what is new ----------------------------

def test_a_saved_model_survives_reopening_and_feeds_only_new_events(db: str) -> None:
    half = len(HISTORY) // 2
    Counted.fed.clear()
    with writer(db) as ledger:
        ledger.execute(HISTORY[:half])
        first = catch_up(ledger, Counted)
        assert first.rebuilt and first.saved
        assert Counted.fed == list(range(1, ledger.head() + 1))
        saved_at = ledger.head()
    with writer(db) as ledger:  # reopened: nothing new
        Counted.fed.clear()
        again = catch_up(ledger, Counted)
        assert Counted.fed == [] and again.fed == 0 and not again.rebuilt
        assert again.model.to_bytes() == first.model.to_bytes()
        ledger.execute(HISTORY[half:])
    with writer(db) as ledger:  # reopened after another write
        Counted.fed.clear()
        later = catch_up(ledger, Counted)
        assert Counted.fed == list(range(saved_at + 1, ledger.head() + 1))
        assert later.fed == len(Counted.fed) > 0 and not later.rebuilt
        assert later.model.to_bytes() == from_scratch(ledger)
        # Events on aggregates created before the saved position are named by their keys.
        subjects = {d.subject for d in later.model.latest}
        assert not any(len(s) == 36 and s.count("-") == 4 for s in subjects), subjects


def test_a_model_held_in_memory_catches_up_from_itself(db: str) -> None:
    """``start``: a screen's model is fed what is new; it is not changed itself."""
    with writer(db) as ledger:
        ledger.execute(HISTORY[:50])
        held = catch_up(ledger, DashboardState)
        shown = held.model.to_bytes()
        ledger.execute(HISTORY[50:])
        newest = catch_up(ledger, DashboardState, start=held)
        assert newest.fed == ledger.head() - held.head.position
        assert held.model.to_bytes() == shown and newest.model is not held.model
        assert newest.model.to_bytes() == from_scratch(ledger)


def test_an_older_save_does_not_overwrite_a_newer_one(db: str) -> None:
    """Two processes catching up the same model: the tracking record only moves forward."""
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY[:30])
        older = catch_up(ledger, DashboardState)
        ledger.execute(HISTORY[30:60])
        newer = catch_up(ledger, DashboardState)
        store = store_of(ledger)
        assert not store.save(DashboardState.name, DashboardState.version, older.head,
                              older.model.to_bytes(), replace=False)
        saved = store.load(DashboardState.name)
        assert saved is not None and saved.head == newer.head
        assert saved.state == newer.model.to_bytes()


# (d) A new version rebuilds; so does a history that is not the one saved against -----

def test_a_version_bump_rebuilds_the_saved_model(db: str) -> None:
    with Ledger(db, actor="coordinator") as ledger:
        ledger.execute(HISTORY)
        old = catch_up(ledger, DashboardState)
        assert catch_up(ledger, DashboardState).fed == 0
        new = catch_up(ledger, NextVersion)
        assert new.rebuilt and new.fed == ledger.head() and new.saved
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None and saved.version == NextVersion.version
        assert new.model.to_bytes() == old.model.to_bytes()  # this fold did not change
        assert catch_up(ledger, NextVersion).fed == 0  # and it stays saved


def test_a_saved_model_not_in_the_ledgers_chain_is_rebuilt(sqlite_db: str) -> None:
    with Ledger(sqlite_db, actor="coordinator") as ledger:
        ledger.execute(HISTORY)
        catch_up(ledger, DashboardState)
    conn = sqlite3.connect(sqlite_db)
    with conn:
        conn.execute(f"UPDATE {READMODEL_TABLE} SET chain = zeroblob(32)")
    conn.close()
    with Ledger(sqlite_db, actor="coordinator") as ledger:
        again = catch_up(ledger, DashboardState)
        assert again.rebuilt and again.fed == ledger.head()
        assert again.model.to_bytes() == from_scratch(ledger)


# (e) Read-only: in memory, nothing written -----------------------------------------------

def files_of(directory: Path) -> dict[str, bytes]:
    """What is stored: the database files, and the write-ahead log if it holds anything
    (an SQLite reader of a WAL database may create an empty log and its index)."""
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())
            if not p.name.endswith("-shm") and not (p.name.endswith("-wal")
                                                    and p.stat().st_size == 0)}


def test_read_only_catch_up_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    with writer(str(db)) as ledger:
        ledger.execute(HISTORY[:40])
        catch_up(ledger, DashboardState)  # saved at 40 commands' events
        saved_at = ledger.head()
        ledger.execute(HISTORY[40:])
        head = ledger.head()
    before = files_of(tmp_path)
    with Ledger(str(db), read_only=True) as auditor:
        caught = catch_up(auditor, DashboardState)
        assert caught.fed == head - saved_at and not caught.saved and not caught.rebuilt
        assert caught.model.to_bytes() == from_scratch(auditor)
        rebuilt = rebuild(auditor, DashboardState)
        assert not rebuilt.saved and rebuilt.model.to_bytes() == caught.model.to_bytes()
    assert files_of(tmp_path) == before


def test_read_only_catch_up_saves_nothing(db: str) -> None:
    """The same as the tracking records see it, on SQLite and on PostgreSQL."""
    with writer(db) as ledger:
        ledger.execute(HISTORY[:40])
        saved_head = catch_up(ledger, DashboardState).head
        ledger.execute(HISTORY[40:])
    with Ledger(db, read_only=True) as auditor:
        store = store_of(auditor)
        before = store.load(DashboardState.name)
        caught = catch_up(auditor, DashboardState)
        assert caught.head.position == auditor.head() > saved_head.position
        assert not caught.saved and not rebuild(auditor, DashboardState).saved
        assert store.load(DashboardState.name) == before
        assert before is not None and before.head == saved_head
        assert store.max_tracking_id(tracking_name(DashboardState.name)) == (
            saved_head.notification_id)


def test_read_only_catch_up_of_a_ledger_without_saved_models(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    with writer(str(db)) as ledger:
        ledger.execute(HISTORY)
    before = files_of(tmp_path)
    with Ledger(str(db), read_only=True) as auditor:
        caught = catch_up(auditor, DashboardState)
        assert caught.rebuilt and not caught.saved and caught.fed == auditor.head()
    assert files_of(tmp_path) == before
    tables = {r[0] for r in sqlite3.connect(db).execute(
        "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert READMODEL_TABLE not in tables


# Encrypted ledgers -----------------------------------------------------------------------

def test_an_encrypted_ledgers_saved_model_is_encrypted(tmp_path: Path) -> None:
    key = generate_key(tmp_path / "ledger.key")
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="coordinator.name", key_file=key) as ledger:
        ledger.execute(HISTORY)
        caught = catch_up(ledger, DashboardState)
        saved = store_of(ledger).load(DashboardState.name)
        assert saved is not None
        plain = caught.model.to_bytes()
        last = caught.model.latest[-1]
        for secret in (last.actor.encode(), last.subject.encode()):
            assert secret in plain and secret not in saved.state
    with Ledger(db, actor="coordinator.name", key_file=key) as ledger:
        again = catch_up(ledger, DashboardState)
        assert again.fed == 0 and again.model.to_bytes() == plain
