"""Issue 14: the proof covers the whole policy by substance, not by the label a user picks.

Each test is one of the issue's examples: a history that breaks the policy, which the
proof once called "PROVEN", and what the proof (and the guard, where a command can be
refused) says now.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from asfledger.audit.compliance import as_json, prove, render
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from tests.audit.test_compliance_proof import force
from tests.domain import builders as b

HISTORY = Path(__file__).parents[1] / "data" / "history-2024-2026.jsonl"
PLAN_COMMANDS = {"draft_action_plan", "add_action", "adopt_action_plan", "complete_action",
                 "drop_action"}


def _history_without(commands: set[str]) -> bytes:
    kept = [line for line in HISTORY.read_bytes().splitlines(keepends=True)
            if line.strip() and json.loads(line)["command"] not in commands]
    return b"".join(kept)


def _rules(ledger: Ledger, as_of: date | None = None) -> set[str]:
    report = prove(ledger.recorder, ledger_id=ledger.ledger_id(), as_of=as_of)
    return {v.rule for v in report.proof.violations}


# R8 ----------------------------------------------------------------------------------------

def test_R8_a_history_without_action_plans_is_not_proven(ledger: Ledger) -> None:
    import_bytes(ledger, _history_without(PLAN_COMMANDS))

    report = prove(ledger.recorder, ledger_id=ledger.ledger_id())

    missing = [v.subject for v in report.proof.violations if v.rule == "R8"]
    open_years = [i.subject for i in report.proof.to_review if i.rule == "R8"]
    assert missing[:2] == ["2024", "2025"]  # ended without a plan
    assert missing + open_years == [str(y) for y in range(2024, date.today().year + 1)]
    text = render(report, "text", "en")
    assert "violations found" in text and "PROVEN" not in text


def test_R8_the_running_year_is_open_neither_violation_nor_proven(ledger: Ledger) -> None:
    ledger.execute([*b.onboarded_partner_commands(b.ORG_A)])

    report = prove(ledger.recorder, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

    assert report.proven  # no violation found ...
    data = as_json(report, "en")
    assert [(i["rule"], i["subject"]) for i in data["to_review"]] == [("R8", "2026")]
    text = render(report, "text", "en")
    assert "no violation found" in text and "1 items to review" in text
    assert "? R8" in text and "✓ R8" not in text


def test_R8_a_plan_adopted_without_a_recorded_board_meeting_is_flagged(
        ledger: Ledger) -> None:
    ledger.execute([b.draft_plan()])
    force(ledger, b.adopt_plan(decision_ref="no board meeting at all"))

    assert _rules(ledger) == {"R8"}


def test_R8_a_plan_adopted_at_a_meeting_recorded_later_is_flagged(ledger: Ledger) -> None:
    ledger.execute([b.draft_plan()])
    force(ledger, b.adopt_plan())
    ledger.execute([b.board_meeting()])

    assert _rules(ledger) == {"R8"}


def test_R8_a_year_with_a_plan_adopted_at_its_meeting_is_proven(ledger: Ledger) -> None:
    ledger.execute([b.draft_plan(), b.board_meeting(), b.adopt_plan()])

    report = prove(ledger.recorder, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))
    assert report.proven and report.proof.to_review == []
    assert report.proof.tallies["R8"].examined == 2  # the adoption and the year 2026
