"""``prove``'s hot loop (``asfledger.audit.compliance._Replay``) gives the proof that
feeding ``decode_rows(stream(...))`` event by event to ``ComplianceProof.feed`` gives —
the definition of the proof — on clean, forged, hand-edited and encrypted histories, for
any ``as_of`` and any page size: same report, same first and last events, same checkpoint.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest
from eventsourcing.persistence import Cipher

from asfledger.audit import compliance as audit_compliance
from asfledger.audit.chain import event_digest
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.compliance import ProofReport, as_json, prove
from asfledger.audit.pages import Chain, ReadPage, Sieve, read_page
from asfledger.audit.sqlite_recorder import ChainedSQLiteApplicationRecorder
from asfledger.audit.trust import ChainCheck, HistoryNotTrusted
from asfledger.audit.worker import PageWorker
from asfledger.decode import decode_rows
from asfledger.history import stream
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from asfledger.security import generate_key
from domain.aggregates import BoardMeeting
from domain.personal_numbers import contains_personal_identity_number
from domain.pin_scan import personal_identity_number_suspects
from projections.compliance import ComplianceProof
from tests.audit.test_compliance_proof import (
    SCENARIOS,
    Unclassified,
    _FirstChoice,
    force,
    unclassified_is_stored,
)
from tests.conftest import recorded_on
from tests.domain import builders as b

HISTORY = Path(__file__).parents[1] / "data" / "history-2024-2026.jsonl"
AS_OF = (None, date(2000, 1, 1), date(2025, 6, 30), date(2026, 1, 1), date(2099, 1, 1))


def _history(lines: int) -> bytes:
    return b"".join(HISTORY.read_bytes().splitlines(keepends=True)[:lines])


def reference(ledger: Ledger, as_of: date | None, cipher: Cipher | None) -> ProofReport:
    proof = ComplianceProof(as_of)
    size, head = 0, bytes(32)
    for row, event in decode_rows(stream(ledger.store), cipher=cipher, as_of=as_of,
                                  needs_data=proof.reads):
        size, head = row.position, row.chain
        proof.feed(event)
    return ProofReport(proof, Checkpoint.now(ledger.ledger_id(), size, head), as_of)


def assert_same_proof(ledger: Ledger, cipher: Cipher | None = None) -> None:
    for as_of in AS_OF:
        fast = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=as_of,
                     cipher=cipher)
        slow = reference(ledger, as_of, cipher)
        assert as_json(fast, "en") == as_json(slow, "en")
        assert fast.proof.violations == slow.proof.violations
        assert (fast.proof.first, fast.proof.last) == (slow.proof.first, slow.proof.last)
        assert (fast.checkpoint.size, fast.checkpoint.head) == (slow.checkpoint.size,
                                                                slow.checkpoint.head)


@pytest.fixture(params=[(2000, "here", 0), (7, "here", 0), (1, "here", 0),
                        (2000, "reader", 1), (7, "reader", 10), (7, "worker", 0)],
                ids=lambda p: f"{p[0]}-{p[1]}")
def page(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Page sizes, with the chain, R7 scan and sieve in this process, or in the worker
    that reads the SQLite file itself after the first rows, read here ("reader"), or in
    the worker sent the rows read here (as on PostgreSQL)."""
    size, where, head_start = request.param
    monkeypatch.setattr(audit_compliance, "PAGE", size)
    monkeypatch.setattr(audit_compliance, "WORKER_FROM", 10**12 if where == "here" else 0)
    monkeypatch.setattr(audit_compliance, "HEAD_START", head_start)
    if where == "worker":
        monkeypatch.setattr(ChainedSQLiteApplicationRecorder, "worker_source",
                            lambda self, page: None)
    yield size


def _edit(db: str, sql: str, *params: object) -> None:
    conn = sqlite3.connect(db)
    with conn:
        conn.execute(sql, params)
    conn.close()


def _spread_timestamps(db: str) -> None:
    """Give the events recording days across 2024–2026, so that ``as_of`` cuts them."""
    conn = sqlite3.connect(db)
    with conn:
        for (rowid,) in conn.execute("SELECT rowid FROM stored_events").fetchall():
            day = f"202{4 + rowid % 3}-{1 + rowid % 12:02d}-{1 + rowid % 28:02d}"
            conn.execute("UPDATE stored_events SET state = "
                         "CAST(? || substr(CAST(state AS TEXT), 25) AS BLOB) "
                         "WHERE rowid = ?", ('{"timestamp":"' + day, rowid))
    conn.close()


