"""R7 and the actor: who records is stored with every event, so a personnummer or
samordningsnummer as ``--actor``, ``$ASFLEDGER_ACTOR`` or the operating-system user is
refused (exit 2) before anything is decided, and nothing is written (issue 15)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from asfledger.actor import ActorRefused
from asfledger.ledger import Ledger
from tests.cli.test_import import cli, events, jsonl, snapshot, write
from tests.domain.builders import board_meeting

DRAFT = {"command": "draft_action_plan", "year": 2026, "operations_plan_ref": "VP 2026"}
OS_USER_VARIABLES = ("LOGNAME", "USER", "LNAME", "USERNAME")  # what getpass.getuser reads


@pytest.fixture
def no_actor_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASFLEDGER_ACTOR", raising=False)


@pytest.mark.parametrize("actor", ["19121212-1212", "121212\u20131212", "١٢١٢١٢-١٢١٢",
                                   "anna 8112189876"])
def test_R7_actor_option_with_a_personnummer_is_refused_and_nothing_written(
        db: str, tmp_path: Path, actor: str) -> None:
    path = write(tmp_path, jsonl(DRAFT))
    before = snapshot(db)

    code, out, err = cli(db, "--actor", actor, "import", path)

    assert code == 2, err
    assert "R7" in err and "--actor" in err and "Traceback" not in err
    assert actor not in err  # the number is never repeated
    assert out == ""
    assert snapshot(db) == before


def test_R7_actor_variable_with_a_personnummer_is_refused(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASFLEDGER_ACTOR", "12 12 12-1212")
    before = snapshot(db)

    code, _, err = cli(db, "import", write(tmp_path, jsonl(DRAFT)))

    assert code == 2
    assert "R7" in err and "$ASFLEDGER_ACTOR" in err
    assert snapshot(db) == before


def test_R7_operating_system_user_that_is_a_personnummer_is_refused(
        sqlite_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        no_actor_variable: None) -> None:
    for variable in OS_USER_VARIABLES:
        monkeypatch.setenv(variable, "198112189876")

    code, _, err = cli(sqlite_db, "import", write(tmp_path, jsonl(DRAFT)))

    assert code == 2
    assert "R7" in err and "--actor" in err  # it says what to do instead
    assert not os.path.exists(sqlite_db)  # refused before the ledger was opened


def test_R7_the_actor_is_refused_in_swedish_too(db: str, tmp_path: Path) -> None:
    code, _, err = cli(db, "--actor", "811218-9876", "import", write(tmp_path, jsonl(DRAFT)),
                       lang="sv")

    assert code == 2
    assert "Avvisat enligt R7" in err and "personnummer" in err


@pytest.mark.parametrize("args", [["import", "--dry-run"], ["demo"]])
def test_R7_every_recording_command_checks_the_actor(sqlite_db: str, tmp_path: Path,
                                                     args: list[str]) -> None:
    extra = [write(tmp_path, jsonl(DRAFT))] if args[0] == "import" else []

    code, _, err = cli(sqlite_db, "--actor", "701063-2391", *args, *extra)

    assert code == 2, err
    assert not os.path.exists(sqlite_db)


def test_an_ordinary_actor_and_numbers_that_are_not_personal_data_are_recorded(
        db: str, tmp_path: Path) -> None:
    for year, actor in enumerate(("samordnare.anna", "811218-9875", "anna 2026-01-20"),
                                 start=2026):
        line = {**DRAFT, "year": year}
        code, _, err = cli(db, "--actor", actor, "import", write(tmp_path, jsonl(line)))
        assert code == 0, err
    assert [e["actor"] for e in events(db)] == ["samordnare.anna", "811218-9875",
                                                 "anna 2026-01-20"]


def test_R7_reading_commands_do_not_need_an_actor(db: str, tmp_path: Path) -> None:
    assert cli(db, "import", write(tmp_path, jsonl(DRAFT)))[0] == 0

    assert cli(db, "--actor", "811218-9876", "events")[0] == 0
    assert cli(db, "--actor", "811218-9876", "audit", "verify")[0] == 0


def test_R7_the_ledger_refuses_an_actor_before_deciding(db: str) -> None:
    """The UI records through ``Ledger.execute``: the same check, whatever the caller."""
    with Ledger(db, actor="19811218\u20139876") as ledger:
        with pytest.raises(ActorRefused) as refused:
            ledger.execute([board_meeting()])
        assert ledger.head() == 0
    assert refused.value.refusal.code == "R7"
    assert "--actor" in refused.value.describe("en")


def test_R7_the_streaming_import_refuses_the_actor_too(db: str) -> None:
    with Ledger(db, actor="19811218-9876") as ledger:
        for dry_run in (False, True):
            with pytest.raises(ActorRefused):
                ledger.execute_stream(enumerate([board_meeting()]), dry_run=dry_run, chunk=1)
        assert ledger.head() == 0
