"""Corrections of the facts left after the first round (issue 15), through the import on
SQLite and PostgreSQL: an agreement's scope, a partner's legal form, a supervisor
funding's employer, FTE and target groups, and voiding an action plan. Each keeps the
rules that read the fact; the report and the proof use the corrected state; ``events``
shows the original and the correction."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.test_corrections import (
    AGREEMENT,
    board,
    correct,
    imported,
    run_import,
)
from tests.cli.test_import import ORG, cli, events, onboarded

Json = dict[str, Any]

DECISION = "Styrelsen 2026-04-10 §3"
VALUED = {**AGREEMENT, "value_sek": "200000"}
PAID_UNDER = {"command": "record_expenditure", "ref": "UTG-1", "paid_on": "2026-03-31",
              "amount_sek": "10000", "purpose": "procured_service", "payee_kind": "partner",
              "payee": ORG, "linked_ref": "AVT-1", "description": "Tjänst enligt avtal"}


def proof(db: str) -> tuple[int, Json]:
    code, out, err = cli(db, "audit", "compliance", "--format", "json")
    assert code in (0, 1), err
    data: Json = json.loads(out)
    return code, data


def reviewed(data: Json, rule: str) -> list[str]:
    return [item["subject"] for item in data["to_review"] if item["rule"] == rule]


# An agreement's scope ---------------------------------------------------------------------

def test_an_agreements_scope_is_corrected_and_F1_no_longer_asks_to_review_it(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), VALUED, PAID_UNDER)
    _, before = proof(db)
    assert reviewed(before, "F1")  # value recorded, scope not: a grant in all but name?

    imported(db, tmp_path, correct("agreement", "AVT-1", "scope",
                                   "Arbetsträning för målgruppen, 20 platser",
                                   decision_ref=DECISION), name="scope.jsonl")

    code, after = proof(db)
    assert code == 0 and reviewed(after, "F1") == []
    stored = events(db)[-1]
    assert stored["type"] == "Agreement.FactCorrected"
    assert (stored["data"]["field"], stored["data"]["old"], stored["data"]["new"]) == (
        "scope", None, "Arbetsträning för målgruppen, 20 platser")
    assert board(db)["agreements"]["active"] == 1


def test_an_agreements_scope_obeys_the_text_rule_and_needs_a_decision(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), VALUED)

    for n, line in enumerate((
            correct("agreement", "AVT-1", "scope", "Arbetsträning"),  # no decision_ref
            correct("agreement", "AVT-1", "scope", " ", decision_ref=DECISION),
            correct("agreement", "AVT-1", "scope", "a\u200bb", decision_ref=DECISION))):
        code, _, err = run_import(db, tmp_path, line, name=f"bad{n}.jsonl")
        assert code == 2 and ("value" in err or "decision_ref" in err), err
    assert not [e for e in events(db) if e["type"].endswith("Corrected")]  # nothing written
