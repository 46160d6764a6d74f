"""Where the ledger lives: a SQLite file (the embedded default) or a PostgreSQL server.

``--db`` takes a file path or a ``postgresql://user[:password]@host[:port]/db[?schema=s]``
URL; without it, ``$ASFLEDGER_DB``, else ``ledger.sqlite`` in the user's data directory.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any, ClassVar, Literal
from urllib.parse import parse_qs, unquote, urlparse

from platformdirs import user_data_path

from asfledger.text import translate

DB_ENV = "ASFLEDGER_DB"


class Described(Exception):
    """An error whose message is a catalogue key: ``describe(lang)`` gives the sentence
    (``str()`` gives it in English)."""

    def __init__(self, message_key: str, **params: Any) -> None:
        self.message_key = message_key
        self.params = params
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        from asfledger.failures import os_reason

        # An OSError's reason is said in the sentence's language (its strerror is English).
        params = {name: os_reason(value, lang) if isinstance(value, OSError) else value
                  for name, value in self.params.items()}
        return translate(self.message_key, lang, **params)


class StorageError(Described):
    """The ledger cannot be opened or written (exit 3). The message is one sentence."""

    exit_code: ClassVar[int] = 3


NOT_WRITABLE = "storage.not_writable"  # the key of a SQLite file this user cannot write
NOT_WRITABLE_ROLE = "storage.not_writable_role"  # a PostgreSQL role that may only read


def flattened(text: str) -> str:
    """``text`` on one line: each run of whitespace, line breaks included, one space (a
    library's message: PostgreSQL's goes on with DETAIL and HINT lines)."""
    return " ".join(text.split())


def default_db() -> str:
    return os.environ.get(DB_ENV) or str(user_data_path("asfledger") / "ledger.sqlite")


def is_postgres(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def safe_location(db: str) -> str:
    """The location without a password, safe to print."""
    if not is_postgres(db):
        return db
    url = urlparse(db)
    host = url.hostname or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"postgresql://{user}{host}{port}{url.path}"


CIPHER_TOPIC = "eventsourcing.cryptography:AESCipher"


def persistence_env(db: str, *, read_only: bool = False,
                    cipher_key: str | None = None) -> dict[str, str]:
    """The eventsourcing environment for ``db``. PERSISTENCE_MODULE is always explicit.

    With ``cipher_key`` (base64 AES key, see ``asfledger.security``) every event's data is
    stored encrypted with AES-GCM; topics, ids, versions and the chain stay readable.
    """
    env = _location_env(db, read_only=read_only)
    if cipher_key is not None:
        env["CIPHER_TOPIC"] = CIPHER_TOPIC
        env["CIPHER_KEY"] = cipher_key
    return env


def _location_env(db: str, *, read_only: bool) -> dict[str, str]:
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
        check_postgres(db, env, read_only=read_only)
        return env
    path = Path(db).expanduser()
    check_sqlite_file(path)
    if read_only and not path.exists():
        # mode=ro: a missing file is an error instead of a new empty ledger, and no write
        # can happen even by mistake.
        raise StorageError("storage.no_file", location=str(path))
    if read_only and path.stat().st_size == 0:
        # A zero-length file is a new, empty ledger (SQLite sees an empty database; an
        # import fills it). Reading it must not write to it, not even SQLite's WAL header:
        # an empty ledger in memory is read instead, and the file stays as it is.
        return {
            "PERSISTENCE_MODULE": "eventsourcing.sqlite",
            "APPLICATION_RECORDER_TOPIC":
                "asfledger.audit.sqlite_recorder:ChainedSQLiteApplicationRecorder",
            "SQLITE_DBNAME": ":memory:",
            "CREATE_TABLE": "y",
        }
    if read_only:
        name = read_only_uri(path)
    else:
        check_writable(path)
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


def read_only_uri(path: Path) -> str:
    """The URI that opens ``path`` for reading only.

    A ledger is in WAL mode, and SQLite reads a WAL file only through its ``-shm`` index,
    which it must be able to create: in a directory the reader cannot write (an auditor's
    account on a shared folder) and with no writer connected (no ``-wal`` file), the file
    is opened ``immutable`` instead, which needs no other file and no lock. So it is when
    the reader cannot write the file itself: in a folder it can write, SQLite would leave
    ``-wal`` and ``-shm`` files owned by the reader, which the ledger's owner then could
    not write (its next import would fail).
    """
    resolved = path.resolve()
    uri = resolved.as_uri() + "?mode=ro"
    wal = path.with_name(path.name + "-wal")
    others = not os.access(resolved.parent, os.W_OK) or not os.access(resolved, os.W_OK)
    if others and not wal.exists():
        uri += "&immutable=1"
    return uri


def keep_journal_mode(pool: Any) -> None:
    """A reader (``mode=ro``) leaves the file's journal mode as it is: eventsourcing would
    switch a ledger in rollback-journal mode (what ``sqlite3 .dump`` or a backup tool
    leaves) to WAL on the first connection, which is a write, and fails read-only. SQLite
    reads either mode."""
    if "mode=ro" in str(getattr(pool, "db_name", "")):
        pool.is_journal_mode_wal = True  # eventsourcing's flag: do not ask, do not switch


PG_EVENTS_TABLE = "asfledger_events"  # eventsourcing's name for the Ledger's events
META_TABLE = "asfledger_meta"  # asfledger.audit.chain's: the ledger's identity is there


def check_postgres(db: str, env: dict[str, str], *, read_only: bool = False) -> None:
    """Connect once before eventsourcing's pool does: a server that is down, a database or
    user that does not exist fail at once with the server's reason (the pool would retry
    for POSTGRES_CONNECT_TIMEOUT seconds and then only say it got no connection). Reading
    needs a ledger there (writing creates one)."""
    import psycopg

    schema = env.get("POSTGRES_SCHEMA", "public")
    try:
        with psycopg.connect(host=env["POSTGRES_HOST"], port=env["POSTGRES_PORT"],
                             dbname=env["POSTGRES_DBNAME"], user=env["POSTGRES_USER"],
                             password=env["POSTGRES_PASSWORD"],
                             connect_timeout=int(env["POSTGRES_CONNECT_TIMEOUT"])) as conn:
            row = conn.execute("SELECT to_regclass(format('%%I.%%I', %s::text, %s::text)), "
                               "to_regclass(format('%%I.%%I', %s::text, %s::text))",
                               (schema, PG_EVENTS_TABLE, schema, META_TABLE)).fetchone()
            identity = None
            if row is not None and row[1] is not None:
                identity = conn.execute(f'SELECT value FROM "{schema}".{META_TABLE} '
                                        "WHERE key = 'ledger_id'").fetchone()
    except psycopg.Error as e:
        raise StorageError("storage.cannot_connect", location=safe_location(db),
                           reason=_server_reason(e)) from e
    if row is not None and row[0] is not None and not (identity and identity[0]):
        # Events without the ledger's identity: not a ledger this program made.
        raise StorageError("storage.other_program", location=safe_location(db), table=META_TABLE)
    if read_only and (row is None or row[0] is None):
        raise StorageError("storage.no_schema", location=safe_location(db), schema=schema)


def _server_reason(error: BaseException) -> str:
    """psycopg's message on one line, without the parts that repeat the address:
    'connection failed: connection to server at "h", port 1 failed: FATAL:  database "x"
    does not exist' → 'database "x" does not exist'."""
    lines = [" ".join(line.split()) for line in str(error).splitlines()]
    text = "; ".join(line[:1].lower() + line[1:] for line in lines if line)
    text = text.removeprefix("connection failed: ")
    marker = " failed: "
    if text.startswith("connection to server") and marker in text:
        text = text.split(marker, 1)[1]
    text = text.removeprefix("FATAL: ")
    if text[1:2].islower():
        text = text[:1].lower() + text[1:]
    return text or type(error).__name__


