"""An empty ledger: load the demo history, or start recording."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.message import Message
from textual.widgets import Button, Footer, Header, Static

from asfledger.failures import explain
from tui.screens.common import LedgerScreen

DEMO_YEARS, DEMO_SEED = 3, 1


class WelcomeScreen(LedgerScreen):
    TITLE_KEY = "ui.screen.welcome"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "demo", "ui.key.demo"),
        Binding("s", "start", "ui.key.start"),
    ]

    def __init__(self) -> None:
        super().__init__(id="welcome")
        self.loading_demo = False

    def compose(self) -> ComposeResult:
        app = self.ledger_app
        yield Header()
        with Center(), Vertical(id="welcome-box"):
            yield Static(self.t("ui.welcome.title"), id="welcome-title", markup=False)
            yield Static(self.t("ui.welcome.body", location=app.location), markup=False)
            yield Button(self.t("ui.welcome.demo", years=DEMO_YEARS), id="demo",
                         variant="primary", disabled=app.read_only)
            if app.read_only:
                yield Static(self.t("ui.welcome.demo_read_only"), id="demo-why",
                             classes="why", markup=False)
            yield Button(self.t("ui.welcome.start"), id="start")
            yield Static(id="welcome-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        first = "#start" if self.ledger_app.read_only else "#demo"
        self.query_one(first, Button).focus()

    @on(Button.Pressed, "#demo")
    def action_demo(self) -> None:
        if self.ledger_app.read_only:
            why = self.t("ui.welcome.demo_read_only")
            self.query_one("#welcome-status", Static).update(why)
            self.notify(why, severity="warning")
            return
        if self.loading_demo:
            return
        self.loading_demo = True
        self.query_one("#welcome-status", Static).update(self.t("ui.welcome.loading"))
        self.query_one("#welcome-box").loading = True
        self._load_demo()

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        if not self.loading_demo:
            self.dismiss()

    @dataclass
    class DemoRecorded(Message, bubble=False):
        """From the worker: the demo history is recorded (``error`` None), or why not."""

        error: Exception | None = None

    @work(thread=True, exclusive=True, group="demo")
    def _load_demo(self) -> None:
        from asfledger.demo import record_demo  # as the CLI's demo command records it

        ledger = self.ledger_app.ledger
        try:
            record_demo(ledger, DEMO_YEARS, DEMO_SEED)
        except Exception as e:  # a refusal or a storage problem: say so, stay here
            self.post_message(self.DemoRecorded(e))
            return
        self.post_message(self.DemoRecorded())

    @on(DemoRecorded)
    def _demo_recorded(self, message: DemoRecorded) -> None:
        if message.error is not None:
            self._failed(message.error)
        else:
            self._loaded()

    def _loaded(self) -> None:
        self.ledger_app.poll()
        self.dismiss()

    def _failed(self, error: Exception) -> None:
        self.loading_demo = False
        self.query_one("#welcome-box").loading = False
        message = self.t("ui.welcome.demo_failed", error=explain(error, self.lang))
        self.query_one("#welcome-status", Static).update(message)
        self.notify(message, severity="error")
