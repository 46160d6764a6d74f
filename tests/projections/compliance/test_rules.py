"""R1–R9, each check alone (R7: over one event's record or data)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.events import Event
from domain.rules import rule
from projections.compliance import r7_no_personal_data
from projections.compliance.check import Check
from projections.compliance.facts import Facts
from projections.compliance.findings import RuleTally
from projections.compliance.fold import CHECKS
from projections.compliance.r1_supervisor_employer import R1
from projections.compliance.r2_criteria_at_onboarding import R2
from projections.compliance.r3_active_partners import R3
from projections.compliance.r4_agreement_on_payment import R4
from projections.compliance.r5_within_amounts import R5
from projections.compliance.r6_action_plan import R6
from projections.compliance.r8_yearly_plan import R8
from projections.compliance.r9_criteria_hold import R9
from tests.projections.compliance.history import History, check_alone, details

ORG = "769000-0018"


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__)
def test_a_rule_names_the_event_classes_its_check_reads(check: type[Check]) -> None:
    """``Rule.events`` (domain/rules.py) holds every class the rule's check reads, and
    only classes that it or the facts it shares read."""
    facts = Facts()
    reads = {cls for cls, _ in check(facts).reads()}
    named = set(rule(check.__name__).events)
    assert reads <= named <= reads | {cls for cls, _ in facts.reads()}


def test_R7_names_every_event() -> None:
    assert rule("R7").events == (Event,)
DAY = date(2026, 3, 1)


def _funding(h: History, ref: str = "HF-1", *, employer: str = "stockholms_stad",
             amount: int = 1000) -> History:
    return h.add("SupervisorFunding.Decided", ref, org_nr=ORG, employer=employer,
                 amount_ore=amount, decided_on=DAY, starts_on=DAY)


def _paid(h: History, ref: str = "HF-1", *, voucher: str = "V1", amount: int = 600,
          payee: str = "stockholms_stad") -> History:
    return h.add("SupervisorFunding.Paid", ref, voucher_ref=voucher, paid_on=DAY,
                 amount_ore=amount, payee=payee)


def test_R1_a_supervisor_not_employed_by_a_party_and_payments_to_another_payee() -> None:
    h = _funding(History(), "HF-1", employer="Gröna Jobb AB")
    _paid(_funding(h, "HF-2"), "HF-2", payee="region")
    _paid(h, "HF-3")  # never decided
    found, _, examined = check_alone(R1, h)
    assert details(found) == [(1, "check.R1_employer"), (3, "check.R1_payee"),
                              (4, "check.R1_payee")]
    assert found[2].params["employer"] == "?" and examined == 4


def test_R2_onboarded_only_when_every_criterion_is_met_on_that_day() -> None:
    h = History().partner(ORG)
    h.add("Partner.CriterionAssessed", "769000-0026", criterion="C1", assessed_on=DAY,
          met=False)
    h.add("Partner.Onboarded", "769000-0026", onboarded_on=DAY)
    found, _, examined = check_alone(R2, h)
    assert details(found) == [(8, "check.R2")]
    assert found[0].params == {"criteria": "C1, C2, C3, C4"} and examined == 2


def test_R3_starts_only_with_an_active_partner_by_business_date() -> None:
    h = History().partner(ORG, on=date(2026, 1, 10))
    h.add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 1, 5),
          ends_on=None)  # before the onboarding
    h.add("Effort.Started", "INS-1", org_nr=ORG, starts_on=date(2026, 9, 1))
    # Recorded after the effort, dated before its start.
    h.add("Partner.Offboarded", ORG, offboarded_on=date(2026, 6, 30))
    found, _, examined = check_alone(R3, h)
    assert details(found) == [(7, "check.R3"), (8, "check.R3_dated")] and examined == 2


def test_R3_a_partner_with_agreements_is_never_voided() -> None:
    h = History().partner(ORG)
    h.add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 2, 1), ends_on=None)
    h.add("Partner.Voided", ORG)
    found, _, _ = check_alone(R3, h)
    assert details(found) == [(8, "check.R3_void_partner")]
    assert found[0].params == {"dependents": "onboarded_on, AVT-1"}


def test_R4_money_to_a_partner_needs_an_agreement_active_that_day() -> None:
    h = History().add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 1, 1),
                      ends_on=date(2026, 2, 28))
    for ref, day in (("U1", date(2026, 2, 1)), ("U2", DAY)):
        h.add("Expenditure.Recorded", ref, paid_on=day, purpose="procured_service",
              payee_kind="partner", payee=ORG)
    h.add("Expenditure.Recorded", "U3", paid_on=DAY, purpose="administration",
          payee_kind="supplier", payee="LEV-1")
    found, _, examined = check_alone(R4, h)
    assert details(found) == [(3, "check.R4")] and examined == 2


def test_R5_payments_never_exceed_the_decided_amount_net_of_reversals() -> None:
    h = _paid(_paid(_funding(History()), voucher="V1"), voucher="V2")  # 1200 of 1000
    h.add("SupervisorFunding.PaymentReversed", "HF-1", voucher_ref="V2", amount_ore=600,
          reversed_on=DAY)
    h.add("SupervisorFunding.PaymentReversed", "HF-1", voucher_ref="V2", amount_ore=600,
          reversed_on=DAY)  # already reversed
    h.add("SupervisorFunding.FactCorrected", "HF-1", field="amount_ore", new=500)
    h.add("SupervisorFunding.Voided", "HF-1")
    found, _, examined = check_alone(R5, h)
    assert details(found) == [(3, "check.R5"), (5, "check.R5_reverse_unpaid"),
                              (6, "check.R5"), (7, "check.R5_void_paid")]
    assert examined == 6


def test_R5_an_efforts_budget_is_never_exceeded() -> None:
    h = History().add("Effort.Started", "INS-1", org_nr=ORG, starts_on=DAY, budget_ore=1000)
    for ref, linked in (("U1", "INS-1"), ("U2", "INS-1"), ("U3", "INS-9")):
        h.add("Expenditure.Recorded", ref, paid_on=DAY, purpose="effort_financing",
              linked_ref=linked, amount_ore=600)
    h.add("Expenditure.Reversed", "U2", purpose="effort_financing", linked_ref="INS-1",
          amount_ore=600, reversed_on=DAY)
    h.add("Expenditure.Reversed", "U2", purpose="effort_financing", linked_ref="INS-1",
          amount_ore=600, reversed_on=DAY)
    found, _, _ = check_alone(R5, h)
    assert details(found) == [(3, "check.R5"), (4, "check.R5_no_effort"),
                              (6, "check.R5_reversed_twice")]


def test_R6_actions_close_only_in_an_adopted_plan_which_changes_only_by_decision() -> None:
    h = History().add("ActionPlan.ActionAdded", "2026", action_id="A1", decision_ref=None)
    h.add("ActionPlan.ActionCompleted", "2026", action_id="A1", completed_on=DAY)
    h.add("ActionPlan.Adopted", "2026", adopted_on=DAY, decision_ref="STYR-1")
    h.add("ActionPlan.ActionAdded", "2026", action_id="A2", decision_ref=None)
    h.add("ActionPlan.ActionCompleted", "2026", action_id="A2", completed_on=DAY)
    h.add("ActionPlan.ActionDropped", "2026", action_id="A1", dropped_on=DAY)  # closed at 2
    h.add("ActionPlan.Adopted", "2026", adopted_on=DAY, decision_ref="STYR-2")
    found, _, examined = check_alone(R6, h)
    assert details(found) == [(2, "check.R6_unadopted"), (4, "check.R6_added"),
                              (6, "check.R6_not_open"), (7, "check.R6_twice")]
    assert examined == 7


def test_R7_a_personal_identity_number_anywhere_in_an_event() -> None:
    tally = RuleTally()
    h = History().add("Expenditure.Recorded", "U1", description="Kontakt 19121212-1212")
    h.add("Expenditure.Recorded", "U2", description="Lokalhyra 2026-03-01–2026-03-04")
    for event in h.events:
        r7_no_personal_data.check(event, tally)
    raw = h.events[1]._replace(position=3, raw=b'{"note":"121212-1212"}')
    r7_no_personal_data.check(raw, tally)
    assert details(tally.violations) == [(1, "check.R7"), (3, "check.R7")]


def test_R7_reads_every_text_of_a_typed_event_a_list_item_and_a_dict_key_too() -> None:
    tally = RuleTally()
    h = History().add("Partner.Registered", "556677-8899", districts=["farsta", "19121212-1212"])
    h.add("Activity.Held", "AKT-1", attendance={"121212-1212": 3})
    h.add("Activity.Held", "AKT-2", attendance={"asf": 3})
    for event in h.events:
        r7_no_personal_data.check(event, tally)
    assert details(tally.violations) == [(1, "check.R7"), (2, "check.R7")]
    assert "19121212-1212" in r7_no_personal_data.texts(h.events[0].event)


def test_R8_each_ended_year_has_a_plan_adopted_at_a_meeting_held_that_day() -> None:
    h = History().add("BoardMeeting.Held", "STYR-2025-1", held_on=date(2025, 2, 1))
    h.add("ActionPlan.Adopted", "2025", adopted_on=date(2025, 2, 1),
          decision_ref="STYR-2025-1 §7")
    h.add("ActionPlan.Adopted", "2027", adopted_on=date(2027, 1, 5), decision_ref="STYR-X")
    found, review, examined = check_alone(R8, h, today=date(2027, 6, 1))
    assert details(found) == [(3, "check.R8_no_meeting"), (3, "check.R8_missing")]
    assert found[1].params == {"year": 2026} and review == [] and examined == 2 + 3


def test_R8_the_running_year_without_a_plan_is_to_review() -> None:
    h = History().add("BoardMeeting.Held", "STYR-1", held_on=date(2026, 2, 1))
    found, review, _ = check_alone(R8, h, today=date(2026, 6, 1))
    assert found == [] and details(review) == [(1, "review.R8_open")]


def test_R9_the_criteria_hold_at_every_decision_for_a_partner() -> None:
    h = History().partner(ORG, on=date(2026, 1, 10))
    h.add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 2, 1), ends_on=None)
    h.add("Agreement.Signed", "AVT-2", org_nr=ORG, starts_on=date(2026, 5, 1), ends_on=None)
    # Recorded after both, dated between them.
    h.add("Partner.CriterionAssessed", ORG, criterion="C3", assessed_on=date(2026, 4, 1),
          met=False)
    found, _, examined = check_alone(R9, h)
    assert details(found) == [(8, "check.R9")] and examined == 2
    assert found[0].params == {"org_nr": ORG, "criteria": "C3", "since": date(2026, 4, 1)}


def test_R5_payments_under_an_agreement_never_exceed_its_value() -> None:
    """Issue 14 (F1): money to a partner is counted against the agreement's value."""
    org = "769000-0018"
    h = History().add("Partner.Registered", org)
    h.add("Agreement.Signed", "IOP-1", org_nr=org, kind="iop", starts_on=date(2026, 2, 1),
          ends_on=None, value_ore=1_000_00, scope="Platser")
    h.add("Agreement.Signed", "IOP-2", org_nr=org, kind="iop", starts_on=date(2026, 2, 1),
          ends_on=None, value_ore=None, scope=None)
    for ref, agreement, amount in (("U1", "IOP-1", 600_00), ("U2", "IOP-1", 500_00),
                                   ("U3", "IOP-2", 10**9)):
        h.add("Expenditure.Recorded", ref, paid_on=date(2026, 3, 1),
              purpose="procured_service", payee_kind="partner", payee=org,
              linked_ref=agreement, amount_ore=amount, description="x", note=None)
    h.add("Expenditure.Reversed", "U2", purpose="procured_service", linked_ref="IOP-1",
          amount_ore=500_00, reversed_on=date(2026, 3, 2))
    h.add("Expenditure.Recorded", "U4", paid_on=date(2026, 3, 3), purpose="procured_service",
          payee_kind="partner", payee=org, linked_ref="IOP-1", amount_ore=400_00,
          description="x", note=None)
    found, _, _ = check_alone(R5, h)
    assert details(found) == [(5, "check.R5")]
    assert found[0].params == {"paid": 1_100_00, "limit": 1_000_00}
