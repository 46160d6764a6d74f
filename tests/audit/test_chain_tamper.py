"""The chain detects any single tampering of the stored history and names its position.

The tampering is done the way a colleague with database access would: SQL straight into
the SQLite file, bypassing the application. Hypothesis picks the kind and the position.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.audit.chain import CHAIN_TABLE, GENESIS, extend
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.pages import time_key
from asfledger.audit.verify import Verification, verify
from asfledger.history import stream
from asfledger.ledger import Ledger
from tests.domain import builders as b

EVENTS_TABLE = "stored_events"


def _history() -> list[object]:
    commands: list[object] = []
    for i, org in enumerate((b.ORG_A, b.ORG_B, b.ORG_C)):
        commands += b.onboarded_partner_commands(org, name=f"Partner {i}")
    commands += [b.board_meeting(f"STYR-{i}") for i in range(4)]
    return commands


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("chain") / "template.sqlite"
    with Ledger(str(path), actor="test") as ledger:
        ledger.execute(_history())  # type: ignore[arg-type]
        ledger.execute([b.board_meeting("STYR-late")])
    yield path


def _copy(template: Path) -> Path:
    target = Path(tempfile.mkdtemp()) / "ledger.sqlite"
    shutil.copy(template, target)
    return target


def _verify(path: Path, checkpoints: Sequence[Checkpoint] = ()) -> Verification:
    with Ledger(str(path), read_only=True) as ledger:
        return verify(ledger.store, checkpoints)


def _all_checkpoints(path: Path) -> list[Checkpoint]:
    """What auditors hold after every board meeting: a checkpoint at every size."""
    with Ledger(str(path), read_only=True) as ledger:
        ledger_id = ledger.ledger_id()
        # Each taken when the ledger had that size: at the time its last event was recorded.
        return [Checkpoint(ledger_id, r.position, r.chain.hex(), _recorded(r.state))
                for r in stream(ledger.store)]


def _recorded(state: bytes) -> datetime:
    key = time_key(state)
    assert key is not None
    return datetime.fromisoformat(key.decode())


def _size(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {EVENTS_TABLE}").fetchone()[0])


def _flip(state: bytes) -> bytes:
    # Change one character of the JSON (a digit or letter), keeping it valid-looking
    # (after the recorded time: a change there is caught by the times alone).
    found = state.find(b'"actor":"')
    i = found + 9 if found >= 0 else 60
    return state[:i] + (b"X" if state[i:i + 1] != b"X" else b"Y") + state[i + 1:]


def _tamper(path: Path, kind: str, k: int) -> None:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT rowid, originator_id, originator_version, topic, state "
                            f"FROM {EVENTS_TABLE} ORDER BY rowid").fetchall()
        rowid, _, _, topic, state = rows[k - 1]
        if kind == "change_state":
            conn.execute(f"UPDATE {EVENTS_TABLE} SET state = ? WHERE rowid = ?",
                         (_flip(state), rowid))
        elif kind == "change_type":
            other = "domain.aggregates.board:BoardMeeting.Held"
            if topic == other:
                other = "domain.aggregates.partner:Partner.Registered"
            conn.execute(f"UPDATE {EVENTS_TABLE} SET topic = ? WHERE rowid = ?",
                         (other, rowid))
        elif kind == "delete":
            conn.execute(f"DELETE FROM {EVENTS_TABLE} WHERE rowid = ?", (rowid,))
        elif kind == "insert":
            # Make room at rowid k, then put a forged copy of event k there.
            conn.execute(f"UPDATE {EVENTS_TABLE} SET rowid = rowid + 1000000 "
                         f"WHERE rowid >= ?", (rowid,))
            conn.execute(f"UPDATE {EVENTS_TABLE} SET rowid = rowid - 999999 "
                         f"WHERE rowid >= 1000000")
            conn.execute(f"INSERT INTO {EVENTS_TABLE} (rowid, originator_id, "
                         f"originator_version, topic, state) VALUES (?, ?, ?, ?, ?)",
                         (rowid, "f" * 32, 1, topic, state))
        elif kind == "reorder":
            j = k + 1 if k < len(rows) else k - 1
            other_row = rows[j - 1]
            conn.execute(f"UPDATE {EVENTS_TABLE} SET rowid = -1 WHERE rowid = ?", (rowid,))
            conn.execute(f"UPDATE {EVENTS_TABLE} SET rowid = ? WHERE rowid = ?",
                         (rowid, other_row[0]))
            conn.execute(f"UPDATE {EVENTS_TABLE} SET rowid = ? WHERE rowid = -1",
                         (other_row[0],))
        else:  # pragma: no cover
            raise AssertionError(kind)


KINDS = ("change_state", "change_type", "delete", "insert", "reorder")


def _expected_position(kind: str, k: int, n: int) -> int:
    if kind == "reorder" and k == n:
        return k - 1  # the last event swaps with the one before it
    return k


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_any_single_tampering_is_detected_at_its_position(
        template: Path, kind: str, data: st.DataObject) -> None:
    path = _copy(template)
    n = _size(path)
    k = data.draw(st.integers(1, n), label="position")
    _tamper(path, kind, k)
    result = _verify(path)
    assert not result.ok
    assert result.first_bad is not None
    assert result.first_bad.position == _expected_position(kind, k, n)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_tampering_that_also_rewrites_the_stored_chain_is_caught_by_checkpoints(
        template: Path, kind: str, data: st.DataObject) -> None:
    """A careful forger recomputes the stored chain too; checkpoints kept outside the
    ledger (one per board meeting) still catch it, at the first checkpoint after it."""
    path = _copy(template)
    checkpoints = _all_checkpoints(path)
    n = _size(path)
    k = data.draw(st.integers(1, n), label="position")
    _tamper(path, kind, k)
    _rewrite_stored_chain(path)
    alone = _verify(path)
    if kind == "reorder" and not alone.ok:  # the recorded times alone see it (unless two
        assert alone.first_bad is not None  # events share a microsecond): they went back
        assert alone.first_bad.reason == "verify.time_backwards"
        assert alone.first_bad.position == min(k + 1, n)
    else:
        assert alone.ok  # the stored chain alone is fooled …
    result = _verify(path, checkpoints)  # … the checkpoints are not
    assert not result.ok
    assert result.first_bad is not None
    assert result.first_bad.position == _expected_position(kind, k, n)


def _rewrite_stored_chain(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(f"SELECT rowid, topic, originator_id, originator_version, state "
                            f"FROM {EVENTS_TABLE} ORDER BY rowid").fetchall()
        conn.execute(f"DELETE FROM {CHAIN_TABLE}")
        conn.executemany(f"INSERT INTO {CHAIN_TABLE} VALUES (?, ?, ?)", extend(
            0, GENESIS, [(r[0], r[1], r[2], r[3], r[4] if isinstance(r[4], bytes)
                          else str(r[4]).encode()) for r in rows]))


def test_a_history_shorter_than_a_checkpoint_fails_and_names_where_it_ends(
        template: Path) -> None:
    path = _copy(template)
    checkpoint = _all_checkpoints(path)[-1]
    with sqlite3.connect(path) as conn:  # drop the last two events and their chain rows
        conn.execute(f"DELETE FROM {EVENTS_TABLE} WHERE rowid > ?", (checkpoint.size - 2,))
        conn.execute(f"DELETE FROM {CHAIN_TABLE} WHERE position > ?", (checkpoint.size - 2,))
    assert _verify(path).ok
    result = _verify(path, [checkpoint])
    assert not result.ok and result.first_bad is not None
    assert result.first_bad.position == checkpoint.size - 1
    assert result.first_bad.reason == "verify.shorter"


def test_an_intact_history_verifies_against_every_checkpoint(template: Path) -> None:
    path = _copy(template)
    checkpoints = _all_checkpoints(path)
    result = _verify(path, checkpoints)
    assert result.ok
    assert result.checkpoints_checked == len(checkpoints) == _size(path)
    assert result.head.hex() == checkpoints[-1].head


def test_a_checkpoint_of_another_ledger_fails(template: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with Ledger(str(other), actor="test") as ledger:
        ledger.execute([b.board_meeting()])
    foreign = _all_checkpoints(other)[-1]
    result = _verify(_copy(template), [foreign])
    assert not result.ok and result.first_bad is not None
    assert result.first_bad.reason == "verify.other_ledger"


def test_verification_needs_no_write_access(template: Path) -> None:
    path = _copy(template)
    path.chmod(0o444)
    before = path.read_bytes()
    assert _verify(path).ok
    assert path.read_bytes() == before


def test_checkpoint_text_round_trips() -> None:
    checkpoint = Checkpoint.now("abc123", 42, bytes(range(32)))
    assert Checkpoint.parse(checkpoint.text()) == Checkpoint(
        "abc123", 42, bytes(range(32)).hex(),
        checkpoint.time.replace(microsecond=0))
