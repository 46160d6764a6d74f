"""The one yes-or-no dialog of the app.

Recording a decision asks it (the command in words), so does a correction (the value
before and after), the decision usually recorded next, and an export about to replace a
file. ``y`` or the yes button answers True; ``n``, ``escape`` or the no button False.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.screens.common import describe_action, translate_bindings
from tui.text import translate


class ConfirmDialog(ModalScreen[bool]):
    """``title``, then ``lines`` (label, value), then ``question``; yes or no.

    The words default to confirming a decision before it is recorded; ``yes`` and ``no``
    are the buttons' words, ``keys`` the catalogue keys that describe ``y`` and ``n`` in
    the footer. ``careful``: the no button has the focus (Enter keeps what is there) and
    the box is drawn as a warning. ``id`` tells one question from another (``confirm``,
    ``next``, ``replace-file``).
    """

    DEFAULT_CSS = """
    ConfirmDialog { align: center middle; }
    ConfirmDialog #confirm-summary { margin-bottom: 1; }
    ConfirmDialog .dialog-box.-careful { border: round $warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "ui.key.confirm"),
        Binding("n", "answer(False)", "ui.key.close"),
        Binding("escape", "answer(False)", "ui.key.close", show=False),
    ]

    def __init__(self, title: str, lines: Sequence[tuple[str, str]], lang: str, *,
                 question: str | None = None, yes: str | None = None,
                 no: str | None = None,
                 keys: tuple[str, str] = ("ui.key.confirm", "ui.key.close"),
                 careful: bool = False, id: str = "confirm") -> None:
        super().__init__(id=id)
        self.title_text = title
        self.lines = list(lines)
        self.language = lang
        self.question = question or translate("form.confirm.question", lang)
        self.yes = yes or translate("form.confirm.yes", lang)
        self.no = no or translate("form.confirm.no", lang)
        self.keys = keys
        self.careful = careful

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog-box"):
            if self.title_text:
                yield Static(self.title_text, id="confirm-title", classes="dialog-title",
                             markup=False)
            if self.lines:
                summary = "\n".join(f"{label}: {value}" for label, value in self.lines)
                yield Static(summary, id="confirm-summary", markup=False)
            yield Static(self.question, id="confirm-question", classes="why", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(self.yes, id="confirm-yes",
                             variant="warning" if self.careful else "primary")
                yield Button(self.no, id="confirm-no")

    def on_mount(self) -> None:
        self.query_one("#confirm-box").set_class(self.careful, "-careful")
        translate_bindings(self, self.language)
        describe_action(self, "answer(True)", self.keys[0], self.language)
        describe_action(self, "answer(False)", self.keys[1], self.language)
        self.query_one("#confirm-no" if self.careful else "#confirm-yes", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self) -> None:
        self.dismiss(False)

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
