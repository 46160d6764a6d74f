"""The command line around the import: help, schema, the event listing, storage errors and
usage errors, each with its exit code (SPEC §3)."""

from __future__ import annotations

import io
import json
import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from asfledger import cli as cli_module
from asfledger.cli import run

COMMAND_TAGS = {  # SPEC §2, the table of commands
    "register_partner", "assess_criterion", "onboard_partner", "offboard_partner",
    "sign_agreement", "end_agreement", "decide_supervisor_funding", "pay_supervisor_funding",
    "end_supervisor_funding", "plan_activity", "hold_activity", "cancel_activity",
    "log_structural_work", "draft_action_plan", "add_action", "adopt_action_plan",
    "complete_action", "drop_action", "start_effort", "report_participants",
    "report_outcomes", "complete_effort", "record_expenditure", "join_organisation",
    "leave_organisation", "hold_board_meeting",
    # Corrections (README, "Corrections"): reversal, correction of a fact, void
    "reverse_payment", "reverse_expenditure", "correct_fact", "void_decision",
    # Redaction (README, "Redaction"): the board's decision to remove personal data
    "redact",
}
HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
UNREACHABLE_POSTGRES = "postgresql://postgres@127.0.0.1:1/test"

Json = dict[str, Any]


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def fill(db: str, tmp_path: Path) -> list[Json]:
    """Import five commands as two actors; return the stored history as JSON."""
    lines = [
        {"command": "register_partner", "org_nr": "769000-0018", "name": "Returverket",
         "legal_form": "ekonomisk_forening", "districts": ["farsta", "sodermalm"]},
        {"command": "draft_action_plan", "year": 2026, "operations_plan_ref": "VP 2026",
         "actor": "förbundschefen"},
        {"command": "plan_activity", "ref": "AKT-1", "kind": "seminar",
         "title": "Seminarium om ASF", "planned_on": "2026-03-12"},
        {"command": "hold_board_meeting", "ref": "STYR-1", "held_on": "2026-02-01",
         "minutes_ref": "Protokoll 2026:1"},
        {"command": "log_structural_work", "ref": "SA-1", "measure": "S3",
         "done_on": "2026-02-10", "description": "Presentation för socialtjänsten"},
    ]
    path = tmp_path / "fill.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    code, _, err = cli("--db", db, "--actor", "samordnaren", "import", str(path))
    assert code == 0, err
    code, out, err = cli("--db", db, "events", "--format", "jsonl")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


# Help ---------------------------------------------------------------------------------------

def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert set(cli_module.COMMANDS) >= {"import", "events", "schema", "demo", "tui"}
    for command in cli_module.COMMANDS:
        code, out, err = cli(command, "--help")
        printed = capsys.readouterr()
        assert code == 0, command
        assert (out, err) == ("", "")
        assert f"usage: asfledger {command}" in printed.out
        assert "--db" in printed.out


