"""The ledger as a state machine: random histories of valid, invalid and forbidden commands.

Every command goes in the way an import sends it (JSON, decoded by the command
vocabulary) into a real ledger (SQLite in a temporary directory; a short run on
PostgreSQL too). A small model predicts each outcome: accepted, or refused with a given
code. After every step:

(a) nothing forbidden is stored: no forbidden purpose, no F3 membership, every funding's
    employer is a party and every payment goes to it, payments never exceed the decision,
    no personnummer anywhere in the stored bytes;
(b) a refused command (or batch) leaves the store byte for byte as it was;
(c) a fresh ledger opened on the same database replays exactly the live state, and the
    model's key numbers (paid, spent, events applied) agree with it.
"""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import msgspec
from hypothesis import HealthCheck, Phase, event, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    initialize,
    invariant,
    multiple,
    rule,
    run_state_machine_as_test,
)

from asfledger.audit.compliance import prove
from asfledger.audit.verify import verify
from asfledger.ledger import CommandRefused, Ledger
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
    SupervisorFunding,
)
from domain.commands import decode_command
from domain.personal_numbers import find_personal_identity_number
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    ATTENDANCE_GROUPS,
    BENEFICIARIES,
    CRITERIA,
    DISTRICTS,
    F3_ORGANISATION_KINDS,
    FORBIDDEN_PURPOSES,
    LEGAL_FORMS,
    MEASURES,
    PARTIES,
    SKILLS_SERVICES,
    STRUCTURAL_MEASURES,
    TARGET_GROUPS,
    listed_interest_organisation,
)
from domain.values import Period, payee_org_nr

from .strategies import (
    amounts_ore,
    org_number_inputs,
    personal_identity_numbers,
    ref_suffixes,
    report_periods,
    sek_inputs,
    texts,
)

Row = tuple[int, UUID, int, str, bytes]
Cmd = dict[str, Any]

ACCEPTED = None  # the expectation "recorded"; otherwise the expected refusal code
START = date(2026, 1, 5)
YEARS = (2026, 2027)
PARTY_CODES = tuple(PARTIES)
WORDS = "abc åäö"
ALLOWED_PURPOSES = ("procured_service", "activity_costs", "administration")

notes = st.none() | texts(40)
districts = st.lists(st.sampled_from(tuple(DISTRICTS)), min_size=1, max_size=3)
suppliers = st.builds(lambda s: f"LEV-{s}", st.text("ABCDEFGHJKLMNPRSTUVXYZ", min_size=1,
                                                    max_size=6))
not_a_party = texts(30).filter(lambda s: s not in PARTIES)


# ---------------------------------------------------------------------------------------
# The model: just enough state to predict every outcome


@dataclass
class PartnerModel:
    met: dict[str, bool] = field(default_factory=dict)
    onboarded: bool = False
    agreements: list[str] = field(default_factory=list)
    # Business dates: the days of its decisions (R9), of its starts (R3), of the money
    # paid to it (R4), of its onboardings (R2) and of each criterion's assessments: what a
    # backdated decision is judged against.
    decision_days: list[date] = field(default_factory=list)
    start_days: list[date] = field(default_factory=list)
    paid_days: list[date] = field(default_factory=list)
    onboardings: list[date] = field(default_factory=list)
    assessed: dict[str, list[date]] = field(default_factory=dict)

    @property
    def all_met(self) -> bool:
        return all(self.met.get(code, False) for code in CRITERIA)

    @property
    def unmet(self) -> bool:
        """R9: a criterion's latest assessment (the clock only moves on) is "not met"."""
        return any(met is False for met in self.met.values())


@dataclass
class AgreementModel:
    org_nr: str
    ends_on: date | None
    ended: bool = False
    starts_on: date = START
    ended_on: date | None = None
    kind: str = "iop"
    value: int | None = None  # öre; F1/R5: payments under it stay within it
    paid: int = 0

    def covers(self, day: date) -> bool:
        """Active on ``day`` as the guards see it, by business dates."""
        return (self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
                and (self.ended_on is None or day < self.ended_on))

    def active_on(self, day: date) -> bool:  # signed on or before ``day`` (the clock)
        return not self.ended and (self.ends_on is None or day <= self.ends_on)


@dataclass
class FundingModel:
    org_nr: str
    employer: str
    amount: int
    paid: int = 0
    ended: bool = False


@dataclass
class EffortModel:
    org_nr: str
    budget: int
    spent: int = 0
    completed: bool = False
    # report period → participants of its latest report (a later report replaces)
    participants: dict[str, int] = field(default_factory=dict)

    def participants_within(self, period: str) -> int:
        """Outcomes for ``period`` may not exceed this (the reports within it)."""
        outer = Period.parse(period)
        return sum(n for code, n in self.participants.items()
                   if Period.parse(code).within(outer))


@dataclass
class PlanModel:
    adopted: bool = False
    actions: dict[str, str] = field(default_factory=dict)  # action id → open/completed/dropped


class ObservedLedger(Ledger):
    """The ledger under test. It keeps its live state: each aggregate built in memory from
    the very event objects it decided and saved, before any mapping or storage."""

    name = Ledger.name  # eventsourcing names tables after the class unless told otherwise

    def __init__(self, db: str, **kwargs: Any) -> None:
        super().__init__(db, **kwargs)
        self.live: dict[UUID, Any] = {}

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        decided: list[Any] = []
        for obj in objs:  # aggregates with pending events, or the events themselves
            if isinstance(obj, LedgerAggregate):
                decided.extend(obj.pending_events)
            elif obj is not None:
                decided.append(obj)
        recordings = super().save(*objs, **kwargs)
        for e in decided:  # only once stored: a failed save leaves the live state as it was
            self.live[e.originator_id] = e.mutate(self.live.get(e.originator_id))
        return recordings


def _sqlite_db() -> tuple[str, Callable[[], None]]:
    directory = tempfile.mkdtemp(prefix="asfledger-machine-")
    return (str(Path(directory) / "ledger.sqlite"),
            lambda: shutil.rmtree(directory, ignore_errors=True))


