"""What the fault tests share: run ``asfledger`` as a real process, read back exactly what
the ledger stores, and check the audit chain.

Every process is started with a timeout: a test that would hang fails instead.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from asfledger.audit.chain_store import ChainStore
from asfledger.cli import run
from asfledger.ledger import Ledger
from domain import commands as c
from domain.commands import encode_command

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60  # seconds any one process may take before the test fails


def asfledger_argv(db: str, *args: str, actor: str | None = None) -> list[str]:
    """``python -m asfledger --db DB --lang en [--actor A] ARGS…``."""
    extra = ["--actor", actor] if actor else []
    return [sys.executable, "-m", "asfledger", "--db", db, "--lang", "en", *extra, *args]


def asfledger(db: str, *args: str, actor: str | None = None,
              timeout: float = TIMEOUT) -> subprocess.CompletedProcess[str]:
    """Run the command in its own process (the way users and scripts run it)."""
    return subprocess.run(asfledger_argv(db, *args, actor=actor), capture_output=True,
                          text=True, cwd=REPO, timeout=timeout, check=False)


def cli(db: str, *args: str) -> tuple[int, str, str]:
    """Run the command in this process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", "en", *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def assert_one_sentence(stderr: str) -> None:
    """SPEC §3: an error is one clear sentence, never a traceback."""
    assert "Traceback" not in stderr, stderr
    assert stderr.endswith("\n") and stderr.count("\n") == 1, repr(stderr)
    assert len(stderr.strip()) > 20, repr(stderr)


def write_jsonl(path: Path, commands: Sequence[c.Command]) -> str:
    path.write_bytes(b"".join(encode_command(cmd) + b"\n" for cmd in commands))
    return str(path)


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.005)


# What is stored ---------------------------------------------------------------------------

Row = tuple[str, int, str, bytes]  # originator id, version, topic, state


@dataclass(frozen=True)
class Snapshot:
    """Every stored event in global order and the stored chain, read back raw."""

    rows: tuple[Row, ...]
    chain: tuple[tuple[int, bytes], ...]  # (position, hash)

    @property
    def size(self) -> int:
        return len(self.rows)

    def digest(self) -> str:
        h = hashlib.sha256()
        for oid, version, topic, state in self.rows:
            h.update(f"{oid}|{version}|{topic}|{len(state)}|".encode() + state)
        for position, chained in self.chain:
            h.update(position.to_bytes(8, "big") + chained)
        return h.hexdigest()

    def identities(self) -> tuple[tuple[str, int, str], ...]:
        """(originator id, version, topic) of each event: what a replay of the same file
        stores again (the states differ only by their recording time)."""
        return tuple((oid, version, topic) for oid, version, topic, _ in self.rows)


def snapshot(db: str) -> Snapshot:
    with Ledger(db, actor="snapshot", read_only=True) as ledger:
        notifications = ledger.store.select_notifications(start=1, limit=10_000_000)
        rows = tuple((str(n.originator_id), n.originator_version, n.topic, bytes(n.state))
                     for n in notifications)
        chain = tuple((r.position, r.hash) for r in
                      cast(ChainStore, ledger.store).select_chain(0, 10_000_000))
    return Snapshot(rows, chain)


def assert_consistent(db: str, snap: Snapshot | None = None) -> Snapshot:
    """``audit verify`` passes; positions run 1…N without a gap; every aggregate's
    versions run 1…n (no event lost, none twice)."""
    code, out, err = cli(db, "audit", "verify")
    assert code == 0 and out.startswith("verified:"), (code, out, err)
    snap = snap or snapshot(db)
    assert [p for p, _ in snap.chain] == list(range(1, snap.size + 1))
    versions: dict[str, list[int]] = {}
    for oid, version, _, _ in snap.rows:
        versions.setdefault(oid, []).append(version)
    for oid, seen in versions.items():
        assert seen == list(range(1, len(seen) + 1)), (oid, seen)
    return snap


def events_jsonl(db: str) -> list[dict[str, Any]]:
    """``asfledger events --format jsonl``: position, time, actor, type, subject, data."""
    code, out, err = cli(db, "events", "--format", "jsonl")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]

