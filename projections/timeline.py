"""The history as a readable timeline: one sentence per event, in the policy's words.

Pure: a ``Timeline`` folds ``LedgerEvent``s in global order and says each one in Swedish
or English, with the business date of the decision and amounts in SEK. It remembers the
names it has seen (partners, memberships) so later events can name what they concern.
Every event type of every aggregate has its own sentence (``SENTENCES``); a type without
one falls back to ``replay.unknown_event``, which the tests forbid for known types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple, TypeVar

from domain.corrections import command_field, value_kind
from domain.events import (
    ActionPlanActionAdded,
    ActionPlanActionCompleted,
    ActionPlanActionCorrected,
    ActionPlanActionDropped,
    ActionPlanAdopted,
    ActionPlanDrafted,
    ActionPlanFactCorrected,
    ActionPlanRedrafted,
    ActionPlanVoided,
    ActivityCancelled,
    ActivityFactCorrected,
    ActivityHeld,
    ActivityPlanned,
    ActivityVoided,
    AgreementCharged,
    AgreementChargeReversed,
    AgreementEnded,
    AgreementFactCorrected,
    AgreementSigned,
    AgreementVoided,
    BoardMeetingFactCorrected,
    BoardMeetingHeld,
    BoardMeetingVoided,
    EffortCharged,
    EffortChargeReversed,
    EffortCompleted,
    EffortFactCorrected,
    EffortOutcomesReported,
    EffortParticipantsReported,
    EffortStarted,
    EffortVoided,
    Event,
    ExpenditureFactCorrected,
    ExpenditureRecorded,
    ExpenditureReversed,
    FactCorrected,
    MembershipFactCorrected,
    MembershipJoined,
    MembershipLeft,
    MembershipVoided,
    PartnerAgreementLinked,
    PartnerCriterionAssessed,
    PartnerDecisionLinked,
    PartnerFactCorrected,
    PartnerOffboarded,
    PartnerOnboarded,
    PartnerRegistered,
    PartnerVoided,
    RedactionRedacted,
    StructuralWorkFactCorrected,
    StructuralWorkLogged,
    StructuralWorkVoided,
    SupervisorFundingDecided,
    SupervisorFundingEnded,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
    Voided,
)
from domain.money import Money
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    CRITERIA,
    DISTRICTS,
    LEGAL_FORMS,
    MEASURES,
    ORGANISATION_KINDS,
    PARTIES,
    PURPOSES,
    Term,
    target_group_name,
)
from domain.words import Words, fill
from projections.events import ByClass, LedgerEvent, Unreadable
from projections.text import ATTENDANCE_GROUP_NAMES, EVENT_SENTENCES, translate

UNKNOWN_KEY = "replay.unknown_event"
E = TypeVar("E", bound=Event)


def day(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def period(starts_on: object, ends_on: object, lang: str) -> str:
    """``2026-02-01–2026-12-31``, or ``från 2026-02-01`` when open-ended."""
    if ends_on is None:
        return translate("replay.from", lang, day=day(starts_on))
    return f"{day(starts_on)}–{day(ends_on)}"


def term(table: Mapping[str, Term], code: str, lang: str) -> str:
    found = table.get(code)
    return found.text(lang) if found else code


def measure(code: str, lang: str) -> str:
    """``S2 Långsiktiga förutsättningar genom upphandling och IOP``."""
    return f"{code} {term(MEASURES, code, lang)}"


def party(code: str) -> str:
    found = PARTIES.get(code)
    return found.name if found else code


def listed(items: Iterable[str], lang: str) -> str:
    text = ", ".join(items)
    return text or translate("replay.none", lang)


def districts(codes: Iterable[str], lang: str) -> str:
    return listed((DISTRICTS.get(c, c) for c in codes), lang)


def attendance_group(group: str, lang: str) -> str:
    if group in PARTIES:
        return party(group)
    return fill(ATTENDANCE_GROUP_NAMES[group], lang)


def attendance(counts: Mapping[str, int], lang: str) -> str:
    return listed((f"{attendance_group(g, lang)} {n}" for g, n in counts.items()), lang)


def participant_counts(counts: Mapping[str, Mapping[str, int]], lang: str) -> str:
    parts = []
    for group, by_gender in counts.items():
        total = sum(by_gender.values())
        genders = translate("replay.gender", lang, women=by_gender.get("women", 0),
                            men=by_gender.get("men", 0), other=by_gender.get("other", 0))
        parts.append(f"{target_group_name(group, lang)} {total} ({genders})")
    return "; ".join(parts) or translate("replay.none", lang)


def printable_line(text: str) -> str:
    """Line breaks become spaces and other control characters visible escapes, so a
    recorded text can neither split a line of the timeline nor steer the terminal."""
    return "".join(ch if ch.isprintable() else " " if ch in "\t\n\r\v\f"
                   else f"\\x{ord(ch):02x}" for ch in text)


class Timeline:
    """Says each event of the history as a sentence; feed events in global order."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.partner_names: dict[str, str] = {}
        self.membership_names: dict[str, str] = {}
        # The positions of each aggregate's events seen so far, by version - 1: a
        # correction names the position of the event it corrects.
        self.positions: dict[Any, list[int]] = {}

    def partner(self, org_nr: str) -> str:
        """``Macken ek. för. (556677-8899)``, or the bare org number if not yet seen."""
        name = self.partner_names.get(org_nr)
        return f"{name} ({org_nr})" if name else org_nr

    def sentence(self, event: LedgerEvent) -> str:
        """What ``event`` did, in the policy's words; its note follows, if it has one."""
        seen = self.positions.setdefault(event.subject_id, [])
        if not seen or seen[-1] < event.position:
            seen.append(event.position)
        typed = event.event
        said = SENTENCES.get(event)
        if isinstance(typed, Unreadable):
            text = translate("replay.unreadable_event", self.lang, error=typed.error)
        elif said is None:
            text = translate(UNKNOWN_KEY, self.lang, type=event.type, subject=event.subject)
        else:
            text = fill(said.words, self.lang, **said.build(self, event, typed))
        note = typed.note if isinstance(typed, Event) else None
        if note:
            text = translate("replay.note", self.lang, sentence=text, note=note)
        return text

    def line(self, event: LedgerEvent) -> str:
        """``    12  2026-01-15 09:31  samordnare.anna: Partnern … antogs …`` (UTC time)."""
        when = event.recorded.strftime("%Y-%m-%d %H:%M")
        return printable_line(f"{event.position:>6}  {when}  {event.actor or '?'}: "
                        f"{self.sentence(event)}")


