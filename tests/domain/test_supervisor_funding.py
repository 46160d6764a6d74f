"""Supervisor funding (I3): a party employs the supervisor (R1), the partner is onboarded
(R3) and payments never exceed the decided amount (R5)."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from domain.aggregates import SupervisorFunding
from domain.commands import Command, decode_command
from domain.money import Money
from tests.domain.builders import (
    DAY,
    ORG_A,
    ORG_B,
    YEAR_END,
    assert_refused,
    assess_all,
    board_meeting,
    decide_funding,
    end_funding,
    must_get,
    offboard,
    onboarded_partner_commands,
    pay_funding,
    register,
)
from tests.domain.memory import MemoryLedger


@pytest.fixture
def funded(ledger: MemoryLedger) -> MemoryLedger:
    """Partner A onboarded and a 100 000 kr funding HF-1, Stockholms stad employs."""
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    decide_funding("HF-1", ORG_A, amount_sek="100000")])
    return ledger


def test_decide_supervisor_funding_records_the_decision(ledger: MemoryLedger) -> None:
    ledger.execute([
        *onboarded_partner_commands(ORG_A),
        decide_funding("HF-1", ORG_A, employer="region_stockholm", amount_sek="123456.78",
                       decided_on=date(2026, 1, 10), starts_on=date(2026, 2, 1),
                       ends_on=date(2027, 1, 31), fte_percent=75,
                       target_groups=["mental_disability", "lss_daily_activity",
                                      "mental_disability"]),
    ])

    funding = must_get(ledger, SupervisorFunding, "HF-1")
    assert (funding.org_nr, funding.employer) == (ORG_A, "region_stockholm")
    assert funding.amount_ore == 12_345_678
    assert (funding.decided_on, funding.starts_on, funding.ends_on) == (
        date(2026, 1, 10), date(2026, 2, 1), date(2027, 1, 31))
    assert funding.fte_percent == 75
    assert funding.target_groups == ["mental_disability", "lss_daily_activity"]
    assert funding.paid_ore == 0
    assert funding.ended_on is None


def test_pay_supervisor_funding_adds_up_what_was_paid(funded: MemoryLedger) -> None:
    funded.execute([
        pay_funding("HF-1", voucher_ref="VER-1", amount_sek="25000"),
        pay_funding("HF-1", voucher_ref="VER-2", amount_sek=30000, paid_on=date(2026, 6, 30)),
    ])

    funding = must_get(funded, SupervisorFunding, "HF-1")
    assert funding.paid_ore == 5_500_000
    assert funding.vouchers == ["VER-1", "VER-2"]


def test_end_supervisor_funding_records_the_end(funded: MemoryLedger) -> None:
    funded.execute([end_funding("HF-1", on=date(2026, 9, 30))])

    funding = must_get(funded, SupervisorFunding, "HF-1")
    assert funding.ended_on == date(2026, 9, 30)
    assert funding.is_running_on(date(2026, 9, 29))
    assert not funding.is_running_on(date(2026, 9, 30))


def test_money_is_exact_ten_times_ten_ore_and_one_krona_is_two_kronor(funded: MemoryLedger) -> None:
    funded.execute([pay_funding("HF-1", voucher_ref=f"VER-{i}", amount_sek="0.10")
                    for i in range(10)])
    funded.execute([pay_funding("HF-1", voucher_ref="VER-10", amount_sek="1")])

    assert must_get(funded, SupervisorFunding, "HF-1").paid_ore == 200


def test_money_is_exact_with_many_small_amounts_up_to_the_decided_amount(
        ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    decide_funding("HF-1", ORG_A, amount_sek="0.30")])
    ledger.execute([pay_funding("HF-1", voucher_ref=f"VER-{i}", amount_sek="0.10")
                    for i in range(3)])

    assert must_get(ledger, SupervisorFunding, "HF-1").paid_ore == 30
    assert_refused(ledger, [pay_funding("HF-1", voucher_ref="VER-3", amount_sek="0.01")],
                   "R5")


# R1 -------------------------------------------------------------------------------------

def test_R1_supervisor_must_be_employed_by_a_party(ledger: MemoryLedger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A))
    line = msgspec.json.encode({
        "command": "decide_supervisor_funding", "ref": "HF-1", "org_nr": ORG_A,
        "employer": "Gröna Jobb AB", "amount_sek": "100000", "decided_on": "2026-01-15",
        "starts_on": "2026-01-15", "ends_on": "2026-12-31", "fte_percent": 50,
        "target_groups": ["long_term_unemployed"], "decision_ref": "Styrelsen §4",
    })

    command = decode_command(line)  # an employer outside the parties is not a format error

    refused = assert_refused(ledger, [command], "R1")
    assert refused.refusal.params["employer"] == "Gröna Jobb AB"
    assert ledger.get(SupervisorFunding, "HF-1") is None


def test_R1_the_employer_is_one_of_the_four_party_codes(ledger: MemoryLedger,
                                                       subtests: pytest.Subtests) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A))
    for employer in ("Stockholms stad", "Samordningsförbundet", ORG_A, "STOCKHOLMS_STAD"):
        with subtests.test(employer=employer):
            assert_refused(ledger, [decide_funding("HF-1", ORG_A, employer=employer)], "R1")


def test_R1_each_party_may_employ_the_supervisor(ledger: MemoryLedger) -> None:
    parties = ["stockholms_stad", "region_stockholm", "arbetsformedlingen", "forsakringskassan"]
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    *(decide_funding(f"HF-{p}", ORG_A, employer=p) for p in parties),
                    *(pay_funding(f"HF-{p}", payee=p) for p in parties)])

    for party in parties:
        funding = must_get(ledger, SupervisorFunding, f"HF-{party}")
        assert (funding.employer, funding.paid_ore) == (party, 2_500_000)


def test_R1_payments_go_to_the_employer_party(funded: MemoryLedger,
                                              subtests: pytest.Subtests) -> None:
    for payee in ("region_stockholm", ORG_A, "Gröna Jobb AB"):
        with subtests.test(payee=payee):
            refused = assert_refused(funded, [pay_funding("HF-1", payee=payee)], "R1")

            assert refused.refusal.params["employer"] == "stockholms_stad"
            assert must_get(funded, SupervisorFunding, "HF-1").paid_ore == 0


# R3 -------------------------------------------------------------------------------------

def test_R3_no_funding_for_a_partner_that_is_not_onboarded(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), *assess_all(ORG_A)])

    assert_refused(ledger, [decide_funding("HF-1", ORG_A)], "R3")


def test_R3_no_funding_starting_after_the_partner_was_offboarded(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=DAY),
                    offboard(ORG_A, on=date(2026, 5, 31))])

    assert_refused(ledger, [decide_funding("HF-1", ORG_A, decided_on=date(2026, 5, 1),
                                           starts_on=date(2026, 6, 1))], "R3")


# R5 -------------------------------------------------------------------------------------

def test_R5_payments_never_exceed_the_decided_amount(funded: MemoryLedger) -> None:
    funded.execute([pay_funding("HF-1", voucher_ref="VER-1", amount_sek="99999.99")])

    refused = assert_refused(
        funded, [pay_funding("HF-1", voucher_ref="VER-2", amount_sek="0.02")], "R5")

    assert refused.refusal.params == {"ref": "HF-1", "amount": Money(2),
                                      "spent": Money(9_999_999), "limit": Money(10_000_000)}
    assert "(99 999,99 kr redan betalt)" in refused.refusal.describe("sv")
    funded.execute([pay_funding("HF-1", voucher_ref="VER-2", amount_sek="0.01")])
    assert must_get(funded, SupervisorFunding, "HF-1").paid_ore == 10_000_000


def test_R5_payments_in_one_batch_are_added_up(funded: MemoryLedger) -> None:
    refused = assert_refused(funded, [
        pay_funding("HF-1", voucher_ref="VER-1", amount_sek="60000"),
        pay_funding("HF-1", voucher_ref="VER-2", amount_sek="40000.01"),
    ], "R5")

    assert refused.index == 1
    assert must_get(funded, SupervisorFunding, "HF-1").paid_ore == 0


def test_R5_payments_after_the_end_date_are_accepted_costs_are_paid_in_arrears(
        funded: MemoryLedger) -> None:
    funded.execute([
        pay_funding("HF-1", voucher_ref="VER-1", paid_on=date(2027, 1, 20), amount_sek="50000"),
        end_funding("HF-1", on=date(2026, 10, 31)),
        pay_funding("HF-1", voucher_ref="VER-2", paid_on=date(2027, 2, 20), amount_sek="50000"),
    ])

    funding = must_get(funded, SupervisorFunding, "HF-1")
    assert funding.ends_on == YEAR_END
    assert funding.ended_on == date(2026, 10, 31)
    assert funding.paid_ore == 10_000_000


def test_R5_payments_are_accepted_after_the_partner_was_offboarded(funded: MemoryLedger) -> None:
    funded.execute([offboard(ORG_A, on=date(2026, 6, 30)),
                    pay_funding("HF-1", paid_on=date(2026, 7, 15), amount_sek="40000")])

    assert must_get(funded, SupervisorFunding, "HF-1").paid_ore == 4_000_000


# Consistency ------------------------------------------------------------------------------

def test_a_funding_ref_is_unique(funded: MemoryLedger) -> None:
    funded.execute(onboarded_partner_commands(ORG_B))

    assert_refused(funded, [decide_funding("HF-1", ORG_B)], "duplicate")
    assert must_get(funded, SupervisorFunding, "HF-1").org_nr == ORG_A


def test_a_voucher_is_paid_only_once_per_funding(funded: MemoryLedger) -> None:
    funded.execute([pay_funding("HF-1", voucher_ref="VER-1")])

    assert_refused(funded, [pay_funding("HF-1", voucher_ref="VER-1")], "duplicate")


def test_a_payment_cannot_precede_the_decision(funded: MemoryLedger) -> None:
    assert_refused(funded, [pay_funding("HF-1", paid_on=date(2026, 1, 14))], "state")


@pytest.mark.parametrize("command", [pay_funding("HF-9"), end_funding("HF-9")],
                         ids=["pay", "end"])
def test_an_unknown_funding_cannot_be_paid_or_ended(funded: MemoryLedger, command: Command) -> None:
    assert_refused(funded, [board_meeting(), command], "unknown")


def test_a_funding_is_ended_only_once(funded: MemoryLedger) -> None:
    funded.execute([end_funding("HF-1", on=date(2026, 9, 30))])

    assert_refused(funded, [end_funding("HF-1", on=date(2026, 10, 31))], "state")


def test_a_funding_cannot_end_before_it_starts(funded: MemoryLedger) -> None:
    assert_refused(funded, [end_funding("HF-1", on=date(2026, 1, 1))], "state")
