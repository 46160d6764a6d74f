"""Deciding a command: find the aggregates it touches, let them guard and record.

Pure: the caller supplies a ``Workspace`` that finds aggregates by natural key and keeps
the ones created or changed, so the same decisions run in the ledger, in tests and in
dry runs. R7 (no personal data) is checked here for every text of every command.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any, Protocol, TypeVar

import msgspec

from domain import commands as c
from domain.aggregates import (
    ActionPlan,
    Activity,
    Agreement,
    BoardMeeting,
    Effort,
    Expenditure,
    LedgerAggregate,
    Membership,
    Partner,
    Redaction,
    StructuralWork,
    SupervisorFunding,
)
from domain.aggregates.board import meeting_keys
from domain.aggregates.expenditure import check_forbidden_purpose
from domain.correcting import CORRECTION_HANDLERS
from domain.dated import (
    conflicts_of_agreement_end,
    conflicts_of_not_met,
    conflicts_of_offboarding,
    named_conflicts,
    onboardings_of_not_met,
)
from domain.errors import DATES, DUPLICATE, STATE, UNKNOWN, Refusal
from domain.personal_numbers import (
    contains_personal_identity_number,
    find_personal_identity_number,
)
from domain.values import payee_org_nr

A = TypeVar("A", bound=LedgerAggregate)


class Workspace(Protocol):
    def find(self, cls: type[A], key: str) -> A | None: ...

    def add(self, aggregate: LedgerAggregate) -> None: ...

    def redaction_target(self, position: int, field: str) -> str:
        """The digest (hex) of the stored event at ``position``, whose text ``field`` is
        to be redacted; raises ``Refusal`` when there is no such event or text field."""
        ...


def _texts(value: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            # A key is named by its place, never by itself: it may be the number (R7).
            yield from _texts(k, f"{path}[key]")
            if not (isinstance(k, str) and find_personal_identity_number(k)):
                yield from _texts(v, f"{path}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{path}[{i}]")


def check_no_personal_data(cmd: c.Command) -> None:
    """R7: no personnummer or samordningsnummer in any field of any command."""
    if not contains_personal_identity_number(msgspec.json.encode(cmd)):
        return  # the common case, decided by one scan; the walk below finds the field
    for name, value in msgspec.structs.asdict(cmd).items():
        for path, text in _texts(value, name):
            if find_personal_identity_number(text):
                raise Refusal("R7", "refusal.R7_personal_data", field=path)


def _new(ws: Workspace, cls: type[LedgerAggregate], key: str) -> None:
    if ws.find(cls, key) is not None:
        raise Refusal(DUPLICATE, "refusal.duplicate", kind=cls.KIND, key=key)


def _get(ws: Workspace, cls: type[A], key: str) -> A:
    found = ws.find(cls, key)
    if found is None:
        raise Refusal(UNKNOWN, "refusal.unknown", kind=cls.KIND, key=key)
    if found.voided:  # a void is final: nothing more is recorded on it (correcting.py)
        raise Refusal(STATE, "refusal.voided", kind=cls.KIND, key=key)
    return found


def _register_partner(cmd: c.RegisterPartner, ws: Workspace, actor: str) -> None:
    _new(ws, Partner, cmd.org_nr)
    ws.add(Partner.register(cmd, actor))


def _assess_criterion(cmd: c.AssessCriterion, ws: Workspace, actor: str) -> None:
    partner = _get(ws, Partner, cmd.org_nr)
    if not cmd.met:
        # R2 by business date: "not met" from a day before an onboarding already recorded.
        onboardings = onboardings_of_not_met(partner, cmd.criterion, cmd.assessed_on)
        if onboardings:
            raise Refusal("R2", "refusal.dated_conflict", what="assess_criterion",
                          ref=f"{partner.org_nr} {cmd.criterion}", day=cmd.assessed_on,
                          conflicts=named_conflicts(onboardings))
        # R9 by business date: "not met" from a day before decisions already recorded.
        conflicts = conflicts_of_not_met(ws, partner, cmd.criterion, cmd.assessed_on)
        if conflicts:
            raise Refusal("R9", "refusal.R9_assessment", org_nr=partner.org_nr,
                          criterion=cmd.criterion, day=cmd.assessed_on,
                          conflicts=named_conflicts(conflicts))
    partner.assess(cmd, actor)


def _onboard_partner(cmd: c.OnboardPartner, ws: Workspace, actor: str) -> None:
    _get(ws, Partner, cmd.org_nr).onboard(cmd, actor)


def _offboard_partner(cmd: c.OffboardPartner, ws: Workspace, actor: str) -> None:
    partner = _get(ws, Partner, cmd.org_nr)
    if partner.is_onboarded and cmd.offboarded_on >= partner.onboardings[-1].start:
        # R3 by business date: an offboarding dated before starts already recorded.
        conflicts = conflicts_of_offboarding(ws, partner, cmd.offboarded_on)
        if conflicts:
            raise Refusal("R3", "refusal.dated_conflict", what="offboard_partner",
                          ref=partner.org_nr, day=cmd.offboarded_on,
                          conflicts=named_conflicts(conflicts))
    partner.offboard(cmd, actor)


def _sign_agreement(cmd: c.SignAgreement, ws: Workspace, actor: str) -> None:
    _new(ws, Agreement, cmd.ref)
    ws.add(Agreement.sign(cmd, _get(ws, Partner, cmd.org_nr), actor))


def _end_agreement(cmd: c.EndAgreement, ws: Workspace, actor: str) -> None:
    agreement = _get(ws, Agreement, cmd.ref)
    partner = ws.find(Partner, agreement.org_nr)
    if (partner is not None and agreement.ended_on is None
            and cmd.ended_on >= agreement.starts_on):
        # R4 by business date: ended before money already paid to the partner under it.
        conflicts = conflicts_of_agreement_end(ws, partner, agreement, cmd.ended_on)
        if conflicts:
            raise Refusal("R4", "refusal.dated_conflict", what="end_agreement",
                          ref=agreement.key, day=cmd.ended_on,
                          conflicts=named_conflicts(conflicts))
    agreement.end(cmd, actor)


def _decide_supervisor_funding(cmd: c.DecideSupervisorFunding, ws: Workspace,
                               actor: str) -> None:
    _new(ws, SupervisorFunding, cmd.ref)
    partner = _get(ws, Partner, cmd.org_nr)
    ws.add(SupervisorFunding.decide(cmd, partner, actor))
    partner.link_decision("supervisor_funding", cmd.ref, actor)  # business dates


def _pay_supervisor_funding(cmd: c.PaySupervisorFunding, ws: Workspace, actor: str) -> None:
    funding = _get(ws, SupervisorFunding, cmd.ref)
    funding.pay(cmd, _get(ws, Partner, funding.org_nr), actor)


def _end_supervisor_funding(cmd: c.EndSupervisorFunding, ws: Workspace, actor: str) -> None:
    _get(ws, SupervisorFunding, cmd.ref).end(cmd, actor)


def _plan_activity(cmd: c.PlanActivity, ws: Workspace, actor: str) -> None:
    _new(ws, Activity, cmd.ref)
    ws.add(Activity.plan(cmd, actor))


def _hold_activity(cmd: c.HoldActivity, ws: Workspace, actor: str) -> None:
    _get(ws, Activity, cmd.ref).hold(cmd, actor)


def _cancel_activity(cmd: c.CancelActivity, ws: Workspace, actor: str) -> None:
    _get(ws, Activity, cmd.ref).cancel(cmd, actor)


def _log_structural_work(cmd: c.LogStructuralWork, ws: Workspace, actor: str) -> None:
    _new(ws, StructuralWork, cmd.ref)
    ws.add(StructuralWork.log(cmd, actor))


def _draft_action_plan(cmd: c.DraftActionPlan, ws: Workspace, actor: str) -> None:
    voided = ws.find(ActionPlan, str(cmd.year))
    if voided is not None:  # a plan's key is its year: a voided plan's year is drafted again
        voided.redraft(cmd, actor)
        return
    ws.add(ActionPlan.draft(cmd, actor))


def _add_action(cmd: c.AddAction, ws: Workspace, actor: str) -> None:
    _get(ws, ActionPlan, str(cmd.year)).add(cmd, actor)


def _adopt_action_plan(cmd: c.AdoptActionPlan, ws: Workspace, actor: str) -> None:
    plan = _get(ws, ActionPlan, str(cmd.year))
    meeting = next((m for key in meeting_keys(cmd.decision_ref)
                    if (m := ws.find(BoardMeeting, key)) is not None), None)
    plan.adopt(cmd, meeting, actor)


def _complete_action(cmd: c.CompleteAction, ws: Workspace, actor: str) -> None:
    _get(ws, ActionPlan, str(cmd.year)).complete(cmd, actor)


def _drop_action(cmd: c.DropAction, ws: Workspace, actor: str) -> None:
    _get(ws, ActionPlan, str(cmd.year)).drop(cmd, actor)


def _start_effort(cmd: c.StartEffort, ws: Workspace, actor: str) -> None:
    _new(ws, Effort, cmd.ref)
    partner = _get(ws, Partner, cmd.org_nr)
    ws.add(Effort.start(cmd, partner, actor))
    partner.link_decision("effort", cmd.ref, actor)  # business dates


def _report_participants(cmd: c.ReportParticipants, ws: Workspace, actor: str) -> None:
    _get(ws, Effort, cmd.ref).report_participants(cmd, actor)


def _report_outcomes(cmd: c.ReportOutcomes, ws: Workspace, actor: str) -> None:
    _get(ws, Effort, cmd.ref).report_outcomes(cmd, actor)


def _complete_effort(cmd: c.CompleteEffort, ws: Workspace, actor: str) -> None:
    _get(ws, Effort, cmd.ref).complete(cmd, actor)


def _record_expenditure(cmd: c.RecordExpenditure, ws: Workspace, actor: str) -> None:
    # F1, F2, F4 first: a forbidden purpose is refused under its rule whoever the payee is
    # (an unknown partner or a reused ref must not hide it).
    check_forbidden_purpose(cmd)
    _new(ws, Expenditure, cmd.ref)
    agreements: list[Agreement] = []
    # R9: the partners whose criteria must hold on the payment date: the payee, and the
    # partner of a financed effort.
    partners: list[Partner] = []
    asf: Partner | None = None  # F1: the partner whose org number the payee is
    if cmd.payee_kind == "partner":
        partner = asf = _get(ws, Partner, cmd.payee)
        agreements = [a for ref in partner.agreement_refs
                      if (a := ws.find(Agreement, ref)) is not None and not a.voided]
        partners.append(partner)
    elif (org_nr := payee_org_nr(cmd.payee_kind, cmd.payee)) is not None:
        found = ws.find(Partner, org_nr)
        asf = found if found is not None and not found.voided else None
    agreement = ws.find(Agreement, cmd.linked_ref) if (
        asf is not None and cmd.linked_ref is not None) else None
    if agreement is not None and agreement.voided:  # signed by mistake: buys nothing
        agreement = None
    effort = membership = None
    if cmd.purpose == "effort_financing" and cmd.linked_ref is not None:
        effort = _get(ws, Effort, cmd.linked_ref)
        partners.append(_get(ws, Partner, effort.org_nr))
    if cmd.purpose == "membership_fee" and cmd.linked_ref is not None:
        membership = _get(ws, Membership, cmd.linked_ref)
    # F4: paid for an ASF: linked to an agreement (not voided) or an effort, each with a
    # partner.
    linked = None if cmd.linked_ref is None else ws.find(Agreement, cmd.linked_ref)
    for_asf = cmd.linked_ref is not None and (
        (linked is not None and not linked.voided)
        or ws.find(Effort, cmd.linked_ref) is not None)
    ws.add(Expenditure.record(cmd, actor, partner_agreements=agreements, effort=effort,
                              membership=membership, criteria_of=partners, asf=asf,
                              agreement=agreement, for_asf=for_asf))
    if cmd.payee_kind == "partner":
        partners[0].link_decision("expenditure", cmd.ref, actor)  # business dates (R4)


def _join_organisation(cmd: c.JoinOrganisation, ws: Workspace, actor: str) -> None:
    _new(ws, Membership, cmd.ref)
    is_partner = cmd.org_nr is not None and ws.find(Partner, cmd.org_nr) is not None
    ws.add(Membership.join(cmd, is_partner, actor))


def _leave_organisation(cmd: c.LeaveOrganisation, ws: Workspace, actor: str) -> None:
    _get(ws, Membership, cmd.ref).leave(cmd, actor)


def _hold_board_meeting(cmd: c.HoldBoardMeeting, ws: Workspace, actor: str) -> None:
    _new(ws, BoardMeeting, cmd.ref)
    ws.add(BoardMeeting.hold(cmd, actor))


def _redact(cmd: c.Redact, ws: Workspace, actor: str) -> None:
    _new(ws, Redaction, f"{cmd.position}:{cmd.field}")
    ws.add(Redaction.decide(cmd, ws.redaction_target(cmd.position, cmd.field), actor))


HANDLERS: dict[type[c.Command], Callable[[Any, Workspace, str], None]] = {
    c.RegisterPartner: _register_partner,
    c.AssessCriterion: _assess_criterion,
    c.OnboardPartner: _onboard_partner,
    c.OffboardPartner: _offboard_partner,
    c.SignAgreement: _sign_agreement,
    c.EndAgreement: _end_agreement,
    c.DecideSupervisorFunding: _decide_supervisor_funding,
    c.PaySupervisorFunding: _pay_supervisor_funding,
    c.EndSupervisorFunding: _end_supervisor_funding,
    c.PlanActivity: _plan_activity,
    c.HoldActivity: _hold_activity,
    c.CancelActivity: _cancel_activity,
    c.LogStructuralWork: _log_structural_work,
    c.DraftActionPlan: _draft_action_plan,
    c.AddAction: _add_action,
    c.AdoptActionPlan: _adopt_action_plan,
    c.CompleteAction: _complete_action,
    c.DropAction: _drop_action,
    c.StartEffort: _start_effort,
    c.ReportParticipants: _report_participants,
    c.ReportOutcomes: _report_outcomes,
    c.CompleteEffort: _complete_effort,
    c.RecordExpenditure: _record_expenditure,
    c.JoinOrganisation: _join_organisation,
    c.LeaveOrganisation: _leave_organisation,
    c.HoldBoardMeeting: _hold_board_meeting,
    **CORRECTION_HANDLERS,
    c.Redact: _redact,
}


def check_dates(cmd: c.Command, today: date) -> None:
    """A date of a thing done after the day it is recorded, or an end before its start."""
    wrong = c.dates_out_of_order(cmd, today)
    if wrong is None:
        return
    name, day, limit = wrong
    if limit == "today":
        raise Refusal(DATES, "refusal.in_future", field=name, day=day.isoformat(),
                      today=today.isoformat())
    raise Refusal(DATES, "refusal.ends_before_start", field=name, day=day.isoformat(),
                  start_field="starts_on", start=str(limit))


def decide(cmd: c.Command, ws: Workspace, actor: str, today: date | None = None) -> None:
    """Apply one command to the workspace, or raise ``Refusal`` having changed nothing.
    ``today``, when given, is the day it is recorded: a thing done after it is refused."""
    check_dates(cmd, today or date.max)
    check_no_personal_data(cmd)
    HANDLERS[type(cmd)](cmd, ws, cmd.actor or actor)
