"""One figure, one definition (issue 19), as the coordinator reads it, on random
histories: the demo's, from a random seed, with participant reports made again (a later
report replaces the earlier one) and corrections (expenditures and payments reversed,
held activities and structural work voided, a funding's amount corrected).

Every figure shown in more than one place is the same number on the dashboard (its read
model, folded alone), on the parts' screens (their summary lines, from the replay the UI
reads), in the board report (each year, and all the years as one period) and, for the
supervisor funding decided, in the 360Giving export. The screens' lines are made by their
own ``summarise`` (no app needed); each of them formats a ``projections.figures``
function's result.
"""

from __future__ import annotations

import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.ledger import CommandRefused, Ledger
from domain import commands as c
from domain.aggregates import Partner, SupervisorFunding
from domain.money import Money
from domain.values import Period
from projections.board_report import BoardReport
from projections.dashboard import figures, fold
from projections.giving360 import grants
from tests.projections.test_one_figure import LATER, TODAY, rereported
from tui.screens.parts.activities import ActivitiesScreen
from tui.screens.parts.efforts import EffortsScreen
from tui.screens.parts.expenditure import ExpenditureScreen
from tui.screens.parts.funding import FundingScreen
from tui.screens.parts.partners import PartnersScreen
from tui.screens.parts.structural import StructuralScreen

DECISION = "SB 2026-06-01 §4"
REASON = "Fel vid registreringen"


def sek(ore: int) -> str:
    return Money(ore).text("en")


def corrections(history: list[c.Command], picks: list[int]) -> list[c.Command]:
    """Corrections of what ``history`` recorded, one per pick (some the ledger refuses:
    money paid under a decision, say; those are left out when recorded)."""
    expenditures = [x for x in history if isinstance(x, c.RecordExpenditure)]
    payments = [x for x in history if isinstance(x, c.PaySupervisorFunding)]
    held = [x for x in history if isinstance(x, c.HoldActivity)]
    works = [x for x in history if isinstance(x, c.LogStructuralWork)]
    fundings = [x for x in history if isinstance(x, c.DecideSupervisorFunding)]
    found: list[c.Command] = []
    for i, pick in enumerate(picks):
        kind = i % 5
        if kind == 0 and expenditures:
            x = expenditures[pick % len(expenditures)]
            found.append(c.ReverseExpenditure(ref=x.ref, reversed_on=x.paid_on,
                                              reason=REASON, decision_ref=DECISION))
        elif kind == 1 and payments:
            p = payments[pick % len(payments)]
            found.append(c.ReversePayment(ref=p.ref, voucher_ref=p.voucher_ref,
                                          reversed_on=p.paid_on, reason=REASON,
                                          decision_ref=DECISION))
        elif kind == 2 and held:
            found.append(c.VoidDecision(kind="activity", key=held[pick % len(held)].ref,
                                        reason=REASON, decision_ref=DECISION))
        elif kind == 3 and works:
            found.append(c.VoidDecision(kind="structural_work",
                                        key=works[pick % len(works)].ref, reason=REASON,
                                        decision_ref=DECISION))
        elif kind == 4 and fundings:
            f = fundings[pick % len(fundings)]
            more = str(Decimal(f.amount_sek) + 1000)
            found.append(c.CorrectFact(kind="supervisor_funding", key=f.ref,
                                       field="amount_sek", value=more, reason=REASON,
                                       decision_ref=DECISION))
    return found


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.integers(0, 10_000), picks=st.lists(st.integers(0, 500), min_size=1, max_size=4),
       counts=st.lists(st.integers(0, 30), min_size=4, max_size=4),
       fixes=st.lists(st.integers(0, 500), min_size=5, max_size=10))
