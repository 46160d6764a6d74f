"""Redaction (issue 15): the board redacts personal data that got in despite R7. The
stored content of the event is replaced by a marker that keeps the digest of what was
stored, so ``audit verify`` and every checkpoint still verify; the redaction is an event
in the chain, a marker nobody decided is tampering; the proof lists redactions and reads
the field as empty. SQLite and PostgreSQL, with and without encryption."""

from __future__ import annotations

import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import psycopg
import pytest

from asfledger.audit.chain import event_digest, kept_digest, redacted
from asfledger.cli import run
from asfledger.ledger import Ledger
from asfledger.security import generate_key
from asfledger.storage import is_postgres
from domain import commands as c
from domain.aggregates import BoardMeeting, Partner
from tests.conftest import POSTGRES_URL
from tests.security.support import split_url

PNR = "19121212-1212"
DECISION = "SB 2026-12-04 §9"


@pytest.fixture(params=["plain", "encrypted"])
def key(request: pytest.FixtureRequest, tmp_path: Path) -> list[str]:
    """``--key-file`` arguments, or none."""
    if request.param == "plain":
        return []
    return ["--key-file", str(generate_key(tmp_path / "ledger.key"))]


def cli(db: str, key: list[str], *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", "en", *key, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def import_lines(db: str, key: list[str], tmp_path: Path, *lines: dict[str, object]
                 ) -> tuple[int, str, str]:
    path = tmp_path / "lines.jsonl"
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
    return cli(db, key, "--actor", "samordnare", "import", str(path))


def redact(position: int, field: str) -> dict[str, object]:
    return {"command": "redact", "position": position, "field": field,
            "decision_ref": DECISION, "reason": "personnummer i fältet"}


def history_with_a_personnummer_as_actor(db: str, key: list[str]) -> None:
    """Position 2 recorded with ``--actor 19121212-1212``, as the CLI allowed before R7
    checked the actor (the aggregate saved directly: no command path allows it now)."""
    with Ledger(db, actor="samordnare", key_file=key[1] if key else None) as ledger:
        ledger.execute([c.HoldBoardMeeting(ref="STY-1", held_on=date(2026, 1, 20),
                                           minutes_ref="P 2026:1")])
        ledger.save(BoardMeeting.hold(c.HoldBoardMeeting(
            ref="STY-2", held_on=date(2026, 2, 17), minutes_ref="P 2026:2"), actor=PNR))
        ledger.execute([c.HoldBoardMeeting(ref="STY-3", held_on=date(2026, 3, 17),
                                           minutes_ref="P 2026:3")])


def stored_state(db: str, position: int) -> bytes:
    if not is_postgres(db):
        with sqlite3.connect(db) as conn:
            row = conn.execute(
                "SELECT CAST(s.state AS BLOB) FROM asfledger_chain h JOIN stored_events s "
                "ON s.rowid = h.notification_id WHERE h.position = ?", (position,)).fetchone()
        return bytes(row[0])
    _, schema = split_url(db)
    with psycopg.connect(POSTGRES_URL) as pg:
        row = pg.execute(
            f'SELECT s.state FROM "{schema}".asfledger_chain h JOIN "{schema}".asfledger_events '
            "s ON s.notification_id = h.notification_id WHERE h.position = %s",
            (position,)).fetchone()
    assert row is not None
    return bytes(row[0])


def write_state(db: str, position: int, state: bytes) -> None:
    """What a forger with write access to the database does."""
    if not is_postgres(db):
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE stored_events SET state = ? WHERE rowid = (SELECT "
                         "notification_id FROM asfledger_chain WHERE position = ?)",
                         (state, position))
        return
    _, schema = split_url(db)
    with psycopg.connect(POSTGRES_URL) as pg:
        pg.execute(f'UPDATE "{schema}".asfledger_events SET state = %s WHERE notification_id '
                   f'= (SELECT notification_id FROM "{schema}".asfledger_chain WHERE '
                   "position = %s)", (state, position))


def test_R7_a_personnummer_stored_as_actor_is_redacted_and_the_proof_holds_again(
        db: str, key: list[str], tmp_path: Path) -> None:
    history_with_a_personnummer_as_actor(db, key)
    code, checkpoint, err = cli(db, key, "checkpoint")
    assert code == 0, err
    (tmp_path / "cp.txt").write_text(checkpoint)
    code, out, _ = cli(db, key, "audit", "compliance")
    assert code == 1 and "✗ R7" in out

    code, out, err = import_lines(db, key, tmp_path, redact(2, "actor"))

    assert code == 0, err
    assert out.endswith("applied 1 command, 1 event\n")
    assert kept_digest(stored_state(db, 2)) is not None
    assert PNR.encode() not in stored_state(db, 2)
    code, out, err = cli(db, key, "audit", "verify", "--checkpoint", str(tmp_path / "cp.txt"))
    assert code == 0, err
    assert "1 checkpoint matches" in out
    code, out, err = cli(db, [], "audit", "verify")
    assert code == 0, err  # without the key too: the redaction is stored in clear
    code, out, err = cli(db, key, "audit", "compliance")
    assert code == 0, out + err
    assert "✓ R7" in out and "Verdict: no violation found" in out
    assert "position 2, field actor: redacted on" in out and DECISION in out
    code, out, _ = cli(db, key, "audit", "compliance", "--format", "json")
    assert json.loads(out)["redactions"] == [{
        "position": 2, "field": "actor", "decision_ref": DECISION, "recorded_at": 4,
        "date": date.today().isoformat()}]
    code, out, _ = cli(db, key, "events", "--format", "jsonl")
    events = [json.loads(line) for line in out.splitlines()]
    assert [e["actor"] for e in events] == ["samordnare", "", "samordnare", "samordnare"]
    assert events[1]["data"]["minutes_ref"] == "P 2026:2"  # the rest of the event stays
    assert events[3]["type"] == "Redaction.Redacted"
    assert PNR not in out