Params = dict[str, Any]
Builder = Callable[[Timeline, LedgerEvent, Any], Params]


class Sentence(NamedTuple):
    """How an event type is said: its words (``projections.text.EVENT_SENTENCES``, by
    the type) and what fills them in from an event."""

    words: Words
    build: Builder


def _say(cls: type[E], build: Callable[[Timeline, LedgerEvent, E], Params]
         ) -> tuple[type[Event], Sentence]:
    """``cls``'s sentence: mypy checks that ``build`` takes a ``cls``."""
    return cls, Sentence(EVENT_SENTENCES[str(cls.__struct_config__.tag)], build)


def _decision(ref: str | None, lang: str) -> str:
    return translate("replay.decision", lang, decision=ref) if ref else ""


def _money(ore: int, lang: str) -> str:
    return Money(ore).text(lang)


# Partner ----------------------------------------------------------------------------------

def _partner_registered(t: Timeline, e: LedgerEvent, x: PartnerRegistered) -> Params:
    t.partner_names[e.subject] = x.name
    return {"partner": t.partner(e.subject), "legal_form": term(LEGAL_FORMS, x.legal_form,
                                                                t.lang),
            "districts": districts(x.districts, t.lang)}


def _criterion_assessed(t: Timeline, e: LedgerEvent, x: PartnerCriterionAssessed) -> Params:
    return {"criterion": f"{x.criterion} ({term(CRITERIA, x.criterion, t.lang)})",
            "met": translate("replay.met" if x.met else "replay.not_met", t.lang),
            "partner": t.partner(e.subject), "day": day(x.assessed_on),
            "evidence": x.evidence}