def test_the_realistic_history_with_every_forged_violation(sqlite_db: str, page: int) -> None:
    with Ledger(sqlite_db, actor="test") as ledger:
        import_bytes(ledger, _history(800))
        for name in sorted(SCENARIOS):
            setup, cmd, _ = SCENARIOS[name](_FirstChoice())  # type: ignore[arg-type]
            try:
                if setup:
                    ledger.execute(setup)
                force(ledger, cmd)
            except Exception:
                continue
        ledger.execute([b.board_meeting(ref="STYR-2099-1")])
    with Ledger(sqlite_db, actor="test") as ledger:
        assert_same_proof(ledger)
    _spread_timestamps(sqlite_db)
    with Ledger(sqlite_db, read_only=True, require_key=False) as ledger:
        assert_same_proof(ledger)


def test_corrections_valid_and_forged_give_the_same_proof(sqlite_db: str, page: int) -> None:
    """Issue 15: reversals, corrected facts and voids, valid (every command once has each)
    and forged past the guards: a reversal of a payment never made, corrections that
    break R5 and R3, voids that leave payments and decisions without what they need."""
    with Ledger(sqlite_db, actor="test") as ledger, recorded_on():
        ledger.execute(b.every_command_once())
        assert prove(ledger.store, ledger_id=ledger.ledger_id()).proof.proven
        for cmd in (b.reverse_payment("HF-1", "VER-9"),
                    b.correct_fact("supervisor_funding", "HF-1", "amount_sek", 1),
                    b.correct_fact("effort", "INS-1", "starts_on", "2020-01-01"),
                    b.void_decision("partner", b.ORG_A),
                    b.void_decision("supervisor_funding", "HF-1")):
            force(ledger, cmd)
        report = prove(ledger.store, ledger_id=ledger.ledger_id())
        assert sorted(v.rule for v in report.proof.violations) == ["R3", "R3", "R5", "R5",
                                                                   "R5"]
        assert_same_proof(ledger)


HAND_EDITS = {
    # R7 in a bookkeeping event, in every shape the scan knows.
    "pin in a note": (b'"note":null', b'"note":"ring 19121212-1212"'),
    "pin with a no-break space": (b'"note":null', b'"note":"121212\\u00a01212"'),
    "pin with a newline": (b'"note":null', b'"note":"121212\\n1212"'),
    "pin of ten digits": (b'"note":null', b'"note":"1212121212"'),
    "samordningsnummer": (b'"note":null', b'"note":"701063-2391"'),
    "pin then Z": (b'"note":null', b'"note":"1212121212Z"'),
    "not a pin, Luhn fails": (b'"note":null', b'"note":"121212-1213"'),
    "six digits then quote": (b'"note":null', b'"note":"121212"'),
    # Unreadable timestamps and records.
    "timestamp not a date": (b'{"timestamp":"20', b'{"timestamp":"2x'),
    "timestamp with an offset": (b'Z"', b'+00:00"'),
    "quote in the timestamp": (b'{"timestamp":"2', b'{"timestamp":""'),
    "timestamp not first": (b'{"timestamp":', b'{"x":1,"timestamp":'),
    "not JSON": (b'{', b'<'),
}


@pytest.mark.parametrize("edit", sorted(HAND_EDITS))
@pytest.mark.parametrize("target", ["bookkeeping", "checked", "first", "last"])
def test_hand_edited_rows(sqlite_db: str, page: int, edit: str, target: str) -> None:
    with Ledger(sqlite_db, actor="test") as ledger:
        import_bytes(ledger, _history(240))
        ledger.execute([b.board_meeting(ref="STYR-2099-1")])
    where = {
        "bookkeeping": "topic LIKE '%Activity.Held' OR topic LIKE '%AgreementLinked'",
        "checked": "topic LIKE '%Expenditure.Recorded' OR topic LIKE '%Partner.Onboarded'",
        "first": "rowid = (SELECT min(rowid) FROM stored_events)",
        "last": "rowid = (SELECT max(rowid) FROM stored_events)",
    }[target]
    old, new = HAND_EDITS[edit]
    conn = sqlite3.connect(sqlite_db)
    with conn:
        rows = conn.execute(f"SELECT rowid, state FROM stored_events WHERE {where}").fetchall()
        for rowid, state in rows[:3]:
            conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?",
                         (bytes(state).replace(old, new, 1), rowid))
    conn.close()
    with Ledger(sqlite_db, read_only=True, require_key=False) as ledger:
        assert_same_proof(ledger)


