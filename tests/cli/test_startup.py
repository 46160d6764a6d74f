"""``import``, ``events``, ``schema`` and the audit commands start without importing
Textual (SPEC §7): they are what scripts and auditors run, and Textual is the UI's alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import io, json, sys
import asfledger.cli
code = asfledger.cli.run(sys.argv[1:], out=io.StringIO(), err=sys.stderr)
print(json.dumps([code, "textual" in sys.modules]))
"""


def probe(*args: str, code: str = PROBE) -> tuple[int, bool]:
    """Run the command in a fresh interpreter: (its exit code, whether Textual was loaded)."""
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, cwd=REPO, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    exit_code, loaded = json.loads(done.stdout.splitlines()[-1])
    return int(exit_code), bool(loaded)


@pytest.fixture
def ledger_file(tmp_path: Path) -> tuple[str, str]:
    db = tmp_path / "ledger.sqlite"
    commands = tmp_path / "commands.jsonl"
    commands.write_text('{"command": "draft_action_plan", "year": 2026, '
                        '"operations_plan_ref": "Verksamhetsplan 2026"}\n')
    return str(db), str(commands)


def test_import_does_not_import_textual(ledger_file: tuple[str, str]) -> None:
    db, commands = ledger_file
    assert probe("--db", db, "import", commands) == (0, False)
    assert Path(db).exists()


def test_a_refused_or_invalid_import_does_not_import_textual(
        ledger_file: tuple[str, str], tmp_path: Path) -> None:
    db, commands = ledger_file
    assert probe("--db", db, "import", commands) == (0, False)
    assert probe("--db", db, "import", commands) == (1, False)  # the plan exists
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b"{\n")
    assert probe("--db", db, "import", str(bad)) == (2, False)


def test_events_does_not_import_textual(ledger_file: tuple[str, str]) -> None:
    db, commands = ledger_file
    assert probe("--db", db, "import", commands) == (0, False)
    assert probe("--db", db, "events") == (0, False)
    assert probe("--db", db, "events", "--format", "jsonl") == (0, False)


def test_schema_does_not_import_textual() -> None:
    assert probe("schema") == (0, False)


def test_the_probe_would_see_textual() -> None:
    """The check is not vacuous: a process that imports Textual is seen to."""
    assert probe("schema", code="import textual\n" + PROBE) == (0, True)


@pytest.mark.parametrize("command", [
    ["checkpoint"], ["audit", "verify"], ["audit", "compliance"], ["audit", "replay"],
    ["report", "board", "--period", "2026", "--format", "json"], ["export", "360giving", "--draft"],
])
def test_the_audit_commands_do_not_import_textual(ledger_file: tuple[str, str],
                                                   command: list[str]) -> None:
    db, commands = ledger_file
    assert probe("--db", db, "import", commands) == (0, False)
    assert probe("--db", db, *command) == (0, False)