LOCK_TIMEOUT_S = 5  # SQLITE_LOCK_TIMEOUT and POSTGRES_LOCK_TIMEOUT above


def is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" or PostgreSQL's lock timeout (SQLSTATE 55P03)."""
    text = str(error)
    return "database is locked" in text or "lock timeout" in text


def is_read_only_file(error: BaseException) -> bool:
    """SQLite's "attempt to write a readonly database": the file, or the folder where its
    -wal and -shm files go, cannot be written by this user."""
    return "readonly database" in str(error)


def is_permission_denied(error: BaseException) -> bool:
    """PostgreSQL's "permission denied" (SQLSTATE 42501), however deep eventsourcing wraps
    it: a role that may only read (docs/SECURITY.md) opening the ledger to write."""
    seen: BaseException | None = error
    while seen is not None:
        if getattr(seen, "sqlstate", None) == "42501":
            return True
        seen = seen.__cause__ or seen.__context__
    return "permission denied" in str(error)


def storage_error(db: str, doing: Literal["open", "write"],
                  error: BaseException) -> StorageError:
    """One sentence for a failure to ``doing`` the ledger at ``db`` (open it, write to it)."""
    location = safe_location(db)
    if is_locked(error):
        return StorageError("storage.locked", location=location, seconds=LOCK_TIMEOUT_S)
    if is_read_only_file(error) and not is_postgres(db):
        return StorageError(NOT_WRITABLE, location=location)
    if is_postgres(db) and is_permission_denied(error):
        return StorageError(NOT_WRITABLE_ROLE, location=location, reason=flattened(str(error)))
    key = "storage.cannot_open" if doing == "open" else "storage.cannot_write"
    return StorageError(key, location=location, reason=flattened(str(error)))


