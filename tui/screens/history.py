"""The history: every stored event, newest first, a page at a time, with a filter.

Rows are numbered by their position in the audit chain (1, 2, 3 … with no gaps, as
``asfledger events`` and ``audit verify`` number them), not by notification id:
PostgreSQL's notification ids skip those of rolled-back writes. A page is read at the
query: the chain gives the notification id of the event before the page's first
position (``select_chain``), and the page's rows are read from there, so a table never
holds more than ``PAGE_SIZE`` rows however long the history is. A filter scans the
history once in a worker and keeps only the rows of the page shown. On an encrypted
ledger each row is decrypted with the ledger's cipher.

``enter`` opens an event (its full data and chain hash); ``t`` looks back at the ledger
as of the highlighted event. While the app looks back, the history ends where it does.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any, ClassVar
from uuid import UUID

import msgspec
from eventsourcing.persistence import Cipher
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.history import START, ChainHead, StoredRow, event_type, stream
from asfledger.redaction import open_state
from domain.words import fill
from tui.screens.common import LedgerScreen, TableKeys, cells, format_time, went_wrong
from tui.screens.timetravel import EventDetailScreen
from tui.state import LookBack
from tui.text import EVENT_TYPE_NAMES

PAGE_SIZE = 500
SCAN = 2000


def type_words(event_type: str, lang: str) -> str:
    """``Partner.Onboarded`` → "partner onboarded" / "partner antagen" (the type itself
    when ``EVENT_TYPE_NAMES`` has no words for it)."""
    words = EVENT_TYPE_NAMES.get(event_type)
    return fill(words, lang) if words else event_type


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


@dataclass(frozen=True, slots=True)
class HistoryRow:
    position: int
    time: str
    actor: str
    type: str
    subject: str

    def matches(self, needle: str | Needle) -> bool:
        wanted = needle if isinstance(needle, Needle) else Needle.parse(needle)
        if wanted.actor and wanted.actor not in self.actor.lower():
            return False
        if wanted.part:
            aggregate = self.type.split(".", 1)[0]
            names = (aggregate.lower(), *_PART_WORDS.get(aggregate, ()))
            if not any(name.startswith(wanted.part) for name in names):
                return False
        haystack = "\n".join((self.type, type_words(self.type, "en"),
                              type_words(self.type, "sv"), self.subject,
                              self.actor)).lower()
        return all(word in haystack for word in wanted.words)


@dataclass(frozen=True, slots=True)
class HistoryPage:
    page: int
    rows: list[HistoryRow]
    total: int  # rows matching the filter in the whole history

    @property
    def first(self) -> int:
        return self.page * PAGE_SIZE + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.page * PAGE_SIZE + len(self.rows)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


def decoded(state: bytes, cipher: Cipher | None, topic: str = "") -> dict[str, Any]:
    """A stored event's fields (decrypted first on an encrypted ledger; a redacted event's
    after its marker, a redaction's in clear: ``asfledger.redaction``)."""
    plain = open_state(topic, state, cipher)
    fields: dict[str, Any] = msgspec.json.decode(plain)
    return fields


class _Subjects:
    """Subjects (``Partner 556677-8899``) by originator, learnt from created events and
    looked up on demand for a page that starts after them."""

    def __init__(self, recorder: ChainedRecorder, cipher: Cipher | None = None) -> None:
        self.recorder = recorder
        self.cipher = cipher
        self.known: dict[UUID, str] = {}
        self.partners: dict[str, str] = {}  # org_nr → name, for what a partner is named in

    def learn(self, originator_id: UUID, state: dict[str, Any]) -> None:
        """From a created event: the subject with its name, so that a search finds it
        by name or ref as well as by org number (``Partner 556677-8899 · Cykelköket``)."""
        if "key" in state and "originator_topic" in state:
            kind, key = event_type(state["originator_topic"]), str(state["key"])
            name = state.get("name") or state.get("title")
            if kind == "Partner" and name:
                self.partners[key] = str(name)
            elif not name and state.get("org_nr") in self.partners:
                name = self.partners[state["org_nr"]]
            self.known[originator_id] = f"{kind} {key} · {name}" if name else f"{kind} {key}"

    def of(self, originator_id: UUID, *, look_up: bool) -> str:
        subject = self.known.get(originator_id)
        if subject is None and look_up:  # (by UUID: a text id finds nothing on SQLite)
            for stored in self.recorder.select_events(originator_id, lte=1, limit=1):
                self.learn(originator_id, decoded(stored.state, self.cipher, stored.topic))
            subject = self.known.get(originator_id)
        return subject or str(originator_id)


def head_before(recorder: ChainedRecorder, position: int) -> ChainHead:
    """Where reading must start for the event at ``position`` + 1 to come first: the
    notification id of the event at ``position`` (from the chain: ids may have gaps)."""
    if position <= 0:
        return START
    for link in recorder.select_chain(position - 1, 1):
        if link.position == position:
            return ChainHead(link.notification_id, position, link.hash)
    raise LookupError(f"no event at position {position}")


