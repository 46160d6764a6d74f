"""Money out with record_expenditure: the forbidden purposes (F1–F4), money to a partner only
under an active agreement (R4), and the format rules of payees."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from domain.aggregates import Agreement, Expenditure
from domain.commands import Beneficiaries, PayeeKind, Purpose, RecordExpenditure, decode_command
from domain.reference import FORBIDDEN_PURPOSES
from tests.domain.builders import (
    ORG_A,
    ORG_B,
    ORG_C,
    assert_refused,
    correct_fact,
    end_agreement,
    expenditure,
    join,
    must_get,
    onboarded_partner_commands,
    pay_partner,
    register,
    reverse_expenditure,
    sign_agreement,
    start_effort,
    void_decision,
)
from tests.domain.memory import MemoryLedger


@pytest.fixture
def contracted(ledger: MemoryLedger) -> MemoryLedger:
    """Partner A with agreement AVT-A (2026-02-01 to 2026-12-31); partner B, no agreement."""
    ledger.execute([
        *onboarded_partner_commands(ORG_A), *onboarded_partner_commands(ORG_B),
        sign_agreement("AVT-A", ORG_A, starts_on=date(2026, 2, 1), ends_on=date(2026, 12, 31)),
    ])
    return ledger


def _paid(ref: str, day: date) -> RecordExpenditure:
    """Partner A paid under AVT-A on ``day``."""
    return pay_partner(ref, ORG_A, paid_on=day, linked_ref="AVT-A")


def test_record_expenditure_to_a_supplier(ledger: MemoryLedger) -> None:
    ledger.execute([expenditure("UTG-1", paid_on=date(2026, 3, 12), amount_sek="4 500,50",
                                purpose="activity_costs", payee="LEV-2087",
                                payee_legal_form="aktiebolag",
                                description="Lokal och fika, inspirationsdag")])

    spent = must_get(ledger, Expenditure, "UTG-1")
    assert (spent.paid_on, spent.amount_ore) == (date(2026, 3, 12), 450_050)
    assert (spent.purpose, spent.payee_kind, spent.payee) == ("activity_costs", "supplier",
                                                              "LEV-2087")
    assert spent.payee_legal_form == "aktiebolag"
    assert spent.description == "Lokal och fika, inspirationsdag"
    assert spent.linked_ref is None


def test_record_expenditure_to_a_party(ledger: MemoryLedger) -> None:
    ledger.execute([expenditure("UTG-1", purpose="administration", payee_kind="party",
                                payee="forsakringskassan", amount_sek=1200)])

    spent = must_get(ledger, Expenditure, "UTG-1")
    assert (spent.payee_kind, spent.payee, spent.amount_ore) == ("party", "forsakringskassan",
                                                                 120_000)
    assert spent.payee_legal_form is None


def test_R4_money_to_a_partner_under_an_active_agreement_is_recorded(
        contracted: MemoryLedger) -> None:
    contracted.execute([pay_partner("UTG-1", ORG_A.replace("-", ""), paid_on=date(2026, 5, 1),
                                    amount_sek="15000", linked_ref="AVT-A")])

    spent = must_get(contracted, Expenditure, "UTG-1")
    assert (spent.payee_kind, spent.payee, spent.amount_ore) == ("partner", ORG_A, 1_500_000)


# F1, F2, F4: forbidden purposes, whoever the payee ------------------------------------------

PAYEES: list[tuple[PayeeKind, str]] = [("partner", ORG_A), ("supplier", "LEV-1"),
                                       ("party", "stockholms_stad")]


def _refused_for_every_payee(ledger: MemoryLedger, subtests: pytest.Subtests, purpose: Purpose,
                             rule: str) -> None:
    """``purpose`` is refused under ``rule`` whoever is paid, even a partner under contract."""
    for payee_kind, payee in PAYEES:
        with subtests.test(purpose=purpose, payee_kind=payee_kind):
            refused = assert_refused(ledger, [
                expenditure("UTG-0"),
                expenditure("UTG-1", purpose=purpose, payee_kind=payee_kind, payee=payee,
                            paid_on=date(2026, 5, 1)),
            ], rule)

            assert refused.refusal.params["purpose"] == purpose


def test_F1_no_cash_grants(contracted: MemoryLedger, subtests: pytest.Subtests) -> None:
    _refused_for_every_payee(contracted, subtests, "cash_grant", "F1")


def test_F2_no_starting_or_developing_ASF(contracted: MemoryLedger,
                                          subtests: pytest.Subtests) -> None:
    _refused_for_every_payee(contracted, subtests, "asf_startup", "F2")
    _refused_for_every_payee(contracted, subtests, "asf_development", "F2")


def test_F4_no_skills_development_for_ASF_staff(contracted: MemoryLedger,
                                                subtests: pytest.Subtests) -> None:
    _refused_for_every_payee(contracted, subtests, "asf_staff_development", "F4")


def test_the_forbidden_purposes_and_their_rules() -> None:
    assert FORBIDDEN_PURPOSES == {"cash_grant": "F1", "asf_startup": "F2",
                                  "asf_development": "F2", "asf_staff_development": "F4"}


def test_a_supplier_with_an_allowed_purpose_is_paid(contracted: MemoryLedger) -> None:
    contracted.execute([expenditure("UTG-1", purpose="procured_service")])

    assert must_get(contracted, Expenditure, "UTG-1").purpose == "procured_service"


# F3: membership fees -------------------------------------------------------------------------

def test_F3_no_membership_fee_to_a_partner(contracted: MemoryLedger) -> None:
    contracted.execute([join("MED-1", kind="network")])

    refused = assert_refused(contracted, [
        pay_partner("UTG-1", ORG_A, purpose="membership_fee", linked_ref="MED-1",
                    paid_on=date(2026, 5, 1)),
    ], "F3")

    assert refused.refusal.params["payee"] == ORG_A


def test_F3_a_membership_fee_to_a_network_is_accepted(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1", kind="network"),
                    expenditure("UTG-1", purpose="membership_fee", payee="LEV-77",
                                payee_legal_form="ideell_forening", linked_ref="MED-1",
                                amount_sek="500")])

    assert must_get(ledger, Expenditure, "UTG-1").linked_ref == "MED-1"


def test_a_membership_fee_must_link_a_membership_that_exists(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1")])

    assert_refused(ledger, [expenditure("UTG-1", purpose="membership_fee",
                                        linked_ref="MED-9")], "unknown")


# R4 -------------------------------------------------------------------------------------

def test_R4_no_money_to_a_partner_without_an_agreement(contracted: MemoryLedger) -> None:
    refused = assert_refused(contracted, [pay_partner("UTG-1", ORG_B)], "R4")

    assert refused.refusal.params["org_nr"] == ORG_B


def test_R4_an_agreement_with_another_partner_does_not_count(contracted: MemoryLedger) -> None:
    assert_refused(contracted, [pay_partner("UTG-1", ORG_B, paid_on=date(2026, 5, 1))], "R4")


def test_R4_no_money_before_the_agreement_starts(contracted: MemoryLedger) -> None:
    assert_refused(contracted, [_paid("UTG-1", date(2026, 1, 31))], "R4")

    contracted.execute([_paid("UTG-1", date(2026, 2, 1))])


def test_R4_no_money_after_the_agreement_ran_out(contracted: MemoryLedger) -> None:
    contracted.execute([_paid("UTG-1", date(2026, 12, 31))])

    assert_refused(contracted, [_paid("UTG-2", date(2027, 1, 1))], "R4")


def test_R4_no_money_once_the_agreement_was_ended(contracted: MemoryLedger) -> None:
    contracted.execute([end_agreement("AVT-A", on=date(2026, 6, 30))])

    assert_refused(contracted, [_paid("UTG-1", date(2026, 7, 1))], "R4")
    assert_refused(contracted, [_paid("UTG-1", date(2026, 6, 30))], "R4")
    contracted.execute([_paid("UTG-1", date(2026, 6, 29))])


def test_R4_any_one_active_agreement_suffices(contracted: MemoryLedger) -> None:
    contracted.execute([end_agreement("AVT-A", on=date(2026, 6, 30)),
                        sign_agreement("AVT-A2", ORG_A, kind="procurement",
                                       starts_on=date(2026, 7, 1), ends_on=None),
                        pay_partner("UTG-1", ORG_A, paid_on=date(2026, 8, 1),
                                    linked_ref="AVT-A2")])

    assert must_get(contracted, Expenditure, "UTG-1").paid_on == date(2026, 8, 1)


def test_R4_an_agreement_signed_in_the_same_batch_counts(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A), sign_agreement("AVT-1", ORG_A),
                    pay_partner("UTG-1", ORG_A, paid_on=date(2026, 3, 1))])

    assert ledger.get(Expenditure, "UTG-1") is not None


def test_money_to_an_unregistered_partner_is_refused(contracted: MemoryLedger) -> None:
    assert_refused(contracted, [pay_partner("UTG-1", ORG_C)], "unknown")


def test_R4_a_registered_but_never_onboarded_partner_has_no_agreement(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_C)])

    assert_refused(ledger, [pay_partner("UTG-1", ORG_C)], "R4")


# Consistency and format -------------------------------------------------------------------

def test_an_expenditure_ref_is_unique(ledger: MemoryLedger) -> None:
    ledger.execute([expenditure("UTG-1", amount_sek="100")])

    assert_refused(ledger, [expenditure("UTG-1", amount_sek="200")], "duplicate")
    assert must_get(ledger, Expenditure, "UTG-1").amount_ore == 10_000


def _line(**fields: object) -> bytes:
    base: dict[str, object] = {
        "command": "record_expenditure", "ref": "UTG-1", "paid_on": "2026-04-30",
        "amount_sek": "100", "purpose": "administration", "payee_kind": "supplier",
        "payee": "LEV-1", "payee_legal_form": "aktiebolag", "description": "Porto"}
    base.update(fields)
    return msgspec.json.encode({k: v for k, v in base.items() if v is not None})


def test_a_record_expenditure_line_decodes() -> None:
    command = decode_command(_line())

    assert command == expenditure("UTG-1", amount_sek="100", payee="LEV-1",
                                  description="Porto", paid_on=date(2026, 4, 30))


@pytest.mark.parametrize(("fields", "says"), [
    ({"purpose": "supervisor_funding"}, "pay_supervisor_funding"),
    ({"payee_legal_form": None}, "payee_legal_form"),
    ({"payee_kind": "party", "payee": "Stockholms stad"}, "payee"),
    ({"payee_kind": "partner", "payee": "769000-0019"}, "payee"),
    ({"purpose": "membership_fee"}, "linked_ref"),
    ({"purpose": "effort_financing"}, "linked_ref"),
    ({"purpose": "bribe"}, "purpose"),
    ({"payee_kind": "member"}, "payee_kind"),
    ({"iban": "SE35 5000 0000 0549 1000 0003"}, "iban"),
], ids=["supervisor_funding", "supplier_form", "party", "partner_luhn", "fee_link",
        "effort_link", "purpose", "payee_kind", "unknown_field"])
def test_invalid_expenditure_input_is_a_format_error_naming_the_field(
        fields: dict[str, object], says: str) -> None:
    with pytest.raises(msgspec.ValidationError, match=says):
        decode_command(_line(**fields))


# F1 by substance (issue 14): money to an ASF only for what the association buys ------------

def test_F1_5_million_for_administration_to_an_asf_under_an_iop_without_value_is_refused(
        ledger: MemoryLedger) -> None:
    """The issue's example: accepted before, a cash grant under another label."""
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    sign_agreement("IOP-1", ORG_A, value_sek=None, scope=None)])

    refused = assert_refused(ledger, [pay_partner("UTG-1", ORG_A, amount_sek="5000000",
                                                  purpose="administration",
                                                  linked_ref="IOP-1")], "F1")

    assert "cash grant" in refused.refusal.describe("en")
    assert "kontantbidrag" in refused.refusal.describe("sv")
    assert ledger.get(Expenditure, "UTG-1") is None


