"""Business dates, not recording order: the decisions already recorded for a partner, by
the day each takes effect, so that a decision dated before them (an offboarding, a "not
met" assessment, an agreement's end) is judged against them whenever they were recorded.

A guard calls ``conflicts_*`` and refuses with the rule the earlier-dated decision would
make the others break, naming them; the proof (projections/compliance.py) judges the same
decisions once the whole history is in.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from domain.aggregates import Agreement, Effort, Expenditure, Partner, SupervisorFunding

if TYPE_CHECKING:
    from domain.handlers import Workspace


class Dated(NamedTuple):
    day: date
    what: str  # the command that decided it
    ref: str
    starts: bool  # a start (R3 asks the partner to be onboarded that day)


def decisions_of(ws: Workspace, partner: Partner) -> Iterator[Dated]:
    """Every recorded decision for ``partner`` at its business date (R9's dates: a
    funding's decision day, each payment's day; R3's: the start days)."""
    for ref in partner.agreement_refs:
        agreement = ws.find(Agreement, ref)
        if agreement is not None and not getattr(agreement, "voided", False):
            yield Dated(agreement.starts_on, "sign_agreement", ref, True)
    for kind, ref in partner.decision_refs:
        if kind == "supervisor_funding":
            funding = ws.find(SupervisorFunding, ref)
            if funding is None or getattr(funding, "voided", False):
                continue
            yield Dated(funding.decided_on, "decide_supervisor_funding", ref, False)
            yield Dated(funding.starts_on, "decide_supervisor_funding", ref, True)
            for voucher, payment in funding.payments.items():
                yield Dated(payment[0], "pay_supervisor_funding", f"{ref} {voucher}", False)
        elif kind == "effort":
            effort = ws.find(Effort, ref)
            if effort is None or getattr(effort, "voided", False):
                continue
            yield Dated(effort.starts_on, "start_effort", ref, True)
            for expenditure_ref in effort.charges:
                yield from _paid(ws, expenditure_ref)
        elif kind == "expenditure":
            yield from _paid(ws, ref)


def _paid(ws: Workspace, ref: str) -> Iterator[Dated]:
    expenditure = ws.find(Expenditure, ref)
    if expenditure is not None and not getattr(expenditure, "reversed", False):
        yield Dated(expenditure.paid_on, "record_expenditure", ref, False)


def conflicts_of_not_met(ws: Workspace, partner: Partner, criterion: str,
                         day: date) -> list[Dated]:
    """R9: the decisions a "not met" assessment of ``criterion`` dated ``day`` would put
    in a window where the criteria do not hold: dated after it, before the next
    assessment of that criterion dated later."""
    later = [a[0] for a in partner.assessments.get(criterion, []) if a[0] > day]
    until = min(later) if later else None
    # On the same day, the order of recording decides (the proof's tie-break).
    return sorted({d for d in decisions_of(ws, partner) if not d.starts or d.what in (
        "sign_agreement", "start_effort")
        if d.day > day and (until is None or d.day < until)})


def conflicts_of_offboarding(ws: Workspace, partner: Partner, day: date) -> list[Dated]:
    """R3: the agreements, fundings and efforts that start after an offboarding dated
    ``day`` (the partner would not be onboarded on their start date)."""
    return sorted({d for d in decisions_of(ws, partner) if d.starts and d.day > day})


def onboardings_of_not_met(partner: Partner, criterion: str, day: date) -> list[Dated]:
    """R2: the onboardings a "not met" assessment of ``criterion`` dated ``day`` would
    leave without that criterion met: dated after it, before the next assessment of that
    criterion dated later (one dated the same day as the onboarding counts for it)."""
    later = [a[0] for a in partner.assessments.get(criterion, []) if a[0] > day]
    until = min(later) if later else None
    return sorted(Dated(span.start, "onboard_partner", partner.org_nr, True)
                  for span in partner.onboardings
                  if span.start > day and (until is None or span.start < until))


def conflicts_of_agreement_end(ws: Workspace, partner: Partner, agreement: Agreement,
                               day: date) -> list[Dated]:
    """R4: the payments to the partner dated after ``day`` that only ``agreement`` covers:
    ended that day, no agreement would be active on their payment date."""
    others = [a for ref in partner.agreement_refs if ref != agreement.key
              and (a := ws.find(Agreement, ref)) is not None and not a.voided]
    found = set()
    for kind, ref in partner.decision_refs:
        expenditure = ws.find(Expenditure, ref) if kind == "expenditure" else None
        if expenditure is None or expenditure.reversed or expenditure.payee_kind != "partner":
            continue
        paid_on = expenditure.paid_on
        if (paid_on > day and agreement.is_active_on(paid_on)
                and not any(a.is_active_on(paid_on) for a in others)):
            found.add(Dated(paid_on, "record_expenditure", ref, False))
    return sorted(found)


def named_conflicts(conflicts: list[Dated], limit: int = 5) -> str:
    """The conflicting decisions, named for a refusal: "start_effort INS-1 (2026-03-23)"."""
    named = [f"{d.what} {d.ref} ({d.day.isoformat()})" for d in conflicts[:limit]]
    if len(conflicts) > limit:
        named.append(f"+{len(conflicts) - limit}")
    return ", ".join(named)