def _onboarded(t: Timeline, e: LedgerEvent, x: PartnerOnboarded) -> Params:
    return {"partner": t.partner(e.subject), "day": day(x.onboarded_on),
            "decision": x.decision_ref}


def _offboarded(t: Timeline, e: LedgerEvent, x: PartnerOffboarded) -> Params:
    return {"partner": t.partner(e.subject), "day": day(x.offboarded_on), "reason": x.reason}


def _agreement_linked(t: Timeline, e: LedgerEvent, x: PartnerAgreementLinked) -> Params:
    return {"ref": x.agreement_ref, "partner": t.partner(e.subject)}


def _decision_linked(t: Timeline, e: LedgerEvent, x: PartnerDecisionLinked) -> Params:
    return {"ref": x.ref, "partner": t.partner(e.subject)}


# Agreement --------------------------------------------------------------------------------

def _agreement_signed(t: Timeline, e: LedgerEvent, x: AgreementSigned) -> Params:
    value = x.value_ore
    return {"ref": e.subject, "kind": term(AGREEMENT_KINDS, x.kind, t.lang),
            "partner": t.partner(x.org_nr),
            "period": period(x.starts_on, x.ends_on, t.lang),
            "value": ("" if value is None else translate("replay.value", t.lang,
                                                           amount=_money(value, t.lang)))
            + ("" if x.scope is None else translate("replay.scope", t.lang, scope=x.scope)),
            "decision": x.decision_ref}


def _agreement_charged(t: Timeline, e: LedgerEvent, x: AgreementCharged) -> Params:
    return {"ref": e.subject, "amount": _money(x.amount_ore, t.lang),
            "day": day(x.paid_on), "expenditure": x.expenditure_ref}


def _agreement_charge_reversed(t: Timeline, e: LedgerEvent,
                               x: AgreementChargeReversed) -> Params:
    return {"ref": e.subject, "amount": _money(x.amount_ore, t.lang),
            "reversed_on": day(x.reversed_on), "expenditure": x.expenditure_ref,
            "day": day(x.paid_on)}


def _ended(t: Timeline, e: LedgerEvent,
           x: AgreementEnded | SupervisorFundingEnded) -> Params:
    return {"ref": e.subject, "day": day(x.ended_on), "reason": x.reason}


# Supervisor funding (I3) ------------------------------------------------------------------

def _funding_decided(t: Timeline, e: LedgerEvent, x: SupervisorFundingDecided) -> Params:
    return {"ref": e.subject, "day": day(x.decided_on),
            "amount": _money(x.amount_ore, t.lang), "partner": t.partner(x.org_nr),
            "employer": party(x.employer), "fte": x.fte_percent,
            "period": period(x.starts_on, x.ends_on, t.lang),
            "groups": listed((target_group_name(g, t.lang) for g in x.target_groups),
                             t.lang),
            "decision": x.decision_ref}


def _funding_paid(t: Timeline, e: LedgerEvent, x: SupervisorFundingPaid) -> Params:
    return {"ref": e.subject, "day": day(x.paid_on), "amount": _money(x.amount_ore, t.lang),
            "payee": party(x.payee), "voucher": x.voucher_ref}


# Activities (S7) and structural work (S1–S6) ----------------------------------------------

def _activity_planned(t: Timeline, e: LedgerEvent, x: ActivityPlanned) -> Params:
    return {"ref": e.subject, "kind": term(ACTIVITY_KINDS, x.kind, t.lang),
            "day": day(x.planned_on), "title": x.title,
            "districts": f" ({districts(x.districts, t.lang)})" if x.districts else ""}


def _activity_held(t: Timeline, e: LedgerEvent, x: ActivityHeld) -> Params:
    return {"ref": e.subject, "day": day(x.held_on), "total": sum(x.attendance.values()),
            "attendance": attendance(x.attendance, t.lang)}


