"""Structural work (S1–S6)."""

from __future__ import annotations

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import StructuralWork
from domain.reference import MEASURES, STRUCTURAL_MEASURES
from projections.figures import structural_work, total
from projections.timeline import party, term
from tui.screens.parts.part_screen import PartScreen, Row, day, districts, row, short
from tui.text import translate
from tui.widgets.detail import Detail


class StructuralScreen(PartScreen):
    PART = "structural"
    TITLE_KEY = "ui.screen.structural"
    COLUMNS = ("ui.col.measure", "ui.col.date", "ui.col.ref", "ui.col.description",
               "ui.col.districts")
    PRIORITIES = (0, 0, 0, 1, 2)
    SHRINK = frozenset({3, 4})

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        order = {code: i for i, code in enumerate(MEASURES)}
        works = sorted(snapshot.state.all(StructuralWork),
                       key=lambda w: (-order.get(w.measure, 99), w.done_on, w.key),
                       reverse=True)
        return [row(w.key, w.measure, day(w.done_on), w.key, short(w.description),
                    short(districts(w.districts), 30)) for w in works]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        by_measure = structural_work(snapshot.flows)
        return translate("ui.structural.summary", lang, total=total(by_measure),
                         by_measure=" · ".join(f"{code} {by_measure.get(code, 0)}"
                                               for code in STRUCTURAL_MEASURES
                                               if code != "S7"))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        w = snapshot.state.get(StructuralWork, key)
        if w is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{w.key} · {w.measure} {term(MEASURES, w.measure, lang)}")
        d.field(t("ui.col.date"), day(w.done_on))
        d.field(t("ui.col.description"), w.description)
        d.field(t("ui.col.districts"), districts(w.districts))
        d.field(t("ui.col.parties"), ", ".join(party(p) for p in w.parties) or "–")
        d.heading(t("ui.part.policy"))
        d.line(MEASURES[w.measure].quote(lang) if w.measure in MEASURES else w.measure)
        return d.text
