"""Where the ledger lives: a SQLite file (the embedded default) or a PostgreSQL server.

``--db`` takes a file path or a ``postgresql://user[:password]@host[:port]/db[?schema=s]``
URL; without it, ``$ASFLEDGER_DB``, else ``ledger.sqlite`` in the user's data directory.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from platformdirs import user_data_path

DB_ENV = "ASFLEDGER_DB"


class StorageError(Exception):
    """The ledger cannot be opened or written (exit 3). The message is one sentence."""


def default_db() -> str:
    return os.environ.get(DB_ENV) or str(user_data_path("asfledger") / "ledger.sqlite")


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def describe(db: str) -> str:
    """The location without a password, safe to print."""
    if not is_postgres(db):
        return db
    url = urlparse(db)
    host = url.hostname or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"postgresql://{user}{host}{port}{url.path}"


def persistence_env(db: str, *, read_only: bool = False) -> dict[str, str]:
    """The eventsourcing environment for ``db``. PERSISTENCE_MODULE is always explicit."""
    if is_postgres(db):
        url = urlparse(db)
        query = parse_qs(url.query)
        env = {
            "PERSISTENCE_MODULE": "eventsourcing.postgres",
            "APPLICATION_RECORDER_TOPIC":
                "asfledger.audit.postgres_recorder:ChainedPostgresApplicationRecorder",
            "POSTGRES_DBNAME": url.path.lstrip("/") or "postgres",
            "POSTGRES_HOST": url.hostname or "localhost",
            "POSTGRES_PORT": str(url.port or 5432),
            "POSTGRES_USER": unquote(url.username or "postgres"),
            "POSTGRES_PASSWORD": unquote(url.password or ""),
            "POSTGRES_CONNECT_TIMEOUT": "5",
            "POSTGRES_LOCK_TIMEOUT": "5",
            "POSTGRES_POOL_SIZE": "2",
            "CREATE_TABLE": "n" if read_only else "y",
        }
        if "schema" in query:
            env["POSTGRES_SCHEMA"] = query["schema"][0]
        return env
    path = Path(db).expanduser()
    check_sqlite_file(path)
    if read_only:
        # mode=ro: a missing file is an error instead of a new empty ledger, and no write
        # can happen even by mistake.
        name = path.resolve().as_uri() + "?mode=ro"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        name = str(path)
    return {
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "APPLICATION_RECORDER_TOPIC":
            "asfledger.audit.sqlite_recorder:ChainedSQLiteApplicationRecorder",
        "SQLITE_DBNAME": name,
        "SQLITE_LOCK_TIMEOUT": "5",
        "CREATE_TABLE": "n" if read_only else "y",
    }


SQLITE_HEADER = b"SQLite format 3\x00"
LEDGER_TABLE = "stored_events"


def check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, or a SQLite database of another program.

    Checked before eventsourcing opens it, because opening for writing would create the
    ledger's tables inside somebody else's database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise StorageError(f"{path} is not a ledger: it is not an SQLite database")
    try:
        conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StorageError(f"{path} is not a readable SQLite database ({e})") from e
    if tables and LEDGER_TABLE not in tables:
        raise StorageError(f"{path} is an SQLite database of another program, not a ledger "
                           f"(it has no {LEDGER_TABLE} table)")
