"""What the UI shows when the ledger cannot be read with the key given (or without
one): the one sentence that says why and how to give the key, and ``q`` to quit with
the storage problem's exit code (3). Nothing of the ledger is read or written."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from domain.catalogue import translate
from tui.screens.common import translate_bindings

EXIT_STORAGE = 3


class KeyProblemApp(App[int]):
    """The UI of a ledger that its key (or the lack of one) cannot open."""

    TITLE = "asfledger"
    CSS = """
    #locked { align: center middle; height: 1fr; }
    #locked > Static { width: 80%; max-width: 90; height: auto; text-align: center; }
    #locked-title { text-style: bold; color: $error; }
    #locked-why { margin: 1 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit_locked", "ui.key.quit", id="app.quit"),
    ]

    def __init__(self, sentence: str, lang: str) -> None:
        super().__init__()
        self.sentence = sentence
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="locked"):
            yield Static(translate("ui.locked.title", self.lang), id="locked-title",
                         markup=False)
            yield Static(self.sentence, id="locked-why", markup=False)
            yield Static(translate("ui.locked.quit", self.lang), id="locked-quit",
                         markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = translate("ui.title", self.lang)
        translate_bindings(self, self.lang)

    def action_quit_locked(self) -> None:
        self.exit(EXIT_STORAGE, return_code=EXIT_STORAGE)
