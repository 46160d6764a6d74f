"""The ledger's state now, or as it was: one pipeline for every screen of the policy's
parts, the forms' choices and the partners' timelines.

A ``Snapshot`` is the state of every aggregate after the history (or a prefix of it),
replayed through the ledger's own mapper and the aggregates' own ``apply`` (SPEC §5:
``asfledger audit replay``), plus the little the aggregates do not keep: the position of
each aggregate's events, the payments of supervisor fundings, and the figures the
dashboard and the board report show too (``projections.figures.Flows``).

``LookBack`` says which prefix: events recorded on or before a date (the meaning of
``audit replay --as-of``), every event judged on a date by the decisions' own dates, or
the events up to a position.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple, cast
from uuid import UUID

from eventsourcing.persistence import Mapper

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.replay import ReplayedState, replay
from asfledger.history import event_type
from asfledger.mapper import to_struct
from domain.aggregates import (
    Agreement,
    Effort,
    Expenditure,
    LedgerAggregate,
    Partner,
    SupervisorFunding,
)
from domain.events import SupervisorFundingPaid, SupervisorFundingPaymentReversed
from projections.events import LedgerEvent
from projections.figures import Flows
from projections.readmodel import ReadModel
from projections.timeline import Timeline


@dataclass(frozen=True, slots=True)
class LookBack:
    """Where the user looks back to: "as recorded" on a date (``as_of``: the events
    recorded on or before it, what the ledger knew then), "as decided" on a date
    (``decided_on``: every event recorded until now, the policy's state judged on that
    day by the decisions' own dates), or a position (the events up to and including it).
    """

    as_of: date | None = None
    position: int | None = None
    decided_on: date | None = None

    @property
    def day(self) -> date | None:
        """The day statuses are judged on (either kind of date)."""
        return self.as_of or self.decided_on


class Payment(NamedTuple):
    """One payment of a supervisor funding (``pay_supervisor_funding``)."""

    position: int
    ref: str  # the funding's
    voucher_ref: str
    paid_on: date
    amount_ore: int
    payee: str


@dataclass(slots=True, eq=False)
class Snapshot:
    """The replayed aggregates and what the screens need beside them (compared by
    identity: each replay makes a new one)."""

    state: ReplayedState
    head: int  # the ledger's size when it was read
    look_back: LookBack | None
    on: date  # the day statuses (onboarded, running, active) are judged
    positions: dict[UUID, list[int]] = field(default_factory=dict)  # by version
    payments: list[Payment] = field(default_factory=list)
    # The figures the dashboard and the board report show too, folded over the same
    # events (projections.figures: the screens ask its functions, and only format)
    flows: Flows = field(default_factory=Flows)
    # Read models folded over the same events while looking back, by name
    models: dict[str, ReadModel] = field(default_factory=dict)

    @classmethod
    def empty(cls, look_back: LookBack | None, today: date | None = None) -> Snapshot:
        """Nothing replayed (what a screen shows when the history cannot be read)."""
        day = look_back.day if look_back else None
        return cls(ReplayedState(), 0, look_back, day or today or date.today())

    @property
    def until(self) -> int:
        """The last position the screens show."""
        return self.state.last_position if self.look_back is not None else self.head

    def partner_name(self, org_nr: str) -> str:
        partner = self.state.get(Partner, org_nr)
        return partner.name if partner else org_nr

    def agreements_of(self, partner: Partner) -> list[Agreement]:
        found = (self.state.get(Agreement, ref) for ref in partner.agreement_refs)
        return [a for a in found if a is not None and not a.voided]

    def fundings_of(self, org_nr: str) -> list[SupervisorFunding]:
        return [f for f in self.state.all(SupervisorFunding) if f.org_nr == org_nr]

    def efforts_of(self, org_nr: str) -> list[Effort]:
        return [e for e in self.state.all(Effort) if e.org_nr == org_nr]

    def payments_of(self, ref: str) -> list[Payment]:
        return [p for p in self.payments if p.ref == ref]


def load_snapshot(store: ChainedRecorder, mapper: Mapper[UUID],
                  look_back: LookBack | None, *, head: int, today: date | None = None,
                  models: Iterable[type[ReadModel]] = ()) -> Snapshot:
    """Replay the history (up to ``look_back``) into a ``Snapshot``; fold ``models``
    over the same events."""
    today = today or date.today()
    state = ReplayedState()
    as_of = look_back.as_of if look_back else None
    until = look_back.position if look_back else None
    snapshot = Snapshot(state, head, look_back, (look_back.day if look_back else None) or today)
    snapshot.models = {model.name: model() for model in models}
    if look_back is not None and look_back.decided_on is not None:
        snapshot.flows.cut_after(look_back.decided_on)
        for folded in snapshot.models.values():
            folded.cut_after(look_back.decided_on)
    feeds = [snapshot.flows.feed, *(model.feed for model in snapshot.models.values())]
    positions: defaultdict[UUID, list[int]] = defaultdict(list)
    payments = snapshot.payments
    for event in replay(store, mapper, state, as_of=as_of, until_position=until):
        for feed in feeds:
            feed(event)
        positions[event.subject_id].append(event.position)
        typed = event.event
        if isinstance(typed, SupervisorFundingPaid):
            payments.append(Payment(event.position, event.subject, typed.voucher_ref,
                                    typed.paid_on, typed.amount_ore, typed.payee))
        elif isinstance(typed, SupervisorFundingPaymentReversed):  # issue 15: netted
            payments[:] = [p for p in payments
                           if (p.ref, p.voucher_ref) != (event.subject, typed.voucher_ref)]
    snapshot.positions = dict(positions)
    return snapshot


class TimelineLine(NamedTuple):
    position: int
    recorded: datetime
    actor: str
    sentence: str


def partner_timeline(store: ChainedRecorder, mapper: Mapper[UUID],
                     snapshot: Snapshot, org_nr: str, lang: str) -> list[TimelineLine]:
    """The events of a partner and of what concerns it (its agreements, supervisor
    fundings, efforts, money paid to it), as far as the snapshot goes, in the policy's
    words and in the order they were recorded."""
    state = snapshot.state
    partner = state.get(Partner, org_nr)
    if partner is None:
        return []
    related: list[LedgerAggregate] = [partner, *snapshot.agreements_of(partner),
                                      *snapshot.fundings_of(org_nr),
                                      *snapshot.efforts_of(org_nr)]
    related += [x for x in state.all(Expenditure)
                if x.payee_kind == "partner" and x.payee == org_nr]
    events: list[LedgerEvent] = []
    for aggregate in related:
        positions = snapshot.positions.get(aggregate.id, [])
        if not positions:
            continue
        for stored in store.select_events(aggregate.id, lte=len(positions)):
            event = cast(LedgerAggregate.Event, mapper.to_domain_event(stored))
            events.append(LedgerEvent(positions[stored.originator_version - 1],
                                      event.timestamp, event.actor,
                                      event_type(stored.topic), aggregate.id, aggregate.key,
                                      to_struct(event)))
    events.sort(key=lambda e: e.position)
    timeline = Timeline(lang)
    timeline.partner_names.update({p.org_nr: p.name for p in state.all(Partner)})
    return [TimelineLine(e.position, e.recorded, e.actor, timeline.sentence(e))
            for e in events]