def _activity_cancelled(t: Timeline, e: LedgerEvent, x: ActivityCancelled) -> Params:
    return {"ref": e.subject, "reason": x.reason}


def _structural_logged(t: Timeline, e: LedgerEvent, x: StructuralWorkLogged) -> Params:
    return {"ref": e.subject, "measure": measure(x.measure, t.lang),
            "day": day(x.done_on), "description": x.description}


# Action plan (R6) -------------------------------------------------------------------------

def _plan_drafted(t: Timeline, e: LedgerEvent, x: ActionPlanDrafted) -> Params:
    return {"year": x.year, "operations_plan": x.operations_plan_ref}


def _plan_redrafted(t: Timeline, e: LedgerEvent, x: ActionPlanRedrafted) -> Params:
    return {"ref": e.subject, "operations_plan": x.operations_plan_ref}


def _action_added(t: Timeline, e: LedgerEvent, x: ActionPlanActionAdded) -> Params:
    return {"action": x.action_id, "measure": measure(x.measure, t.lang),
            "year": e.subject, "description": x.description, "owner": x.owner,
            "due": day(x.due_on), "decision": _decision(x.decision_ref, t.lang)}


def _plan_adopted(t: Timeline, e: LedgerEvent, x: ActionPlanAdopted) -> Params:
    return {"year": e.subject, "day": day(x.adopted_on), "decision": x.decision_ref}


def _action_completed(t: Timeline, e: LedgerEvent, x: ActionPlanActionCompleted) -> Params:
    return {"action": x.action_id, "year": e.subject, "day": day(x.completed_on),
            "outcome": x.outcome}


def _action_dropped(t: Timeline, e: LedgerEvent, x: ActionPlanActionDropped) -> Params:
    return {"action": x.action_id, "year": e.subject, "day": day(x.dropped_on),
            "reason": x.reason}


# Efforts (I1, I2) -------------------------------------------------------------------------

def _effort_started(t: Timeline, e: LedgerEvent, x: EffortStarted) -> Params:
    return {"ref": e.subject, "measure": measure(x.measure, t.lang),
            "partner": t.partner(x.org_nr),
            "period": period(x.starts_on, x.ends_on, t.lang),
            "run_by": party(x.run_by), "amount": _money(x.budget_ore, t.lang),
            "decision": x.decision_ref}


def _participants_reported(t: Timeline, e: LedgerEvent, x: EffortParticipantsReported
                           ) -> Params:
    return {"ref": e.subject, "period": x.period,
            "total": sum(sum(c.values()) for c in x.counts.values()),
            "counts": participant_counts(x.counts, t.lang)}


def _outcomes_reported(t: Timeline, e: LedgerEvent, x: EffortOutcomesReported) -> Params:
    return {"ref": e.subject, "period": x.period, "work": x.work, "studies": x.studies,
            "job_seeking": x.job_seeking, "other": x.other}


def _effort_completed(t: Timeline, e: LedgerEvent, x: EffortCompleted) -> Params:
    return {"ref": e.subject, "day": day(x.completed_on)}


def _effort_charged(t: Timeline, e: LedgerEvent, x: EffortCharged) -> Params:
    return {"ref": e.subject, "amount": _money(x.amount_ore, t.lang),
            "day": day(x.paid_on), "expenditure": x.expenditure_ref}


# Expenditure, memberships, board ----------------------------------------------------------

def _payee(t: Timeline, x: ExpenditureRecorded) -> str:
    if x.payee_kind == "party":
        return party(x.payee)
    if x.payee_kind == "partner":
        return t.partner(x.payee)
    legal_form = x.payee_legal_form
    return translate("replay.supplier", t.lang, payee=x.payee,
                     legal_form=term(LEGAL_FORMS, legal_form, t.lang) if legal_form else "–")


def _expenditure_recorded(t: Timeline, e: LedgerEvent, x: ExpenditureRecorded) -> Params:
    linked = x.linked_ref
    return {"ref": e.subject, "day": day(x.paid_on), "amount": _money(x.amount_ore, t.lang),
            "payee": _payee(t, x), "purpose": term(PURPOSES, x.purpose, t.lang),
            "linked": translate("replay.linked", t.lang, ref=linked) if linked else "",
            "description": x.description}


