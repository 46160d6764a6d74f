"""Money out: expenditure and supervisor funding payments."""

from __future__ import annotations

from datetime import date

from rich.text import Text

from asfledger.queries.snapshot import Snapshot
from domain.aggregates import Expenditure
from domain.money import Money
from domain.reference import LEGAL_FORMS, PURPOSES
from domain.words import fill
from projections.figures import money_out, money_out_by_payee, total
from projections.timeline import party, term
from tui.screens.parts.part_screen import PartScreen, Row, day, row, short
from tui.text import PAYEE_KIND_NAMES, translate
from tui.widgets.detail import Detail


class ExpenditureScreen(PartScreen):
    PART = "expenditure"
    TITLE_KEY = "ui.screen.expenditure"
    COLUMNS = ("ui.col.paid_on", "ui.col.ref", "ui.col.amount", "ui.col.purpose",
               "ui.col.payee_kind", "ui.col.payee")
    PRIORITIES = (0, 0, 0, 1, 3, 2)
    SHRINK = frozenset({5})

    def payee(self, snapshot: Snapshot, kind: str, payee: str) -> str:
        if kind == "party":
            return party(payee)
        if kind == "partner":
            return f"{snapshot.partner_name(payee)} ({payee})"
        return payee

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        out: list[tuple[date, str, Row]] = []
        for x in snapshot.state.all(Expenditure):
            out.append((x.paid_on, x.key, row(
                f"x:{x.key}", day(x.paid_on), x.key, self.sek(x.amount_ore, lang),
                term(PURPOSES, x.purpose, lang), fill(PAYEE_KIND_NAMES[x.payee_kind], lang),
                short(self.payee(snapshot, x.payee_kind, x.payee), 36))))
        for p in snapshot.payments:
            out.append((p.paid_on, p.ref, row(
                f"p:{p.position}", day(p.paid_on), f"{p.ref} {p.voucher_ref}",
                self.sek(p.amount_ore, lang), term(PURPOSES, "supervisor_funding", lang),
                fill(PAYEE_KIND_NAMES["party"], lang), party(p.payee))))
        out.sort(key=lambda o: (o[0], o[1]), reverse=True)
        return [r for _, _, r in out]

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        purposes = money_out(snapshot.flows)
        kinds = money_out_by_payee(snapshot.flows, snapshot.state.all(Expenditure))
        return translate(
            "ui.expenditure.summary", lang, total=Money(total(purposes)).text(lang),
            purposes=", ".join(f"{term(PURPOSES, k, lang)} {Money(purposes[k]).text(lang)}"
                               for k in PURPOSES if purposes.get(k)) or "–",
            kinds=", ".join(f"{fill(PAYEE_KIND_NAMES[k], lang)} {Money(v).text(lang)}"
                            for k, v in sorted(kinds.items()) if v) or "–")

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        t, lang = self.t, self.lang
        kind, _, ref = key.partition(":")
        if kind == "p":
            found = [p for p in snapshot.payments if p.position == int(ref)]
            if not found:
                return Text(key)
            p = found[0]
            d = Detail(t("ui.expenditure.payment", ref=p.ref, voucher=p.voucher_ref))
            d.field(t("ui.col.paid_on"), day(p.paid_on))
            d.field(t("ui.col.purpose"), term(PURPOSES, "supervisor_funding", lang))
            d.field(t("ui.col.payee"), party(p.payee))
            d.field(t("ui.col.amount"), Money(p.amount_ore).text(lang))
            d.field(t("ui.col.position"), p.position)
            return d.text
        x = snapshot.state.get(Expenditure, ref)
        if x is None:
            return Text(key)
        d = Detail(f"{x.key} · {x.description}")
        d.field(t("ui.col.paid_on"), day(x.paid_on))
        d.field(t("ui.col.purpose"), term(PURPOSES, x.purpose, lang))
        d.field(t("ui.col.payee_kind"), fill(PAYEE_KIND_NAMES[x.payee_kind], lang))
        d.field(t("ui.col.payee"), self.payee(snapshot, x.payee_kind, x.payee))
        if x.payee_legal_form:
            d.field(t("ui.col.legal_form"), term(LEGAL_FORMS, x.payee_legal_form, lang))
        if x.linked_ref:
            d.field(t("ui.col.linked"), x.linked_ref)
        d.field(t("ui.col.amount"), Money(x.amount_ore).text(lang))
        return d.text
