"""The terminal UI of the ledger (SPEC §6): the dashboard, a screen for each part of the
policy, the history, the welcome of an empty ledger, help, the command palette, two
languages, and looking back at the ledger as it was.

``run(...)`` is what ``asfledger`` / ``asfledger tui`` call. The app reads the ledger
through ``Ledger`` and the projections only; slow reads run in thread workers. Every
two seconds it asks the ledger for its head, so what another user records shows up.

The screens of the policy's parts share one replayed state (``tui.state.LedgerState``,
``app.ledger_state``). ``T`` looks back to a date or a position (``app.look_back``);
meanwhile every such screen shows the ledger as it was, the header says "as of …", and
``app.read_only`` is true so nothing can be recorded. ``T`` or ``escape`` returns to now.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from pathlib import Path, PurePath
from typing import Any, ClassVar, cast

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.message import Message
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Input

from asfledger.ledger import Ledger
from asfledger.queries.snapshot import LookBack
from tui.forms import RecordCommands, open_record_picker
from tui.screens.common import describe_action, translate_bindings, went_wrong
from tui.screens.compliance import ComplianceScreen
from tui.screens.dashboard import DashboardScreen
from tui.screens.help import HelpScreen, keys_of
from tui.screens.history import HistoryScreen
from tui.screens.parts.action_plan import ActionPlanScreen
from tui.screens.parts.activities import ActivitiesScreen
from tui.screens.parts.board_meetings import BoardMeetingsScreen
from tui.screens.parts.efforts import EffortsScreen
from tui.screens.parts.expenditure import ExpenditureScreen
from tui.screens.parts.funding import FundingScreen
from tui.screens.parts.memberships import MembershipsScreen
from tui.screens.parts.partners import PartnersScreen
from tui.screens.parts.structural import StructuralScreen
from tui.screens.reports import ReportsScreen
from tui.screens.settings import SettingsScreen
from tui.screens.timetravel import TimeTravelDialog
from tui.screens.welcome import WelcomeScreen
from tui.settings import Settings, save_settings, screenshot_folder, start_settings
from tui.state import LedgerState, Replayed, look_back_words
from tui.text import translate
from tui.widgets.palette import Entry, ListedCommands

POLL_SECONDS = 2.0

# Textual's own palette commands (title, help) → our keys for them (``ui.system.*``).
_SYSTEM_COMMANDS: dict[tuple[str, str], tuple[str, str]] = {
    ("Theme", "Change the current theme"): ("ui.system.theme", "ui.system.theme_help"),
    ("Quit", "Quit the application as soon as possible"): (
        "ui.system.quit", "ui.system.quit_help"),
    ("Keys", "Hide the keys and widget help panel"): (
        "ui.system.keys_hide", "ui.system.keys_hide_help"),
    ("Keys", "Show help for the focused widget and a summary of available keys"): (
        "ui.system.keys", "ui.system.keys_help"),
    ("Minimize", "Minimize the widget and restore to normal size"): (
        "ui.system.minimize", "ui.system.minimize_help"),
    ("Maximize", "Maximize the focused widget"): (
        "ui.system.maximize", "ui.system.maximize_help"),
    ("Screenshot", "Save an SVG 'screenshot' of the current screen"): (
        "ui.system.screenshot", "ui.system.screenshot_help"),
}

# The screens of the policy's parts, in the order of their number keys 1–9.
PART_SCREENS: dict[str, Callable[[], Screen[object]]] = {
    "partners": PartnersScreen,
    "funding": FundingScreen,
    "activities": ActivitiesScreen,
    "structural": StructuralScreen,
    "plan": ActionPlanScreen,
    "efforts": EffortsScreen,
    "expenditure": ExpenditureScreen,
    "memberships": MembershipsScreen,
    "board": BoardMeetingsScreen,
}
_SCREENS_GROUP = Binding.Group("ui.key.screens", compact=True)
# Each screen's name and help in the command palette, and what its key does.
_SCREEN_WORDS: dict[str, tuple[str, str, str]] = {
    "partners": ("ui.cmd.partners", "ui.cmd.partners_help", "ui.key.partners"),
    "funding": ("ui.cmd.funding", "ui.cmd.funding_help", "ui.key.funding"),
    "activities": ("ui.cmd.activities", "ui.cmd.activities_help", "ui.key.activities"),
    "structural": ("ui.cmd.structural", "ui.cmd.structural_help", "ui.key.structural"),
    "plan": ("ui.cmd.plan", "ui.cmd.plan_help", "ui.key.plan"),
    "efforts": ("ui.cmd.efforts", "ui.cmd.efforts_help", "ui.key.efforts"),
    "expenditure": ("ui.cmd.expenditure", "ui.cmd.expenditure_help", "ui.key.expenditure"),
    "memberships": ("ui.cmd.memberships", "ui.cmd.memberships_help", "ui.key.memberships"),
    "board": ("ui.cmd.board", "ui.cmd.board_help", "ui.key.board"),
    "reports": ("ui.cmd.reports", "ui.cmd.reports_help", "ui.key.reports"),
    "compliance": ("ui.cmd.compliance", "ui.cmd.compliance_help", "ui.key.compliance"),
    "settings": ("ui.cmd.settings", "ui.cmd.settings_help", "ui.key.settings"),
}


class LedgerCommands(ListedCommands):
    """The app's own entries in the command palette (ctrl+p)."""

    def entries(self) -> list[Entry]:
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
            (translate("ui.cmd.help", lang), translate("ui.cmd.help_help", lang),
             app.action_help),
            (translate("ui.cmd.back", lang), translate("ui.cmd.back_help", lang),
             app.action_step_back),
        ]


