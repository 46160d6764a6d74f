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
from typing import Any

from domain.corrections import command_field, value_kind
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
    TARGET_GROUPS,
    Term,
)
from domain.words import fill
from projections.events import UNREADABLE, LedgerEvent
from projections.text import ATTENDANCE_GROUP_NAMES, EVENT_SENTENCES, translate

UNKNOWN_KEY = "replay.unknown_event"


def money(ore: int, lang: str) -> str:
    """An event's amount in öre as ``Money`` writes it for ``lang``."""
    return Money(ore).text(lang)


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
        parts.append(f"{term(TARGET_GROUPS, group, lang)} {total} ({genders})")
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
        build = SENTENCES.get(event.type)
        if event.type == UNREADABLE:
            text = translate("replay.unreadable_event", self.lang,
                             error=event.data.get("error", ""))
        elif build is None:
            text = translate(UNKNOWN_KEY, self.lang, type=event.type, subject=event.subject)
        else:
            text = fill(EVENT_SENTENCES[event.type], self.lang,
                        **build(self, event, event.data))
        note = event.data.get("note")
        if note:
            text = translate("replay.note", self.lang, sentence=text, note=note)
        return text

    def line(self, event: LedgerEvent) -> str:
        """``    12  2026-01-15 09:31  samordnare.anna: Partnern … antogs …`` (UTC time)."""
        when = event.recorded.strftime("%Y-%m-%d %H:%M")
        return printable_line(f"{event.position:>6}  {when}  {event.actor or '?'}: "
                        f"{self.sentence(event)}")


Params = dict[str, Any]
Builder = Callable[[Timeline, LedgerEvent, Mapping[str, Any]], Params]


def _decision(ref: str | None, lang: str) -> str:
    return translate("replay.decision", lang, decision=ref) if ref else ""


# Partner ----------------------------------------------------------------------------------

def _partner_registered(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    t.partner_names[e.subject] = d["name"]
    return {"partner": t.partner(e.subject), "legal_form": term(LEGAL_FORMS, d["legal_form"],
                                                                t.lang),
            "districts": districts(d["districts"], t.lang)}


def _criterion_assessed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"criterion": f"{d['criterion']} ({term(CRITERIA, d['criterion'], t.lang)})",
            "met": translate("replay.met" if d["met"] else "replay.not_met", t.lang),
            "partner": t.partner(e.subject), "day": day(d["assessed_on"]),
            "evidence": d["evidence"]}


def _onboarded(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"partner": t.partner(e.subject), "day": day(d["onboarded_on"]),
            "decision": d["decision_ref"]}


def _offboarded(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"partner": t.partner(e.subject), "day": day(d["offboarded_on"]),
            "reason": d["reason"]}


