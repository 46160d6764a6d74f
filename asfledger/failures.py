"""Every failure the command line can meet, classified once: its exit code and sentence.

Exit codes (SPEC §3, for every command): 0 done; 1 refused by policy, verification failed
or violations found; 2 invalid input or usage (the user's argument or file); 3 storage
problem. "Internal error" (3) is left for bugs: anything a user can cause has a class here.

An exception of this project says what it is with a class attribute ``exit_code`` and a
``describe(lang)`` method; a library's exception (msgspec, sqlite3, psycopg, OSError) is
classified by ``classify`` below, and its message said in the user's language by kind.
To add a failure: give its class ``exit_code`` and ``describe``, nothing else.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
from pathlib import Path
from typing import Any, ClassVar, Protocol, runtime_checkable
from urllib.parse import parse_qs, urlparse

from asfledger.storage import flattened
from asfledger.text import CATALOGUE, translate

EXIT_OK, EXIT_REFUSED, EXIT_INVALID, EXIT_STORAGE = 0, 1, 2, 3
EXIT_INTERRUPTED = 130


@runtime_checkable
class Classified(Protocol):
    """An exception that knows its exit code and its sentence."""

    exit_code: ClassVar[int]

    def describe(self, lang: str) -> str: ...


@runtime_checkable
class Describable(Protocol):
    """An exception that says itself in a language (``storage.Described``,
    ``audit.trust.HistoryNotTrusted``, a refusal)."""

    def describe(self, lang: str) -> str: ...


def explain(error: BaseException, lang: str) -> str:
    """The sentence of ``error`` in ``lang``: its own words when it can say itself, else
    its (a library's) message on one line (what the UI shows of a failure)."""
    if isinstance(error, Describable):
        return str(error.describe(lang))
    return flattened(str(error)) or type(error).__name__


class UsageError(Exception):
    """Invalid input or usage that is not a malformed import line (exit 2).

    Either an already translated sentence, or a catalogue key with its parameters."""

    exit_code: ClassVar[int] = EXIT_INVALID

    def __init__(self, message: str, /, **params: Any) -> None:
        self.message_key = message if params or message in CATALOGUE else None
        self.params = params
        super().__init__(translate(message, "en", **params) if self.message_key else message)

    def describe(self, lang: str) -> str:
        if self.message_key is None:
            return str(self)
        return translate(self.message_key, lang, **self.params)


class VerificationFailed(Exception):
    """The history does not verify, or the proof found violations (exit 1)."""

    exit_code: ClassVar[int] = EXIT_REFUSED

    def describe(self, lang: str) -> str:
        return str(self)


class BadArguments(Exception):
    """argparse's usage error, said in one sentence in the user's language (exit 2)."""

    exit_code: ClassVar[int] = EXIT_INVALID

    def __init__(self, prog: str, message: str) -> None:
        self.prog = prog
        self.message = message
        super().__init__(f"{prog}: {message}")

    def describe(self, lang: str) -> str:
        for pattern, key in _ARGPARSE:
            m = pattern.fullmatch(self.message)
            if m:
                params = m.groupdict()
                if params.get("type") in _ARG_TYPES:
                    params["type"] = translate(_ARG_TYPES[params["type"]], lang)
                detail = translate(key, lang, **params)
                break
        else:
            detail = self.message
        return flattened(translate("cli.usage", lang, prog=self.prog, detail=detail))


_ARG_TYPES = {"int": "type.int"}

# argparse's messages (Python 3.11–3.13) by kind; another is kept as argparse says it.
_ARGPARSE = tuple((re.compile(pattern, re.DOTALL), key) for pattern, key in (
    (r"the following arguments are required: (?P<names>.*)", "argparse.required"),
    (r"argument (?P<name>[^:]+): invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     "argparse.choice"),
    (r"argument (?P<name>[^:]+): expected one argument", "argparse.one_argument"),
    (r"argument (?P<name>[^:]+): invalid (?P<type>\w+) value: (?P<value>.*)", "argparse.type"),
    (r"argument (?P<name>[^:]+): (?P<value>.*) is not a date \(YYYY-MM-DD\)", "argparse.date"),
    (r"argument (?P<name>[^:]+): not allowed with argument (?P<other>.*)", "argparse.not_with"),
    (r"argument (?P<name>[^:]+): ignored explicit argument (?P<value>.*)",
     "argparse.ignored"),
    (r"unrecognized arguments: (?P<names>.*)", "argparse.unrecognized"),
    (r"ambiguous option: (?P<name>\S+) could match (?P<names>.*)", "argparse.ambiguous"),
    (r"argument (?P<name>[^:]+): (?P<detail>.*)", "argparse.argument"),
))


class AtOption(Exception):
    """A failure about the ledger an option names (rekey's ``--from``): the same exit code
    and sentence, after the option's name."""

    def __init__(self, option: str, error: Classified) -> None:
        self.option = option
        self.error = error
        self.exit_code = error.exit_code
        super().__init__(f"{option}: {error}")

    def describe(self, lang: str) -> str:
        return f"{self.option}: {self.error.describe(lang)}"


# Output files -------------------------------------------------------------------------------

def check_output(path: str, option: str = "-o") -> None:
    """Refuse (exit 2), before anything is done or printed, an output file that cannot be
    written: its folder is missing or not writable, or it is a folder or read-only."""
    target = Path(path).expanduser()
    folder = target.absolute().parent
    if target.is_dir():
        raise UsageError("output.is_directory", option=option, path=path)
    if not folder.is_dir():
        raise UsageError("output.no_folder", option=option, path=path, folder=str(folder))
    if target.exists():
        if not os.access(target, os.W_OK):
            raise UsageError("output.not_writable", option=option, path=path)
    elif not os.access(folder, os.W_OK | os.X_OK):
        raise UsageError("output.folder_not_writable", option=option, path=path,
                         folder=str(folder))


def write_output(path: str, data: bytes, option: str = "-o") -> None:
    """Write ``data`` to the output file; a failure is the user's argument (exit 2)."""
    try:
        Path(path).expanduser().write_bytes(data)
    except OSError as e:
        raise UsageError("output.cannot_write", option=option, path=path,
                         error=os_reason(e, "en")) from None


# Arguments that name a ledger ------------------------------------------------------------

_SCHEMA_OK = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


def check_db(db: str, option: str = "--db") -> None:
    """A PostgreSQL URL must have a port 1–65535 and a plain schema name (exit 2 otherwise):
    psycopg would say "internal error (ValueError…)" or quote the SQL it could not run."""
    from asfledger.storage import is_postgres, safe_location

    if not is_postgres(db):
        if "\x00" in db:
            raise UsageError("db.nul", option=option)
        return
    url = urlparse(db)
    try:
        port = url.port
    except ValueError:
        raw = url.netloc.rpartition(":")[2]
        raise UsageError("db.bad_port", option=option, port=raw) from None
    if port == 0:
        raise UsageError("db.bad_port", option=option, port="0")
    query = parse_qs(url.query, keep_blank_values=True)
    for schema in query.get("schema", []):
        if not (schema and len(schema) <= 63 and set(schema.lower()) <= _SCHEMA_OK
                and not schema[0].isdigit()):
            raise UsageError("db.bad_schema", option=option, schema=schema,
                             location=safe_location(db))


# Library messages by kind ------------------------------------------------------------------

_ERRNO_KEYS = {
    errno.ENOENT: "oserror.not_found",
    errno.EACCES: "oserror.denied",
    errno.EPERM: "oserror.denied",
    errno.EISDIR: "oserror.is_directory",
    errno.ENOTDIR: "oserror.not_directory",
    errno.EROFS: "oserror.read_only_fs",
    errno.ENOSPC: "oserror.no_space",
    errno.EEXIST: "oserror.exists",
    errno.ENAMETOOLONG: "oserror.name_too_long",
    errno.EIO: "oserror.io",
}


def os_reason(error: OSError, lang: str) -> str:
    """An OSError's reason in ``lang`` (Python's ``strerror`` is always English)."""
    key = _ERRNO_KEYS.get(error.errno or -1)
    if key is not None:
        return translate(key, lang)
    return error.strerror or type(error).__name__


_DB_KINDS = (  # (text in the library's message, key): sqlite3 and PostgreSQL alike
    ("database is locked", "dberror.locked"),
    ("lock timeout", "dberror.locked"),
    ("readonly database", "dberror.read_only"),
    ("disk i/o error", "dberror.io"),
    ("database or disk is full", "dberror.full"),
    ("file is not a database", "dberror.not_a_database"),
    ("database disk image is malformed", "dberror.malformed"),
    ("unable to open database file", "dberror.cannot_open"),
    ("connection refused", "dberror.refused"),
    ("timeout expired", "dberror.timeout"),
    ("password authentication failed", "dberror.authentication"),
    ("does not exist", "dberror.does_not_exist"),
    ("permission denied", "dberror.denied"),
)


def db_reason(error: BaseException, lang: str) -> str:
    """A database library's message, one line, in ``lang``: its kind translated, the
    primary message kept (PostgreSQL's LINE/CONTEXT/DETAIL lines dropped)."""
    if isinstance(error, OSError) and error.errno is not None:
        return os_reason(error, lang)
    diag = getattr(error, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or next((line for line in str(error).splitlines() if line.strip()), "")
    text = " ".join(text.split()) or type(error).__name__
    lowered = text.lower()
    for needle, key in _DB_KINDS:
        if needle in lowered:
            if lang != "sv":
                return text
            # What does not exist, or what was denied, is in the server's own words.
            keep = key in ("dberror.does_not_exist", "dberror.denied")
            return f"{translate(key, lang)} ({text})" if keep else translate(key, lang)
    return text


# The one map -------------------------------------------------------------------------------

def classify(error: BaseException, lang: str, *, db: str) -> tuple[int, str]:
    """The exit code and the one-line sentence for ``error`` (in ``lang``)."""
    import msgspec

    from asfledger.storage import safe_location

    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED, translate("cli.interrupted", lang)
    if isinstance(error, Classified):
        sentence = flattened(error.describe(lang))
        if _said_as_storage(error.error if isinstance(error, AtOption) else error):
            sentence = translate("cli.storage", lang, detail=sentence)
        return error.exit_code, sentence
    if isinstance(error, (msgspec.ValidationError, msgspec.DecodeError)):
        from domain.library_messages import explain_msgspec

        return EXIT_INVALID, flattened(explain_msgspec(error, lang))
    if isinstance(error, RecursionError):  # a file nested deeper than any command
        return EXIT_INVALID, translate("cli.too_deep", lang)
    if isinstance(error, (sqlite3.Error, OSError)) or _is_storage(error):
        detail = f"{safe_location(db)}: {db_reason(error, lang)}"
        return EXIT_STORAGE, translate("cli.storage", lang, detail=detail)
    return EXIT_STORAGE, translate("cli.internal", lang,
                                   detail=flattened(f"{type(error).__name__}: {error}"))


def _said_as_storage(error: BaseException) -> bool:
    """A storage error is "storage problem: …"; a key problem says what it is itself."""
    from asfledger.security import KeyProblem
    from asfledger.storage import StorageError

    return isinstance(error, StorageError) and not isinstance(error, KeyProblem)


def _is_storage(error: BaseException) -> bool:
    from eventsourcing.persistence import PersistenceError

    if isinstance(error, PersistenceError):
        return True
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    return isinstance(error, psycopg.Error)


def is_bug(error: BaseException) -> bool:
    """Not a failure ``classify`` knows: shown as "internal error" (a bug to fix)."""
    return classify(error, "en", db="")[1].startswith("internal error")
