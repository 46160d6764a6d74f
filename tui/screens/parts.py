"""A screen for each part of the policy: a list with a detail pane.

Every part screen reads the app's one replayed state (``tui.state``), now or as it was
while the user looks back. Its rows are built in a thread worker, sorted the way the
coordinator reads them (newest first for what is dated), filtered with ``/`` and shown a
page at a time, so a table never holds more than ``PAGE_SIZE`` rows. The highlighted
row's detail shows beside the list; ``enter`` opens it full size.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from domain.aggregates import (
    ActionPlan,
    Activity,
    BoardMeeting,
    Effort,
    Expenditure,
    Membership,
    StructuralWork,
    SupervisorFunding,
)
from domain.catalogue import MESSAGES, translate
from domain.reference import (
    ACTIVITY_KINDS,
    DISTRICTS,
    GENDER_KEYS,
    LEGAL_FORMS,
    MEASURES,
    ORGANISATION_KINDS,
    OUTCOME_KEYS,
    PARTIES,
    PURPOSES,
    STRUCTURAL_MEASURES,
    TARGET_GROUPS,
)
from domain.values import Period
from projections.figures import group_totals, summed_within
from projections.timeline import attendance_group, one_line, party, period, term
from tui.export import export_rows
from tui.screens.common import LedgerScreen, TableKeys, format_sek, translate_bindings
from tui.state import Snapshot

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
    key = f"ui.legal_form_short.{code}"
    return translate(key, lang) if key in MESSAGES else term(LEGAL_FORMS, code, lang)


def row(key: str, *cells: object) -> Row:
    return Row(key, cells, "\n".join(str(c) for c in (key, *cells)).casefold())


def short(text: str, width: int = CELL) -> str:
    text = one_line(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def day(value: date | None) -> str:
    return value.isoformat() if value is not None else "–"


def districts(codes: Iterable[str]) -> str:
    return ", ".join(DISTRICTS.get(c, c) for c in codes) or "–"


class Detail:
    """The detail of a row as styled text: a title, headings, fields and lines."""

    def __init__(self, title: str) -> None:
        self.text = Text()
        self.text.append(one_line(title) + "\n", style="bold")

    def heading(self, heading: str) -> None:
        self.text.append("\n" + one_line(heading) + "\n", style="bold")

    def field(self, label: str, value: object) -> None:
        self.text.append(f"{label}: ", style="dim")
        self.text.append(one_line(str(value)) + "\n")

    def line(self, line: str, indent: int = 1) -> None:
        self.text.append("  " * indent + one_line(line) + "\n")


class DetailScreen(ModalScreen[None]):
    """The detail of one row, full size and scrollable."""

    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    #detail-box {
        width: 90%; height: 85%; border: round $primary; background: $surface;
        padding: 1 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ui.key.close"),
        Binding("enter", "dismiss", "ui.key.close", show=False),
    ]

    def __init__(self, key: str, text: Text, lang: str) -> None:
        super().__init__(id="detail-screen")
        self.key = key
        self.text = text
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-box"):
            yield Static(self.text, id="full-detail")
            yield Static(translate("ui.part.close", self.lang), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.query_one("#detail-box").focus()

    def update(self, text: Text) -> None:
        self.text = text
        self.query_one("#full-detail", Static).update(text)


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
                yield DataTable[Text](id="list", cursor_type="row", zebra_stripes=True)
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
        self.query_one("#list", DataTable).add_columns(*(self.t(c) for c in self.COLUMNS))

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

    @work(thread=True, exclusive=True, group="part-rows")
    def _build(self, snapshot: Snapshot, lang: str) -> None:
        rows = self.rows(snapshot, lang)
        summary = self.summarise(snapshot, lang)
        self.app.call_from_thread(self._built, snapshot, rows, summary, lang)

    def _built(self, snapshot: Snapshot, rows: list[Row], summary: str, lang: str) -> None:
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

    def _show_page(self) -> None:
        table = self.query_one("#list", DataTable)
        table.clear()
        shown = self.shown_rows
        for r in shown:
            table.add_row(*(c if isinstance(c, Text) else Text(str(c)) for c in r.cells),
                          key=r.key)
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
        if step < 0:
            if self.sort_column is None:
                self.sort_column = 0
            self.sort_reverse = not self.sort_reverse
        else:
            column = -1 if self.sort_column is None else self.sort_column
            self.sort_column = column + 1 if column + 1 < len(self.COLUMNS) else None
            self.sort_reverse = False
        self._sorted()

    @on(DataTable.HeaderSelected, "#list")
    def _header(self, event: DataTable.HeaderSelected) -> None:
        """A click on a heading sorts by it; a second click the other way round."""
        if self.sort_column == event.column_index:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = event.column_index, False
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
        return Text(format_sek(ore, lang or self.lang), justify="right")

    def tr(self, lang: str, key: str, /, **params: Any) -> str:
        return translate(key, lang, **params)


def _counts(counter: Mapping[str, int], names: Mapping[str, str]) -> str:
    return ", ".join(f"{names.get(k, k)} {n}" for k, n in counter.items() if n)


# I3: supervisor funding and its payments -------------------------------------------------

class FundingScreen(PartScreen):
    PART = "funding"
    TITLE_KEY = "ui.screen.funding"
    COLUMNS = ("ui.col.ref", "ui.col.partner", "ui.col.employer", "ui.col.decided_on",
               "ui.col.period", "ui.col.decided", "ui.col.paid", "ui.col.remaining",
               "ui.col.status")

    def status(self, f: SupervisorFunding, on: date, lang: str) -> str:
        if f.ended_on is not None and f.ended_on <= on:
            return self.tr(lang, "ui.status.ended", day=day(f.ended_on))
        if f.is_running_on(on):
            return self.tr(lang, "ui.status.running")
        if on < f.starts_on:
            return self.tr(lang, "ui.status.not_started")
        return self.tr(lang, "ui.status.finished", day=day(f.ends_on))

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        fundings = sorted(snapshot.state.all(SupervisorFunding),
                          key=lambda f: (f.decided_on, f.key), reverse=True)
        return [row(f.key, f.key, short(snapshot.partner_name(f.org_nr), 30),
                    party(f.employer), day(f.decided_on), period(f.starts_on, f.ends_on, lang),
                    self.sek(f.amount_ore, lang), self.sek(f.paid_ore, lang),
                    self.sek(f.amount_ore - f.paid_ore, lang),
                    self.status(f, snapshot.on, lang))
                for f in fundings]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        fundings = snapshot.state.all(SupervisorFunding)
        decided = sum(f.amount_ore for f in fundings)
        paid = sum(f.paid_ore for f in fundings)
        return self.tr(lang, "ui.funding.summary", count=len(fundings),
                       decided=format_sek(decided, lang), paid=format_sek(paid, lang),
                       remaining=format_sek(decided - paid, lang),
                       payments=len(snapshot.payments),
                       running=sum(f.is_running_on(snapshot.on) for f in fundings),
                       day=snapshot.on.isoformat())

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        f = snapshot.state.get(SupervisorFunding, key)
        if f is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(t("ui.funding.title", ref=f.key))
        d.field(t("ui.col.partner"), f"{snapshot.partner_name(f.org_nr)} ({f.org_nr})")
        d.field(t("ui.col.employer"), party(f.employer))
        d.field(t("ui.col.decided_on"), f"{day(f.decided_on)} ({f.decision_ref})")
        d.field(t("ui.col.period"), period(f.starts_on, f.ends_on, lang))
        d.field(t("ui.funding.fte"), f"{f.fte_percent} %")
        d.field(t("ui.funding.groups"), ", ".join(term(TARGET_GROUPS, g, lang)
                                                   for g in f.target_groups))
        d.field(t("ui.col.decided"), format_sek(f.amount_ore, lang))
        d.field(t("ui.col.paid"), format_sek(f.paid_ore, lang))
        d.field(t("ui.col.remaining"), format_sek(f.amount_ore - f.paid_ore, lang))
        d.field(t("ui.col.status"), self.status(f, snapshot.on, lang))
        payments = snapshot.payments_of(f.key)
        d.heading(t("ui.funding.payments", count=len(payments)))
        for p in payments:
            d.line(t("ui.funding.payment", day=day(p.paid_on), voucher=p.voucher_ref,
                     amount=format_sek(p.amount_ore, lang), payee=party(p.payee)))
        return d.text


# S7: inspiration days, seminars, study visits ---------------------------------------------

def activity_status(a: Activity) -> str:
    return "cancelled" if a.cancelled else "held" if a.held_on is not None else "planned"


class ActivitiesScreen(PartScreen):
    PART = "activities"
    TITLE_KEY = "ui.screen.activities"
    COLUMNS = ("ui.col.date", "ui.col.ref", "ui.col.kind", "ui.col.title", "ui.col.status",
               "ui.col.attendance")

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        activities = sorted(snapshot.state.all(Activity),
                            key=lambda a: (a.held_on or a.planned_on, a.key), reverse=True)
        return [row(a.key, day(a.held_on or a.planned_on), a.key,
                    term(ACTIVITY_KINDS, a.kind, lang), short(a.title),
                    self.tr(lang, f"ui.status.{activity_status(a)}"),
                    Text(str(sum(a.attendance.values())), justify="right"))
                for a in activities]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        activities = snapshot.state.all(Activity)
        statuses = Counter(activity_status(a) for a in activities)
        groups: Counter[str] = Counter()
        for a in activities:
            groups.update(a.attendance)
        return self.tr(lang, "ui.activities.summary", planned=statuses["planned"],
                       held=statuses["held"], cancelled=statuses["cancelled"],
                       attendance=sum(groups.values()),
                       groups=", ".join(f"{attendance_group(g, lang)} {groups[g]}"
                                        for g in (*PARTIES, "asf", "participants", "other")
                                        if groups[g]) or "–")

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        a = snapshot.state.get(Activity, key)
        if a is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{a.key} · {a.title}")
        d.field(t("ui.col.kind"), term(ACTIVITY_KINDS, a.kind, lang))
        d.field(t("ui.activities.planned_on"), day(a.planned_on))
        d.field(t("ui.col.districts"), districts(a.districts))
        d.field(t("ui.col.status"), t(f"ui.status.{activity_status(a)}"))
        if a.held_on is not None:
            d.field(t("ui.activities.held_on"), day(a.held_on))
            d.heading(t("ui.activities.attendance", total=sum(a.attendance.values())))
            for group, n in a.attendance.items():
                d.line(f"{attendance_group(group, lang)}: {n}")
        return d.text


# S1–S6: structural work -------------------------------------------------------------------

class StructuralScreen(PartScreen):
    PART = "structural"
    TITLE_KEY = "ui.screen.structural"
    COLUMNS = ("ui.col.measure", "ui.col.date", "ui.col.ref", "ui.col.description",
               "ui.col.districts")

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        order = {code: i for i, code in enumerate(MEASURES)}
        works = sorted(snapshot.state.all(StructuralWork),
                       key=lambda w: (-order.get(w.measure, 99), w.done_on, w.key),
                       reverse=True)
        return [row(w.key, w.measure, day(w.done_on), w.key, short(w.description),
                    short(districts(w.districts), 30)) for w in works]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        by_measure = Counter(w.measure for w in snapshot.state.all(StructuralWork))
        return self.tr(lang, "ui.structural.summary", total=sum(by_measure.values()),
                       by_measure=" · ".join(f"{code} {by_measure[code]}"
                                             for code in STRUCTURAL_MEASURES
                                             if code != "S7"))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        w = snapshot.state.get(StructuralWork, key)
        if w is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{w.key} · {w.measure} {term(MEASURES, w.measure, lang)}")
        d.field(t("ui.col.date"), day(w.done_on))
        d.field(t("ui.col.description"), w.description)
        d.field(t("ui.col.districts"), districts(w.districts))
        d.field(t("ui.col.parties"), ", ".join(party(p) for p in w.parties) or "–")
        d.heading(t("ui.part.policy"))
        d.line(MEASURES[w.measure].quote(lang) if w.measure in MEASURES else w.measure)
        return d.text


# The action plan, per year (R6) -----------------------------------------------------------

class ActionPlanScreen(PartScreen):
    PART = "plan"
    TITLE_KEY = "ui.screen.plan"
    COLUMNS = ("ui.col.year", "ui.col.action", "ui.col.status", "ui.col.due",
               "ui.col.measure", "ui.col.description", "ui.col.owner")

    def action_status(self, status: str, closed_on: date | None, lang: str) -> str:
        if status == "open":
            return self.tr(lang, "ui.status.open")
        return self.tr(lang, f"ui.status.{status}_on", day=day(closed_on))

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        order = {code: i for i, code in enumerate(MEASURES)}
        out = []
        for plan in sorted(snapshot.state.all(ActionPlan), key=lambda p: -p.year):
            actions = sorted(plan.actions.values(),
                             key=lambda a: (order.get(a.measure, 99), a.action_id))
            out += [row(f"{plan.year}/{a.action_id}", str(plan.year), a.action_id,
                        self.action_status(a.status, a.closed_on, lang), day(a.due_on),
                        a.measure, short(a.description), short(a.owner, 20))
                    for a in actions]
        return out

    def plan_line(self, plan: ActionPlan, lang: str) -> str:
        statuses = Counter(a.status for a in plan.actions.values())
        state = (self.tr(lang, "ui.plan.adopted", day=day(plan.adopted_on))
                 if plan.adopted_on is not None else self.tr(lang, "ui.plan.draft"))
        return self.tr(lang, "ui.plan.line", year=plan.year, state=state,
                       completed=statuses["completed"], total=len(plan.actions),
                       dropped=statuses["dropped"])

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        plans = sorted(snapshot.state.all(ActionPlan), key=lambda p: -p.year)
        return " · ".join(self.plan_line(p, lang) for p in plans) or self.tr(
            lang, "ui.plan.none")

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        year, _, action_id = key.partition("/")
        plan = snapshot.state.get(ActionPlan, year)
        if plan is None or action_id not in plan.actions:
            return Text(key)
        t, lang = self.t, self.lang
        a = plan.actions[action_id]
        d = Detail(f"{a.action_id} · {a.measure} {term(MEASURES, a.measure, lang)}")
        d.field(t("ui.col.description"), a.description)
        d.field(t("ui.col.owner"), a.owner)
        d.field(t("ui.col.due"), day(a.due_on))
        d.field(t("ui.col.status"), self.action_status(a.status, a.closed_on, lang))
        if a.decision_ref:
            d.field(t("ui.col.decision"), a.decision_ref)
        d.heading(t("ui.plan.title", year=plan.year))
        d.line(self.plan_line(plan, lang), 0)
        d.field(t("ui.plan.operations_plan"), plan.operations_plan_ref)
        if plan.decision_ref:
            d.field(t("ui.col.decision"), plan.decision_ref)
        by_measure: dict[str, Counter[str]] = {}
        for x in plan.actions.values():
            by_measure.setdefault(x.measure, Counter())[x.status] += 1
        d.heading(t("ui.plan.by_measure"))
        for code in MEASURES:
            if code in by_measure:
                c = by_measure[code]
                d.line(t("ui.plan.measure_line", measure=code, completed=c["completed"],
                         total=sum(c.values()), dropped=c["dropped"]))
        return d.text


# I1, I2: efforts and their participants -----------------------------------------------------

def effort_participants(e: Effort, within: Period | None = None) -> int:
    """The effort's participants (``projections.figures``: the board report's count)."""
    return sum(summed_within(((code, group_totals(counts))
                              for code, counts in e.participants.items()), within).values())


class EffortsScreen(PartScreen):
    PART = "efforts"
    TITLE_KEY = "ui.screen.efforts"
    COLUMNS = ("ui.col.ref", "ui.col.partner", "ui.col.measure", "ui.col.run_by",
               "ui.col.period", "ui.col.budget", "ui.col.spent", "ui.col.participants",
               "ui.col.status")

    def status(self, e: Effort, on: date, lang: str) -> str:
        if e.completed_on is not None and e.completed_on <= on:
            return self.tr(lang, "ui.status.completed_on", day=day(e.completed_on))
        if e.is_active_on(on):
            return self.tr(lang, "ui.status.running")
        if on < e.starts_on:
            return self.tr(lang, "ui.status.not_started")
        return self.tr(lang, "ui.status.finished", day=day(e.ends_on))

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        efforts = sorted(snapshot.state.all(Effort), key=lambda e: (e.starts_on, e.key),
                         reverse=True)
        return [row(e.key, e.key, short(snapshot.partner_name(e.org_nr), 30), e.measure,
                    party(e.run_by), period(e.starts_on, e.ends_on, lang),
                    self.sek(e.budget_ore, lang), self.sek(e.spent_ore, lang),
                    Text(str(effort_participants(e)), justify="right"),
                    self.status(e, snapshot.on, lang))
                for e in efforts]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        efforts = snapshot.state.all(Effort)
        genders: Counter[str] = Counter()
        for e in efforts:
            for counts in e.participants.values():
                for c in counts.values():
                    genders.update(c)
        return self.tr(lang, "ui.efforts.summary", count=len(efforts),
                       active=sum(e.is_active_on(snapshot.on) for e in efforts),
                       participants=sum(genders.values()), women=genders["women"],
                       men=genders["men"], other=genders["other"])

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        e = snapshot.state.get(Effort, key)
        if e is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{e.key} · {e.measure} {term(MEASURES, e.measure, lang)}")
        d.field(t("ui.col.partner"), f"{snapshot.partner_name(e.org_nr)} ({e.org_nr})")
        d.field(t("ui.col.run_by"), party(e.run_by))
        d.field(t("ui.col.period"), period(e.starts_on, e.ends_on, lang))
        d.field(t("ui.col.decision"), e.decision_ref)
        d.field(t("ui.col.budget"), format_sek(e.budget_ore, lang))
        d.field(t("ui.col.spent"), format_sek(e.spent_ore, lang))
        d.field(t("ui.col.status"), self.status(e, snapshot.on, lang))
        d.heading(t("ui.efforts.participants", total=effort_participants(e)))
        for report_period, counts in sorted(e.participants.items()):
            d.line(report_period, 1)
            for group, by_gender in counts.items():
                genders = ", ".join(f"{t(f'ui.gender.{g}')} {by_gender.get(g, 0)}"
                                    for g in GENDER_KEYS)
                d.line(f"{term(TARGET_GROUPS, group, lang)}: {sum(by_gender.values())} "
                       f"({genders})", 2)
        d.heading(t("ui.efforts.outcomes"))
        for report_period, outcomes in sorted(e.outcomes.items()):
            d.line(f"{report_period}: " + ", ".join(
                f"{t(f'report.outcome.{k}')} {outcomes.get(k, 0)}" for k in OUTCOME_KEYS))
        return d.text


# Money out: expenditure and supervisor funding payments -----------------------------------

class ExpenditureScreen(PartScreen):
    PART = "expenditure"
    TITLE_KEY = "ui.screen.expenditure"
    COLUMNS = ("ui.col.paid_on", "ui.col.ref", "ui.col.amount", "ui.col.purpose",
               "ui.col.payee_kind", "ui.col.payee")

    def payee(self, snapshot: Snapshot, kind: str, payee: str) -> str:
        if kind == "party":
            return party(payee)
        if kind == "partner":
            return f"{snapshot.partner_name(payee)} ({payee})"
        return payee

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        out: list[tuple[date, str, Row]] = []
        for x in snapshot.state.all(Expenditure):
            out.append((x.paid_on, x.key, row(
                f"x:{x.key}", day(x.paid_on), x.key, self.sek(x.amount_ore, lang),
                term(PURPOSES, x.purpose, lang), self.tr(lang, f"ui.payee.{x.payee_kind}"),
                short(self.payee(snapshot, x.payee_kind, x.payee), 36))))
        for p in snapshot.payments:
            out.append((p.paid_on, p.ref, row(
                f"p:{p.position}", day(p.paid_on), f"{p.ref} {p.voucher_ref}",
                self.sek(p.amount_ore, lang), term(PURPOSES, "supervisor_funding", lang),
                self.tr(lang, "ui.payee.party"), party(p.payee))))
        out.sort(key=lambda o: (o[0], o[1]), reverse=True)
        return [r for _, _, r in out]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        purposes: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for x in snapshot.state.all(Expenditure):
            purposes[x.purpose] += x.amount_ore
            kinds[x.payee_kind] += x.amount_ore
        for p in snapshot.payments:
            purposes["supervisor_funding"] += p.amount_ore
            kinds["party"] += p.amount_ore
        return self.tr(
            lang, "ui.expenditure.summary", total=format_sek(sum(purposes.values()), lang),
            purposes=", ".join(f"{term(PURPOSES, k, lang)} {format_sek(purposes[k], lang)}"
                               for k in PURPOSES if purposes[k]) or "–",
            kinds=", ".join(f"{self.tr(lang, f'ui.payee.{k}')} {format_sek(v, lang)}"
                            for k, v in sorted(kinds.items())) or "–")

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        t, lang = self.t, self.lang
        kind, _, ref = key.partition(":")
        if kind == "p":
            found = [p for p in snapshot.payments if p.position == int(ref)]
            if not found:
                return Text(key)
            p = found[0]
            d = Detail(t("ui.expenditure.payment", ref=p.ref, voucher=p.voucher_ref))
            d.field(t("ui.col.paid_on"), day(p.paid_on))
            d.field(t("ui.col.purpose"), term(PURPOSES, "supervisor_funding", lang))
            d.field(t("ui.col.payee"), party(p.payee))
            d.field(t("ui.col.amount"), format_sek(p.amount_ore, lang))
            d.field(t("ui.col.position"), p.position)
            return d.text
        x = snapshot.state.get(Expenditure, ref)
        if x is None:
            return Text(key)
        d = Detail(f"{x.key} · {x.description}")
        d.field(t("ui.col.paid_on"), day(x.paid_on))
        d.field(t("ui.col.purpose"), term(PURPOSES, x.purpose, lang))
        d.field(t("ui.col.payee_kind"), t(f"ui.payee.{x.payee_kind}"))
        d.field(t("ui.col.payee"), self.payee(snapshot, x.payee_kind, x.payee))
        if x.payee_legal_form:
            d.field(t("ui.col.legal_form"), term(LEGAL_FORMS, x.payee_legal_form, lang))
        if x.linked_ref:
            d.field(t("ui.col.linked"), x.linked_ref)
        d.field(t("ui.col.amount"), format_sek(x.amount_ore, lang))
        return d.text


# Memberships (F3) and board meetings ---------------------------------------------------------

class MembershipsScreen(PartScreen):
    PART = "memberships"
    TITLE_KEY = "ui.screen.memberships"
    COLUMNS = ("ui.col.ref", "ui.col.name", "ui.col.kind", "ui.col.joined", "ui.col.left")

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        memberships = sorted(snapshot.state.all(Membership),
                             key=lambda m: (m.joined_on, m.key), reverse=True)
        return [row(m.key, m.key, short(m.name), term(ORGANISATION_KINDS, m.kind, lang),
                    day(m.joined_on), day(m.left_on)) for m in memberships]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        memberships = snapshot.state.all(Membership)
        return self.tr(lang, "ui.memberships.summary", count=len(memberships),
                       current=sum(m.left_on is None or m.left_on > snapshot.on
                                   for m in memberships))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        m = snapshot.state.get(Membership, key)
        if m is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{m.key} · {m.name}")
        if m.org_nr:
            d.field(t("ui.col.org_nr"), m.org_nr)
        d.field(t("ui.col.kind"), term(ORGANISATION_KINDS, m.kind, lang))
        d.field(t("ui.col.joined"), f"{day(m.joined_on)} ({m.decision_ref})")
        d.field(t("ui.col.left"), day(m.left_on))
        d.heading(t("ui.part.policy"))
        d.line(t("ui.memberships.f3"))
        return d.text


class BoardMeetingsScreen(PartScreen):
    PART = "board"
    TITLE_KEY = "ui.screen.board"
    COLUMNS = ("ui.col.date", "ui.col.ref", "ui.col.minutes", "ui.col.position")

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        meetings = sorted(snapshot.state.all(BoardMeeting), key=lambda m: (m.held_on, m.key),
                          reverse=True)
        return [row(m.key, day(m.held_on), m.key, m.minutes_ref,
                    Text(str(snapshot.positions.get(m.id, [0])[0]), justify="right"))
                for m in meetings]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        meetings = snapshot.state.all(BoardMeeting)
        latest = max((m.held_on for m in meetings), default=None)
        return self.tr(lang, "ui.board.summary", count=len(meetings), day=day(latest))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        m = snapshot.state.get(BoardMeeting, key)
        if m is None:
            return Text(key)
        t = self.t
        d = Detail(t("ui.board.title", ref=m.key, day=day(m.held_on)))
        d.field(t("ui.col.minutes"), m.minutes_ref)
        position = snapshot.positions.get(m.id, [0])[0]
        d.field(t("ui.col.position"), position)
        d.line(t("ui.board.anchor"), 0)
        return d.text
