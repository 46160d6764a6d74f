"""One trust pass: ``audit compliance``, ``audit replay``, ``report board`` and ``export
360giving`` check the history as they replay it. Any tampering (a changed byte, a deleted,
inserted or reordered event, a changed type, a backdated or unreadable event), chosen by
hypothesis on SQLite and on PostgreSQL, gives no verdict and no figures: exit 1, one
sentence naming the first bad position, and nothing on stdout."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.verify import verify
from asfledger.ledger import Ledger
from tests.audit.trust_support import Tables, cli, filled, retimed, tamper
from tests.conftest import _postgres_schema

KINDS = ("flip", "delete", "insert", "reorder", "topic", "backdate", "unreadable")
OTHER_TOPIC = "domain.aggregates.board:BoardMeeting.Held"
# What a trusted history's outputs are, against which a failure must print nothing.
COMMANDS = (("audit", "compliance"), ("report", "board", "--period", "2026",
                                      "--format", "json"))


def _tampered(t: Tables, kind: str, k: int, byte: int) -> int:
    """Tamper with the event at position ``k``; the first position that must be named."""
    rows = t.rows()
    n = len(rows)
    row_id, _, _, topic, state = rows[k - 1]
    if kind == "flip":
        i = byte % len(state)
        t.set_state(row_id, state[:i] + bytes([state[i] ^ 0x01]) + state[i + 1:])
    elif kind == "delete":
        t.sql(f"DELETE FROM {t.events} WHERE {t.id_column} = ?", row_id)
    elif kind == "insert":  # a forged copy of event k, just before it
        t.sql(f"UPDATE {t.events} SET {t.id_column} = {t.id_column} + 1000000 "
              f"WHERE {t.id_column} >= ?", row_id)
        t.sql(f"UPDATE {t.events} SET {t.id_column} = {t.id_column} - 999999 "
              f"WHERE {t.id_column} >= 1000000")
        forged: Any = uuid.uuid4() if t.pg else uuid.uuid4().hex
        t.sql(f"INSERT INTO {t.events} ({t.id_column}, originator_id, originator_version, "
              f"topic, state) VALUES (?, ?, ?, ?, ?)", row_id, forged, 1, topic, state)
    elif kind == "reorder":
        j = k + 1 if k < n else k - 1
        other = rows[j - 1][0]
        t.sql(f"UPDATE {t.events} SET {t.id_column} = -1 WHERE {t.id_column} = ?", row_id)
        t.sql(f"UPDATE {t.events} SET {t.id_column} = ? WHERE {t.id_column} = ?", row_id,
              other)
        t.sql(f"UPDATE {t.events} SET {t.id_column} = ? WHERE {t.id_column} = -1", other)
        return min(j, k)
    elif kind == "topic":
        other_topic = OTHER_TOPIC if topic != OTHER_TOPIC else (
            "domain.aggregates.partner:Partner.Registered")
        t.sql(f"UPDATE {t.events} SET topic = ? WHERE {t.id_column} = ?", other_topic, row_id)
    elif kind == "backdate":  # the chain recomputed too: only the times can tell
        t.set_state(row_id, retimed(state, "2020-01-01T00:00:00.000000Z"))
        t.rechain()
    elif kind == "unreadable":  # the chain recomputed too: the replay must say so
        t.set_state(row_id, b"<" + state[1:])
        t.rechain()
    return k


class Snapshot:
    """The tables of a filled ledger, to put back after each tampering (PostgreSQL: a
    schema per example would be slow)."""

    def __init__(self, db: str) -> None:
        self.db = db
        tables = Tables(db)
        self.events = tables.sql(f"SELECT * FROM {tables.events}")
        self.chain = tables.sql("SELECT * FROM asfledger_chain")
        tables.conn.close()

    def restore(self) -> None:
        def put_back(t: Tables) -> None:
            t.sql(f"DELETE FROM {t.events}")
            t.sql("DELETE FROM asfledger_chain")
            for row in self.events:
                t.sql(f"INSERT INTO {t.events} VALUES ({', '.join('?' * len(row))})", *row)
            for row in self.chain:
                t.sql("INSERT INTO asfledger_chain VALUES (?, ?, ?)", *row)

        tamper(self.db, put_back)


@pytest.fixture(scope="module")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, int]:
    path = str(tmp_path_factory.mktemp("trust") / "template.sqlite")
    return path, filled(path, 60)


@pytest.fixture(scope="module")
def postgres_ledger() -> Iterator[tuple[Snapshot, int]]:
    for db in _postgres_schema():
        size = filled(db, 60)
        yield Snapshot(db), size


def _assert_refused(db: str, position: int, kind: str) -> None:
    for command in COMMANDS:
        code, out, err = cli("--db", db, *command)
        assert code == 1, (kind, command, code, out[:200], err)
        assert out == "", (kind, command)
        assert f"position {position}" in err, (kind, command, position, err)
        assert err.startswith("the history cannot be trusted"), err
        assert len(err.strip().splitlines()) == 1, err


EXAMPLES = settings(max_examples=7, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@EXAMPLES
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_any_tampering_on_sqlite_gives_no_verdict_and_no_figures(
        sqlite_template: tuple[str, int], tmp_path_factory: pytest.TempPathFactory,
        kind: str, data: st.DataObject) -> None:
    template, size = sqlite_template
    db = str(tmp_path_factory.mktemp("tampered") / "ledger.sqlite")
    shutil.copy(template, db)
    k = data.draw(st.integers(2 if kind == "backdate" else 1, size), label="position")
    byte = data.draw(st.integers(0, 10_000), label="byte")
    expected: list[int] = []
    tamper(db, lambda t: expected.append(_tampered(t, kind, k, byte)))
    _assert_refused(db, expected[0], kind)


@EXAMPLES
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_any_tampering_on_postgres_gives_no_verdict_and_no_figures(
        postgres_ledger: tuple[Snapshot, int], kind: str, data: st.DataObject) -> None:
    snapshot, size = postgres_ledger
    k = data.draw(st.integers(2 if kind == "backdate" else 1, size), label="position")
    byte = data.draw(st.integers(0, 10_000), label="byte")
    expected: list[int] = []
    tamper(snapshot.db, lambda t: expected.append(_tampered(t, kind, k, byte)))
    try:
        _assert_refused(snapshot.db, expected[0], kind)
    finally:
        snapshot.restore()


def test_a_verified_history_says_what_it_stands_on(db: str, tmp_path: Path) -> None:
    filled(db, 60)
    code, out, err = cli("--db", db, "audit", "compliance")
    assert code == 0, err
    assert "Stands on: ledger" in out and "not against a checkpoint" in out
    code, checkpoint, err = cli("--db", db, "checkpoint")
    (tmp_path / "cp.txt").write_text(checkpoint)
    for command in (("audit", "compliance"), ("audit", "replay"),
                    ("report", "board", "--period", "2026"), ("export", "360giving", "--draft")):
        code, out, err = cli("--db", db, *command, "--checkpoint", str(tmp_path / "cp.txt"))
        assert code == 0, (command, err)
    code, out, err = cli("--db", db, "audit", "compliance", "--checkpoint",
                         str(tmp_path / "cp.txt"), "--format", "json")
    assert '"checkpoints_checked": 1' in out


def test_a_rewritten_chain_is_caught_by_a_checkpoint_in_every_output(
        sqlite_db: str, tmp_path: Path) -> None:
    size = filled(sqlite_db, 60)
    with Ledger(sqlite_db, read_only=True) as ledger:
        board = verify(ledger.store).checkpoint()
    (tmp_path / "cp.txt").write_text(board.text())

    def forge(t: Tables) -> None:  # who recorded it changed, the stored chain recomputed
        row = t.rows()[size // 2]
        i = row[4].index(b'"actor":"') + 9
        t.set_state(row[0], row[4][:i] + b"X" + row[4][i + 1:])
        t.rechain()

    tamper(sqlite_db, forge)
    assert cli("--db", sqlite_db, "audit", "compliance")[0] == 0  # the stored chain is fooled
    for command in (("audit", "compliance"), ("audit", "replay"),
                    ("report", "board", "--period", "2026"), ("export", "360giving", "--draft")):
        code, out, err = cli("--db", sqlite_db, *command, "--checkpoint",
                             str(tmp_path / "cp.txt"))
        assert (code, out) == (1, ""), (command, code, err)
        assert f"position {size} " in err, err  # the checkpoint's size: at or before it


def test_replay_as_of_does_not_show_an_event_backdated_after_a_checkpoint(
        sqlite_db: str, tmp_path: Path) -> None:
    size = filled(sqlite_db, 60)
    with Ledger(sqlite_db, read_only=True) as ledger:
        board = verify(ledger.store).checkpoint()
    (tmp_path / "cp.txt").write_text(board.text())
    with Ledger(sqlite_db, actor="test") as ledger:
        from tests.domain import builders as b

        ledger.execute([b.board_meeting("STYR-late")])

    def backdate(t: Tables) -> None:
        row = t.rows()[-1]
        earlier = Checkpoint.parse(board.text()).time.strftime("%Y-%m-%dT%H:%M:%S")
        t.set_state(row[0], retimed(row[4], earlier[:17] + "00.000000Z"))
        t.rechain()

    tamper(sqlite_db, backdate)
    code, out, err = cli("--db", sqlite_db, "audit", "replay", "--checkpoint",
                         str(tmp_path / "cp.txt"))
    assert (code, out) == (1, "") and f"position {size + 1}:" in err


@pytest.mark.parametrize("where", ["here", "worker"])
@pytest.mark.parametrize("kind", ["flip", "reorder", "backdate"])
def test_the_proof_with_its_worker_checks_the_chain_too(
        sqlite_template: tuple[str, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        where: str, kind: str) -> None:
    """The worker that reads the SQLite file itself also reads the stored chain beside it;
    a change in the rows it reads (or in the head start read here) is named all the same."""
    from asfledger.audit import compliance
    from asfledger.audit.trust import ChainCheck, HistoryNotTrusted

    monkeypatch.setattr(compliance, "WORKER_FROM", 0)
    monkeypatch.setattr(compliance, "HEAD_START", 10)
    monkeypatch.setattr(compliance, "PAGE", 7)
    template, size = sqlite_template
    db = str(tmp_path / "ledger.sqlite")
    shutil.copy(template, db)
    with Ledger(db, read_only=True) as ledger:  # clean: proven, by way of the worker
        report = compliance.prove(ledger.store, ledger_id=ledger.ledger_id(),
                                  check=ChainCheck.of(ledger.store))
        assert report.history is not None and report.history.size == size
    k = 5 if where == "here" else size - 9
    expected: list[int] = []
    tamper(db, lambda t: expected.append(_tampered(t, kind, k, 100)))
    with Ledger(db, read_only=True) as ledger, pytest.raises(HistoryNotTrusted) as caught:
        compliance.prove(ledger.store, ledger_id=ledger.ledger_id(),
                         check=ChainCheck.of(ledger.store))
    assert caught.value.problem.position == expected[0]


def test_the_board_report_says_whether_it_was_checked_against_a_checkpoint(
        db: str, tmp_path: Path) -> None:
    """Issue 12: the report prints which history it stands on, and whether an outside
    checkpoint was checked, in the pack's words (not only the proof's)."""
    filled(db, 60)
    code, out, err = cli("--db", db, "--lang", "en", "report", "board", "--period", "2026")
    assert code == 0, err
    assert "not against any checkpoint kept outside the ledger" in out
    code, checkpoint, err = cli("--db", db, "checkpoint")
    (tmp_path / "cp.txt").write_text(checkpoint)
    code, out, err = cli("--db", db, "--lang", "en", "report", "board", "--period", "2026",
                         "--checkpoint", str(tmp_path / "cp.txt"), "--checkpoint",
                         str(tmp_path / "cp.txt"))
    assert code == 0, err
    assert "against 2 checkpoints kept outside the ledger" in out
    code, out, err = cli("--db", db, "--lang", "sv", "report", "board", "--period", "2026",
                         "--checkpoint", str(tmp_path / "cp.txt"), "--format", "json")
    assert code == 0, err
    assert '"checkpoints_checked": 1' in out
    code, out, err = cli("--db", db, "--lang", "sv", "report", "board", "--period", "2026",
                         "--checkpoint", str(tmp_path / "cp.txt"))
    assert "mot 1 kontrollpunkt som förts utanför liggaren" in out
