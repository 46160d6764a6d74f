"""``asfledger import``: all or nothing, and every failure names its line (SPEC §2, §3).

Most tests call ``cli.run`` in-process on both backends; a few run the installed console
script and ``python -m asfledger`` in a subprocess to prove the exit codes from outside.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from asfledger.cli import run
from asfledger.ledger import Ledger
from domain.rules import RULES
from tests.domain.builders import make_org_nr

REPO = Path(__file__).resolve().parents[2]
CONSOLE_SCRIPT = Path(sys.executable).with_name("asfledger")

ORG = make_org_nr(101)
OTHER_ORG = make_org_nr(102)

Json = dict[str, Any]


# Helpers ----------------------------------------------------------------------------------

def cli(db: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    """Run ``asfledger --db DB --lang LANG ARGS…`` in-process: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", lang, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def jsonl(*lines: Json | str) -> bytes:
    """A JSON Lines file: dicts are encoded, strings are written as they are."""
    return "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False))
                   + "\n" for line in lines).encode()


def write(tmp_path: Path, data: bytes, name: str = "commands.jsonl") -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def snapshot(db: str) -> tuple[int, list[tuple[int, str, bytes]]]:
    """The head and every stored notification (position, topic, state)."""
    with Ledger(db, actor="snapshot") as ledger:
        notifications = ledger.store.select_notifications(start=1, limit=1_000_000)
        return ledger.head(), [(n.id, n.topic, bytes(n.state)) for n in notifications]


def events(db: str) -> list[Json]:
    code, out, err = cli(db, "events", "--format", "jsonl")
    assert code == 0, err
    return [json.loads(line) for line in out.splitlines()]


def register(org_nr: str = ORG, **extra: Any) -> Json:
    return {"command": "register_partner", "org_nr": org_nr, "name": "Returverket ek. för.",
            "legal_form": "ekonomisk_forening", "districts": ["farsta"], **extra}


def onboarded(org_nr: str = ORG) -> list[Json]:
    """Register, assess C1–C4 as met and onboard: six commands, six events."""
    return [
        register(org_nr),
        *({"command": "assess_criterion", "org_nr": org_nr, "criterion": c, "met": True,
           "evidence": "Stadgar och årsredovisning 2025", "assessed_on": "2026-01-10"}
          for c in ("C1", "C2", "C3", "C4")),
        {"command": "onboard_partner", "org_nr": org_nr, "onboarded_on": "2026-01-15",
         "decision_ref": "Styrelsen 2026-01-15 §4"},
    ]


def draft_plan(year: int = 2026) -> Json:
    return {"command": "draft_action_plan", "year": year,
            "operations_plan_ref": f"Verksamhetsplan {year}"}


def funding(employer: str = "stockholms_stad") -> Json:
    return {"command": "decide_supervisor_funding", "ref": "HF-1", "org_nr": ORG,
            "employer": employer, "amount_sek": "120000.50", "decided_on": "2026-01-20",
            "starts_on": "2026-02-01", "ends_on": "2026-12-31", "fte_percent": 50,
            "target_groups": ["long_term_unemployed"], "decision_ref": "Styrelsen §5"}


def cash_grant() -> Json:
    return {"command": "record_expenditure", "ref": "UTG-1", "paid_on": "2026-03-01",
            "amount_sek": 5000, "purpose": "cash_grant", "payee_kind": "supplier",
            "payee": "LEV-1001", "payee_legal_form": "aktiebolag",
            "description": "Bidrag till verksamheten"}


@pytest.fixture
def seeded(db: str, tmp_path: Path) -> str:
    """A ledger that already holds a partner, so 'nothing written' has something to keep."""
    code, _, err = cli(db, "import", write(tmp_path, jsonl(register(OTHER_ORG)), "seed.jsonl"))
    assert code == 0, err
    return db


