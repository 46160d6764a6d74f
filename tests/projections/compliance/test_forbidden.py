"""F1–F4, each check alone."""

from __future__ import annotations

from datetime import date

from projections.compliance.f1_cash_grants import F1
from projections.compliance.f2_starting_asf import F2
from projections.compliance.f3_membership import F3
from projections.compliance.f4_skills_development import F4
from tests.projections.compliance.history import History, check_alone, details

ORG = "769000-0018"
PAID = date(2026, 3, 1)


def _spent(history: History, ref: str, purpose: str, *, payee_kind: str = "supplier",
           payee: str = "LEV-1", linked_ref: str | None = None) -> History:
    return history.add("Expenditure.Recorded", ref, paid_on=PAID, purpose=purpose,
                       payee_kind=payee_kind, payee=payee, linked_ref=linked_ref,
                       amount_ore=100_00, description="x", note=None)


def test_F1_a_cash_grant_is_flagged_and_every_expenditure_examined() -> None:
    h = _spent(_spent(History(), "UTG-1", "administration"), "UTG-2", "cash_grant")
    found, review, examined = check_alone(F1, h)
    assert details(found) == [(2, "check.F1")] and found[0].params == {"purpose": "cash_grant"}
    assert review == [] and examined == 2


def test_F1_money_to_a_partner_under_an_agreement_without_a_value_is_to_review() -> None:
    h = History().add("Agreement.Signed", "AVT-1", org_nr=ORG, starts_on=PAID, ends_on=None,
                      value_ore=None)
    _spent(h, "UTG-1", "procured_service", payee_kind="partner", payee=ORG,
           linked_ref="AVT-1")
    found, review, _ = check_alone(F1, h)
    assert found == [] and details(review) == [(2, "review.no_value")]


def test_F2_starting_or_developing_an_asf_is_flagged() -> None:
    h = _spent(_spent(_spent(History(), "U1", "asf_startup"), "U2", "asf_development"),
               "U3", "cash_grant")
    found, _, examined = check_alone(F2, h)
    assert details(found) == [(1, "check.F2"), (2, "check.F2")] and examined == 3


def test_F4_skills_development_for_asf_staff_is_flagged() -> None:
    found, _, _ = check_alone(F4, _spent(History(), "U1", "asf_staff_development"))
    assert details(found) == [(1, "check.F4")]


def test_F3_membership_of_an_asf_or_a_registered_partner_is_flagged() -> None:
    h = History().add("Partner.Registered", ORG)
    h.add("Membership.Joined", "MED-1", name="N", kind="network", org_nr=None,
          joined_on=PAID)
    h.add("Membership.Joined", "MED-2", name="I", kind="asf_interest_organisation",
          org_nr=None, joined_on=PAID)
    h.add("Membership.Joined", "MED-3", name="P", kind="network", org_nr=ORG, joined_on=PAID)
    found, _, examined = check_alone(F3, h)
    assert details(found) == [(3, "check.F3_member"), (4, "check.F3_member")]
    assert examined == 3


def test_F3_a_membership_fee_to_a_partner_or_an_asf_organisation_is_flagged() -> None:
    h = History().add("Membership.Joined", "MED-1", name="N", kind="network", org_nr=None,
                      joined_on=PAID)
    _spent(h, "U1", "membership_fee", linked_ref="MED-1")  # a network: fine
    _spent(h, "U2", "membership_fee", payee_kind="partner", payee=ORG)
    found, _, _ = check_alone(F3, h)
    assert details(found) == [(3, "check.F3_fee")]
