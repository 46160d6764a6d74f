"""The detail of a list's row: styled text built field by field, and a modal that shows it
full size."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from projections.timeline import printable_line
from tui.screens.common import translate_bindings
from tui.text import translate


class Detail:
    """The detail of a row as styled text: a title, headings, fields and lines."""

    def __init__(self, title: str) -> None:
        self.text = Text()
        self.text.append(printable_line(title) + "\n", style="bold")

    def heading(self, heading: str) -> None:
        self.text.append("\n" + printable_line(heading) + "\n", style="bold")

    def field(self, label: str, value: object) -> None:
        self.text.append(f"{label}: ", style="dim")
        self.text.append(printable_line(str(value)) + "\n")

    def line(self, line: str, indent: int = 1) -> None:
        self.text.append("  " * indent + printable_line(line) + "\n")


class DetailScreen(ModalScreen[None]):
    """The detail of one row, full size and scrollable."""

    DEFAULT_CSS = """
    DetailScreen { align: center middle; }
    #detail-box {
        width: 90%; height: 85%; border: round $primary; background: $surface;
        padding: 1 2;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "ui.key.close"),
        Binding("enter", "dismiss", "ui.key.close", show=False),
    ]

    def __init__(self, key: str, text: Text, lang: str) -> None:
        super().__init__(id="detail-screen")
        self.key = key
        self.text = text
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-box"):
            yield Static(self.text, id="full-detail")
            yield Static(translate("ui.part.close", self.lang), classes="why", markup=False)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self.query_one("#detail-box").focus()

    def update(self, text: Text) -> None:
        self.text = text
        self.query_one("#full-detail", Static).update(text)
