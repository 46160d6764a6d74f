"""Efforts at an ASF (I1, I2): started with an onboarded partner (R3), participants counted
never named, outcomes reported, and financing kept within the budget (R5)."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from domain.aggregates import Effort, Expenditure
from domain.commands import Command, GenderCounts, command_name, decode_command
from domain.money import Money
from tests.domain.builders import (
    DAY,
    ORG_A,
    ORG_B,
    assert_refused,
    assess_all,
    board_meeting,
    complete_effort,
    expenditure,
    must_get,
    offboard,
    onboarded_partner_commands,
    register,
    report_outcomes,
    report_participants,
    sign_agreement,
    start_effort,
)
from tests.domain.memory import MemoryLedger


@pytest.fixture
def started(ledger: MemoryLedger) -> MemoryLedger:
    """Partner A onboarded with agreement AVT-1, effort INS-1 with a 50 000 kr budget."""
    ledger.execute([*onboarded_partner_commands(ORG_A), sign_agreement("AVT-1", ORG_A),
                    start_effort("INS-1", ORG_A, budget_sek="50000")])
    return ledger


def financing(ref: str, amount_sek: str, *, effort: str = "INS-1",
              paid_on: date = date(2026, 4, 30)) -> Command:
    """Effort financing paid to the party that runs the effort, charged to its budget (to
    the partner it would be F1: money to an ASF is only payment under an agreement)."""
    return expenditure(ref, paid_on=paid_on, amount_sek=amount_sek, payee_kind="party",
                       payee="arbetsformedlingen", purpose="effort_financing",
                       linked_ref=effort)


def test_start_effort_records_its_decision_and_budget(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    start_effort("INS-1", ORG_A, measure="I2", run_by="arbetsformedlingen",
                                 starts_on=date(2026, 2, 1), ends_on=None,
                                 budget_sek="75000.25")])

    effort = must_get(ledger, Effort, "INS-1")
    assert (effort.org_nr, effort.measure, effort.run_by) == (ORG_A, "I2",
                                                              "arbetsformedlingen")
    assert (effort.starts_on, effort.ends_on) == (date(2026, 2, 1), None)
    assert effort.budget_ore == 7_500_025
    assert effort.charged_ore == 0
    assert effort.completed_on is None


def test_report_participants_counts_by_target_group_and_gender(started: MemoryLedger) -> None:
    started.execute([report_participants("INS-1", period="2026-Q1", counts={
        "long_term_unemployed": GenderCounts(women=4, men=3, other=1),
        "newly_arrived_refugees": GenderCounts(men=2),
    })])

    effort = must_get(started, Effort, "INS-1")
    assert effort.participants == {"2026-Q1": {
        "long_term_unemployed": {"women": 4, "men": 3, "other": 1},
        "newly_arrived_refugees": {"women": 0, "men": 2, "other": 0},
    }}


def test_a_later_report_of_the_same_period_replaces_the_earlier(started: MemoryLedger) -> None:
    started.execute([
        report_participants("INS-1", period="2026-Q1"),
        report_participants("INS-1", period="2026-Q2",
                            counts={"mental_disability": GenderCounts(women=1)}),
        report_participants("INS-1", period="2026-Q1",
                            counts={"mental_disability": GenderCounts(women=5, men=5)}),
    ])

    effort = must_get(started, Effort, "INS-1")
    assert effort.participants == {
        "2026-Q1": {"mental_disability": {"women": 5, "men": 5, "other": 0}},
        "2026-Q2": {"mental_disability": {"women": 1, "men": 0, "other": 0}},
    }


def test_report_outcomes_records_the_counts_of_the_period(started: MemoryLedger) -> None:
    started.execute([report_participants("INS-1", period="2026-Q1"),  # 8
                     report_participants("INS-1", period="2026-Q2"),  # 8
                     report_outcomes("INS-1", period="2026", work=3, studies=2,
                                     job_seeking=4, other=1)])

    assert must_get(started, Effort, "INS-1").outcomes == {
        "2026": {"work": 3, "studies": 2, "job_seeking": 4, "other": 1}}


def test_outcomes_never_exceed_the_participants_reported_for_the_period(
        started: MemoryLedger) -> None:
    """Issue 19: outcomes of 10 were accepted against 7 participants. An outcome is a
    participant's: a `state` refusal (a rule of counting, not of the policy), counted as
    the board report counts (the latest report of each period within it)."""
    started.execute([report_participants("INS-1", period="2026-Q1", counts={
        "long_term_unemployed": GenderCounts(women=4, men=3)})])  # 7
    assert_refused(started, [report_outcomes("INS-1", period="2026-Q1", work=10, studies=0,
                                             job_seeking=0, other=0)], "state")
    assert_refused(started, [report_outcomes("INS-1", period="2026-Q2", work=1, studies=0,
                                             job_seeking=0, other=0)], "state")  # none in Q2
    started.execute([report_outcomes("INS-1", period="2026-Q1", work=3, studies=2,
                                      job_seeking=1, other=1)])  # 7 of 7
    # A later report replaces the count: 3 participants now, 7 outcomes would exceed it.
    started.execute([report_participants("INS-1", period="2026-Q1", counts={
        "long_term_unemployed": GenderCounts(women=2, men=1)})])
    assert must_get(started, Effort, "INS-1").participants_within("2026") == 3
    assert_refused(started, [report_outcomes("INS-1", period="2026", work=4, studies=0,
                                             job_seeking=0, other=0)], "state")


def test_complete_effort_records_the_day(started: MemoryLedger) -> None:
    started.execute([complete_effort("INS-1", on=date(2026, 11, 30))])

    effort = must_get(started, Effort, "INS-1")
    assert effort.completed_on == date(2026, 11, 30)
    assert effort.is_active_on(date(2026, 11, 29))
    assert not effort.is_active_on(date(2026, 11, 30))


@pytest.mark.parametrize("period", ["2026-05", "2026-Q5", "Q1 2026", "2026-1"])
def test_participants_are_reported_per_quarter_or_year_only(period: str) -> None:
    line = msgspec.json.encode({
        "command": "report_participants", "ref": "INS-1", "period": period,
        "counts": {"long_term_unemployed": {"women": 1}}})

    with pytest.raises(msgspec.ValidationError, match="period"):
        decode_command(line)


def test_participants_are_counted_never_named() -> None:
    line = msgspec.json.encode({
        "command": "report_participants", "ref": "INS-1", "period": "2026-Q1",
        "counts": {"long_term_unemployed": {"women": 1, "names": ["Anna Andersson"]}}})

    with pytest.raises(msgspec.ValidationError, match="names"):
        decode_command(line)


# R3 -------------------------------------------------------------------------------------

def test_R3_no_effort_with_a_partner_that_is_not_onboarded(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), *assess_all(ORG_A)])

    assert_refused(ledger, [start_effort("INS-1", ORG_A)], "R3")
    assert ledger.get(Effort, "INS-1") is None


def test_R3_no_effort_starting_after_the_partner_was_offboarded(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=DAY),
                    offboard(ORG_A, on=date(2026, 6, 1))])

    assert_refused(ledger, [start_effort("INS-1", ORG_A, starts_on=date(2026, 8, 1))], "R3")


# R5 -------------------------------------------------------------------------------------

def test_R5_effort_financing_is_charged_to_the_budget(started: MemoryLedger) -> None:
    started.execute([financing("UTG-1", "20000"), financing("UTG-2", "29999.99")])

    effort = must_get(started, Effort, "INS-1")
    assert effort.charged_ore == 4_999_999
    assert must_get(started, Expenditure, "UTG-2").linked_ref == "INS-1"


def test_R5_effort_financing_never_exceeds_the_budget(started: MemoryLedger) -> None:
    started.execute([financing("UTG-1", "49999.99")])

    refused = assert_refused(started, [financing("UTG-2", "0.02")], "R5")

    assert refused.refusal.params["limit"] == Money(5_000_000)
    assert "0,02 kr mot INS-1 skulle överskrida 50 000,00 kr (49 999,99 kr redan betalt)" in (
        refused.refusal.describe("sv"))
    assert "SEK 0.02 against INS-1 would exceed SEK 50,000.00 (SEK 49,999.99 already paid)" in (
        refused.refusal.describe("en"))
    assert must_get(started, Effort, "INS-1").charged_ore == 4_999_999
    assert started.get(Expenditure, "UTG-2") is None
    started.execute([financing("UTG-2", "0.01")])
    assert must_get(started, Effort, "INS-1").charged_ore == 5_000_000


def test_R5_effort_financing_in_one_batch_is_added_up(started: MemoryLedger) -> None:
    refused = assert_refused(started, [financing("UTG-1", "30000"),
                                       financing("UTG-2", "20000.01")], "R5")

    assert refused.index == 1
    assert must_get(started, Effort, "INS-1").charged_ore == 0


def test_R5_effort_financing_through_a_party_counts_against_the_budget(
        started: MemoryLedger) -> None:
    started.execute([expenditure("UTG-1", amount_sek="40000", purpose="effort_financing",
                                 payee_kind="party", payee="stockholms_stad",
                                 linked_ref="INS-1")])

    assert_refused(started, [expenditure("UTG-2", amount_sek="10000.01",
                                         purpose="effort_financing", payee_kind="party",
                                         payee="stockholms_stad", linked_ref="INS-1")], "R5")


def test_R5_effort_financing_after_completion_is_accepted_costs_in_arrears(
        started: MemoryLedger) -> None:
    started.execute([complete_effort("INS-1", on=date(2026, 11, 30)),
                     financing("UTG-1", "50000", paid_on=date(2026, 12, 20))])

    assert must_get(started, Effort, "INS-1").charged_ore == 5_000_000


def test_effort_financing_must_link_an_effort_that_exists(started: MemoryLedger) -> None:
    assert_refused(started, [financing("UTG-1", "100", effort="INS-9")], "unknown")


# Consistency ------------------------------------------------------------------------------

def test_an_effort_ref_is_unique(started: MemoryLedger) -> None:
    started.execute(onboarded_partner_commands(ORG_B))

    assert_refused(started, [start_effort("INS-1", ORG_B)], "duplicate")
    assert must_get(started, Effort, "INS-1").org_nr == ORG_A


def test_an_unknown_effort_is_refused(started: MemoryLedger, subtests: pytest.Subtests) -> None:
    for command in (report_participants("INS-9"), report_outcomes("INS-9"),
                    complete_effort("INS-9")):
        with subtests.test(command=command_name(command)):
            assert_refused(started, [board_meeting(), command], "unknown")


def test_an_effort_is_completed_only_once(started: MemoryLedger) -> None:
    started.execute([complete_effort("INS-1", on=date(2026, 11, 30))])

    assert_refused(started, [complete_effort("INS-1", on=date(2026, 12, 15))], "state")


def test_an_effort_cannot_be_completed_before_it_starts(started: MemoryLedger) -> None:
    assert_refused(started, [complete_effort("INS-1", on=date(2026, 1, 1))], "state")


def test_a_refusal_names_parties_in_words_not_codes() -> None:
    """Issue 19: "goes to region_stockholm, but the employer is stockholms_stad"."""
    from domain.errors import Refusal

    refusal = Refusal("R1", "refusal.R1_payee", ref="HF-1", payee="region_stockholm",
                      employer="stockholms_stad")
    assert "goes to Region Stockholm, but the employer is Stockholms stad" in \
        refusal.describe("en")
    assert "region_stockholm" not in refusal.describe("sv")
