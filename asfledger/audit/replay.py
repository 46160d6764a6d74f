"""``asfledger audit replay``: the history as a timeline, then the state it leads to.

The state is not a second model written by hand: every stored event, in global order, is
decoded by the ledger's own mapper into its domain event and applied to its aggregate
(``event.mutate``), exactly as the repository does when it loads one aggregate. So what
an auditor reads is what the guards saw.

``as_of`` keeps events recorded on or before that date. Should an aggregate's events be
recorded out of date order (clocks of concurrent writers), its history stops at its first
event after the date, so every aggregate is a prefix of its own history.
``until_position`` cuts the history at a position instead (all of one import share a day).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, cast
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.trust import ChainCheck, HistoryNotTrusted, Problem
from asfledger.history import event_type, stream
from asfledger.mapper import to_struct
from asfledger.storage import StorageError
from asfledger.text import translate
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
    StructuralWork,
    SupervisorFunding,
)
from domain.events import Created
from domain.money import Money
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    CRITERIA,
    ORGANISATION_KINDS,
    PURPOSES,
)
from projections.events import LedgerEvent
from projections.timeline import (
    Timeline,
    day,
    measure,
    party,
    period,
    printable_line,
    term,
)

A = TypeVar("A", bound=LedgerAggregate)


class UnreadableHistory(StorageError):
    """A stored event cannot be decoded or does not follow its aggregate (exit 3)."""


@dataclass
class ReplayedState:
    """The aggregates as they stood after the replayed events, by id."""

    aggregates: dict[UUID, LedgerAggregate] = field(default_factory=dict)
    position: int = 0  # the last stored position read
    events: int = 0  # events applied
    first_position: int = 0
    last_position: int = 0  # the last position applied

    def all(self, cls: type[A]) -> list[A]:
        """Every aggregate of kind ``cls``, ordered by natural key; a voided one (a
        registration or decision made by mistake, issue 15) is no longer among them."""
        found = [a for a in self.aggregates.values() if isinstance(a, cls) and not a.voided]
        return sorted(found, key=lambda a: a.key)

    def get(self, cls: type[A], key: str | int) -> A | None:
        found = self.aggregates.get(cls.id_for(str(key)))
        return found if isinstance(found, cls) else None


def replay(recorder: ChainedRecorder, mapper: Mapper[UUID], state: ReplayedState, *,
           as_of: date | None = None, until_position: int | None = None,
           check: ChainCheck | None = None) -> Iterator[LedgerEvent]:
    """Apply every stored event (up to ``as_of`` / ``until_position``) to ``state``.

    Yields each applied event as a ``LedgerEvent`` for the timeline. Raises
    ``UnreadableHistory`` naming the position of an event that cannot be replayed; with
    ``check`` (the trust check, in the same pass: the whole history is read)
    ``HistoryNotTrusted`` for it, and for a history that fails the check.
    """
    subjects: dict[UUID, str] = {}
    stopped: set[UUID] = set()  # aggregates with an event after as_of: no more of them
    for row in stream(recorder, check=check):
        beyond = until_position is not None and row.position > until_position
        if beyond and check is None:
            return
        if not beyond:
            state.position = row.position
        # A trusted replay reads every event to the end: each must be readable.
        skipped = beyond or row.originator_id in stopped
        if skipped and check is None:
            continue
        try:
            event = cast(LedgerAggregate.Event, mapper.to_domain_event(StoredEvent(
                originator_id=row.originator_id, originator_version=row.version,
                topic=row.topic, state=row.state)))
            if skipped:
                continue
            if as_of is not None and event.timestamp.date() > as_of:
                stopped.add(row.originator_id)
                continue
            mutated = event.mutate(cast(Any, state.aggregates.get(row.originator_id)))
        except Exception as e:  # any unreadable row stops the replay with its position
            if check is not None:
                raise HistoryNotTrusted(Problem(row.position, "verify.unreadable", {
                    "error": f"{event_type(row.topic)}: {e}"})) from e
            raise UnreadableHistory("replay.unreadable", position=row.position,
                                    error=f"{event_type(row.topic)}: {e}") from e
        state.aggregates[row.originator_id] = cast(LedgerAggregate, mutated)
        state.events += 1
        state.first_position = state.first_position or row.position
        state.last_position = row.position
        yield _ledger_event(row.position, row.topic, event, subjects)


def _ledger_event(position: int, topic: str, event: LedgerAggregate.Event,
                  subjects: dict[UUID, str]) -> LedgerEvent:
    typed = to_struct(event)
    if isinstance(typed, Created):
        subjects[event.originator_id] = typed.key
    return LedgerEvent(position, typed.timestamp, typed.actor, event_type(topic),
                       event.originator_id,
                       subjects.get(event.originator_id, str(event.originator_id)), typed)


def replay_state(recorder: ChainedRecorder, mapper: Mapper[UUID], *,
                 as_of: date | None = None, until_position: int | None = None,
                 check: ChainCheck | None = None) -> ReplayedState:
    """The state of every aggregate after the history up to ``as_of`` / ``until_position``
    (with ``check``, the trust check in the same pass)."""
    state = ReplayedState()
    for _ in replay(recorder, mapper, state, as_of=as_of, until_position=until_position,
                    check=check):
        pass
    return state


# Rendering --------------------------------------------------------------------------------

def timeline_lines(recorder: ChainedRecorder, mapper: Mapper[UUID], lang: str, *,
                   as_of: date | None = None, until_position: int | None = None
                   ) -> Iterator[str]:
    """One line per replayed event: position, time recorded (UTC), actor, sentence."""
    timeline = Timeline(lang)
    for event in replay(recorder, mapper, ReplayedState(), as_of=as_of,
                        until_position=until_position):
        yield timeline.line(event)


def header_lines(state: ReplayedState, lang: str, as_of: date | None,
                 stands_on: str | None = None) -> list[str]:
    """The title, the range replayed and, after a trusted replay, the history it stands on
    (``audit.trust.stands_on``)."""
    lines = [translate("replay.title", lang),
             translate("replay.range", lang, events=state.events, first=state.first_position,
                       last=state.last_position)]
    if as_of is not None:
        lines.append(translate("replay.as_of", lang, day=as_of.isoformat()))
    if stands_on is not None:
        lines.append(stands_on)
    return [*lines, "", translate("replay.timeline", lang)]


def _partner_label(state: ReplayedState, org_nr: str) -> str:
    partner = state.get(Partner, org_nr)
    return f"{partner.name} ({org_nr})" if partner else org_nr


def _section(title: str, items: list[str], lang: str) -> list[str]:
    return ["", title] + ([f"  {item}" for item in items] if items
                          else [f"  {translate('replay.state.empty', lang)}"])


def state_lines(state: ReplayedState, lang: str, on: date) -> list[str]:
    """The state after the replay, with everything that depends on a date judged ``on``."""
    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    lines = [t("replay.state", day=on.isoformat())]

    partners = sorted(state.all(Partner), key=lambda p: (p.name.casefold(), p.org_nr))
    items = []
    for p in partners:
        if p.is_active_on(on):
            start = max(span.start for span in p.onboardings if span.start <= on)
            status = t("replay.state.onboarded", day=start.isoformat())
        elif p.onboardings and (offboarded := p.onboardings[-1].stop) is not None:
            status = t("replay.state.offboarded", day=day(offboarded))
        else:
            status = t("replay.state.not_onboarded")
        marks = []
        for code in CRITERIA:
            latest = p.latest_assessment(code, on)
            marks.append(f"{code} {'–' if latest is None else '✓' if latest[1] else '✗'}")
        items.append(t("replay.state.partner", partner=f"{p.name} ({p.org_nr})",
                       status=status, criteria=" ".join(marks)))
    active = sum(p.is_active_on(on) for p in partners)
    lines += _section(t("replay.state.partners", count=len(partners), active=active), items,
                      lang)

    agreements = state.all(Agreement)
    running = [a for a in agreements if a.is_active_on(on)]
    items = [t("replay.state.agreement", ref=a.key, kind=term(AGREEMENT_KINDS, a.kind, lang),
               partner=_partner_label(state, a.org_nr),
               period=period(a.starts_on, a.ends_on, lang),
               value="" if a.value_ore is None else t("replay.value",
                                                      amount=Money(a.value_ore).text(lang)))
             for a in running]
    lines += _section(t("replay.state.agreements", count=len(running),
                        total=len(agreements)), items, lang)

    fundings = state.all(SupervisorFunding)
    items = [t("replay.state.funding", ref=f.key, partner=_partner_label(state, f.org_nr),
               employer=party(f.employer), fte=f.fte_percent,
               period=period(f.starts_on, f.ends_on, lang),
               decided=Money(f.amount_ore).text(lang), paid=Money(f.paid_ore).text(lang),
               remaining=Money(f.amount_ore - f.paid_ore).text(lang),
               ended=t("replay.state.ended", day=day(f.ended_on)) if f.ended_on else "")
             for f in fundings]
    decided = sum(f.amount_ore for f in fundings)
    paid = sum(f.paid_ore for f in fundings)
    lines += _section(t("replay.state.fundings", count=len(fundings),
                        decided=Money(decided).text(lang), paid=Money(paid).text(lang),
                        remaining=Money(decided - paid).text(lang)), items, lang)

    activities = state.all(Activity)
    held = sorted((a for a in activities if a.held_on is not None),
                  key=lambda a: (a.held_on, a.key))
    items = [t("replay.state.activity", day=day(a.held_on), ref=a.key,
               kind=term(ACTIVITY_KINDS, a.kind, lang), title=a.title,
               total=sum(a.attendance.values())) for a in held]
    cancelled = sum(a.cancelled for a in activities)
    lines += _section(t("replay.state.activities", held=len(held),
                        planned=len(activities) - len(held) - cancelled, cancelled=cancelled),
                      items, lang)

    by_measure = Counter(w.measure for w in state.all(StructuralWork))
    lines += ["", t("replay.state.structural", by_measure=", ".join(
        f"{code} {n}" for code, n in sorted(by_measure.items())) or t("replay.state.empty"))]

    plans = sorted(state.all(ActionPlan), key=lambda p: p.year)
    items = []
    for plan in plans:
        statuses = Counter(a.status for a in plan.actions.values())
        if plan.adopted_on is not None:
            items.append(t("replay.state.plan_adopted", year=plan.year,
                           day=day(plan.adopted_on), decision=plan.decision_ref,
                           completed=statuses["completed"], total=len(plan.actions),
                           dropped=statuses["dropped"], open=statuses["open"]))
        else:
            items.append(t("replay.state.plan_draft", year=plan.year,
                           total=len(plan.actions)))
        for action in plan.actions.values():
            if action.status == "open":
                status = t("replay.state.action_open", day=day(action.due_on))
            elif action.status == "completed":
                status = t("replay.state.action_completed", day=day(action.closed_on))
            else:
                status = t("replay.state.action_dropped", day=day(action.closed_on))
            items.append("  " + t("replay.state.action", action=action.action_id,
                                  measure=action.measure, status=status,
                                  description=action.description))
    lines += _section(t("replay.state.plans", count=len(plans)), items, lang)

    efforts = state.all(Effort)
    items = []
    for e in efforts:
        reported = " · ".join(
            f"{p} {sum(sum(c.values()) for c in counts.values())}"
            for p, counts in sorted(e.participants.items())) or t("replay.state.empty")
        items.append(t("replay.state.effort", ref=e.key, measure=measure(e.measure, lang),
                       partner=_partner_label(state, e.org_nr),
                       period=period(e.starts_on, e.ends_on, lang),
                       budget=Money(e.budget_ore).text(lang), spent=Money(e.charged_ore).text(lang),
                       participants=reported,
                       completed=t("replay.state.effort_completed", day=day(e.completed_on))
                       if e.completed_on else ""))
    lines += _section(t("replay.state.efforts", count=len(efforts),
                        active=sum(e.is_active_on(on) for e in efforts)), items, lang)

    memberships = state.all(Membership)
    items = [t("replay.state.membership", ref=m.key, name=m.name,
               kind=term(ORGANISATION_KINDS, m.kind, lang), joined=day(m.joined_on),
               left=t("replay.state.left", day=day(m.left_on)) if m.left_on else "")
             for m in memberships]
    lines += _section(t("replay.state.memberships", count=len(memberships)), items, lang)

    meetings = sorted(state.all(BoardMeeting), key=lambda m: (m.held_on, m.key))
    items = [t("replay.state.meeting", day=day(m.held_on), ref=m.key, minutes=m.minutes_ref)
             for m in meetings]
    lines += _section(t("replay.state.meetings", count=len(meetings)), items, lang)

    totals = expenditure_by_purpose(state)
    items = [t("replay.state.purpose", purpose=term(PURPOSES, purpose, lang),
               amount=Money(amount).text(lang)) for purpose, amount in totals.items()]
    lines += _section(t("replay.state.expenditure", total=Money(sum(totals.values())).text(lang)),
                      items, lang)
    return [printable_line(line) for line in lines]


def expenditure_by_purpose(state: ReplayedState) -> dict[str, int]:
    """Öre paid per purpose, in the order of ``PURPOSES``; supervisor funding payments count
    under ``supervisor_funding`` (SPEC §2: all money out is expenditure)."""
    totals: Counter[str] = Counter()
    for f in state.all(SupervisorFunding):
        totals["supervisor_funding"] += f.paid_ore
    for x in state.all(Expenditure):
        totals[x.purpose] += x.amount_ore
    return {p: totals[p] for p in PURPOSES if totals[p]}
