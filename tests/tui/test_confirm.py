"""The app's one yes-or-no dialog (``tui.widgets.confirm.ConfirmDialog``): recording a
decision, a correction, the decision usually recorded next and an export about to replace
a file all ask it; no other screen of the UI binds ``y`` and ``n``."""

from __future__ import annotations

import ast
import asyncio
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Button, Static

from tui.widgets.confirm import ConfirmDialog

ROOT = Path(__file__).resolve().parents[2]


class Asking(App[None]):
    """An app that asks one question and keeps the answers it was given."""

    CSS_PATH = str(ROOT / "tui" / "forms.tcss")

    def __init__(self, dialog: ConfirmDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[bool | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def answer(dialog: ConfirmDialog, *keys: str) -> list[bool | None]:
    async def main() -> list[bool | None]:
        app = Asking(dialog)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.screen is dialog
            await pilot.press(*keys)
            await pilot.pause()
            return app.answers

    return asyncio.run(main())


def recording(lang: str = "en", **words: object) -> ConfirmDialog:
    return ConfirmDialog("Confirm: Register partner", [("Org nr", "556677-8899"),
                                                       ("Name", "[b]Kaffekoppen[/b]")],
                         lang, **words)  # type: ignore[arg-type]


@pytest.mark.parametrize(("keys", "expected"), [
    (("y",), True), (("n",), False), (("escape",), False),
    (("enter",), True),  # the yes button has the focus
    (("tab", "enter"), False),  # the no button
])
def test_the_answer_is_the_key_pressed(keys: tuple[str, ...], expected: bool) -> None:
    answers = answer(recording(), *keys)
    assert answers == [expected]


def test_a_careful_question_keeps_what_is_there_on_enter() -> None:
    """Replacing a file: the no button has the focus, the box is drawn as a warning."""
    async def main() -> None:
        dialog = ConfirmDialog("", [], "en", question="q3.csv already exists. Replace it?",
                               yes="Yes, replace", no="No", careful=True, id="replace-file")
        app = Asking(dialog)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert dialog.query_one("#confirm-box").has_class("-careful")
            assert not dialog.query("#confirm-title") and not dialog.query("#confirm-summary")
            await pilot.press("enter")
            await pilot.pause()
            assert app.answers == [False]

    asyncio.run(main())
    answers = answer(ConfirmDialog("", [], "en", careful=True), "y")
    assert answers == [True]


def test_it_shows_the_lines_as_written_and_says_its_words_in_the_language() -> None:
    async def main() -> None:
        dialog = recording("sv")
        app = Asking(dialog)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            summary = str(dialog.query_one("#confirm-summary", Static).content)
            assert summary == "Org nr: 556677-8899\nName: [b]Kaffekoppen[/b]"  # not markup
            assert str(dialog.query_one("#confirm-yes", Button).label) == "Ja, registrera (y)"
            assert "Beslutet skrivs i liggaren" in str(
                dialog.query_one("#confirm-question", Static).content)
            footer = {a.binding.key: a.binding.description
                      for a in dialog.active_bindings.values()}
            assert footer["y"] == "Ja, registrera" and footer["n"] == "Stäng"

    asyncio.run(main())


def test_a_question_says_its_own_keys_in_the_footer() -> None:
    async def main() -> None:
        dialog = ConfirmDialog("Next decision", [], "en", question="Record next: Onboard?",
                               keys=("ui.key.open_next", "ui.key.not_now"), id="next")
        app = Asking(dialog)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            footer = {a.binding.key: a.binding.description
                      for a in dialog.active_bindings.values()}
            assert footer["y"] == "Open its form" and footer["n"] == "Not now"
            assert dialog.id == "next"

    asyncio.run(main())


def _binds_yes_and_no(cls: ast.ClassDef) -> bool:
    keys = {node.args[0].value for node in ast.walk(cls)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Binding"
            and node.args and isinstance(node.args[0], ast.Constant)}
    return {"y", "n"} <= keys


def test_the_ui_has_one_yes_or_no_dialog() -> None:
    found = [f"{path.relative_to(ROOT)}:{node.name}"
             for path in sorted((ROOT / "tui").rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.ClassDef) and _binds_yes_and_no(node)]
    assert found == ["tui/widgets/confirm.py:ConfirmDialog"]
