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
    FUNDING,
    board,
    correct,
    imported,
    pay,
    reverse_payment,
    run_import,
    void,
)
from tests.cli.test_import import ORG, cli, draft_plan, events, onboarded

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


# A partner's legal form -------------------------------------------------------------------

def test_a_partners_legal_form_is_corrected_and_the_report_counts_the_new_one(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded())
    assert board(db)["partners"]["by_legal_form"]["ekonomisk_forening"] == 1

    imported(db, tmp_path, correct("partner", ORG, "legal_form", "aktiebolag_svb"),
             name="form.jsonl")

    forms = board(db)["partners"]["by_legal_form"]
    assert (forms["ekonomisk_forening"], forms["aktiebolag_svb"]) == (0, 1)
    stored = events(db)[-1]
    assert stored["type"] == "Partner.FactCorrected"
    assert (stored["data"]["field"], stored["data"]["old"], stored["data"]["new"]) == (
        "legal_form", "ekonomisk_forening", "aktiebolag_svb")
    code, out, _ = cli(db, "audit", "replay", lang="sv")
    assert code == 0
    assert "från ”ekonomisk förening” till ”aktiebolag med särskild" in out
    assert proof(db)[0] == 0


def test_a_legal_form_is_one_of_the_codes(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded())

    code, _, err = run_import(db, tmp_path, correct("partner", ORG, "legal_form", "AB"))

    assert code == 2 and "value" in err and "aktiebolag_svb" in err, err


def test_a_partner_whose_legal_form_is_corrected_is_still_an_ASF_for_F1_and_R4(
        db: str, tmp_path: Path) -> None:
    """F1–F4 go by substance: money to a registered partner's org number is money to an
    ASF whatever its legal form says; a correction to a plain company launders nothing."""
    imported(db, tmp_path, *onboarded(),
             correct("partner", ORG, "legal_form", "aktiebolag"))

    grant = {**PAID_UNDER, "ref": "UTG-9", "linked_ref": None, "purpose": "administration"}
    del grant["linked_ref"]
    code, _, out = run_import(db, tmp_path, grant, name="grant.jsonl")
    assert code == 1 and ("F1" in out or "R4" in out), out


# A supervisor funding's employer, FTE and target groups -------------------------------------

def test_a_fundings_employer_fte_and_groups_are_corrected_and_the_report_uses_them(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING)
    before = board(db)["supervisor_funding"]
    assert before["by_employer"]["stockholms_stad"]["decided_sek"] == "100000.00"
    assert before["fte_active"] == "0.50"

    imported(db, tmp_path,
             correct("supervisor_funding", "HF-1", "employer", "region_stockholm",
                     decision_ref=DECISION),
             correct("supervisor_funding", "HF-1", "fte_percent", 75, decision_ref=DECISION),
             correct("supervisor_funding", "HF-1", "target_groups",
                     ["young_far_from_labour_market", "other:Nyanlända kvinnor"],
                     decision_ref=DECISION),
             name="c.jsonl")

    after = board(db)["supervisor_funding"]
    assert after["by_employer"]["stockholms_stad"]["decided_sek"] == "0.00"
    assert after["by_employer"]["region_stockholm"]["decided_sek"] == "100000.00"
    assert after["fte_active"] == "0.75"
    stored = [(e["data"]["field"], e["data"]["old"], e["data"]["new"])
              for e in events(db) if e["type"] == "SupervisorFunding.FactCorrected"]
    assert stored == [("employer", "stockholms_stad", "region_stockholm"),
                      ("fte_percent", 50, 75),
                      ("target_groups", ["long_term_unemployed"],
                       ["young_far_from_labour_market", "other:Nyanlända kvinnor"])]
    code, out, _ = cli(db, "export", "360giving", "--draft")
    assert code == 0
    grant = json.loads(out)["grants"][0]
    assert grant["recipientOrganization"][0]["name"] == "Region Stockholm"
    assert "75" in grant["description"] and "Nyanlända kvinnor" in grant["description"]
    # Paid to the corrected employer now, never to the old one (R1).
    code, _, out = run_import(db, tmp_path, pay("VER-1", "1000"), name="old.jsonl")
    assert code == 1 and "R1" in out
    imported(db, tmp_path, {**pay("VER-1", "1000"), "payee": "region_stockholm"},
             name="new.jsonl")
    assert proof(db)[0] == 0


def test_a_fundings_employer_is_a_party_and_payments_to_the_old_one_are_reversed_first(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING, pay("VER-1", "25000"))

    code, _, out = run_import(db, tmp_path, correct(
        "supervisor_funding", "HF-1", "employer", "Bemanningsbolaget AB",
        decision_ref=DECISION), name="not-party.jsonl")
    assert code == 1 and "R1" in out and "Bemanningsbolaget AB" in out
    code, _, out = run_import(db, tmp_path, correct(
        "supervisor_funding", "HF-1", "employer", "region_stockholm",
        decision_ref=DECISION), name="paid.jsonl")
    assert code == 1 and "R1" in out and "VER-1" in out

    imported(db, tmp_path, reverse_payment("VER-1", decision_ref=DECISION),
             correct("supervisor_funding", "HF-1", "employer", "region_stockholm",
                     decision_ref=DECISION), name="ok.jsonl")
    by_employer = board(db)["supervisor_funding"]["by_employer"]
    assert by_employer["stockholms_stad"]["paid_sek"] == "0.00"  # paid, reversed: nets 0
    assert by_employer["region_stockholm"]["paid_sek"] == "0.00"
    # The amount rule is the same under the new employer (R5).
    code, _, out = run_import(db, tmp_path, {**pay("VER-2", "100001"),
                                             "payee": "region_stockholm"}, name="r5.jsonl")
    assert code == 1 and "R5" in out
    assert proof(db)[0] == 0


