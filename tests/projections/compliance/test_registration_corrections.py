"""The proof checks the corrections of agreements and board meetings (issue 15): a
correction or a void the guard would refuse, found in a history anyway (written by another
tool, or before the guard knew), is flagged under the rule it breaks."""

from __future__ import annotations

from datetime import date

from projections.compliance.r3_active_partners import R3
from projections.compliance.r4_agreement_on_payment import R4
from projections.compliance.r6_action_plan import R6
from projections.compliance.r8_yearly_plan import R8
from projections.compliance.r9_criteria_hold import R9
from tests.projections.compliance.history import History, check_alone, details

ORG = "769000-0018"


def _agreement_and_payment(paid_on: date = date(2026, 3, 1)) -> History:
    h = History().add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 1, 1),
                      ends_on=None)
    return h.add("Expenditure.Recorded", "U1", paid_on=paid_on, purpose="procured_service",
                 payee_kind="partner", payee=ORG)


def test_R4_an_agreement_ended_before_a_payment_by_a_correction_is_flagged_there() -> None:
    h = _agreement_and_payment()
    h.add("Agreement.FactCorrected", "AVT-1", field="ends_on", new="2026-02-28")
    found, _, examined = check_alone(R4, h)
    assert details(found) == [(3, "check.R4_corrected")] and examined == 2
    assert found[0].params == {"org_nr": ORG, "day": date(2026, 3, 1), "agreement": "AVT-1"}


def test_R4_a_voided_agreement_leaves_its_payments_without_one() -> None:
    h = _agreement_and_payment()
    h.add("Agreement.Voided", "AVT-1")
    found, _, _ = check_alone(R4, h)
    assert details(found) == [(3, "check.R4_corrected")]


def test_R4_a_correction_that_still_covers_the_payment_is_fine() -> None:
    h = _agreement_and_payment()
    h.add("Agreement.FactCorrected", "AVT-1", field="ends_on", new="2026-03-31")
    h.add("Agreement.FactCorrected", "AVT-1", field="starts_on", new="2026-02-01")
    found, _, examined = check_alone(R4, h)
    assert found == [] and examined == 3


def test_R4_a_payment_after_a_void_is_judged_without_the_agreement() -> None:
    h = History().add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 1, 1),
                      ends_on=None)
    h.add("Agreement.Voided", "AVT-1")
    h.add("Expenditure.Recorded", "U1", paid_on=date(2026, 3, 1), purpose="procured_service",
          payee_kind="partner", payee=ORG)
    found, _, _ = check_alone(R4, h)
    assert details(found) == [(3, "check.R4")]


def test_R3_and_R9_judge_a_corrected_agreement_start() -> None:
    h = History().partner(ORG, on=date(2026, 1, 10))
    h.add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 2, 1), ends_on=None)
    h.add("Agreement.FactCorrected", "AVT-1", field="starts_on", new="2026-01-05")
    found, _, _ = check_alone(R3, h)
    assert details(found) == [(8, "check.R3")]
    h = History().partner(ORG, on=date(2026, 1, 10))
    h.add("Partner.CriterionAssessed", ORG, criterion="C2", assessed_on=date(2026, 3, 1),
          met=False)
    h.add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=date(2026, 2, 1), ends_on=None)
    h.add("Agreement.FactCorrected", "AVT-1", field="starts_on", new="2026-04-01")
    found, _, _ = check_alone(R9, h)
    assert details(found) == [(9, "check.R9")]


def _adopted_at_meeting() -> History:
    h = History().add("BoardMeeting.Held", "STYR-2026-1", held_on=date(2026, 2, 1))
    return h.add("ActionPlan.Adopted", "2026", adopted_on=date(2026, 2, 1),
                 decision_ref="STYR-2026-1 §7")


def test_R8_a_meeting_a_plan_was_adopted_at_corrected_to_another_day_is_flagged() -> None:
    h = _adopted_at_meeting()
    h.add("BoardMeeting.FactCorrected", "STYR-2026-1", field="held_on", new="2026-02-02")
    found, _, _ = check_alone(R8, h)
    assert details(found) == [(3, "check.R8_meeting_corrected")]
    assert found[0].params == {"year": "2026", "ref": "STYR-2026-1"}


def test_R8_a_meeting_a_plan_was_adopted_at_voided_is_flagged() -> None:
    h = _adopted_at_meeting().add("BoardMeeting.Voided", "STYR-2026-1")
    found, _, _ = check_alone(R8, h)
    assert details(found) == [(3, "check.R8_meeting_corrected")]


def test_R8_the_minutes_of_the_meeting_corrected_and_another_meeting_voided_are_fine() -> None:
    h = _adopted_at_meeting()
    h.add("BoardMeeting.FactCorrected", "STYR-2026-1", field="minutes_ref", new="PROT-1")
    h.add("BoardMeeting.Held", "STYR-2026-2", held_on=date(2026, 3, 1))
    h.add("BoardMeeting.Voided", "STYR-2026-2")
    found, _, _ = check_alone(R8, h)
    assert found == []


def test_R8_a_plan_adopted_at_a_voided_meeting_has_no_meeting() -> None:
    h = History().add("BoardMeeting.Held", "STYR-2026-1", held_on=date(2026, 2, 1))
    h.add("BoardMeeting.Voided", "STYR-2026-1")
    h.add("ActionPlan.Adopted", "2026", adopted_on=date(2026, 2, 1),
          decision_ref="STYR-2026-1 §7")
    found, _, _ = check_alone(R8, h)
    assert details(found) == [(3, "check.R8_no_meeting")]


def test_R6_an_action_of_an_adopted_plan_corrected_without_a_decision() -> None:
    h = History().add("ActionPlan.Adopted", "2026", adopted_on=date(2026, 2, 1),
                      decision_ref="SB 1")
    h.add("ActionPlan.ActionCorrected", "2026", action_id="A1", field="due_on",
          new="2026-09-30")
    h.add("ActionPlan.ActionCorrected", "2026", action_id="A1", field="owner", new="FC",
          decision_ref="SB 2")
    found, _, _ = check_alone(R6, h)
    assert details(found) == [(2, "check.R6_corrected")]
    assert found[0].params == {"action": "A1"}
