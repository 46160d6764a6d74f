"""What every screen shares: the app's ledger, the language, translated key bindings,
and the format of time (money writes itself: ``domain.money.Money``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

from rich.text import Text
from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import DataTable

from asfledger.failures import explain
from domain.aggregates import AGGREGATE_TYPES
from domain.words import fill
from tui.text import EVENT_TYPE_NAMES, SUBJECT_KINDS, translate

if TYPE_CHECKING:
    from tui.app import LedgerApp


# Bindings Textual adds itself, described in our catalogue.
_TEXTUAL_ACTIONS = {"command_palette": "ui.key.palette"}


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Show ``node``'s bindings in ``lang``: a binding its class declares with a ``ui.``
    catalogue key as description gets that key's text. Can run again for a new language.
    """
    # Textual keeps the class's bindings (descriptions still keys) and an instance copy,
    # which may hold more (the app adds the command palette's); we re-describe the copy.
    keys = {(b.key, b.action): b.description
            for _, b in node._merge_bindings() if b.description.startswith("ui.")}
    # A group of keys (``1``–``9``: the screens) is described once in the footer.
    groups = {(b.key, b.action): b.group
              for _, b in node._merge_bindings()
              if b.group is not None and b.group.description.startswith("ui.")}

    def text(key: str, b: Binding) -> str | None:
        found = keys.get((key, b.action)) or _TEXTUAL_ACTIONS.get(b.action)
        return translate(found, lang) if found else None

    def group(key: str, b: Binding) -> Binding.Group | None:
        found = groups.get((key, b.action))
        if found is None:
            return b.group
        return Binding.Group(translate(found.description, lang), found.compact)

    node._bindings = BindingsMap.from_keys({
        key: [replace(b, description=text(key, b) or b.description, group=group(key, b))
              for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    })
    node.refresh_bindings()


def describe_action(node: DOMNode, action: str, message_key: str, lang: str) -> None:
    """Say in the footer what ``action``'s key does now (``T``: look back, or back to
    now), as ``message_key``'s text in ``lang``."""
    node._bindings = BindingsMap.from_keys({
        key: [replace(b, description=translate(message_key, lang)) if b.action == action
              else b for b in bindings]
        for key, bindings in node._bindings.key_to_bindings.items()
    })
    node.refresh_bindings()


def format_time(iso: str) -> str:
    """A stored timestamp as local ``YYYY-MM-DD HH:MM``."""
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def type_words(event_type: str, lang: str) -> str:
    """``Partner.Onboarded`` → "partner onboarded" / "partner antagen" (the type itself
    when ``EVENT_TYPE_NAMES`` has no words for it)."""
    words = EVENT_TYPE_NAMES.get(event_type)
    return fill(words, lang) if words else event_type


_KIND_OF_CLASS = {cls.__name__: cls.KIND for cls in AGGREGATE_TYPES}


def subject_words(subject: str, lang: str) -> str:
    """A history row's subject with its kind in words: ``StructuralWork SA-1`` →
    "Strukturarbete SA-1" / "Structural work SA-1" (as it was when the kind is unknown)."""
    kind, space, rest = subject.partition(" ")
    code = _KIND_OF_CLASS.get(kind)
    return f"{fill(SUBJECT_KINDS[code], lang)}{space}{rest}" if code else subject


def cells(*values: object) -> list[Text]:
    """Table cells as plain text: a subject or a note is never read as markup."""
    return [Text(str(v)) for v in values]


def went_wrong(error: BaseException, lang: str) -> str:
    """What the UI says when reading the ledger failed (the file went away, the server is
    down, a row cannot be read): one sentence in the user's language."""
    return translate("ui.poll_failed", lang, error=explain(error, lang))


class LedgerScreen(Screen[Any]):
    """A screen of the ledger app: it follows the app's language and the ledger's head."""

    TITLE_KEY: ClassVar[str] = "ui.title"

    @property
    def ledger_app(self) -> LedgerApp:
        return cast("LedgerApp", self.app)

    @property
    def lang(self) -> str:
        return self.ledger_app.lang

    def t(self, message_key: str, /, **params: Any) -> str:
        return translate(message_key, self.lang, **params)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang)
        self._title()
        self.watch(self.app, "lang", self._language_changed, init=False)
        self.watch(self.app, "head", self._head_changed, init=False)

    def _title(self) -> None:
        self.title = f"{self.t('ui.title')} · {self.t(self.TITLE_KEY)}"

    async def _language_changed(self, lang: str) -> None:
        translate_bindings(self, lang)
        self._title()
        await self.recompose()
        self.language_changed()

    def _head_changed(self, head: int) -> None:
        self.ledger_changed(head)

    def language_changed(self) -> None:
        """After the screen was composed again in the new language: show the data again."""

    def ledger_changed(self, head: int) -> None:
        """The ledger grew (another user, or this one, recorded something)."""


class TableKeys:
    """vim keys beside the arrows on a screen's list (a mixin of a ``LedgerScreen``):
    ``j``/``k`` a row down/up, ``g``/``G`` the first/last row. PageDown/PageUp are the
    table's own: a screen at a time."""

    TABLE: ClassVar[str] = "#list"
    TABLE_BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "row(1)", "ui.key.row_down", show=False),
        Binding("k", "row(-1)", "ui.key.row_up", show=False),
        Binding("g", "row_end(0)", "ui.key.first_row", show=False),
        Binding("G", "row_end(1)", "ui.key.last_row", key_display="G", show=False),
    ]

    def _table(self) -> DataTable[Any]:
        return cast(Screen[Any], self).query_one(self.TABLE, DataTable)

    def action_row(self, step: int) -> None:
        table = self._table()
        table.focus()
        if step > 0:
            table.action_cursor_down()
        else:
            table.action_cursor_up()

    def action_row_end(self, last: int) -> None:
        table = self._table()
        table.focus()
        if table.row_count:
            table.move_cursor(row=table.row_count - 1 if last else 0)
