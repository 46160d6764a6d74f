"""One figure, one definition (issue 19): the figures shown in more than one place —
the dashboard, the parts' screens, the board report — folded once and read by one
function each.

``Flows`` is fed the history's events (``feed``) and keeps what those figures are summed
from, each by its business date: money paid out by day and purpose, supervisor funding
decided (by decision, so a correction moves it and a void takes it back) and paid by day
and employer, activities held (by activity, so a void takes it back), the latest
participant and outcome report of each effort and report period (a later one replaces
it, SPEC §2), and each partner's onboardings. A reversal is netted on the date of what it
reverses. Structural work logged is kept by work, so a correction of its day moves it.
The dashboard keeps it in its saved read model, the board report in its fold,
and the replay the parts' screens read (``asfledger.queries.snapshot``) folds it over the
same events; each then asks the functions below for a period (a year, a quarter, all
time), and only formats what they return.

Looking back "as decided" on a day (``cut_after``) leaves out what takes effect after it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import msgspec

from domain.aggregates import Effort, Expenditure
from domain.corrections import fact_value
from domain.events import (
    ActivityHeld,
    ActivityPlanned,
    ActivityVoided,
    EffortOutcomesReported,
    EffortParticipantsReported,
    ExpenditureRecorded,
    ExpenditureReversed,
    PartnerOffboarded,
    PartnerOnboarded,
    PartnerVoided,
    StructuralWorkFactCorrected,
    StructuralWorkLogged,
    StructuralWorkVoided,
    SupervisorFundingDecided,
    SupervisorFundingFactCorrected,
    SupervisorFundingPaid,
    SupervisorFundingPaymentReversed,
    SupervisorFundingVoided,
)
from domain.span import DateSpan
from domain.tally import group_totals, summed_within
from domain.values import Period, parse_report_period
from projections.events import ByClass, LedgerEvent, on_state

# ``Expenditure`` purpose under which supervisor funding payments are counted (SPEC §2:
# all money out is expenditure).
SUPERVISOR_FUNDING = "supervisor_funding"

# A day as a key: ISO text sorts as the days do, and the saved state's keys must sort.
Day = str
# A report: its report period's code and its counts (target group → gender → n, or
# outcome → n).
Report = tuple[str, dict[str, Any]]



class Flows(msgspec.Struct):
    """What the shared figures are summed from (see the module)."""

    spent: dict[Day, dict[str, int]] = msgspec.field(default_factory=dict)  # purpose → öre
    # funding subject → öre: by funding, so a corrected employer counts them all again
    paid: dict[Day, dict[str, int]] = msgspec.field(default_factory=dict)
    # funding subject → the employer its payments count under (R1: the funding's)
    employers: dict[str, str] = msgspec.field(default_factory=dict)
    # funding subject → (decided_on, employer, öre)
    decisions: dict[str, tuple[date, str, int]] = msgspec.field(default_factory=dict)
    activity_kinds: dict[str, str] = msgspec.field(default_factory=dict)  # by subject
    # activity subject → (held_on, kind, attendance by group)
    held: dict[str, tuple[date, str, dict[str, int]]] = msgspec.field(default_factory=dict)
    # "EFFORT PERIOD" → the latest report of that effort and report period
    participants: dict[str, Report] = msgspec.field(default_factory=dict)
    outcomes: dict[str, Report] = msgspec.field(default_factory=dict)
    # structural work subject → (done_on, measure)
    logged: dict[str, tuple[date, str]] = msgspec.field(default_factory=dict)
    # partner subject → its onboardings [start, stop)
    onboardings: dict[str, list[tuple[date, date | None]]] = msgspec.field(
        default_factory=dict)
    # Looking back "as decided" (not saved: such a fold is made for the look back)
    decided_by: date | None = None

    def cut_after(self, day: date) -> None:
        self.decided_by = day

    def feed(self, event: LedgerEvent) -> None:
        fold = _FOLDS.get(event)
        if fold is not None:
            fold(self, event, event.event)

    def counts(self, day: date, within: Period | None) -> bool:
        """Whether something dated ``day`` counts in ``within`` (all time: None)."""
        if self.decided_by is not None and day > self.decided_by:
            return False
        return within is None or within.start <= day <= within.end


def _report_key(effort: str, period: str) -> str:
    return f"{effort} {period}"


def _add(sums: dict[Day, dict[str, int]], day: date, key: str, ore: int) -> None:
    by_key = sums.setdefault(day.isoformat(), {})
    by_key[key] = by_key.get(key, 0) + ore


def _spent(f: Flows, e: LedgerEvent, x: ExpenditureRecorded) -> None:
    _add(f.spent, x.paid_on, x.purpose, x.amount_ore)


def _spent_reversed(f: Flows, e: LedgerEvent, x: ExpenditureReversed) -> None:
    _add(f.spent, x.paid_on, x.purpose, -x.amount_ore)


def _paid(f: Flows, e: LedgerEvent, x: SupervisorFundingPaid) -> None:
    # Counted where it was paid: a payment after the funding's end is normal (R5).
    f.employers.setdefault(e.subject, x.payee)  # a funding not decided (never, by R1)
    _add(f.paid, x.paid_on, e.subject, x.amount_ore)
    _add(f.spent, x.paid_on, SUPERVISOR_FUNDING, x.amount_ore)


def _paid_reversed(f: Flows, e: LedgerEvent, x: SupervisorFundingPaymentReversed) -> None:
    f.employers.setdefault(e.subject, x.payee)
    _add(f.paid, x.paid_on, e.subject, -x.amount_ore)
    _add(f.spent, x.paid_on, SUPERVISOR_FUNDING, -x.amount_ore)


def _decided(f: Flows, e: LedgerEvent, x: SupervisorFundingDecided) -> None:
    f.decisions[e.subject] = (x.decided_on, x.employer, x.amount_ore)
    f.employers[e.subject] = x.employer


def _decision_corrected(f: Flows, e: LedgerEvent, x: SupervisorFundingFactCorrected) -> None:
    decision = f.decisions.get(e.subject)
    if decision is None or x.field not in ("decided_on", "amount_ore", "employer"):
        return
    day, employer, ore = decision
    value = fact_value(x.field, x.new)
    if x.field == "employer":  # the decision and every payment count under it now
        f.employers[e.subject] = employer = value
    f.decisions[e.subject] = (value if x.field == "decided_on" else day, employer,
                              value if x.field == "amount_ore" else ore)


def _decision_voided(f: Flows, e: LedgerEvent, x: SupervisorFundingVoided) -> None:
    f.decisions.pop(e.subject, None)


def _planned(f: Flows, e: LedgerEvent, x: ActivityPlanned) -> None:
    f.activity_kinds[e.subject] = x.kind


def _held(f: Flows, e: LedgerEvent, x: ActivityHeld) -> None:
    f.held[e.subject] = (x.held_on, f.activity_kinds.get(e.subject, ""), dict(x.attendance))


def _activity_voided(f: Flows, e: LedgerEvent, x: ActivityVoided) -> None:
    f.activity_kinds.pop(e.subject, None)
    f.held.pop(e.subject, None)


def _participants(f: Flows, e: LedgerEvent, x: EffortParticipantsReported) -> None:
    f.participants[_report_key(e.subject, x.period)] = (
        x.period, {group: dict(by_gender) for group, by_gender in x.counts.items()})


def _outcomes(f: Flows, e: LedgerEvent, x: EffortOutcomesReported) -> None:
    f.outcomes[_report_key(e.subject, x.period)] = (x.period, {
        "work": x.work, "studies": x.studies, "job_seeking": x.job_seeking,
        "other": x.other})


def _logged(f: Flows, e: LedgerEvent, x: StructuralWorkLogged) -> None:
    f.logged[e.subject] = (x.done_on, x.measure)


def _logged_corrected(f: Flows, e: LedgerEvent, x: StructuralWorkFactCorrected) -> None:
    work = f.logged.get(e.subject)
    if work is not None and x.field == "done_on":
        f.logged[e.subject] = (fact_value(x.field, x.new), work[1])


def _logged_voided(f: Flows, e: LedgerEvent, x: StructuralWorkVoided) -> None:
    f.logged.pop(e.subject, None)


def _onboarded(f: Flows, e: LedgerEvent, x: PartnerOnboarded) -> None:
    f.onboardings.setdefault(e.subject, []).append((x.onboarded_on, None))


def _offboarded(f: Flows, e: LedgerEvent, x: PartnerOffboarded) -> None:
    spans = f.onboardings.get(e.subject)
    if spans:
        spans[-1] = (spans[-1][0], x.offboarded_on)


def _partner_voided(f: Flows, e: LedgerEvent, x: PartnerVoided) -> None:
    f.onboardings.pop(e.subject, None)


Fold = Callable[[Flows, LedgerEvent, Any], None]


_on = on_state


_FOLDS: ByClass[Fold] = ByClass([
    _on(ExpenditureRecorded, _spent),
    _on(ExpenditureReversed, _spent_reversed),
    _on(SupervisorFundingDecided, _decided),
    _on(SupervisorFundingFactCorrected, _decision_corrected),
    _on(SupervisorFundingVoided, _decision_voided),
    _on(SupervisorFundingPaid, _paid),
    _on(SupervisorFundingPaymentReversed, _paid_reversed),
    _on(ActivityPlanned, _planned),
    _on(ActivityHeld, _held),
    _on(ActivityVoided, _activity_voided),
    _on(EffortParticipantsReported, _participants),
    _on(EffortOutcomesReported, _outcomes),
    _on(StructuralWorkLogged, _logged),
    _on(StructuralWorkFactCorrected, _logged_corrected),
    _on(StructuralWorkVoided, _logged_voided),
    _on(PartnerOnboarded, _onboarded),
    _on(PartnerOffboarded, _offboarded),
    _on(PartnerVoided, _partner_voided),
])


def fold(events: Iterable[LedgerEvent], flows: Flows | None = None) -> Flows:
    flows = flows if flows is not None else Flows()
    for event in events:
        flows.feed(event)
    return flows


# The figures ------------------------------------------------------------------------------

def total(by_key: Mapping[str, int]) -> int:
    """A figure's total over its breakdown (by purpose, by employer, by group …)."""
    return sum(by_key.values())


