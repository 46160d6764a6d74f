"""Unreadable bytes always have a position, and time is part of the chain's promise:
``audit verify`` and ``events`` name the position of an unreadable record; recorded times
never go backwards (the writer keeps them so, verify checks it); with a checkpoint, an
event after it recorded before the checkpoint's time fails."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.pages import time_key
from asfledger.audit.verify import verify
from asfledger.ledger import Ledger
from asfledger.readmodels import READMODEL_TABLE
from asfledger.security import generate_key
from tests.audit.trust_support import Tables, cli, filled, retimed, tamper
from tests.domain import builders as b

K = 5  # the position tampered with


def test_a_record_rewritten_as_text_that_is_not_utf8_has_a_position(sqlite_db: str) -> None:
    filled(sqlite_db)
    def not_utf8(t: Tables) -> None:
        t.sql("UPDATE stored_events SET state = CAST(X'7b2274696d657374616d70223aff' AS TEXT)"
              " WHERE rowid = ?", K)

    tamper(sqlite_db, not_utf8)
    code, _out, err = cli("--db", sqlite_db, "audit", "verify")
    assert code == 1, err
    assert f"position {K}" in err
    code, _out, err = cli("--db", sqlite_db, "events")
    assert code == 3 and f"position {K}" in err and "internal error" not in err


def test_events_names_the_position_of_a_record_that_is_not_json(db: str) -> None:
    filled(db)

    def garble(t: Tables) -> None:
        row = t.rows()[K - 1]
        t.set_state(row[0], b"<" + row[4][1:])

    tamper(db, garble)
    code, _out, err = cli("--db", db, "events", "--format", "jsonl")
    assert code == 3
    assert f"position {K} " in err and "internal error" not in err
    code, _out, err = cli("--db", db, "audit", "verify")
    assert code == 1 and f"position {K}:" in err


def test_events_names_the_position_of_a_bad_cipher_tag(sqlite_db: str, tmp_path: Path) -> None:
    key = generate_key(tmp_path / "ledger.key")
    filled(sqlite_db, key_file=key)

    def flip_tag(t: Tables) -> None:
        row = t.rows()[K - 1]
        t.set_state(row[0], row[4][:-1] + bytes([row[4][-1] ^ 1]))

    tamper(sqlite_db, flip_tag, rechain=True)  # the chain alone is fooled …
    code, _out, err = cli("--db", sqlite_db, "--key-file", str(key), "events")
    assert code == 3 and f"position {K} " in err and "internal error" not in err
    code, out, _err = cli("--db", sqlite_db, "audit", "verify")  # … without the key
    assert code == 0 and "not checked" in out
    code, _out, err = cli("--db", sqlite_db, "--key-file", str(key), "audit", "verify")
    assert code == 1 and f"position {K}:" in err and "decrypt" in err


def test_recorded_times_that_go_backwards_fail_verify_at_their_position(db: str) -> None:
    filled(db)

    def backdate(t: Tables) -> None:
        row = t.rows()[K - 1]
        t.set_state(row[0], retimed(row[4], "2025-03-01T10:00:00.000000Z"))

    tamper(db, backdate, rechain=True)
    code, _out, err = cli("--db", db, "audit", "verify")
    assert code == 1
    assert f"position {K}: the event is recorded at 2025-03-01T10:00:00Z" in err
    assert "backwards" in err


def _history_of_2024(t: Tables) -> None:
    """Every event recorded in 2024, one minute apart: the ledger as it was then."""
    for i, row in enumerate(t.rows()):
        t.set_state(row[0], retimed(row[4], f"2024-01-01T{i // 60:02d}:{i % 60:02d}"
                                            f":00.000000Z"))
    # The dashboard's saved state shows the recorded times: a careful forger drops it.
    t.sql(f"DELETE FROM {READMODEL_TABLE}")


def test_an_event_backdated_after_a_checkpoint_fails_only_against_it(db: str,
                                                                     tmp_path: Path) -> None:
    size = filled(db)
    tamper(db, _history_of_2024, rechain=True)
    with Ledger(db, read_only=True) as ledger:
        head = verify(ledger.store).head
        board = Checkpoint(ledger.ledger_id(), size, head.hex(),
                           datetime(2026, 12, 4, 12, tzinfo=UTC))
    with Ledger(db, actor="test") as ledger:  # appended after the board's checkpoint …
        ledger.execute([b.board_meeting("STYR-late")])

    def backdate_the_last(t: Tables) -> None:  # … then backdated, chain and all
        row = t.rows()[-1]
        t.set_state(row[0], retimed(row[4], "2025-03-01T10:00:00.000000Z"))
        t.sql(f"DELETE FROM {READMODEL_TABLE}")

    tamper(db, backdate_the_last, rechain=True)
    checkpoint_file = tmp_path / "board-2026-12-04.txt"
    checkpoint_file.write_text(board.text())
    assert cli("--db", db, "audit", "verify")[0] == 0  # times rise: alone, it passes
    code, _out, err = cli("--db", db, "audit", "verify", "--checkpoint", str(checkpoint_file))
    assert code == 1
    assert f"position {size + 1}: the event comes after the checkpoint at size {size}" in err
    assert "backdated" in err


def test_the_writer_never_records_a_time_before_the_last_one(db: str) -> None:
    filled(db)

    def in_the_future(t: Tables) -> None:
        row = t.rows()[-1]
        t.set_state(row[0], retimed(row[4], "2099-01-01T00:00:00.000000Z"))

    tamper(db, in_the_future, rechain=True)  # e.g. a clock that was set forward
    with Ledger(db, actor="test") as ledger:
        ledger.execute([b.board_meeting("STYR-after")])
    tables = Tables(db)
    try:
        keys = [time_key(row[4]) for row in tables.rows()]
    finally:
        tables.conn.close()
    assert keys[-1] is not None and keys[-1] >= b"2099-01-01T00:00:00.000000Z"
    assert cli("--db", db, "audit", "verify")[0] == 0
