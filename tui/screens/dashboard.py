"""The dashboard of a year: partners, supervisor funding, activities, the action plan,
participants, expenditure and the latest decisions. ``[`` and ``]`` switch year."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from domain.reference import TARGET_GROUPS
from projections.dashboard import DashboardFigures, DashboardState, figures, fold_history
from tui.screens.common import LedgerScreen, cells, format_sek, format_time


class DashboardScreen(LedgerScreen):
    TITLE_KEY = "ui.screen.dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "year(-1)", "ui.key.prev_year", key_display="["),
        Binding("right_square_bracket", "year(1)", "ui.key.next_year", key_display="]"),
        Binding("r", "reload", "ui.key.reload"),
    ]

    year: reactive[int] = reactive(date.today().year, init=False)

    def __init__(self) -> None:
        super().__init__(id="dashboard")
        self.year = date.today().year
        self.state: DashboardState | None = None
        self.figures: DashboardFigures | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dashboard-body"):
            yield Static(id="dash-title", classes="screen-title", markup=False)
            with Grid(id="dash-grid"):
                for panel in ("partners", "funding", "activities", "plan", "participants",
                              "expenditure"):
                    box = Static(id=panel, classes="panel", markup=False)
                    box.border_title = self.t(f"ui.dash.{panel}")
                    yield box
            latest = DataTable[Text](id="latest", cursor_type="row", zebra_stripes=True)
            latest.border_title = self.t("ui.dash.latest")
            yield latest
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self._columns()
        self.reload()

    def _columns(self) -> None:
        table = self.query_one("#latest", DataTable)
        table.add_columns(self.t("ui.col.position"), self.t("ui.col.time"),
                          self.t("ui.col.actor"), self.t("ui.col.type"),
                          self.t("ui.col.subject"))

    def language_changed(self) -> None:
        self._columns()
        self._show()

    def ledger_changed(self, head: int) -> None:
        self.reload()

    def watch_year(self) -> None:
        self._show()

    def action_year(self, step: int) -> None:
        self.year += step

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Fold the history again, off the UI thread; the panels show a spinner meanwhile."""
        self.query_one("#dashboard-body").loading = True
        self._fold()

    @work(thread=True, exclusive=True, group="dashboard")
    def _fold(self) -> None:
        state = fold_history(self.ledger_app.ledger.recorder)
        self.app.call_from_thread(self._folded, state)

    def _folded(self, state: DashboardState) -> None:
        self.state = state
        self.query_one("#dashboard-body").loading = False
        self._show()

    def _show(self) -> None:
        if self.state is None or not self.is_mounted:
            return
        f = self.figures = figures(self.state, self.year)
        t = self.t
        sek = self._sek
        title = t("ui.dash.title", year=f.year, day=f.as_of.isoformat(), events=f.events)
        self.query_one("#dash-title", Static).update(title)
        self._panel("partners", t("ui.dash.partners_onboarded", count=f.partners_onboarded,
                                  day=f.as_of.isoformat()),
                    t("ui.dash.partners_in_year", count=f.partners_onboarded_in_year))
        self._panel("funding", t("ui.dash.funding_decided", count=f.fundings_decided,
                                 amount=sek(f.funding_decided_ore)),
                    t("ui.dash.funding_paid", amount=sek(f.funding_paid_ore)))
        self._panel("activities", t("ui.dash.activities_held", count=f.activities_held),
                    t("ui.dash.attendance", count=f.attendance))
        if f.plan_exists:
            plan = [t("ui.dash.plan_progress", completed=f.actions_completed,
                      total=f.actions_total, dropped=f.actions_dropped),
                    t("ui.dash.plan_adopted", day=f.plan_adopted_on) if f.plan_adopted_on
                    else t("ui.dash.plan_draft")]
            plan += [f"{m}  {p.completed}/{p.total}" for m, p in f.actions_by_measure.items()]
        else:
            plan = [t("ui.dash.plan_none", year=f.year)]
        self._panel("plan", *plan)
        groups = [f"{TARGET_GROUPS[g].text(self.lang) if g in TARGET_GROUPS else g}: {n}"
                  for g, n in f.participants.items()]
        self._panel("participants", t("ui.dash.participants_total",
                                      count=f.participants_total), *groups)
        self._panel("expenditure", t("ui.dash.expenditure_total",
                                     amount=sek(f.expenditure_ore)),
                    t("ui.dash.expenditure_funding", amount=sek(f.funding_paid_ore)))
        table = self.query_one("#latest", DataTable)
        table.clear()
        for d in f.latest:
            table.add_row(*cells(d.position, format_time(d.time), d.actor, d.type,
                                 d.subject), key=str(d.position))

    def _sek(self, ore: int) -> str:
        return format_sek(ore, self.lang)

    def _panel(self, panel: str, *lines: str) -> None:
        self.query_one(f"#{panel}", Static).update("\n".join(lines))
