"""Encryption at rest (docs/SECURITY.md, "a lost laptop", "a curious reader of the file"):
with a key, names and amounts are unreadable in the stored ledger; the chain still verifies
without the key; every command that must read event data refuses, in one sentence and
with exit 3, to run without the key or with a wrong one, and writes nothing."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import psycopg
import pytest

from asfledger.ledger import Ledger
from asfledger.security import KEY_FILE_ENV, KeyProblem, generate_key, is_encrypted
from asfledger.storage import is_postgres
from tests.conftest import POSTGRES_URL
from tests.domain.builders import ORG_A, board_meeting
from tests.security.support import (
    AMOUNT_ORE,
    ENCRYPTED,
    PARTNER_NAME,
    cli,
    event_count,
    file_bytes,
    fingerprint,
    import_history,
    split_url,
    stored_rows,
    write_history,
)


@pytest.fixture
def key(tmp_path: Path) -> str:
    code, out, err = cli("keygen", "-o", str(tmp_path / "ledger.key"))
    assert code == 0, err
    assert "ledger.key" in out
    return str(tmp_path / "ledger.key")


@pytest.fixture
def encrypted(db: str, tmp_path: Path, key: str) -> str:
    """A ledger on ``db`` with the small history, encrypted with ``key``."""
    import_history(db, tmp_path, "--key-file", key)
    return db


def test_keygen_writes_a_key_only_its_owner_can_read_and_never_overwrites(
        tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    code, _, err = cli("keygen", "-o", str(path))
    assert code == 0, err
    first = path.read_bytes()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert first.startswith(b"asfledger-key v1\n")

    code, _, err = cli("keygen", "-o", str(path))

    assert code == 2
    assert err.strip() == f"{path} already exists; a key is never overwritten"
    assert path.read_bytes() == first
    other = tmp_path / "other.key"
    cli("keygen", "-o", str(other))
    assert other.read_bytes() != first  # random, not derived from anything


def test_names_and_amounts_are_unreadable_in_an_encrypted_ledger(
        db: str, tmp_path: Path, key: str) -> None:
    """Imported by the CLI. (That the same grep finds them in a plain ledger, on both
    stores, is tests/storage/test_contract.py's control.)"""
    import_history(db, tmp_path, "--key-file", key)

    stored = file_bytes(db) if not is_postgres(db) else stored_rows(db)

    assert PARTNER_NAME.encode() not in stored
    assert b"Kvarnbackens" not in stored
    assert AMOUNT_ORE not in stored
    assert b"Samtal med" not in stored


def test_with_its_key_the_encrypted_ledger_reads_as_a_plain_one(
        encrypted: str, tmp_path: Path, key: str) -> None:
    code, out, err = cli("--db", encrypted, "--key-file", key, "events", "--format", "jsonl")
    assert code == 0, err
    assert PARTNER_NAME in out
    assert '"amount_ore":9876543' in out

    code, out, err = cli("--db", encrypted, "--key-file", key, "audit", "compliance")
    assert code == 0, err
    assert "Verdict: no violation found" in out
    code, out, err = cli("--db", encrypted, "--key-file", key, "report", "board",
                         "--period", "2026", "--format", "json")
    assert code == 0, err
    assert '"decided_sek": "98765.43"' in out or '"decided_sek":"98765.43"' in out


def test_the_key_can_come_from_the_environment(
        encrypted: str, key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_FILE_ENV, key)

    code, out, err = cli("--db", encrypted, "events")

    assert code == 0, err
    assert "Kvarnbackens" in out


def test_verify_and_checkpoint_need_no_key(encrypted: str, tmp_path: Path) -> None:
    code, out, err = cli("--db", encrypted, "checkpoint", "-o", str(tmp_path / "cp.txt"))
    assert code == 0, err
    assert "size: 10" in out

    code, out, err = cli("--db", encrypted, "audit", "verify",
                         "--checkpoint", str(tmp_path / "cp.txt"))

    assert code == 0, err
    assert out.startswith("verified: 10 events")


READERS = [
    ("events",),
    ("events", "--format", "jsonl"),
    ("audit", "compliance"),
    ("audit", "replay"),
    ("report", "board", "--period", "2026"),
    ("export", "360giving", "--draft"),
    ("demo", "--years", "1"),
    ("tui",),
    ("tui", "--read-only"),
]


@pytest.mark.parametrize("command", READERS, ids=" ".join)
def test_without_the_key_every_reader_exits_3_in_one_sentence(
        encrypted: str, command: tuple[str, ...]) -> None:
    before = fingerprint(encrypted)

    code, out, err = cli("--db", encrypted, *command)

    assert code == 3
    assert out == ""
    assert err.strip().endswith(ENCRYPTED)
    assert err.count("\n") == 1
    assert fingerprint(encrypted) == before


def test_import_onto_an_encrypted_ledger_without_the_key_writes_nothing(
        encrypted: str, tmp_path: Path) -> None:
    before = fingerprint(encrypted)
    more = tmp_path / "more.jsonl"
    more.write_text('{"command": "hold_board_meeting", "ref": "STYR-2", '
                    '"held_on": "2026-03-01", "minutes_ref": "P 2026:2"}\n')

    code, _, err = cli("--db", encrypted, "import", str(more))

    assert code == 3
    assert err.strip().endswith(ENCRYPTED)
    assert fingerprint(encrypted) == before
    assert event_count(encrypted) == 10


@pytest.mark.parametrize("command", [("events",), ("audit", "compliance"), ("import",),
                                     ("audit", "verify"), ("checkpoint",)], ids=" ".join)
def test_a_wrong_key_exits_3_in_one_sentence(encrypted: str, tmp_path: Path,
                                             command: tuple[str, ...]) -> None:
    wrong = str(generate_key(tmp_path / "wrong.key"))
    before = fingerprint(encrypted)
    if command == ("import",):
        command = ("import", str(write_history(tmp_path, "again.jsonl")))

    code, out, err = cli("--db", encrypted, "--key-file", wrong, *command)

    assert code == 3
    assert out == ""
    assert err.strip().startswith(f"the key in {wrong} does not open the ledger at")
    assert err.count("\n") == 1
    assert fingerprint(encrypted) == before


def test_a_key_given_for_a_plain_ledger_exits_3(db: str, tmp_path: Path, key: str) -> None:
    import_history(db, tmp_path)
    before = fingerprint(db)

    code, _, err = cli("--db", db, "--key-file", key, "import",
                       str(write_history(tmp_path, "again.jsonl")))

    assert code == 3
    assert "is not encrypted but a key was given" in err
    assert fingerprint(db) == before


def test_an_empty_ledger_is_marked_encrypted_when_first_opened_with_a_key(
        db: str, key: str) -> None:
    with Ledger(db, key_file=key) as ledger:
        assert ledger.head() == 0
        assert is_encrypted(ledger.store)

    with pytest.raises(KeyProblem) as refused:
        Ledger(db)  # no key: the marker alone tells, before any event

    assert refused.value.message_key == "key.encrypted"


def _drop_marker(db: str) -> None:
    if is_postgres(db):
        _, schema = split_url(db)
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DELETE FROM "{schema}".asfledger_meta WHERE key = %s',
                         ("key_check",))
    else:
        with sqlite3.connect(db) as lite:
            lite.execute("DELETE FROM asfledger_meta WHERE key = 'key_check'")
        lite.close()


