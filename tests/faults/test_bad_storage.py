"""Storage that is not a ledger, or not there (SPEC §3, §7): one clear sentence, exit 3,
never a traceback, and the file is left exactly as it was.

Each case is checked for ``import``, ``events``, ``audit verify``, ``audit compliance`` and
``checkpoint``, in this process (all of them), and as a real process (one command per
case, taking turns, so each command is also seen from outside).

A zero-length file is a new, empty ledger (decided here, see ``asfledger.storage``): it
is what ``touch`` or an interrupted first creation leaves, and SQLite itself sees an empty
database. Reading it shows an empty ledger (exit 0) and leaves it at zero bytes; an
import makes it a ledger.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import pytest

from asfledger.ledger import Ledger
from tests.conftest import _PG_REASON, POSTGRES_URL, REQUIRE_POSTGRES
from tests.domain.builders import plan_activity

from .harness import (
    asfledger,
    assert_one_sentence,
    cli,
    write_jsonl,
)

COMMANDS: list[tuple[str, ...]] = [
    ("import", "{file}"),
    ("events",),
    ("audit", "verify"),
    ("audit", "compliance"),
    ("checkpoint",),
]


def _real_ledger(path: Path) -> None:
    with Ledger(str(path), actor="base") as ledger:
        ledger.execute([plan_activity(f"AKT-{i}") for i in range(1, 400)])


def not_sqlite(d: Path) -> str:
    (d / "notes.txt").write_text("Protokoll fört vid styrelsemöte 2026-02-01\n" * 50)
    return str(d / "notes.txt")


def other_program(d: Path) -> str:
    conn = sqlite3.connect(d / "contacts.db")
    conn.execute("CREATE TABLE contacts (name TEXT, phone TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Anna', '08-123 45 67')")
    conn.commit()
    conn.close()
    return str(d / "contacts.db")


def truncated(fraction: float) -> Callable[[Path], str]:
    def make(d: Path) -> str:
        _real_ledger(d / "whole.sqlite")
        path = d / "ledger.sqlite"
        shutil.copyfile(d / "whole.sqlite", path)
        os.truncate(path, int(path.stat().st_size * fraction))
        return str(path)
    return make


def directory(d: Path) -> str:
    (d / "ledger.sqlite").mkdir()
    return str(d / "ledger.sqlite")


def server_down(d: Path) -> str:
    return "postgresql://postgres@127.0.0.1:1/test"  # nothing listens on port 1


def no_such_database(d: Path) -> str:
    return POSTGRES_URL.rsplit("/", 1)[0] + "/asfledger_no_such_database"


# (name, make the location in a directory, words the sentence must contain)
CASES: list[tuple[str, Callable[[Path], str], tuple[str, ...]]] = [
    ("not an SQLite file", not_sqlite, ("notes.txt", "not an SQLite database")),
    ("an SQLite file of another program", other_program, ("contacts.db", "another program")),
    ("a ledger truncated to half", truncated(0.5), ("ledger.sqlite", "not a readable")),
    ("a ledger truncated to its first page", truncated(0.001),
     ("ledger.sqlite", "not a readable")),
    ("a directory", directory, ("ledger.sqlite", "is a directory")),
    ("a PostgreSQL server that is down", server_down,
     ("postgresql://postgres@127.0.0.1:1/test", "connection refused")),
    ("a PostgreSQL database that does not exist", no_such_database,
     ("asfledger_no_such_database", "does not exist")),
]
NEEDS_SERVER = {"a PostgreSQL database that does not exist"}


def state_of(d: Path) -> dict[str, bytes | None]:
    """Every file in the directory and its bytes (None for a directory)."""
    return {str(p.relative_to(d)): None if p.is_dir() else p.read_bytes()
            for p in sorted(d.rglob("*"))}


def assert_unchanged(before: dict[str, bytes | None], after: dict[str, bytes | None]
                     ) -> None:
    """The same files with the same bytes; SQLite may add its empty -wal and -shm files
    next to a database it opened for reading (it writes nothing into them)."""
    for name, data in before.items():
        assert after.get(name) == data, f"{name} changed"
    for name in set(after) - set(before):
        assert name.endswith(("-shm", "-wal")), f"{name} was created"
        if name.endswith("-wal"):
            assert after[name] == b"", f"{name} has content"


def expand(command: tuple[str, ...], file: str) -> list[str]:
    return [part.format(file=file) for part in command]


@pytest.mark.parametrize(("case", "make", "words"), CASES, ids=[c[0] for c in CASES])
def test_bad_storage_is_one_sentence_exit_3_and_left_as_it_was(
        tmp_path: Path, case: str, make: Callable[[Path], str],
        words: tuple[str, ...]) -> None:
    if case in NEEDS_SERVER and _PG_REASON is not None:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required here: {_PG_REASON}")
        pytest.skip(_PG_REASON)
    here = tmp_path / "here"
    here.mkdir()
    db = make(here)
    file = write_jsonl(tmp_path / "one.jsonl", [plan_activity("AKT-NEW")])
    for sidecar in here.glob("*.sqlite-*"):
        sidecar.unlink()  # the truncated copy's source was closed: nothing pending
    before = state_of(here)
    for command in COMMANDS:
        code, out, err = cli(db, *expand(command, file))
        assert code == 3, (command, code, out, err)
        assert out == "", (command, out)
        assert_one_sentence(err)
        assert err.startswith("storage problem: "), err
        for word in words:
            assert word in err, (command, word, err)
        assert_unchanged(before, state_of(here))
    # From outside: the command whose turn it is, as a process.
    command = COMMANDS[[c[0] for c in CASES].index(case) % len(COMMANDS)]
    done = asfledger(db, *expand(command, file))
    assert done.returncode == 3, (command, done)
    assert done.stdout == ""
    assert_one_sentence(done.stderr)
    for word in words:
        assert word in done.stderr
    assert_unchanged(before, state_of(here))


def test_a_zero_length_file_is_a_new_empty_ledger(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite"
    db.touch()
    for command in COMMANDS[1:]:
        code, out, err = cli(str(db), *command)
        assert (code, err) == (0, ""), (command, err)
        assert db.read_bytes() == b"", f"{command} wrote to the empty file"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.sqlite"]
    assert cli(str(db), "audit", "verify")[1].startswith("verified: 0 events")
    assert "size: 0" in cli(str(db), "checkpoint")[1]
    code, out, err = cli(str(db), "audit", "compliance", "--format", "json")
    assert code == 0 and json.loads(out)["verdict"] == "no_violation_found", (out, err)
    assert json.loads(out)["history"]["events"] == 0
    assert cli(str(db), "events", "--format", "jsonl")[1] == ""

    # As processes too, and then an import makes it a ledger.
    with ThreadPoolExecutor(2) as pool:
        done = list(pool.map(lambda cmd: asfledger(str(db), *cmd),
                             [("events",), ("audit", "verify")]))
    assert [d.returncode for d in done] == [0, 0], done
    assert db.read_bytes() == b""
    file = write_jsonl(tmp_path / "one.jsonl", [plan_activity("AKT-1")])
    imported = asfledger(str(db), "import", file)
    assert imported.returncode == 0, imported.stderr
    assert cli(str(db), "audit", "verify")[1].startswith("verified: 1 event,")


def test_reading_a_ledger_that_is_not_there_is_one_sentence(tmp_path: Path) -> None:
    """``import`` creates a missing ledger (SPEC §3); the read-only commands do not."""
    db = str(tmp_path / "missing.sqlite")
    for command in COMMANDS[1:]:
        code, out, err = cli(db, *command)
        assert code == 3 and out == "", (command, code, out)
        assert_one_sentence(err)
        assert "no ledger" in err and "does not exist" in err, err
    assert list(tmp_path.iterdir()) == []


def test_reading_a_postgres_database_without_a_ledger_is_one_sentence(
        postgres_db: str) -> None:
    schema = postgres_db.rsplit("schema=", 1)[1]
    for command in COMMANDS[1:]:
        code, out, err = cli(postgres_db, *command)
        assert code == 3 and out == "", (command, code, out)
        assert_one_sentence(err)
        assert "there is no ledger at postgresql://" in err and schema in err, err
    with psycopg.connect(POSTGRES_URL) as conn:
        tables = conn.execute("SELECT table_name FROM information_schema.tables "
                              "WHERE table_schema = %s", (schema,)).fetchall()
    assert tables == [], "reading created tables"
