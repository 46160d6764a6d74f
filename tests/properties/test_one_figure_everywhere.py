"""One figure, one definition (issue 19), as the coordinator reads it: on random
histories (the demo's, from a random seed, with participant reports made again), each
figure the dashboard shows for the years is the same text on the part's own screen —
expenditure, supervisor funding decided and paid, activities held and their attendance,
participants of efforts, partners onboarded today — and the board report and 360Giving
agree with the dashboard year by year (``tests/projections/test_one_figure.py``).

The screens' summary lines are made by their own ``summarise`` (no app needed), from the
``Snapshot`` the UI reads; the dashboard's figures by ``projections.dashboard``.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from domain.money import Money
from projections.dashboard import figures, fold
from tests.projections.test_one_figure import LATER, TODAY, rereported
from tui.screens.parts.activities import ActivitiesScreen
from tui.screens.parts.efforts import EffortsScreen
from tui.screens.parts.expenditure import ExpenditureScreen
from tui.screens.parts.funding import FundingScreen
from tui.screens.parts.partners import PartnersScreen


def sek(ore: int) -> str:
    return Money(ore).text("en")


@settings(max_examples=3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.integers(0, 10_000), picks=st.lists(st.integers(0, 500), min_size=1, max_size=4),
       counts=st.lists(st.integers(0, 30), min_size=4, max_size=4))
def test_the_dashboard_s_figures_are_the_part_screens_figures(
        seed: int, picks: list[int], counts: list[int]) -> None:
    history = rereported(demo_commands(2, seed, today=TODAY), picks, counts)
    with tempfile.TemporaryDirectory() as tmp, \
            Ledger(str(Path(tmp) / "ledger.sqlite"), actor="test") as ledger:
        ledger.execute(history)
        snapshot = ledger.snapshot()
        events = list(ledger_events(ledger.store, cipher=ledger.cipher))
    dashboard = fold(events)
    years = [figures(dashboard, int(year), LATER) for year in sorted(dashboard.flows)]
    today = figures(dashboard, date.today().year, date.today())

    def said(screen: type[ExpenditureScreen | FundingScreen | ActivitiesScreen
                         | EffortsScreen | PartnersScreen]) -> str:
        return screen().summarise(snapshot, "en")

    expenditure = said(ExpenditureScreen)
    assert f"Total {sek(sum(y.expenditure_ore for y in years))} " in expenditure, expenditure
    funding = said(FundingScreen)
    assert f"decided {sek(sum(y.funding_decided_ore for y in years))} " in funding, funding
    assert f"paid {sek(sum(y.funding_paid_ore for y in years))} " in funding, funding
    activities = said(ActivitiesScreen)
    assert f" {sum(y.activities_held for y in years)} held " in activities, activities
    assert f"attendance {sum(y.attendance for y in years)}:" in activities, activities
    efforts = said(EffortsScreen)
    total = sum(y.participants_total for y in years)
    assert f" · {total} participant" in efforts, efforts
    partners = said(PartnersScreen)
    assert f" {today.partners_onboarded} onboarded " in partners, partners
