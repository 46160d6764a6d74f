"""Corrections of agreements, memberships, board meetings, action plans, activities and
structural work, through the import (issue 15): each fact a person can get wrong is
corrected by a new event, each registration made by mistake voided when nothing depends
on it, or the refusal says what does. The report and the proof use the corrected state;
``events`` shows the original and the correction."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.test_corrections import (
    AGREEMENT,
    board,
    correct,
    imported,
    proven,
    run_import,
    void,
)
from tests.cli.test_import import ORG, cli, draft_plan, events, onboarded

Json = dict[str, Any]

DECISION = "Styrelsen 2026-04-10 §3"
MEETING = {"command": "hold_board_meeting", "ref": "STYR-2026-1", "held_on": "2026-02-01",
           "minutes_ref": "Protokoll 2026-1"}
ADOPT = {"command": "adopt_action_plan", "year": 2026, "adopted_on": "2026-02-01",
         "decision_ref": "STYR-2026-1 §7"}
MEMBERSHIP = {"command": "join_organisation", "ref": "MED-1", "name": "Coompanion Stockholm",
              "kind": "network", "joined_on": "2026-02-01", "decision_ref": "Styrelsen §8"}
ACTIVITY = {"command": "plan_activity", "ref": "AKT-1", "kind": "seminar",
            "title": "Seminarium om sociala företag", "planned_on": "2026-03-10"}
HELD = {"command": "hold_activity", "ref": "AKT-1", "held_on": "2026-03-10",
        "attendance": {"stockholms_stad": 12, "asf": 5}}
WORK = {"command": "log_structural_work", "ref": "STR-1", "measure": "S1",
        "done_on": "2026-03-15", "description": "Kartläggning av ASF i Farsta"}
PAID_TO_PARTNER = {"command": "record_expenditure", "ref": "UTG-1", "paid_on": "2026-03-31",
                   "amount_sek": "10000", "purpose": "procured_service",
                   "payee_kind": "partner", "payee": ORG, "linked_ref": "AVT-1",
                   "description": "Tjänst enligt avtal"}


# Agreements ----------------------------------------------------------------------------

def test_an_agreements_dates_and_value_are_corrected_and_the_report_uses_them(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), AGREEMENT)
    assert board(db, "2026-Q1")["agreements"]["active"] == 1

    imported(db, tmp_path,
             correct("agreement", "AVT-1", "starts_on", "2026-04-01", decision_ref=DECISION),
             correct("agreement", "AVT-1", "value_sek", "250000", decision_ref=DECISION),
             name="c.jsonl")

    assert board(db, "2026-Q1")["agreements"]["active"] == 0  # it starts in Q2 now
    assert board(db, "2026-Q2")["agreements"]["active"] == 1
    stored = [e for e in events(db) if e["type"] == "Agreement.FactCorrected"]
    assert [(e["data"]["field"], e["data"]["old"], e["data"]["new"]) for e in stored] == [
        ("starts_on", "2026-02-01", "2026-04-01"), ("value_ore", None, 25_000_000)]
    assert all(e["data"]["decision_ref"] == DECISION for e in stored)
    assert proven(db)[0] == 0


def test_an_agreement_correction_needs_a_decision_ref_and_keeps_R3(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), AGREEMENT)

    code, _, err = run_import(db, tmp_path, correct("agreement", "AVT-1", "ends_on",
                                                    "2026-12-31"), name="no-ref.jsonl")
    assert code == 2 and "decision_ref" in err
    # Onboarded on 2026-01-15: an agreement cannot start before.
    code, _, out = run_import(db, tmp_path, correct(
        "agreement", "AVT-1", "starts_on", "2026-01-01", decision_ref=DECISION),
        name="r3.jsonl")
    assert code == 1 and "R3" in out
    code, _, out = run_import(db, tmp_path, correct(
        "agreement", "AVT-1", "ends_on", "2026-01-31", decision_ref=DECISION),
        name="order.jsonl")
    assert code == 1 and "2026-02-01" in out


def test_an_agreement_signed_by_mistake_is_voided_and_no_longer_covers_a_payment(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), AGREEMENT)

    imported(db, tmp_path, void("agreement", "AVT-1", decision_ref=DECISION), name="v.jsonl")

    assert board(db)["agreements"]["active"] == 0
    assert events(db)[-1]["type"] == "Agreement.Voided"
    code, _, out = run_import(db, tmp_path, PAID_TO_PARTNER, name="pay.jsonl")
    assert code == 1 and "R4" in out
    # The partner's only agreement is void: nothing but its onboarding depends on it.
    code, _, out = run_import(db, tmp_path, void("partner", ORG), name="p.jsonl")
    assert code == 1 and "AVT-1" not in out and "onboarded_on" in out


def test_an_agreement_that_money_was_paid_under_is_not_shortened_or_voided(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, *onboarded(), AGREEMENT, PAID_TO_PARTNER)

    for n, line in enumerate((
            correct("agreement", "AVT-1", "ends_on", "2026-03-15", decision_ref=DECISION),
            correct("agreement", "AVT-1", "starts_on", "2026-04-01", decision_ref=DECISION),
            void("agreement", "AVT-1", decision_ref=DECISION))):
        code, _, out = run_import(db, tmp_path, line, name=f"c{n}.jsonl")
        assert code == 1 and "R4" in out and "UTG-1" in out, out
    # Still covering the payment: fine.
    imported(db, tmp_path, correct("agreement", "AVT-1", "ends_on", "2026-03-31",
                                   decision_ref=DECISION), name="ok.jsonl")
    assert proven(db)[0] == 0


# Memberships ----------------------------------------------------------------------------

def test_a_membership_is_corrected_and_voided(db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, MEMBERSHIP)

    imported(db, tmp_path,
             correct("membership", "MED-1", "name", "Coompanion Göteborg",
                     decision_ref=DECISION),
             correct("membership", "MED-1", "joined_on", "2026-02-03", decision_ref=DECISION),
             name="c.jsonl")
    imported(db, tmp_path, void("membership", "MED-1", decision_ref=DECISION),
             name="v.jsonl")

    types = [e["type"] for e in events(db)]
    assert types == ["Membership.Joined", "Membership.FactCorrected",
                     "Membership.FactCorrected", "Membership.Voided"]
    code, _, out = run_import(db, tmp_path, {"command": "leave_organisation", "ref": "MED-1",
                                             "left_on": "2026-06-30"}, name="l.jsonl")
    assert code == 1 and "void" in out
    assert proven(db)[0] == 0


# Board meetings and action plans --------------------------------------------------------

def test_a_meeting_a_plan_was_adopted_at_cannot_move_or_be_voided(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, MEETING, draft_plan(), ADOPT)

    code, _, out = run_import(db, tmp_path, correct("board_meeting", "STYR-2026-1",
                                                    "held_on", "2026-02-02"), name="c.jsonl")
    assert code == 1 and "R8" in out and "adopt_action_plan 2026" in out
    code, _, out = run_import(db, tmp_path, void("board_meeting", "STYR-2026-1"),
                              name="v.jsonl")
    assert code == 1 and "R8" in out and "adopt_action_plan 2026" in out

    imported(db, tmp_path, correct("board_meeting", "STYR-2026-1", "minutes_ref",
                                   "Protokoll 2026-01"),
             correct("action_plan", "2026", "operations_plan_ref",
                     "Verksamhetsplan 2026 rev. 1"), name="ok.jsonl")
    stored = events(db)
    assert [e["type"] for e in stored[-2:]] == ["BoardMeeting.FactCorrected",
                                               "ActionPlan.FactCorrected"]


def test_a_meeting_recorded_twice_is_voided_and_a_wrong_day_corrected(
        db: str, tmp_path: Path) -> None:
    twice = {**MEETING, "ref": "STYR-2026-1b"}
    imported(db, tmp_path, MEETING, twice)

    imported(db, tmp_path, void("board_meeting", "STYR-2026-1b"),
             correct("board_meeting", "STYR-2026-1", "held_on", "2026-02-03"),
             name="v.jsonl")

    assert [e["type"] for e in events(db)][-2:] == ["BoardMeeting.Voided",
                                                    "BoardMeeting.FactCorrected"]
    # A plan adopted on the old day has no meeting that day any more (R8).
    imported(db, tmp_path, draft_plan(), name="d.jsonl")
    code, _, out = run_import(db, tmp_path, ADOPT, name="a.jsonl")
    assert code == 1 and "R8" in out


def test_a_meeting_cannot_be_corrected_to_a_day_after_it_is_recorded(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, MEETING)

    code, _, out = run_import(db, tmp_path, correct("board_meeting", "STYR-2026-1",
                                                    "held_on", "2099-01-01"), name="c.jsonl")

    assert code == 1 and "held_on" in out


# Activities and structural work ----------------------------------------------------------

def test_an_activity_and_structural_work_recorded_by_mistake_are_voided(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, ACTIVITY, HELD, WORK)
    before = board(db)
    assert before["activities"]["held"] == 1
    assert before["structural_work"]["by_measure"]["S1"] == 1

    imported(db, tmp_path, correct("activity", "AKT-1", "planned_on", "2026-03-11"),
             void("activity", "AKT-1"), void("structural_work", "STR-1"), name="v.jsonl")

    after = board(db)
    assert after["activities"]["held"] == 0
    assert after["activities"]["attendance_total"] == 0
    assert after["structural_work"]["by_measure"]["S1"] == 0
    assert proven(db)[0] == 0


def test_the_dashboard_takes_back_a_voided_activity(db: str, tmp_path: Path) -> None:
    from datetime import date

    from asfledger.decode import ledger_events
    from asfledger.ledger import Ledger
    from projections.dashboard import figures, fold

    second = {**ACTIVITY, "ref": "AKT-2"}
    imported(db, tmp_path, ACTIVITY, HELD, second, {**HELD, "ref": "AKT-2"})
    imported(db, tmp_path, void("activity", "AKT-2"), name="v.jsonl")

    with Ledger(db, read_only=True) as ledger:
        dash = figures(fold(ledger_events(ledger.store)), 2026, today=date(2026, 12, 4))
    assert (dash.activities_held, dash.attendance) == (1, 17)


def test_the_board_report_counts_the_corrections_of_its_period(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, ACTIVITY, WORK, MEETING)
    imported(db, tmp_path, void("activity", "AKT-1"),
             correct("structural_work", "STR-1", "description", "Kartläggning i Farsta"),
             correct("board_meeting", "STYR-2026-1", "minutes_ref", "Protokoll 2026:1"),
             name="c.jsonl")

    corrections = board(db)["corrections"]
    assert corrections == {"reversed": 0, "corrected": 2, "voided": 1,
                           "reversed_sek": "0.00"}
    assert board(db, "2025")["corrections"]["corrected"] == 0


# One action of a plan ---------------------------------------------------------------------

ACTION = {"command": "add_action", "year": 2026, "action_id": "A1", "measure": "S3",
          "description": "Informera handläggare om ASF", "owner": "samordnare",
          "due_on": "2026-06-30"}


def test_an_actions_due_date_and_owner_are_corrected_and_the_replay_shows_both(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, draft_plan(), ACTION)

    imported(db, tmp_path, correct("action", "2026/A1", "due_on", "2026-09-30"),
             correct("action", "2026/A1", "owner", "förbundschef"), name="c.jsonl")

    stored = [e for e in events(db) if e["type"] == "ActionPlan.ActionCorrected"]
    assert [(e["data"]["action_id"], e["data"]["field"], e["data"]["old"], e["data"]["new"],
             e["data"]["corrects"]) for e in stored] == [
        ("A1", "due_on", "2026-06-30", "2026-09-30", 2),
        ("A1", "owner", "samordnare", "förbundschef", 2)]
    code, out, _ = cli(db, "audit", "replay")
    assert code == 0 and "corrected due_on of action A1 of the 2026 action plan from " \
        "2026-06-30 to 2026-09-30" in out


def test_an_action_of_an_adopted_plan_is_corrected_only_by_a_decision(
        db: str, tmp_path: Path) -> None:
    imported(db, tmp_path, MEETING, draft_plan(), ACTION, ADOPT)

    code, _, out = run_import(db, tmp_path, correct("action", "2026/A1", "description",
                                                    "Informera om ASF"), name="c.jsonl")
    assert code == 1 and "R6" in out
    code, _, out = run_import(db, tmp_path, correct("action", "2026/A9", "description",
                                                    "Informera om ASF",
                                                    decision_ref=DECISION), name="u.jsonl")
    assert code == 1 and "A9" in out
    code, _, err = run_import(db, tmp_path, correct("action", "A1", "description", "X"),
                              name="k.jsonl")
    assert code == 2 and "YEAR/ACTION_ID" in err

    imported(db, tmp_path, correct("action", "2026/A1", "description", "Informera om ASF",
                                   decision_ref=DECISION), name="ok.jsonl")
    assert proven(db)[0] == 0
