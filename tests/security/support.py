"""Helpers of the security tests: the CLI in-process, a small history with a name and an
amount that must not show in an encrypted file, and a snapshot of what is stored."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import msgspec
import psycopg

from asfledger.cli import run
from asfledger.storage import is_postgres
from domain import commands as c
from tests.conftest import POSTGRES_URL
from tests.domain.builders import (
    ORG_A,
    assess_all,
    board_meeting,
    decide_funding,
    log_structural_work,
    onboard,
    register,
)

PARTNER_NAME = "Kvarnbackens Återbruk ekonomisk förening"
AMOUNT_SEK = "98765.43"
AMOUNT_ORE = b"9876543"  # how the amount is stored: öre, as a JSON integer
ENCRYPTED = "is encrypted; give its key with --key-file FILE (or $ASFLEDGER_KEY_FILE)"


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def history() -> list[c.Command]:
    return [
        register(ORG_A, name=PARTNER_NAME),
        *assess_all(ORG_A),
        onboard(ORG_A),
        decide_funding("HF-1", ORG_A, amount_sek=AMOUNT_SEK),
        log_structural_work("SA-1", description="Samtal med Kvarnbackens handledare"),
        board_meeting("STYR-2026-1"),
    ]


def jsonl(commands: list[c.Command]) -> bytes:
    return b"".join(msgspec.json.encode(cmd) + b"\n" for cmd in commands)


def write_history(tmp_path: Path, name: str = "history.jsonl") -> Path:
    path = tmp_path / name
    path.write_bytes(jsonl(history()))
    return path


def import_history(db: str, tmp_path: Path, *key: str) -> None:
    code, out, err = cli("--db", db, *key, "import", str(write_history(tmp_path)))
    assert code == 0, err
    assert out.endswith("applied 9 commands, 10 events\n"), out


def split_url(db: str) -> tuple[str, str]:
    """``(server URL, schema)`` of a test ledger URL ``…?schema=s``."""
    base, _, query = db.partition("?schema=")
    return base, query


def file_bytes(db: str) -> bytes:
    """The bytes on disk of a SQLite ledger: the file and its -wal and -shm, if any."""
    path = Path(db)
    return b"".join(p.read_bytes() for p in sorted(path.parent.glob(path.name + "*")))


TABLES = {"sqlite": ("stored_events", "asfledger_chain", "asfledger_meta"),
          "postgres": ("asfledger_events", "asfledger_chain", "asfledger_meta")}


def stored_rows(db: str) -> bytes:
    """Every row of the ledger's three tables, as bytes (state and hashes as stored)."""
    parts: list[bytes] = []
    if not is_postgres(db):
        import sqlite3

        conn = sqlite3.connect(Path(db).resolve().as_uri() + "?mode=ro", uri=True)
        try:
            for table in TABLES["sqlite"]:
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1"):
                    parts.extend(_bytes(v) for v in row)
        finally:
            conn.close()
        return b"\0".join(parts)
    _, schema = split_url(db)
    with psycopg.connect(POSTGRES_URL) as pg:
        for table in TABLES["postgres"]:
            for row in pg.execute(f'SELECT * FROM "{schema}"."{table}" ORDER BY 1').fetchall():
                parts.extend(_bytes(v) for v in row)
    return b"\0".join(parts)


def _bytes(value: object) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()


def fingerprint(db: str) -> str:
    """A digest of every stored row: equal before and after means nothing was written."""
    return hashlib.sha256(stored_rows(db)).hexdigest()


def event_count(db: str) -> int:
    if not is_postgres(db):
        import sqlite3

        with sqlite3.connect(Path(db).resolve().as_uri() + "?mode=ro", uri=True) as conn:
            return int(conn.execute("SELECT count(*) FROM stored_events").fetchone()[0])
    _, schema = split_url(db)
    with psycopg.connect(POSTGRES_URL) as conn:
        row = conn.execute(f'SELECT count(*) FROM "{schema}".asfledger_events').fetchone()
        assert row is not None
        return int(row[0])
