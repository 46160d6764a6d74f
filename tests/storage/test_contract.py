"""The storage contract: what the ledger's two stores, SQLite and PostgreSQL, both do.

Every test runs once on each (the ``db`` fixture); a behaviour one store has and the other
lacks fails here. The history is ``every_command_once()``: each command of the vocabulary,
decided by the real guards. The domain's own tests decide in memory (tests/domain/memory.py);
the first test below is what makes that stand in for a store: the same commands give the
same events, in the same order, read back as the same aggregates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import time_machine

from asfledger.audit.pages import time_key
from asfledger.audit.verify import verify
from asfledger.history import rows_after, stream
from asfledger.ledger import CommandRefused, Ledger
from asfledger.security import KeyProblem, generate_key
from asfledger.storage import StorageError, is_postgres
from domain.aggregates import ActionPlan, Effort, LedgerAggregate, Partner, SupervisorFunding
from domain.clock import recording_with
from tests.audit.trust_support import Tables, tamper
from tests.domain import builders as b
from tests.domain.memory import MemoryLedger
from tests.security import support as security

HISTORY = b.every_command_once()


def _events_besides_one_per_command() -> int:
    """Decided in memory, the same guards: an agreement linked on its partner, a funding
    and an effort linked on theirs (business dates), money charged to an agreement (F1)."""
    memory = MemoryLedger(actor="test")
    memory.execute(HISTORY)
    return memory.head() - len(HISTORY)


EXTRA = _events_besides_one_per_command()
RECORDED_AT = ("_created_on", "_modified_on")  # when: differs between two runs


def _state(aggregate: LedgerAggregate | None) -> dict[str, Any]:
    assert aggregate is not None
    return {k: v for k, v in aggregate.__dict__.items() if k not in RECORDED_AT}


def _notifications(ledger: Ledger) -> list[Any]:
    return list(ledger.store.select_notifications(start=1, limit=10**6))


def _recorded_times(ledger: Ledger) -> list[datetime]:
    """The recorded time of every stored event, in stored order (a plain ledger)."""
    keys = [time_key(bytes(n.state)) for n in _notifications(ledger)]
    assert None not in keys
    return [datetime.fromisoformat(key.decode()) for key in keys if key is not None]


def _as_stored(db: str) -> bytes:
    """What a reader of the store sees: the file's bytes, or every row of the tables."""
    return security.stored_rows(db) if is_postgres(db) else security.file_bytes(db)


@pytest.fixture
def filled(db: str) -> Iterator[Ledger]:
    """The history on ``db``, in two batches."""
    with Ledger(db, actor="test") as ledger:
        ledger.execute(HISTORY[:20])
        ledger.execute(HISTORY[20:])
        yield ledger


# Append and read back -------------------------------------------------------------------

def _ticking() -> Callable[[], datetime]:
    """A clock one second further at each event: two runs record the same times."""
    seconds = count()
    return lambda: datetime(2026, 12, 1, tzinfo=UTC) + timedelta(seconds=next(seconds))


def test_events_are_stored_in_the_order_decided_and_read_back_as_decided(db: str) -> None:
    memory = MemoryLedger(actor="test")
    with recording_with(_ticking()):
        memory.execute(HISTORY[:20])
        memory.execute(HISTORY[20:])
    with Ledger(db, actor="test") as ledger, recording_with(_ticking()):
        ledger.execute(HISTORY[:20])
        ledger.execute(HISTORY[20:])

    with Ledger(db, actor="test") as reopened:  # a new process reads the same
        notifications = _notifications(reopened)
        assert [reopened.mapper.to_domain_event(n) for n in notifications] == memory.events
        for cls, key in [(Partner, b.ORG_A), (Partner, b.ORG_C), (Effort, "INS-1"),
                         (ActionPlan, "2026"), (SupervisorFunding, "HF-1")]:
            assert reopened.get(cls, key) == memory.get(cls, key)


