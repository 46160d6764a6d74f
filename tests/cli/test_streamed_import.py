"""A streamed import (issue 18): decoded, decided and written in chunks inside ONE
transaction, so memory does not grow with the file, and still all or nothing. On SQLite
and PostgreSQL, with chunks of a few events so that a small file crosses many of them.
"""

from __future__ import annotations

import contextlib
import io
import os
import pty
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from asfledger import ledger as ledger_module
from asfledger.audit.compliance import prove
from asfledger.audit.verify import verify
from asfledger.demo import demo_commands, write_jsonl
from asfledger.importer import ImportRefused, import_lines
from asfledger.ledger import Ledger
from asfledger.security import generate_key
from tests.cli.test_import_read_models import assert_saved_at_head, saved_dashboard

TODAY = date(2026, 6, 30)
HISTORY = write_jsonl(demo_commands(2, 5, today=TODAY))
LINES = HISTORY.splitlines()
CHUNK = 7  # events between two writes: the demo history crosses dozens of chunks


def stored(db: str) -> list[tuple[str, str, int]]:
    """Every stored event's topic, subject and version, in order (not the recorded time)."""
    with Ledger(db, actor="reader") as ledger:
        return [(n.topic, str(n.originator_id), n.originator_version)
                for n in ledger.store.select_notifications(start=1, limit=10**6)]


