"""A screen for each part of the policy: a list with a detail pane.

Every part screen reads the app's one replayed state (``tui.state``), now or as it was
while the user looks back. Its rows are built in a thread worker, sorted the way the
coordinator reads them (newest first for what is dated), filtered with ``/`` and shown a
page at a time, so a table never holds more than ``PAGE_SIZE`` rows. The highlighted
row's detail shows beside the list; ``enter`` opens it full size."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from asfledger.queries.snapshot import Snapshot
from domain.money import Money
from domain.reference import DISTRICTS, LEGAL_FORMS
from domain.words import fill
from projections.timeline import printable_line, term
from tui.export import export_rows
from tui.screens.common import LedgerScreen, TableKeys
from tui.text import LEGAL_FORMS_SHORT
from tui.widgets.detail import DetailScreen

PAGE_SIZE = 500
CELL = 48  # characters of free text shown in a table cell


@dataclass(frozen=True, slots=True)
class Row:
    """One row of a part's list: its key, its cells, and the text the filter searches."""

    key: str
    cells: tuple[object, ...]
    search: str


def sortable(cell: object) -> tuple[int, int, str]:
    """A cell's sort key: amounts and counts by their value ("1 250 000,00 kr" after
    "99,00 kr"), dates and words by their text."""
    text = str(cell).strip()
    if _NUMBER.fullmatch(text):
        digits = re.sub(r"\D", "", text)
        sign = -1 if text.lstrip("SEK ").startswith("-") else 1
        return (0, sign * int(digits or 0), "")
    return (1, 0, text.casefold())


_NUMBER = re.compile(r"(SEK )?-?[\d\s.,\u00a0]+( kr)?")


def legal_form_short(code: str, lang: str) -> str:
    """A legal form as a list shows it: short where the full name is long ("AB (svb)");
    the detail gives it in full."""
    words = LEGAL_FORMS_SHORT.get(code)
    return fill(words, lang) if words else term(LEGAL_FORMS, code, lang)


MIN_SHRUNK = 12  # a shortened column keeps at least this many characters (or its heading's)
MIN_KEY = 24  # a shortened key (a partner's name) keeps this many while others can go
PADDING = 2  # a DataTable cell's padding, one each side
SCROLLBAR = 2


@dataclass(frozen=True, slots=True)
class Shown:
    """A column the list shows: its index in ``COLUMNS`` and its width (``None``: as wide
    as its widest cell; else the cells are shortened to it, with "…")."""

    index: int
    width: int | None


def fit_columns(natural: list[int], headings: list[int], priorities: tuple[int, ...],
                shrinkable: frozenset[int], available: int) -> list[Shown]:
    """The columns that fit in ``available`` characters, and how wide (issue 19).

    Free-text columns (``shrinkable``) are shortened first, down to ``MIN_SHRUNK`` (a key
    column, such as a partner's name, only down to ``MIN_KEY`` at first); if the list is
    still too wide, the column of the highest priority number is left out (the rightmost
    of equals), and so on. A column of priority 0 (the key, the status) is never left
    out: with only those left, a free-text key is shortened further, and then the list
    scrolls sideways.
    """
    shown = list(range(len(natural)))

    def least(i: int, key_floor: int) -> int:
        floor = key_floor if priorities[i] == 0 else MIN_SHRUNK
        return max(headings[i], min(floor, natural[i]))

    while True:
        droppable = [i for i in shown if priorities[i] > 0]
        widths = {i: natural[i] for i in shown}
        excess = sum(widths.values()) + PADDING * len(shown) - available
        for key_floor in (MIN_KEY, MIN_KEY) if droppable else (MIN_KEY, MIN_SHRUNK):
            while excess > 0:
                can = [i for i in shown if i in shrinkable and widths[i] > least(i, key_floor)]
                if not can:
                    break
                # the widest first; of equals, a column that is not a key first
                widest = max(can, key=lambda i: (widths[i], priorities[i] > 0, i))
                widths[widest] -= 1
                excess -= 1
        if excess <= 0 or not droppable:
            return [Shown(i, widths[i] if widths[i] < natural[i] else None) for i in shown]
        shown.remove(max(droppable, key=lambda i: (priorities[i], i)))


def cut(cell: Text, width: int) -> Text:
    """``cell`` in ``width`` characters, its end replaced by "…" when longer."""
    if cell.cell_len <= width:
        return cell
    shortened = cell.copy()
    shortened.truncate(width, overflow="ellipsis")
    return shortened


def row(key: str, *cells: object) -> Row:
    return Row(key, cells, "\n".join(str(c) for c in (key, *cells)).casefold())