def _agreement_linked(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": d["agreement_ref"], "partner": t.partner(e.subject)}


def _decision_linked(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": d["ref"], "partner": t.partner(e.subject)}


# Agreement --------------------------------------------------------------------------------

def _agreement_signed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    value = d.get("value_ore")
    return {"ref": e.subject, "kind": term(AGREEMENT_KINDS, d["kind"], t.lang),
            "partner": t.partner(d["org_nr"]),
            "period": period(d["starts_on"], d.get("ends_on"), t.lang),
            "value": "" if value is None else translate("replay.value", t.lang,
                                                          amount=money(value, t.lang)),
            "decision": d["decision_ref"]}


def _ended(date_field: str) -> Builder:
    def build(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
        return {"ref": e.subject, "day": day(d[date_field]), "reason": d["reason"]}
    return build


# Supervisor funding (I3) ------------------------------------------------------------------

def _funding_decided(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "day": day(d["decided_on"]),
            "amount": money(d["amount_ore"], t.lang), "partner": t.partner(d["org_nr"]),
            "employer": party(d["employer"]), "fte": d["fte_percent"],
            "period": period(d["starts_on"], d["ends_on"], t.lang),
            "groups": listed((term(TARGET_GROUPS, g, t.lang) for g in d["target_groups"]),
                             t.lang),
            "decision": d["decision_ref"]}


def _funding_paid(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "day": day(d["paid_on"]), "amount": money(d["amount_ore"],
                                                                         t.lang),
            "payee": party(d["payee"]), "voucher": d["voucher_ref"]}


# Activities (S7) and structural work (S1–S6) ----------------------------------------------

def _activity_planned(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "kind": term(ACTIVITY_KINDS, d["kind"], t.lang),
            "day": day(d["planned_on"]), "title": d["title"],
            "districts": f" ({districts(d['districts'], t.lang)})" if d["districts"] else ""}


def _activity_held(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    counts: Mapping[str, int] = d["attendance"]
    return {"ref": e.subject, "day": day(d["held_on"]), "total": sum(counts.values()),
            "attendance": attendance(counts, t.lang)}


def _activity_cancelled(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "reason": d["reason"]}


def _structural_logged(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "measure": measure(d["measure"], t.lang),
            "day": day(d["done_on"]), "description": d["description"]}


# Action plan (R6) -------------------------------------------------------------------------

def _plan_drafted(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"year": d["year"], "operations_plan": d["operations_plan_ref"]}


def _action_added(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"action": d["action_id"], "measure": measure(d["measure"], t.lang),
            "year": e.subject, "description": d["description"], "owner": d["owner"],
            "due": day(d["due_on"]), "decision": _decision(d.get("decision_ref"), t.lang)}


def _plan_adopted(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"year": e.subject, "day": day(d["adopted_on"]), "decision": d["decision_ref"]}


def _action_completed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"action": d["action_id"], "year": e.subject, "day": day(d["completed_on"]),
            "outcome": d["outcome"]}


def _action_dropped(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"action": d["action_id"], "year": e.subject, "day": day(d["dropped_on"]),
            "reason": d["reason"]}


# Efforts (I1, I2) -------------------------------------------------------------------------

def _effort_started(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "measure": measure(d["measure"], t.lang),
            "partner": t.partner(d["org_nr"]),
            "period": period(d["starts_on"], d.get("ends_on"), t.lang),
            "run_by": party(d["run_by"]), "amount": money(d["budget_ore"], t.lang),
            "decision": d["decision_ref"]}


def _participants_reported(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    counts: Mapping[str, Mapping[str, int]] = d["counts"]
    return {"ref": e.subject, "period": d["period"],
            "total": sum(sum(c.values()) for c in counts.values()),
            "counts": participant_counts(counts, t.lang)}


def _outcomes_reported(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "period": d["period"], "work": d["work"],
            "studies": d["studies"], "job_seeking": d["job_seeking"], "other": d["other"]}


def _effort_completed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "day": day(d["completed_on"])}


def _effort_charged(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "amount": money(d["amount_ore"], t.lang),
            "day": day(d["paid_on"]), "expenditure": d["expenditure_ref"]}


# Expenditure, memberships, board ----------------------------------------------------------

def _payee(t: Timeline, d: Mapping[str, Any]) -> str:
    kind, payee = d["payee_kind"], d["payee"]
    if kind == "party":
        return party(payee)
    if kind == "partner":
        return t.partner(payee)
    legal_form = d.get("payee_legal_form")
    return translate("replay.supplier", t.lang, payee=payee,
                     legal_form=term(LEGAL_FORMS, legal_form, t.lang) if legal_form else "–")


def _expenditure_recorded(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    linked = d.get("linked_ref")
    return {"ref": e.subject, "day": day(d["paid_on"]), "amount": money(d["amount_ore"],
                                                                         t.lang),
            "payee": _payee(t, d), "purpose": term(PURPOSES, d["purpose"], t.lang),
            "linked": translate("replay.linked", t.lang, ref=linked) if linked else "",
            "description": d["description"]}


def _membership_joined(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    t.membership_names[e.subject] = d["name"]
    name = f"{d['name']} ({d['org_nr']})" if d.get("org_nr") else d["name"]
    return {"ref": e.subject, "name": name, "kind": term(ORGANISATION_KINDS, d["kind"],
                                                          t.lang),
            "day": day(d["joined_on"]), "decision": d["decision_ref"]}


def _membership_left(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "name": t.membership_names.get(e.subject, e.subject),
            "day": day(d["left_on"])}


def _board_meeting_held(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "day": day(d["held_on"]), "minutes": d["minutes_ref"]}


def _redacted(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    """The board's redaction (issue 15): the position and field emptied, and why."""
    return {"position": d["position"], "field": d["field"], "decision": d["decision_ref"],
            "reason": d["reason"]}


# Corrections: the position corrected, the old and the new, why (who and when: the line) ---

def _corrects(t: Timeline, e: LedgerEvent, version: int) -> str:
    """`` (corrects position 12)``: the position of the event, in the same aggregate, with
    ``version``, when the timeline has seen it."""
    positions = t.positions.get(e.subject_id, [])
    if not 0 < version <= len(positions):
        return ""
    return translate("replay.corrects", t.lang, position=positions[version - 1])


def _why(t: Timeline, e: LedgerEvent, d: Mapping[str, Any], version: int) -> Params:
    decision = d.get("decision_ref")
    return {"ref": e.subject, "corrects": _corrects(t, e, version), "reason": d["reason"],
            "decision": translate("replay.decision", t.lang, decision=decision)
            if decision else ""}


def fact_text(stored: str, value: Any, lang: str) -> str:
    """A corrected fact's value as the timeline and the UI show it."""
    kind = value_kind(stored)
    if value is None:
        return translate("replay.none", lang)
    if kind == "money":
        return money(value, lang)
    if kind == "districts":
        return districts(value, lang)
    if kind == "date":
        return day(value)
    return f"”{value}”" if lang == "sv" else f"“{value}”"


def _fact_corrected(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    field: str = d["field"]
    if e.type == "Partner.FactCorrected" and field == "name":
        t.partner_names[e.subject] = d["new"]
    return {**_why(t, e, d, d["corrects"]), "field": command_field(field),
            "old": fact_text(field, d["old"], t.lang),
            "new": fact_text(field, d["new"], t.lang)}


def _voided(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return _why(t, e, d, 1)


def _payment_reversed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {**_why(t, e, d, d["corrects"]), "voucher": d["voucher_ref"],
            "amount": money(d["amount_ore"], t.lang), "payee": party(d["payee"]),
            "day": day(d["paid_on"]), "reversed_on": day(d["reversed_on"])}


def _expenditure_reversed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    linked = d.get("linked_ref")
    return {**_why(t, e, d, d["corrects"]), "amount": money(d["amount_ore"], t.lang),
            "purpose": term(PURPOSES, d["purpose"], t.lang), "day": day(d["paid_on"]),
            "linked": translate("replay.linked", t.lang, ref=linked) if linked else "",
            "reversed_on": day(d["reversed_on"])}


def _charge_reversed(t: Timeline, e: LedgerEvent, d: Mapping[str, Any]) -> Params:
    return {"ref": e.subject, "amount": money(d["amount_ore"], t.lang),
            "reversed_on": day(d["reversed_on"]), "expenditure": d["expenditure_ref"],
            "day": day(d["paid_on"])}


# Event type ("Aggregate.Event") → the parameters of its sentence ``replay.event.<type>``.
SENTENCES: dict[str, Builder] = {
    "Partner.Registered": _partner_registered,
    "Partner.CriterionAssessed": _criterion_assessed,
    "Partner.Onboarded": _onboarded,
    "Partner.Offboarded": _offboarded,
    "Partner.AgreementLinked": _agreement_linked,
    "Partner.DecisionLinked": _decision_linked,
    "Agreement.Signed": _agreement_signed,
    "Agreement.Ended": _ended("ended_on"),
    "SupervisorFunding.Decided": _funding_decided,
    "SupervisorFunding.Paid": _funding_paid,
    "SupervisorFunding.Ended": _ended("ended_on"),
    "Activity.Planned": _activity_planned,
    "Activity.Held": _activity_held,
    "Activity.Cancelled": _activity_cancelled,
    "StructuralWork.Logged": _structural_logged,
    "ActionPlan.Drafted": _plan_drafted,
    "ActionPlan.ActionAdded": _action_added,
    "ActionPlan.Adopted": _plan_adopted,
    "ActionPlan.ActionCompleted": _action_completed,
    "ActionPlan.ActionDropped": _action_dropped,
    "Effort.Started": _effort_started,
    "Effort.ParticipantsReported": _participants_reported,
    "Effort.OutcomesReported": _outcomes_reported,
    "Effort.Completed": _effort_completed,
    "Effort.Charged": _effort_charged,
    "Expenditure.Recorded": _expenditure_recorded,
    "Membership.Joined": _membership_joined,
    "Membership.Left": _membership_left,
    "BoardMeeting.Held": _board_meeting_held,
    "SupervisorFunding.PaymentReversed": _payment_reversed,
    "Expenditure.Reversed": _expenditure_reversed,
    "Effort.ChargeReversed": _charge_reversed,
    "Partner.FactCorrected": _fact_corrected,
    "SupervisorFunding.FactCorrected": _fact_corrected,
    "Effort.FactCorrected": _fact_corrected,
    "Activity.FactCorrected": _fact_corrected,
    "StructuralWork.FactCorrected": _fact_corrected,
    "Expenditure.FactCorrected": _fact_corrected,
    "Partner.Voided": _voided,
    "SupervisorFunding.Voided": _voided,
    "Effort.Voided": _voided,
    "Redaction.Redacted": _redacted,
}