def test_a_state_stored_as_text_and_an_unknown_type(sqlite_db: str, page: int) -> None:
    with Ledger(sqlite_db, actor="test") as ledger, unclassified_is_stored():
        import_bytes(ledger, _history(120))
        ledger.execute([b.board_meeting()])
        found = ledger.get(BoardMeeting, "STYR-2026-1")
        assert found is not None
        found.trigger_event(Unclassified, actor="forged", note=None)
        ledger.save(found)
    _edit(sqlite_db, "UPDATE stored_events SET state = CAST(state AS TEXT) "
          "WHERE rowid IN (SELECT rowid FROM stored_events WHERE topic LIKE '%Held' LIMIT 2)")
    with Ledger(sqlite_db, read_only=True, require_key=False) as ledger:
        assert_same_proof(ledger)  # its events are unreadable here: no stored schema


def test_an_encrypted_ledger(tmp_path: Path, page: int) -> None:
    key = generate_key(tmp_path / "key")
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="test", key_file=key) as ledger:
        import_bytes(ledger, _history(160))
        setup, cmd, _ = SCENARIOS["R7"](_FirstChoice())  # type: ignore[arg-type]
        ledger.execute(setup)
        force(ledger, cmd)
        ledger.execute([b.board_meeting()])
        assert_same_proof(ledger, ledger.cipher)


@pytest.mark.parametrize("text", [
    "19121212-1212", "121212-1212", "1212121212", "191212121212", "121212+1212",
    "701063-2391", "121212 - 1212", "121212\\u00a01212", "121212\\n\\t1212",
    "556677-8899", "20121212-1212", "121212-12121", "x121212-1212x", "1212121212Z",
])
def test_the_page_scan_finds_what_the_record_scan_finds(text: str) -> None:
    records = [b'{"a":"' + text.encode() + b'"}', b'{"n":' + text.encode()[:8] + b"}",
               text.encode()]
    for record in records:
        joined = b'"'.join([b'{"x":1}', record, b"1234"])
        if contains_personal_identity_number(record):
            start, end = len(b'{"x":1}') + 1, len(b'{"x":1}') + 1 + len(record)
            assert any(start <= s < end for s in personal_identity_number_suspects(joined))


def _children() -> list[str]:
    """The processes this test process has started and not yet reaped (Linux)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.append(stat.parent.name)
    return found


@pytest.fixture
def worker_ledger(sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Ledger]:
    monkeypatch.setattr(audit_compliance, "PAGE", 50)
    monkeypatch.setattr(audit_compliance, "WORKER_FROM", 0)
    monkeypatch.setattr(audit_compliance, "HEAD_START", 60)
    with Ledger(sqlite_db, actor="test") as ledger:
        import_bytes(ledger, _history(300))
        yield ledger


@pytest.mark.parametrize("reads", [True, False], ids=["reader", "sent rows"])
def test_the_proof_goes_on_here_when_the_worker_dies(worker_ledger: Ledger, reads: bool,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    if not reads:
        monkeypatch.setattr(ChainedSQLiteApplicationRecorder, "worker_source",
                            lambda self, page: None)
    answered = PageWorker.receive
    calls: list[int] = []

    def dying(self: PageWorker) -> ReadPage | None:
        calls.append(1)
        if len(calls) == 3:
            self._process.kill()
            self._process.wait()
        return answered(self)

    monkeypatch.setattr(PageWorker, "receive", dying)
    assert_same_proof(worker_ledger)
    assert len(calls) >= 3


@pytest.mark.parametrize("reads", [True, False], ids=["reader", "sent rows"])
def test_the_proof_is_made_here_when_the_worker_dies_at_once(
        worker_ledger: Ledger, reads: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker that is gone before its first answer (killed, or it could not start):
    the whole replay is made in this process."""
    if not reads:
        monkeypatch.setattr(ChainedSQLiteApplicationRecorder, "worker_source",
                            lambda self, page: None)
    started: list[PageWorker] = []

    def dead_worker(*_: object) -> PageWorker:
        worker = PageWorker()
        worker._process.kill()
        worker._process.wait()
        started.append(worker)
        return worker

    monkeypatch.setattr(audit_compliance, "_worker_for", dead_worker)
    assert_same_proof(worker_ledger)
    assert started and all(w._process.poll() is not None for w in started)


