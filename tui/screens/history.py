"""The history: every stored event, newest first, a page at a time, with a filter.

The ledger reads a page at the query (``Ledger.history_page``: rows numbered by their
position in the audit chain, never more than ``PAGE_SIZE`` of them however long the
history is); a filter (``Needle``) is applied as the ledger scans, in a worker.

``enter`` opens an event (its full data and chain hash); ``t`` looks back at the ledger
as of the highlighted event. While the app looks back, the history ends where it does.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from asfledger.queries.history_page import HistoryPage, HistoryRow
from asfledger.queries.snapshot import LookBack
from tui.screens.common import (
    LedgerScreen,
    TableKeys,
    cells,
    format_time,
    subject_words,
    type_words,
    went_wrong,
)
from tui.screens.timetravel import EventDetailScreen

if TYPE_CHECKING:
    from asfledger.ledger import Ledger


# The aggregate types by the words a person may filter a part by (``part:partner``).
_PART_WORDS: dict[str, tuple[str, ...]] = {
    "Partner": ("partner", "partners", "partnern"),
    "Agreement": ("agreement", "agreements", "avtal"),
    "SupervisorFunding": ("funding", "supervisor", "handledare", "handledarfinansiering"),
    "Activity": ("activity", "activities", "aktivitet", "aktiviteter"),
    "StructuralWork": ("structural", "struktur", "strukturarbete"),
    "ActionPlan": ("plan", "action", "handlingsplan", "åtgärd"),
    "Effort": ("effort", "efforts", "insats", "insatser"),
    "Expenditure": ("expenditure", "utgift", "utgifter"),
    "Membership": ("membership", "memberships", "medlemskap"),
    "BoardMeeting": ("board", "styrelse", "styrelsemöte"),
}


@dataclass(frozen=True, slots=True)
class Needle:
    """What a filter asks for: words anywhere (type in either language, subject with
    its name, actor), ``actor:NAME`` and ``part:WORD`` (``part:insats``)."""

    words: tuple[str, ...] = ()
    actor: str = ""
    part: str = ""

    @classmethod
    def parse(cls, raw: str) -> Needle:
        words, actor, part = [], "", ""
        for token in raw.strip().lower().split():
            if token.startswith("actor:") or token.startswith("av:"):
                actor = token.split(":", 1)[1]
            elif token.startswith("part:") or token.startswith("del:"):
                part = token.split(":", 1)[1]
            else:
                words.append(token)
        return cls(tuple(words), actor, part)

    def __bool__(self) -> bool:
        return bool(self.words or self.actor or self.part)

    def matches(self, row: HistoryRow) -> bool:
        if self.actor and self.actor not in row.actor.lower():
            return False
        if self.part:
            aggregate = row.type.split(".", 1)[0]
            names = (aggregate.lower(), *_PART_WORDS.get(aggregate, ()))
            if not any(name.startswith(self.part) for name in names):
                return False
        haystack = "\n".join((row.type, type_words(row.type, "en"),
                              type_words(row.type, "sv"), row.subject,
                              subject_words(row.subject, "en"),
                              subject_words(row.subject, "sv"),
                              row.actor)).lower()
        return all(word in haystack for word in self.words)


def page_of(ledger: Ledger, page: int, needle: str = "", *, until: int | None = None,
            newest_first: bool = True, cancelled: Callable[[], bool] = lambda: False,
            found: Callable[[HistoryPage], None] | None = None) -> HistoryPage:
    """Page ``page`` of the history, or of the rows matching ``needle`` (``Needle``);
    ``found`` is given the filtered page as it stands while the scan goes on."""
    wanted = Needle.parse(needle)
    return ledger.history_page(page, wanted.matches if wanted else None, until=until,
                               newest_first=newest_first, cancelled=cancelled, found=found)


SPINNER_AFTER_S = 0.15  # a page not shown by then gets a spinner
FILTER_AFTER_S = 0.15  # the filter is applied when typing pauses this long
FOUND_EVERY_S = 0.25  # a filter's matches so far are shown at most this often


class HistoryScreen(TableKeys, LedgerScreen):
    TITLE_KEY = "ui.screen.history"
    TABLE = "#events"
    AUTO_FOCUS = "#events"
    BINDINGS: ClassVar[list[BindingType]] = [
        # In F1, not in the footer: an 80-column footer keeps the filter and the app's.
        # PageDown/PageUp move a screen in the table; n/p read the next (older) page.
        *TableKeys.TABLE_BINDINGS,
        Binding("n", "page(1)", "ui.key.next_page", show=False),
        Binding("p", "page(-1)", "ui.key.prev_page", show=False),
        # Before the table's own home/end (the first/last row of the page: g/G do that);
        # in the filter they stay the text's (``check_action``).
        Binding("home", "page_end(0)", "ui.key.first_page", show=False, priority=True),
        Binding("end", "page_end(1)", "ui.key.last_page", show=False, priority=True),
        Binding("slash", "filter", "ui.key.filter", key_display="/"),
        Binding("escape", "clear_filter", "ui.key.clear_filter"),
        Binding("enter", "open_event", "ui.key.event_detail"),
        Binding("t", "look_back_here", "ui.key.look_back_here", show=False),
        Binding("x", "correct", "ui.key.correct", show=False),  # tui/corrections.py
    ]

    def __init__(self) -> None:
        super().__init__(id="history")
        self.page = 0
        self.needle = ""
        self.shown: HistoryPage | None = None
        self._debounce: Timer | None = None
        self._spinner: Timer | None = None  # the spinner, shown only if a page is slow
        self._until_shown: int | None = None
        self.shown_for = ""  # the filter of the rows shown

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history-body"):
            with Horizontal(id="history-bar"):
                yield Input(value=self.needle, placeholder=self.t("ui.history.filter"),
                            id="filter")
                yield Static(id="rows", markup=False)
            yield DataTable[Text](id="events", cursor_type="row", zebra_stripes=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._columns()
        self.query_one("#events", DataTable).focus()
        self.ledger_app.ledger_state.changed.subscribe(self, self._state_changed)
        self.watch(self.app, "look_back", self._looked_back, init=False)
        self.reload()

    def _looked_back(self) -> None:
        self.page = 0
        self.reload()

    def _state_changed(self, snapshot: object) -> None:
        """Looking back to a date: the history ends where the replay did."""
        if self.until != self._until_shown:
            self.reload()

    def on_screen_resume(self) -> None:
        if self.shown is not None and self.until != self._until_shown:
            self.reload()

    @property
    def until(self) -> int | None:
        """The last position shown while the app looks back; None: now."""
        app = self.ledger_app
        if not app.looking_back:
            return None
        state = app.ledger_state
        until = state.until
        if until is None:  # a date: the replay finds where it ends
            state.want()
            return -1
        return until

    def _highlighted_position(self) -> int | None:
        table = self.query_one("#events", DataTable)
        if not table.row_count:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    @on(DataTable.RowSelected, "#events")
    def action_open_event(self) -> None:
        position = self._highlighted_position()
        if position is not None:
            self.app.push_screen(EventDetailScreen(position, self.lang))

    def action_correct(self) -> None:
        from tui.corrections import open_corrections

        open_corrections(self.ledger_app, self._highlighted_position())

    def action_look_back_here(self) -> None:
        position = self._highlighted_position()
        if position is not None:
            self.ledger_app.look_back_to(LookBack(position=position))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "page_end":  # in the filter, home and end move in the text
            return not isinstance(self.app.focused, Input)
        if action == "clear_filter":
            # Nothing to clear: escape goes on to the app (back to now, when looking back).
            return bool(self.needle or self.query_one("#filter", Input).value)
        return True

    def _columns(self) -> None:
        self.query_one("#events", DataTable).add_columns(
            self.t("ui.col.position"), self.t("ui.col.time"), self.t("ui.col.actor"),
            self.t("ui.col.type"), self.t("ui.col.subject"))

    def language_changed(self) -> None:
        self._columns()
        self.query_one("#events", DataTable).focus()
        if self.shown is not None:
            self._show(self.shown)

    def ledger_changed(self, head: int) -> None:
        self.reload()

    def action_page(self, step: int) -> None:
        pages = self.shown.pages if self.shown else 1
        page = max(0, min(self.page + step, pages - 1))
        if page != self.page:
            self.page = page
            self.reload()

    def action_page_end(self, last: int) -> None:
        """The first (newest) page, or the last (oldest): read by position, as any page."""
        self.action_page(10**12 if last else -10**12)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self.query_one("#events", DataTable).focus()

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        if bool(event.value) != bool(self.needle):
            self.refresh_bindings()  # "clear filter" shows or hides
        if event.value.strip().lower() == self.needle:
            return
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(FILTER_AFTER_S, self._apply_filter)

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self._apply_filter()
        self.query_one("#events", DataTable).focus()

    def _apply_filter(self) -> None:
        needle = self.query_one("#filter", Input).value.strip().lower()
        if needle != self.needle:
            if bool(needle) != bool(self.needle):
                self.refresh_bindings()  # "clear filter" shows or hides
            self.needle, self.page = needle, 0
            self.reload()

    def reload(self) -> None:
        """Read the page asked for in a worker; the rows shown stay until it answers (a
        page by position takes milliseconds), with a spinner only if it takes longer."""
        if self._spinner is None:
            self._spinner = self.set_timer(SPINNER_AFTER_S, self._spin)
        until = self.until
        if until == -1:
            return  # the replay will tell where a date ends (``_state_changed``)
        self._load(self.page, self.needle, until)

    @dataclass
    class PageRead(Message, bubble=False):
        """From the worker: a page read until ``until`` for ``needle`` (a filter's
        matches so far, or all of them), or why it could not be read."""

        page: HistoryPage | None
        until: int | None
        needle: str
        error: Exception | None = None

    @work(thread=True, exclusive=True, group="history")
    def _load(self, page: int, needle: str, until: int | None) -> None:
        """A page by position; or a filter's scan, whose matches are shown as they come
        (the next keystroke's scan cancels this one: ``exclusive``)."""
        worker = get_current_worker()
        shown_at = [0.0]

        def found(so_far: HistoryPage) -> None:
            now = time.monotonic()
            if now - shown_at[0] >= FOUND_EVERY_S and not worker.is_cancelled:
                shown_at[0] = now
                self.post_message(self.PageRead(so_far, until, needle))

        try:
            result = page_of(self.ledger_app.ledger, page, needle, until=until,
                             cancelled=lambda: worker.is_cancelled, found=found)
        except Exception as error:  # unreadable storage: say so, go on
            if not worker.is_cancelled:
                self.post_message(self.PageRead(None, until, needle, error))
            return
        if not worker.is_cancelled:
            self.post_message(self.PageRead(result, until, needle))

    @on(PageRead)
    def _page_read(self, message: PageRead) -> None:
        if message.page is not None:
            self._loaded(message.page, message.until, message.needle)
        elif message.error is not None:
            self._failed(message.error)

    def _spin(self) -> None:
        self.query_one("#events", DataTable).loading = True

    def _answered(self) -> None:
        if self._spinner is not None:
            self._spinner.stop()
            self._spinner = None
        self.query_one("#events", DataTable).loading = False

    def _failed(self, error: Exception) -> None:
        self._answered()
        self.notify(went_wrong(error, self.lang), severity="error")

    def _loaded(self, result: HistoryPage, until: int | None = None,
                needle: str = "") -> None:
        if needle != self.needle:
            return  # a filter's rows that came after the filter changed
        self.page = result.page
        self._until_shown = until
        self.shown_for = needle
        self._show(result)

    def _show(self, result: HistoryPage) -> None:
        self.shown = result
        self._answered()
        table = self.query_one("#events", DataTable)
        cursor = table.cursor_row if table.row_count else 0
        table.clear()
        for row in result.rows:
            table.add_row(*cells(row.position, format_time(row.time), row.actor,
                                 type_words(row.type, self.lang),
                                 subject_words(row.subject, self.lang)),
                          key=str(row.position))
        if table.row_count and cursor:  # matches replaced as they come: stay on the row
            table.move_cursor(row=min(cursor, table.row_count - 1))
        status = (self.t("ui.history.rows", first=result.first, last=result.last,
                         total=result.total, page=result.page + 1, pages=result.pages)
                  if result.rows else self.t("ui.history.none"))
        if result.searched is not None:
            status = self.t("ui.history.searching", searched=result.searched,
                            events=self._until_shown or self.ledger_app.head,
                            total=result.total)
        self.query_one("#rows", Static).update(status)
