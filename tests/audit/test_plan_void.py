"""Voiding an action plan (issue 15): R8 must then see the year without it. The guard
refuses to void the adopted plan of a year that has ended (the year would have ended
without one); a history that got past the guard is flagged: that year is R8_missing.
On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from asfledger.audit.compliance import prove
from asfledger.ledger import CommandRefused, Ledger
from domain import commands as c
from tests.audit.test_compliance_proof import force
from tests.domain import builders as b

PAST: list[c.Command] = [
    b.board_meeting("STYR-2025-1", held_on=date(2025, 2, 1)), b.draft_plan(2025),
    b.adopt_plan(2025, adopted_on=date(2025, 2, 1), decision_ref="STYR-2025-1 §7")]


def _missing(ledger: Ledger) -> list[str]:
    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 31))
    return [v.subject for v in report.proof.violations if v.rule == "R8"]


def test_the_adopted_plan_of_an_ended_year_is_not_voided(
        open_ledger: Callable[..., Ledger]) -> None:
    ledger = open_ledger(actor="test")
    ledger.execute(PAST)

    with pytest.raises(CommandRefused) as refused:
        ledger.execute([b.void_decision("action_plan", "2025", decision_ref="STYR-2026-4 §2")])

    assert refused.value.refusal.code == "R8"
    assert "adopt_action_plan 2025" in refused.value.refusal.describe("en")
    assert _missing(ledger) == []


def test_a_past_years_plan_voided_past_the_guard_leaves_the_year_without_one(
        open_ledger: Callable[..., Ledger]) -> None:
    ledger = open_ledger(actor="test")
    ledger.execute(PAST)

    force(ledger, b.void_decision("action_plan", "2025", decision_ref="STYR-2026-4 §2"))

    assert _missing(ledger) == ["2025"]


def test_the_running_years_plan_is_voided_and_drafted_again(
        open_ledger: Callable[..., Ledger]) -> None:
    ledger = open_ledger(actor="test")
    ledger.execute([b.board_meeting(), b.draft_plan(), b.add_action(), b.adopt_plan()])

    ledger.execute([b.void_decision("action_plan", "2026", decision_ref="STYR-2026-4 §2")])
    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 5))
    assert report.proven
    assert [i.subject for i in report.proof.to_review if i.rule == "R8"] == ["2026"]

    ledger.execute([b.draft_plan(operations_plan_ref="Verksamhetsplan 2026 rev. 1"),
                    b.board_meeting("STYR-2026-2", held_on=date(2026, 3, 1)),
                    b.adopt_plan(adopted_on=date(2026, 3, 1), decision_ref="STYR-2026-2 §1")])
    report = prove(ledger.store, ledger_id=ledger.ledger_id(), as_of=date(2026, 12, 5))
    assert report.proven and not report.proof.to_review