def _membership_joined(t: Timeline, e: LedgerEvent, x: MembershipJoined) -> Params:
    t.membership_names[e.subject] = x.name
    name = f"{x.name} ({x.org_nr})" if x.org_nr else x.name
    return {"ref": e.subject, "name": name, "kind": term(ORGANISATION_KINDS, x.kind, t.lang),
            "day": day(x.joined_on), "decision": x.decision_ref}


def _membership_left(t: Timeline, e: LedgerEvent, x: MembershipLeft) -> Params:
    return {"ref": e.subject, "name": t.membership_names.get(e.subject, e.subject),
            "day": day(x.left_on)}


def _board_meeting_held(t: Timeline, e: LedgerEvent, x: BoardMeetingHeld) -> Params:
    return {"ref": e.subject, "day": day(x.held_on), "minutes": x.minutes_ref}


def _redacted(t: Timeline, e: LedgerEvent, x: RedactionRedacted) -> Params:
    """The board's redaction (issue 15): the position and field emptied, and why."""
    return {"position": x.position, "field": x.field, "decision": x.decision_ref,
            "reason": x.reason}


# Corrections: the position corrected, the old and the new, why (who and when: the line) ---

def _corrects(t: Timeline, e: LedgerEvent, version: int) -> str:
    """`` (corrects position 12)``: the position of the event, in the same aggregate, with
    ``version``, when the timeline has seen it."""
    positions = t.positions.get(e.subject_id, [])
    if not 0 < version <= len(positions):
        return ""
    return translate("replay.corrects", t.lang, position=positions[version - 1])


def _why(t: Timeline, e: LedgerEvent, reason: str, decision: str | None,
         version: int) -> Params:
    return {"ref": e.subject, "corrects": _corrects(t, e, version), "reason": reason,
            "decision": translate("replay.decision", t.lang, decision=decision)
            if decision else ""}


def fact_text(stored: str, value: Any, lang: str) -> str:
    """A corrected fact's value as the timeline and the UI show it."""
    kind = value_kind(stored)
    if value is None:
        return translate("replay.none", lang)
    if kind == "money":
        return _money(value, lang)
    if kind == "districts":
        return districts(value, lang)
    if kind == "date":
        return day(value)
    if kind == "percent":
        return f"{value} %"
    if kind == "target_groups":
        return listed((target_group_name(g, lang) for g in value), lang)
    if kind == "legal_form":
        value = term(LEGAL_FORMS, value, lang)
    elif kind == "employer":
        value = party(value)
    return f"”{value}”" if lang == "sv" else f"“{value}”"


def _fact_corrected(t: Timeline, e: LedgerEvent, x: FactCorrected) -> Params:
    if isinstance(x, PartnerFactCorrected) and x.field == "name":
        t.partner_names[e.subject] = x.new
    return {**_why(t, e, x.reason, x.decision_ref, x.corrects),
            "field": command_field(x.field), "old": fact_text(x.field, x.old, t.lang),
            "new": fact_text(x.field, x.new, t.lang)}


def _action_corrected(t: Timeline, e: LedgerEvent, x: ActionPlanActionCorrected) -> Params:
    return {**_fact_corrected(t, e, x), "action": x.action_id}


def _voided(t: Timeline, e: LedgerEvent, x: Voided) -> Params:
    return _why(t, e, x.reason, x.decision_ref, 1)


def _payment_reversed(t: Timeline, e: LedgerEvent, x: SupervisorFundingPaymentReversed
                      ) -> Params:
    return {**_why(t, e, x.reason, x.decision_ref, x.corrects), "voucher": x.voucher_ref,
            "amount": _money(x.amount_ore, t.lang), "payee": party(x.payee),
            "day": day(x.paid_on), "reversed_on": day(x.reversed_on)}


