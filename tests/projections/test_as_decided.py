"""Looking back "as decided" on a day (issue 19): the dashboard's flows of that day's year
count only what took effect by the day (a payment made in August is not yet made on
30 June), whenever it was recorded; looking back "as recorded" is another question."""

from __future__ import annotations

from datetime import date

import pytest

from asfledger.demo import demo_commands
from asfledger.ledger import Ledger
from asfledger.queries.snapshot import LookBack
from domain import commands as c
from domain.values import parse_sek
from projections.dashboard import DashboardState, figures

DAY = date(2025, 6, 30)
HISTORY = demo_commands(years=2, seed=1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = tmp_path_factory.mktemp("as-decided") / "demo.sqlite"
    with Ledger(str(db), actor="demo") as ledger:
        ledger.execute(HISTORY)
    return str(db)


def dashboard(db: str, look_back: LookBack | None) -> DashboardState:
    with Ledger(db, read_only=True) as ledger:
        model = ledger.snapshot(look_back, models=[DashboardState]).models[DashboardState.name]
    assert isinstance(model, DashboardState)
    return model


def paid_by(day: date) -> int:
    """Supervisor funding paid in ``day``'s year up to ``day`` (öre), from the commands,
    less the payments reversed (a reversal takes back its payment, whenever it is made)."""
    reversed_ = {(x.ref, x.voucher_ref) for x in HISTORY if isinstance(x, c.ReversePayment)}
    return sum(parse_sek(x.amount_sek) for x in HISTORY
               if isinstance(x, c.PaySupervisorFunding) and x.paid_on.year == day.year
               and x.paid_on <= day and (x.ref, x.voucher_ref) not in reversed_)


def test_as_decided_counts_only_what_took_effect_by_the_day(demo: str) -> None:
    whole_year = figures(dashboard(demo, None), DAY.year, date(DAY.year, 12, 31))
    by_the_day = figures(dashboard(demo, LookBack(decided_on=DAY)), DAY.year, DAY)
    assert by_the_day.funding_paid_ore == paid_by(DAY)
    # The demo pays, spends and holds activities in the second half of 2025 too.
    assert by_the_day.funding_paid_ore < whole_year.funding_paid_ore
    assert by_the_day.expenditure_ore < whole_year.expenditure_ore
    assert by_the_day.activities_held < whole_year.activities_held


def test_the_kept_up_dashboard_counts_every_day_of_the_year(demo: str) -> None:
    """Without a look back the model is the one saved and kept up: nothing is cut."""
    state = dashboard(demo, None)
    assert figures(state, DAY.year, date(DAY.year, 12, 31)).funding_paid_ore \
        == paid_by(date(DAY.year, 12, 31))
