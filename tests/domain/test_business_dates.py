"""Business dates, not recording order: a decision dated before decisions already
recorded, which it would make break a rule, is refused naming them; if it reaches the
store past the guards, the proof flags what it breaks (issue 14). On the same day, the
order of recording decides.

The guards find what a partner's decisions are by the refs linked on the partner (its
agreements, fundings, efforts and the payments to it); the proof judges the same pairs
once the whole history is in (the tests that forge an event past the guards)."""

from __future__ import annotations

from datetime import date

import pytest

from asfledger.audit.compliance import prove
from asfledger.ledger import Ledger
from domain.aggregates import Agreement, Partner
from tests.domain.builders import (
    ORG_A,
    assert_refused,
    assess,
    decide_funding,
    end_agreement,
    end_funding,
    expenditure,
    must_get,
    offboard,
    onboard,
    onboarded_partner_commands,
    pay_funding,
    pay_partner,
    sign_agreement,
    start_effort,
)

ONBOARDED = date(2026, 1, 10)


@pytest.fixture
def ledger(stored_ledger: Ledger) -> Ledger:
    """The proof reads a store: these tests decide on a real ledger (SQLite, PostgreSQL)."""
    return stored_ledger


@pytest.fixture
def busy(ledger: Ledger) -> Ledger:
    """The issue's example: an effort with payments in February, April and July, and a
    supervisor funding decided 2026-03-23 (starting 2026-04-01)."""
    ledger.execute([
        *onboarded_partner_commands(ORG_A, on=ONBOARDED),
        start_effort("INS-1", starts_on=date(2026, 1, 12), budget_sek="90000"),
        *(expenditure(f"UTG-{m}", paid_on=date(2026, m, 20), amount_sek="10000",
                      purpose="effort_financing", payee_kind="party",
                      payee="stockholms_stad", linked_ref="INS-1") for m in (2, 4, 7)),
        decide_funding("HF-1", decided_on=date(2026, 3, 23), starts_on=date(2026, 4, 1)),
        pay_funding("HF-1", paid_on=date(2026, 6, 30)),
    ])
    return ledger


def _violations(ledger: Ledger) -> list[tuple[str, str]]:
    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))
    return [(v.rule, v.subject) for v in report.proof.violations]


def test_a_backdated_offboarding_before_an_agreement_is_refused_naming_it(
        busy: Ledger) -> None:
    busy.execute([sign_agreement("AVT-2", starts_on=date(2026, 3, 1))])

    refused = assert_refused(busy, [offboard(ORG_A, on=date(2026, 1, 15))], "R3")

    assert refused.refusal.message_key == "refusal.dated_conflict"
    assert refused.refusal.params["conflicts"] == (
        "sign_agreement AVT-2 (2026-03-01), decide_supervisor_funding HF-1 (2026-04-01)")
    assert must_get(busy, Partner, ORG_A).is_onboarded


def test_an_offboarding_after_every_start_is_accepted(busy: Ledger) -> None:
    busy.execute([offboard(ORG_A, on=date(2026, 4, 2))])

    assert _violations(busy) == []


def test_a_backdated_offboarding_in_the_history_is_flagged_at_the_funding(
        busy: Ledger) -> None:
    partner = must_get(busy, Partner, ORG_A)
    partner.trigger_event(partner.Offboarded, offboarded_on=date(2026, 1, 15),
                          reason="bakdaterat", actor="forged", note=None)
    busy.save(partner)

    assert _violations(busy) == [("R3", "HF-1")]


def test_a_not_met_assessment_dated_before_a_recorded_agreement_is_refused(
        busy: Ledger) -> None:
    busy.execute([sign_agreement("AVT-2", starts_on=date(2026, 6, 1))])

    refused = assert_refused(busy, [assess(ORG_A, "C4", met=False, on=date(2026, 5, 1))],
                             "R9")

    assert refused.refusal.message_key == "refusal.R9_assessment"
    assert refused.refusal.params["conflicts"] == (
        "sign_agreement AVT-2 (2026-06-01), pay_supervisor_funding HF-1 VER-1 (2026-06-30), "
        "record_expenditure UTG-7 (2026-07-20)")


def test_on_the_same_day_the_order_of_recording_decides(busy: Ledger) -> None:
    busy.execute([assess(ORG_A, "C4", met=False, on=date(2026, 7, 20)),  # after UTG-7
                  offboard(ORG_A, on=date(2026, 7, 20))])

    assert _violations(busy) == []


def test_a_not_met_assessment_followed_by_met_again_covers_only_its_window(
        busy: Ledger) -> None:
    busy.execute([assess(ORG_A, "C4", met=True, on=date(2026, 5, 10))])
    busy.execute([assess(ORG_A, "C4", met=False, on=date(2026, 5, 1))])  # before the met

    assert _violations(busy) == []


def test_a_backdated_not_met_assessment_in_the_history_is_flagged_at_each_decision(
        busy: Ledger) -> None:
    partner = must_get(busy, Partner, ORG_A)
    partner.trigger_event(partner.CriterionAssessed, criterion="C4", met=False,
                          evidence="bakdaterad", assessed_on=date(2026, 5, 1),
                          actor="forged", note=None)
    busy.save(partner)

    assert sorted(_violations(busy)) == [("R9", "HF-1"), ("R9", "UTG-7")]


# -- R3: an offboarding dated before a funding or an effort already recorded ----------------

