"""F1 by substance (issue 14), as a property: any money to a partner's org number outside
an agreement under which the association buys is refused by the guard, and flagged by the
proof when a history holds it anyway (fed to the proof as events, past the guard).

"Outside an agreement": not a procured service linked (``linked_ref``) to an IOP or a
procurement agreement with that partner, whatever the purpose is called, whatever
``payee_kind`` says, and however the org number is written.
"""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.commands import RecordExpenditure
from domain.reference import FORBIDDEN_PURPOSES
from projections.compliance import ComplianceProof
from tests.domain import builders as b
from tests.domain.memory import MemoryLedger
from tests.projections.compliance.history import History

from .strategies import amounts_ore, sek_inputs

PAID = date(2026, 4, 30)
# Purposes the proof judges under F1 (the forbidden ones and membership fees have rules of
# their own, F2–F4; supervisor funding is paid by its own command).
PURPOSES = ("procured_service", "effort_financing", "activity_costs", "administration")
# What the expenditure may be linked to: nothing, the partner's cooperation agreement, the
# other partner's IOP, an effort at the partner, or (for any purpose but a procured
# service) the partner's own IOP.
LINKS = (None, "SAMV-A", "IOP-B", "INS-A", "IOP-A")


def _outside_an_agreement(purpose: str, link: str | None) -> bool:
    return not (purpose == "procured_service" and link == "IOP-A")


def _guarded_ledger() -> MemoryLedger:
    ledger = MemoryLedger()
    ledger.execute([
        *b.onboarded_partner_commands(b.ORG_A), *b.onboarded_partner_commands(b.ORG_B),
        b.sign_agreement("IOP-A", b.ORG_A), b.sign_agreement("IOP-B", b.ORG_B),
        b.sign_agreement("SAMV-A", b.ORG_A, kind="cooperation", value_sek=None, scope=None),
        b.start_effort("INS-A", b.ORG_A)])
    return ledger


def _history(cmd: RecordExpenditure, amount_ore: int) -> History:
    h = History().partner(b.ORG_A).partner(b.ORG_B)
    for ref, org_nr, kind in (("IOP-A", b.ORG_A, "iop"), ("IOP-B", b.ORG_B, "iop"),
                              ("SAMV-A", b.ORG_A, "cooperation")):
        h.add("Agreement.Signed", ref, org_nr=org_nr, kind=kind, starts_on=date(2026, 1, 15),
              ends_on=None, value_ore=1_000_000_00, scope="Platser")
    return h.add("Expenditure.Recorded", cmd.ref, paid_on=cmd.paid_on, amount_ore=amount_ore,
                 purpose=cmd.purpose, payee_kind=cmd.payee_kind, payee=cmd.payee,
                 payee_legal_form=cmd.payee_legal_form, linked_ref=cmd.linked_ref,
                 description=cmd.description, note=None)


@st.composite
def money_to_a_partner(draw: st.DrawFn) -> tuple[RecordExpenditure, int]:
    """An expenditure to partner A's org number, outside its IOP."""
    purpose, link = draw(st.tuples(st.sampled_from(PURPOSES), st.sampled_from(LINKS))
                         .filter(lambda p: _outside_an_agreement(*p)))
    payee_kind = draw(st.sampled_from(("partner", "supplier")))
    written = draw(st.sampled_from((b.ORG_A, b.ORG_A.replace("-", ""))))
    amount = draw(amounts_ore(1, 1_000_000_00))
    if purpose == "effort_financing":
        link = "INS-A"  # effort financing is linked to its effort
    cmd = b.expenditure("UTG-X", paid_on=PAID, amount_sek=draw(sek_inputs(amount)),
                        purpose=purpose,  # type: ignore[arg-type]
                        payee_kind=payee_kind,  # type: ignore[arg-type]
                        payee=written, linked_ref=link)
    return cmd, amount


@settings(max_examples=60, deadline=None)
@given(money_to_a_partner())
def test_F1_money_to_a_partner_outside_an_agreement_is_refused_and_flagged(
        drawn: tuple[RecordExpenditure, int]) -> None:
    cmd, amount = drawn
    assert cmd.purpose not in FORBIDDEN_PURPOSES

    refused = b.assert_refused(_guarded_ledger(), [cmd], "F1")
    assert "F1" in refused.refusal.describe("en")

    proof = ComplianceProof(as_of=date(2026, 12, 31))
    for event in _history(cmd, amount).events:
        proof.feed(event)
    flagged = [v for v in proof.violations if v.rule == "F1"]
    assert [v.subject for v in flagged] == ["UTG-X"], proof.violations
    assert flagged[0].detail == "check.F1_to_asf"


@settings(max_examples=20, deadline=None)
@given(amount=amounts_ore(1, 1_000_000_00), data=st.data())
def test_F1_a_procured_service_under_the_partners_iop_is_accepted_and_proven(
        amount: int, data: st.DataObject) -> None:
    """The other side: what the association buys passes both (the property is not vacuous)."""
    cmd = b.pay_partner("UTG-X", b.ORG_A, paid_on=PAID,
                        amount_sek=data.draw(sek_inputs(amount)), linked_ref="IOP-A")
    ledger = _guarded_ledger()
    ledger.execute([cmd])

    proof = ComplianceProof(as_of=date(2026, 12, 31))
    for event in _history(cmd, amount).events:
        proof.feed(event)
    assert not [v for v in proof.violations if v.rule in ("F1", "R4", "R5")]
