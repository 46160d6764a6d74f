"""The board report (SPEC §4): its semantics on small histories, a model-based property over
demo histories, and the ``report board`` command.

Every history here goes through a real ledger (SQLite) and is read back as stored events,
so the report is tested on the events the application really writes.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.cli import run
from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from asfledger.reports.board import BOM, render
from domain import commands as c
from domain.money import Money
from domain.values import Period, luhn_ok, parse_sek
from projections.board_report import BoardReport, ComplianceFigures
from tests.conftest import recorded_on

DECISION = "SB 2026-01-20 §3"


def org_nr(serial: int) -> str:
    """A valid org number (ekonomisk förening series 769, Luhn check digit)."""
    body = f"769{serial:06d}"
    check = next(d for d in "0123456789" if luhn_ok(body + d))
    return f"{body[:6]}-{body[6:]}{check}"


ORG_A, ORG_B, ORG_C = org_nr(1), org_nr(2), org_nr(3)


def d(text: str) -> date:
    return date.fromisoformat(text)


def partner(org: str, onboarded_on: str, *, legal_form: c.LegalForm = "ekonomisk_forening",
            districts: Sequence[c.District] = ("farsta",)) -> list[c.Command]:
    """Register, assess C1–C4 met and onboard ``org`` (R2)."""
    day = d(onboarded_on)
    return [
        c.RegisterPartner(org_nr=org, name=f"Kooperativet {org}", legal_form=legal_form,
                          districts=list(districts)),
        *(c.AssessCriterion(org_nr=org, criterion=crit, met=True, evidence="Stadgar",
                            assessed_on=day) for crit in ("C1", "C2", "C3", "C4")),
        c.OnboardPartner(org_nr=org, onboarded_on=day, decision_ref=DECISION),
    ]


def agreement(ref: str, org: str, starts_on: str, ends_on: str | None = None, *,
              kind: c.AgreementKind = "iop") -> c.SignAgreement:
    return c.SignAgreement(ref=ref, org_nr=org, kind=kind, starts_on=d(starts_on),
                           ends_on=d(ends_on) if ends_on else None, decision_ref=DECISION)


def funding(ref: str, org: str, starts_on: str, ends_on: str, *, amount_sek: str = "100000",
            decided_on: str | None = None, employer: str = "stockholms_stad",
            fte_percent: int = 50) -> c.DecideSupervisorFunding:
    return c.DecideSupervisorFunding(
        ref=ref, org_nr=org, employer=employer, amount_sek=amount_sek,
        decided_on=d(decided_on or starts_on), starts_on=d(starts_on), ends_on=d(ends_on),
        fte_percent=fte_percent, target_groups=["mental_disability"], decision_ref=DECISION)


def pay(ref: str, voucher: str, paid_on: str, amount_sek: str,
        payee: str = "stockholms_stad") -> c.PaySupervisorFunding:
    return c.PaySupervisorFunding(ref=ref, voucher_ref=voucher, paid_on=d(paid_on),
                                  amount_sek=amount_sek, payee=payee)


def held(ref: str, held_on: str, attendance: dict[c.AttendanceGroup, int], *,
         kind: c.ActivityKind = "seminar") -> list[c.Command]:
    return [c.PlanActivity(ref=ref, kind=kind, title=f"Aktivitet {ref}", planned_on=d(held_on)),
            c.HoldActivity(ref=ref, held_on=d(held_on), attendance=attendance)]


def expenditure(ref: str, paid_on: str, amount_sek: str, *,
                purpose: c.Purpose = "administration",
                linked_ref: str | None = None) -> c.RecordExpenditure:
    return c.RecordExpenditure(ref=ref, paid_on=d(paid_on), amount_sek=amount_sek,
                               purpose=purpose, payee_kind="party", payee="stockholms_stad",
                               linked_ref=linked_ref, description=f"Utgift {ref}")


def effort(ref: str, org: str, starts_on: str, ends_on: str | None = None, *,
           budget_sek: str = "500000") -> c.StartEffort:
    return c.StartEffort(ref=ref, org_nr=org, measure="I1", run_by="stockholms_stad",
                         starts_on=d(starts_on), ends_on=d(ends_on) if ends_on else None,
                         budget_sek=budget_sek, decision_ref=DECISION)


def participants(ref: str, period: str,
                 counts: dict[c.TargetGroup, tuple[int, int, int]]) -> c.ReportParticipants:
    return c.ReportParticipants(ref=ref, period=period, counts={
        group: c.GenderCounts(women=w, men=m, other=o) for group, (w, m, o) in counts.items()})


def fold(db: str, commands: Sequence[c.Command]) -> BoardReport:
    """Record ``commands`` in a fresh ledger at ``db`` and fold its stored history."""
    with Ledger(db, actor="test") as ledger:
        ledger.execute(commands)
        return BoardReport().feed_all(ledger_events(ledger.store))


def at(report: BoardReport, period: str) -> dict[str, Any]:
    return report.figures(Period.parse(period))


# SPEC §4: the keys of the contract --------------------------------------------------------

SPEC_KEYS = (
    "period.from", "period.to",
    "partners.onboarded", "partners.onboarded_in_period", "partners.by_legal_form",
    "partners.by_district",
    "agreements.active", "agreements.by_kind",
    "supervisor_funding.decided_sek", "supervisor_funding.paid_sek",
    "supervisor_funding.by_employer", "supervisor_funding.fte_active",
    "activities.held", "activities.by_kind", "activities.attendance_total",
    "activities.attendance_by_group",
    "structural_work.by_measure",
    "action_plan.year", "action_plan.adopted", "action_plan.actions", "action_plan.completed",
    "action_plan.dropped", "action_plan.by_measure",
    "efforts.active", "efforts.participants", "efforts.outcomes",
    "expenditure.total_sek", "expenditure.by_purpose",
    "compliance.violations", "compliance.events_examined", "compliance.checkpoint",
    # Beyond SPEC §4 (issue 15): the corrections recorded in the period.
    "corrections.reversed", "corrections.reversed_sek", "corrections.corrected",
    "corrections.voided",
)


def lookup(figures: dict[str, Any], path: str) -> Any:
    value: Any = figures
    for part in path.split("."):
        value = value[part]
    return value


def leaves(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from leaves(inner, f"{prefix}.{key}" if prefix else key)
    else:
        yield prefix, value


def test_figures_have_every_key_of_the_contract_with_its_type(sqlite_db: str) -> None:
    report = fold(sqlite_db, [*partner(ORG_A, "2026-01-10"),
                              funding("HF-1", ORG_A, "2026-02-01", "2026-12-31")])
    figures = report.figures(Period.parse("2026"), ComplianceFigures(0, 7, "checkpoint"))
    for path in SPEC_KEYS:
        lookup(figures, path)  # KeyError names the missing key
    assert set(figures) == {path.split(".")[0] for path in SPEC_KEYS}
    for party in ("stockholms_stad", "region_stockholm", "arbetsformedlingen",
                  "forsakringskassan"):
        assert set(figures["supervisor_funding"]["by_employer"][party]) == {
            "decided_sek", "paid_sek"}
    for code in ("S1", "S7", "I3"):
        assert set(figures["action_plan"]["by_measure"][code]) == {"actions", "completed"}
    for path, value in leaves(figures):
        if path.endswith("_sek") or path.startswith("expenditure.by_purpose."):
            assert isinstance(value, Money) and value.ore >= 0, path
        elif path.endswith("fte_active"):
            assert isinstance(value, Decimal) and value.as_tuple().exponent == -2, path
        elif path in ("period.from", "period.to", "compliance.checkpoint"):
            assert isinstance(value, str)
        elif path == "action_plan.adopted":
            assert isinstance(value, bool)
        else:
            assert isinstance(value, int) and not isinstance(value, bool), path
    assert figures["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert figures["supervisor_funding"]["decided_sek"].plain() == "100000.00"
    assert figures["supervisor_funding"]["fte_active"] == Decimal("0.50")
    # The file writes amounts and full-time equivalents as SPEC §4 says: "1234.56".
    written = json.loads(render(figures, "json", "en", period=Period.parse("2026")))
    assert written["supervisor_funding"]["decided_sek"] == "100000.00"
    assert written["supervisor_funding"]["fte_active"] == "0.50"
    assert written["expenditure"]["by_purpose"]["administration"] == "0.00"


def test_the_compliance_section_is_the_callers(sqlite_db: str) -> None:
    report = fold(sqlite_db, partner(ORG_A, "2026-01-10"))
    assert "compliance" not in at(report, "2026")
    figures = report.figures(Period.parse("2026"), ComplianceFigures(2, 9, "cp"))
    assert figures["compliance"] == {"violations": 2, "events_examined": 9,
                                     "checkpoint": "cp", "to_review": 0,
                                     "checkpoints_checked": 0}
    assert report.events == 6  # registered, four assessments, onboarded


# Partners ------------------------------------------------------------------------------

def test_offboarded_partner_is_not_onboarded_from_its_offboarding_day(sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-02-01", legal_form="stiftelse", districts=["jarva"]),
        c.OffboardPartner(org_nr=ORG_A, offboarded_on=d("2026-06-30"), reason="Upphört"),
    ])
    q1, q2 = at(report, "2026-Q1"), at(report, "2026-Q2")
    assert q1["partners"]["onboarded"] == 1
    assert q1["partners"]["onboarded_in_period"] == 1
    assert q1["partners"]["by_legal_form"]["stiftelse"] == 1
    assert q1["partners"]["by_district"]["jarva"] == 1
    assert q2["partners"]["onboarded"] == 0  # offboarded on the period's last day
    assert q2["partners"]["onboarded_in_period"] == 0
    assert q2["partners"]["by_legal_form"]["stiftelse"] == 0
    assert q2["partners"]["by_district"]["jarva"] == 0
    assert at(report, "2026-06")["partners"]["onboarded"] == 0
    assert at(report, "2026-01")["partners"]["onboarded"] == 0  # not yet onboarded


def test_a_partner_onboarded_again_counts_once_as_of_end(sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        c.OffboardPartner(org_nr=ORG_A, offboarded_on=d("2026-03-01"), reason="Paus"),
        c.OnboardPartner(org_nr=ORG_A, onboarded_on=d("2026-05-04"), decision_ref=DECISION),
    ])
    year = at(report, "2026")
    assert year["partners"]["onboarded"] == 1
    assert year["partners"]["onboarded_in_period"] == 2  # two onboarding decisions
    assert at(report, "2026-Q2")["partners"]["onboarded_in_period"] == 1
    assert at(report, "2026-04")["partners"]["onboarded"] == 0


def test_by_district_counts_a_partner_once_per_district(sqlite_db: str) -> None:
    with recorded_on():  # a partner onboarded in 2027
        report = fold(sqlite_db, [
            *partner(ORG_A, "2026-01-10", districts=["jarva", "farsta", "jarva"]),
            *partner(ORG_B, "2026-01-12", districts=["jarva"], legal_form="ideell_forening"),
            *partner(ORG_C, "2027-01-12", districts=["city_wide"]),  # after the period
        ])
    figures = at(report, "2026")
    assert figures["partners"]["onboarded"] == 2
    assert figures["partners"]["by_district"]["jarva"] == 2
    assert figures["partners"]["by_district"]["farsta"] == 1
    assert figures["partners"]["by_district"]["city_wide"] == 0
    assert sum(figures["partners"]["by_district"].values()) == 3
    assert figures["partners"]["by_legal_form"] == {
        "ekonomisk_forening": 1, "ideell_forening": 1, "aktiebolag_svb": 0, "aktiebolag": 0,
        "stiftelse": 0, "enskild_naringsidkare": 0, "handelsbolag": 0, "other": 0}


# Agreements ----------------------------------------------------------------------------

def test_an_agreement_is_active_on_its_ends_on_and_inactive_from_its_ended_on(
        sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        agreement("AVT-1", ORG_A, "2026-02-01", "2026-06-30", kind="iop"),
        agreement("AVT-2", ORG_A, "2026-02-01", kind="procurement"),
        c.EndAgreement(ref="AVT-2", ended_on=d("2026-06-30"), reason="Uppsagt"),
        agreement("AVT-3", ORG_A, "2026-02-01", kind="cooperation"),
        c.EndAgreement(ref="AVT-3", ended_on=d("2026-07-01"), reason="Uppsagt"),
        agreement("AVT-4", ORG_A, "2026-07-01", kind="reserved_procurement"),
    ])
    q2 = at(report, "2026-Q2")["agreements"]
    assert q2["active"] == 2
    assert q2["by_kind"] == {"iop": 1, "procurement": 0, "reserved_procurement": 0,
                             "cooperation": 1}
    q3 = at(report, "2026-Q3")["agreements"]
    assert q3["active"] == 1
    assert q3["by_kind"]["reserved_procurement"] == 1
    assert at(report, "2026-01")["agreements"]["active"] == 0  # none started yet
    assert at(report, "2026-03")["agreements"]["active"] == 3


# Supervisor funding ----------------------------------------------------------------------

def test_a_payment_after_the_funding_ended_counts_in_the_period_it_was_paid(
        sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        funding("HF-1", ORG_A, "2026-01-15", "2026-03-31", amount_sek="90000",
                decided_on="2026-01-12", employer="arbetsformedlingen", fte_percent=75),
        pay("HF-1", "V-1", "2026-03-31", "30000.50", payee="arbetsformedlingen"),
        pay("HF-1", "V-2", "2026-04-15", "45000.25", payee="arbetsformedlingen"),
    ])
    q1, q2 = at(report, "2026-Q1"), at(report, "2026-Q2")
    assert q1["supervisor_funding"]["decided_sek"].plain() == "90000.00"
    assert q1["supervisor_funding"]["paid_sek"].plain() == "30000.50"
    assert q2["supervisor_funding"]["decided_sek"].plain() == "0.00"
    assert q2["supervisor_funding"]["paid_sek"].plain() == "45000.25"
    assert q2["supervisor_funding"]["by_employer"]["arbetsformedlingen"] == {
        "decided_sek": Money(0), "paid_sek": Money(4_500_025)}
    assert q2["supervisor_funding"]["by_employer"]["stockholms_stad"] == {
        "decided_sek": Money(0), "paid_sek": Money(0)}
    assert q2["expenditure"]["by_purpose"]["supervisor_funding"].plain() == "45000.25"
    assert q2["expenditure"]["total_sek"].plain() == "45000.25"
    # Running on 31 March (its ends_on, inclusive), not on 30 June.
    assert q1["supervisor_funding"]["fte_active"] == Decimal("0.75")
    assert q2["supervisor_funding"]["fte_active"] == Decimal("0.00")
    assert at(report, "2026")["supervisor_funding"]["paid_sek"].plain() == "75000.75"


def test_fte_active_sums_fundings_running_on_the_last_day(sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        funding("HF-1", ORG_A, "2026-01-15", "2026-12-31", fte_percent=50),
        funding("HF-2", ORG_A, "2026-02-01", "2027-01-31", fte_percent=25),
        funding("HF-3", ORG_A, "2026-02-01", "2027-01-31", fte_percent=100),
        c.EndSupervisorFunding(ref="HF-3", ended_on=d("2026-06-30"), reason="Slutade"),
        funding("HF-4", ORG_A, "2026-07-01", "2026-12-31", fte_percent=10),
    ])
    assert at(report, "2026-01")["supervisor_funding"]["fte_active"] == Decimal("0.50")
    assert at(report, "2026-05")["supervisor_funding"]["fte_active"] == Decimal("1.75")
    # HF-3 ended
    assert at(report, "2026-Q2")["supervisor_funding"]["fte_active"] == Decimal("0.75")
    assert at(report, "2026")["supervisor_funding"]["fte_active"] == Decimal("0.85")
    assert at(report, "2027-01")["supervisor_funding"]["fte_active"] == Decimal("0.25")


# Activities, structural work and expenditure: the edges of quarters and months -----------

def test_flows_are_cut_at_the_edges_of_quarters_and_months(sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *held("AKT-1", "2026-03-31", {"stockholms_stad": 5, "participants": 7},
              kind="study_visit"),
        *held("AKT-2", "2026-04-01", {"asf": 3, "other": 1}),
        c.PlanActivity(ref="AKT-3", kind="seminar", title="Inställt",
                       planned_on=d("2026-05-05")),
        c.CancelActivity(ref="AKT-3", reason="För få anmälda"),
        c.LogStructuralWork(ref="SA-1", measure="S3", done_on=d("2026-05-31"),
                            description="Information till stadsdelarna"),
        c.LogStructuralWork(ref="SA-2", measure="S3", done_on=d("2026-06-01"),
                            description="Information till parterna"),
        expenditure("UTB-1", "2026-05-31", "100.10"),
        expenditure("UTB-2", "2026-06-01", "200.20", purpose="activity_costs"),
    ])
    q1, q2 = at(report, "2026-Q1")["activities"], at(report, "2026-Q2")["activities"]
    assert (q1["held"], q1["attendance_total"]) == (1, 12)
    assert q1["by_kind"] == {"seminar": 0, "inspiration_day": 0, "study_visit": 1}
    assert q1["attendance_by_group"]["participants"] == 7
    assert (q2["held"], q2["attendance_total"]) == (1, 4)  # the cancelled one is not held
    assert q2["attendance_by_group"]["asf"] == 3
    assert q2["attendance_by_group"]["participants"] == 0
    assert at(report, "2026-03")["activities"]["held"] == 1
    assert at(report, "2026-04")["activities"]["held"] == 1
    assert at(report, "2026-05")["activities"]["held"] == 0
    may, june = at(report, "2026-05"), at(report, "2026-06")
    assert may["structural_work"]["by_measure"]["S3"] == 1
    assert june["structural_work"]["by_measure"]["S3"] == 1
    assert at(report, "2026-Q2")["structural_work"]["by_measure"]["S3"] == 2
    assert may["expenditure"]["total_sek"].plain() == "100.10"
    assert may["expenditure"]["by_purpose"]["administration"].plain() == "100.10"
    assert june["expenditure"]["total_sek"].plain() == "200.20"
    assert june["expenditure"]["by_purpose"]["activity_costs"].plain() == "200.20"
    assert at(report, "2026-Q2")["expenditure"]["total_sek"].plain() == "300.30"


def test_effort_financing_counts_once_not_again_as_the_efforts_charge(sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        effort("INS-1", ORG_A, "2026-02-01"),
        expenditure("UTB-1", "2026-03-10", "1234.56", purpose="effort_financing",
                    linked_ref="INS-1"),
    ])
    spent = at(report, "2026")["expenditure"]
    assert spent["total_sek"].plain() == "1234.56"
    assert spent["by_purpose"]["effort_financing"].plain() == "1234.56"


# Efforts and participants ----------------------------------------------------------------

def test_efforts_are_active_until_their_end_or_completion(sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        effort("INS-1", ORG_A, "2026-02-01", "2026-06-30"),
        effort("INS-2", ORG_A, "2026-02-01"),
        c.CompleteEffort(ref="INS-2", completed_on=d("2026-06-30")),
        effort("INS-3", ORG_A, "2026-07-01"),
    ])
    assert at(report, "2026-01")["efforts"]["active"] == 0
    assert at(report, "2026-Q1")["efforts"]["active"] == 2
    assert at(report, "2026-Q2")["efforts"]["active"] == 1  # INS-1 on its ends_on
    assert at(report, "2026-Q3")["efforts"]["active"] == 1  # INS-3 only


def test_a_later_report_for_the_same_effort_and_period_replaces_the_earlier(
        sqlite_db: str) -> None:
    report = fold(sqlite_db, [
        *partner(ORG_A, "2026-01-10"),
        effort("INS-1", ORG_A, "2026-01-15"),
        effort("INS-2", ORG_A, "2026-01-15"),
        participants("INS-1", "2026-Q1", {"mental_disability": (2, 3, 0),
                                          "lss_daily_activity": (1, 0, 0)}),
        participants("INS-1", "2026-Q1", {"mental_disability": (1, 1, 1)}),  # replaces
        participants("INS-2", "2026-Q1", {"mental_disability": (0, 1, 0)}),  # another effort
        participants("INS-1", "2026-Q2", {"long_term_unemployed": (4, 0, 0)}),
        participants("INS-1", "2026", {"newly_arrived_refugees": (0, 0, 9)}),
        # Never more outcomes than participants reported for the period (3 in Q1).
        c.ReportOutcomes(ref="INS-1", period="2026-Q1", work=3, studies=0, job_seeking=0,
                         other=0),
        c.ReportOutcomes(ref="INS-1", period="2026-Q1", work=1, studies=0, job_seeking=1,
                         other=1),
    ])
    q1 = at(report, "2026-Q1")["efforts"]
    assert q1["participants"]["mental_disability"] == 4
    assert q1["participants"]["lss_daily_activity"] == 0  # gone with the replaced report
    assert q1["participants"]["long_term_unemployed"] == 0
    assert q1["participants"]["newly_arrived_refugees"] == 0  # the year is not inside Q1
    assert q1["outcomes"] == {"work": 1, "studies": 0, "job_seeking": 1, "other": 1}
    year = at(report, "2026")["efforts"]
    assert year["participants"]["long_term_unemployed"] == 4
    assert year["participants"]["newly_arrived_refugees"] == 9
    assert year["participants"]["mental_disability"] == 4
    # A month holds no quarter or year: nothing reported for it.
    assert sum(at(report, "2026-02")["efforts"]["participants"].values()) == 0


# The action plan -------------------------------------------------------------------------

def test_the_action_plan_of_the_periods_year_as_of_its_end(sqlite_db: str) -> None:
    actions: tuple[tuple[str, c.Measure], ...] = (("A1", "S1"), ("A2", "S1"), ("A3", "I3"))
    report = fold(sqlite_db, [
        c.DraftActionPlan(year=2026, operations_plan_ref="VP 2026"),
        *(c.AddAction(year=2026, action_id=a, measure=m, description=f"Åtgärd {a}",
                      owner="förbundschef", due_on=d("2026-12-31")) for a, m in actions),
        c.HoldBoardMeeting(ref=DECISION, held_on=d("2026-02-10"), minutes_ref="P 2026:1"),
        c.AdoptActionPlan(year=2026, adopted_on=d("2026-02-10"), decision_ref=DECISION),
        c.CompleteAction(year=2026, action_id="A1", completed_on=d("2026-05-10"),
                         outcome="Klart"),
        c.DropAction(year=2026, action_id="A3", dropped_on=d("2026-08-01"), reason="Utgår"),
    ])
    january = at(report, "2026-01")["action_plan"]
    assert (january["year"], january["adopted"], january["actions"]) == (2026, False, 3)
    q1 = at(report, "2026-Q1")["action_plan"]
    assert (q1["adopted"], q1["completed"], q1["dropped"]) == (True, 0, 0)
    q2 = at(report, "2026-Q2")["action_plan"]
    assert (q2["completed"], q2["dropped"]) == (1, 0)
    year = at(report, "2026")["action_plan"]
    assert (year["actions"], year["completed"], year["dropped"]) == (3, 1, 1)
    assert year["by_measure"]["S1"] == {"actions": 2, "completed": 1}
    assert year["by_measure"]["I3"] == {"actions": 1, "completed": 0}  # dropped
    assert year["by_measure"]["S7"] == {"actions": 0, "completed": 0}
    other = at(report, "2025")["action_plan"]
    assert (other["year"], other["adopted"], other["actions"]) == (2025, False, 0)


# Model-based: the report against sums over the commands themselves -----------------------

TODAY = date(2026, 11, 1)


def _in(day: date, period: Period) -> bool:
    return period.start <= day <= period.end


def expected_from_commands(commands: Sequence[c.Command], period: Period) -> dict[str, Any]:
    """What the report must say, computed straight from the commands (not the events)."""
    employers = {cmd.ref: cmd.employer for cmd in commands
                 if isinstance(cmd, c.DecideSupervisorFunding)}
    paid: dict[str, int] = {}
    decided = spent = 0
    by_purpose: dict[str, int] = {}
    held = attendance = 0
    by_group: dict[str, int] = {}
    by_measure: dict[str, int] = {}
    onboarded = 0
    latest_outcomes: dict[tuple[str, str], c.ReportOutcomes] = {}
    latest_participants: dict[tuple[str, str], c.ReportParticipants] = {}
    payments: dict[str, c.PaySupervisorFunding] = {}  # by voucher
    for cmd in commands:
        if isinstance(cmd, c.PaySupervisorFunding):
            payments[cmd.voucher_ref] = cmd
        # A reversal (the demo's payments made twice, issue 15) is netted on the date of
        # the payment it reverses.
        reversed_ = (payments[cmd.voucher_ref] if isinstance(cmd, c.ReversePayment)
                     else None)
        if reversed_ is not None and _in(reversed_.paid_on, period):
            amount = -parse_sek(reversed_.amount_sek)
            paid[employers[reversed_.ref]] = paid.get(employers[reversed_.ref], 0) + amount
            spent += amount
            by_purpose["supervisor_funding"] = by_purpose.get("supervisor_funding", 0) + amount
        if isinstance(cmd, c.PaySupervisorFunding) and _in(cmd.paid_on, period):
            amount = parse_sek(cmd.amount_sek)
            paid[employers[cmd.ref]] = paid.get(employers[cmd.ref], 0) + amount
            spent += amount
            by_purpose["supervisor_funding"] = by_purpose.get("supervisor_funding", 0) + amount
        elif isinstance(cmd, c.DecideSupervisorFunding) and _in(cmd.decided_on, period):
            decided += parse_sek(cmd.amount_sek)
        elif isinstance(cmd, c.RecordExpenditure) and _in(cmd.paid_on, period):
            spent += parse_sek(cmd.amount_sek)
            by_purpose[cmd.purpose] = by_purpose.get(cmd.purpose, 0) + parse_sek(cmd.amount_sek)
        elif isinstance(cmd, c.HoldActivity) and _in(cmd.held_on, period):
            held += 1
            for group, n in cmd.attendance.items():
                attendance += n
                by_group[group] = by_group.get(group, 0) + n
        elif isinstance(cmd, c.LogStructuralWork) and _in(cmd.done_on, period):
            by_measure[cmd.measure] = by_measure.get(cmd.measure, 0) + 1
        elif isinstance(cmd, c.OnboardPartner) and _in(cmd.onboarded_on, period):
            onboarded += 1
        elif isinstance(cmd, c.ReportOutcomes) and Period.parse(cmd.period).within(period):
            latest_outcomes[(cmd.ref, cmd.period)] = cmd
        elif (isinstance(cmd, c.ReportParticipants)
              and Period.parse(cmd.period).within(period)):
            latest_participants[(cmd.ref, cmd.period)] = cmd
    outcomes = {key: sum(getattr(r, key) for r in latest_outcomes.values())
                for key in ("work", "studies", "job_seeking", "other")}
    participants_total = sum(counts.total for r in latest_participants.values()
                             for counts in r.counts.values())
    return {"paid": paid, "decided": decided, "spent": spent, "by_purpose": by_purpose,
            "held": held, "attendance": attendance, "by_group": by_group,
            "by_measure": by_measure, "onboarded_in_period": onboarded, "outcomes": outcomes,
            "participants_total": participants_total}


periods = st.builds(
    lambda year, kind, part: Period.parse(
        str(year) if kind == "year" else f"{year}-Q{part % 4 + 1}" if kind == "quarter"
        else f"{year}-{part % 12 + 1:02d}"),
    st.sampled_from([2025, 2026]), st.sampled_from(["year", "quarter", "month"]),
    st.integers(0, 11))


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.integers(0, 10_000), chosen=st.lists(periods, min_size=3, max_size=3))
def test_report_totals_equal_sums_over_the_demo_commands(seed: int,
                                                         chosen: list[Period]) -> None:
    commands = demo_commands(2, seed, last_year=2026, today=TODAY)
    with tempfile.TemporaryDirectory() as tmp:
        report = fold(str(Path(tmp) / "ledger.sqlite"), commands)
    for period in chosen:
        figures = report.figures(period)
        want = expected_from_commands(commands, period)
        funding_figures = figures["supervisor_funding"]
        assert funding_figures["paid_sek"] == Money(sum(want["paid"].values()))
        assert funding_figures["decided_sek"] == Money(want["decided"])
        for party, amounts in funding_figures["by_employer"].items():
            assert amounts["paid_sek"] == Money(want["paid"].get(party, 0)), party
        assert figures["expenditure"]["total_sek"] == Money(want["spent"])
        for purpose, amount in figures["expenditure"]["by_purpose"].items():
            assert amount == Money(want["by_purpose"].get(purpose, 0)), purpose
        assert figures["activities"]["held"] == want["held"]
        assert figures["activities"]["attendance_total"] == want["attendance"]
        for group, n in figures["activities"]["attendance_by_group"].items():
            assert n == want["by_group"].get(group, 0), group
        for measure, n in figures["structural_work"]["by_measure"].items():
            assert n == want["by_measure"].get(measure, 0), measure
        assert figures["partners"]["onboarded_in_period"] == want["onboarded_in_period"]
        assert figures["efforts"]["outcomes"] == want["outcomes"]
        assert sum(figures["efforts"]["participants"].values()) == want["participants_total"]


# The command line --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("board") / "ledger.sqlite")
    with Ledger(db, actor="test") as ledger:
        ledger.execute(demo_commands(2, 3, last_year=2026, today=TODAY))
    return db


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_cli_report_board_json_parses_with_the_contract_keys(demo_db: str) -> None:
    code, out, err = cli("--db", demo_db, "report", "board", "--period", "2026-Q2",
                         "--format", "json")
    assert (code, err) == (0, "")
    figures = json.loads(out)
    for path in SPEC_KEYS:
        lookup(figures, path)
    assert figures["period"] == {"from": "2026-04-01", "to": "2026-06-30"}
    assert figures["compliance"]["violations"] == 0
    assert figures["compliance"]["checkpoint"].startswith("asfledger-checkpoint v1\n")
    with Ledger(demo_db, actor="test", read_only=True) as ledger:
        assert figures["compliance"]["events_examined"] == ledger.head()
        assert f"size: {ledger.head()}\n" in figures["compliance"]["checkpoint"]


@pytest.mark.parametrize("period", ["2026-13", "2026-Q5", "26", "2026-5", "", "2026-Q2 "])
def test_cli_report_board_bad_period_exits_2_with_one_sentence(demo_db: str,
                                                                period: str) -> None:
    code, out, err = cli("--db", demo_db, "--lang", "en", "report", "board", "--period",
                         period)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and "period" in err and "2026-Q2" in err


def test_cli_report_board_needs_a_period(demo_db: str) -> None:
    code, out, _ = cli("--db", demo_db, "report", "board")
    assert code == 2 and out == ""


def test_cli_report_board_is_swedish_unless_asked(demo_db: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ASFLEDGER_LANG", raising=False)
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    code, out, _ = cli("--db", demo_db, "report", "board", "--period", "2026")
    assert code == 0 and out.startswith("# Styrelserapport: ASF-policyn, 2026\n")
    code, out, _ = cli("--db", demo_db, "report", "board", "--period", "2026", "--lang", "en")
    assert code == 0 and out.startswith("# Board report: the ASF policy, 2026\n")


def test_cli_report_board_writes_csv_for_swedish_excel_to_a_file(
        demo_db: str, tmp_path: Path) -> None:
    """One tidy table: period, section, breakdown, category, measure, value, unit; the
    values with a decimal comma and no thousands separator."""
    target = tmp_path / "styrelse.csv"
    code, out, err = cli("--db", demo_db, "--lang", "sv", "report", "board", "--period",
                         "2026-Q2", "--format", "csv", "-o", str(target))
    assert (code, err) == (0, "")
    assert out == f"rapporten skrevs till {target}\n"
    data = target.read_bytes()
    assert data.startswith(BOM.encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""),
                           delimiter=";"))
    assert rows[0] == ["Period från", "Period till", "Avsnitt", "Indelning", "Kategori",
                       "Mått", "Värde", "Enhet"]
    assert all(len(row) == 8 for row in rows)
    assert {row[0] for row in rows[1:]} == {"2026-04-01"}
    for row in rows[1:]:
        assert re.fullmatch(r"-?\d+(,\d{1,2})?", row[6]), row
        assert row[7] in ("antal", "kr", "%", "årsarbetare"), row
    json_code, json_out, _ = cli("--db", demo_db, "report", "board", "--period", "2026-Q2",
                                 "--format", "json")
    assert json_code == 0
    figures = json.loads(json_out)
    total = [row for row in rows if row[2] == "Sammanfattning" and row[4] == "Utgifter totalt"]
    assert [row[6] for row in total] == [figures["expenditure"]["total_sek"].replace(".", ",")]


def test_cli_report_board_unwritable_output_exits_2(demo_db: str, tmp_path: Path) -> None:
    code, out, err = cli("--db", demo_db, "--lang", "en", "report", "board", "--period",
                         "2026", "-o", str(tmp_path / "no" / "such" / "dir" / "r.md"))
    assert code == 2 and out == ""
    assert "r.md: the folder" in err and "does not exist" in err


def test_renderers_take_only_the_figures(sqlite_db: str) -> None:
    report = fold(sqlite_db, [*partner(ORG_A, "2026-01-10"),
                              funding("HF-1", ORG_A, "2026-02-01", "2026-12-31",
                                      amount_sek="1234567.8")])
    period = Period.parse("2026-Q1")
    figures = report.figures(period, ComplianceFigures(3, 42, "asfledger-checkpoint v1\n"))
    md_sv = render(figures, "md", "sv", period=period)
    md_en = render(figures, "md", "en", period=period)
    assert "1\u00a0234\u00a0567,80\u00a0kr" in md_sv
    assert "SEK\u00a01,234,567.80" in md_en
    assert "3 överträdelser funna" in md_sv
    assert "3 violations found" in md_en
    written = json.loads(render(figures, "json", "sv", period=period))
    assert [path for path, _ in leaves(written)] == [path for path, _ in leaves(figures)]
    for path, value in leaves(figures):
        assert lookup(written, path) == (value.plain() if isinstance(value, Money)
                                         else str(value) if isinstance(value, Decimal)
                                         else value), path


def test_cli_report_board_title_page_facts_and_proposal(demo_db: str, tmp_path: Path) -> None:
    code, out, err = cli("--db", demo_db, "--lang", "sv", "report", "board", "--period",
                         "2026-Q2", "--date", "2026-07-15", "--diarienummer", "SFS 2026/7",
                         "--author", "Förbundschefen", "--proposal",
                         "Att lägga rapporten till handlingarna.\n\nAtt tacka.")
    assert (code, err) == (0, "")
    assert "| Datum | 2026-07-15 |" in out and "| Diarienummer | SFS 2026/7 |" in out
    assert "| Upprättad av | Förbundschefen |" in out
    proposal = out.split("## Förslag till beslut\n\n")[1].split("\n## ")[0]
    assert proposal.split() == ["Att", "lägga", "rapporten", "till", "handlingarna.", "Att",
                                "tacka."]
    assert proposal.count("\n\n") >= 1  # two paragraphs
    code, out, _ = cli("--db", demo_db, "report", "board", "--period", "2026-Q2")
    assert code == 0 and "Förslag till beslut" not in out  # only when asked for


@pytest.mark.parametrize("day", ["20260715", "2026-7-15", "2026-02-30", "i morgon"])
def test_cli_report_board_bad_date_exits_2_and_writes_nothing(demo_db: str, tmp_path: Path,
                                                              day: str) -> None:
    target = tmp_path / "r.html"
    code, out, err = cli("--db", demo_db, "--lang", "sv", "report", "board", "--period",
                         "2026", "--format", "html", "--date", day, "-o", str(target))
    assert (code, out) == (2, "")
    assert err == f"rapportdatumet {day} är inget datum (ÅÅÅÅ-MM-DD)\n"
    assert not target.exists()
