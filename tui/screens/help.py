"""F1: the keys of the screen underneath, and the app's."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from tui.screens.common import translate_bindings
from tui.text import translate


def keys_of(screen: Screen[object], lang: str) -> list[tuple[str, str]]:
    """(key, what it does) for the keys ``screen`` and the app declare, the screen's
    first (a screen's key hides the app's), then the command palette. A binding the user
    gave other keys (settings, Textual's keymap) is listed under those, not its default."""
    app = screen.app
    keymap: dict[str, str] = getattr(app, "_keymap", {})
    shown: dict[str, tuple[str, str]] = {}
    for node in (screen, app):
        for binding in Binding.make_bindings(getattr(type(node), "BINDINGS", [])):
            if not binding.description.startswith("ui."):
                continue
            rebound = keymap.get(binding.id) if binding.id else None
            keys = ([replace(binding, key=key.strip(), key_display=None)
                     for key in rebound.split(",")] if rebound else [binding])
            for bound in keys:
                if bound.key not in shown:
                    shown[bound.key] = (app.get_key_display(bound),
                                        translate(binding.description, lang))
    palette = Binding(app.COMMAND_PALETTE_BINDING, "command_palette")
    shown.setdefault(palette.key, (app.get_key_display(palette),
                                   translate("ui.key.palette", lang)))
    return list(shown.values())


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ui.key.close"),
        Binding("f1", "dismiss", "ui.key.close", show=False),
        Binding("question_mark", "dismiss", "ui.key.close", show=False),
    ]

    def __init__(self, title: str, keys: list[tuple[str, str]], lang: str) -> None:
        super().__init__(id="help")
        self.title_text = title
        self.keys = keys
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box"):
            yield Static(translate("ui.help.title", self.lang, screen=self.title_text),
                         id="help-title", markup=False)
            table = DataTable[Text](id="help-keys", cursor_type="none", show_cursor=False)
            yield table
            yield Static(translate("ui.help.close", self.lang), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        table = self.query_one("#help-keys", DataTable)
        table.add_columns(translate("ui.help.key", self.lang),
                          translate("ui.help.action", self.lang))
        for key, what in self.keys:
            table.add_row(Text(key), Text(what))