def streamed(db: str, lines: list[bytes], *, chunk: int = CHUNK, dry_run: bool = False,
             progress: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    with Ledger(db, actor="importer") as ledger:
        result = import_lines(ledger, io.BytesIO(b"\n".join(lines)), dry_run=dry_run,
                              chunk=chunk, progress=None if progress is None
                              else lambda d, w: progress.append((d, w)))
    return result.applied.commands, result.applied.events


def test_a_streamed_import_stores_what_one_batch_stores(db: str) -> None:
    progress: list[tuple[int, int]] = []
    commands, events = streamed(db, LINES, progress=progress)
    assert commands == len([line for line in LINES if line.strip()])
    # The same history as one batch (the chunk larger than the file), in another ledger.
    one_batch = f"{db}-batch.sqlite" if not db.startswith("postgresql") else None
    if one_batch is not None:
        assert streamed(one_batch, LINES, chunk=10**6) == (commands, events)
        assert stored(one_batch) == stored(db)
    assert len(stored(db)) == events
    # Progress after each chunk: decided and written only grow, and end at the totals.
    assert len(progress) > events // CHUNK // 2
    assert progress == sorted(progress)
    assert progress[-1] == (commands, events)
    assert all(written <= events for _, written in progress)
    with Ledger(db, actor="auditor") as ledger:
        assert verify(ledger.store).problems == []
        assert prove(ledger.store, ledger_id=ledger.ledger_id()).proven
    assert_saved_at_head(db)  # the dashboard fed chunk by chunk equals the folded one


def test_a_refusal_on_the_last_line_leaves_nothing_written(db: str) -> None:
    # The last line repeats the first command: only the state the first chunk wrote (in
    # the same, still open, transaction) can tell it is a duplicate.
    first = next(line for line in LINES if line.strip())
    lines = [*LINES, first]
    with pytest.raises(ImportRefused) as refused:
        streamed(db, lines)
    assert refused.value.line == len(lines)
    assert stored(db) == []
    saved, tracked, head, _, _ = saved_dashboard(db)
    assert (saved, tracked, head) == (None, None, 0)


def test_a_refusal_late_in_a_second_import_leaves_the_first_as_it_was(db: str) -> None:
    half = len(LINES) // 2
    streamed(db, LINES[:half])
    before = stored(db)
    saved_before = saved_dashboard(db)[0]
    # An activity planned early in this import, planned again on its last line.
    again = next(line for line in LINES[half:] if b'"plan_activity"' in line)
    with pytest.raises(ImportRefused) as refused:
        streamed(db, [*LINES[half:], again])
    assert refused.value.line == len(LINES) - half + 1
    assert stored(db) == before
    assert saved_dashboard(db)[0] == saved_before


def test_aggregates_forgotten_between_chunks_are_read_back_through_the_transaction(
        db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Three aggregates kept between chunks: nearly every command needs one read back,
    # with what this import wrote (visible only inside its transaction).
    monkeypatch.setattr(ledger_module, "CACHED", 3)
    reload, reloaded = Ledger.reload, []

    def counted(self: Ledger, *args: Any) -> Any:
        found = reload(self, *args)
        reloaded.append(found is not None)
        return found

    monkeypatch.setattr(Ledger, "reload", counted)
    first = next(line for line in LINES if line.strip())
    with pytest.raises(ImportRefused) as refused:  # a duplicate of a forgotten aggregate
        streamed(db, [*LINES, first])
    assert refused.value.line == len(LINES) + 1
    assert stored(db) == []
    assert sum(reloaded) > 50
    commands, events = streamed(db, LINES)
    with Ledger(db, actor="auditor") as ledger:
        assert prove(ledger.store, ledger_id=ledger.ledger_id()).proven
    if not db.startswith("postgresql"):  # the same events as one batch decides
        monkeypatch.setattr(ledger_module, "CACHED", 10**6)
        assert streamed(f"{db}-batch.sqlite", LINES, chunk=10**6) == (commands, events)
        assert stored(f"{db}-batch.sqlite") == stored(db)
    assert_saved_at_head(db)


def test_a_streamed_dry_run_decides_everything_and_writes_nothing(db: str) -> None:
    progress: list[tuple[int, int]] = []
    commands, events = streamed(db, LINES, dry_run=True, progress=progress)
    assert commands == len([line for line in LINES if line.strip()]) and events == 0
    assert len(progress) > 1 and all(written == 0 for _, written in progress)
    assert stored(db) == []
    first = next(line for line in LINES if line.strip())
    with pytest.raises(ImportRefused):  # a dry run still sees the earlier chunks' state
        streamed(db, [*LINES, first], dry_run=True)


# The command line: a progress line on a terminal only, and --quiet ----------------------

def asfledger(db: str, *args: str, stderr: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ASFLEDGER_ACTOR": "importer"}
    return subprocess.Popen([sys.executable, "-m", "asfledger", "--db", db, "--lang", "en",
                             *args], stdout=subprocess.PIPE, stderr=stderr, env=env)


def test_on_a_terminal_the_import_shows_its_progress_on_stderr(sqlite_db: str,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    path.write_bytes(HISTORY)
    primary, secondary = pty.openpty()
    try:
        process = asfledger(sqlite_db, "import", str(path), stderr=secondary)
        os.close(secondary)
        out, _ = process.communicate(timeout=120)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the child's side is closed
            while chunk := os.read(primary, 4096):
                shown += chunk
    finally:
        os.close(primary)
    assert process.returncode == 0, shown
    assert b"commands decided" in shown and b"events written" in shown
    assert shown.endswith(b"\r\x1b[K")  # erased at the end: the summary stands alone
    assert out.decode().startswith("applied ")


def test_without_a_terminal_or_with_quiet_nothing_but_the_summary_or_nothing(
        sqlite_db: str, tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    half = len(LINES) // 2
    path.write_bytes(b"\n".join(LINES[:half]))
    process = asfledger(sqlite_db, "import", str(path), stderr=subprocess.PIPE)
    out, err = process.communicate(timeout=120)
    assert (process.returncode, err) == (0, b"")
    assert out.decode().startswith("applied ")
    path.write_bytes(b"\n".join(LINES[half:]))
    primary, secondary = pty.openpty()
    try:  # --quiet: not even on a terminal, and no summary
        process = asfledger(sqlite_db, "import", "--quiet", str(path), stderr=secondary)
        os.close(secondary)
        out, _ = process.communicate(timeout=120)
        os.set_blocking(primary, False)
        with contextlib.suppress(OSError):
            assert os.read(primary, 4096) == b""
    finally:
        os.close(primary)
    assert (process.returncode, out) == (0, b"")
    assert len(stored(sqlite_db)) > 0


def test_an_encrypted_ledger_is_streamed_encrypted(db: str, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Chunks are encrypted as they are written, and aggregates read back decrypted."""
    monkeypatch.setattr(ledger_module, "CACHED", 3)
    key = generate_key(tmp_path / "key")
    with Ledger(db, actor="importer", key_file=key) as ledger:
        result = import_lines(ledger, io.BytesIO(HISTORY), chunk=CHUNK)
        assert ledger.cipher is not None
        proof = prove(ledger.store, ledger_id=ledger.ledger_id(),
                      cipher=ledger.cipher)
        assert proof.proven and proof.proof.events == result.applied.events
        states = [n.state for n in ledger.store.select_notifications(start=1, limit=10)]
    assert states and all(b'"timestamp"' not in state for state in states)