class PartCommands(ListedCommands):
    """The screens of the policy's parts, and looking back, in the command palette."""

    def entries(self) -> list[Entry]:
        app = self.app
        assert isinstance(app, LedgerApp)
        lang = app.lang
        found: list[Entry] = [
            (translate(_SCREEN_WORDS[mode][0], lang), translate(_SCREEN_WORDS[mode][1], lang),
             partial(app.action_show, mode)) for mode in PART_SCREENS]
        if app.looking_back:
            found.append((translate("ui.cmd.now", lang), translate("ui.cmd.now_help", lang),
                          app.action_back_to_now))
        else:
            found.append((translate("ui.cmd.travel", lang),
                          translate("ui.cmd.travel_help", lang), app.action_time_travel))
        return found


class AuditCommands(ListedCommands):
    """The board's report, compliance and the settings in the command palette."""

    def entries(self) -> list[Entry]:
        app = self.app
        assert isinstance(app, LedgerApp)
        return [(translate(_SCREEN_WORDS[mode][0], app.lang),
                 translate(_SCREEN_WORDS[mode][1], app.lang), partial(app.action_show, mode))
                for mode in ("reports", "compliance", "settings")]


class ScreenCommands(ListedCommands):
    """The keys of the screen the palette was opened on (F1 lists the same): filter,
    page, open, export, verify…, each once, as the user sees them described."""

    def entries(self) -> list[Entry]:
        screen, lang = self.screen, self.app.lang if isinstance(self.app, LedgerApp) else "en"
        found: dict[str, Entry] = {}
        for binding in Binding.make_bindings(getattr(type(screen), "BINDINGS", [])):
            if not binding.description.startswith("ui.") or binding.action in found:
                continue
            key = self.app.get_key_display(binding)
            found[binding.action] = (
                translate(binding.description, lang),
                translate("ui.cmd.screen_key_help", lang, key=key),
                partial(screen.run_action, binding.action))
        return list(found.values())


