"""Money out, other than supervisor funding: F1–F4, R4 and R5 are guarded here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from domain.aggregates.agreement import Agreement
from domain.aggregates.base import LedgerAggregate
from domain.aggregates.corrected import FactCorrectedBase
from domain.aggregates.effort import Effort
from domain.aggregates.membership import Membership
from domain.aggregates.partner import Partner, require_criteria_hold
from domain.commands import RecordExpenditure
from domain.errors import Refusal
from domain.events import ExpenditureFacts, ExpenditureReversedFacts
from domain.reference import FORBIDDEN_PURPOSES, PURPOSE_PAID_TO_ASF, skills_for_asf_staff
from domain.values import parse_sek


class Expenditure(LedgerAggregate, ExpenditureFacts):
    KIND = "expenditure"

    if TYPE_CHECKING:  # state later events set
        reversed: bool

    class Recorded(LedgerAggregate.Created, ExpenditureFacts):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.reversed = False

    class Reversed(LedgerAggregate.Event, ExpenditureReversedFacts):
        """The whole expenditure reversed (a reversing entry): the totals net it. It
        repeats what it reverses, so a reader needs nothing else to net it."""

        def apply(self, aggregate: Any) -> None:
            aggregate.reversed = True

    class FactCorrected(FactCorrectedBase):
        """A recorded text (the description) corrected: see domain.corrections."""

    @classmethod
    def record(cls, cmd: RecordExpenditure, actor: str, *,
               partner_agreements: list[Agreement] | None = None,
               effort: Effort | None = None,
               membership: Membership | None = None,
               criteria_of: list[Partner] | None = None,
               asf: Partner | None = None,
               agreement: Agreement | None = None,
               for_asf: bool = False) -> Expenditure:
        """Record ``cmd``. The caller passes what the rules need to see:
        the payee partner's agreements (R4), the linked effort (R5) or organisation (F3),
        the partners whose criteria must hold on the payment date (R9), the partner whose
        org number the payee is, whatever ``payee_kind`` says, and the linked agreement
        (F1, R5), and whether it is paid to or for an ASF (F4: the payee, or a linked
        agreement or effort, is a partner)."""
        check_forbidden_purpose(cmd)
        check_skills_for_asf_staff(cmd, for_asf or asf is not None)  # F4
        # F3: no membership fee to a partner (an ASF) or to an ASF (interest) organisation.
        if cmd.purpose == "membership_fee" and (
                cmd.payee_kind == "partner" or asf is not None
                or (membership and membership.is_asf_organisation)):
            raise Refusal("F3", "refusal.F3_fee", ref=cmd.ref, payee=cmd.payee)
        if cmd.payee_kind == "partner":
            # R4: money to an ASF needs an agreement with it active on the payment date.
            agreements = partner_agreements or []
            if not any(a.is_active_on(cmd.paid_on) for a in agreements):
                raise Refusal("R4", "refusal.R4_no_agreement", ref=cmd.ref, org_nr=cmd.payee,
                              day=cmd.paid_on)
        if asf is not None:
            check_paid_under_agreement(cmd, asf, agreement)  # F1
        for partner in criteria_of or []:
            require_criteria_hold(partner, cmd.paid_on, "record_expenditure", cmd.ref)  # R9
        amount = parse_sek(cmd.amount_sek)
        expenditure: Expenditure = cls._open(
            cls.Recorded, cmd.ref, paid_on=cmd.paid_on, amount_ore=amount,
            purpose=cmd.purpose, payee_kind=cmd.payee_kind, payee=cmd.payee,
            payee_legal_form=cmd.payee_legal_form, linked_ref=cmd.linked_ref,
            description=cmd.description, skills_service=cmd.skills_service,
            beneficiaries=cmd.beneficiaries, actor=actor, note=cmd.note)
        if effort is not None:
            effort.charge(cmd.ref, cmd.paid_on, amount, actor)  # R5
        if asf is not None and agreement is not None:
            agreement.charge(cmd.ref, cmd.paid_on, amount, actor)  # R5
        return expenditure


def check_skills_for_asf_staff(cmd: RecordExpenditure, for_asf: bool) -> None:
    """F4 by substance: education, a course, coaching or consulting for ASF staff, or paid
    to or for an ASF and not for participants, whatever its purpose is called."""
    if skills_for_asf_staff(cmd.skills_service, cmd.beneficiaries, for_asf):
        raise Refusal("F4", "refusal.F4_staff", ref=cmd.ref, service=cmd.skills_service,
                      beneficiaries=cmd.beneficiaries)


def check_paid_under_agreement(cmd: RecordExpenditure, asf: Partner,
                               agreement: Agreement | None) -> None:
    """F1 by substance: money to an ASF (a registered partner's org number, whatever
    ``payee_kind`` says) is only payment for what the association buys: a procured
    service linked (``linked_ref``) to an IOP or a procurement agreement with that partner.
    Anything else, whatever its purpose is called, is a cash grant."""
    if (cmd.purpose != PURPOSE_PAID_TO_ASF or agreement is None
            or agreement.org_nr != asf.org_nr or not agreement.pays):
        raise Refusal("F1", "refusal.F1_to_asf", ref=cmd.ref, org_nr=asf.org_nr,
                      purpose=cmd.purpose, agreement=cmd.linked_ref or "-")


# The refusal each rule that forbids a purpose outright gives.
_PURPOSE_REFUSALS: Final[dict[str, str]] = {
    "F1": "refusal.F1_purpose", "F2": "refusal.F2_purpose", "F4": "refusal.F4_purpose"}


def check_forbidden_purpose(cmd: RecordExpenditure) -> None:
    """F1 cash grants, F2 starting or developing ASF, F4 skills development for ASF staff."""
    rule = FORBIDDEN_PURPOSES.get(cmd.purpose)
    if rule is not None:
        raise Refusal(rule, _PURPOSE_REFUSALS[rule], ref=cmd.ref, purpose=cmd.purpose)
