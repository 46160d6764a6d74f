"""The terminal UI of the ledger (SPEC §6): a first cut with the dashboard, the history,
the welcome of an empty ledger, help, the command palette and two languages.

``run(...)`` is what ``asfledger`` / ``asfledger tui`` call. The app reads the ledger
through ``Ledger`` and the projections only; slow reads run in thread workers. Every
two seconds it asks the ledger for its head, so what another user records shows up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.reactive import reactive
from textual.screen import Screen

from asfledger.ledger import Ledger
from asfledger.storage import describe
from domain.catalogue import translate
from tui.screens.common import translate_bindings
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen, keys_of
from tui.screens.history import HistoryScreen
from tui.screens.welcome import WelcomeScreen

POLL_SECONDS = 2.0


class LedgerCommands(Provider):
    """The app's own entries in the command palette (ctrl+p)."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        assert isinstance(app, LedgerApp)
        lang = app.lang
        return [
            (translate("ui.cmd.dashboard", lang), translate("ui.cmd.dashboard_help", lang),
             app.action_dashboard),
            (translate("ui.cmd.history", lang), translate("ui.cmd.history_help", lang),
             app.action_history),
            (translate("ui.cmd.language", lang), translate("ui.cmd.language_help", lang),
             app.action_switch_language),
        ]

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)


class LedgerApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "asfledger"
    COMMANDS = App.COMMANDS | {LedgerCommands}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[object]]]] = {
        "dashboard": DashboardScreen,
        "history": HistoryScreen,
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "ui.key.quit"),
        Binding("f1", "help", "ui.key.help"),
        Binding("d", "dashboard", "ui.key.dashboard"),
        Binding("h", "history", "ui.key.history"),
        Binding("l", "switch_language", "ui.key.language"),
    ]

    lang: reactive[str] = reactive("en", init=False)
    head: reactive[int] = reactive(0, init=False)

    def __init__(self, db: str, *, actor: str | None = None, lang: str = "en",
                 read_only: bool = False) -> None:
        super().__init__()
        self.ledger = Ledger(db, actor=actor, read_only=read_only)
        self.read_only = read_only
        self.location = describe(db)
        self.set_reactive(LedgerApp.lang, lang)
        self.set_reactive(LedgerApp.head, self.ledger.head())

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self._titles()
        self.switch_mode("dashboard")
        if self.head == 0:
            self.push_screen(WelcomeScreen())
        self.set_interval(POLL_SECONDS, self.poll)

    def on_unmount(self) -> None:
        self.ledger.close()

    def _titles(self) -> None:
        self.title = translate("ui.title", self.lang)
        location = self.location
        self.sub_title = (translate("ui.read_only_at", self.lang, location=location)
                          if self.read_only else location)

    def poll(self) -> None:
        """Refresh every screen when the ledger grew (here or in another process)."""
        try:
            head = self.ledger.head()
        except Exception as e:  # the file went away or the server is down: say so, go on
            self.notify(translate("ui.poll_failed", self.lang, error=e), severity="error")
            return
        if head != self.head:
            grown = head - self.head
            self.head = head
            self.notify(translate("ui.changed", self.lang, events=grown), timeout=4)

    def watch_lang(self) -> None:
        translate_bindings(self, self.lang)
        self._titles()

    def action_dashboard(self) -> None:
        self.switch_mode("dashboard")

    def action_history(self) -> None:
        self.switch_mode("history")

    def action_switch_language(self) -> None:
        self.lang = "en" if self.lang == "sv" else "sv"

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        title = self.screen.title or self.title
        self.push_screen(HelpScreen(title, keys_of(self.screen, self.lang), self.lang))


def run(db: str, actor: str | None, lang: str, read_only: bool) -> int:
    """Open the terminal UI on the ledger at ``db``; the exit code of the CLI."""
    # A ledger that cannot be opened raises StorageError here: the CLI reports it (exit 3).
    app = LedgerApp(db, actor=actor, lang=lang, read_only=read_only)
    result = app.run()
    return result if isinstance(result, int) else 0
