"""Issue 16: every bad input gets the right exit code and one clear sentence.

Each example of the issue is a test here; then every option of the command line is walked
with a bad value (exit code, one line, no traceback, the right thing named, nothing
written, nothing on stdout)."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from asfledger.cli import run
from asfledger.failures import EXIT_INVALID, classify
from tests.conftest import _postgres_schema
from tests.security.support import import_history

BOARD_MEETING = {"command": "hold_board_meeting", "ref": "STYR-1", "held_on": "2026-02-01",
                 "minutes_ref": "Protokoll 2026:1"}


def cli(*args: str, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", lang, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def one_sentence(err: str) -> str:
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert "Traceback" not in err and "internal error" not in err and "internt fel" not in err
    return err.strip()


def write(tmp_path: Path, data: bytes, name: str = "in.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.fixture
def ledger_db(tmp_path: Path) -> str:
    """A small ledger (9 events) in a SQLite file."""
    db = str(tmp_path / "ledger.sqlite")
    import_history(db, tmp_path)
    return db


def events_in(db: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM stored_events").fetchone()[0])


# The import file: nesting, duplicate keys, size, byte order mark ----------------------------

def test_a_line_nested_5000_levels_deep_is_invalid_input(ledger_db: str, tmp_path: Path) -> None:
    for deep in (b"[" * 5000 + b"]" * 5000,
                 json.dumps(BOARD_MEETING | {"note": None}).encode().replace(
                     b"null", b'{"a":' * 5000 + b"1" + b"}" * 5000)):
        code, out, err = cli("--db", ledger_db, "import", write(tmp_path, deep))
        assert (code, out) == (2, "")
        assert one_sentence(err) == ("line 1: the line is nested deeper than 4 levels, more "
                                     "than any command needs")
    assert events_in(ledger_db) == 10


def test_duplicate_keys_are_invalid_and_the_key_is_named(ledger_db: str, tmp_path: Path) -> None:
    line = (b'{"command":"record_expenditure","ref":"U-1","paid_on":"2026-03-01",'
            b'"amount_sek":"100","purpose":"cash_grant","payee_kind":"party",'
            b'"payee":"stockholms_stad","description":"x","purpose":"administration"}')
    code, out, err = cli("--db", ledger_db, "import", write(tmp_path, line))
    assert (code, out) == (2, "")
    assert one_sentence(err) == "line 1: the field purpose occurs twice in the same object"
    # Written with an escape, the same key is still the same key.
    escaped = line.replace(b'"purpose":"administration"', b'"purpos\\u0065":"administration"')
    code, _, err = cli("--db", ledger_db, "import", write(tmp_path, escaped), lang="sv")
    assert code == 2
    assert one_sentence(err) == "rad 1: fältet purpose förekommer två gånger i samma objekt"
    assert events_in(ledger_db) == 10


def test_equal_keys_in_different_objects_are_fine(ledger_db: str, tmp_path: Path) -> None:
    counts = {"command": "report_participants", "ref": "INS-1", "period": "2026",
              "counts": {"long_term_unemployed": {"women": 1, "men": 2},
                         "newly_arrived_refugees": {"women": 3, "men": 4}}}
    code, _, err = cli("--db", ledger_db, "import", "--dry-run",
                       write(tmp_path, json.dumps(counts).encode()))
    assert "twice" not in err  # the effort is unknown (exit 1), but the line is well-formed
    assert code == 1


def test_a_line_over_the_size_limit_is_invalid(ledger_db: str, tmp_path: Path) -> None:
    huge = json.dumps(BOARD_MEETING | {"note": "x" * 1_100_000}).encode()
    code, out, err = cli("--db", ledger_db, "import", write(tmp_path, huge))
    assert (code, out) == (2, "")
    assert one_sentence(err).startswith("line 1: the line is 1100")
    assert "more than the limit of 1048576 bytes" in err


def test_a_byte_order_mark_opens_the_file_and_is_named_elsewhere(
        ledger_db: str, tmp_path: Path) -> None:
    line = json.dumps(BOARD_MEETING).encode()
    code, out, err = cli("--db", ledger_db, "import", "--dry-run",
                         write(tmp_path, b"\xef\xbb\xbf" + line + b"\n"))
    assert (code, err) == (0, "")
    assert out == "dry run: 1 command would be accepted, nothing was written\n"
    code, _, err = cli("--db", ledger_db, "import", "--dry-run",
                       write(tmp_path, line + b"\n\xef\xbb\xbf" + line + b"\n"))
    assert code == 2
    assert "byte 0" not in err
    assert one_sentence(err).startswith("line 2: the line begins with a byte order mark")


def test_library_messages_are_swedish_with_the_field_path(ledger_db: str, tmp_path: Path) -> None:
    cases = {
        json.dumps(BOARD_MEETING | {"extra": 1}):
            "rad 1 (hold_board_meeting): fältet extra finns inte i kommandot",
        json.dumps(BOARD_MEETING | {"held_on": "2026-02-30"}):
            "rad 1 (hold_board_meeting): fältet held_on: är inget giltigt datum (ÅÅÅÅ-MM-DD)",
        json.dumps({"command": "hold_activity", "ref": "A", "held_on": "2026-02-01",
                    "attendance": {"nobody": 1}}):
            "rad 1 (hold_activity): en nyckel i fältet attendance: 'nobody' är inget av de "
            "tillåtna värdena (se asfledger schema)",
        json.dumps(BOARD_MEETING)[:-1]:
            "rad 1: raden tar slut mitt i JSON-objektet",
        json.dumps({k: v for k, v in BOARD_MEETING.items() if k != "ref"}):
            "rad 1 (hold_board_meeting): fältet ref saknas",
    }
    for line, expected in cases.items():
        code, _, err = cli("--db", ledger_db, "import", write(tmp_path, line.encode()),
                           lang="sv")
        assert code == 2
        assert one_sentence(err) == expected


# Options ------------------------------------------------------------------------------------

@pytest.mark.parametrize("port", ["99999", "abc", "0"])
def test_a_postgresql_url_with_a_bad_port_is_a_usage_error(port: str) -> None:
    code, out, err = cli("--db", f"postgresql://postgres@127.0.0.1:{port}/test", "events")
    assert (code, out) == (2, "")
    assert one_sentence(err) == f"--db: the port {port} is not a port (1–65535)"


@pytest.mark.parametrize("schema", ['a;b"x', "1abc", "", "x" * 64, "ä"])
def test_an_odd_schema_name_is_a_usage_error_without_sql(schema: str) -> None:
    code, out, err = cli("--db", f"postgresql://postgres@127.0.0.1:5432/test?schema={schema}",
                         "events")
    assert (code, out) == (2, "")
    sentence = one_sentence(err)
    assert sentence.startswith(f"--db: the schema name {schema!r}")
    assert "LINE 1" not in sentence and "CONTEXT" not in sentence


def test_output_to_an_unwritable_path_is_exit_2_everywhere_and_prints_nothing(
        ledger_db: str, tmp_path: Path) -> None:
    bad = "/nonexistent/x"
    for args in (["checkpoint"], ["report", "board", "--period", "2026"],
                 ["export", "360giving"], ["keygen"], ["keygen", "--signing"]):
        code, out, err = cli("--db", ledger_db, *args, "-o", bad)
        assert (code, out) == (2, ""), args
        assert one_sentence(err) == "-o /nonexistent/x: the folder /nonexistent does not exist"
    (tmp_path / "a-folder").mkdir()
    code, out, err = cli("--db", ledger_db, "checkpoint", "-o", str(tmp_path / "a-folder"))
    assert (code, out) == (2, "")
    assert one_sentence(err).endswith("a-folder: is a directory, not a file")


@pytest.mark.parametrize("bad", ["20260101", "2026-W01-1", "2026-1-1", "2026-02-30"])
def test_as_of_and_until_take_exactly_yyyy_mm_dd(ledger_db: str, bad: str) -> None:
    for args in (["audit", "compliance", "--as-of", bad], ["audit", "replay", "--as-of", bad],
                 ["events", "--until", bad]):
        code, out, err = cli("--db", ledger_db, *args, lang="sv")
        assert (code, out) == (2, "")
        assert f"--as-of: {bad} är inget datum" in err or f"--until: {bad} är inget datum" in err
        one_sentence(err)


def test_an_extra_line_inside_a_signed_checkpoint_is_refused(
        ledger_db: str, tmp_path: Path) -> None:
    key = tmp_path / "sign.key"
    assert cli("keygen", "--signing", "-o", str(key))[0] == 0
    signed = tmp_path / "cp.txt"
    assert cli("--db", ledger_db, "checkpoint", "--sign", str(key), "-o", str(signed))[0] == 0
    lines = signed.read_text().splitlines()
    for extra in ("note: the board approved 700 events", "size: 700"):
        changed = tmp_path / "changed.txt"
        changed.write_text("\n".join([*lines[:3], extra, *lines[3:]]) + "\n")
        code, out, err = cli("--db", ledger_db, "audit", "verify", "--checkpoint",
                             str(changed), "--public-key", f"{key}.pub")
        assert (code, out) == (2, "")
        assert str(changed) in one_sentence(err)
    after = tmp_path / "after.txt"
    after.write_text("\n".join([*lines, "ledger: x"]) + "\n")
    code, _, err = cli("--db", ledger_db, "audit", "verify", "--checkpoint", str(after))
    assert code == 2
    assert "occurs twice" in one_sentence(err)


def test_verification_failed_is_one_readable_sentence(ledger_db: str, tmp_path: Path) -> None:
    cp = tmp_path / "cp.txt"
    assert cli("--db", ledger_db, "checkpoint", "-o", str(cp))[0] == 0
    cp.write_text(cp.read_text().replace("size: 10", "size: 12"))
    code, _, err = cli("--db", ledger_db, "audit", "verify", "--checkpoint", str(cp))
    assert code == 1
    assert one_sentence(err) == ("verification failed: the history has 10 events, fewer than "
                                 "the checkpoint's 12")


def test_a_failed_rekey_names_from(tmp_path: Path) -> None:
    key = tmp_path / "new.key"
    assert cli("keygen", "-o", str(key))[0] == 0
    missing = str(tmp_path / "nothere.sqlite")
    code, out, err = cli("rekey", "--from", missing, "--to", str(tmp_path / "n.sqlite"),
                         "--new-key-file", str(key))
    assert (code, out) == (3, "")
    assert one_sentence(err) == (f"storage problem: --from: there is no ledger at {missing}: "
                                 "the file does not exist")
    code, _, err = cli("rekey", "--from", "postgresql://u@h:99999/x", "--to",
                       str(tmp_path / "n.sqlite"), "--new-key-file", str(key))
    assert code == 2
    assert one_sentence(err).startswith("--from: the port 99999")


@pytest.fixture
def two_schemas() -> Iterator[tuple[str, str]]:
    first = _postgres_schema()
    second = _postgres_schema()
    yield next(first), next(second)
    for gen in (first, second):
        for _ in gen:
            pass


def test_rekey_between_two_schemas_of_one_database_is_allowed(
        two_schemas: tuple[str, str], tmp_path: Path) -> None:
    old, new = two_schemas
    import_history(old, tmp_path)
    key = tmp_path / "new.key"
    assert cli("keygen", "-o", str(key))[0] == 0
    code, out, err = cli("rekey", "--from", old, "--to", new, "--new-key-file", str(key))
    assert code == 0, err
    assert out.startswith("copied 10 events from ")
    code, _, err = cli("rekey", "--from", old, "--to", old, "--new-key-file", str(key))
    assert code == 2
    assert "the same ledger" in err


# The one map ----------------------------------------------------------------------------

def test_internal_error_is_only_for_bugs() -> None:
    import msgspec

    assert classify(RecursionError("deep"), "en", db="x")[0] == EXIT_INVALID
    assert classify(msgspec.ValidationError("Object missing required field `ref`"), "sv",
                    db="x") == (2, "fältet ref saknas")
    code, sentence = classify(psycopg.errors.SyntaxError(
        'syntax error at or near ";"\nLINE 1: SELECT ^\nCONTEXT: invalid type name'), "en",
        db="postgresql://u@h/db")
    assert code == 3
    assert "LINE 1" not in sentence and "CONTEXT" not in sentence
    code, sentence = classify(FileNotFoundError(2, "No such file or directory"), "sv", db="l")
    assert (code, sentence) == (3, "lagringsfel: l: filen eller mappen finns inte")
    code, sentence = classify(ZeroDivisionError("bug"), "en", db="l")
    assert code == 3 and sentence.startswith("internal error (ZeroDivisionError: bug)")


def test_a_meeting_held_after_the_day_it_is_recorded_is_refused(
        ledger_db: str, tmp_path: Path) -> None:
    """Issue 16: a thing done (held, paid, adopted…) may not lie after the day it is
    recorded, in Stockholm; a planned or due date may. Nothing is written."""
    from datetime import datetime, timedelta

    from domain.clock import STOCKHOLM

    today = datetime.now(STOCKHOLM).date()
    later = (today + timedelta(days=16)).isoformat()
    before = events_in(ledger_db)
    line = json.dumps(BOARD_MEETING | {"ref": "STYR-9", "held_on": later}).encode()
    code, out, err = cli("--db", ledger_db, "import", write(tmp_path, line + b"\n"))
    assert (code, out) == (1, "")
    assert one_sentence(err) == (
        f"line 1 (hold_board_meeting): held_on {later} is after today ({today.isoformat()}): "
        "what has been done cannot be recorded in advance")
    assert events_in(ledger_db) == before
    line = json.dumps(BOARD_MEETING | {"ref": "STYR-9", "held_on": today.isoformat()}).encode()
    code, out, err = cli("--db", ledger_db, "import", write(tmp_path, line + b"\n"))
    assert code == 0, err
    plan = {"command": "plan_activity", "ref": "AKT-9", "kind": "seminar", "title": "Seminarium",
            "planned_on": later}
    code, out, err = cli("--db", ledger_db, "import", write(tmp_path, json.dumps(plan).encode()))
    assert code == 0, err