def outside(*args: str, input: bytes | None = None, module: bool = False,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the installed ``asfledger`` script (or ``python -m asfledger``) for real."""
    command = [sys.executable, "-m", "asfledger"] if module else [str(CONSOLE_SCRIPT)]
    environment = {k: v for k, v in os.environ.items()
                   if k not in ("ASFLEDGER_DB", "ASFLEDGER_ACTOR", "ASFLEDGER_DEBUG")}
    environment["ASFLEDGER_LANG"] = "en"
    environment.update(env or {})
    return subprocess.run([*command, *args], input=input, capture_output=True, cwd=REPO,
                          env=environment, timeout=120, check=False)


# A valid file ----------------------------------------------------------------------------

def test_a_valid_file_is_applied_and_the_last_line_counts_commands_and_events(
        db: str, tmp_path: Path) -> None:
    sign = {"command": "sign_agreement", "ref": "AVT-1", "org_nr": ORG, "kind": "iop",
            "starts_on": "2026-02-01", "decision_ref": "Styrelsen §6"}
    path = write(tmp_path, jsonl(*onboarded(), draft_plan(), sign))

    code, out, err = cli(db, "import", path)

    assert (code, err) == (0, "")
    # Eight commands; signing an agreement also links it to the partner: nine events.
    assert out.splitlines()[-1] == "applied 8 commands, 9 events"
    head, _ = snapshot(db)
    assert head == 9
    # Saved aggregate by aggregate, in one transaction: compare the events, not the order.
    assert sorted(e["type"] for e in events(db)) == sorted([
        "Partner.Registered", *["Partner.CriterionAssessed"] * 4, "Partner.Onboarded",
        "ActionPlan.Drafted", "Agreement.Signed", "Partner.AgreementLinked"])


def test_the_counts_are_of_this_import_only(seeded: str, tmp_path: Path) -> None:
    code, out, _ = cli(seeded, "import", write(tmp_path, jsonl(draft_plan(), draft_plan(2027))))
    assert code == 0
    assert out.splitlines()[-1] == "applied 2 commands, 2 events"
    assert snapshot(seeded)[0] == 3


def test_dry_run_writes_nothing_and_exits_0(seeded: str, tmp_path: Path) -> None:
    before = snapshot(seeded)
    code, out, err = cli(seeded, "import", write(tmp_path, jsonl(*onboarded())), "--dry-run")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1] == "dry run: 6 commands would be accepted, nothing was written"
    assert snapshot(seeded) == before


def test_dry_run_still_refuses(seeded: str, tmp_path: Path) -> None:
    before = snapshot(seeded)
    path = write(tmp_path, jsonl(*onboarded(), funding(employer="Gröna Jobb AB")))
    code, out, err = cli(seeded, "import", path, "--dry-run")
    assert code == 1
    assert out == ""
    assert err.startswith("line 7 (decide_supervisor_funding): ")
    assert snapshot(seeded) == before


def test_an_empty_file_applies_nothing(db: str, tmp_path: Path) -> None:
    code, out, _ = cli(db, "import", write(tmp_path, b"\n  \n"))
    assert code == 0
    assert out.splitlines()[-1] == "applied 0 commands, 0 events"
    assert snapshot(db)[0] == 0


# A bad line: invalid input, exit 2, nothing written ----------------------------------------

GOOD = register()
BAD_LINES: dict[str, tuple[bytes, str, str]] = {
    # name: (the bad line, the command named in stderr, what stderr must mention)
    "malformed field": (json.dumps(draft_plan() | {"year": "tjugotjugosex"}).encode(),
                        "(draft_action_plan)", "field year"),
    "out of range": (json.dumps(funding() | {"fte_percent": 150}).encode(),
                     "(decide_supervisor_funding)", "fte_percent"),
    "bad date": (json.dumps(funding() | {"starts_on": "2026-02-30"}).encode(),
                 "(decide_supervisor_funding)", "starts_on"),
    "unknown field": (json.dumps(draft_plan() | {"colour": "grön"}).encode(),
                      "(draft_action_plan)", "colour"),
    "missing field": (json.dumps({"command": "draft_action_plan", "year": 2026}).encode(),
                      "(draft_action_plan)", "operations_plan_ref"),
    "unknown command": (b'{"command": "start_asf", "name": "Nytt ASF"}', "(start_asf)",
                        "command"),
    "no command": (b'{"year": 2026}', "line 3:", "command"),
    "bad JSON": (b'{"command": "draft_action_plan", "year": 2026,', "line 3:", "line 3"),
    "not an object": (b'[1, 2, 3]', "line 3:", "line 3"),
    "non-UTF-8": (b'{"command": "register_partner", "name": "\xe5\xe4\xf6"}', "line 3:",
                  "UTF-8"),
}


@pytest.mark.parametrize("kind", list(BAD_LINES))
def test_a_bad_line_in_the_middle_exits_2_names_the_line_and_writes_nothing(
        seeded: str, tmp_path: Path, kind: str) -> None:
    bad, command, mention = BAD_LINES[kind]
    data = jsonl(GOOD, draft_plan()) + bad + b"\n" + jsonl(draft_plan(2027))
    before = snapshot(seeded)

    code, out, err = cli(seeded, "import", write(tmp_path, data))

    assert code == 2, err
    assert out == ""
    assert err.startswith(f"line 3{' ' + command if command.startswith('(') else ':'}"), err
    assert mention in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert snapshot(seeded) == before


def test_a_bad_line_is_named_by_its_field_path_inside_a_list(
        db: str, tmp_path: Path) -> None:
    line = register(districts=["farsta", "gotham"])
    code, _, err = cli(db, "import", write(tmp_path, jsonl(line)))
    assert code == 2
    assert err.startswith("line 1 (register_partner): field districts[1]"), err


def test_the_first_bad_line_is_the_one_named(db: str, tmp_path: Path) -> None:
    data = jsonl(GOOD, "{", draft_plan() | {"year": "x"})
    code, _, err = cli(db, "import", write(tmp_path, data))
    assert code == 2
    assert err.startswith("line 2:")


# A refused line: exit 1, the rule and the policy's words, nothing written -------------------

@pytest.mark.parametrize(("refused", "command", "code"), [
    (funding(employer="Gröna Jobb AB"), "decide_supervisor_funding", "R1"),
    (cash_grant(), "record_expenditure", "F1"),
])
def test_a_refused_line_exits_1_names_line_command_rule_and_quotes_the_policy(
        seeded: str, tmp_path: Path, refused: Json, command: str, code: str) -> None:
    data = jsonl(*onboarded(), draft_plan(), refused, draft_plan(2027))
    before = snapshot(seeded)

    exit_code, out, err = cli(seeded, "import", write(tmp_path, data))

    assert exit_code == 1
    assert out == ""
    assert err.startswith(f"line 8 ({command}): Refused under {code}: "), err
    assert RULES[code].quote_sv in err
    assert err.count("\n") == 1
    # The seven valid lines before it were decided too, and rolled back with it.
    assert snapshot(seeded) == before


def test_R1_refusal_names_the_employer(db: str, tmp_path: Path) -> None:
    data = jsonl(*onboarded(), funding(employer="Gröna Jobb AB"))
    code, _, err = cli(db, "import", write(tmp_path, data))
    assert code == 1
    assert "Gröna Jobb AB" in err


def test_a_consistency_refusal_exits_1_too(db: str, tmp_path: Path) -> None:
    code, _, err = cli(db, "import", write(tmp_path, jsonl(register(), register())))
    assert code == 1
    assert err.startswith("line 2 (register_partner): ")
    assert ORG in err
    assert snapshot(db)[0] == 0


# Line numbers count blank lines ----------------------------------------------------------

def test_blank_lines_are_skipped_but_counted(db: str, tmp_path: Path) -> None:
    data = b"\n" + jsonl(GOOD) + b"\n   \n\t\n" + jsonl(draft_plan()) + b"\r\n\n"
    code, out, _ = cli(db, "import", write(tmp_path, data))
    assert code == 0
    assert out.splitlines()[-1] == "applied 2 commands, 2 events"

    data = b"\n\n" + jsonl(draft_plan(2027)) + b"\n\n" + b'{"command": "draft_action_plan"}\n'
    code, _, err = cli(db, "import", write(tmp_path, data))
    assert code == 2
    assert err.startswith("line 6 (draft_action_plan): "), err


def test_refusals_count_blank_lines_too(db: str, tmp_path: Path) -> None:
    data = b"\n" + jsonl(*onboarded()) + b"\n\n" + jsonl(cash_grant())
    code, _, err = cli(db, "import", write(tmp_path, data))
    assert code == 1
    assert err.startswith("line 10 (record_expenditure): Refused under F1"), err


# Who recorded it ---------------------------------------------------------------------------

def test_actor_from_the_option_from_the_environment_and_from_the_line(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASFLEDGER_ACTOR", "miljö-anna")
    path = write(tmp_path, jsonl(draft_plan(2026), draft_plan(2027) | {"actor": "rad-bertil"}))
    assert cli(db, "import", path)[0] == 0
    path = write(tmp_path, jsonl(draft_plan(2028), draft_plan(2029) | {"actor": "rad-cecilia"}))
    assert cli(db, "--actor", "flagg-david", "import", path)[0] == 0

    assert [(e["actor"], e["subject"]) for e in events(db)] == [
        ("miljö-anna", "ActionPlan 2026"),     # $ASFLEDGER_ACTOR
        ("rad-bertil", "ActionPlan 2027"),     # the line's own actor wins
        ("flagg-david", "ActionPlan 2028"),    # --actor wins over the environment
        ("rad-cecilia", "ActionPlan 2029"),    # …and the line over --actor
    ]


def test_actor_defaults_to_the_operating_system_user(
        db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import getpass

    monkeypatch.delenv("ASFLEDGER_ACTOR", raising=False)
    assert cli(db, "import", write(tmp_path, jsonl(draft_plan())))[0] == 0
    assert [e["actor"] for e in events(db)] == [getpass.getuser()]


def test_an_empty_actor_on_a_line_is_invalid(db: str, tmp_path: Path) -> None:
    code, _, err = cli(db, "import", write(tmp_path, jsonl(draft_plan() | {"actor": ""})))
    assert code == 2
    assert "actor" in err


# Swedish ---------------------------------------------------------------------------------

def test_lang_sv_speaks_swedish(db: str, tmp_path: Path) -> None:
    code, out, _ = cli(db, "import", write(tmp_path, jsonl(GOOD)), lang="sv")
    assert code == 0
    assert out.splitlines()[-1] == "registrerade 1 kommando, 1 händelse"

    code, _, err = cli(db, "import", write(tmp_path, jsonl(draft_plan(), "{")), lang="sv")
    assert code == 2
    assert err.startswith("rad 2:")

    code, _, err = cli(db, "import", write(tmp_path, jsonl(draft_plan() | {"year": "x"})),
                       lang="sv")
    assert code == 2
    assert err.startswith("rad 1 (draft_action_plan): fältet year"), err

    data = jsonl(draft_plan(), cash_grant())
    code, _, err = cli(db, "import", write(tmp_path, data), lang="sv")
    assert code == 1
    assert err.startswith("rad 2 (record_expenditure): Avvisat enligt F1: utgiften UTG-1 är "
                          "ett kontantbidrag"), err
    assert f"”{RULES['F1'].quote_sv}”" in err
    assert snapshot(db)[0] == 1


def test_lang_sv_dry_run(db: str, tmp_path: Path) -> None:
    code, out, _ = cli(db, "import", write(tmp_path, jsonl(GOOD)), "--dry-run", lang="sv")
    assert code == 0
    assert out.splitlines()[-1] == "provkörning: 1 kommando skulle godtas, inget skrevs"


# The file itself ----------------------------------------------------------------------------

def test_a_missing_input_file_is_a_usage_error(db: str, tmp_path: Path) -> None:
    code, out, err = cli(db, "import", str(tmp_path / "finns-inte.jsonl"))
    assert code == 2
    assert out == ""
    assert "finns-inte.jsonl" in err and err.count("\n") == 1


def test_a_directory_is_not_an_input_file(db: str, tmp_path: Path) -> None:
    code, _, err = cli(db, "import", str(tmp_path))
    assert code == 2
    assert str(tmp_path) in err


# From outside: the console script, python -m, standard input ------------------------------

def test_console_script_imports_from_standard_input(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    data = jsonl(*onboarded(), "", draft_plan())

    done = outside("--db", db, "--actor", "samordnaren", "import", "-", input=data)

    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1] == "applied 7 commands, 7 events"
    assert done.stderr == b""
    assert snapshot(db)[0] == 7
    assert {e["actor"] for e in events(db)} == {"samordnaren"}


def test_console_script_exit_codes_from_outside(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    assert outside("--db", db, "import", "-", input=jsonl(*onboarded())).returncode == 0

    refused = outside("--db", db, "import", "-", input=jsonl(draft_plan(), cash_grant()))
    assert refused.returncode == 1
    assert refused.stderr.decode().startswith("line 2 (record_expenditure): Refused under F1")

    invalid = outside("--db", db, "import", "-", input=b"\xff\n")
    assert invalid.returncode == 2
    assert invalid.stderr.decode() == "line 1: the line is not UTF-8 text\n"

    assert snapshot(db)[0] == 6


def test_python_dash_m_asfledger_and_the_environment(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    path = write(tmp_path, jsonl(draft_plan()))

    done = outside("import", path, module=True,
                   env={"ASFLEDGER_DB": db, "ASFLEDGER_ACTOR": "förbundschefen"})

    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().splitlines()[-1] == "applied 1 command, 1 event"
    assert [e["actor"] for e in events(db)] == ["förbundschefen"]

    refused = outside("import", path, module=True, env={"ASFLEDGER_DB": db})
    assert refused.returncode == 1
    assert b"Traceback" not in refused.stderr
    assert snapshot(db)[0] == 1


def test_control_characters_from_the_input_are_shown_escaped_on_one_line(
        db: str, tmp_path: Path) -> None:
    code, _, err = cli(db, "import", write(tmp_path, jsonl(draft_plan() | {"a\nb\x1b": 1})))
    assert code == 2
    assert err == "line 1 (draft_action_plan): the command has no field a\\nb\\x1b\n"

    join_asf = {"command": "join_organisation", "ref": "MED-1", "name": "ASF\nföreningen",
                "kind": "asf", "joined_on": "2026-02-01", "decision_ref": "Styrelsen §9"}
    code, _, err = cli(db, "import", write(tmp_path, jsonl(join_asf)))
    # A name is one line (issue 16): the line break is refused, and named, before any rule.
    assert code == 2
    assert err == ("line 1 (join_organisation): field name: holds a control or format "
                   "character (U+000A, character 4) that cannot be seen\n")


def test_a_reader_that_stops_early_is_not_an_error(tmp_path: Path) -> None:
    """`asfledger events | head -1`: the pipe closes under us; exit 0 and say nothing."""
    db = str(tmp_path / "ledger.sqlite")
    assert outside("demo", "--years", "1", env={"ASFLEDGER_DB": db}).returncode == 0
    environment = {k: v for k, v in os.environ.items() if k != "ASFLEDGER_DEBUG"}
    reader = subprocess.Popen(["head", "-c", "1"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL)
    writer = subprocess.run([str(CONSOLE_SCRIPT), "--db", db, "events", "--format", "jsonl"],
                            stdout=reader.stdin, stderr=subprocess.PIPE, env=environment,
                            timeout=120, check=False)
    assert reader.stdin is not None
    reader.stdin.close()
    reader.wait(timeout=30)
    assert (writer.returncode, writer.stderr) == (0, b"")
