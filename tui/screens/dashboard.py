"""The dashboard of a year: partners, supervisor funding, activities, the action plan,
participants, expenditure and the latest decisions. ``[`` and ``]`` switch year.

The figures come from the dashboard's read model, saved in the ledger: opening catches it
up (only the events recorded since it was saved, none when it is up to date) and shows
it; when the ledger grows it is caught up again. ``R`` rebuilds it from the whole history.
On a read-only ledger it catches up in memory and nothing is saved.

While the user looks back (``T``), the dashboard shows the figures as they were: the
app's replay folds the same read model over the history up to then
(``LedgerState.fold_when_looking_back``), a date's stocks are counted on that date and
its year is shown. Back to now, the live figures and the year shown before return.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import DataTable, Footer, Header, Static

from asfledger.queries.snapshot import LookBack
from asfledger.readmodels import Tracked
from domain.money import Money
from domain.reference import target_group_name
from projections.dashboard import DashboardFigures, DashboardState, figures
from tui.screens.common import LedgerScreen, cells, format_time, type_words, went_wrong
from tui.state import look_back_words

_YEAR = Binding.Group("ui.key.year")  # "[ ] Year" in the footer


class DashboardScreen(LedgerScreen):
    TITLE_KEY = "ui.screen.dashboard"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "year(-1)", "ui.key.prev_year", key_display="[",
                group=_YEAR),
        Binding("right_square_bracket", "year(1)", "ui.key.next_year", key_display="]",
                group=_YEAR),
        # Not ``r``: that is the app's "Record …", on the dashboard too.
        Binding("R", "reload", "ui.key.reload", key_display="R", show=False),
    ]

    year: reactive[int] = reactive(date.today().year, init=False)

    def __init__(self) -> None:
        super().__init__(id="dashboard")
        self.year = date.today().year
        self.tracked: Tracked[DashboardState] | None = None
        self.figures: DashboardFigures | None = None
        self._year_now: int | None = None  # the year shown before looking back to a date

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="dashboard-body"):
            yield Static(id="dash-title", classes="screen-title", markup=False)
            with Grid(id="dash-grid"):
                for panel, title in (
                        ("partners", "ui.dash.partners"), ("funding", "ui.dash.funding"),
                        ("activities", "ui.dash.activities"), ("plan", "ui.dash.plan"),
                        ("participants", "ui.dash.participants"),
                        ("expenditure", "ui.dash.expenditure")):
                    box = Static(id=panel, classes="panel", markup=False)
                    box.border_title = self.t(title)
                    yield box
            latest = DataTable[Text](id="latest", cursor_type="row", zebra_stripes=True)
            latest.border_title = self.t("ui.dash.latest")
            yield latest
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._columns()
        self.query_one("#dashboard-body").loading = True  # a spinner until caught up
        ledger_state = self.ledger_app.ledger_state
        ledger_state.fold_when_looking_back(DashboardState)
        ledger_state.changed.subscribe(self, self._then_changed)
        self.watch(self.app, "look_back", self._looked_back, init=False)
        self._catch_up(rebuilding=False)

    def _columns(self) -> None:
        table = self.query_one("#latest", DataTable)
        table.add_columns(self.t("ui.col.position"), self.t("ui.col.time"),
                          self.t("ui.col.actor"), self.t("ui.col.type"),
                          self.t("ui.col.subject"))

    def language_changed(self) -> None:
        self._columns()
        self._show()

    @property
    def state(self) -> DashboardState | None:
        """The read model shown (a new object after each catch-up); while looking back,
        the one folded up to then (None until the replay has finished)."""
        if self.ledger_app.looking_back:
            snapshot = self.ledger_app.ledger_state.current
            then = snapshot.models.get(DashboardState.name) if snapshot else None
            return then if isinstance(then, DashboardState) else None
        return self.tracked.model if self.tracked is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "reload":  # rebuilding saves the read model: not while looking back
            return not self.ledger_app.looking_back
        return True

    def _looked_back(self, look_back: LookBack | None) -> None:
        as_of = look_back.day if look_back is not None else None
        if as_of is not None:  # the year of the date looked back to
            if self._year_now is None:
                self._year_now = self.year
            self.year = as_of.year
        elif look_back is None and self._year_now is not None:
            self.year, self._year_now = self._year_now, None
        self._waiting()
        self._show()

    def _then_changed(self, snapshot: object) -> None:
        """The app's replay finished: while looking back, it holds the figures shown."""
        if self.ledger_app.looking_back and self.is_mounted:
            self._waiting()
            self._show()

    def _waiting(self) -> None:
        """A spinner while the figures to show are on their way."""
        app = self.ledger_app
        waiting = (app.ledger_state.current is None if app.looking_back
                   else self.tracked is None)
        self.query_one("#dashboard-body").loading = waiting

    def _today(self) -> date:
        """The day stocks are counted on: the date looked back to, else today."""
        look_back = self.ledger_app.look_back
        if look_back is not None and look_back.day is not None:
            return look_back.day
        return date.today()

    def ledger_changed(self, head: int) -> None:
        self._catch_up(rebuilding=False)

    def watch_year(self) -> None:
        self._show()

    def action_year(self, step: int) -> None:
        self.year += step

    def action_reload(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Rebuild the read model from the whole history, off the UI thread; the panels
        show a spinner meanwhile."""
        self.query_one("#dashboard-body").loading = True
        self._catch_up(rebuilding=True)

    @dataclass
    class CaughtUp(Message, bubble=False):
        """From the worker: the read model caught up (``tracked``), or why not."""

        tracked: Tracked[DashboardState] | None
        error: Exception | None = None

    @work(thread=True, exclusive=True, group="dashboard")
    def _catch_up(self, rebuilding: bool) -> None:
        ledger = self.ledger_app.ledger
        try:
            tracked = ledger.read_model(DashboardState, start=self.tracked,
                                        rebuilt=rebuilding)
        except Exception as error:  # unreadable or unreachable storage: say so, go on
            self.post_message(self.CaughtUp(None, error))
            return
        self.post_message(self.CaughtUp(tracked))

    @on(CaughtUp)
    def _on_caught_up(self, message: CaughtUp) -> None:
        if message.tracked is not None:
            self._caught_up(message.tracked)
        elif message.error is not None:
            self._failed(message.error)

    def _caught_up(self, tracked: Tracked[DashboardState]) -> None:
        current = self.tracked
        # Workers may finish out of order: never go back to an older state.
        if current is None or tracked.head.position >= current.head.position:
            self.tracked = tracked
        self._waiting()
        self._show()

    def _failed(self, error: Exception) -> None:
        self.query_one("#dashboard-body").loading = False
        self.notify(went_wrong(error, self.lang), severity="error")

    def _show(self) -> None:
        state = self.state
        if state is None or not self.is_mounted:
            return
        f = self.figures = figures(state, self.year, self._today())
        t = self.t
        sek = self._sek
        title = t("ui.dash.title", year=f.year, day=f.as_of.isoformat(), events=f.events)
        look_back = self.ledger_app.look_back
        if look_back is not None:  # say how: as recorded, as decided, or at a position
            title = t("ui.dash.title_back", year=f.year, when=look_back_words(look_back, self.lang),
                      events=f.events)
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
                    t("ui.dash.plan_adopted", day=f.plan_adopted_on.isoformat())
                    if f.plan_adopted_on
                    else t("ui.dash.plan_draft")]
            plan += [f"{m}  {p.completed}/{p.total}" for m, p in f.actions_by_measure.items()]
        else:
            plan = [t("ui.dash.plan_none", year=f.year)]
        if not f.plan_adopted_on:
            # R8, as the proof says it: a year that ended without an adopted plan is a
            # violation; the running year is open (neither a violation nor proven).
            plan.append(t("ui.dash.plan_r8_missing" if f.year < f.as_of.year
                          else "ui.dash.plan_r8_open", year=f.year))
        self._panel("plan", *plan)
        groups = [f"{target_group_name(g, self.lang)}: {n}"
                  for g, n in f.participants.items()]
        self._panel("participants", t("ui.dash.participants_total",
                                      count=f.participants_total), *groups)
        self._panel("expenditure", t("ui.dash.expenditure_total",
                                     amount=sek(f.expenditure_ore)),
                    t("ui.dash.expenditure_funding", amount=sek(f.funding_paid_ore)))
        table = self.query_one("#latest", DataTable)
        table.clear()
        for d in f.latest:
            table.add_row(*cells(d.position, format_time(d.time.isoformat()), d.actor,
                                 type_words(d.type, self.lang),
                                 d.subject), key=str(d.position))

    def _sek(self, ore: int) -> str:
        return Money(ore).text(self.lang)

    def _panel(self, panel: str, *lines: str) -> None:
        self.query_one(f"#{panel}", Static).update("\n".join(lines))