class LedgerMachine(RuleBasedStateMachine):
    partners: Bundle[str] = Bundle("partners")  # normalised org numbers
    agreements: Bundle[str] = Bundle("agreements")
    fundings: Bundle[str] = Bundle("fundings")
    efforts: Bundle[str] = Bundle("efforts")
    activities: Bundle[str] = Bundle("activities")
    memberships: Bundle[str] = Bundle("memberships")

    def new_db(self) -> tuple[str, Callable[[], None]]:
        """A fresh, empty database location for one run, and how to remove it."""
        return _sqlite_db()

    def __init__(self) -> None:
        super().__init__()
        self.db, self._remove_db = self.new_db()
        self.ledger = ObservedLedger(self.db, actor="property")
        self.today = START
        self.serial = 0
        self.events_applied = 0
        self.partner: dict[str, PartnerModel] = {}
        self.agreement: dict[str, AgreementModel] = {}
        self.funding: dict[str, FundingModel] = {}
        self.effort: dict[str, EffortModel] = {}
        self.activity: dict[str, str] = {}  # ref → planned/held/cancelled
        self.membership: dict[str, bool] = {}  # ref → left
        self.plan: dict[int, PlanModel] = {}

    def teardown(self) -> None:
        self.ledger.close()
        self._remove_db()

    # -- helpers ------------------------------------------------------------------------

    def ref(self, prefix: str, suffix: str = "") -> str:
        self.serial += 1
        return f"{prefix}-{self.serial}{'-' + suffix if suffix else ''}"

    def rows(self) -> list[Row]:
        return [(n.id, UUID(str(n.originator_id)), n.originator_version, n.topic, n.state)
                for n in self.ledger.store.select_notifications(start=1, limit=10**9)]

    def run(self, commands: list[Cmd], expect: str | None, *, index: int | None = None) -> bool:
        """Send ``commands`` as one batch, the way an import does; check the outcome against
        ``expect`` (ACCEPTED or a refusal code, for the command at ``index``, default last)."""
        decoded = [decode_command(msgspec.json.encode(cmd)) for cmd in commands]
        name = "+".join(cmd["command"] for cmd in commands)
        before = self.rows()
        try:
            applied = self.ledger.execute(decoded)
        except CommandRefused as refused:
            code = refused.refusal.code
            event(f"refused {code}")
            note(f"{name} refused: {refused}")
            # (b) a refusal writes nothing
            assert self.rows() == before, f"{name}: the refused batch changed the store"
            assert expect is not ACCEPTED, f"{name} was refused ({refused}); expected success"
            assert code == expect, f"{name}: refused with {code} ({refused}), expected {expect}"
            assert refused.index == (len(commands) - 1 if index is None else index)
            return False
        event("accepted")
        assert expect is ACCEPTED, f"{name} was accepted; expected a refusal under {expect}"
        after = self.rows()
        assert after[:len(before)] == before, f"{name}: earlier events changed"
        assert applied.commands == len(commands)
        assert applied.events == len(after) - len(before) >= len(commands)
        self.events_applied += applied.events
        return True

    def decided(self, org_nr: str, *, start: bool = False) -> None:
        model = self.partner[org_nr]
        model.decision_days.append(self.today)
        if start:
            model.start_days.append(self.today)

    def onboarded_model(self, agreements: list[str] | None = None) -> PartnerModel:
        """A partner assessed met on C1–C4 and onboarded today (``onboarding_batch``)."""
        return PartnerModel(met=dict.fromkeys(CRITERIA, True), onboarded=True,
                            agreements=agreements or [], onboardings=[self.today],
                            assessed={code: [self.today] for code in CRITERIA})

    def decision_expect(self, org_nr: str) -> str | None:
        """A new agreement, funding or effort: R3 (not onboarded), then R9 (criteria)."""
        model = self.partner[org_nr]
        return "R3" if not model.onboarded else "R9" if model.unmet else ACCEPTED

    def active_agreement(self, org_nr: str) -> bool:
        return any(self.agreement[ref].active_on(self.today)
                   for ref in self.partner[org_nr].agreements)

    def onboarding_batch(self, typed: str, name: str) -> list[Cmd]:
        day = self.today.isoformat()
        return [
            {"command": "register_partner", "org_nr": typed, "name": name,
             "legal_form": "ekonomisk_forening", "districts": ["jarva"]},
            *({"command": "assess_criterion", "org_nr": typed, "criterion": code, "met": True,
               "evidence": f"styrelsebeslut {code}", "assessed_on": day} for code in CRITERIA),
            {"command": "onboard_partner", "org_nr": typed, "onboarded_on": day,
             "decision_ref": self.ref("SB")},
        ]

    # -- a head start, so that short runs reach agreements, fundings and money -----------

    @initialize(target=partners, org=org_number_inputs("55"), name=texts(40))
    def an_onboarded_partner(self, org: tuple[str, str], name: str) -> str:
        typed, org_nr = org
        assert self.run(self.onboarding_batch(typed, name), ACCEPTED)
        self.partner[org_nr] = self.onboarded_model()
        return org_nr

    @initialize(target=fundings, org=org_number_inputs("77"), amount=amounts_ore(100, 10**7),
                employer=st.sampled_from(PARTY_CODES), data=st.data())
    def a_funded_partner_with_an_agreement(self, org: tuple[str, str], amount: int,
                                           employer: str, data: st.DataObject) -> str:
        typed, org_nr = org
        agreement, funding = self.ref("AVT"), self.ref("HF")
        batch = [*self.onboarding_batch(typed, "Café Järva"),
                 {"command": "sign_agreement", "ref": agreement, "org_nr": typed,
                  "kind": "iop", "starts_on": self.today.isoformat(),
                  "decision_ref": self.ref("SB")},
                 self.funding_command(funding, typed, employer, data.draw(sek_inputs(amount)),
                                      365, 50, ["newly_arrived_refugees"])]
        assert self.run(batch, ACCEPTED)
        self.partner[org_nr] = self.onboarded_model([agreement])
        self.decided(org_nr, start=True)
        self.agreement[agreement] = AgreementModel(org_nr, None, starts_on=self.today)
        self.funding[funding] = FundingModel(org_nr, employer, amount)
        return funding

    @initialize(target=efforts, org=org_number_inputs("99"), budget=amounts_ore(100, 10**7),
                data=st.data())
    def an_effort_under_way(self, org: tuple[str, str], budget: int,
                            data: st.DataObject) -> str:
        typed, org_nr = org
        effort = self.ref("INS")
        batch = [*self.onboarding_batch(typed, "Returbutiken"),
                 {"command": "start_effort", "ref": effort, "org_nr": typed, "measure": "I1",
                  "run_by": "arbetsformedlingen", "starts_on": self.today.isoformat(),
                  "budget_sek": data.draw(sek_inputs(budget)), "decision_ref": self.ref("SB")}]
        assert self.run(batch, ACCEPTED)
        self.partner[org_nr] = self.onboarded_model()
        self.decided(org_nr, start=True)
        self.effort[effort] = EffortModel(org_nr, budget)
        return effort

    @initialize(measure=st.sampled_from(tuple(MEASURES)))
    def a_drafted_action_plan(self, measure: str) -> None:
        action_id = self.ref("ÅTG")
        assert self.run([
            {"command": "draft_action_plan", "year": YEARS[0], "operations_plan_ref": "VP"},
            {"command": "add_action", "year": YEARS[0], "action_id": action_id,
             "measure": measure, "description": "Kartlägga ASF per stadsdel",
             "owner": "samordnare", "due_on": f"{YEARS[0]}-06-30"}], ACCEPTED)
        self.plan[YEARS[0]] = PlanModel(actions={action_id: "open"})

    # -- time -------------------------------------------------------------------------

    @rule(days=st.integers(1, 45))
    def time_passes(self, days: int) -> None:
        self.today += timedelta(days=days)

    # -- partners (C1–C4, R2) -----------------------------------------------------------

    @rule(target=partners, org=org_number_inputs(), name=texts(40),
          legal_form=st.sampled_from(tuple(LEGAL_FORMS)), where=districts, remark=notes)
    def register_partner(self, org: tuple[str, str], name: str, legal_form: str,
                         where: list[str], remark: str | None) -> str | MultipleResults[str]:
        typed, org_nr = org
        expect = "duplicate" if org_nr in self.partner else ACCEPTED
        if not self.run([{"command": "register_partner", "org_nr": typed, "name": name,
                          "legal_form": legal_form, "districts": where, "note": remark}],
                        expect):
            return multiple()
        self.partner[org_nr] = PartnerModel()
        return org_nr

    @rule(org_nr=partners)
    def register_a_known_partner_again(self, org_nr: str) -> None:
        self.run([{"command": "register_partner", "org_nr": org_nr, "name": "Igen",
                   "legal_form": "aktiebolag", "districts": ["farsta"]}], "duplicate")

    @rule(org_nr=partners, criterion=st.sampled_from(tuple(CRITERIA)),
          met=st.booleans(), evidence=texts())
    def assess_criterion(self, org_nr: str, criterion: str, met: bool, evidence: str) -> None:
        # Dated today: on the same day the order of recording decides, so decisions
        # already recorded today stand (R9 by business date, see test_business_dates).
        if self.run([{"command": "assess_criterion", "org_nr": org_nr,
                      "criterion": criterion, "met": met, "evidence": evidence,
                      "assessed_on": self.today.isoformat()}], ACCEPTED):
            self.partner[org_nr].met[criterion] = met
            self.partner[org_nr].assessed.setdefault(criterion, []).append(self.today)

    @rule(org_nr=partners)
    def assess_all_criteria_met(self, org_nr: str) -> None:
        self.run([{"command": "assess_criterion", "org_nr": org_nr, "criterion": code,
                   "met": True, "evidence": "protokoll", "assessed_on": self.today.isoformat()}
                  for code in CRITERIA], ACCEPTED)
        self.partner[org_nr].met = dict.fromkeys(CRITERIA, True)
        for code in CRITERIA:
            self.partner[org_nr].assessed.setdefault(code, []).append(self.today)

    @rule(org_nr=partners)
    def onboard_partner(self, org_nr: str) -> None:
        model = self.partner[org_nr]
        expect = "state" if model.onboarded else ACCEPTED if model.all_met else "R2"
        if self.run([{"command": "onboard_partner", "org_nr": org_nr,
                      "onboarded_on": self.today.isoformat(), "decision_ref": self.ref("SB")}],
                    expect):
            model.onboarded = True
            model.onboardings.append(self.today)

    @rule(org_nr=partners, reason=texts())
    def offboard_partner(self, org_nr: str, reason: str) -> None:
        model = self.partner[org_nr]
        # Dated today: starts already recorded today stand (the order of recording decides).
        expect = "state" if not model.onboarded else ACCEPTED
        if self.run([{"command": "offboard_partner", "org_nr": org_nr,
                      "offboarded_on": self.today.isoformat(), "reason": reason}], expect):
            model.onboarded = False

    @rule(target=partners, org=org_number_inputs(), name=texts(40))
    def register_and_onboard_in_one_batch(self, org: tuple[str, str],
                                          name: str) -> str | MultipleResults[str]:
        typed, org_nr = org
        expect, index = ("duplicate", 0) if org_nr in self.partner else (ACCEPTED, None)
        if not self.run(self.onboarding_batch(typed, name), expect, index=index):
            return multiple()
        self.partner[org_nr] = self.onboarded_model()
        return org_nr

    # -- business dates: decisions dated before decisions already recorded (issue 14) ------

    @rule(org_nr=partners, back=st.integers(1, 60), reason=texts())
    def offboard_backdated(self, org_nr: str, back: int, reason: str) -> None:
        """R3: refused while an agreement, funding or effort starts after that day."""
        model, day = self.partner[org_nr], self.today - timedelta(days=back)
        expect = ("state" if not model.onboarded or day < model.onboardings[-1]
                  else "R3" if any(d > day for d in model.start_days) else ACCEPTED)
        if self.run([{"command": "offboard_partner", "org_nr": org_nr,
                      "offboarded_on": day.isoformat(), "reason": reason}], expect):
            model.onboarded = False

    @rule(org_nr=partners, criterion=st.sampled_from(tuple(CRITERIA)),
          back=st.integers(1, 60), evidence=texts())
    def assess_not_met_backdated(self, org_nr: str, criterion: str, back: int,
                                 evidence: str) -> None:
        """R2 (an onboarding) then R9 (any other decision) dated after that day and before
        the criterion's next assessment dated later: refused, naming them."""
        model, day = self.partner[org_nr], self.today - timedelta(days=back)
        later = [d for d in model.assessed.get(criterion, []) if d > day]
        until = min(later) if later else None

        def window(days: list[date]) -> bool:
            return any(day < d and (until is None or d < until) for d in days)

        expect = ("R2" if window(model.onboardings)
                  else "R9" if window(model.decision_days) else ACCEPTED)
        if self.run([{"command": "assess_criterion", "org_nr": org_nr,
                      "criterion": criterion, "met": False, "evidence": evidence,
                      "assessed_on": day.isoformat()}], expect):
            model.assessed.setdefault(criterion, []).append(day)
            if until is None:
                model.met[criterion] = False

    @rule(ref=agreements, back=st.integers(1, 60), reason=texts())
    def end_agreement_backdated(self, ref: str, back: int, reason: str) -> None:
        """R4: refused while money paid to the partner after that day has no other
        agreement active on its payment date."""
        model, day = self.agreement[ref], self.today - timedelta(days=back)
        others = [self.agreement[r] for r in self.partner[model.org_nr].agreements if r != ref]
        expect = ("state" if model.ended or day < model.starts_on
                  else "R4" if any(p > day and model.covers(p)
                                   and not any(o.covers(p) for o in others)
                                   for p in self.partner[model.org_nr].paid_days)
                  else ACCEPTED)
        if self.run([{"command": "end_agreement", "ref": ref, "ended_on": day.isoformat(),
                      "reason": reason}], expect):
            model.ended, model.ended_on = True, day

    # -- agreements (R3) ----------------------------------------------------------------

    @rule(target=agreements, org_nr=partners, kind=st.sampled_from(tuple(AGREEMENT_KINDS)),
          days=st.none() | st.integers(0, 120), value=st.none() | amounts_ore(),
          data=st.data())
    def sign_agreement(self, org_nr: str, kind: str, days: int | None, value: int | None,
                       data: st.DataObject) -> str | MultipleResults[str]:
        ref = self.ref("AVT", data.draw(ref_suffixes()))
        ends_on = None if days is None else self.today + timedelta(days=days)
        cmd: Cmd = {"command": "sign_agreement", "ref": ref, "org_nr": org_nr, "kind": kind,
                    "starts_on": self.today.isoformat(), "decision_ref": self.ref("SB")}
        if ends_on is not None:
            cmd["ends_on"] = ends_on.isoformat()
        if value is not None:
            cmd["value_sek"] = data.draw(sek_inputs(value))
            cmd["scope"] = data.draw(texts(40))
        if not self.run([cmd], self.decision_expect(org_nr)):
            return multiple()
        self.agreement[ref] = AgreementModel(org_nr, ends_on, starts_on=self.today,
                                             kind=kind, value=value)
        self.partner[org_nr].agreements.append(ref)
        self.decided(org_nr, start=True)
        return ref

    @rule(ref=agreements, reason=texts())
    def end_agreement(self, ref: str, reason: str) -> None:
        model = self.agreement[ref]
        if self.run([{"command": "end_agreement", "ref": ref,
                      "ended_on": self.today.isoformat(), "reason": reason}],
                    "state" if model.ended else ACCEPTED):
            model.ended = True
            model.ended_on = self.today

    # -- supervisor funding (I3, R1, R3, R5) --------------------------------------------

    def funding_command(self, ref: str, org_nr: str, employer: str, amount: str | int,
                        days: int, fte: int, groups: list[str]) -> Cmd:
        return {"command": "decide_supervisor_funding", "ref": ref, "org_nr": org_nr,
                "employer": employer, "amount_sek": amount,
                "decided_on": self.today.isoformat(), "starts_on": self.today.isoformat(),
                "ends_on": (self.today + timedelta(days=days)).isoformat(),
                "fte_percent": fte, "target_groups": groups, "decision_ref": self.ref("SB")}

    @rule(target=fundings, org_nr=partners, employer=st.sampled_from(PARTY_CODES),
          amount=amounts_ore(), days=st.integers(0, 365), fte=st.integers(1, 100),
          groups=st.lists(st.sampled_from(tuple(TARGET_GROUPS)), min_size=1, max_size=3),
          data=st.data())
    def decide_supervisor_funding(self, org_nr: str, employer: str, amount: int, days: int,
                                  fte: int, groups: list[str],
                                  data: st.DataObject) -> str | MultipleResults[str]:
        ref = self.ref("HF", data.draw(ref_suffixes()))
        cmd = self.funding_command(ref, org_nr, employer, data.draw(sek_inputs(amount)), days,
                                   fte, groups)
        if not self.run([cmd], self.decision_expect(org_nr)):
            return multiple()
        self.funding[ref] = FundingModel(org_nr, employer, amount)
        self.decided(org_nr, start=True)
        return ref

    def payment(self, ref: str, amount: int, payee: str, data: st.DataObject) -> Cmd:
        return {"command": "pay_supervisor_funding", "ref": ref,
                "voucher_ref": self.ref("VER"), "paid_on": self.today.isoformat(),
                "amount_sek": data.draw(sek_inputs(amount)), "payee": payee}

    @rule(ref=fundings, data=st.data())
    def pay_supervisor_funding(self, ref: str, data: st.DataObject) -> None:
        model = self.funding[ref]
        left = model.amount - model.paid
        amount = data.draw(amounts_ore(1, left)) if left > 0 else 1
        expect = ("R9" if self.partner[model.org_nr].unmet
                  else ACCEPTED if left > 0 else "R5")
        if self.run([self.payment(ref, amount, model.employer, data)], expect):
            model.paid += amount
            self.decided(model.org_nr)

    @rule(ref=fundings, data=st.data())
    def pay_twice_in_one_batch(self, ref: str, data: st.DataObject) -> None:
        """The second payment sees the first one (same batch): R5 counts both."""
        model = self.funding[ref]
        first, second = data.draw(amounts_ore(1, model.amount)), data.draw(amounts_ore())
        expect: str | None
        index: int | None
        payments = [self.payment(ref, first, model.employer, data),
                    self.payment(ref, second, model.employer, data)]
        if self.partner[model.org_nr].unmet:
            expect, index = "R9", 0
        elif model.paid + first > model.amount:
            expect, index = "R5", 0
        elif model.paid + first + second > model.amount:
            expect, index = "R5", 1
        else:
            expect, index = ACCEPTED, None
        if self.run(payments, expect, index=index):
            model.paid += first + second
            self.decided(model.org_nr)

    @rule(ref=fundings, extra=amounts_ore(), data=st.data())
    def pay_more_than_decided(self, ref: str, extra: int, data: st.DataObject) -> None:
        model = self.funding[ref]
        self.run([self.payment(ref, model.amount - model.paid + extra, model.employer, data)],
                 "R9" if self.partner[model.org_nr].unmet else "R5")

    @rule(ref=fundings, data=st.data())
    def pay_someone_other_than_the_employer(self, ref: str, data: st.DataObject) -> None:
        """FORBIDDEN by R1: payments for a funding go to the supervisor's employer."""
        model = self.funding[ref]
        others = [p for p in PARTY_CODES if p != model.employer]
        payee = data.draw(st.sampled_from(others) | not_a_party | st.just(model.org_nr))
        self.run([self.payment(ref, 1, payee, data)], "R1")

    @rule(data=st.data())
    def pay_an_unknown_funding(self, data: st.DataObject) -> None:
        self.run([self.payment(self.ref("OKÄND"), 100, "stockholms_stad", data)], "unknown")

    @rule(org_nr=partners, employer=not_a_party, amount=amounts_ore(), data=st.data())
    def decide_funding_for_an_employer_not_a_party(self, org_nr: str, employer: str,
                                                   amount: int, data: st.DataObject) -> None:
        """FORBIDDEN by R1: the supervisor is employed by one of the four parties."""
        cmd = self.funding_command(self.ref("HF"), org_nr, employer,
                                   data.draw(sek_inputs(amount)), 30, 50,
                                   ["long_term_unemployed"])
        self.run([cmd], "R1")

    # -- corrections (issue 15): a corrected amount keeps what was paid within it --------

    @rule(ref=fundings, reason=texts(), data=st.data())
    def correct_a_decided_amount(self, ref: str, reason: str, data: st.DataObject) -> None:
        model = self.funding[ref]
        # Below what is paid as often as not, when anything is paid.
        amount = data.draw(amounts_ore(1, model.paid - 1) if model.paid > 1 and data.draw(
            st.booleans(), label="below paid") else amounts_ore(), label="amount")
        expect = ("state" if amount == model.amount
                  else "R5" if amount < model.paid else ACCEPTED)
        if self.run([{"command": "correct_fact", "kind": "supervisor_funding", "key": ref,
                      "field": "amount_sek", "value": data.draw(sek_inputs(amount)),
                      "reason": reason, "decision_ref": self.ref("SB")}], expect):
            model.amount = amount

    @rule(ref=fundings, reason=texts())
    def reverse_a_payment_never_made(self, ref: str, reason: str) -> None:
        self.run([{"command": "reverse_payment", "ref": ref, "voucher_ref": self.ref("VER"),
                   "reversed_on": self.today.isoformat(), "reason": reason}], "R5")

    @rule(ref=efforts, reason=texts(), data=st.data())
    def correct_an_effort_budget(self, ref: str, reason: str, data: st.DataObject) -> None:
        model = self.effort[ref]
        budget = data.draw(amounts_ore(1, model.spent - 1) if model.spent > 1 and data.draw(
            st.booleans(), label="below spent") else amounts_ore(), label="budget")
        expect = ("state" if budget == model.budget
                  else "R5" if budget < model.spent else ACCEPTED)
        if self.run([{"command": "correct_fact", "kind": "effort", "key": ref,
                      "field": "budget_sek", "value": data.draw(sek_inputs(budget)),
                      "reason": reason, "decision_ref": self.ref("SB")}], expect):
            model.budget = budget

    @rule(ref=fundings, reason=texts())
    def end_supervisor_funding(self, ref: str, reason: str) -> None:
        model = self.funding[ref]
        if self.run([{"command": "end_supervisor_funding", "ref": ref,
                      "ended_on": self.today.isoformat(), "reason": reason}],
                    "state" if model.ended else ACCEPTED):
            model.ended = True

    # -- activities (S7) and structural work (S1–S6) --------------------------------------

    @rule(target=activities, kind=st.sampled_from(tuple(ACTIVITY_KINDS)), title=texts(),
          where=st.lists(st.sampled_from(tuple(DISTRICTS)), max_size=2), days=st.integers(0, 90))
    def plan_activity(self, kind: str, title: str, where: list[str], days: int) -> str:
        ref = self.ref("AKT")
        self.run([{"command": "plan_activity", "ref": ref, "kind": kind, "title": title,
                   "planned_on": (self.today + timedelta(days=days)).isoformat(),
                   "districts": where}], ACCEPTED)
        self.activity[ref] = "planned"
        return ref

    @rule(ref=activities, attendance=st.dictionaries(st.sampled_from(ATTENDANCE_GROUPS),
                                                     st.integers(0, 300), max_size=4))
    def hold_activity(self, ref: str, attendance: dict[str, int]) -> None:
        if self.run([{"command": "hold_activity", "ref": ref, "held_on": self.today.isoformat(),
                      "attendance": attendance}],
                    ACCEPTED if self.activity[ref] == "planned" else "state"):
            self.activity[ref] = "held"

    @rule(ref=activities, reason=texts())
    def cancel_activity(self, ref: str, reason: str) -> None:
        if self.run([{"command": "cancel_activity", "ref": ref, "reason": reason}],
                    ACCEPTED if self.activity[ref] == "planned" else "state"):
            self.activity[ref] = "cancelled"

    @rule(measure=st.sampled_from(tuple(STRUCTURAL_MEASURES)[:6]), description=texts(),
          parties=st.lists(st.sampled_from(PARTY_CODES), max_size=3))
    def log_structural_work(self, measure: str, description: str, parties: list[str]) -> None:
        self.run([{"command": "log_structural_work", "ref": self.ref("STR"), "measure": measure,
                   "done_on": self.today.isoformat(), "description": description,
                   "parties": parties}], ACCEPTED)

    @rule(ref=st.text("XYZ", min_size=1, max_size=3))
    def hold_an_unknown_activity(self, ref: str) -> None:
        self.run([{"command": "hold_activity", "ref": f"OKÄND-{ref}",
                   "held_on": self.today.isoformat(), "attendance": {}}], "unknown")

    # -- the action plan (R6) -----------------------------------------------------------

    @rule(year=st.sampled_from(YEARS))
    def draft_action_plan(self, year: int) -> None:
        if self.run([{"command": "draft_action_plan", "year": year,
                      "operations_plan_ref": f"VP-{year}"}],
                    "duplicate" if year in self.plan else ACCEPTED):
            self.plan[year] = PlanModel()

    @rule(year=st.sampled_from(YEARS), measure=st.sampled_from(tuple(MEASURES)),
          with_decision=st.booleans(), description=texts())
    def add_action(self, year: int, measure: str, with_decision: bool,
                   description: str) -> None:
        plan = self.plan.get(year)
        action_id = self.ref("ÅTG")
        cmd: Cmd = {"command": "add_action", "year": year, "action_id": action_id,
                    "measure": measure, "description": description, "owner": "förbundschef",
                    "due_on": f"{year}-12-31"}
        if with_decision:
            cmd["decision_ref"] = self.ref("SB")
        expect: str | None
        if plan is None:
            expect = "unknown"
        else:
            expect = "R6" if plan.adopted and not with_decision else ACCEPTED
        if self.run([cmd], expect):
            assert plan is not None
            plan.actions[action_id] = "open"

    @rule(year=st.sampled_from(YEARS), at_a_meeting=st.booleans())
    def adopt_action_plan(self, year: int, at_a_meeting: bool) -> None:
        """R8: adopted at a board meeting recorded first and held that day; without one,
        refused."""
        plan = self.plan.get(year)
        meeting = self.ref("STY")
        batch: list[Cmd] = [
            {"command": "hold_board_meeting", "ref": meeting,
             "held_on": self.today.isoformat(), "minutes_ref": self.ref("PROT")}
        ] if at_a_meeting else []
        batch.append({"command": "adopt_action_plan", "year": year,
                      "adopted_on": self.today.isoformat(),
                      "decision_ref": f"{meeting} §3" if at_a_meeting else self.ref("SB")})
        expect = ("unknown" if plan is None else "R6" if plan.adopted
                  else ACCEPTED if at_a_meeting else "R8")
        if self.run(batch, expect):
            assert plan is not None
            plan.adopted = True

    @rule(year=st.sampled_from(YEARS), complete=st.booleans(), data=st.data())
    def close_action(self, year: int, complete: bool, data: st.DataObject) -> None:
        plan = self.plan.get(year)
        known = sorted(plan.actions) if plan else []
        pick_known = bool(known) and data.draw(st.booleans())
        action_id = data.draw(st.sampled_from(known)) if pick_known else "ÅTG-okänd"
        day = self.today.isoformat()
        cmd: Cmd = ({"command": "complete_action", "year": year, "action_id": action_id,
                     "completed_on": day, "outcome": "klart"} if complete else
                    {"command": "drop_action", "year": year, "action_id": action_id,
                     "dropped_on": day, "reason": "prioriteras bort"})
        expect: str | None
        if plan is None:
            expect = "unknown"
        elif not plan.adopted:
            expect = "R6"
        elif action_id not in plan.actions:
            expect = "unknown"
        else:
            expect = ACCEPTED if plan.actions[action_id] == "open" else "state"
        if self.run([cmd], expect):
            assert plan is not None
            plan.actions[action_id] = "completed" if complete else "dropped"

    # -- efforts (I1, I2, R3, R5) ---------------------------------------------------------

    @rule(target=efforts, org_nr=partners, measure=st.sampled_from(("I1", "I2")),
          run_by=st.sampled_from(PARTY_CODES), budget=amounts_ore(),
          days=st.none() | st.integers(0, 365), data=st.data())
    def start_effort(self, org_nr: str, measure: str, run_by: str, budget: int,
                     days: int | None, data: st.DataObject) -> str | MultipleResults[str]:
        ref = self.ref("INS", data.draw(ref_suffixes()))
        cmd: Cmd = {"command": "start_effort", "ref": ref, "org_nr": org_nr,
                    "measure": measure, "run_by": run_by, "starts_on": self.today.isoformat(),
                    "budget_sek": data.draw(sek_inputs(budget)), "decision_ref": self.ref("SB")}
        if days is not None:
            cmd["ends_on"] = (self.today + timedelta(days=days)).isoformat()
        if not self.run([cmd], self.decision_expect(org_nr)):
            return multiple()
        self.effort[ref] = EffortModel(org_nr, budget)
        self.decided(org_nr, start=True)
        return ref

    @rule(ref=efforts, period=report_periods(),
          counts=st.dictionaries(
              st.sampled_from(tuple(TARGET_GROUPS)),
              st.dictionaries(st.sampled_from(("women", "men", "other")), st.integers(0, 50)),
              max_size=3))
    def report_participants(self, ref: str, period: str,
                            counts: dict[str, dict[str, int]]) -> None:
        if self.run([{"command": "report_participants", "ref": ref, "period": period,
                      "counts": counts}], ACCEPTED):
            self.effort[ref].participants[period] = sum(
                n for by_gender in counts.values() for n in by_gender.values())

    @rule(ref=efforts, period=report_periods(), n=st.tuples(*[st.integers(0, 40)] * 4))
    def report_outcomes(self, ref: str, period: str, n: tuple[int, int, int, int]) -> None:
        within = self.effort[ref].participants_within(period)  # issue 19: a `state` refusal
        self.run([{"command": "report_outcomes", "ref": ref, "period": period, "work": n[0],
                   "studies": n[1], "job_seeking": n[2], "other": n[3]}],
                 ACCEPTED if sum(n) <= within else "state")

    @rule(ref=efforts)
    def complete_effort(self, ref: str) -> None:
        model = self.effort[ref]
        if self.run([{"command": "complete_effort", "ref": ref,
                      "completed_on": self.today.isoformat()}],
                    "state" if model.completed else ACCEPTED):
            model.completed = True

    # -- money out (F1–F4, R4, R5) --------------------------------------------------------

    def expenditure(self, purpose: str, amount: int, payee_kind: str, payee: str,
                    data: st.DataObject, linked_ref: str | None = None) -> Cmd:
        cmd: Cmd = {"command": "record_expenditure", "ref": self.ref("UTG"),
                    "paid_on": self.today.isoformat(),
                    "amount_sek": data.draw(sek_inputs(amount)), "purpose": purpose,
                    "payee_kind": payee_kind, "payee": payee,
                    "description": data.draw(texts())}
        if payee_kind == "supplier":
            cmd["payee_legal_form"] = data.draw(st.sampled_from(tuple(LEGAL_FORMS)))
        if linked_ref is not None:
            cmd["linked_ref"] = linked_ref
        return cmd

    @rule(ref=efforts, payee_kind=st.sampled_from(("party", "supplier", "partner")),
          data=st.data())
    def finance_effort(self, ref: str, payee_kind: str, data: st.DataObject) -> None:
        model = self.effort[ref]
        amount = data.draw(amounts_ore(1, max(model.budget, 2)))
        payee = {"party": data.draw(st.sampled_from(PARTY_CODES)),
                 "supplier": data.draw(suppliers), "partner": model.org_nr}[payee_kind]
        expect: str | None
        if payee_kind == "partner" and not self.active_agreement(model.org_nr):
            expect = "R4"
        elif payee_kind == "partner":
            expect = "F1"  # money to an ASF is only payment under an agreement
        elif self.partner[model.org_nr].unmet:
            expect = "R9"
        else:
            expect = "R5" if model.spent + amount > model.budget else ACCEPTED
        if self.run([self.expenditure("effort_financing", amount, payee_kind, payee, data,
                                      linked_ref=ref)], expect):
            model.spent += amount
            self.decided(model.org_nr)
            if payee_kind == "partner":
                self.partner[model.org_nr].paid_days.append(self.today)

    @rule(purpose=st.sampled_from(ALLOWED_PURPOSES), amount=amounts_ore(),
          payee_kind=st.sampled_from(("party", "supplier")), data=st.data())
    def record_allowed_expenditure(self, purpose: str, amount: int, payee_kind: str,
                                   data: st.DataObject) -> None:
        payee = data.draw(st.sampled_from(PARTY_CODES) if payee_kind == "party" else suppliers)
        self.run([self.expenditure(purpose, amount, payee_kind, payee, data)], ACCEPTED)

    @rule(ref=agreements, amount=amounts_ore(), data=st.data())
    def pay_a_partner_for_a_procured_service(self, ref: str, amount: int,
                                             data: st.DataObject) -> None:
        """F1: a procured service under an IOP or procurement agreement with the partner,
        within its value (R5)."""
        model = self.agreement[ref]
        org_nr = model.org_nr
        expect = ("R4" if not self.active_agreement(org_nr)
                  else "F1" if model.kind == "cooperation"
                  else "R9" if self.partner[org_nr].unmet
                  else "R5" if model.value is not None and model.paid + amount > model.value
                  else ACCEPTED)
        if self.run([self.expenditure("procured_service", amount, "partner", org_nr, data,
                                      linked_ref=ref)], expect):
            model.paid += amount
            self.decided(org_nr)
            self.partner[org_nr].paid_days.append(self.today)

    @rule(org_nr=partners, purpose=st.sampled_from(ALLOWED_PURPOSES), amount=amounts_ore(),
          payee_kind=st.sampled_from(("partner", "supplier")), data=st.data())
    def pay_a_partner_outside_an_agreement(self, org_nr: str, purpose: str, amount: int,
                                           payee_kind: str, data: st.DataObject) -> None:
        """FORBIDDEN by F1 (issue 14): money to a partner's org number that is not linked to
        an agreement, whatever its purpose and ``payee_kind`` say."""
        expect = ("R4" if payee_kind == "partner" and not self.active_agreement(org_nr)
                  else "F1")
        payee = org_nr if payee_kind == "partner" else org_nr.replace("-", "")
        self.run([self.expenditure(purpose, amount, payee_kind, payee, data)], expect)

    @rule(purpose=st.sampled_from(tuple(FORBIDDEN_PURPOSES)), amount=amounts_ore(),
          payee_kind=st.sampled_from(("party", "supplier", "partner")),
          payee_org=org_number_inputs(), data=st.data())
    def record_a_forbidden_purpose(self, purpose: str, amount: int, payee_kind: str,
                                   payee_org: tuple[str, str], data: st.DataObject) -> None:
        """FORBIDDEN: cash grants (F1), starting or developing ASF (F2), skills development
        for ASF staff (F4), whoever the payee is."""
        payee = {"party": data.draw(st.sampled_from(PARTY_CODES)),
                 "supplier": data.draw(suppliers), "partner": payee_org[0]}[payee_kind]
        linked = data.draw(st.none() | st.just(self.ref("X")))
        self.run([self.expenditure(purpose, amount, payee_kind, payee, data, linked)],
                 FORBIDDEN_PURPOSES[purpose])

    @rule(service=st.sampled_from(tuple(SKILLS_SERVICES)),
          beneficiaries=st.sampled_from(tuple(BENEFICIARIES)),
          link=st.sampled_from(("none", "agreement", "effort")),
          payee_kind=st.sampled_from(("party", "supplier")), amount=amounts_ore(),
          data=st.data())
    def pay_for_a_skills_service(self, service: str, beneficiaries: str, link: str,
                                 payee_kind: str, amount: int, data: st.DataObject) -> None:
        """F4 by substance (issue 14): education, a course, coaching or consulting for ASF
        staff, or for an ASF (linked to its agreement or effort) and not for participants,
        is refused whatever its purpose."""
        linked = {"none": None,
                  "agreement": data.draw(st.sampled_from(sorted(self.agreement)))
                  if self.agreement else None,
                  "effort": data.draw(st.sampled_from(sorted(self.effort)))
                  if self.effort else None}[link]
        payee = data.draw(st.sampled_from(PARTY_CODES) if payee_kind == "party" else suppliers)
        cmd = self.expenditure(data.draw(st.sampled_from(("activity_costs", "administration"))),
                               amount, payee_kind, payee, data, linked)
        cmd |= {"skills_service": service, "beneficiaries": beneficiaries}
        forbidden = beneficiaries == "asf_staff" or (
            linked is not None and beneficiaries != "participants")
        self.run([cmd], "F4" if forbidden else ACCEPTED)

    # -- memberships (F3) -----------------------------------------------------------------

    @rule(target=memberships, kind=st.sampled_from(("network", "other")), name=texts(40),
          org=st.none() | org_number_inputs())
    def join_organisation(self, kind: str, name: str,
                          org: tuple[str, str] | None) -> str | MultipleResults[str]:
        ref = self.ref("MED")
        cmd: Cmd = {"command": "join_organisation", "ref": ref, "name": name, "kind": kind,
                    "joined_on": self.today.isoformat(), "decision_ref": self.ref("SB")}
        if org is not None:
            cmd["org_nr"] = org[0]
        # A registered partner is an ASF: joining it is F3 whatever kind it is said to be.
        if not self.run([cmd], "F3" if org and org[1] in self.partner else ACCEPTED):
            return multiple()
        self.membership[ref] = False
        return ref

    @rule(ref=memberships)
    def leave_organisation(self, ref: str) -> None:
        if self.run([{"command": "leave_organisation", "ref": ref,
                      "left_on": self.today.isoformat()}],
                    "state" if self.membership[ref] else ACCEPTED):
            self.membership[ref] = True

    @rule(ref=memberships, amount=amounts_ore(), data=st.data())
    def pay_a_membership_fee(self, ref: str, amount: int, data: st.DataObject) -> None:
        self.run([self.expenditure("membership_fee", amount, "supplier", data.draw(suppliers),
                                   data, linked_ref=ref)], ACCEPTED)

    @rule(kind=st.sampled_from(sorted(F3_ORGANISATION_KINDS)), name=texts(40),
          org=st.none() | org_number_inputs())
    def join_an_asf_or_interest_organisation(self, kind: str, name: str,
                                             org: tuple[str, str] | None) -> None:
        """FORBIDDEN by F3: membership of an ASF or an ASF interest organisation."""
        cmd: Cmd = {"command": "join_organisation", "ref": self.ref("MED"), "name": name,
                    "kind": kind, "joined_on": self.today.isoformat(),
                    "decision_ref": self.ref("SB")}
        if org is not None:
            cmd["org_nr"] = org[0]
        self.run([cmd], "F3")

    @rule(kind=st.sampled_from(("network", "other")),
          name=st.sampled_from(("Skoopi", "SKOOPI ek. för.", "Föreningen Skoopi Stockholm")))
    def join_a_listed_interest_organisation(self, kind: str, name: str) -> None:
        """FORBIDDEN by F3 (issue 14): an organisation on the reference list of ASF interest
        organisations, whatever kind the command calls it."""
        self.run([{"command": "join_organisation", "ref": self.ref("MED"), "name": name,
                   "kind": kind, "joined_on": self.today.isoformat(),
                   "decision_ref": self.ref("SB")}], "F3")

    @rule(org_nr=partners, kind=st.sampled_from(("network", "other")))
    def join_a_partner(self, org_nr: str, kind: str) -> None:
        """FORBIDDEN by F3: a partner is an ASF, whatever kind the command calls it."""
        self.run([{"command": "join_organisation", "ref": self.ref("MED"), "name": "Partner",
                   "org_nr": org_nr, "kind": kind, "joined_on": self.today.isoformat(),
                   "decision_ref": self.ref("SB")}], "F3")

    @rule(org_nr=partners, ref=memberships, amount=amounts_ore(), data=st.data())
    def pay_a_membership_fee_to_a_partner(self, org_nr: str, ref: str, amount: int,
                                          data: st.DataObject) -> None:
        """FORBIDDEN by F3: a membership fee paid to a partner (an ASF)."""
        self.run([self.expenditure("membership_fee", amount, "partner", org_nr, data,
                                   linked_ref=ref)], "F3")

    # -- board meetings, batches, dry runs --------------------------------------------------

    @rule()
    def hold_board_meeting(self) -> None:
        self.run([{"command": "hold_board_meeting", "ref": self.ref("STY"),
                   "held_on": self.today.isoformat(), "minutes_ref": self.ref("PROT")}],
                 ACCEPTED)

    @rule(purpose=st.sampled_from(tuple(FORBIDDEN_PURPOSES)), data=st.data())
    def a_batch_ending_in_a_forbidden_command_writes_nothing(self, purpose: str,
                                                             data: st.DataObject) -> None:
        meeting = self.ref("STY")
        batch = [{"command": "hold_board_meeting", "ref": meeting,
                  "held_on": self.today.isoformat(), "minutes_ref": self.ref("PROT")},
                 {"command": "log_structural_work", "ref": self.ref("STR"), "measure": "S3",
                  "done_on": self.today.isoformat(), "description": "Informationsmöte"},
                 self.expenditure(purpose, 100_00, "party", "stockholms_stad", data)]
        self.run(batch, FORBIDDEN_PURPOSES[purpose], index=2)
        assert self.ledger.get(BoardMeeting, meeting) is None

    @rule()
    def a_dry_run_writes_nothing(self) -> None:
        before = self.rows()
        cmd = decode_command(msgspec.json.encode(
            {"command": "hold_board_meeting", "ref": self.ref("STY"),
             "held_on": self.today.isoformat(), "minutes_ref": "PROT-torr"}))
        applied = self.ledger.execute([cmd], dry_run=True)
        assert applied.commands == 1 and applied.events == 0
        assert self.rows() == before

    # -- R7: personal data ----------------------------------------------------------------

    @rule(pin=personal_identity_numbers(), where=st.integers(0, 5),
          around=st.tuples(st.text(WORDS, max_size=5), st.text(WORDS, max_size=5)),
          data=st.data())
    def record_a_personnummer(self, pin: str, where: int, around: tuple[str, str],
                              data: st.DataObject) -> None:
        """FORBIDDEN by R7: no personnummer or samordningsnummer in any field."""
        text = f"{around[0]} {pin} {around[1]}".strip()  # the text rule: no edge whitespace
        day = self.today.isoformat()
        org = data.draw(org_number_inputs())[0]
        attempts: list[Cmd] = [
            {"command": "register_partner", "org_nr": org, "name": "Kooperativet",
             "legal_form": "ekonomisk_forening", "districts": ["bromma"], "note": text},
            {"command": "plan_activity", "ref": self.ref("AKT"), "kind": "seminar",
             "title": text, "planned_on": day},
            self.expenditure("administration", 500, "supplier", pin, data),
            {"command": "report_participants", "ref": self.ref("INS"), "period": "2026",
             "counts": {}, "note": text},
            {"command": "assess_criterion", "org_nr": org, "criterion": "C1", "met": True,
             "evidence": text, "assessed_on": day},
            {"command": "hold_board_meeting", "ref": self.ref("STY"), "held_on": day,
             "minutes_ref": self.ref("PROT"), "note": text},
        ]
        self.run([attempts[where]], "R7")

    # -- invariants -------------------------------------------------------------------------

    @invariant()
    def nothing_forbidden_is_stored(self) -> None:
        """(a) Scan every stored event for what the policy forbids."""
        rows = self.rows()
        assert len(rows) == self.events_applied
        assert [row[0] for row in rows] == list(range(1, len(rows) + 1))
        decided: dict[UUID, SupervisorFunding.Decided] = {}
        limits: dict[UUID, int] = {}  # the decided amount, as corrected
        budgets: dict[UUID, int] = {}
        paid: dict[UUID, int] = defaultdict(int)
        spent: dict[UUID, int] = defaultdict(int)
        registered: set[str] = set()
        signed: dict[str, Agreement.Signed] = {}
        charged: dict[UUID, int] = defaultdict(int)
        for notification in self.ledger.store.select_notifications(start=1, limit=10**9):
            where = f"event {notification.id} ({notification.topic})"
            assert find_personal_identity_number(notification.state.decode("utf-8")) is None, (
                f"R7: a personnummer is stored in {where}")
            e = self.ledger.mapper.to_domain_event(notification)
            if isinstance(e, Expenditure.Recorded):
                assert e.purpose not in FORBIDDEN_PURPOSES, f"{where}: {e.purpose}"
                assert e.purpose != "supervisor_funding", where
                if e.purpose == "membership_fee":
                    assert e.payee_kind != "partner", f"F3: fee to a partner in {where}"
                assert e.beneficiaries != "asf_staff", f"F4: {where}"
                if payee_org_nr(e.payee_kind, e.payee) in registered:
                    # F1: money to an ASF is a procured service under its agreement
                    linked = signed.get(e.linked_ref or "")
                    assert e.purpose == "procured_service", f"F1: {e.purpose} in {where}"
                    assert linked is not None and linked.kind != "cooperation", where
                    assert linked.org_nr == payee_org_nr(e.payee_kind, e.payee), where
            elif isinstance(e, Agreement.Signed):
                signed[e.key] = e
            elif isinstance(e, Agreement.Charged):
                charged[e.originator_id] += e.amount_ore
                value = signed[next(k for k in signed
                                    if Agreement.id_for(k) == e.originator_id)].value_ore
                assert value is None or charged[e.originator_id] <= value, (
                    f"R5: paid more than the agreement's value in {where}")
            elif isinstance(e, Partner.Registered):
                registered.add(e.key)
            elif isinstance(e, Membership.Joined):
                assert e.kind not in F3_ORGANISATION_KINDS, f"F3: {e.kind} in {where}"
                assert listed_interest_organisation(e.name, e.org_nr) is None, where
                assert e.org_nr not in registered, f"F3: joined partner {e.org_nr} in {where}"
            elif isinstance(e, SupervisorFunding.Decided):
                assert e.employer in PARTIES, f"R1: employer {e.employer!r} in {where}"
                decided[e.originator_id] = e
                limits[e.originator_id] = e.amount_ore
            elif isinstance(e, SupervisorFunding.Paid):
                assert e.payee == decided[e.originator_id].employer, f"R1: payee in {where}"
                paid[e.originator_id] += e.amount_ore
                assert paid[e.originator_id] <= limits[e.originator_id], (
                    f"R5: paid more than decided in {where}")
            elif isinstance(e, SupervisorFunding.FactCorrected | Effort.FactCorrected):
                # Issue 15: a corrected amount or budget is the limit from now on, and it
                # still covers what was paid or charged.
                if e.field == "amount_ore":
                    limits[e.originator_id] = e.new
                    assert paid[e.originator_id] <= e.new, f"R5: corrected below paid {where}"
                elif e.field == "budget_ore":
                    budgets[e.originator_id] = e.new
                    assert spent[e.originator_id] <= e.new, f"R5: corrected below spent {where}"
            elif isinstance(e, Effort.Started):
                budgets[e.originator_id] = e.budget_ore
            elif isinstance(e, Effort.Charged):
                spent[e.originator_id] += e.amount_ore
                assert spent[e.originator_id] <= budgets[e.originator_id], (
                    f"R5: spent more than the budget in {where}")
        for ref, model in self.funding.items():
            assert paid.get(SupervisorFunding.id_for(ref), 0) == model.paid, ref
        for ref, effort_model in self.effort.items():
            assert spent.get(Effort.id_for(ref), 0) == effort_model.spent, ref

    @invariant()
    def the_chain_verifies_and_the_compliance_proof_holds(self) -> None:
        """Whatever the guards let through, the independent checks over events accept, and
        the audit chain stored beside the events matches them."""
        verification = verify(self.ledger.store)
        assert verification.ok, [p.describe("en") for p in verification.problems]
        assert verification.size == self.events_applied
        report = prove(self.ledger.store, ledger_id=self.ledger.ledger_id())
        assert report.proof.events == self.events_applied
        # R8's years are judged against today's date: a year of the clock that has ended
        # without an adopted plan is the one violation the guards cannot refuse.
        ended = {str(v.subject) for v in report.proof.violations
                 if v.detail == "check.R8_missing"}
        assert ended == {str(y) for y in range(START.year, date.today().year)
                         if not (y in self.plan and self.plan[y].adopted)} & ended
        assert not [v for v in report.proof.violations if v.detail != "check.R8_missing"], [
            (v.rule, v.position, v.detail, dict(v.params)) for v in report.proof.violations]

    @invariant()
    def a_fresh_ledger_replays_the_live_state(self) -> None:
        """(c) Replaying the stored events on a newly opened ledger rebuilds the live state."""
        ids = {row[1] for row in self.rows()}
        assert ids == set(self.ledger.live), "an aggregate was stored but never saved"
        fresh = Ledger(self.db, actor="revisor", read_only=True)
        try:
            for aggregate_id in ids:
                live = self.ledger.live[aggregate_id]
                stored: Any = self.ledger.repository.get(aggregate_id)
                replayed: Any = fresh.repository.get(aggregate_id)
                assert type(replayed) is type(live) is type(stored)
                assert vars(replayed) == vars(live), f"{type(live).__name__} {live.key}"
                assert vars(stored) == vars(live), f"{type(live).__name__} {live.key}"
            for ref, funding in self.funding.items():
                got = fresh.get(SupervisorFunding, ref)
                assert got is not None and got.paid_ore == funding.paid
                assert got.employer == funding.employer
                assert (got.ended_on is not None) == funding.ended
            for ref, effort in self.effort.items():
                started = fresh.get(Effort, ref)
                assert started is not None and started.charged_ore == effort.spent
                assert (started.completed_on is not None) == effort.completed
            for org_nr, partner in self.partner.items():
                found = fresh.get(Partner, org_nr)
                assert found is not None and found.is_onboarded == partner.onboarded
                assert found.agreement_refs == partner.agreements
            for ref, agreement in self.agreement.items():
                signed = fresh.get(Agreement, ref)
                assert signed is not None
                assert signed.is_active_on(self.today) == agreement.active_on(self.today)
            for ref, status in self.activity.items():
                activity = fresh.get(Activity, ref)
                assert activity is not None
                assert activity.cancelled == (status == "cancelled")
                assert (activity.held_on is not None) == (status == "held")
            for year, plan_model in self.plan.items():
                plan = fresh.get(ActionPlan, str(year))
                assert plan is not None and plan.is_adopted == plan_model.adopted
                assert {a: p.status for a, p in plan.actions.items()} == plan_model.actions
            for ref, left in self.membership.items():
                membership = fresh.get(Membership, ref)
                assert membership is not None and (membership.left_on is not None) == left
            assert fresh.head() == self.events_applied
        finally:
            fresh.close()


# No explain phase: on a failure it replays hundreds of variations (minutes on a database).
COMMON: dict[str, Any] = {
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.filter_too_much],
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}

TestLedgerOnSQLite = LedgerMachine.TestCase
TestLedgerOnSQLite.settings = settings(max_examples=30, stateful_step_count=25,
                                       **COMMON)


def test_the_machine_on_postgresql(postgres_db: str) -> None:
    """A short run against PostgreSQL: each example gets its own fresh schema."""
    import psycopg

    server = postgres_db.split("?", 1)[0]

    class OnPostgres(LedgerMachine):
        def new_db(self) -> tuple[str, Callable[[], None]]:
            schema = f"asf_machine_{uuid.uuid4().hex[:12]}"
            with psycopg.connect(server, autocommit=True) as conn:
                conn.execute(f'CREATE SCHEMA "{schema}"')

            def drop() -> None:
                with psycopg.connect(server, autocommit=True) as conn:
                    conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')

            return f"{server}?schema={schema}", drop

    run_state_machine_as_test(OnPostgres, settings=settings(
        max_examples=4, stateful_step_count=15, **COMMON))