def test_a_figure_is_the_same_on_the_dashboard_the_screens_the_board_report_and_360giving(
        seed: int, picks: list[int], counts: list[int], fixes: list[int]) -> None:
    history = rereported(demo_commands(2, seed, today=TODAY), picks, counts)
    corrected = 0
    with tempfile.TemporaryDirectory() as tmp, \
            Ledger(str(Path(tmp) / "ledger.sqlite"), actor="test") as ledger:
        ledger.execute(history)
        for fix in corrections(history, fixes):
            try:
                ledger.execute([fix])
                corrected += 1
            except CommandRefused:
                pass
        snapshot = ledger.snapshot()
        events = list(ledger_events(ledger.store, cipher=ledger.cipher))
        fundings = snapshot.state.all(SupervisorFunding)
        partners = {p.org_nr: p for p in snapshot.state.all(Partner)}
    assert corrected > 0  # the histories hold corrections
    dashboard = fold(events)
    board = BoardReport().feed_all(events)
    published = grants(fundings, [], partners, "en")  # 360Giving: the fundings' grants
    years = sorted({*dashboard.years(), TODAY.year})

    # Year by year: the dashboard, the board report and 360Giving.
    for year in years:
        dash = figures(dashboard, year, LATER)
        report = board.figures(Period.parse(str(year)))
        assert dash.expenditure_ore == report["expenditure"]["total_sek"].ore, year
        funding = report["supervisor_funding"]
        assert dash.funding_decided_ore == funding["decided_sek"].ore, year
        assert dash.funding_decided_ore == sum(
            int(Decimal(g["amountAwarded"]) * 100) for g in published
            if g["awardDate"].startswith(str(year))), year
        assert dash.funding_paid_ore == funding["paid_sek"].ore, year
        assert dash.activities_held == report["activities"]["held"], year
        assert dash.attendance == report["activities"]["attendance_total"], year
        reported = {g: n for g, n in report["efforts"]["participants"].items() if n}
        assert dash.participants == reported, year
        assert dash.partners_onboarded == report["partners"]["onboarded"], year
        assert dash.partners_onboarded_in_year == report["partners"]["onboarded_in_period"]

    # All the years: the parts' screens say the sums of the dashboard's years, and the
    # board report of all the years as one period says them too.
    dash_years = [figures(dashboard, year, LATER) for year in years]
    every_year = board.figures(Period(f"{years[0]}–{years[-1]}", date(years[0], 1, 1),
                                      date(years[-1], 12, 31)))

    def said(screen: type[ExpenditureScreen | FundingScreen | ActivitiesScreen
                         | EffortsScreen | PartnersScreen | StructuralScreen]) -> str:
        return screen().summarise(snapshot, "en")

    spent = sum(y.expenditure_ore for y in dash_years)
    assert spent == every_year["expenditure"]["total_sek"].ore
    assert f"Total {sek(spent)} " in said(ExpenditureScreen)
    decided = sum(y.funding_decided_ore for y in dash_years)
    paid = sum(y.funding_paid_ore for y in dash_years)
    assert (decided, paid) == (every_year["supervisor_funding"]["decided_sek"].ore,
                               every_year["supervisor_funding"]["paid_sek"].ore)
    funding = said(FundingScreen)
    assert f"decided {sek(decided)} " in funding and f"paid {sek(paid)} " in funding, funding
    held = sum(y.activities_held for y in dash_years)
    attendance = sum(y.attendance for y in dash_years)
    assert (held, attendance) == (every_year["activities"]["held"],
                                  every_year["activities"]["attendance_total"])
    activities = said(ActivitiesScreen)
    assert f" {held} held " in activities and f"attendance {attendance}:" in activities
    participants = sum(y.participants_total for y in dash_years)
    assert participants == sum(every_year["efforts"]["participants"].values())
    assert f" · {participants} participant" in said(EffortsScreen)
    logged = every_year["structural_work"]["by_measure"]
    structural = said(StructuralScreen)
    assert structural.startswith(f"{sum(logged.values())} piece"), structural
    assert all(f"{code} {n}" in structural for code, n in logged.items()), structural
    today = figures(dashboard, date.today().year, date.today())
    assert f" {today.partners_onboarded} onboarded " in said(PartnersScreen)
