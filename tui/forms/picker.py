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
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from domain.words import fill
from tui.forms.criteria import CriteriaForm
from tui.forms.form import CommandForm, refuse_if_read_only
from tui.forms.subject import CRITERIA_FORM, group_of_part, next_decision, subject_values
from tui.forms.vocabulary import GROUP_OF, GROUPS, command_title
from tui.screens.common import translate_bindings
from tui.text import FORM_GROUPS, translate
from tui.widgets.confirm import ConfirmDialog
from tui.widgets.palette import Entry, ListedCommands

if TYPE_CHECKING:
    from tui.app import LedgerApp


def open_form(app: App[Any], command: str, initial: Mapping[str, Any] | None = None,
              callback: Callable[[Any], None] | None = None, *,
              subject: Mapping[str, Any] | None = None) -> bool:
    """Open the form of ``command`` (SPEC §2 name, or ``assess_criteria``: C1–C4 at once);
    False, with a notice, in read-only. ``subject``: what the selection on the screen
    fills (left out where the form offers no such choice). After the form records, the
    next likely decision is offered (``tui.forms.subject.NEXT``)."""
    if refuse_if_read_only(app):
        return False
    lang = cast("LedgerApp", app).lang

    def done(recorded: Any) -> None:
        if callback is not None:
            callback(recorded)
        if recorded:
            offer_next(app, command, recorded)

    if command == CRITERIA_FORM:
        app.push_screen(CriteriaForm(lang, {**(subject or {}), **(initial or {})}), done)
    else:
        app.push_screen(CommandForm(command, lang, initial, subject=subject), done)
    return True


def offer_next(app: App[Any], command: str, recorded: Any) -> None:
    """After ``command`` was recorded: offer the decision usually recorded next."""
    first = recorded[0] if isinstance(recorded, list) else recorded
    found = next_decision(command, first)
    if found is None:
        return
    following, values = found
    lang = cast("LedgerApp", app).lang
    title = (translate("form.criteria.title", lang) if following == CRITERIA_FORM
             else command_title(following, lang))

    def answered(yes: bool | None) -> None:
        if yes:
            open_form(app, following, subject=values)

    app.push_screen(ConfirmDialog(
        translate("form.next.title", lang), [], lang,
        question=translate("form.next.question", lang, command=title),
        yes=translate("form.next.yes", lang), no=translate("form.next.no", lang),
        keys=("ui.key.open_next", "ui.key.not_now"), id="next"), answered)


def open_record_picker(app: App[Any]) -> bool:
    """``r``: pick a command; its form starts from the row selected on the screen."""
    if refuse_if_read_only(app):
        return False
    ledger_app = cast("LedgerApp", app)
    screen = app.screen
    part: str | None = getattr(screen, "PART", None) or None
    key: str | None = getattr(screen, "selected", None)

    def picked(command: str | None) -> None:
        if command:
            open_form(app, command, subject=subject_values(part, key, command))

    app.push_screen(RecordPicker(ledger_app.lang, group_of_part(part)), picked)
    return True


class RecordPicker(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss_picker", "ui.key.close"),
    ]

    def __init__(self, lang: str, group: int | None = None) -> None:
        super().__init__(id="record-picker")
        self.language = lang
        self.group = group  # the index in GROUPS of the screen's part: highlighted first

    def compose(self) -> ComposeResult:
        lang = self.language
        items: list[Option | None] = []
        for index, (group, commands) in enumerate(GROUPS):
            if items:
                items.append(None)  # a separator
            items.append(Option(fill(FORM_GROUPS[group], lang), disabled=True))
            if index == self.group:  # the group's first command (separators aside)
                self.first = sum(1 for item in items if item is not None)
            items += [Option(f"  {command_title(c, lang)}", id=c) for c in commands]
            if group == "partners":  # C1–C4 in one form, beside assessing one
                items.insert(len(items) - 2, Option(
                    f"  {translate('form.criteria.title', lang)}", id=CRITERIA_FORM))
        with Vertical(id="picker-box", classes="dialog-box"):
            yield Static(translate("form.picker.title", lang), classes="dialog-title",
                         markup=False)
            yield OptionList(*items, id="picker-commands")
            yield Static(translate("form.picker.help", lang), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        commands = self.query_one("#picker-commands", OptionList)
        commands.focus()
        commands.highlighted = getattr(self, "first", 1)  # the screen's part, or the first

    @on(OptionList.OptionSelected, "#picker-commands")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_picker(self) -> None:
        self.dismiss(None)


class RecordCommands(ListedCommands):
    """The palette's "Record: <command>" for every command, in the app's language."""

    def entries(self) -> list[Entry]:
        app = self.app
        lang = cast("LedgerApp", app).lang
        return [(translate("form.palette", lang, command=command_title(c, lang)),
                 fill(FORM_GROUPS[GROUP_OF[c]], lang), partial(open_form, app, c))
                for _, commands in GROUPS for c in commands]