def _summed(f: Flows, sums: Mapping[Day, Mapping[str, int]],
            within: Period | None) -> dict[str, int]:
    total: dict[str, int] = {}
    for day, by_key in sums.items():
        if f.counts(date.fromisoformat(day), within):
            for key, n in by_key.items():
                total[key] = total.get(key, 0) + n
    return total


def money_out(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Money paid out (expenditure and supervisor funding payments), by purpose, in öre."""
    return _summed(f, f.spent, within)


def money_out_by_payee(f: Flows, expenditures: Iterable[Expenditure]) -> dict[str, int]:
    """The same money by the kind of payee (party, partner, supplier …), in öre, of all
    time: supervisor funding is paid to a party; an expenditure's payee kind is its
    aggregate's (a reversal does not repeat it), a reversed one left out."""
    total = {"party": sum(funding_paid(f).values())} if f.paid else {}
    for x in expenditures:
        if not x.reversed and f.counts(x.paid_on, None):
            total[x.payee_kind] = total.get(x.payee_kind, 0) + x.amount_ore
    return total


def funding_paid(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Supervisor funding paid, by employer, in öre."""
    total: dict[str, int] = {}
    for funding, ore in _summed(f, f.paid, within).items():
        employer = f.employers[funding]
        total[employer] = total.get(employer, 0) + ore
    return total


def funding_decided(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Supervisor funding decided, by employer, in öre."""
    total: dict[str, int] = {}
    for day, employer, ore in f.decisions.values():
        if f.counts(day, within):
            total[employer] = total.get(employer, 0) + ore
    return total


def fundings_decided(f: Flows, within: Period | None = None) -> int:
    """How many supervisor fundings were decided."""
    return sum(1 for day, _, _ in f.decisions.values() if f.counts(day, within))


def activities_held(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Activities held, by kind."""
    total: dict[str, int] = {}
    for day, kind, _ in f.held.values():
        if f.counts(day, within):
            total[kind] = total.get(kind, 0) + 1
    return total


def attendance(f: Flows, within: Period | None = None) -> dict[str, int]:
    """The attendance of the activities held, by group."""
    total: dict[str, int] = {}
    for day, _, by_group in f.held.values():
        if f.counts(day, within):
            for group, n in by_group.items():
                total[group] = total.get(group, 0) + n
    return total


def structural_work(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Structural work logged (S1–S6), by measure."""
    total: dict[str, int] = {}
    for day, measure in f.logged.values():
        if f.counts(day, within):
            total[measure] = total.get(measure, 0) + 1
    return total


def _reports(f: Flows, reports: Mapping[str, Report]) -> Iterable[Report]:
    """The reports of report periods begun by the day looked back to."""
    return (report for report in reports.values()
            if f.decided_by is None or parse_report_period(report[0]).start <= f.decided_by)


def effort_participants(effort: Effort, within: Period | None = None) -> int:
    """One effort's participants, counted as ``participants`` counts them all (its row
    and its detail on the efforts screen)."""
    return sum(summed_within(((code, group_totals(counts))
                              for code, counts in effort.participants.items()),
                             within).values())


def participants(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Participants of efforts by target group: the latest report of each effort and
    report period, for the report periods that lie within ``within``."""
    return summed_within(((code, group_totals(counts))
                          for code, counts in _reports(f, f.participants)), within)


def participants_by_gender(f: Flows, within: Period | None = None) -> dict[str, int]:
    """The same participants, by gender."""
    return summed_within(((code, _by_gender(counts))
                          for code, counts in _reports(f, f.participants)), within)


def _by_gender(counts: Mapping[str, Mapping[str, int]]) -> dict[str, int]:
    total: dict[str, int] = {}
    for by_gender in counts.values():
        for gender, n in by_gender.items():
            total[gender] = total.get(gender, 0) + n
    return total


def outcomes(f: Flows, within: Period | None = None) -> dict[str, int]:
    """Outcomes of efforts, by outcome, as participants are counted."""
    return summed_within(_reports(f, f.outcomes), within)


def onboarded_on(f: Flows, day: date) -> int:
    """Partners onboarded on ``day`` (a stock)."""
    return sum(1 for spans in f.onboardings.values()
               if any(DateSpan(start, stop=stop).covers(day) for start, stop in spans))


def onboarded_within(f: Flows, within: Period | None = None) -> int:
    """Onboardings that began within ``within`` (a flow)."""
    return sum(1 for spans in f.onboardings.values() for start, _ in spans
               if f.counts(start, within))