def test_without_its_marker_the_first_event_still_tells_the_ledger_is_encrypted(
        encrypted: str, tmp_path: Path, key: str) -> None:
    _drop_marker(encrypted)
    wrong = str(generate_key(tmp_path / "wrong.key"))

    code, _, err = cli("--db", encrypted, "audit", "compliance")
    assert code == 3
    assert err.strip().endswith(ENCRYPTED)
    code, _, err = cli("--db", encrypted, "--key-file", wrong, "events")
    assert code == 3
    assert "does not open the ledger" in err
    code, out, err = cli("--db", encrypted, "--key-file", key, "events")
    assert code == 0, err
    assert "Kvarnbackens" in out


def test_a_writer_without_a_key_cannot_add_plain_events_once_the_ledger_is_encrypted(
        db: str, key: str) -> None:
    """Opened while the ledger was empty and unmarked; another writer encrypts it."""
    plain_writer = Ledger(db, actor="test")
    try:
        with Ledger(db, actor="test", key_file=key) as keyed:
            keyed.execute([board_meeting("STYR-1")])

        with pytest.raises(KeyProblem):
            plain_writer.execute([board_meeting("STYR-2")])
    finally:
        plain_writer.close()

    assert event_count(db) == 1
    with Ledger(db, key_file=key) as reader:
        assert reader.head() == 1


@pytest.mark.parametrize("problem", ["missing", "too_open", "malformed", "short"])
def test_a_bad_key_file_exits_3_in_one_sentence(encrypted: str, tmp_path: Path, key: str,
                                                problem: str) -> None:
    path = tmp_path / "bad.key"
    good = Path(key).read_text()
    if problem == "too_open":
        path.write_text(good)
        path.chmod(0o644)
    elif problem == "malformed":
        path.write_text("not a key\n")
        path.chmod(0o600)
    elif problem == "short":
        path.write_text("asfledger-key v1\nAAAA\n")
        path.chmod(0o600)

    code, out, err = cli("--db", encrypted, "--key-file", str(path), "events")

    assert code == 3
    assert out == ""
    expected = {"missing": "cannot read the key file", "too_open": "chmod 600",
                "malformed": "is not an encryption key", "short": "is not an encryption key"}
    assert expected[problem] in err
    assert err.count("\n") == 1


def test_what_encryption_does_not_hide(encrypted: str) -> None:
    """What the chain needs stays readable (docs/SECURITY.md, "Limits"): event types and
    subject ids. Subject ids derive from natural keys, so whoever knows an org number can
    tell whether it is in the ledger, though not what was decided."""
    from domain.aggregates import Partner

    stored = stored_rows(encrypted)

    assert b"Partner.Registered" in stored
    subject = Partner.id_for(ORG_A)
    assert subject.hex.encode() in stored or str(subject).encode() in stored