def test_a_redacted_text_reads_as_empty_in_the_aggregate_and_the_read_models(
        db: str, key: list[str], tmp_path: Path) -> None:
    org = "556677-8899"
    with Ledger(db, actor="samordnare", key_file=key[1] if key else None) as ledger:
        ledger.save(Partner.register(c.RegisterPartner(
            org_nr=org, name=f"Kooperativet, kontakt {PNR}", legal_form="ekonomisk_forening",
            districts=["farsta"]), "samordnare"))
    assert import_lines(db, key, tmp_path, redact(1, "name"))[0] == 0

    with Ledger(db, actor="samordnare", key_file=key[1] if key else None) as ledger:
        partner = ledger.get(Partner, org)
        assert partner is not None and partner.name == ""
    code, out, _ = cli(db, key, "report", "board", "--period", "2026", "--format", "json")
    assert code == 0
    assert PNR not in out


def test_a_marker_nobody_decided_is_tampering(db: str, key: list[str]) -> None:
    history_with_a_personnummer_as_actor(db, key)
    original = stored_state(db, 3)
    digest = _digest_at(db, key, 3)
    write_state(db, 3, redacted(digest, original))  # keeps the chain, but no decision

    code, _, err = cli(db, key, "audit", "verify")

    assert code == 1
    assert "position 3" in err and "redaction" in err


def _digest_at(db: str, key: list[str], position: int) -> bytes:
    with Ledger(db, actor="t", key_file=key[1] if key else None) as ledger:
        found = ledger.store.stored_at(position)
    assert found is not None
    return event_digest(found.topic, str(found.originator_id), found.version, found.state)


@pytest.mark.parametrize(("line", "code", "words"), [
    (redact(9, "actor"), 1, "no event at position 9"),
    (redact(1, "held_on"), 1, "no text field held_on"),
    (redact(1, "nothing"), 1, "no text field nothing"),
    ({**redact(1, "actor"), "reason": f"pnr {PNR}"}, 1, "R7"),
    ({**redact(1, "actor"), "position": 0}, 2, "position"),
])
def test_a_redaction_that_cannot_be_made_is_refused_and_nothing_written(
        sqlite_db: str, tmp_path: Path, line: dict[str, object], code: int,
        words: str) -> None:
    history_with_a_personnummer_as_actor(sqlite_db, [])
    before = [stored_state(sqlite_db, p) for p in (1, 2, 3)]

    got, _, err = import_lines(sqlite_db, [], tmp_path, line)

    assert got == code, err
    assert words in err
    assert [stored_state(sqlite_db, p) for p in (1, 2, 3)] == before


def test_a_field_is_redacted_once_and_a_redaction_is_not_redacted(
        sqlite_db: str, tmp_path: Path) -> None:
    history_with_a_personnummer_as_actor(sqlite_db, [])
    assert import_lines(sqlite_db, [], tmp_path, redact(2, "actor"))[0] == 0

    assert "already" in import_lines(sqlite_db, [], tmp_path, redact(2, "actor"))[2]
    assert "is a redaction" in import_lines(sqlite_db, [], tmp_path, redact(4, "reason"))[2]
    # Another field of the same event: the marker keeps the first digest.
    code, _, err = import_lines(sqlite_db, [], tmp_path, redact(2, "minutes_ref"))
    assert code == 0, err
    code, _, err = cli(sqlite_db, [], "audit", "verify")
    assert code == 0, err


def test_a_redaction_in_a_streamed_import_is_written_in_its_transaction(db: str) -> None:
    """``execute_stream`` writes chunk by chunk in one transaction: a redaction's rewrite
    goes with the chunk that records it."""
    history_with_a_personnummer_as_actor(db, [])
    commands: list[c.Command] = [
        c.HoldBoardMeeting(ref=f"STY-{n}", held_on=date(2026, 4, n), minutes_ref="P")
        for n in range(4, 8)]
    commands.insert(2, c.Redact(position=2, field="actor", decision_ref=DECISION,
                                reason="personnummer som registrerare"))
    with Ledger(db, actor="samordnare") as ledger:
        applied = ledger.execute_stream(enumerate(commands), chunk=1)
        assert applied.events == 5 and ledger.head() == 8
    assert PNR.encode() not in stored_state(db, 2)
    code, _, err = cli(db, [], "audit", "verify")
    assert code == 0, err
    code, out, _ = cli(db, [], "audit", "compliance")
    assert code == 0 and "position 2, field actor" in out
