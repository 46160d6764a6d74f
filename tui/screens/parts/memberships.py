"""Memberships (F3)."""

from __future__ import annotations

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import Membership
from domain.reference import ORGANISATION_KINDS
from projections.timeline import term
from tui.screens.parts.part_screen import PartScreen, Row, day, row, short
from tui.text import translate
from tui.widgets.detail import Detail


class MembershipsScreen(PartScreen):
    PART = "memberships"
    TITLE_KEY = "ui.screen.memberships"
    COLUMNS = ("ui.col.ref", "ui.col.name", "ui.col.kind", "ui.col.joined", "ui.col.left")
    PRIORITIES = (0, 1, 3, 2, 2)
    SHRINK = frozenset({1})

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        memberships = sorted(snapshot.state.all(Membership),
                             key=lambda m: (m.joined_on, m.key), reverse=True)
        return [row(m.key, m.key, short(m.name), term(ORGANISATION_KINDS, m.kind, lang),
                    day(m.joined_on), day(m.left_on)) for m in memberships]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        memberships = snapshot.state.all(Membership)
        return translate("ui.memberships.summary", lang, count=len(memberships),
                         current=len([m for m in memberships
                                      if m.left_on is None or m.left_on > snapshot.on]))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        m = snapshot.state.get(Membership, key)
        if m is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{m.key} · {m.name}")
        if m.org_nr:
            d.field(t("ui.col.org_nr"), m.org_nr)
        d.field(t("ui.col.kind"), term(ORGANISATION_KINDS, m.kind, lang))
        d.field(t("ui.col.joined"), f"{day(m.joined_on)} ({m.decision_ref})")
        d.field(t("ui.col.left"), day(m.left_on))
        d.heading(t("ui.part.policy"))
        d.line(t("ui.memberships.f3"))
        return d.text
