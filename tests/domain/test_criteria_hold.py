"""R9: the criteria C1–C4 hold at every decision, not only at onboarding.

The issue's example: a partner reassessed after onboarding as no longer meeting C4 gets a
new supervisor funding and a payment: both are refused now, and flagged by the proof if
they reach the store past the guards.
"""

from __future__ import annotations

from datetime import date

import pytest

from asfledger.audit.compliance import prove
from asfledger.ledger import Ledger
from domain import commands as c
from domain.aggregates import Partner
from tests.audit.test_compliance_proof import force
from tests.domain.builders import (
    ORG_A,
    assert_refused,
    assess,
    decide_funding,
    must_get,
    onboarded_partner_commands,
    pay_funding,
    pay_partner,
    sign_agreement,
    start_effort,
)

NOT_MET_ON = date(2026, 3, 1)


@pytest.fixture
def ledger(stored_ledger: Ledger) -> Ledger:
    """The proof reads a store: these tests decide on a real ledger (SQLite, PostgreSQL)."""
    return stored_ledger


@pytest.fixture
def reassessed(ledger: Ledger) -> Ledger:
    """Partner A onboarded 2026-01-15 with funding HF-1 and agreement AVT-1; C4 assessed
    "not met" on 2026-03-01."""
    ledger.execute([*onboarded_partner_commands(ORG_A), decide_funding("HF-1"),
                    sign_agreement("AVT-1"),
                    assess(ORG_A, "C4", met=False, on=NOT_MET_ON,
                           evidence="Kommunen har tagit över styrelsen")])
    return ledger


def _violations(ledger: Ledger) -> list[tuple[str, int]]:
    report = prove(ledger.store, ledger_id=ledger.ledger_id())
    return [(v.rule, v.position) for v in report.proof.violations]


@pytest.mark.parametrize("cmd", [
    decide_funding("HF-2", decided_on=date(2026, 3, 23), starts_on=date(2026, 4, 1)),
    pay_funding("HF-1", paid_on=date(2026, 3, 31)),
    sign_agreement("AVT-2", starts_on=date(2026, 4, 1)),
    start_effort("INS-2", starts_on=date(2026, 4, 1)),
    pay_partner("UTG-9", paid_on=date(2026, 4, 30), linked_ref="AVT-1"),
], ids=["funding", "payment", "agreement", "effort", "expenditure"])
def test_R9_no_new_decision_while_a_criterion_is_not_met(reassessed: Ledger,
                                                          cmd: c.Command) -> None:
    refused = assert_refused(reassessed, [cmd], "R9")

    assert refused.refusal.params["criteria"] == "C4"
    assert refused.refusal.params["since"] == NOT_MET_ON


def test_R9_a_decision_dated_before_the_assessment_is_accepted(reassessed: Ledger) -> None:
    reassessed.execute([pay_funding("HF-1", paid_on=date(2026, 2, 28))])

    assert _violations(reassessed) == []


def test_R9_once_assessed_met_again_decisions_are_accepted(reassessed: Ledger) -> None:
    reassessed.execute([assess(ORG_A, "C4", met=True, on=date(2026, 5, 1)),
                        pay_funding("HF-1", paid_on=date(2026, 5, 31))])

    assert _violations(reassessed) == []


def test_R9_the_partner_says_since_when_the_criteria_are_not_met(reassessed: Ledger) -> None:
    partner = must_get(reassessed, Partner, ORG_A)

    assert partner.criteria_not_met_since(date(2026, 2, 28)) is None
    assert partner.criteria_not_met_since(date(2026, 6, 1)) == (["C4"], NOT_MET_ON)


def test_R9_the_proof_flags_a_funding_and_a_payment_while_C4_is_not_met(
        reassessed: Ledger) -> None:
    force(reassessed, decide_funding("HF-2", decided_on=date(2026, 3, 23),
                                     starts_on=date(2026, 4, 1)))
    funding_at = reassessed.head()
    force(reassessed, pay_funding("HF-1", paid_on=date(2026, 3, 31)))

    assert _violations(reassessed) == [("R9", funding_at), ("R9", reassessed.head())]
