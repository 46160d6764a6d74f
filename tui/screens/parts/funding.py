"""Supervisor funding and its payments (I3)."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import SupervisorFunding
from domain.money import Money
from domain.reference import target_group_name
from projections.figures import funding_decided, funding_paid, total
from projections.timeline import party, period
from tui.screens.parts.part_screen import PartScreen, Row, day, row, short
from tui.text import translate
from tui.widgets.detail import Detail


class FundingScreen(PartScreen):
    PART = "funding"
    TITLE_KEY = "ui.screen.funding"
    COLUMNS = ("ui.col.ref", "ui.col.partner", "ui.col.employer", "ui.col.decided_on",
               "ui.col.period", "ui.col.decided", "ui.col.paid", "ui.col.remaining",
               "ui.col.status")
    PRIORITIES = (0, 1, 4, 3, 3, 2, 2, 2, 0)
    SHRINK = frozenset({1})

    def status(self, f: SupervisorFunding, on: date, lang: str) -> str:
        if f.ended_on is not None and f.ended_on <= on:
            return translate("ui.status.ended", lang, day=day(f.ended_on))
        if f.is_running_on(on):
            return translate("ui.status.running", lang)
        if on < f.starts_on:
            return translate("ui.status.not_started", lang)
        return translate("ui.status.finished", lang, day=day(f.ends_on))

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        fundings = sorted(snapshot.state.all(SupervisorFunding),
                          key=lambda f: (f.decided_on, f.key), reverse=True)
        return [row(f.key, f.key, short(snapshot.partner_name(f.org_nr), 30),
                    party(f.employer), day(f.decided_on), period(f.starts_on, f.ends_on, lang),
                    self.sek(f.amount_ore, lang), self.sek(f.paid_ore, lang),
                    self.sek(f.amount_ore - f.paid_ore, lang),
                    self.status(f, snapshot.on, lang))
                for f in fundings]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        fundings = snapshot.state.all(SupervisorFunding)
        decided = Money(total(funding_decided(snapshot.flows)))
        paid = Money(total(funding_paid(snapshot.flows)))
        return translate("ui.funding.summary", lang, count=len(fundings),
                         decided=decided.text(lang), paid=paid.text(lang),
                         remaining=(decided - paid).text(lang),
                         payments=len(snapshot.payments),
                         running=len([f for f in fundings if f.is_running_on(snapshot.on)]),
                         day=snapshot.on.isoformat())

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        f = snapshot.state.get(SupervisorFunding, key)
        if f is None:
            return Text(key)
        t, lang = self.t, self.lang
        d = Detail(t("ui.funding.title", ref=f.key))
        d.field(t("ui.col.partner"), f"{snapshot.partner_name(f.org_nr)} ({f.org_nr})")
        d.field(t("ui.col.employer"), party(f.employer))
        d.field(t("ui.col.decided_on"), f"{day(f.decided_on)} ({f.decision_ref})")
        d.field(t("ui.col.period"), period(f.starts_on, f.ends_on, lang))
        d.field(t("ui.funding.fte"), f"{f.fte_percent} %")
        d.field(t("ui.funding.groups"), ", ".join(target_group_name(g, lang)
                                                   for g in f.target_groups))
        d.field(t("ui.col.decided"), Money(f.amount_ore).text(lang))
        d.field(t("ui.col.paid"), Money(f.paid_ore).text(lang))
        d.field(t("ui.col.remaining"), Money(f.amount_ore - f.paid_ore).text(lang))
        d.field(t("ui.col.status"), self.status(f, snapshot.on, lang))
        payments = snapshot.payments_of(f.key)
        d.heading(t("ui.funding.payments", count=len(payments)))
        for p in payments:
            d.line(t("ui.funding.payment", day=day(p.paid_on), voucher=p.voucher_ref,
                     amount=Money(p.amount_ore).text(lang), payee=party(p.payee)))
        return d.text