def test_top_level_help_lists_every_command_and_the_exit_codes(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli("--help")[0] == 0
    printed = " ".join(capsys.readouterr().out.split())
    for command in cli_module.COMMANDS:
        assert command in printed
    assert "3 storage problem" in printed


# Schema -------------------------------------------------------------------------------------

def test_schema_is_json_and_lists_every_command() -> None:
    code, out, err = cli("schema")
    assert (code, err) == (0, "")
    schema = json.loads(out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "discriminator" not in schema  # OpenAPI's, not JSON Schema's (issue 16)
    assert len(schema["anyOf"]) == len(COMMAND_TAGS)
    tags = {tag for definition in schema["$defs"].values()
            for tag in definition.get("properties", {}).get("command", {}).get("enum", [])}
    assert tags == COMMAND_TAGS
    assert len(COMMAND_TAGS) == 31


def test_schema_rejects_unknown_fields_as_the_importer_does() -> None:
    schema = json.loads(cli("schema")[1])
    partner = schema["$defs"]["RegisterPartner"]
    assert partner["additionalProperties"] is False
    assert set(partner["required"]) >= {"command", "org_nr", "name", "legal_form", "districts"}


# Events -------------------------------------------------------------------------------------

def test_events_jsonl_lists_every_event_in_order_with_a_changing_chain(
        db: str, tmp_path: Path) -> None:
    history = fill(db, tmp_path)

    assert [e["position"] for e in history] == [1, 2, 3, 4, 5]
    assert sorted((e["actor"], e["type"], e["subject"]) for e in history) == sorted([
        ("samordnaren", "Partner.Registered", "Partner 769000-0018"),
        ("förbundschefen", "ActionPlan.Drafted", "ActionPlan 2026"),
        ("samordnaren", "Activity.Planned", "Activity AKT-1"),
        ("samordnaren", "BoardMeeting.Held", "BoardMeeting STYR-1"),
        ("samordnaren", "StructuralWork.Logged", "StructuralWork SA-1"),
    ])
    chains = [e["chain"] for e in history]
    assert all(HEX64.fullmatch(c) for c in chains)
    assert len(set(chains)) == 5
    partner = next(e for e in history if e["type"] == "Partner.Registered")
    assert partner["data"]["districts"] == ["farsta", "sodermalm"]
    assert all(date.fromisoformat(e["time"][:10]) for e in history)


def test_events_table_shows_the_same_history(db: str, tmp_path: Path) -> None:
    history = fill(db, tmp_path)

    code, out, err = cli("--db", db, "events", "--format", "table")

    assert (code, err) == (0, "")
    header, *rows = out.splitlines()
    assert header.split()[:6] == ["position", "time", "actor", "type", "subject", "chain"]
    assert len(rows) == len(history) == 5
    for row, event in zip(rows, history, strict=True):
        assert row.split()[0] == str(event["position"])
        assert event["time"] in row
        assert event["actor"] in row
        assert event["type"] in row
        assert event["subject"] in row
        assert HEX64.findall(row) == [event["chain"]]
    assert len({HEX64.findall(row)[0] for row in rows}) == 5


def test_events_table_is_the_default_format(db: str, tmp_path: Path) -> None:
    fill(db, tmp_path)
    assert cli("--db", db, "events") == cli("--db", db, "events", "--format", "table")


def test_events_of_an_empty_ledger(tmp_path: Path) -> None:
    db = str(tmp_path / "empty.sqlite")
    path = tmp_path / "empty.jsonl"
    path.write_text("")
    assert cli("--db", db, "import", str(path))[0] == 0
    assert cli("--db", db, "events", "--format", "jsonl") == (0, "", "")
    code, out, _ = cli("--db", db, "events")
    assert code == 0
    assert out.splitlines()[0].split()[0] == "position"
    assert len(out.splitlines()) == 1


def test_until_filters_by_the_recording_date(db: str, tmp_path: Path) -> None:
    history = fill(db, tmp_path)
    recorded = {date.fromisoformat(e["time"][:10]) for e in history}
    assert len(recorded) == 1, "all five were recorded in one transaction"
    day = recorded.pop()

    def listed(until: date, fmt: str = "jsonl") -> list[str]:
        code, out, err = cli("--db", db, "events", "--format", fmt,
                             "--until", until.isoformat())
        assert code == 0, err
        return out.splitlines()

    assert [json.loads(line) for line in listed(day)] == history
    assert [json.loads(line) for line in listed(day + timedelta(days=400))] == history
    assert listed(day - timedelta(days=1)) == []
    assert len(listed(day - timedelta(days=1), "table")) == 1  # the header only
    assert len(listed(day, "table")) == 6


def test_an_invalid_until_date_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ledger.sqlite")
    for bad in ("2026-02-30", "igår", "2026/01/01"):
        code, out, err = cli("--db", db, "events", "--until", bad)
        assert code == 2
        assert out == ""
        assert f"{bad} is not a date (YYYY-MM-DD)" in err
    assert not Path(db).exists()


def test_an_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli("exportera")
    assert code == 2
    assert "exportera" in err and err.count("\n") == 1


def test_an_unknown_option_and_a_bad_format_are_usage_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "ledger.sqlite")
    assert cli("--db", db, "events", "--format", "xml")[0] == 2
    assert cli("--db", db, "import")[0] == 2
    assert cli("--db", db, "import", "x.jsonl", "--wet-run")[0] == 2
    assert cli("--lang", "de", "schema")[0] == 2
    assert "Traceback" not in capsys.readouterr().err
    assert not Path(db).exists()


# Storage problems: exit 3, one line, the file untouched -------------------------------------

def storage_error(*args: str) -> str:
    code, out, err = cli(*args)
    assert code == 3, err
    assert out == ""
    assert err.startswith("storage problem: ")
    assert err.count("\n") == 1 and err.endswith("\n")
    assert "Traceback" not in err
    return err


def not_sqlite(path: Path) -> None:
    path.write_bytes(b"Protokoll 2026:1\nStyrelsen beslutade...\n")


def foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x INTEGER)")
    conn.execute("INSERT INTO t VALUES (42)")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(("make", "says"), [
    (not_sqlite, "it is not an SQLite database"),
    (foreign_sqlite, "an SQLite database of another program"),
])
@pytest.mark.parametrize("command", ["events", "import", "events-jsonl", "demo"])
def test_a_file_that_is_not_a_ledger_is_a_storage_error_and_stays_untouched(
        tmp_path: Path, make: Any, says: str, command: str) -> None:
    db = tmp_path / "ledger.sqlite"
    make(db)
    original = db.read_bytes()
    commands = tmp_path / "commands.jsonl"
    commands.write_text('{"command": "draft_action_plan", "year": 2026, '
                        '"operations_plan_ref": "VP 2026"}\n')
    args = {"events": ["events"], "events-jsonl": ["events", "--format", "jsonl"],
            "import": ["import", str(commands)], "demo": ["demo", "--years", "1"]}[command]

    err = storage_error("--db", str(db), *args)

    assert says in err
    assert str(db) in err
    assert db.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["commands.jsonl", "ledger.sqlite"]