def test_a_backdated_offboarding_before_a_funding_is_refused_naming_it(busy: Ledger) -> None:
    """The issue's example: offboarded 2026-01-15 although HF-1 starts 2026-04-01."""
    refused = assert_refused(busy, [offboard(ORG_A, on=date(2026, 1, 15))], "R3")

    assert refused.refusal.message_key == "refusal.dated_conflict"
    assert refused.refusal.params["conflicts"] == (
        "decide_supervisor_funding HF-1 (2026-04-01)")
    for lang in ("sv", "en"):
        assert "HF-1 (2026-04-01)" in refused.refusal.describe(lang)


def test_a_backdated_offboarding_before_an_effort_is_refused_naming_it(
        ledger: Ledger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=ONBOARDED),
                    start_effort("INS-2", starts_on=date(2026, 3, 2), budget_sek="9000")])

    refused = assert_refused(ledger, [offboard(ORG_A, on=date(2026, 2, 1))], "R3")

    assert refused.refusal.params["conflicts"] == "start_effort INS-2 (2026-03-02)"


# -- R4: an agreement ended before the payments made under it --------------------------------

@pytest.fixture
def paid_under_agreement(ledger: Ledger) -> Ledger:
    """An IOP from 2026-01-12, and money paid to the partner under it in May and July."""
    ledger.execute([
        *onboarded_partner_commands(ORG_A, on=ONBOARDED),
        sign_agreement("AVT-1", starts_on=date(2026, 1, 12)),
        pay_partner("UTG-5", paid_on=date(2026, 5, 20)),
        pay_partner("UTG-7", paid_on=date(2026, 7, 20)),
    ])
    return ledger


def test_ending_an_agreement_before_payments_under_it_is_refused_naming_them(
        paid_under_agreement: Ledger) -> None:
    refused = assert_refused(paid_under_agreement,
                             [end_agreement("AVT-1", on=date(2026, 3, 1))], "R4")

    assert refused.refusal.message_key == "refusal.dated_conflict"
    assert refused.refusal.params["conflicts"] == (
        "record_expenditure UTG-5 (2026-05-20), record_expenditure UTG-7 (2026-07-20)")
    for lang in ("sv", "en"):
        assert "UTG-7 (2026-07-20)" in refused.refusal.describe(lang)
    assert must_get(paid_under_agreement, Agreement, "AVT-1").ended_on is None


def test_ending_an_agreement_after_its_last_payment_is_accepted(
        paid_under_agreement: Ledger) -> None:
    paid_under_agreement.execute([end_agreement("AVT-1", on=date(2026, 7, 21))])

    assert _violations(paid_under_agreement) == []


def test_ending_an_agreement_on_the_day_of_a_payment_recorded_before_it_is_accepted(
        paid_under_agreement: Ledger) -> None:
    paid_under_agreement.execute([end_agreement("AVT-1", on=date(2026, 7, 20))])

    assert _violations(paid_under_agreement) == []


def test_ending_an_agreement_is_accepted_when_another_covers_the_payments(
        paid_under_agreement: Ledger) -> None:
    paid_under_agreement.execute([
        sign_agreement("AVT-2", kind="procurement", starts_on=date(2026, 2, 1)),
        end_agreement("AVT-1", on=date(2026, 3, 1))])

    assert _violations(paid_under_agreement) == []


def test_an_agreement_ended_before_its_payments_in_the_history_is_flagged_at_them(
        paid_under_agreement: Ledger) -> None:
    agreement = must_get(paid_under_agreement, Agreement, "AVT-1")
    agreement.trigger_event(agreement.Ended, ended_on=date(2026, 6, 1), reason="bakdaterat",
                            actor="forged", note=None)
    paid_under_agreement.save(agreement)

    assert _violations(paid_under_agreement) == [("R4", "UTG-7")]


# -- R2: a "not met" assessment dated before an onboarding already recorded ------------------

def test_a_not_met_assessment_dated_before_the_onboarding_is_refused_naming_it(
        ledger: Ledger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A, on=date(2026, 1, 5))[:-1])
    ledger.execute([onboard(ORG_A, on=ONBOARDED)])

    refused = assert_refused(ledger, [assess(ORG_A, "C2", met=False, on=date(2026, 1, 8))],
                             "R2")

    assert refused.refusal.message_key == "refusal.dated_conflict"
    assert refused.refusal.params["conflicts"] == f"onboard_partner {ORG_A} (2026-01-10)"


def test_a_not_met_assessment_before_an_onboarding_that_a_later_met_one_covers_is_accepted(
        ledger: Ledger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A, on=date(2026, 1, 5))[:-1])
    ledger.execute([assess(ORG_A, "C2", met=True, on=date(2026, 1, 9)),
                    onboard(ORG_A, on=ONBOARDED),
                    assess(ORG_A, "C2", met=False, on=date(2026, 1, 8))])

    assert _violations(ledger) == []


def test_a_backdated_not_met_assessment_in_the_history_is_flagged_at_the_onboarding(
        ledger: Ledger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A, on=date(2026, 1, 5))[:-1])
    ledger.execute([onboard(ORG_A, on=ONBOARDED)])
    partner = must_get(ledger, Partner, ORG_A)
    partner.trigger_event(partner.CriterionAssessed, criterion="C2", met=False,
                          evidence="bakdaterad", assessed_on=date(2026, 1, 8),
                          actor="forged", note=None)
    ledger.save(partner)

    assert _violations(ledger) == [("R2", ORG_A)]


# -- a supervisor funding's end: payments after it are costs paid in arrears ----------------

def test_ending_a_funding_before_payments_already_recorded_is_accepted_as_arrears(
        busy: Ledger) -> None:
    """R5 (SPEC): payments after a funding's end are normal, costs are paid in arrears; so
    a funding ended before a payment recorded under it breaks no rule, and guard and proof
    agree on that."""
    busy.execute([end_funding("HF-1", on=date(2026, 5, 31))])

    assert _violations(busy) == []
