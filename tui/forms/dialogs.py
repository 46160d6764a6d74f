"""The dialogs of recording: a refusal citing the policy, and leaving a form with something
typed in it. Confirming before writing is ``tui.widgets.confirm.ConfirmDialog``."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from domain.errors import Refusal
from domain.rules import RULES
from domain.words import fill
from tui.screens.common import translate_bindings
from tui.text import COMMAND_NAMES, FIELD_LABELS, GENDER_NAMES, translate


def field_words(path: str, lang: str) -> str:
    """A field, or a path into one (``counts/long_term_unemployed/women``), by the labels
    a form gives it ("Minutes (reference)"), not its code."""
    said = ""
    for part in path.split("/"):
        words = FIELD_LABELS.get(part) or GENDER_NAMES.get(part)
        name = fill(words, lang) if words else part
        said = translate("form.refusal.field_path", lang, outer=said, inner=name) if said \
            else name
    return said


def refusal_text(refusal: Refusal, lang: str, *, quote: bool = True) -> str:
    """A refusal as the UI tells it (issue 19): the command, the fields and the parts in
    words ("Start an effort EFF-9", "Minutes (reference)"), not their codes (the command
    line keeps the codes: they are what an import file holds). Without ``quote``, a
    policy rule's refusal is one sentence, without the policy's words."""
    params = dict(refusal.params)
    what = params.get("what")
    if isinstance(what, str) and what in COMMAND_NAMES:
        params["what"] = fill(COMMAND_NAMES[what], lang)
    for name in ("field", "start_field"):
        value = params.get(name)
        if isinstance(value, str):
            params[name] = field_words(value, lang)
    told = Refusal(refusal.code, refusal.message_key, **params)
    if quote or not told.is_policy_rule:
        return told.describe(lang)
    return translate("form.refusal.short", lang, code=told.code, detail=told.detail(lang))


class RefusalDialog(ModalScreen[None]):
    """A command refused by a policy rule (F1–F4, R1–R9): the rule, what was wrong, and
    the policy's words in Swedish and English. Nothing was written."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "ui.key.close"),
    ]

    def __init__(self, refusal: Refusal, lang: str) -> None:
        super().__init__(id="refusal")
        self.refusal = refusal
        self.language = lang

    def compose(self) -> ComposeResult:
        lang, refusal = self.language, self.refusal
        term = RULES[refusal.code]
        with Vertical(id="refusal-box", classes="dialog-box"):
            yield Static(translate("form.refusal.title", lang, code=refusal.code,
                                   rule=term.text(lang)),
                         id="refusal-title", classes="dialog-title", markup=False)
            with VerticalScroll(id="refusal-scroll"):  # never cut: it scrolls
                yield Static(refusal_text(refusal, lang), id="refusal-text", markup=False)
            yield Static(translate("form.refusal.nothing", lang), id="refusal-nothing",
                         classes="why", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(translate("form.refusal.back", lang), id="refusal-close",
                             variant="error")

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        self.query_one("#refusal-close", Button).focus()

    @on(Button.Pressed, "#refusal-close")
    def action_close(self) -> None:
        self.dismiss(None)


class LeaveDialog(ModalScreen[str]):
    """Leaving a form with something typed in it: keep editing (Esc, the default), close
    and keep a draft (reopening the form restores it), or discard what was typed."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "answer('keep')", "ui.key.keep_editing", show=False),
        Binding("k", "answer('keep')", "ui.key.keep_editing"),
        Binding("d", "answer('draft')", "ui.key.keep_draft"),
        Binding("x", "answer('discard')", "ui.key.discard"),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__(id="leave")
        self.language = lang

    def compose(self) -> ComposeResult:
        t = self.language
        with Vertical(id="leave-box", classes="dialog-box"):
            yield Static(translate("form.leave.title", t), classes="dialog-title",
                         markup=False)
            yield Static(translate("form.leave.question", t), classes="why", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(translate("form.leave.keep_button", t), id="leave-keep",
                             variant="primary")
                yield Button(translate("form.leave.draft_button", t), id="leave-draft")
                yield Button(translate("form.leave.discard_button", t), id="leave-discard",
                             variant="error")

    def on_mount(self) -> None:
        translate_bindings(self, self.language)
        self.query_one("#leave-keep", Button).focus()

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "leave-keep").removeprefix("leave-"))

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
