"""Replay for ``audit compliance`` against its references, on the same file in one run:
a raw ``sqlite3`` scan of the events table (the physical floor) and eventsourcing's
default JSON transcoder path on the same history."""

from __future__ import annotations

import resource
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventsourcing.application import Application
from eventsourcing.persistence import JSONTranscoder, Mapper, StoredEvent, Transcoding

from asfledger.audit import compliance
from asfledger.audit.compliance import prove
from asfledger.audit.verify import verify
from asfledger.history import event_type
from asfledger.ledger import Ledger
from asfledger.mapper import MsgspecMapper, to_struct
from domain.events import Created
from projections.compliance import ComplianceProof
from projections.events import LedgerEvent


def timed(fn: Callable[[], int]) -> tuple[int, float]:
    started = time.perf_counter()
    n = fn()
    return n, time.perf_counter() - started


def raw_scan(path: str) -> int:
    """Read every row of the events table in order, as fast as sqlite3 allows."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        cursor = conn.execute("SELECT rowid, originator_id, originator_version, topic, state "
                              "FROM stored_events ORDER BY rowid")
        n = 0
        while rows := cursor.fetchmany(5000):
            n += len(rows)
        return n
    finally:
        conn.close()


def asfledger_replay(path: str) -> int:
    with Ledger(path, read_only=True) as ledger:
        report = prove(ledger.store, ledger_id=ledger.ledger_id())
    assert report.proven
    return report.proof.events


class CPU:
    """Where a replay's time goes: CPU seconds of this process and of its worker (a child,
    counted once it has been waited for), per replay of the same file."""

    def __init__(self) -> None:
        self.main: list[float] = []
        self.worker: list[float] = []
        self.one_process: list[float] = []

    def replay(self, path: str) -> int:
        """``asfledger_replay``, its CPU recorded."""
        main, worker = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
        n = asfledger_replay(path)
        self.main.append(_cpu(resource.RUSAGE_SELF) - main)
        self.worker.append(_cpu(resource.RUSAGE_CHILDREN) - worker)
        return n

    def replay_in_one_process(self, path: str) -> int:
        """The same replay with no worker, as on a short history."""
        worker_from = compliance.WORKER_FROM
        compliance.WORKER_FROM = 2**62
        try:
            started = _cpu(resource.RUSAGE_SELF)
            n = asfledger_replay(path)
            self.one_process.append(_cpu(resource.RUSAGE_SELF) - started)
        finally:
            compliance.WORKER_FROM = worker_from
        return n

    def medians(self) -> dict[str, float]:
        return {"replay_cpu_main_s": statistics.median(self.main),
                "replay_cpu_worker_s": statistics.median(self.worker),
                "replay_in_one_process_cpu_s": statistics.median(self.one_process)}


def _cpu(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def asfledger_verify(path: str) -> int:
    with Ledger(path, read_only=True) as ledger:
        result = verify(ledger.store)
    assert result.ok
    return result.size


class _DateAsISO(Transcoding):
    type = __import__("datetime").date
    name = "date_iso"

    def encode(self, obj: Any) -> str:
        return str(obj.isoformat())

    def decode(self, data: Any) -> Any:
        return __import__("datetime").date.fromisoformat(data)


def default_path_copy(path: str, target: str) -> None:
    """The same history, re-encoded with eventsourcing's default JSON transcoder."""
    Path(target).unlink(missing_ok=True)
    with Ledger(path, read_only=True) as source:
        app: Application[Any] = Application(
            env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": target}
        )
        transcoder = app.mapper.transcoder
        assert isinstance(transcoder, JSONTranscoder)
        transcoder.register(_DateAsISO())
        ours = MsgspecMapper()
        start = 1
        while batch := source.recorder.select_notifications(start=start, limit=5000):
            events = [ours.to_domain_event(n) for n in batch]
            app.recorder.insert_events([app.mapper.to_stored_event(e) for e in events])
            start = batch[-1].id + 1
        app.close()


def default_replay(target: str) -> int:
    """Replay through eventsourcing's default ``Mapper`` + ``JSONTranscoder`` into the same
    proof: what the compliance replay would cost on the library's default path."""
    app: Application[Any] = Application(
        env={"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": target,
             "CREATE_TABLE": "n"}
    )
    transcoder = app.mapper.transcoder
    assert isinstance(transcoder, JSONTranscoder)
    transcoder.register(_DateAsISO())
    mapper: Mapper[Any] = app.mapper
    proof = ComplianceProof()
    subjects: dict[Any, str] = {}
    start, position = 1, 0
    while batch := app.recorder.select_notifications(start=start, limit=5000):
        for n in batch:
            position += 1
            event = mapper.to_domain_event(StoredEvent(n.originator_id, n.originator_version,
                                                       n.topic, n.state))
            typed = to_struct(event)  # what the proof reads: the stored schema's Struct
            if isinstance(typed, Created):
                subjects[event.originator_id] = typed.key
            proof.feed(LedgerEvent(position, typed.timestamp, typed.actor,
                                   event_type(n.topic), event.originator_id,
                                   subjects[event.originator_id], typed))
        start = batch[-1].id + 1
    app.close()
    assert proof.proven
    return proof.events