def test_F1_money_to_a_partners_org_number_labelled_supplier_is_refused(
        contracted: MemoryLedger) -> None:
    assert_refused(contracted, [expenditure("UTG-1", purpose="activity_costs",
                                            payee=ORG_A.replace("-", ""),
                                            payee_legal_form="ekonomisk_forening")], "F1")


@pytest.mark.parametrize(("purpose", "linked_ref"), [
    ("procured_service", None), ("procured_service", "AVT-B"), ("procured_service", "SAMV-A"),
    ("effort_financing", "INS-A"), ("activity_costs", "AVT-A")])
def test_F1_money_to_an_asf_outside_its_paying_agreement_is_refused(
        contracted: MemoryLedger, purpose: Purpose, linked_ref: str | None) -> None:
    contracted.execute([sign_agreement("AVT-B", ORG_B),
                        sign_agreement("SAMV-A", ORG_A, kind="cooperation"),
                        start_effort("INS-A", ORG_A)])

    assert_refused(contracted, [pay_partner("UTG-1", ORG_A, purpose=purpose,
                                            linked_ref=linked_ref)], "F1")


def test_F1_a_procured_service_under_the_agreement_is_charged_to_its_value(
        contracted: MemoryLedger) -> None:
    contracted.execute([pay_partner("UTG-1", ORG_A, amount_sek="600000", linked_ref="AVT-A")])

    agreement = must_get(contracted, Agreement, "AVT-A")
    assert agreement.charged_ore == 600_000_00 and agreement.charges == {"UTG-1": 600_000_00}
    assert_refused(contracted, [pay_partner("UTG-2", ORG_A, amount_sek="400000.01",
                                            linked_ref="AVT-A")], "R5")
    contracted.execute([reverse_expenditure("UTG-1"),
                        pay_partner("UTG-3", ORG_A, amount_sek="1000000", linked_ref="AVT-A")])
    assert must_get(contracted, Agreement, "AVT-A").charges == {"UTG-3": 1_000_000_00}