def test_fte_and_target_groups_are_checked_as_when_decided(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), FUNDING)

    for n, (field, value) in enumerate((
            ("fte_percent", 0), ("fte_percent", 101), ("fte_percent", "50"),
            ("target_groups", []), ("target_groups", ["unga"]),
            ("target_groups", ["other:"]), ("target_groups", ["other:a\u200bb"]))):
        code, _, err = run_import(db, tmp_path, correct(
            "supervisor_funding", "HF-1", field, value, decision_ref=DECISION),
            name=f"bad{n}.jsonl")
        assert code == 2 and "value" in err, (field, value, err)
    # R7: a personnummer in another group's label is refused by the rule, never echoed.
    code, out, err = run_import(db, tmp_path, correct(
        "supervisor_funding", "HF-1", "target_groups", ["other:19121212-1212"],
        decision_ref=DECISION), name="r7.jsonl")
    assert code == 1 and "R7" in out + err and "1212" not in out + err, out + err
    assert not [e for e in events(db) if e["type"].endswith("Corrected")]


# Voiding an action plan ------------------------------------------------------------------

def meeting(ref: str, held_on: str) -> Json:
    return {"command": "hold_board_meeting", "ref": ref, "held_on": held_on,
            "minutes_ref": f"Protokoll {ref}"}


def adopt(year: int, ref: str, day: str) -> Json:
    return {"command": "adopt_action_plan", "year": year, "adopted_on": day,
            "decision_ref": f"{ref} §7"}


def test_a_draft_plan_is_voided_and_its_year_drafted_again(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, draft_plan(2026), {"command": "add_action", "year": 2026,
                                              "action_id": "A1", "measure": "S1",
                                              "description": "Kartläggning",
                                              "owner": "Samordnaren",
                                              "due_on": "2026-06-30"})

    imported(db, tmp_path, void("action_plan", "2026"), name="v.jsonl")
    assert board(db)["action_plan"]["actions"] == 0
    code, _, out = run_import(db, tmp_path, {"command": "add_action", "year": 2026,
                                             "action_id": "A2", "measure": "S1",
                                             "description": "x", "owner": "y",
                                             "due_on": "2026-06-30"}, name="a.jsonl")
    assert code == 1 and "void" in out

    imported(db, tmp_path, {**draft_plan(2026), "operations_plan_ref": "VP 2026 rev"},
             meeting("STYR-9", "2026-03-01"), adopt(2026, "STYR-9", "2026-03-01"),
             name="again.jsonl")
    assert [e["type"] for e in events(db)][-3:] == [
        "ActionPlan.Redrafted", "BoardMeeting.Held", "ActionPlan.Adopted"]
    assert board(db)["action_plan"]["adopted"] is True
    assert board(db)["action_plan"]["actions"] == 0
    assert proof(db)[0] == 0
    code, out, _ = cli(db, "audit", "replay")  # the original, the void and the new draft
    assert code == 0
    assert out.index("drafted the 2026 action plan, linked to operations plan "
                     "Verksamhetsplan 2026") < out.index("voided the 2026 action plan") < (
        out.index("drafted the 2026 action plan again, linked to operations plan VP 2026 rev"))


def test_the_only_adopted_plan_of_a_past_year_is_not_voided_R8(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, meeting("STYR-2025", "2025-02-01"), draft_plan(2025),
             adopt(2025, "STYR-2025", "2025-02-01"))

    code, _, out = run_import(db, tmp_path, void("action_plan", "2025", decision_ref=DECISION),
                              name="v.jsonl")

    assert code == 1 and "R8" in out and "2025" in out, out
    assert events(db)[-1]["type"] == "ActionPlan.Adopted"


def test_a_plan_whose_actions_were_closed_is_not_voided_R6(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, meeting("STYR-1", "2026-02-01"), draft_plan(2026),
             {"command": "add_action", "year": 2026, "action_id": "A1", "measure": "S1",
              "description": "Kartläggning", "owner": "Samordnaren", "due_on": "2026-06-30"},
             adopt(2026, "STYR-1", "2026-02-01"),
             {"command": "complete_action", "year": 2026, "action_id": "A1",
              "completed_on": "2026-05-01", "outcome": "Klart"})

    code, _, out = run_import(db, tmp_path, void("action_plan", "2026"), name="v.jsonl")
    assert code == 1 and "R6" in out and "decision" in out, out  # adopted: by a decision

    code, _, out = run_import(db, tmp_path, void("action_plan", "2026", decision_ref=DECISION),
                              name="v2.jsonl")
    assert code == 1 and "R6" in out and "A1" in out, out
