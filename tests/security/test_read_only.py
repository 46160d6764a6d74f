"""Read-only auditors (docs/SECURITY.md): every reading command opens the ledger read-only,
so an auditor's account that cannot write the SQLite file or its directory, or a
PostgreSQL role with SELECT only, can verify, prove and report; writing fails with exit 3
and changes nothing."""

from __future__ import annotations

import asyncio
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
from asfledger.storage import safe_location
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
from tui.app import LedgerApp, open_app
from tui.text import translate

NOBODY = 65534
CAN_DROP_PRIVILEGES = (hasattr(os, "geteuid") and os.geteuid() == 0
                       and shutil.which("setpriv") is not None)

READERS = [
    ("audit", "verify"),
    ("audit", "compliance"),
    ("audit", "replay"),
    ("events",),
    ("report", "board", "--period", "2026"),
    ("export", "360giving", "--draft"),
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


def test_an_auditor_in_a_folder_they_can_write_leaves_no_files_the_owner_cannot_use(
        shared_folder: Path, tmp_path: Path) -> None:
    """A shared folder everyone may write, a ledger only its owner may: the auditor's
    reads leave no ``-wal``/``-shm`` of theirs beside it, and the owner imports after."""
    shared_folder.chmod(0o777)
    db = shared_folder / "ledger.sqlite"
    import_history(str(db), shared_folder)
    db.chmod(0o644)
    before = _snapshot(shared_folder)

    for command in READERS:
        result = as_nobody("-m", "asfledger", "--db", str(db), *command, cwd=shared_folder)

        assert result.returncode == 0, (command, result.stderr)
    assert _snapshot(shared_folder) == before
    assert all(p.stat().st_uid == 0 for p in shared_folder.iterdir())
    more = tmp_path / "more.jsonl"
    more.write_text('{"command": "hold_board_meeting", "ref": "STYR-9", '
                    '"held_on": "2026-03-01", "minutes_ref": "P 2026:9"}\n')
    code, _, err = cli("--db", str(db), "import", str(more))
    assert code == 0, err


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
    assert result.stdout.strip().endswith("events 10")
    assert _snapshot(shared_folder) == before


# Writing without the right to write: one sentence, or the UI read-only -----------------

CANNOT_WRITE = {
    "en": "storage problem: the ledger at {db} cannot be written by this user (the file or "
          "its folder is read-only); nothing was written — it can still be read: open the "
          "UI, or use the audit, report and events commands\n",
    "sv": "lagringsfel: liggaren på {db} kan inte skrivas av den här användaren (filen eller "
          "dess mapp är skrivskyddad); inget skrevs — den kan ändå läsas: öppna "
          "gränssnittet, eller använd kommandona audit, report och events\n",
}


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize("mode", [0o644, 0o666], ids=["read-only file", "read-only folder"])
def test_an_import_onto_a_ledger_its_user_cannot_write_is_one_sentence_and_writes_nothing(
        shared_folder: Path, mode: int, lang: str) -> None:
    """The file is read-only for the user, or only its folder is (SQLite cannot create the
    -wal and -shm files there): exit 3, the sentence says why and what still works."""
    db = shared_folder / "ledger.sqlite"
    import_history(str(db), shared_folder)
    db.chmod(mode)
    more = write_history(shared_folder, "more.jsonl")
    more.chmod(0o644)
    before = _snapshot(shared_folder)

    result = as_nobody("-m", "asfledger", "--db", str(db), "--lang", lang, "import",
                       str(more), cwd=shared_folder)

    assert result.returncode == 3
    assert result.stdout == ""
    assert result.stderr == CANNOT_WRITE[lang].format(db=db)
    assert _snapshot(shared_folder) == before


def test_a_new_ledger_in_a_folder_its_user_cannot_write_is_one_sentence(
        shared_folder: Path) -> None:
    db = shared_folder / "new" / "ledger.sqlite"
    more = write_history(shared_folder, "more.jsonl")
    more.chmod(0o644)

    result = as_nobody("-m", "asfledger", "--db", str(db), "import", str(more),
                       cwd=shared_folder)

    assert result.returncode == 3
    assert result.stderr == (f"storage problem: cannot create a ledger at {db}: this user "
                             f"cannot write in the folder {shared_folder}; nothing was "
                             "written\n")
    assert sorted(p.name for p in shared_folder.iterdir()) == ["more.jsonl"]


TUI_UNWRITABLE = """
import asyncio, sys
from tui.app import open_app

async def main() -> None:
    app = open_app(sys.argv[1], actor="auditor", lang=sys.argv[2])  # no read_only
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        told = [str(n.message) for n in app._notifications]
        await pilot.press("r")  # record: refused, saying why
        await pilot.pause()
        print("read-only", app.read_only, app.ledger.read_only)
        print("events", app.head)
        print("subtitle", app.sub_title)
        for message in told:
            print("told", message)
        for message in [str(n.message) for n in app._notifications][len(told):]:
            print("on r", message)

asyncio.run(main())
"""

UI_TOLD = {
    "en": ("You cannot write this file, so it is open read-only.",
           "You cannot write this file, so it is open read-only: nothing can be recorded "
           "here.",
           "{db} · read-only"),
    "sv": ("Du kan inte skriva i den här filen, så den är öppnad skrivskyddad.",
           "Du kan inte skriva i den här filen, så den är öppnad skrivskyddad: inget kan "
           "registreras här.",
           "{db} · skrivskyddad"),
}


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_ui_opens_a_ledger_its_user_cannot_write_read_only_and_says_so(
        shared_folder: Path, lang: str) -> None:
    """``asfledger`` / ``asfledger tui`` without --read-only on a file the user cannot
    write: the UI opens anyway, read-only, and tells the user once why."""
    db = shared_folder / "ledger.sqlite"
    import_history(str(db), shared_folder)
    db.chmod(0o644)
    before = _snapshot(shared_folder)

    result = as_nobody("-c", TUI_UNWRITABLE, str(db), lang, cwd=Path("/"))

    assert result.returncode == 0, result.stderr
    notice, on_record, subtitle = UI_TOLD[lang]
    assert result.stdout.splitlines() == [
        "read-only True True",
        "events 10",
        f"subtitle {subtitle.format(db=db)}",
        f"told {notice}",
        f"on r {on_record}",
    ]
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
    assert err.startswith(f"storage problem: the ledger at {safe_location(auditor_url)} cannot "
                          "be written with this database role (permission denied")
    assert err.rstrip().endswith("it can still be read: open the UI, or use the audit, "
                                 "report and events commands")
    assert err.count("\n") == 1
    assert fingerprint(postgres_db) == before
    assert event_count(postgres_db) == 10


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_the_ui_opens_read_only_for_a_role_that_may_only_read_and_says_so(
        auditor_url: str, postgres_db: str, lang: str) -> None:
    """``asfledger tui`` without --read-only as the auditor's role: opened read-only (not
    exit 3), told once, recording refused with the reason; nothing written."""
    before = fingerprint(postgres_db)
    app = open_app(auditor_url, actor="auditor", lang=lang)  # no read_only
    assert isinstance(app, LedgerApp)

    async def main() -> tuple[list[str], list[str]]:
        async with app.run_test(size=(110, 36)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            told = [str(n.message) for n in app._notifications]
            await pilot.press("r")
            await pilot.pause()
            return told, [str(n.message) for n in app._notifications][len(told):]

    told, on_record = asyncio.run(main())

    assert app.read_only and app.ledger.read_only and app.head == 10
    assert told == [translate("ui.opened_unwritable_role", lang)]
    assert on_record == [translate("form.unwritable_role", lang)]
    assert fingerprint(postgres_db) == before
