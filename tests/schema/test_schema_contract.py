"""Issue 16: the JSON Schema is the import's contract.

Instances drawn from `asfledger schema` (hypothesis-jsonschema) are accepted by
`import --dry-run` or refused by policy (exit 1), never rejected as invalid (exit 2) — but
for the one rule a schema cannot say, the Luhn check of an organisation number. Instances
made invalid one field at a time are rejected by both, or accepted by both.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.cli import run
from domain.values import luhn_ok
from tests.schema.jsonschema_strategies import command_instances

EXAMPLES = 60


def schema_of_cli() -> dict[str, Any]:
    out = io.StringIO()
    assert run(["schema"], out=out) == 0
    schema: dict[str, Any] = json.loads(out.getvalue())
    return schema


SCHEMA = schema_of_cli()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
INSTANCES = command_instances(SCHEMA)  # built once: building one costs seconds


@pytest.fixture(scope="module")
def empty_ledger(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp("contract")
    db = str(folder / "ledger.sqlite")
    assert run(["--db", db, "events"], out=io.StringIO(), err=io.StringIO()) in (0, 3)
    return db, folder / "line.jsonl"


def dry_run(ledger: tuple[str, Path], instance: Any) -> tuple[int, str]:
    db, path = ledger
    path.write_text(json.dumps(instance) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", "en", "--db", db, "import", "--dry-run", str(path)], out=out, err=err)
    message = err.getvalue()
    assert "Traceback" not in message and "internal error" not in message, message
    return code, message


def luhn_invalid_org_nr(instance: dict[str, Any]) -> bool:
    """The one rule the schema cannot say (its description names it)."""
    numbers = [instance.get("org_nr")]
    if instance.get("payee_kind") == "partner":
        numbers.append(instance.get("payee"))
    if instance.get("command") in ("void_decision", "correct_fact") and (
            instance.get("kind") == "partner"):
        numbers.append(instance.get("key"))
    return any(isinstance(n, str) and not luhn_ok(n.replace("-", "")) for n in numbers)


def test_the_schema_is_draft_2020_12_with_standard_keywords_only() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    text = json.dumps(SCHEMA)
    assert "discriminator" not in text and "mapping" not in text
    assert "Luhn" in SCHEMA["description"]
    defs = SCHEMA["$defs"]
    assert defs["HoldActivity"]["properties"]["attendance"]["propertyNames"]["enum"]
    assert "counts" in defs["ReportParticipants"]["properties"]
    # a target group: one of the six, or another written other:LABEL (issue 14)
    assert defs["ReportParticipants"]["properties"]["counts"]["propertyNames"] == {
        "$ref": "#/$defs/TargetGroup"}
    standard, other = defs["TargetGroup"]["anyOf"]
    assert standard["enum"][-1] == "lss_daily_activity"
    assert other["pattern"].startswith("^other:")
    assert "supervisor_funding" not in defs["RecordExpenditure"]["properties"]["purpose"]["enum"]


def test_the_realistic_history_is_valid_against_the_schema() -> None:
    lines = Path("tests/data/history-2024-2026.jsonl").read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.strip() and not line.startswith("#"):
            VALIDATOR.validate(json.loads(line))


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(instance=INSTANCES)
def test_what_the_schema_accepts_the_importer_accepts_or_refuses_by_policy(
        empty_ledger: tuple[str, Path], instance: dict[str, Any]) -> None:
    code, message = dry_run(empty_ledger, instance)
    if luhn_invalid_org_nr(instance):
        assert code == 2 and "Luhn" in message, (instance, message)
    elif instance["command"] == "correct_fact" and code == 2:
        # Not said by the schema yet: the type of a corrected value for each field.
        assert "value" in message, (instance, message)
    else:
        assert code in (0, 1), (instance, message)


BAD_VALUES: list[Any] = [
    "", " padded", "padded ", "a\x00b", "zero\u200bwidth", "\ufeffbom", "line\nbreak", "x" * 4001,
    0, -1, 10**12, 1.5, True, None, [], {}, "0001-01-01", "9999-12-31", "2026-02-30",
    "20260101", "1e3", "0.001", "1 0000", "12.5 kr", "2026-Q5", "12", "C9", "aktiebolaget",
]


@st.composite
def broken(draw: st.DrawFn) -> dict[str, Any]:
    """A valid instance with one field replaced, removed or added."""
    instance: dict[str, Any] = dict(draw(INSTANCES))
    fields = sorted(k for k in instance if k != "command")
    how = draw(st.sampled_from(["replace", "remove", "add"]))
    if how == "add" or not fields:
        instance[draw(st.sampled_from(["extra", "Ref", "org-nr"]))] = 1
    elif how == "remove":
        del instance[draw(st.sampled_from(fields))]
    else:
        instance[draw(st.sampled_from(fields))] = draw(st.sampled_from(BAD_VALUES))
    return instance


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                 HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much])
@given(instance=broken())
def test_what_the_schema_rejects_the_importer_rejects_as_invalid(
        empty_ledger: tuple[str, Path], instance: dict[str, Any]) -> None:
    code, message = dry_run(empty_ledger, instance)
    if VALIDATOR.is_valid(instance):
        if luhn_invalid_org_nr(instance):
            assert code == 2 and "Luhn" in message, (instance, message)
        elif instance["command"] == "correct_fact" and code == 2:
            assert "value" in message, (instance, message)  # as above
        else:
            assert code in (0, 1), (instance, message)
    else:
        assert code == 2, (instance, message, next(VALIDATOR.iter_errors(instance)).message)
