"""One figure, one definition (issue 19): a figure shown in more than one place — the
dashboard (a saved read model), the efforts screen (the replayed aggregates), the board
report (a period's fold) and the 360Giving export (its grants) — is the same number
everywhere, on random histories.

The histories are the demo's, from a random seed, with some participant reports made
again for the same effort and period with other counts: a later report replaces the
earlier one everywhere (the dashboard used to add them: 152 → 155 while the board report
said 148).
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
from asfledger.ledger import Ledger
from domain import commands as c
from domain.aggregates import Effort, Partner, SupervisorFunding
from domain.values import Period
from projections.board_report import BoardReport
from projections.dashboard import figures, fold
from projections.figures import effort_participants
from projections.giving360 import grants

TODAY = date(2026, 6, 30)  # a fixed day: the demo's history is the same on any day
LATER = date(2100, 1, 1)  # every year of the history is over: stocks as of 31 December


def rereported(history: list[c.Command], picks: list[int],
               counts: list[int]) -> list[c.Command]:
    """``history`` and, at its end, participant reports made again (other counts)."""
    reports = [x for x in history if isinstance(x, c.ReportParticipants)]
    again: list[c.Command] = []
    for pick, n in zip(picks, counts, strict=False):
        if reports:
            first = reports[pick % len(reports)]
            again.append(c.ReportParticipants(ref=first.ref, period=first.period, counts={
                "long_term_unemployed": c.GenderCounts(women=n, men=1)}))
    return [*history, *again]


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.integers(0, 10_000), picks=st.lists(st.integers(0, 500), min_size=1, max_size=6),
       counts=st.lists(st.integers(0, 30), min_size=6, max_size=6))
def test_the_dashboard_the_efforts_screen_and_the_board_report_agree(
        seed: int, picks: list[int], counts: list[int]) -> None:
    history = rereported(demo_commands(2, seed, today=TODAY), picks, counts)
    with tempfile.TemporaryDirectory() as tmp, \
            Ledger(str(Path(tmp) / "ledger.sqlite"), actor="test") as ledger:
        ledger.execute(history)
        events = list(ledger_events(ledger.store, cipher=ledger.cipher))
        efforts = [ledger.get(Effort, x.ref) for x in history
                   if isinstance(x, c.StartEffort)]
        fundings = [f for x in history if isinstance(x, c.DecideSupervisorFunding)
                    if (f := ledger.get(SupervisorFunding, x.ref)) is not None]
        partners = {x.org_nr: p for x in history if isinstance(x, c.RegisterPartner)
                    if (p := ledger.get(Partner, x.org_nr)) is not None}
    published = grants(fundings, [], partners, "en")  # 360Giving: the fundings' grants
    dashboard = fold(events)
    board = BoardReport().feed_all(events)
    years = sorted({*dashboard.years(), TODAY.year})
    for year in years:
        period = Period.parse(str(year))
        dash = figures(dashboard, year, LATER)
        report = board.figures(period)
        reported = {g: n for g, n in report["efforts"]["participants"].items() if n}
        assert dash.participants == reported, year
        assert dash.participants_total == sum(
            effort_participants(e, period) for e in efforts if e is not None), year
        assert dash.expenditure_ore == report["expenditure"]["total_sek"].ore, year
        funding = report["supervisor_funding"]
        assert dash.funding_decided_ore == funding["decided_sek"].ore, year
        assert dash.funding_decided_ore == sum(
            int(Decimal(g["amountAwarded"]) * 100) for g in published
            if g["awardDate"].startswith(str(year))), year
        assert dash.funding_paid_ore == funding["paid_sek"].ore, year
        assert dash.activities_held == report["activities"]["held"], year
        assert dash.attendance == report["activities"]["attendance_total"], year
        assert dash.partners_onboarded == report["partners"]["onboarded"], year
        assert dash.partners_onboarded_in_year == report["partners"]["onboarded_in_period"]
