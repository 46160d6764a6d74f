"""Efforts and their participants (I1, I2)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from asfledger.text import OUTCOME_NAMES
from domain.aggregates import Effort
from domain.money import Money
from domain.reference import GENDER_KEYS, MEASURES, OUTCOME_KEYS, target_group_name
from domain.words import fill
from projections.figures import (
    effort_participants,
    participants,
    participants_by_gender,
    total,
)
from projections.timeline import party, period, term
from tui.screens.parts.part_screen import PartScreen, Row, day, row, short
from tui.text import GENDER_NAMES, translate
from tui.widgets.detail import Detail


class EffortsScreen(PartScreen):
    PART = "efforts"
    TITLE_KEY = "ui.screen.efforts"
    COLUMNS = ("ui.col.ref", "ui.col.partner", "ui.col.measure", "ui.col.run_by",
               "ui.col.period", "ui.col.budget", "ui.col.spent", "ui.col.participants",
               "ui.col.status")
    PRIORITIES = (0, 1, 3, 4, 2, 3, 2, 2, 0)
    SHRINK = frozenset({1})

    def status(self, e: Effort, on: date, lang: str) -> str:
        if e.completed_on is not None and e.completed_on <= on:
            return translate("ui.status.completed_on", lang, day=day(e.completed_on))
        if e.is_active_on(on):
            return translate("ui.status.running", lang)
        if on < e.starts_on:
            return translate("ui.status.not_started", lang)
        return translate("ui.status.finished", lang, day=day(e.ends_on))

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        efforts = sorted(snapshot.state.all(Effort), key=lambda e: (e.starts_on, e.key),
                         reverse=True)
        return [row(e.key, e.key, short(snapshot.partner_name(e.org_nr), 30), e.measure,
                    party(e.run_by), period(e.starts_on, e.ends_on, lang),
                    self.sek(e.budget_ore, lang), self.sek(e.charged_ore, lang),
                    Text(str(effort_participants(e)), justify="right"),
                    self.status(e, snapshot.on, lang))
                for e in efforts]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        efforts = snapshot.state.all(Effort)
        genders = participants_by_gender(snapshot.flows)
        return translate("ui.efforts.summary", lang, count=len(efforts),
                         active=len([e for e in efforts if e.is_active_on(snapshot.on)]),
                         participants=total(participants(snapshot.flows)),
                         women=genders.get("women", 0), men=genders.get("men", 0),
                         other=genders.get("other", 0))

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        e = snapshot.state.get(Effort, key)
        if e is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(f"{e.key} · {e.measure} {term(MEASURES, e.measure, lang)}")
        d.field(t("ui.col.partner"), f"{snapshot.partner_name(e.org_nr)} ({e.org_nr})")
        d.field(t("ui.col.run_by"), party(e.run_by))
        d.field(t("ui.col.period"), period(e.starts_on, e.ends_on, lang))
        d.field(t("ui.col.decision"), e.decision_ref)
        d.field(t("ui.col.budget"), Money(e.budget_ore).text(lang))
        d.field(t("ui.col.spent"), Money(e.charged_ore).text(lang))
        d.field(t("ui.col.status"), self.status(e, snapshot.on, lang))
        d.heading(t("ui.efforts.participants", total=effort_participants(e)))
        for report_period, counts in sorted(e.participants.items()):
            d.line(report_period, 1)
            for group, by_gender in counts.items():
                genders = ", ".join(f"{fill(GENDER_NAMES[g], lang)} {by_gender.get(g, 0)}"
                                    for g in GENDER_KEYS)
                d.line(f"{target_group_name(group, lang)}: {sum(by_gender.values())} "
                       f"({genders})", 2)
        d.heading(t("ui.efforts.outcomes"))
        for report_period, outcomes in sorted(e.outcomes.items()):
            d.line(f"{report_period}: " + ", ".join(
                f"{fill(OUTCOME_NAMES[k], lang)} {outcomes.get(k, 0)}" for k in OUTCOME_KEYS))
        return d.text
