"""The yearly action plan (handlingsplan): one adopted plan per year, actions closed only in
an adopted plan, changed after adoption only by a decision (R6)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.aggregates import ActionPlan
from domain.commands import Command, command_name
from tests.domain.builders import (
    YEAR,
    add_action,
    adopt_plan,
    assert_refused,
    board_meeting,
    complete_action,
    draft_plan,
    drop_action,
    must_get,
)
from tests.domain.memory import MemoryLedger

PLAN = str(YEAR)


@pytest.fixture
def adopted(ledger: MemoryLedger) -> MemoryLedger:
    """The 2026 plan with actions A1 (S7) and A2 (S3), adopted on 2026-02-01 at board
    meeting STYR-2026-1."""
    ledger.execute([draft_plan(), add_action("A1", measure="S7"),
                    add_action("A2", measure="S3"), board_meeting(),
                    adopt_plan(adopted_on=date(2026, 2, 1))])
    return ledger


def test_draft_action_plan_links_it_to_the_operations_plan(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(YEAR, operations_plan_ref="VP 2026 dnr 12/2025")])

    plan = must_get(ledger, ActionPlan, PLAN)
    assert plan.year == YEAR
    assert plan.operations_plan_ref == "VP 2026 dnr 12/2025"
    assert plan.actions == {}
    assert not plan.is_adopted


def test_add_action_records_measure_owner_and_due_date(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(), add_action("A1", measure="I3", owner="samordnare",
                                             due_on=date(2026, 6, 30),
                                             description="Två nya handledare")])

    action = must_get(ledger, ActionPlan, PLAN).actions["A1"]
    assert (action.measure, action.owner, action.due_on) == ("I3", "samordnare",
                                                             date(2026, 6, 30))
    assert action.description == "Två nya handledare"
    assert action.status == "open"


def test_adopt_action_plan_records_the_decision(adopted: MemoryLedger) -> None:
    plan = must_get(adopted, ActionPlan, PLAN)
    assert plan.is_adopted
    assert plan.adopted_on == date(2026, 2, 1)
    assert plan.decision_ref == "STYR-2026-1 §7"


def test_complete_action_in_an_adopted_plan(adopted: MemoryLedger) -> None:
    adopted.execute([complete_action("A1", completed_on=date(2026, 10, 1))])

    action = must_get(adopted, ActionPlan, PLAN).actions["A1"]
    assert (action.status, action.closed_on) == ("completed", date(2026, 10, 1))


def test_drop_action_in_an_adopted_plan(adopted: MemoryLedger) -> None:
    adopted.execute([drop_action("A2", dropped_on=date(2026, 9, 1))])

    plan = must_get(adopted, ActionPlan, PLAN)
    assert (plan.actions["A2"].status, plan.actions["A2"].closed_on) == (
        "dropped", date(2026, 9, 1))
    assert plan.actions["A1"].status == "open"


def test_plans_of_different_years_are_separate(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(2026), draft_plan(2027), add_action("A1", year=2027)])

    assert must_get(ledger, ActionPlan, "2026").actions == {}
    assert list(must_get(ledger, ActionPlan, "2027").actions) == ["A1"]


# R6 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("close", [complete_action("A1"), drop_action("A1")],
                         ids=["complete", "drop"])
def test_R6_actions_are_closed_only_in_an_adopted_plan(ledger: MemoryLedger,
                                                       close: Command) -> None:
    ledger.execute([draft_plan(), add_action("A1")])

    refused = assert_refused(ledger, [close], "R6")

    assert refused.refusal.message_key == "refusal.R6_not_adopted"
    assert must_get(ledger, ActionPlan, PLAN).actions["A1"].status == "open"


def test_R6_one_adopted_plan_per_year(adopted: MemoryLedger) -> None:
    refused = assert_refused(adopted, [adopt_plan(adopted_on=date(2026, 3, 1),
                                                  decision_ref="Styrelsen 2026-03-01 §2")],
                             "R6")

    assert refused.refusal.message_key == "refusal.R6_already_adopted"
    assert must_get(adopted, ActionPlan, PLAN).adopted_on == date(2026, 2, 1)


def test_R6_after_adoption_an_action_is_added_only_by_a_decision(adopted: MemoryLedger) -> None:
    assert_refused(adopted, [add_action("A3")], "R6")

    adopted.execute([add_action("A3", decision_ref="Styrelsen 2026-05-01 §3")])
    assert must_get(adopted, ActionPlan, PLAN).actions["A3"].decision_ref == (
        "Styrelsen 2026-05-01 §3")


def test_R6_an_action_is_not_closed_before_the_plan_was_adopted(adopted: MemoryLedger) -> None:
    assert_refused(adopted, [complete_action("A1", completed_on=date(2026, 1, 31))], "R6")


# Consistency ------------------------------------------------------------------------------

def test_a_plan_that_exists_cannot_be_drafted_again(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(operations_plan_ref="VP 2026")])

    refused = assert_refused(ledger, [draft_plan(operations_plan_ref="VP 2026 rev")],
                             "duplicate")

    assert refused.refusal.params["key"] == PLAN
    assert must_get(ledger, ActionPlan, PLAN).operations_plan_ref == "VP 2026"


def test_a_plan_that_was_not_drafted_is_unknown(adopted: MemoryLedger,
                                                subtests: pytest.Subtests) -> None:
    for command in (add_action("A1", year=2030), adopt_plan(2030),
                    complete_action("A1", year=2030), drop_action("A1", year=2030)):
        with subtests.test(command=command_name(command)):
            assert_refused(adopted, [board_meeting("STYR-2030-1"), command], "unknown")


def test_an_action_id_is_unique_within_its_plan(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(), add_action("A1")])

    assert_refused(ledger, [add_action("A1", measure="S1")], "duplicate")


def test_an_unknown_action_cannot_be_closed(adopted: MemoryLedger) -> None:
    assert_refused(adopted, [complete_action("A9")], "unknown")


@pytest.mark.parametrize("again", [complete_action("A1"), drop_action("A1")],
                         ids=["complete", "drop"])
def test_a_closed_action_stays_closed(adopted: MemoryLedger, again: Command) -> None:
    adopted.execute([complete_action("A1", completed_on=date(2026, 9, 1))])

    assert_refused(adopted, [again], "state")
    assert must_get(adopted, ActionPlan, PLAN).actions["A1"].closed_on == date(2026, 9, 1)


# R8: every year has a plan, adopted by the board at a recorded meeting ------------------

def test_R8_a_plan_is_adopted_only_at_a_board_meeting_recorded_in_the_ledger(
        ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(), add_action("A1")])

    refused = assert_refused(ledger, [adopt_plan(decision_ref="no board meeting at all")],
                             "R8")

    assert refused.refusal.message_key == "refusal.R8_no_meeting"
    assert not must_get(ledger, ActionPlan, PLAN).is_adopted


def test_R8_the_meeting_is_recorded_before_the_adoption(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan()])

    assert_refused(ledger, [adopt_plan(), board_meeting()], "R8", index=0)


def test_R8_the_meeting_is_held_on_the_adoption_day(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(), board_meeting(held_on=date(2026, 2, 1))])

    refused = assert_refused(ledger, [adopt_plan(adopted_on=date(2026, 2, 3))], "R8")

    assert refused.refusal.message_key == "refusal.R8_meeting_day"


def test_R8_a_decision_ref_names_the_meeting_and_its_paragraph(ledger: MemoryLedger) -> None:
    ledger.execute([draft_plan(), board_meeting("SB 2026-02-10", held_on=date(2026, 2, 10)),
                    adopt_plan(adopted_on=date(2026, 2, 10), decision_ref="SB 2026-02-10 §5")])

    assert must_get(ledger, ActionPlan, PLAN).adopted_on == date(2026, 2, 10)
