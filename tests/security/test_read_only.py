"""Read-only auditors (docs/SECURITY.md): every reading command opens the ledger read-only,
so an auditor's account that cannot write the SQLite file or its directory, or a
PostgreSQL role with SELECT only, can verify, prove and report; writing fails with exit 3
and changes nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import psycopg
import pytest

from asfledger.security import generate_key
from tests.conftest import POSTGRES_URL
from tests.security.support import (
    PARTNER_NAME,
    cli,
    event_count,
    fingerprint,
    import_history,
    split_url,
    write_history,
)

NOBODY = 65534
CAN_DROP_PRIVILEGES = (hasattr(os, "geteuid") and os.geteuid() == 0
                       and shutil.which("setpriv") is not None)

READERS = [
    ("audit", "verify"),
    ("audit", "compliance"),
    ("audit", "replay"),
    ("events",),
    ("report", "board", "--period", "2026"),
    ("export", "360giving"),
    ("checkpoint",),
]


def as_nobody(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run a Python module as the unprivileged user ``nobody`` (no capabilities)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/nonexistent",
           "LANG": "C.UTF-8", "ASFLEDGER_LANG": "en"}
    return subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
         sys.executable, *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder owned by root that others can read but not write (like an auditor's view
    of a shared drive); outside pytest's tmp dir, which only root can enter."""
    if not CAN_DROP_PRIVILEGES:
        pytest.skip("needs root and setpriv to run a command as an unprivileged user")
    root = Path(tempfile.mkdtemp(prefix="asfledger-ro-", dir="/tmp"))
    try:
        root.chmod(0o755)
        yield root
    finally:
        shutil.rmtree(root)


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_nobody_cannot_write_here(shared_folder: Path) -> None:
    """The premise: the unprivileged user really cannot write the folder."""
    result = as_nobody("-c", f"open({str(shared_folder / 'x')!r}, 'w')", cwd=shared_folder)

    assert result.returncode != 0
    assert "Permission denied" in result.stderr


def test_an_auditor_who_cannot_write_the_file_or_its_folder_reads_everything(
        shared_folder: Path) -> None:
    db = shared_folder / "ledger.sqlite"
    import_history(str(db), shared_folder)
    db.chmod(0o644)
    assert not db.with_name("ledger.sqlite-wal").exists()  # no writer is connected
    before = _snapshot(shared_folder)

    for command in READERS:
        result = as_nobody("-m", "asfledger", "--db", str(db), *command, cwd=shared_folder)

        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout
    assert _snapshot(shared_folder) == before


def test_an_auditor_who_cannot_write_cannot_import(shared_folder: Path) -> None:
    db = shared_folder / "ledger.sqlite"
    import_history(str(db), shared_folder)
    db.chmod(0o644)
    more = write_history(shared_folder, "more.jsonl")
    more.chmod(0o644)
    before = _snapshot(shared_folder)

    result = as_nobody("-m", "asfledger", "--db", str(db), "import", str(more),
                       cwd=shared_folder)

    assert result.returncode == 3
    assert result.stderr.count("\n") == 1
    assert _snapshot(shared_folder) == before


def test_an_auditor_with_the_key_reads_an_encrypted_ledger_read_only(
        shared_folder: Path) -> None:
    db = shared_folder / "ledger.sqlite"
    key = generate_key(shared_folder / "auditor.key")
    import_history(str(db), shared_folder, "--key-file", str(key))
    db.chmod(0o644)
    os.chown(key, NOBODY, NOBODY)  # the auditor's own copy of the key
    before = fingerprint(str(db))

    result = as_nobody("-m", "asfledger", "--db", str(db), "--key-file", str(key),
                       "events", cwd=shared_folder)

    assert result.returncode == 0, result.stderr
    assert PARTNER_NAME in result.stdout
    assert fingerprint(str(db)) == before


TUI_READ_ONLY = """
import asyncio, sys
from tui.app import LedgerApp

async def main() -> None:
    app = LedgerApp(sys.argv[1], actor="auditor", lang="en", read_only=True)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("events", app.head)

asyncio.run(main())
"""


def test_the_ui_read_only_opens_a_ledger_its_user_cannot_write(shared_folder: Path) -> None:
    db = shared_folder / "ledger.sqlite"
    import_history(str(db), shared_folder)
    db.chmod(0o644)
    before = _snapshot(shared_folder)

    result = as_nobody("-c", TUI_READ_ONLY, str(db), cwd=Path("/"))

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("events 9")
    assert _snapshot(shared_folder) == before


# PostgreSQL: an auditor role with USAGE on the schema and SELECT on its tables -----------

AUDITOR_GRANTS = [  # the SQL of docs/SECURITY.md, for a role and a schema
    'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
    'GRANT SELECT ON "{schema}".asfledger_events, "{schema}".asfledger_chain, '
    '"{schema}".asfledger_meta TO "{role}"',
]


@pytest.fixture
def auditor_url(postgres_db: str, tmp_path: Path) -> Iterator[str]:
    """The ledger (with a small history) as an auditor role that can only read it."""
    import_history(postgres_db, tmp_path)
    _, schema = split_url(postgres_db)
    role = f"asf_auditor_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE ROLE "{role}" LOGIN')
        for grant in AUDITOR_GRANTS:
            conn.execute(grant.format(schema=schema, role=role))
    server = urlparse(POSTGRES_URL)
    try:
        yield (f"postgresql://{role}@{server.hostname}:{server.port or 5432}{server.path}"
               f"?schema={schema}")
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP OWNED BY "{role}"')
            conn.execute(f'DROP ROLE "{role}"')


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_a_select_only_postgres_role_can_audit_and_report(
        auditor_url: str, command: tuple[str, ...]) -> None:
    code, out, err = cli("--db", auditor_url, *command)

    assert code == 0, err
    assert out


def test_a_select_only_postgres_role_cannot_import(
        auditor_url: str, postgres_db: str, tmp_path: Path) -> None:
    before = fingerprint(postgres_db)

    code, out, err = cli("--db", auditor_url, "import",
                         str(write_history(tmp_path, "more.jsonl")))

    assert code == 3
    assert out == ""
    assert "permission denied" in err
    assert err.count("\n") == 1
    assert fingerprint(postgres_db) == before
    assert event_count(postgres_db) == 9
