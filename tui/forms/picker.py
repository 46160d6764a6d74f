""""Record…": every command of SPEC §2, grouped by part of the policy; and the palette's
"Record: <command>" entries. Both open a ``CommandForm`` through ``open_form``, which
refuses (and says why) when the ledger is open read-only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from domain.catalogue import translate
from tui.forms.form import CommandForm, refuse_if_read_only
from tui.forms.vocabulary import GROUP_OF, GROUPS, command_title
from tui.screens.common import translate_bindings

if TYPE_CHECKING:
    from tui.app import LedgerApp


def open_form(app: App[Any], command: str, initial: Mapping[str, Any] | None = None,
              callback: Callable[[Any], None] | None = None) -> bool:
    """Open the form of ``command`` (SPEC §2 name); False, with a notice, in read-only."""
    if refuse_if_read_only(app):
        return False
    app.push_screen(CommandForm(command, cast("LedgerApp", app).lang, initial), callback)
    return True


def open_record_picker(app: App[Any]) -> bool:
    if refuse_if_read_only(app):
        return False
    ledger_app = cast("LedgerApp", app)

    def picked(command: str | None) -> None:
        if command:
            open_form(app, command)

    app.push_screen(RecordPicker(ledger_app.lang), picked)
    return True


class RecordPicker(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_picker", "ui.key.close"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(id="record-picker")
        self.language = lang

    def compose(self) -> ComposeResult:
        lang = self.language
        items: list[Option | None] = []
        for group, commands in GROUPS:
            if items:
                items.append(None)  # a separator
            items.append(Option(translate(f"form.group.{group}", lang), disabled=True))
            items += [Option(f"  {command_title(c, lang)}", id=c) for c in commands]
        with Vertical(id="picker-box", classes="dialog-box"):
            yield Static(translate("form.picker.title", lang), classes="dialog-title",
                         markup=False)
            yield OptionList(*items, id="picker-commands")
            yield Static(translate("form.picker.help", lang), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        commands = self.query_one("#picker-commands", OptionList)
        commands.focus()
        commands.highlighted = 1  # the first command, under its heading

    @on(OptionList.OptionSelected, "#picker-commands")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_picker(self) -> None:
        self.dismiss(None)


class RecordCommands(Provider):
    """The palette's "Record: <command>" for every command, in the app's language."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = self.app
        lang = cast("LedgerApp", app).lang
        return [(translate("form.palette", lang, command=command_title(c, lang)),
                 translate(f"form.group.{GROUP_OF[c]}", lang), partial(open_form, app, c))
                for _, commands in GROUPS for c in commands]

    async def discover(self) -> Hits:
        for name, help_text, command in self._commands():
            yield DiscoveryHit(name, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, command in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), command, help=help_text)