def _row(stored: StoredRow, subjects: _Subjects, *, look_up: bool) -> HistoryRow:
    state = decoded(stored.state, subjects.cipher, stored.topic)
    oid = stored.originator_id
    subjects.learn(oid, state)
    return HistoryRow(stored.position, str(state.get("timestamp", "")),
                      str(state.get("actor", "")), event_type(stored.topic),
                      subjects.of(oid, look_up=look_up))


def _stored(recorder: ChainedRecorder, after: ChainHead, page: int,
            until: int | None) -> Iterator[StoredRow]:
    """The stored events after ``after``, with their positions, up to ``until``."""
    for stored in stream(recorder, page=page, start_after=after, hashed=False):
        if until is not None and stored.position > until:
            return
        yield stored


def load_page(recorder: ChainedRecorder, page: int, needle: str = "",
              subjects: _Subjects | None = None,
              cancelled: Callable[[], bool] = lambda: False,
              until: int | None = None, cipher: Cipher | None = None, *,
              newest_first: bool = True) -> HistoryPage:
    """Page ``page`` (0-based) of the history, or of the rows matching ``needle``
    (``Needle``: words in the type in either language, the subject with its name or the
    actor; ``actor:`` and ``part:``), newest first unless ``newest_first`` is False;
    ``until`` ends the history at that position (looking back); ``cipher`` decrypts an
    encrypted ledger. Only the page's rows are kept, however long the history is."""
    subjects = subjects or _Subjects(recorder, cipher)
    wanted = Needle.parse(needle)
    if not wanted:
        total = recorder.chain_size()
        if until is not None:
            total = min(total, until)
        page = max(0, min(page, (total - 1) // PAGE_SIZE)) if total else 0
        if newest_first:
            last = total - page * PAGE_SIZE
            first = max(0, last - PAGE_SIZE)
        else:
            first = page * PAGE_SIZE
            last = min(total, first + PAGE_SIZE)
        size = last - first
        rows = [_row(stored, subjects, look_up=True) for stored in islice(
            _stored(recorder, head_before(recorder, first), size, until), size)
        ] if size > 0 else []
        return HistoryPage(page, rows[::-1] if newest_first else rows, total)
    # Filtered: one scan; newest first keeps the latest (page + 1) pages of matches.
    first = page * PAGE_SIZE
    kept: deque[HistoryRow] | list[HistoryRow] = (
        deque(maxlen=first + PAGE_SIZE) if newest_first else [])
    total = 0
    for n, stored in enumerate(_stored(recorder, START, SCAN, until)):
        if n % SCAN == 0 and cancelled():
            break
        row = _row(stored, subjects, look_up=False)
        if row.matches(wanted):
            if newest_first or first <= total < first + PAGE_SIZE:
                kept.append(row)
            total += 1
    if newest_first:
        newest = list(kept)[::-1]
        rows = newest[first:first + PAGE_SIZE]
    else:
        rows = list(kept)
    if not rows and total and page:  # the filter shrank the history below this page
        return load_page(recorder, (total - 1) // PAGE_SIZE, needle, subjects, cancelled,
                         until, cipher, newest_first=newest_first)
    return HistoryPage(page, rows, total)


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
        self._subjects: _Subjects | None = None
        self._until_shown: int | None = None

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
        self._debounce = self.set_timer(0.3, self._apply_filter)

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
        self.query_one("#events", DataTable).loading = True
        until = self.until
        if until == -1:
            return  # the replay will tell where a date ends (``_state_changed``)
        self._load(self.page, self.needle, until)

    @work(thread=True, exclusive=True, group="history")
    def _load(self, page: int, needle: str, until: int | None) -> None:
        ledger = self.ledger_app.ledger
        cipher = ledger.cipher
        if self._subjects is None:
            self._subjects = _Subjects(ledger.store, cipher)
        worker = get_current_worker()
        try:
            result = load_page(ledger.store, page, needle, self._subjects,
                               lambda: worker.is_cancelled, until, cipher)
        except Exception as error:  # unreadable storage: say so, go on
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, error)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._loaded, result, until)

    def _failed(self, error: Exception) -> None:
        self.query_one("#events", DataTable).loading = False
        self.notify(went_wrong(error, self.lang), severity="error")

    def _loaded(self, result: HistoryPage, until: int | None = None) -> None:
        self.page = result.page
        self._until_shown = until
        self._show(result)

    def _show(self, result: HistoryPage) -> None:
        self.shown = result
        table = self.query_one("#events", DataTable)
        table.loading = False
        table.clear()
        for row in result.rows:
            table.add_row(*cells(row.position, format_time(row.time), row.actor,
                                 type_words(row.type, self.lang), row.subject),
                          key=str(row.position))
        status = (self.t("ui.history.rows", first=result.first, last=result.last,
                         total=result.total, page=result.page + 1, pages=result.pages)
                  if result.rows else self.t("ui.history.none"))
        self.query_one("#rows", Static).update(status)
