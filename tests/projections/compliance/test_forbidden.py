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


ORG_B = "769000-0026"


def _spent(history: History, ref: str, purpose: str, *, payee_kind: str = "supplier",
           payee: str = "LEV-1", linked_ref: str | None = None,
           amount_ore: int = 100_00) -> History:
    return history.add("Expenditure.Recorded", ref, paid_on=PAID, purpose=purpose,
                       payee_kind=payee_kind, payee=payee, linked_ref=linked_ref,
                       amount_ore=amount_ore, description="x", note=None)


def _agreement(history: History, ref: str, *, org_nr: str = ORG, kind: str = "iop",
               value_ore: int | None = 1_000_00, scope: str | None = "Platser") -> History:
    return history.add("Agreement.Signed", ref, org_nr=org_nr, kind=kind, starts_on=PAID,
                       ends_on=None, value_ore=value_ore, scope=scope)


def test_F1_a_cash_grant_is_flagged_and_every_expenditure_examined() -> None:
    h = _spent(_spent(History(), "UTG-1", "administration"), "UTG-2", "cash_grant")
    found, review, examined = check_alone(F1, h)
    assert details(found) == [(2, "check.F1")] and found[0].params == {"purpose": "cash_grant"}
    assert review == [] and examined == 2


def test_F1_money_to_a_partner_under_an_agreement_without_a_value_is_to_review() -> None:
    h = _agreement(History().add("Partner.Registered", ORG), "AVT-1", value_ore=None)
    _agreement(h, "AVT-2", scope=None)  # a value, but no scope
    _spent(h, "UTG-1", "procured_service", payee_kind="partner", payee=ORG,
           linked_ref="AVT-1")
    _spent(h, "UTG-2", "procured_service", payee_kind="partner", payee=ORG,
           linked_ref="AVT-2")
    found, review, _ = check_alone(F1, h)
    assert found == [] and details(review) == [(4, "review.no_value"), (5, "review.no_value")]


def test_F1_money_to_a_partner_is_only_a_procured_service_under_its_agreement() -> None:
    """Issue 14: F1 by substance, whatever the purpose or ``payee_kind`` is called."""
    h = History().add("Partner.Registered", ORG).add("Partner.Registered", ORG_B)
    _agreement(h, "IOP-1")
    _agreement(h, "SAMV-1", kind="cooperation")
    _agreement(h, "IOP-B", org_nr=ORG_B)
    _spent(h, "U1", "procured_service", payee_kind="partner", payee=ORG,
           linked_ref="IOP-1")  # 6: what the association buys: fine
    _spent(h, "U2", "administration", payee_kind="partner", payee=ORG,
           linked_ref="IOP-1")  # 7: the example, another label
    _spent(h, "U3", "procured_service", payee_kind="partner", payee=ORG)  # 8: no agreement
    _spent(h, "U4", "procured_service", payee_kind="partner", payee=ORG,
           linked_ref="SAMV-1")  # 9: a cooperation agreement buys nothing
    _spent(h, "U5", "procured_service", payee_kind="partner", payee=ORG,
           linked_ref="IOP-B")  # 10: another partner's agreement
    _spent(h, "U6", "activity_costs", payee="7690000018")  # 11: a "supplier" that is ORG
    _spent(h, "U7", "effort_financing", payee_kind="partner", payee=ORG,
           linked_ref="INS-1")  # 12
    _spent(h, "U8", "activity_costs", payee="769000-0034")  # 13: not a partner: no rule
    _spent(h, "U9", "membership_fee", payee_kind="partner", payee=ORG)  # 14: F3's
    found, review, examined = check_alone(F1, h)
    assert details(found) == [(p, "check.F1_to_asf") for p in (7, 8, 9, 10, 11, 12)]
    assert found[4].params == {"org_nr": ORG, "purpose": "activity_costs", "agreement": "-"}
    assert review == [] and examined == 9


def test_F2_starting_or_developing_an_asf_is_flagged() -> None:
    h = _spent(_spent(_spent(History(), "U1", "asf_startup"), "U2", "asf_development"),
               "U3", "cash_grant")
    found, _, examined = check_alone(F2, h)
    assert details(found) == [(1, "check.F2"), (2, "check.F2")] and examined == 3


def test_F4_skills_development_for_asf_staff_is_flagged() -> None:
    found, _, _ = check_alone(F4, _spent(History(), "U1", "asf_staff_development"))
    assert details(found) == [(1, "check.F4")]


def test_F4_skills_services_are_judged_by_whom_they_are_for_and_where() -> None:
    """Issue 14: F4 by substance, whatever the purpose is called."""
    h = _agreement(History().add("Partner.Registered", ORG), "IOP-1")

    def course(ref: str, beneficiaries: str, **kw: str) -> None:
        h.add("Expenditure.Recorded", ref, paid_on=PAID, purpose="procured_service",
              payee_kind=kw.get("payee_kind", "supplier"), payee=kw.get("payee", "LEV-1"),
              linked_ref=kw.get("linked_ref"), amount_ore=100_00, description="x",
              note=None, skills_service="course", beneficiaries=beneficiaries)

    course("U1", "asf_staff")  # 3: ASF staff, whoever is paid
    course("U2", "association_staff")  # 4: the association's own: fine
    course("U3", "participants", payee_kind="partner", payee=ORG, linked_ref="IOP-1")  # 5
    course("U4", "party_staff", linked_ref="IOP-1")  # 6: for an ASF, not participants
    course("U5", "association_staff", payee="7690000018")  # 7: paid to an ASF
    found, _, examined = check_alone(F4, h)
    assert details(found) == [(3, "check.F4_staff"), (6, "check.F4_staff"),
                              (7, "check.F4_staff")]
    assert found[0].params == {"service": "course", "beneficiaries": "asf_staff"}
    assert examined == 5


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


def test_F3_a_listed_asf_interest_organisation_is_flagged_whatever_its_kind() -> None:
    """Issue 14: F3 by substance (the reference list in domain/reference.py)."""
    h = History().add("Membership.Joined", "MED-1", name="Skoopi", kind="network",
                      org_nr=None, joined_on=PAID)
    h.add("Membership.Joined", "MED-2", name="Finsamnätverket", kind="network", org_nr=None,
          joined_on=PAID)
    _spent(h, "U1", "membership_fee", linked_ref="MED-1")
    _spent(h, "U2", "membership_fee", linked_ref="MED-2")
    found, _, examined = check_alone(F3, h)
    assert details(found) == [(1, "check.F3_listed"), (3, "check.F3_fee")]
    assert found[0].params["listed"].startswith("Skoopi") and examined == 4