def test_a_foreign_sqlite_database_keeps_its_own_table(tmp_path: Path) -> None:
    db = tmp_path / "other.db"
    foreign_sqlite(db)
    storage_error("--db", str(db), "events")
    conn = sqlite3.connect(db)
    try:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]
        assert tables == ["t"]
    finally:
        conn.close()


def test_events_on_a_missing_file_is_a_storage_error_and_creates_nothing(
        tmp_path: Path) -> None:
    db = tmp_path / "saknas" / "ledger.sqlite"
    err = storage_error("--db", str(db), "events")
    assert str(db) in err
    assert not db.exists()
    assert list(tmp_path.iterdir()) == []


def directory(path: Path) -> None:
    path.mkdir()


@pytest.mark.parametrize(("make", "sentence"), [
    (None, "lagringsfel: det finns ingen liggare på {db}: filen finns inte\n"),
    (not_sqlite, "lagringsfel: {db} är ingen liggare: det är ingen SQLite-databas\n"),
    (foreign_sqlite, "lagringsfel: {db} är en SQLite-databas från ett annat program, ingen "
                     "liggare (ingen tabell asfledger_meta säger att den är en liggare); "
                     "inget ändrades\n"),
    (directory, "lagringsfel: {db} är en mapp, inte en liggarfil\n"),
], ids=["missing", "not SQLite", "another program's", "a directory"])
def test_a_storage_error_in_swedish_is_all_swedish(
        tmp_path: Path, make: Any, sentence: str) -> None:
    db = tmp_path / "ledger.sqlite"
    if make is not None:
        make(db)
    out, err = io.StringIO(), io.StringIO()

    code = run(["--lang", "sv", "--db", str(db), "events"], out=out, err=err)

    assert code == 3
    assert out.getvalue() == ""
    assert err.getvalue() == sentence.format(db=db)


def test_import_creates_a_missing_sqlite_file(tmp_path: Path) -> None:
    db = tmp_path / "ny" / "ledger.sqlite"
    commands = tmp_path / "c.jsonl"
    commands.write_text('{"command": "draft_action_plan", "year": 2026, '
                        '"operations_plan_ref": "VP 2026"}\n')
    assert cli("--db", str(db), "import", str(commands))[0] == 0
    assert db.exists()
    assert json.loads(cli("--db", str(db), "events", "--format", "jsonl")[1])["position"] == 1


@pytest.mark.parametrize("command", ["events", "import"])
def test_an_unreachable_postgres_server_is_a_storage_error(
        tmp_path: Path, command: str) -> None:
    commands = tmp_path / "c.jsonl"
    commands.write_text('{"command": "draft_action_plan", "year": 2026, '
                        '"operations_plan_ref": "VP 2026"}\n')
    args = ["events"] if command == "events" else ["import", str(commands)]
    # With a password, which the message must not print.
    err = storage_error("--db", UNREACHABLE_POSTGRES.replace("postgres@", "postgres:hemligt@"),
                        *args)
    assert UNREACHABLE_POSTGRES in err
    assert "hemligt" not in err


def test_the_database_can_come_from_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "env.sqlite"
    not_sqlite(db)
    monkeypatch.setenv("ASFLEDGER_DB", str(db))
    assert str(db) in storage_error("events")
