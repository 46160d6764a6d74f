"""The board's report (SPEC §4): preview a year, a quarter or a month, and export it.

The history is folded once (``Ledger.board_report``: the report and the compliance proof,
the fold ``asfledger report board`` asks one period of, in a thread worker, its progress
on a bar; ``escape`` cancels it, ``p`` runs it again) and again only when the ledger
grows; every period is then a pure function of the fold, so stepping through periods with
``[`` and ``]`` is instant. The preview is the Markdown pack of ``asfledger report board
--format md`` in the app's language. ``e`` exports it as md, json, csv or html to a file,
written in a worker; an existing file is replaced only after a yes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.markdown import Markdown
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, Header, Input, Label, ProgressBar, Select, Static
from textual.worker import get_current_worker

from asfledger.queries.report import BoardFold
from asfledger.reports.board import ALL_FORMATS, render, render_bytes
from domain.values import Period
from domain.words import fill
from tui.screens.common import LedgerScreen, went_wrong
from tui.text import PERIOD_KINDS
from tui.widgets.confirm import ConfirmDialog

KINDS = ("year", "quarter", "month")


def period_code(kind: str, day: date) -> str:
    """The period of ``kind`` that contains ``day``: ``2026``, ``2026-Q2``, ``2026-05``."""
    if kind == "year":
        return str(day.year)
    if kind == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def step_period(period: Period, step: int) -> Period:
    """The period ``step`` periods of the same kind after (or before) ``period``."""
    start = period.start
    if period.kind == "year":
        return Period.parse(str(start.year + step))
    months = 3 if period.kind == "quarter" else 1
    index = start.year * 12 + start.month - 1 + step * months
    return Period.parse(period_code(period.kind, date(index // 12, index % 12 + 1, 1)))


def change_kind(period: Period, kind: str, today: date) -> Period:
    """``period`` as a period of ``kind``: the one containing today if the period does,
    else the one it starts with (``2025`` as a quarter: ``2025-Q1``)."""
    anchor = today if period.covers(today) else period.start
    return Period.parse(period_code(kind, anchor))


def default_path(period: Period, fmt: str) -> str:
    return f"board-report-{period.code}.{fmt}"


_PERIOD = Binding.Group("ui.key.period")  # "[ ] Period" in the footer


class _Stopped(Exception):
    """The fold was cancelled (escape, a newer fold, or the screen went away)."""


class ReportsScreen(LedgerScreen):
    TITLE_KEY = "ui.screen.reports"
    AUTO_FOCUS = "#report-scroll"
    DEFAULT_CSS = """
    ReportsScreen #report-bar, ReportsScreen #export-bar { height: auto; padding: 0 1; }
    ReportsScreen #report-kind { width: 18; }
    ReportsScreen #report-period { width: 16; }
    ReportsScreen #report-status { width: 1fr; padding: 1 1 0 1; color: $text-muted; }
    ReportsScreen #report-progress { width: auto; padding: 1 1 0 0; }
    ReportsScreen #report-progress.-done { display: none; }
    ReportsScreen #report-scroll {
        height: 1fr; margin: 0 1; border: round $primary 40%; padding: 0 1;
    }
    ReportsScreen #export-format { width: 12; }
    ReportsScreen #export-path { width: 1fr; }
    ReportsScreen #export-label { padding: 1 1 0 0; }
    ReportsScreen .-invalid { border: tall $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "step(-1)", "ui.key.prev_period", key_display="[",
                id="reports.prev", group=_PERIOD),
        Binding("right_square_bracket", "step(1)", "ui.key.next_period", key_display="]",
                id="reports.next", group=_PERIOD),
        Binding("g", "cycle_kind", "ui.key.period_kind", id="reports.kind", show=False),
        Binding("e", "export", "ui.key.export", id="reports.export"),
        # Only while the fold runs (``check_action``): else escape goes back, as anywhere.
        Binding("escape", "cancel", "ui.key.cancel_run", id="reports.cancel"),
        Binding("p", "run", "ui.key.run_again", id="reports.run", show=False),
    ]

    class Progressed(Message):
        """From the fold's worker: ``done`` of the fold's events (both passes)."""

        def __init__(self, run: int, done: int) -> None:
            super().__init__()
            self.run, self.done = run, done

    class Ended(Message):
        """From the fold's worker: it ended, folded (``folded``), failed or cancelled."""

        def __init__(self, run: int, folded: BoardFold | None,
                     error: Exception | None) -> None:
            super().__init__()
            self.run, self.folded, self.error = run, folded, error

    def __init__(self) -> None:
        super().__init__(id="reports")
        self.period = Period.parse(str(date.today().year))
        self.format = "md"
        self.path = default_path(self.period, self.format)
        self.path_edited = False  # the user typed a path: keep it when the period changes
        self.folded: BoardFold | None = None
        self.run = 0  # the fold asked for last; an older one's messages are ignored
        self.running = False
        self.cancelled = False  # the last fold was cancelled (escape)
        self.total = 0  # events to fold: twice the head (the report's pass, the proof's)
        self.done = 0
        self.markdown = ""  # the preview shown
        self.exported: Path | None = None  # the last file written

    def compose(self) -> ComposeResult:
        t = self.t
        yield Header()
        with Horizontal(id="report-bar"):
            # No type-to-search: ``g`` (the next kind of period) reaches the screen.
            yield Select([(fill(PERIOD_KINDS[k], self.lang), k) for k in KINDS], id="report-kind",
                         value=self.period.kind, allow_blank=False, type_to_search=False)
            yield Input(self.period.code, id="report-period",
                        placeholder="2026 · 2026-Q2 · 2026-05")
            yield Static(id="report-status", markup=False)
            yield ProgressBar(id="report-progress", show_eta=False)
        with VerticalScroll(id="report-scroll"):
            yield Static(id="report-preview")
        with Horizontal(id="export-bar"):
            yield Label(t("ui.report.export_as"), id="export-label")
            yield Select([(f, f) for f in ALL_FORMATS], id="export-format", value=self.format,
                         allow_blank=False)
            yield Input(self.path, id="export-path", placeholder=t("ui.report.path"))
            yield Button(t("ui.report.export"), id="export", variant="primary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self.reload()

    def language_changed(self) -> None:
        self.query_one("#report-scroll").focus()
        self._show()

    def ledger_changed(self, head: int) -> None:
        self.reload()

    # -- the period ----------------------------------------------------------------------
    def _set_period(self, period: Period) -> None:
        self.period = period
        with self.prevent(Input.Changed, Select.Changed):
            self.query_one("#report-period", Input).value = period.code
            self.query_one("#report-kind", Select).value = period.kind
        self.query_one("#report-period", Input).remove_class("-invalid")
        if not self.path_edited:
            self._set_path(default_path(period, self.format))
        self._show()

    def _set_path(self, path: str) -> None:
        self.path = path
        with self.prevent(Input.Changed):
            self.query_one("#export-path", Input).value = path

    def action_step(self, step: int) -> None:
        self._set_period(step_period(self.period, step))

    def action_cycle_kind(self) -> None:
        kind = KINDS[(KINDS.index(self.period.kind) + 1) % len(KINDS)]
        self._set_period(change_kind(self.period, kind, date.today()))

    @on(Select.Changed, "#report-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str) and event.value != self.period.kind:
            self._set_period(change_kind(self.period, event.value, date.today()))

    @on(Input.Changed, "#report-period")
    def _period_typed(self, event: Input.Changed) -> None:
        """Validated as you type, with the command line's rule (``report.bad_period``)."""
        try:
            period = Period.parse(event.value.strip())
        except ValueError:
            event.input.add_class("-invalid")
            self._status(self.t("report.bad_period", value=event.value.strip()))
            return
        event.input.remove_class("-invalid")
        if period != self.period:
            self._set_period(period)

    # -- the preview ---------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel":
            return self.running
        return True

    def reload(self) -> None:
        """Fold the history again, in a worker (a newer fold cancels an older one)."""
        self.run += 1
        self.total, self.done = 2 * self.ledger_app.ledger.head(), 0
        self.running, self.cancelled = True, False
        self.query_one("#report-scroll").loading = self.folded is None
        self._progress()
        self.refresh_bindings()
        self._fold(self.run)

    def action_run(self) -> None:
        if not self.running:
            self.reload()

    def action_cancel(self) -> None:
        """Stop the fold: it stops at its next progress (every thousand events)."""
        if self.running:
            self.workers.cancel_group(self, "reports")
            self.cancelled = True

    @work(thread=True, exclusive=True, group="reports")
    def _fold(self, run: int) -> None:
        worker = get_current_worker()

        def advance(done: int) -> None:
            if worker.is_cancelled:
                raise _Stopped
            self.post_message(self.Progressed(run, done))

        folded: BoardFold | None = None
        error: Exception | None = None
        try:
            folded = self.ledger_app.ledger.board_report(progress=advance)
        except _Stopped:
            pass
        except Exception as e:  # an unreadable history or storage gone: say so, go on
            error = e
        self.post_message(self.Ended(run, folded, error))

    @on(Progressed)
    def _progressed(self, message: Progressed) -> None:
        if message.run == self.run and self.running:
            self.done = min(message.done, self.total)
            self._progress()

    @on(Ended)
    def _ended(self, message: Ended) -> None:
        if message.run != self.run:
            return
        self.running = False
        self.refresh_bindings()
        self.query_one("#report-scroll").loading = False
        if message.folded is not None:
            self.folded, self.done = message.folded, self.total
            self._progress()
            self._show()
        elif message.error is not None:
            self._failed(message.error)
        else:
            self.cancelled = True
            self._progress()
            self._status(self.t("ui.report.cancelled", done=self.done, total=self.total))

    def _progress(self) -> None:
        bar = self.query_one("#report-progress", ProgressBar)
        bar.update(total=max(self.total, 1), progress=self.done)
        bar.set_class(not self.running, "-done")
        if self.running:
            self._status(self.t("ui.report.running", done=self.done, total=self.total))

    def _failed(self, error: Exception) -> None:
        message = went_wrong(error, self.lang)
        self._status(message)
        self.notify(message, severity="error")

    def _status(self, text: str) -> None:
        self.query_one("#report-status", Static).update(text)

    def _show(self) -> None:
        if self.folded is None or not self.is_mounted:
            return
        figures = self.folded.figures(self.period)
        self.markdown = render(figures, "md", self.lang, period=self.period)
        # Rich renders the pack in one widget: Textual's Markdown widget mounts a widget per
        # block and table, which takes seconds for a report.
        self.query_one("#report-preview", Static).update(Markdown(self.markdown))
        if self.running:  # an earlier fold is shown while the new one runs
            self._progress()
        elif self.cancelled:
            self._status(self.t("ui.report.cancelled", done=self.done, total=self.total))
        else:
            self._status(self.t("ui.report.status", start=self.period.start.isoformat(),
                                end=self.period.end.isoformat(), events=self.folded.head))

    # -- export --------------------------------------------------------------------------
    @on(Select.Changed, "#export-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.format = event.value
            if not self.path_edited:
                self._set_path(default_path(self.period, self.format))

    @on(Input.Changed, "#export-path")
    def _path_typed(self, event: Input.Changed) -> None:
        self.path = event.value
        typed = event.value.strip()
        self.path_edited = typed not in ("", default_path(self.period, self.format))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        if self.folded is None:
            return
        path = Path(self.path.strip() or default_path(self.period, self.format)).expanduser()
        if path.is_dir():
            path = path / default_path(self.period, self.format)
        if path.exists():
            def answered(yes: bool | None) -> None:
                if yes:
                    self._export(path)
            self.app.push_screen(ConfirmDialog(
                "", [], self.lang, question=self.t("ui.report.replace", path=str(path)),
                yes=self.t("ui.report.replace_yes"), no=self.t("ui.report.replace_no"),
                keys=("ui.report.replace_yes", "ui.report.replace_no"), careful=True,
                id="replace-file"), answered)
            return
        self._export(path)

    def _export(self, path: Path) -> None:
        assert self.folded is not None
        figures = self.folded.figures(self.period)
        self._write(figures, self.format, self.period, path)

    class Exported(Message, bubble=False):
        """From the export's worker: ``path`` written, or why not (``problem``)."""

        def __init__(self, path: Path, problem: str | None = None) -> None:
            super().__init__()
            self.path, self.problem = path, problem

    @work(thread=True, exclusive=True, group="report-export")
    def _write(self, figures: dict[str, Any], fmt: str, period: Period, path: Path) -> None:
        data = render_bytes(figures, fmt, self.lang, period=period)  # xlsx is binary
        try:
            path.write_bytes(data)
        except OSError as e:
            problem = self.t("report.unwritable", path=path, error=e.strerror or e)
            self.post_message(self.Exported(path, problem))
            return
        self.post_message(self.Exported(path))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        if message.problem is not None:
            self._export_failed(message.problem)
        else:
            self._written(message.path)

    def _written(self, path: Path) -> None:
        self.exported = path
        message = self.t("report.written", path=path)
        self._status(message)
        self.notify(message, timeout=5)

    def _export_failed(self, message: str) -> None:
        self._status(message)
        self.notify(message, severity="error")
