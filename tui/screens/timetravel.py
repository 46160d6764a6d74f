"""Looking back: the dialog that picks a date or a position, and the detail of one event.

A date keeps the events recorded on or before it, the meaning of ``asfledger audit replay
--as-of``; a position keeps the events up to and including it. While the user looks
back every screen shows the ledger as it was, the header says so, and nothing can be
recorded. ``T`` again, or ``escape``, returns to now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from asfledger.failures import explain
from asfledger.queries.event import EventInfo
from asfledger.queries.snapshot import LookBack
from tui.screens.common import format_time, translate_bindings, type_words
from tui.text import translate


def parse_look_back(as_of: str, position: str, head: int, lang: str,
                    decided_on: str = "") -> LookBack | str:
    """What the dialog's fields ask for, or why they cannot be used."""
    as_of, position, decided_on = as_of.strip(), position.strip(), decided_on.strip()
    if sum(map(bool, (as_of, position, decided_on))) > 1:
        return translate("ui.travel.one_of", lang)
    for raw, decided in ((as_of, False), (decided_on, True)):
        if raw:
            try:
                day = date.fromisoformat(raw)
            except ValueError:
                return translate("ui.travel.bad_date", lang, value=raw)
            return LookBack(decided_on=day) if decided else LookBack(as_of=day)
    if position:
        try:
            n = int(position.lstrip("#"))
        except ValueError:
            n = 0
        if not 1 <= n <= head:
            return translate("ui.travel.bad_position", lang, value=position, head=head)
        return LookBack(position=n)
    return translate("ui.travel.empty", lang)


class TimeTravelDialog(ModalScreen[LookBack | None]):
    """Pick a date or a position to look back to."""

    DEFAULT_CSS = """
    TimeTravelDialog { align: center middle; }
    #travel-box {
        width: 70; height: auto; border: round $warning; background: $surface;
        padding: 1 2;
    }
    #travel-box > Label { margin-top: 1; }
    #travel-title { text-style: bold; }
    #travel-error { color: $error; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ui.key.cancel"),
    ]

    def __init__(self, head: int, lang: str) -> None:
        super().__init__(id="time-travel")
        self.head = head
        self.lang = lang

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.lang, **params)

    def compose(self) -> ComposeResult:
        with Vertical(id="travel-box"):
            yield Static(self.t("ui.travel.title"), id="travel-title", markup=False)
            yield Static(self.t("ui.travel.explain"), classes="why", markup=False)
            yield Label(self.t("ui.travel.date_label"))
            yield Input(placeholder=date.today().isoformat(), id="as-of")
            yield Label(self.t("ui.travel.decided_label"))
            yield Input(placeholder=date.today().isoformat(), id="decided-on")
            yield Label(self.t("ui.travel.position_label", head=self.head))
            yield Input(placeholder=str(self.head), id="position")
            yield Static(id="travel-error", markup=False)
            yield Static(self.t("ui.travel.keys"), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.query_one("#as-of", Input).focus()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        found = parse_look_back(self.query_one("#as-of", Input).value,
                                self.query_one("#position", Input).value, self.head,
                                self.lang, self.query_one("#decided-on", Input).value)
        if isinstance(found, str):
            self.query_one("#travel-error", Static).update(found)
            return
        self.dismiss(found)


class EventDetailScreen(ModalScreen[None]):
    """One event of the history: its sentence, its full data and its chain hash."""

    DEFAULT_CSS = """
    EventDetailScreen { align: center middle; }
    #event-box {
        width: 90%; height: 80%; border: round $primary; background: $surface;
        padding: 1 2;
    }
    #event-title { text-style: bold; }
    #event-sentence { margin: 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ui.key.close"),
        Binding("t", "look_back", "ui.key.look_back_here"),
    ]

    def __init__(self, position: int, lang: str) -> None:
        super().__init__(id="event-detail")
        self.position = position
        self.lang = lang
        self.info: EventInfo | None = None

    def t(self, key: str, /, **params: Any) -> str:
        return translate(key, self.lang, **params)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="event-box"):
            yield Static(self.t("ui.event.title", position=self.position), id="event-title",
                         markup=False)
            yield Static(id="event-sentence", markup=False)
            yield Static(id="event-data")
            yield Static(id="event-chain", markup=False)
            yield Static(self.t("ui.event.keys"), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.query_one("#event-box").loading = True
        self._read()

    @dataclass
    class Read(Message, bubble=False):
        """From the worker: the event (None: there is none at the position), or why it
        could not be read."""

        info: EventInfo | None
        error: Exception | None = None

    @work(thread=True, exclusive=True, group="event-detail")
    def _read(self) -> None:
        ledger = getattr(self.app, "ledger")  # noqa: B009 - the LedgerApp's
        try:
            info = ledger.event(self.position, self.lang)
        except Exception as error:  # an unreadable event: say so in the dialog
            self.post_message(self.Read(None, error))
            return
        self.post_message(self.Read(info))

    @on(Read)
    def _on_read(self, message: Read) -> None:
        if message.error is not None:
            self._failed(message.error)
        else:
            self._loaded(message.info)

    def _failed(self, error: Exception) -> None:
        self.query_one("#event-box").loading = False
        self.query_one("#event-sentence", Static).update(
            self.t("ui.event.unreadable", error=explain(error, self.lang)))

    def _loaded(self, info: EventInfo | None) -> None:
        self.info = info
        self.query_one("#event-box").loading = False
        if info is None:
            self.query_one("#event-sentence", Static).update(self.t("ui.event.missing"))
            return
        self.query_one("#event-title", Static).update(self.t(
            "ui.event.heading", position=info.position, type=type_words(info.type, self.lang),
            subject=info.subject,
            time=format_time(info.recorded.isoformat()), actor=info.actor))
        self.query_one("#event-sentence", Static).update(info.sentence)
        data = Text()
        for name, value in info.data:
            data.append(f"{name}: ", style="dim")
            data.append(value + "\n")
        self.query_one("#event-data", Static).update(data)
        self.query_one("#event-chain", Static).update(
            self.t("ui.event.chain", hash=info.chain) if info.chain
            else self.t("ui.event.no_chain"))

    def action_look_back(self) -> None:
        self.dismiss()
        travel = getattr(self.app, "look_back_to", None)
        if travel is not None:
            travel(LookBack(position=self.position))