def test_F1_an_agreement_without_a_value_still_takes_payments_to_review(
        ledger: MemoryLedger) -> None:
    """Older histories signed agreements without a value: they still import and replay."""
    ledger.execute([*onboarded_partner_commands(ORG_A),
                    sign_agreement("IOP-1", ORG_A, value_sek=None, scope=None),
                    pay_partner("UTG-1", ORG_A, amount_sek="5000000", linked_ref="IOP-1")])

    assert must_get(ledger, Agreement, "IOP-1").charged_ore == 500_000_000


# F4 by substance (issue 14): skills services say whom they are for ------------------------

def test_F4_a_business_development_course_for_asf_staff_as_a_procured_service_is_refused(
        contracted: MemoryLedger) -> None:
    """The issue's example: accepted before, whatever the purpose was called."""
    refused = assert_refused(contracted, [pay_partner(
        "UTG-1", ORG_A, linked_ref="AVT-A", skills_service="course", beneficiaries="asf_staff",
        description="Kurs i affärsutveckling för kooperativets anställda")], "F4")

    assert "skills development for ASF staff" in refused.refusal.describe("en")


@pytest.mark.parametrize(("payee_kind", "payee", "linked_ref", "beneficiaries"), [
    ("supplier", "LEV-77", None, "asf_staff"),  # for ASF staff, whoever is paid
    ("supplier", "LEV-77", "AVT-A", "association_staff"),  # for an ASF: its agreement
    ("supplier", "LEV-77", "INS-A", "party_staff"),  # for an ASF: an effort at it
    ("partner", ORG_A, "AVT-A", "association_staff"),  # paid to an ASF
])
def test_F4_skills_services_for_or_at_an_asf_not_for_participants_are_refused(
        contracted: MemoryLedger, payee_kind: PayeeKind, payee: str, linked_ref: str | None,
        beneficiaries: Beneficiaries) -> None:
    contracted.execute([start_effort("INS-A", ORG_A)])

    assert_refused(contracted, [expenditure(
        "UTG-1", purpose="activity_costs", payee_kind=payee_kind, payee=payee,
        linked_ref=linked_ref, skills_service="coaching", beneficiaries=beneficiaries)], "F4")


