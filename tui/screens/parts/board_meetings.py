"""Board meetings."""

from __future__ import annotations

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import BoardMeeting
from tui.screens.parts.part_screen import PartScreen, Row, day, row
from tui.text import translate
from tui.widgets.detail import Detail


class BoardMeetingsScreen(PartScreen):
    PART = "board"
    TITLE_KEY = "ui.screen.board"
    COLUMNS = ("ui.col.date", "ui.col.ref", "ui.col.minutes", "ui.col.position")
    PRIORITIES = (0, 0, 1, 2)

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        meetings = sorted(snapshot.state.all(BoardMeeting), key=lambda m: (m.held_on, m.key),
                          reverse=True)
        return [row(m.key, day(m.held_on), m.key, m.minutes_ref,
                    Text(str(snapshot.positions.get(m.id, [0])[0]), justify="right"))
                for m in meetings]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        meetings = snapshot.state.all(BoardMeeting)
        latest = max((m.held_on for m in meetings), default=None)
        return translate("ui.board.summary", lang, count=len(meetings), day=day(latest))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        m = snapshot.state.get(BoardMeeting, key)
        if m is None:
            return Text(key)
        t = self.t
        d = Detail(t("ui.board.title", ref=m.key, day=day(m.held_on)))
        d.field(t("ui.col.minutes"), m.minutes_ref)
        position = snapshot.positions.get(m.id, [0])[0]
        d.field(t("ui.col.position"), position)
        d.line(t("ui.board.anchor"), 0)
        return d.text
