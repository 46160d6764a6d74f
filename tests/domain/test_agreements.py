"""Agreements with partners (S2): signed only with onboarded partners (R3), then ended."""

from __future__ import annotations

from datetime import date

from domain.aggregates import (
    Activity,
    Agreement,
    BoardMeeting,
    Effort,
    Expenditure,
    Membership,
    Partner,
    StructuralWork,
    SupervisorFunding,
)
from tests.domain.builders import (
    DAY,
    ORG_A,
    ORG_B,
    assert_refused,
    assess_all,
    board_meeting,
    decide_funding,
    end_agreement,
    expenditure,
    join,
    log_structural_work,
    must_get,
    offboard,
    onboarded_partner_commands,
    plan_activity,
    register,
    sign_agreement,
    start_effort,
)
from tests.domain.memory import MemoryLedger


def test_sign_agreement_records_its_terms_and_links_it_to_the_partner(ledger: MemoryLedger) -> None:
    ledger.execute([
        *onboarded_partner_commands(ORG_A),
        sign_agreement("IOP-2026-1", ORG_A, kind="reserved_procurement", starts_on=DAY,
                       ends_on=date(2027, 12, 31), value_sek="250000.50"),
    ])

    agreement = must_get(ledger, Agreement, "IOP-2026-1")
    assert (agreement.org_nr, agreement.kind) == (ORG_A, "reserved_procurement")
    assert (agreement.starts_on, agreement.ends_on) == (DAY, date(2027, 12, 31))
    assert agreement.value_ore == 25_000_050
    assert agreement.ended_on is None
    assert must_get(ledger, Partner, ORG_A).agreement_refs == ["IOP-2026-1"]


def test_an_agreement_may_be_open_ended_and_without_a_value(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    sign_agreement("AVT-1", ORG_A, ends_on=None, value_sek=None,
                                   scope=None)])

    agreement = must_get(ledger, Agreement, "AVT-1")
    assert agreement.ends_on is None
    assert agreement.value_ore is None
    assert agreement.is_active_on(date(2040, 1, 1))


def test_end_agreement_makes_it_inactive_from_its_ended_on(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A), sign_agreement("AVT-1", ORG_A),
                    end_agreement("AVT-1", on=date(2026, 6, 30), reason="Uppsagt")])

    agreement = must_get(ledger, Agreement, "AVT-1")
    assert agreement.ended_on == date(2026, 6, 30)
    assert agreement.is_active_on(date(2026, 6, 29))
    assert not agreement.is_active_on(date(2026, 6, 30))


def test_an_agreement_is_active_on_its_last_day(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    sign_agreement("AVT-1", ORG_A, ends_on=date(2026, 12, 31))])

    agreement = must_get(ledger, Agreement, "AVT-1")
    assert agreement.is_active_on(date(2026, 12, 31))
    assert not agreement.is_active_on(date(2027, 1, 1))
    assert not agreement.is_active_on(date(2026, 1, 14))


# R3 -------------------------------------------------------------------------------------

def test_R3_no_agreement_with_a_partner_that_was_never_onboarded(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), *assess_all(ORG_A)])

    refused = assert_refused(ledger, [sign_agreement("AVT-1", ORG_A)], "R3")

    assert refused.refusal.params["org_nr"] == ORG_A
    assert ledger.get(Agreement, "AVT-1") is None


def test_R3_no_agreement_starting_after_the_partner_was_offboarded(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=DAY),
                    offboard(ORG_A, on=date(2026, 3, 1))])

    assert_refused(ledger, [sign_agreement("AVT-1", ORG_A, starts_on=date(2026, 4, 1))], "R3")
    assert_refused(ledger, [sign_agreement("AVT-1", ORG_A, starts_on=date(2026, 3, 1))], "R3")


def test_R3_no_agreement_starting_before_the_partner_was_onboarded(ledger: MemoryLedger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A, on=DAY))

    assert_refused(ledger, [sign_agreement("AVT-1", ORG_A, starts_on=date(2026, 1, 1))], "R3")


def test_R3_an_agreement_starting_while_the_partner_was_active_is_accepted_after_offboarding(
        ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=DAY),
                    offboard(ORG_A, on=date(2026, 3, 1)),
                    sign_agreement("AVT-1", ORG_A, starts_on=date(2026, 2, 1))])

    assert must_get(ledger, Agreement, "AVT-1").starts_on == date(2026, 2, 1)


def test_R3_onboarding_in_the_same_batch_allows_the_agreement(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A), sign_agreement("AVT-1", ORG_A)])

    assert ledger.get(Agreement, "AVT-1") is not None


# Consistency ------------------------------------------------------------------------------

def test_an_agreement_ref_is_unique(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A), *onboarded_partner_commands(ORG_B),
                    sign_agreement("AVT-1", ORG_A)])

    refused = assert_refused(ledger, [sign_agreement("AVT-1", ORG_B)], "duplicate")

    assert refused.refusal.params["key"] == "AVT-1"
    assert must_get(ledger, Agreement, "AVT-1").org_nr == ORG_A
    assert must_get(ledger, Partner, ORG_B).agreement_refs == []


def test_an_agreement_with_an_unknown_partner_is_refused(ledger: MemoryLedger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A))

    assert_refused(ledger, [sign_agreement("AVT-1", ORG_B)], "unknown")


def test_an_unknown_agreement_cannot_be_ended(ledger: MemoryLedger) -> None:
    ledger.execute([board_meeting()])

    assert_refused(ledger, [end_agreement("AVT-9")], "unknown")


def test_an_agreement_is_ended_only_once(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A), sign_agreement("AVT-1", ORG_A),
                    end_agreement("AVT-1", on=date(2026, 6, 30))])

    assert_refused(ledger, [end_agreement("AVT-1", on=date(2026, 7, 31))], "state")
    assert must_get(ledger, Agreement, "AVT-1").ended_on == date(2026, 6, 30)


def test_an_agreement_cannot_end_before_it_starts(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    sign_agreement("AVT-1", ORG_A, starts_on=date(2026, 3, 1))])

    assert_refused(ledger, [end_agreement("AVT-1", on=date(2026, 2, 1))], "state")


def test_the_same_ref_may_be_used_by_different_kinds(ledger: MemoryLedger) -> None:
    ref = "2026:1"
    ledger.execute([
        *onboarded_partner_commands(ORG_A),
        sign_agreement(ref, ORG_A), decide_funding(ref, ORG_A), start_effort(ref, ORG_A),
        plan_activity(ref), log_structural_work(ref), expenditure(ref), join(ref),
        board_meeting(ref),
    ])

    assert must_get(ledger, Agreement, ref).org_nr == ORG_A
    assert must_get(ledger, SupervisorFunding, ref).org_nr == ORG_A
    assert must_get(ledger, Effort, ref).org_nr == ORG_A
    assert must_get(ledger, Activity, ref).kind == "seminar"
    assert must_get(ledger, StructuralWork, ref).measure == "S3"
    assert must_get(ledger, Expenditure, ref).purpose == "administration"
    assert must_get(ledger, Membership, ref).kind == "network"
    assert must_get(ledger, BoardMeeting, ref).minutes_ref == "Protokoll 2026:1"
