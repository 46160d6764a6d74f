"""One import of a large history is one transaction on both stores (SPEC §3: all or
nothing), whatever its size. On PostgreSQL an import of more than about 40,000 events once
never returned (eventsourcing's pipelined insert); the chain recorder now writes the
events and their chain rows in two statements outside pipeline mode."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from asfledger.demo import scaled_commands, write_jsonl
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger

from .harness import assert_consistent, cli

EVENTS = 60_000


@pytest.fixture(scope="module")
def history() -> bytes:
    return write_jsonl(list(scaled_commands(EVENTS, 7, today=date(2026, 11, 26))))


@pytest.mark.parametrize("store", ["sqlite", "postgres"])
def test_an_import_of_sixty_thousand_events_lands_whole_and_verifies(
        store: str, history: bytes, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    db = request.getfixturevalue(f"{store}_db")

    with Ledger(db, actor="test") as ledger:
        result = import_bytes(ledger, history)
        assert result.applied.events >= EVENTS

    snap = assert_consistent(db)
    assert snap.size == result.applied.events
    code, out, _ = cli(db, "checkpoint", "-o", str(tmp_path / "cp.txt"))
    assert code == 0 and f"size: {snap.size}" in out