def test_a_worker_that_starts_elsewhere_is_not_followed(worker_ledger: Ledger,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker reads after the row at HEAD_START as it found it; should that not be the
    last row replayed here (the table changed between the two reads), the replay reads on
    here instead of following it."""
    starts_after = PageWorker.starts_after
    followed: list[ReadPage | None] = []

    def elsewhere(self: PageWorker) -> int | None:
        after = starts_after(self)
        return None if after is None else after + 1

    def receive(self: PageWorker) -> ReadPage | None:
        followed.append(None)
        return None

    monkeypatch.setattr(PageWorker, "starts_after", elsewhere)
    monkeypatch.setattr(PageWorker, "receive", receive)
    assert_same_proof(worker_ledger)
    assert followed == []


def test_a_worker_links_on_only_from_a_stored_head_that_is_ours(
        worker_ledger: Ledger, sqlite_db: str) -> None:
    """The worker that reads links the chain on from the stored chain's hash at the row it
    starts after (HEAD_START, 60): a stored hash there that is not the chain read here is
    not followed. The proof is the reference's (its head computed, never the stored one),
    and the trust check names position 60."""
    _edit(sqlite_db, "UPDATE asfledger_chain SET hash = zeroblob(32) WHERE position = 60")
    assert_same_proof(worker_ledger)
    with pytest.raises(HistoryNotTrusted) as refused:
        prove(worker_ledger.store, ledger_id=worker_ledger.ledger_id(),
              check=ChainCheck.of(worker_ledger.store))
    assert (refused.value.problem.position, refused.value.problem.reason) == (
        60, "verify.changed")


def test_a_worker_ahead_is_followed_once_the_proof_has_its_first_event(
        worker_ledger: Ledger, sqlite_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker's sieve counts events only after the first: when the rows replayed here
    were all recorded after ``as_of`` and the worker's first row is one it would count,
    the replay reads on here."""
    _spread_timestamps(sqlite_db)
    conn = sqlite3.connect(sqlite_db)
    (counted,) = conn.execute("SELECT min(rowid) FROM stored_events WHERE rowid > 1 AND "
                              "(topic LIKE '%Activity.Held' OR topic LIKE '%AgreementLinked' "
                              "OR topic LIKE '%Effort.ParticipantsReported')").fetchone()
    conn.close()
    _edit(sqlite_db, "UPDATE stored_events SET state = CAST('{\"timestamp\":\"2098' || "
          "substr(CAST(state AS TEXT), 19) AS BLOB) WHERE rowid < ?", counted)
    _edit(sqlite_db, "UPDATE stored_events SET state = CAST('{\"timestamp\":\"2024' || "
          "substr(CAST(state AS TEXT), 19) AS BLOB) WHERE rowid = ?", counted)
    monkeypatch.setattr(audit_compliance, "HEAD_START", counted - 1)
    assert_same_proof(worker_ledger)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_stopped_proof_leaves_no_worker_behind(worker_ledger: Ledger,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Stopped by its progress callback at row 100, while the worker reads (after row 60):
    the worker is stopped too."""
    monkeypatch.setattr(audit_compliance, "PROGRESS_EVERY", 10)

    class Stop(Exception):
        pass

    def stop(position: int) -> None:
        if position >= 100:
            raise Stop

    before = _children()
    with pytest.raises(Stop):
        prove(worker_ledger.store, ledger_id=worker_ledger.ledger_id(), progress=stop)
    assert _children() == before
    report = prove(worker_ledger.store, ledger_id=worker_ledger.ledger_id())
    assert report.proven and _children() == before


@pytest.mark.parametrize("originator_id", [
    "0123456789abcdef0123456789abcdef",  # SQLite: marshalled
    UUID("01234567-89ab-cdef-0123-456789abcdef"),  # PostgreSQL: pickled
], ids=["text", "uuid"])
def test_the_worker_chains_the_rows_as_they_were_read(originator_id: UUID | str) -> None:
    rows: list[tuple[int, UUID | str, int, str, bytes | str]] = [
        (1, originator_id, 1, "domain.aggregates:Partner.Registered",
         b'{"timestamp":"2024-01-01T00:00:00.000000+00:00","key":"19121212-1212"}'),
        (2, originator_id, 2, "domain.aggregates:Partner.Onboarded", '{"as text"}')]
    sieve = Sieve(["domain.aggregates:Partner.Onboarded"])
    worker = PageWorker()
    try:
        worker.start(sieve)
        worker.send(rows)
        chained = worker.receive()
    finally:
        worker.close()
    assert chained is not None
    here = read_page(Chain(), rows, sieve)
    assert (chained.digests, chained.suspects) == (here.digests, here.suspects)
    assert chained.suspects == {0}
    assert chained.digests == [
        event_digest(topic, oid, version, state.encode() if isinstance(state, str) else state)
        for _, oid, version, topic, state in rows]
    # The second row is stored as text: the sieve forwards it, as the first (a suspect).
    assert (chained.forward, chained.counted, chained.picked) == ([0, 1], 0, [])
    assert here.picked == rows
