"""Settings: the language, the theme and the keys, saved at once in ``settings.json``
(``tui.settings``) and used from the next start on as well.

Keys: every binding with an id can be given another key. ``enter`` on a row asks for the
new key (the next key pressed), ``delete`` gives the row its default back. The same map
can be written by hand in the file's ``keys``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar, cast

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Header, Label, Select, Static

from tui.screens.common import LedgerScreen, cells
from tui.settings import DEFAULT_THEME, Settings, save_settings, settings_path
from tui.text import translate

LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


def shown_path(path: Path) -> str:
    """``/home/anna/.config/asfledger/settings.json`` → ``~/.config/asfledger/…``."""
    try:
        return f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # elsewhere, or no home directory
        return str(path)


def rebindable(app: Any) -> dict[str, tuple[str, str]]:
    """Binding id → (catalogue key of what it does, default key), for the app's bindings
    and those of the screens of its modes, in the order they are declared."""
    classes = [type(app), *(m for m in getattr(app, "MODES", {}).values()
                            if isinstance(m, type))]
    found: dict[str, tuple[str, str]] = {}
    for cls in classes:
        for binding in Binding.make_bindings(getattr(cls, "BINDINGS", [])):
            if binding.id and binding.id not in found:
                found[binding.id] = (binding.description, binding.key)
    return found


class KeyDialog(ModalScreen[str | None]):
    """Press the new key of a binding (escape: keep the old one)."""

    DEFAULT_CSS = """
    KeyDialog { align: center middle; }
    #key-box {
        width: 60; height: auto; border: round $accent; background: $surface;
        padding: 1 2;
    }
    """

    def __init__(self, what: str, lang: str) -> None:
        super().__init__(id="key-dialog")
        self.what = what
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="key-box"):
            yield Static(translate("ui.settings.press_key", self.lang, what=self.what),
                         markup=False)

    def on_key(self, event: events.Key) -> None:
        event.stop()
        event.prevent_default()
        self.dismiss(None if event.key == "escape" else event.key)


class SettingsScreen(LedgerScreen):
    TITLE_KEY = "ui.screen.settings"
    AUTO_FOCUS = "#keys"
    DEFAULT_CSS = """
    SettingsScreen #settings-body { height: 1fr; padding: 0 1; }
    SettingsScreen .setting { height: auto; }
    SettingsScreen .setting > Label { width: 14; padding: 1 1 0 0; }
    SettingsScreen .setting > Select { width: 32; }
    SettingsScreen #keys { height: 1fr; }
    SettingsScreen #settings-status { color: $text-muted; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "rebind", "ui.key.rebind"),
        Binding("delete", "reset_key", "ui.key.reset_key", key_display="del"),
    ]

    def __init__(self) -> None:
        super().__init__(id="settings")

    @property
    def settings(self) -> Settings:
        found = getattr(self.app, "settings", None)
        if not isinstance(found, Settings):
            found = Settings()
            setattr(self.app, "settings", found)  # noqa: B010 - the LedgerApp's
        return found

    def compose(self) -> ComposeResult:
        t = self.t
        app = self.app
        yield Header()
        with Vertical(id="settings-body"):
            yield Static(t("ui.settings.file", path=shown_path(settings_path())), classes="why",
                         markup=False)
            with Horizontal(classes="setting"):
                yield Label(t("ui.settings.language"))
                yield Select([(name, code) for code, name in LANGUAGE_NAMES.items()],
                             id="language", value=self.lang, allow_blank=False)
            with Horizontal(classes="setting"):
                yield Label(t("ui.settings.theme"))
                yield Select([(name, name) for name in sorted(app.available_themes)],
                             id="theme", value=app.theme or DEFAULT_THEME, allow_blank=False)
            yield Static(t("ui.settings.keys"), classes="why", markup=False)
            yield DataTable[Text](id="keys", cursor_type="row", zebra_stripes=True)
            yield Static(id="settings-status", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        super().on_mount()
        self._keys()

    def language_changed(self) -> None:
        self._keys()

    def _keys(self) -> None:
        table = self.query_one("#keys", DataTable)
        cursor = table.cursor_row
        table.clear(columns=True)
        t = self.t
        table.add_columns(t("ui.settings.col.does"), t("ui.help.key"),
                          t("ui.settings.col.default"), t("ui.settings.col.id"))
        chosen = self.settings.keys
        for binding_id, (what, default) in rebindable(self.app).items():
            described = translate(what, self.lang) if what.startswith("ui.") else what
            table.add_row(*cells(described, self._display(chosen.get(binding_id, default)),
                                 self._display(default), binding_id), key=binding_id)
        if table.row_count:
            table.move_cursor(row=min(cursor, table.row_count - 1))

    def _display(self, keys: str) -> str:
        """``left_square_bracket,f2`` → ``[, F2``."""
        return ", ".join(self.app.get_key_display(Binding(k.strip(), ""))
                         for k in keys.split(","))

    def _save(self, message: str) -> None:
        try:
            path = save_settings(self.settings)
        except OSError as e:
            text = self.t("ui.settings.unwritable", error=e.strerror or e)
            self.query_one("#settings-status", Static).update(text)
            self.notify(text, severity="error")
            return
        text = self.t("ui.settings.saved", what=message, path=shown_path(path))
        self.query_one("#settings-status", Static).update(text)

    @on(Select.Changed, "#language")
    def _language(self, event: Select.Changed) -> None:
        lang = cast(str, event.value)
        if lang not in LANGUAGE_NAMES or lang == self.lang:
            return  # the screen's own value (when it is composed), not a choice
        self.settings.language = lang  # type: ignore[assignment]
        self.ledger_app.lang = lang  # the screen is composed again in the new language
        self._save(LANGUAGE_NAMES[lang])

    @on(Select.Changed, "#theme")
    def _theme(self, event: Select.Changed) -> None:
        theme = cast(str, event.value)
        if theme == self.app.theme or theme not in self.app.available_themes:
            return  # the screen's own value (when it is composed), not a choice
        self.settings.theme = theme
        self.app.theme = theme
        self._save(theme)

    def _selected(self) -> str | None:
        table = self.query_one("#keys", DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(DataTable.RowSelected, "#keys")
    def _row_selected(self) -> None:
        self.action_rebind()

    def action_rebind(self) -> None:
        binding_id = self._selected()
        if binding_id is None:
            return
        what = rebindable(self.app)[binding_id][0]

        def chosen(key: str | None) -> None:
            if key:
                self.set_key(binding_id, key)

        self.app.push_screen(KeyDialog(translate(what, self.lang), self.lang), chosen)

    def action_reset_key(self) -> None:
        binding_id = self._selected()
        if binding_id is not None:
            self.set_key(binding_id, None)

    def set_key(self, binding_id: str, key: str | None) -> None:
        """Give the binding ``key`` (None: its default), now and from the next start."""
        keys = dict(self.settings.keys)
        if key is None or key == rebindable(self.app)[binding_id][1]:
            keys.pop(binding_id, None)
        else:
            keys[binding_id] = key
        self.settings.keys = keys
        self.app.set_keymap(keys)
        self._keys()
        self._save(f"{binding_id} = {keys.get(binding_id, rebindable(self.app)[binding_id][1])}")

