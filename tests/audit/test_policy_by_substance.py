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
    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=as_of)
    return {v.rule for v in report.proof.violations}


# R8 ----------------------------------------------------------------------------------------

def test_R8_a_history_without_action_plans_is_not_proven(ledger: Ledger) -> None:
    import_bytes(ledger, _history_without(PLAN_COMMANDS))

    report = prove(ledger.store, ledger_id=ledger.ledger_id())

    missing = [v.subject for v in report.proof.violations if v.rule == "R8"]
    open_years = [i.subject for i in report.proof.to_review if i.rule == "R8"]
    assert missing[:2] == ["2024", "2025"]  # ended without a plan
    assert missing + open_years == [str(y) for y in range(2024, date.today().year + 1)]
    text = render(report, "text", "en")
    assert "violations found" in text and "PROVEN" not in text


def test_R8_the_running_year_is_open_neither_violation_nor_proven(ledger: Ledger) -> None:
    ledger.execute([*b.onboarded_partner_commands(b.ORG_A)])

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

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

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))
    assert report.proven and report.proof.to_review == []
    assert report.proof.tallies["R8"].examined == 2  # the adoption and the year 2026


# To review: what rules over data cannot decide -----------------------------------------

def test_free_text_that_mentions_forbidden_things_is_listed_to_review(ledger: Ledger) -> None:
    ledger.execute([
        b.expenditure("UTG-1", description="Kurs i affärsutveckling för kooperativet"),
        b.expenditure("UTG-2", description="Lokalhyra för seminarium"),
        b.log_structural_work("SA-1", description="Stöd att starta ett nytt ASF i Järva"),
        b.expenditure("UTG-3", description="Grant towards the café's new kitchen"),
    ])

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

    assert report.proven  # a word is not a violation ...
    found = {(i.rule, i.subject, i.params["word"]) for i in report.proof.to_review
             if i.detail == "review.words"}
    assert found == {("F4", "UTG-1", "affärsutveckling"), ("F2", "SA-1", "starta"),
                     ("F1", "UTG-3", "Grant")}
    data = as_json(report, "sv")
    assert any("affärsutveckling" in i["detail"] for i in data["to_review"])
    text = render(report, "text", "en")
    assert "no violation found" in text and "items to review" in text
    assert "? F4" in text and "✓ F4" not in text


def test_a_payment_under_an_agreement_without_a_value_is_listed_to_review(
        ledger: Ledger) -> None:
    ledger.execute([*b.onboarded_partner_commands(b.ORG_A),
                    b.sign_agreement("AVT-1", value_sek=None),
                    b.sign_agreement("AVT-2", value_sek="100000"),
                    b.pay_partner("UTG-1", linked_ref="AVT-1"),
                    b.pay_partner("UTG-2", linked_ref="AVT-2")])

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

    assert report.proven
    assert [(i.rule, i.subject) for i in report.proof.to_review
            if i.detail == "review.no_value"] == [("F1", "UTG-1")]


# F1 by substance ---------------------------------------------------------------------------

def test_F1_administration_money_to_an_asf_under_an_iop_without_value_is_flagged(
        ledger: Ledger) -> None:
    """The issue's example, in a history that bypassed the guard: 5,000,000 kr with the
    purpose ``administration`` to an onboarded ASF under an IOP that states no value."""
    ledger.execute([*b.onboarded_partner_commands(b.ORG_A),
                    b.sign_agreement("IOP-1", value_sek=None, scope=None)])
    force(ledger, b.pay_partner("UTG-1", amount_sek="5000000", purpose="administration",
                                linked_ref="IOP-1"))

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

    assert [(v.rule, v.subject, v.detail) for v in report.proof.violations] == [
        ("F1", "UTG-1", "check.F1_to_asf")]
    assert "kontantbidrag" in render(report, "text", "sv")


# F3 and F4 by substance ---------------------------------------------------------------------

def test_F3_a_membership_of_an_asf_interest_organisation_recorded_as_a_network_is_flagged(
        ledger: Ledger) -> None:
    force(ledger, b.join("MED-1", name="Skoopi", kind="network"))

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

    assert [(v.rule, v.detail) for v in report.proof.violations] == [
        ("F3", "check.F3_listed")]


def test_F4_a_business_development_course_for_asf_staff_as_a_procured_service_is_flagged(
        ledger: Ledger) -> None:
    ledger.execute([*b.onboarded_partner_commands(b.ORG_A), b.sign_agreement("AVT-1")])
    force(ledger, b.pay_partner("UTG-1", skills_service="course", beneficiaries="asf_staff",
                                description="Kurs i affärsutveckling för personalen"))

    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))

    assert [(v.rule, v.detail) for v in report.proof.violations] == [("F4", "check.F4_staff")]
    assert ("F4", "review.words") in [(i.rule, i.detail) for i in report.proof.to_review]