def check_writable(path: Path) -> None:
    """Refuse, before SQLite opens it, a ledger file this OS user cannot write: the file is
    read-only for them, or its folder is and SQLite could not create its ``-wal`` and
    ``-shm`` files there (opening would fail half-way, after creating some of them). A
    missing file needs a folder the user can create it in."""
    if path.exists():
        journals = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
        folder_ok = os.access(path.resolve().parent, os.W_OK | os.X_OK) or all(
            os.access(journal, os.W_OK) for journal in journals)
        if not os.access(path, os.R_OK | os.W_OK) or not folder_ok:
            raise StorageError(NOT_WRITABLE, location=str(path))
        return
    folder = path.absolute().parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StorageError("storage.cannot_create", location=str(path), folder=str(folder))


SQLITE_HEADER = b"SQLite format 3\x00"


def check_sqlite_file(path: Path) -> None:
    """Refuse what is not an asfledger ledger: a directory, a device or another special
    file, a file that is not SQLite, an SQLite database of another program (another
    eventsourcing application's ``stored_events`` included). A database is a ledger only
    if its ``asfledger_meta`` table holds the ledger's identity; a database without any
    table (or a zero-length file) is a new, empty ledger.

    Checked before eventsourcing opens it, because opening for writing would create the
    ledger's tables inside somebody else's database; nothing here writes.
    """
    if path.is_dir():
        raise StorageError("storage.directory", location=str(path))
    if not path.exists():
        return
    if not path.is_file():  # /dev/null, a FIFO, a socket: reads as empty, is no ledger
        raise StorageError("storage.not_a_file", location=str(path))
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if not header and path.stat().st_size == 0:
        return  # a zero-length file: a new, empty ledger
    if header != SQLITE_HEADER:  # /proc files say they are empty, then have text
        raise StorageError("storage.not_sqlite", location=str(path))
    uri = read_only_uri(path)
    if "immutable" not in uri and not path.with_name(path.name + "-wal").exists():
        # No writer is connected (it would keep a -wal file): read without creating the
        # -wal and -shm files a WAL database would get, beside a file that may not be ours.
        uri += "&immutable=1"
    try:
        conn = sqlite3.connect(uri, uri=True)
        try:
            tables = {row[0] for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            identity = conn.execute(
                f"SELECT value FROM {META_TABLE} WHERE key = 'ledger_id'").fetchone() if (
                META_TABLE in tables) else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        raise StorageError("storage.unreadable_sqlite", location=str(path), reason=str(e)) from e
    if tables and not (identity and identity[0]):
        raise StorageError("storage.other_program", location=str(path), table=META_TABLE)
