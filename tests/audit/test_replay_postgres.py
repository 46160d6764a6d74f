"""The compliance replay on PostgreSQL (issue 18): the worker reads the events table
itself through a server-side cursor, as it reads a SQLite file, and the proof is the same
as the reference proof (``decode_rows(stream(...))`` fed event by event), for every page
size, head start and ``as_of``. (That the rows the recorder's ``scan`` gives are
eventsourcing's own on both stores is tests/storage/test_contract.py's.)
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from asfledger.audit import compliance as audit_compliance
from asfledger.audit.worker import PageWorker
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from tests.audit.test_compliance_proof import SCENARIOS, _FirstChoice, force
from tests.audit.test_replay_fast_path import _history, assert_same_proof
from tests.domain import builders as b


@pytest.fixture
def forged(postgres_db: str) -> Iterator[str]:
    """The realistic history and every forged violation, on PostgreSQL."""
    with Ledger(postgres_db, actor="test") as ledger:
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
    yield postgres_db


@pytest.mark.parametrize(("size", "head_start"), [(2000, 1), (7, 10), (50, 0), (1, 3)])
def test_the_worker_reading_postgres_gives_the_reference_proof(
        forged: str, size: int, head_start: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_compliance, "PAGE", size)
    monkeypatch.setattr(audit_compliance, "WORKER_FROM", 0)
    monkeypatch.setattr(audit_compliance, "HEAD_START", head_start)
    started: list[bool] = []
    start = PageWorker.start

    def noted(self: PageWorker, *args: object, **kwargs: object) -> None:
        start(self, *args, **kwargs)  # type: ignore[arg-type]
        started.append(self.reads)

    receive, pages = PageWorker.receive, []

    def counted(self: PageWorker) -> object:
        done = receive(self)
        if done is not None:
            pages.append(done.size)
        return done

    monkeypatch.setattr(PageWorker, "start", noted)
    monkeypatch.setattr(PageWorker, "receive", counted)
    with Ledger(forged, actor="auditor") as ledger:
        assert_same_proof(ledger)
        size = ledger.head()
    assert started and all(started)  # every replay had a worker, and it read itself
    # ... and it read every row after the head start, page by page, for the replays
    # whose head start held the proof's first event (the others read on here).
    head = max(head_start, size // audit_compliance.HEAD_SHARE, 1)  # as _with_worker
    assert pages and sum(pages) % (size - head) == 0


def test_the_proof_goes_on_here_when_the_postgres_worker_dies(
        forged: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_compliance, "PAGE", 50)
    monkeypatch.setattr(audit_compliance, "WORKER_FROM", 0)
    monkeypatch.setattr(audit_compliance, "HEAD_START", 60)
    receive, answers = PageWorker.receive, [0]

    def dying(self: PageWorker) -> object:
        answers[0] += 1
        if answers[0] == 3:
            self._process.kill()
            self._process.wait()
        return receive(self)

    monkeypatch.setattr(PageWorker, "receive", dying)
    with Ledger(forged, actor="auditor") as ledger:
        assert_same_proof(ledger)
    assert answers[0] >= 3
