"""Looking back: the dialog that picks a date or a position, and the detail of one event.

A date keeps the events recorded on or before it, the meaning of ``asfledger audit replay
--as-of``; a position keeps the events up to and including it. While the user looks
back every screen shows the ledger as it was, the header says so, and nothing can be
recorded. ``T`` again, or ``escape``, returns to now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, cast
from uuid import UUID

import msgspec
from eventsourcing.persistence import Mapper
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.history import event_type
from asfledger.mapper import to_struct
from asfledger.storage import explain
from domain.aggregates import LedgerAggregate, Partner
from projections.events import LedgerEvent
from projections.timeline import Timeline, printable_line
from tui.screens.common import format_time, translate_bindings
from tui.state import LookBack
from tui.text import translate

_IDS = ("originator_id", "originator_version")


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


@dataclass(frozen=True, slots=True)
class EventInfo:
    position: int
    recorded: str
    actor: str
    type: str
    subject: str
    sentence: str
    data: list[tuple[str, str]]
    chain: str | None


def _show(value: object) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return msgspec.json.encode(value, enc_hook=str).decode()


def read_event(recorder: ChainedRecorder, mapper: Mapper[UUID], position: int,
               lang: str) -> EventInfo | None:
    """The stored event at ``position`` (in the audit chain: PostgreSQL's notification
    ids may have gaps, positions do not), decoded by the ledger's mapper (which decrypts
    an encrypted ledger), said in the policy's words, with its link of the chain."""
    links = recorder.select_chain(position - 1, 1) if position > 0 else []
    if not links or links[0].position != position:
        return None
    link = links[0]
    found = recorder.select_notifications(start=link.notification_id, limit=1)
    if not found or found[0].id != link.notification_id:
        return None
    stored = found[0]
    oid = stored.originator_id
    oid = oid if isinstance(oid, UUID) else UUID(str(oid))
    event = cast(LedgerAggregate.Event, mapper.to_domain_event(stored))
    data = {k: v for k, v in vars(event).items() if k not in _IDS}

    def created(originator_id: UUID) -> dict[str, Any]:
        for first in recorder.select_events(originator_id, lte=1, limit=1):
            return dict(vars(mapper.to_domain_event(first)))
        return {}

    subject = str(data["key"]) if "key" in data else str(
        created(oid).get("key", oid))
    kind = event_type(stored.topic)
    timeline = Timeline(lang)
    partners = {subject if kind.startswith("Partner.") else "", str(data.get("org_nr") or ""),
                str(data["payee"]) if data.get("payee_kind") == "partner" else ""}
    for org_nr in partners - {""}:
        name = created(Partner.id_for(org_nr)).get("name")
        if name:
            timeline.partner_names[org_nr] = str(name)
    sentence = timeline.sentence(LedgerEvent(position, event.timestamp, event.actor, kind,
                                             oid, subject, to_struct(event)))
    chain = link.hash.hex()
    return EventInfo(position, format_time(event.timestamp.isoformat()),
                     str(data.get("actor", "")), kind, subject, printable_line(sentence),
                     [(k, printable_line(_show(v))) for k, v in data.items()], chain)


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

    @work(thread=True, exclusive=True, group="event-detail")
    def _read(self) -> None:
        ledger = getattr(self.app, "ledger")  # noqa: B009 - the LedgerApp's
        try:
            info = read_event(ledger.store, ledger.mapper, self.position, self.lang)
        except Exception as error:  # an unreadable event: say so in the dialog
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._loaded, info)

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
            "ui.event.heading", position=info.position, type=info.type, subject=info.subject,
            time=info.recorded, actor=info.actor))
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
