"""Business dates, not recording order: a decision dated before decisions already
recorded, which it would make break a rule, is refused naming them; if it reaches the
store past the guards, the proof flags what it breaks (issue 14). On the same day, the
order of recording decides.

The guards see the partner's agreements only (their refs are linked on the partner): an
offboarding or an assessment dated before a recorded funding, effort or payment is not
refused yet, but the proof flags it (the last two tests)."""

from __future__ import annotations

from datetime import date

import pytest

from asfledger.audit.compliance import prove
from asfledger.ledger import Ledger
from domain.aggregates import Partner
from tests.domain.builders import (
    ORG_A,
    assert_refused,
    assess,
    decide_funding,
    expenditure,
    must_get,
    offboard,
    onboarded_partner_commands,
    pay_funding,
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
    assert refused.refusal.params["conflicts"] == "sign_agreement AVT-2 (2026-03-01)"
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
    assert refused.refusal.params["conflicts"] == "sign_agreement AVT-2 (2026-06-01)"


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