def test_F4_places_for_participants_and_the_associations_own_courses_are_recorded(
        contracted: MemoryLedger) -> None:
    contracted.execute([
        pay_partner("UTG-1", ORG_A, linked_ref="AVT-A", skills_service="education",
                    beneficiaries="participants"),
        expenditure("UTG-2", purpose="administration", skills_service="course",
                    beneficiaries="association_staff")])

    spent = must_get(contracted, Expenditure, "UTG-1")
    assert (spent.skills_service, spent.beneficiaries) == ("education", "participants")


def test_F4_a_skills_service_must_say_whom_it_is_for() -> None:
    with pytest.raises(msgspec.ValidationError, match="beneficiaries"):
        decode_command(msgspec.json.encode({
            "command": "record_expenditure", "ref": "UTG-1", "paid_on": "2026-04-30",
            "amount_sek": "1000", "purpose": "administration", "payee_kind": "party",
            "payee": "stockholms_stad", "description": "Kurs", "skills_service": "course"}))


def test_R5_an_agreements_value_is_not_corrected_below_what_was_paid_under_it(
        contracted: MemoryLedger) -> None:
    contracted.execute([pay_partner("UTG-1", ORG_A, amount_sek="600000", linked_ref="AVT-A")])

    assert_refused(contracted, [correct_fact("agreement", "AVT-A", "value_sek", "599999.99",
                                             decision_ref="SB 2026-05-01 §3")], "R5")
    assert_refused(contracted, [void_decision("agreement", "AVT-A")], "R4")  # the only cover
    contracted.execute([correct_fact("agreement", "AVT-A", "value_sek", "600000",
                                     decision_ref="SB 2026-05-01 §3")])
    assert must_get(contracted, Agreement, "AVT-A").value_ore == 600_000_00