class LedgerApp(App[int]):
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "forms.tcss"]
    TITLE = "asfledger"
    # Looking back is unmistakable: the header changes colour while it lasts.
    CSS = """
    App.-looking-back Header { background: $warning 45%; text-style: bold; }
    """
    COMMANDS = App.COMMANDS | {LedgerCommands, PartCommands, RecordCommands,
                                   AuditCommands, ScreenCommands}
    MODES: ClassVar[dict[str, str | Callable[[], Screen[object]]]] = {
        "dashboard": DashboardScreen,
        "history": HistoryScreen,
        **PART_SCREENS,
        "reports": ReportsScreen,
        "compliance": ComplianceScreen,
        "settings": SettingsScreen,
    }
    # The footer shows what a narrow terminal has room for (the screen's own keys, then
    # Record, Look back, Help); the keys of the screens, the language and quit are in F1
    # and the command palette.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "dashboard", "ui.key.dashboard", id="app.dashboard", show=False),
        *(Binding(str(number), f"show('{mode}')", _SCREEN_WORDS[mode][2], group=_SCREENS_GROUP,
                  id=f"nav.{mode}", show=False)
          for number, mode in enumerate(PART_SCREENS, start=1)),
        Binding("h", "history", "ui.key.history", id="app.history", show=False),
        Binding("b", "show('reports')", "ui.key.reports", id="nav.reports", show=False),
        Binding("c", "show('compliance')", "ui.key.compliance", id="nav.compliance",
                show=False),
        Binding("comma", "show('settings')", "ui.key.settings", key_display=",",
                id="nav.settings", show=False),
        Binding("r", "record", "ui.key.record", id="app.record"),
        Binding("T", "time_travel", "ui.key.time_travel", key_display="T",
                id="travel.toggle"),
        # Escape steps back: out of a text box, then to now (while looking back), then to
        # the screen before (a back stack, as hledger-ui and lazygit do). Its id is still
        # "travel.now", the one users may have rebound in settings.json.
        Binding("escape", "step_back", "ui.key.back", id="travel.now", show=False),
        Binding("f1", "help", "ui.key.help", id="app.help"),
        Binding("question_mark", "help", "ui.key.help", key_display="?", id="app.help_q",
                show=False),
        Binding("l", "switch_language", "ui.key.language", id="app.language", show=False),
        Binding("q", "quit", "ui.key.quit", id="app.quit", show=False),
    ]

    lang: reactive[str] = reactive("en", init=False)
    head: reactive[int] = reactive(0, init=False)
    # Where the user looks back to; None: now.
    look_back: reactive[LookBack | None] = reactive(None, init=False)

    def __init__(self, db: str, *, actor: str | None = None, lang: str = "en",
                 read_only: bool = False, key_file: str | Path | None = None) -> None:
        """Open the ledger at ``db``; ``key_file`` (else ``$ASFLEDGER_KEY_FILE``) is the key
        of an encrypted ledger. Raises ``KeyProblem`` when the key cannot open it.

        A SQLite file this OS user cannot write (it, or its folder, is read-only for them),
        or a PostgreSQL ledger this role may only read, is opened read-only, as
        ``--read-only`` would, and the user is told once."""
        super().__init__()
        # Opened read-only because this user cannot write the file, or this PostgreSQL
        # role may only read: the catalogue's suffix of what the UI says ("", "_role").
        self.ledger = Ledger.open_as_allowed(db, actor=actor, read_only=read_only,
                                             key_file=key_file)
        may_only_read = self.ledger.may_only_read
        self.unwritable: str | None = (None if may_only_read is None
                                       else "_role" if may_only_read == "role" else "")
        self.opened_read_only = self.ledger.read_only
        self.location = self.ledger.location
        self.ledger_state = LedgerState(self, self.ledger)
        self.set_reactive(LedgerApp.lang, lang)
        self.set_reactive(LedgerApp.head, self.ledger.head())
        self.settings = Settings()  # the user's (tui.settings), read when mounted
        # The screens visited before this one, for escape (newest last).
        self.back_stack: list[str] = []
        # What was typed in a form left unrecorded, by command: reopening the form
        # restores it. Kept in memory only: a draft may hold what R7 forbids to store.
        self.drafts: dict[str, dict[str, Any]] = {}

    def on_mount(self) -> None:
        self.settings = start_settings(self)  # theme and keys from settings.json
        translate_bindings(self, self.lang)
        self._titles()
        self.switch_mode("dashboard")
        if self.head == 0:
            self.push_screen(WelcomeScreen())
        if self.unwritable is not None:
            self.notify(translate("ui.opened_unwritable_role" if self.unwritable == "_role"
                                  else "ui.opened_unwritable", self.lang),
                        severity="warning",
                        timeout=10)
        self.set_interval(POLL_SECONDS, self.poll)

    def on_unmount(self) -> None:
        self.ledger.close()

    @on(Replayed)
    def _replayed(self, message: Replayed) -> None:
        self.ledger_state.replayed(message)

    @property
    def looking_back(self) -> bool:
        """True while the screens show the ledger as it was (``T``)."""
        return self.look_back is not None

    @property
    def read_only(self) -> bool:
        """Nothing may be recorded: opened ``--read-only``, or looking back."""
        return self.opened_read_only or self.looking_back

    def _titles(self) -> None:
        self.title = translate("ui.title", self.lang)
        location = self.location
        sub_title = (translate("ui.read_only_at", self.lang, location=location)
                     if self.opened_read_only else location)
        if self.look_back is not None:
            sub_title = translate("ui.travel.header", self.lang,
                                  when=look_back_words(self.look_back, self.lang), rest=sub_title)
        self.sub_title = sub_title

    def poll(self) -> None:
        """Refresh every screen when the ledger grew (here or in another process). The head
        is asked in a worker: a slow server or a file locked by a writer never holds the
        screen."""
        self._poll()

    @dataclass
    class Polled(Message, bubble=False):
        """From the poll's worker: the ledger's head, or why it could not be read."""

        head: int | None
        error: Exception | None = None

    @work(thread=True, exclusive=True, group="poll")
    def _poll(self) -> None:
        try:
            self.post_message(self.Polled(self.ledger.head()))
        except Exception as e:  # the file went away or the server is down: say so, go on
            self.post_message(self.Polled(None, e))

    @on(Polled)
    def _polled(self, message: Polled) -> None:
        if message.error is not None:
            self.notify(went_wrong(message.error, self.lang), severity="error")
            return
        head = message.head
        # Not while a form writes: it says what it recorded, then follows the head itself.
        if any(getattr(screen, "writing", False) for screen in self.screen_stack):
            return
        if head is not None and head != self.head:
            grown = head - self.head
            self.head = head
            self.notify(translate("ui.changed", self.lang, events=grown), timeout=4)

    # Textual's own commands, in the UI's language -----------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands (Theme, Quit, Keys, Screenshot…) in the UI's language;
        Screenshot saves where the settings say (``screenshot_now``)."""
        for command in super().get_system_commands(screen):
            title, help_text, callback = command.title, command.help, command.callback
            if title == "Screenshot":
                callback = self.screenshot_now
            keys = _SYSTEM_COMMANDS.get((title, help_text))
            if keys is not None:
                title, help_text = (translate(key, self.lang) for key in keys)
            yield command._replace(title=title, help=help_text, callback=callback)

    def action_command_palette(self) -> None:
        """The palette, with its prompt in the UI's language."""
        if self.use_command_palette and not CommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=translate("ui.palette.prompt",
                                                                  self.lang)))

    def screenshot_now(self) -> Path | None:
        """Save an SVG of the screen in the folder the settings name (created if missing),
        else the pictures folder's ``asfledger``; say where, or why it could not."""
        folder = screenshot_folder(self.settings)
        name = f"asfledger-{datetime.now().strftime('%Y-%m-%d_%H-%M-%S')}.svg"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            path.write_text(self.export_screenshot(), encoding="utf-8")
        except OSError as e:
            self.notify(translate("ui.screenshot.failed", self.lang, folder=str(folder),
                                  error=e.strerror or str(e)), severity="error", timeout=8)
            return None
        self.notify(translate("ui.screenshot.saved", self.lang, path=str(path)))
        return path

    def recorded_here(self) -> None:
        """This user just recorded (and was told so by the form): follow the ledger's new
        head without a second notice (one toast per save)."""
        try:
            self.head = self.ledger.head()
        except Exception:  # the next poll says what went wrong
            return

    def watch_lang(self) -> None:
        translate_bindings(self, self.lang)
        self._describe_travel()
        self._titles()

    def _describe_travel(self) -> None:
        describe_action(self, "time_travel", "ui.key.back_to_now" if self.looking_back
                        else "ui.key.time_travel", self.lang)

    def watch_head(self) -> None:
        self.ledger_state.ledger_grew()

    def watch_look_back(self, look_back: LookBack | None) -> None:
        self.set_class(look_back is not None, "-looking-back")
        self._describe_travel()
        self._titles()
        self.ledger_state.travel(look_back)
        self.refresh_bindings()

    def look_back_to(self, look_back: LookBack | None) -> None:
        """Show every screen as the ledger was at ``look_back`` (None: now)."""
        self.look_back = look_back
        if look_back is not None:
            self.notify(translate("ui.travel.looking_back", self.lang,
                                  when=look_back_words(look_back, self.lang)), timeout=4)

    def action_show(self, mode: str) -> None:
        self.go(mode)

    def go(self, mode: str) -> None:
        """Show the screen ``mode``, remembering this one for escape."""
        current = self.current_mode
        if mode != current:
            if current in self.MODES:
                self.back_stack = [m for m in self.back_stack if m != current][-19:]
                self.back_stack.append(current)
            self.switch_mode(mode)

    def action_step_back(self) -> None:
        """Escape: leave a text box; else back to now while looking back; else go back to
        the screen shown before this one."""
        focused = self.focused
        if isinstance(focused, Input) and not isinstance(self.screen, ModalScreen):
            tables = self.screen.query(DataTable)  # the list the screen is about
            if tables:
                tables.first().focus()
            else:
                self.screen.set_focus(None)
            return
        if self.looking_back:
            self.action_back_to_now()
            return
        while self.back_stack:
            mode = self.back_stack.pop()
            if mode != self.current_mode:
                self.switch_mode(mode)
                return

    def action_time_travel(self) -> None:
        """``T``: pick a date or a position to look back to; while looking back, now."""
        if self.looking_back:
            self.action_back_to_now()
            return
        if isinstance(self.screen, TimeTravelDialog):
            return
        self.push_screen(TimeTravelDialog(self.head, self.lang), self.look_back_to)

    def action_back_to_now(self) -> None:
        if self.looking_back:
            self.look_back = None
            self.notify(translate("ui.travel.now", self.lang), timeout=3)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_now":
            return self.looking_back
        return True

    def action_dashboard(self) -> None:
        self.go("dashboard")

    def action_history(self) -> None:
        self.go("history")

    def action_switch_language(self) -> None:
        """``l``: the other language, kept in the settings for the next start."""
        self.lang = "en" if self.lang == "sv" else "sv"
        self.settings.language = "sv" if self.lang == "sv" else "en"
        try:
            save_settings(self.settings)
        except OSError as e:
            self.notify(str(e), title="settings.json", severity="error")

    def action_record(self) -> None:
        """``r``: the "Record…" picker of every command (refused when read-only)."""
        open_record_picker(self)

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        title = self.screen.title or self.title
        self.push_screen(HelpScreen(title, keys_of(self.screen, self.lang), self.lang))


def open_app(db: str, *, actor: str | None = None, lang: str = "en",
             read_only: bool = False, key_file: str | Path | None = None) -> App[int]:
    """The UI on the ledger at ``db``. A ledger that cannot be opened (an encrypted one
    without its key included) raises ``StorageError`` before any screen is drawn, so
    that the CLI says why in one sentence and exits 3, as every other command does. A
    file this user cannot write opens read-only (and the UI says so)."""
    return LedgerApp(db, actor=actor, lang=lang, read_only=read_only, key_file=key_file)


def run(db: str, actor: str | None, lang: str, read_only: bool,
        key_file: str | Path | None = None) -> int:
    """Open the terminal UI on the ledger at ``db``; the exit code of the CLI."""
    # A ledger that cannot be opened raises StorageError here: the CLI reports it (exit 3).
    app = open_app(db, actor=actor, lang=lang, read_only=read_only, key_file=key_file)
    result = app.run()
    return result if isinstance(result, int) else 0