def test_positions_count_the_events_and_notification_ids_only_rise(filled: Ledger) -> None:
    notifications = _notifications(filled)
    ids = [n.id for n in notifications]
    store = filled.store

    assert filled.head() == len(notifications) == len(HISTORY) + EXTRA == store.chain_size()
    assert ids == sorted(set(ids))
    assert filled.store.max_notification_id() == ids[-1]
    chain = store.select_chain(0, 10**6)
    assert [row.position for row in chain] == list(range(1, len(ids) + 1))
    assert [row.notification_id for row in chain] == ids


# Scan and page queries ------------------------------------------------------------------

@pytest.mark.parametrize("page", [1, 7, 1000])
def test_pages_of_notifications_and_of_rows_give_the_history_once_in_order(
        filled: Ledger, page: int) -> None:
    every = _notifications(filled)
    paged: list[Any] = []
    while batch := filled.store.select_notifications(
            start=(paged[-1].id + 1 if paged else 1), limit=page):
        assert len(batch) <= page
        paged += batch
    scanned: list[Any] = []
    while rows := rows_after(filled.store, scanned[-1][0] if scanned else 0, page):
        scanned += rows

    assert [n.id for n in paged] == [n.id for n in every]
    # The subject's id as SQLite stores it (hex), on PostgreSQL too; the state as bytes.
    assert scanned == [(n.id, n.originator_id.hex, n.originator_version, n.topic,
                        bytes(n.state)) for n in every]
    assert all(type(row[4]) is bytes for row in scanned)


def test_the_history_streams_with_positions_and_the_stored_chain(filled: Ledger) -> None:
    chain = filled.store.select_chain(0, 10**6)
    store = filled.store

    streamed = list(stream(filled.store, page=5))

    assert [(r.position, r.notification_id, r.chain) for r in streamed] == [
        (row.position, row.notification_id, row.hash) for row in chain]
    for position in (1, len(chain)):
        found = store.stored_at(position)
        assert found is not None
        assert (found.notification_id, found.topic, bytes(found.state)) == (
            streamed[position - 1].notification_id, streamed[position - 1].topic,
            streamed[position - 1].state)
    assert store.stored_at(len(chain) + 1) is None


def test_the_first_events_of_many_subjects_are_read_at_once_by_the_id_as_given(
        filled: Ledger) -> None:
    every = _notifications(filled)
    first = {n.originator_id: n for n in reversed(every)}  # each subject's lowest version
    ids = list(first)
    asked: list[Any] = [i.hex for i in ids[::2]] + ids[1::2]  # as the scan gives, or UUIDs
    unknown = "0" * 32

    found = filled.store.first_states([*asked, unknown])

    assert set(found) == set(asked)  # by the id as given; none for a subject not stored
    for given in asked:
        n = first[given if not isinstance(given, str) else next(
            i for i in ids if i.hex == given)]
        assert n.originator_version == 1
        assert found[given] == (n.topic, bytes(n.state))
        assert type(found[given][1]) is bytes
    assert filled.store.first_states([]) == {}


# All or nothing -------------------------------------------------------------------------

def test_a_refused_batch_writes_nothing(filled: Ledger, db: str) -> None:
    before = security.fingerprint(db)

    with pytest.raises(CommandRefused) as refused:
        filled.execute([b.board_meeting("STYR-9"), b.register(b.ORG_A)])

    assert refused.value.refusal.code == "duplicate"
    assert security.fingerprint(db) == before


def test_a_streamed_import_refused_after_chunks_were_written_writes_nothing(
        filled: Ledger, db: str) -> None:
    """Chunks of 3 events are written in one transaction as the import goes (the bulk
    writer); the refusal of its last command takes them all back."""
    before = security.fingerprint(db)
    meetings = [(i, b.board_meeting(f"STYR-{i}")) for i in range(12)]

    with pytest.raises(CommandRefused) as refused:
        filled.execute_stream([*meetings, (12, b.register(b.ORG_A))], chunk=3)

    assert refused.value.index == 12
    assert security.fingerprint(db) == before
    assert filled.execute_stream(meetings, chunk=3).events == 12
    assert filled.head() == len(HISTORY) + EXTRA + 12