def short(text: str, width: int = CELL) -> str:
    text = printable_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else "–"


def districts(codes: Iterable[str]) -> str:
    return ", ".join(DISTRICTS.get(c, c) for c in codes) or "–"



class PartTable(DataTable[Text]):
    """A part's list: fits its columns again when its width changes (a resized terminal,
    the detail pane moving beside or below it)."""

    def on_resize(self, event: events.Resize) -> None:
        screen = self.screen
        if isinstance(screen, PartScreen):
            self.call_after_refresh(screen.refit)


class PartScreen(TableKeys, LedgerScreen):
    """A list of one part of the policy, from the replayed state, with a detail pane."""

    # Wide terminals show the detail beside the list; narrower ones below it.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (150, "-wide")]  # noqa: RUF012
    DEFAULT_CSS = """
    PartScreen #part-body { height: 1fr; }
    PartScreen #part-bar { height: auto; padding: 0 1; }
    PartScreen #part-main { height: 1fr; }
    PartScreen #list { width: 3fr; height: 1fr; margin: 0 0 0 1; }
    PartScreen #detail-pane {
        width: 2fr; height: 1fr; margin: 0 1; padding: 0 1; border: round $primary 40%;
    }
    PartScreen.-narrow #part-main { layout: vertical; }
    PartScreen.-narrow #list { width: 1fr; margin: 0 1; }
    PartScreen.-narrow #detail-pane { width: 1fr; height: 45%; }
    """
    PART: ClassVar[str] = ""
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    # Which columns a narrow list leaves out first (issue 19): 0 never (the key and the
    # status), then the highest number first; () is 0 for every column. The free-text
    # columns in SHRINK are shortened ("…") before any is left out.
    PRIORITIES: ClassVar[tuple[int, ...]] = ()
    SHRINK: ClassVar[frozenset[int]] = frozenset()
    AUTO_FOCUS = "#list"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open_detail", "ui.key.detail"),
        Binding("x", "correct", "ui.key.correct", show=False),  # tui/corrections.py
        Binding("slash", "filter", "ui.key.filter", key_display="/"),
        Binding("escape", "clear_filter", "ui.key.clear_filter"),
        # PageDown/PageUp move a screen in the table; n/p show the next page of rows.
        Binding("n", "page(1)", "ui.key.next_page", show=False),
        Binding("p", "page(-1)", "ui.key.prev_page", show=False),
        *TableKeys.TABLE_BINDINGS,
        Binding("s", "sort(1)", "ui.key.sort", show=False),
        Binding("S", "sort(-1)", "ui.key.sort_reverse", key_display="S", show=False),
        # (x is "correct…" on a selected row: issue 15's corrections)
        Binding("e", "export('csv')", "ui.key.export_csv", show=False),
        Binding("E", "export('xlsx')", "ui.key.export_xlsx", key_display="E", show=False),
    ]

    def __init__(self) -> None:
        super().__init__(id=self.PART)
        self.snapshot: Snapshot | None = None
        self.all_rows: list[Row] = []
        self.matching: list[Row] = []
        self.page = 0
        self.page_size = PAGE_SIZE
        self.needle = ""
        self.summary = ""
        self.selected: str | None = None
        # Sorted by this column (None: the part's own order), descending when reversed.
        self.sort_column: int | None = None
        self.sort_reverse = False
        self._debounce: Timer | None = None
        self._shown_filtering = False
        self._building: tuple[Snapshot, str] | None = None
        self.shown_columns: list[Shown] = []  # as the list shows them now

    # Layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="part-body"):
            yield Static(id="summary", classes="screen-title", markup=False)
            with Horizontal(id="part-bar"):
                yield Input(value=self.needle, placeholder=self.t("ui.part.filter"),
                            id="filter")
                yield Static(id="rows", markup=False)
            with Horizontal(id="part-main"):
                yield PartTable(id="list", cursor_type="row", zebra_stripes=True)
                with VerticalScroll(id="detail-pane"):
                    yield Static(id="detail")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._columns()
        state = self.ledger_app.ledger_state
        state.changed.subscribe(self, self._state_changed)
        state.want()
        self._follow(state.current)

    def _columns(self) -> None:
        self.shown_columns = [Shown(i, None) for i in range(len(self.COLUMNS))]
        self.query_one("#list", DataTable).add_columns(*(self.t(c) for c in self.COLUMNS))

    def _fit(self, shown: list[Row]) -> list[Shown]:
        """The columns that fit the list's width now, for the rows ``shown``."""
        table = self.query_one("#list", DataTable)
        if not table.size.width:  # not laid out yet: fitted after the next refresh
            self.call_after_refresh(self.refit)
            return self.shown_columns
        headings = [cell_len(self.t(c)) for c in self.COLUMNS]
        natural = list(headings)
        for r in shown:
            for i, c in enumerate(r.cells):
                natural[i] = max(natural[i], cell_len(str(c)))
        priorities = self.PRIORITIES or (0,) * len(self.COLUMNS)
        return fit_columns(natural, headings, priorities, self.SHRINK,
                           table.size.width - SCROLLBAR)

    def refit(self) -> None:
        """Fit the columns again to the list's width now (``PartTable``)."""
        table = self.query_one("#list", DataTable)
        if (self.snapshot is not None and table.size.width
                and self._fit(self.shown_rows) != self.shown_columns):
            self._show_page(keep_cursor=True)

    def language_changed(self) -> None:
        self._columns()
        self.query_one("#list", DataTable).focus()
        self._follow(self.ledger_app.ledger_state.current, force=True)

    def on_screen_resume(self) -> None:
        """Back on this screen: catch up with a replay that finished meanwhile."""
        self._follow(self.ledger_app.ledger_state.current)

    def _state_changed(self, snapshot: Snapshot) -> None:
        if self.is_current:
            self._follow(snapshot)

    def _follow(self, snapshot: Snapshot | None, *, force: bool = False) -> None:
        main = self.query_one("#part-main")
        if snapshot is None:
            main.loading = True
            return
        if not force and (snapshot is self.snapshot
                          or (snapshot, self.lang) == self._building):
            return
        main.loading = True
        self._building = (snapshot, self.lang)
        self._build(snapshot, self.lang)

    @dataclass
    class Built(Message, bubble=False):
        """From the worker: the part's rows and summary of ``snapshot`` in ``lang``."""

        snapshot: Snapshot
        rows: list[Row]
        summary: str
        lang: str

    @work(thread=True, exclusive=True, group="part-rows")
    def _build(self, snapshot: Snapshot, lang: str) -> None:
        rows = self.rows(snapshot, lang)
        summary = self.summarise(snapshot, lang)
        self.post_message(self.Built(snapshot, rows, summary, lang))

    @on(Built)
    def _built(self, message: Built) -> None:
        snapshot, rows, summary, lang = (message.snapshot, message.rows, message.summary,
                                         message.lang)
        if (snapshot, lang) != self._building:
            return  # overtaken by a newer snapshot or language
        self._building = None
        self.snapshot = snapshot
        self.all_rows = rows
        self.summary = summary
        self.query_one("#part-main").loading = False
        self.query_one("#summary", Static).update(summary)
        self._refilter()

    # What each part says -------------------------------------------------------------------

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        """The part's rows, sorted; runs in a thread."""
        raise NotImplementedError

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        """One line of figures above the list; runs in a thread."""
        raise NotImplementedError

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        """The detail of the row ``key``."""
        raise NotImplementedError

    # Filter and pages ----------------------------------------------------------------------

    def _refilter(self) -> None:
        needle = self.needle
        self.matching = ([r for r in self.all_rows if needle in r.search] if needle
                         else self.all_rows)
        column = self.sort_column
        if column is not None:
            self.matching = sorted(self.matching, key=lambda r: sortable(r.cells[column]),
                                   reverse=self.sort_reverse)
        pages = self.pages
        self.page = max(0, min(self.page, pages - 1))
        self._show_page()

    @property
    def pages(self) -> int:
        return max(1, -(-len(self.matching) // self.page_size))

    @property
    def shown_rows(self) -> list[Row]:
        first = self.page * self.page_size
        return self.matching[first:first + self.page_size]

    def _show_page(self, *, keep_cursor: bool = False) -> None:
        table = self.query_one("#list", DataTable)
        cursor = table.cursor_row
        shown = self.shown_rows
        columns = self._fit(shown)
        if columns != self.shown_columns:
            table.clear(columns=True)
            for column in columns:
                table.add_column(self.t(self.COLUMNS[column.index]), width=column.width)
            self.shown_columns = columns
        else:
            table.clear()
        for r in shown:
            texts = [c if isinstance(c, Text) else Text(str(c)) for c in r.cells]
            table.add_row(*(texts[c.index] if c.width is None else cut(texts[c.index], c.width)
                            for c in columns), key=r.key)
        if keep_cursor and shown:
            table.move_cursor(row=min(cursor, len(shown) - 1))
        first = self.page * self.page_size
        status = (self.t("ui.part.rows", first=first + 1, last=first + len(shown),
                         total=len(self.matching), page=self.page + 1, pages=self.pages)
                  if shown else self.t("ui.part.none"))
        self.query_one("#rows", Static).update(status)
        if not shown:
            self.selected = None
            self.query_one("#detail", Static).update("")

    @on(DataTable.RowHighlighted, "#list")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        key = event.row_key.value
        if key is not None and self.snapshot is not None:
            self.selected = key
            self.show_detail(key)

    def show_detail(self, key: str) -> None:
        assert self.snapshot is not None
        self.query_one("#detail", Static).update(self.detail(self.snapshot, key))

    def detail_text(self, key: str) -> Text:
        assert self.snapshot is not None
        return self.detail(self.snapshot, key)

    @on(DataTable.RowSelected, "#list")
    def _selected(self) -> None:
        self.action_open_detail()

    def action_open_detail(self) -> None:
        if self.selected is not None and self.snapshot is not None:
            self.app.push_screen(DetailScreen(self.selected, self.detail_text(self.selected),
                                              self.lang))

    def action_correct(self) -> None:
        from tui.corrections import open_corrections_for

        open_corrections_for(self.ledger_app, self.PART, self.selected)

    # Sort and export ----------------------------------------------------------------------

    def action_sort(self, step: int) -> None:
        """``s``: sort by the next column (the part's own order after the last); ``S``:
        the other way round."""
        order = [c.index for c in self.shown_columns]  # the columns on screen, in order
        if step < 0:
            if self.sort_column is None:
                self.sort_column = order[0]
            self.sort_reverse = not self.sort_reverse
        else:
            later = ([i for i in order if i > self.sort_column]
                     if self.sort_column is not None else order)
            self.sort_column = later[0] if later else None
            self.sort_reverse = False
        self._sorted()

    @on(DataTable.HeaderSelected, "#list")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        """A click on a heading sorts by it; a second click the other way round."""
        column = self.shown_columns[event.column_index].index
        if self.sort_column == column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._sorted()

    def _sorted(self) -> None:
        self._refilter()
        if self.sort_column is not None:
            self.notify(self.t("ui.part.sorted", column=self.t(self.COLUMNS[self.sort_column]),
                               order=self.t("ui.part.descending" if self.sort_reverse
                                            else "ui.part.ascending")), timeout=3)

    def action_export(self, fmt: str) -> None:
        """``e``/``E``: the rows the list shows (filter and sort applied, every page) to
        CSV or XLSX in the current folder."""
        path = Path(f"{self.PART}-{date.today().isoformat()}.{fmt}").resolve()
        headings = [self.t(c) for c in self.COLUMNS]
        rows = [[str(c) for c in r.cells] for r in self.matching]
        try:
            export_rows(path, headings, rows)
        except (OSError, ValueError) as e:
            self.notify(self.t("ui.part.export_failed", path=str(path), error=str(e)),
                        severity="error")
            return
        self.notify(self.t("ui.part.exported", n=len(rows), path=str(path)))

    def action_page(self, step: int) -> None:
        page = max(0, min(self.page + step, self.pages - 1))
        if page != self.page:
            self.page = page
            self._show_page()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        self.query_one("#filter", Input).value = ""
        self._apply_filter()
        self.query_one("#list", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            # Nothing to clear: escape goes on to the app (back to now, when looking back).
            return self._filtering()
        return True

    def _filtering(self) -> bool:
        found = self.query("#filter")
        return bool(self.needle or (found and found.first(Input).value))

    def _bindings_changed(self) -> None:
        """Show or hide "clear filter" (the footer is composed again: only on a change)."""
        filtering = self._filtering()
        if filtering != self._shown_filtering:
            self._shown_filtering = filtering
            self.refresh_bindings()

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._debounce is not None:
            self._debounce.stop()
        self._debounce = self.set_timer(0.2, self._apply_filter)
        self._bindings_changed()

    @on(Input.Submitted, "#filter")
    def _filter_submitted(self) -> None:
        self._apply_filter()
        self.query_one("#list", DataTable).focus()

    def _apply_filter(self) -> None:
        needle = self.query_one("#filter", Input).value.strip().casefold()
        if needle != self.needle:
            self.needle, self.page = needle, 0
            self._refilter()
        self._bindings_changed()

    # Shared words ----------------------------------------------------------------------------

    def sek(self, ore: int, lang: str | None = None) -> Text:
        return Text(Money(ore).text(lang or self.lang), justify="right")