def _expenditure_reversed(t: Timeline, e: LedgerEvent, x: ExpenditureReversed) -> Params:
    linked = x.linked_ref
    return {**_why(t, e, x.reason, x.decision_ref, x.corrects),
            "amount": _money(x.amount_ore, t.lang),
            "purpose": term(PURPOSES, x.purpose, t.lang), "day": day(x.paid_on),
            "linked": translate("replay.linked", t.lang, ref=linked) if linked else "",
            "reversed_on": day(x.reversed_on)}


def _charge_reversed(t: Timeline, e: LedgerEvent, x: EffortChargeReversed) -> Params:
    return {"ref": e.subject, "amount": _money(x.amount_ore, t.lang),
            "reversed_on": day(x.reversed_on), "expenditure": x.expenditure_ref,
            "day": day(x.paid_on)}


# Each stored event type → its sentence and the parameters that fill it in.
SENTENCES: ByClass[Sentence] = ByClass([
    _say(PartnerRegistered, _partner_registered),
    _say(PartnerCriterionAssessed, _criterion_assessed),
    _say(PartnerOnboarded, _onboarded),
    _say(PartnerOffboarded, _offboarded),
    _say(PartnerAgreementLinked, _agreement_linked),
    _say(PartnerDecisionLinked, _decision_linked),
    _say(AgreementSigned, _agreement_signed),
    _say(AgreementEnded, _ended),
    _say(SupervisorFundingDecided, _funding_decided),
    _say(SupervisorFundingPaid, _funding_paid),
    _say(SupervisorFundingEnded, _ended),
    _say(ActivityPlanned, _activity_planned),
    _say(ActivityHeld, _activity_held),
    _say(ActivityCancelled, _activity_cancelled),
    _say(StructuralWorkLogged, _structural_logged),
    _say(ActionPlanDrafted, _plan_drafted),
    _say(ActionPlanActionAdded, _action_added),
    _say(ActionPlanAdopted, _plan_adopted),
    _say(ActionPlanActionCompleted, _action_completed),
    _say(ActionPlanActionDropped, _action_dropped),
    _say(EffortStarted, _effort_started),
    _say(EffortParticipantsReported, _participants_reported),
    _say(EffortOutcomesReported, _outcomes_reported),
    _say(EffortCompleted, _effort_completed),
    _say(EffortCharged, _effort_charged),
    _say(AgreementCharged, _agreement_charged),
    _say(AgreementChargeReversed, _agreement_charge_reversed),
    _say(ExpenditureRecorded, _expenditure_recorded),
    _say(MembershipJoined, _membership_joined),
    _say(MembershipLeft, _membership_left),
    _say(BoardMeetingHeld, _board_meeting_held),
    _say(SupervisorFundingPaymentReversed, _payment_reversed),
    _say(ExpenditureReversed, _expenditure_reversed),
    _say(EffortChargeReversed, _charge_reversed),
    _say(PartnerFactCorrected, _fact_corrected),
    _say(SupervisorFundingFactCorrected, _fact_corrected),
    _say(EffortFactCorrected, _fact_corrected),
    _say(ActivityFactCorrected, _fact_corrected),
    _say(StructuralWorkFactCorrected, _fact_corrected),
    _say(ExpenditureFactCorrected, _fact_corrected),
    _say(PartnerVoided, _voided),
    _say(SupervisorFundingVoided, _voided),
    _say(EffortVoided, _voided),
    _say(AgreementFactCorrected, _fact_corrected),
    _say(MembershipFactCorrected, _fact_corrected),
    _say(BoardMeetingFactCorrected, _fact_corrected),
    _say(ActionPlanFactCorrected, _fact_corrected),
    _say(ActionPlanActionCorrected, _action_corrected),
    _say(AgreementVoided, _voided),
    _say(MembershipVoided, _voided),
    _say(BoardMeetingVoided, _voided),
    _say(ActionPlanVoided, _voided),
    _say(ActionPlanRedrafted, _plan_redrafted),
    _say(ActivityVoided, _voided),
    _say(StructuralWorkVoided, _voided),
    _say(RedactionRedacted, _redacted),
])