# The chain ------------------------------------------------------------------------------

def test_the_chain_verifies_and_a_changed_byte_is_found_at_its_position(
        filled: Ledger, db: str) -> None:
    verified = verify(filled.store)
    assert verified.ok, verified.problems
    assert verified.size == filled.head()

    def change_the_fifth(t: Tables) -> None:
        row = t.rows()[4]
        t.set_state(row[0], row[4].replace(b'"actor":"test"', b'"actor":"tess"'))

    tamper(db, change_the_fifth)
    with Ledger(db, read_only=True) as reader:
        tampered = verify(reader.store)

    assert not tampered.ok
    assert tampered.first_bad is not None and tampered.first_bad.position == 5


def test_recorded_times_never_go_backwards_even_when_the_clock_does(db: str) -> None:
    with Ledger(db, actor="test") as ledger:
        ledger.execute(HISTORY[:20])
        first = ledger.head()
        last = _recorded_times(ledger)[-1]
        with time_machine.travel(last - timedelta(days=3), tick=True):
            ledger.execute(HISTORY[20:])  # the clock was set back three days
        ledger.execute_stream(enumerate([b.board_meeting(f"STYR-{i}") for i in range(9)]),
                              chunk=4)
        times = _recorded_times(ledger)

        assert len(times) == len(HISTORY) + EXTRA + 9
        assert times == sorted(times)
        assert times[first] == last  # stamped at the last time stored, not before it
        assert ledger.last_recorded() == times[-1]
        assert verify(ledger.store).ok


# Read-only ------------------------------------------------------------------------------

def test_a_ledger_opened_read_only_reads_and_refuses_every_write(filled: Ledger,
                                                                db: str) -> None:
    before = security.fingerprint(db)
    with Ledger(db, actor="auditor", read_only=True) as reader:
        assert reader.head() == filled.head()
        assert _state(reader.get(Partner, b.ORG_A)) == _state(filled.get(Partner, b.ORG_A))
        assert reader.execute([b.board_meeting("STYR-9")], dry_run=True).commands == 1
        with pytest.raises(StorageError) as refused:
            reader.execute([b.board_meeting("STYR-9")])
        assert refused.value.message_key == "storage.open_read_only"
        with pytest.raises(StorageError):
            reader.execute_stream([(0, b.board_meeting("STYR-9"))])

    assert security.fingerprint(db) == before


# Encryption -----------------------------------------------------------------------------

def test_encrypted_events_read_back_with_the_key_and_hide_their_text_in_the_store(
        db: str, other_db: str, tmp_path: Path) -> None:
    key = generate_key(tmp_path / "ledger.key")
    with Ledger(db, actor="test", key_file=key) as ledger:
        ledger.execute(security.history())
        written = _state(ledger.get(Partner, b.ORG_A))
    with Ledger(other_db, actor="test") as plain:  # the control: the grep can find them
        plain.execute(security.history())

    for text in (security.PARTNER_NAME.encode(), security.AMOUNT_ORE, b"Samtal med"):
        assert text not in _as_stored(db)
        assert text in _as_stored(other_db)
    with Ledger(db, actor="test", key_file=key) as reopened:
        assert _state(reopened.get(Partner, b.ORG_A)) == written
        assert written["name"] == security.PARTNER_NAME
        assert verify(reopened.store, cipher=reopened.cipher).ok
    with pytest.raises(KeyProblem):
        Ledger(db, actor="test").close()
    with Ledger(db, actor="test", require_key=False) as keyless:
        assert verify(keyless.store).ok  # the chain needs no key
