"""Partners: the ASF the association works with, assessed against C1–C4 (R2).

The list shows each partner's legal form, districts and status (onboarded, offboarded or
not yet) since when. The detail shows the latest assessment of each criterion with its
evidence and date, the partner's agreements, supervisor fundings and efforts, and a
timeline of everything recorded about it, in the policy's words (read in a worker).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widgets import Static

from asfledger.queries.snapshot import Snapshot, TimelineLine
from domain.aggregates import Partner
from domain.money import Money
from domain.reference import AGREEMENT_KINDS, CRITERIA, LEGAL_FORMS
from projections.figures import onboarded_on
from projections.timeline import measure, party, period, term
from tui.screens.common import format_time
from tui.screens.parts.part_screen import (
    PartScreen,
    Row,
    day,
    districts,
    legal_form_short,
    row,
    short,
)
from tui.text import translate
from tui.widgets.detail import Detail, DetailScreen

# Each status ``partner_status`` gives, in words.
STATUS_KEYS: Final[dict[str, str]] = {
    "onboarded": "ui.status.onboarded", "offboarded": "ui.status.offboarded",
    "criteria_not_met": "ui.status.criteria_not_met", "not_onboarded": "ui.status.not_onboarded"}


def partner_status(p: Partner, on: date) -> tuple[str, date | None]:
    """``onboarded``, ``criteria_not_met`` (onboarded, but a criterion's latest
    assessment is "not met": R9, nothing new is decided or paid), ``offboarded`` or
    ``not_onboarded``, and since when."""
    if p.is_active_on(on):
        unmet = p.criteria_not_met_since(on)
        if unmet is not None:
            return "criteria_not_met", unmet[1]
        return "onboarded", max(span.start for span in p.onboardings if span.start <= on)
    if p.onboardings and (offboarded := p.onboardings[-1].stop) is not None:
        return "offboarded", offboarded
    return "not_onboarded", None


class PartnersScreen(PartScreen):
    PART = "partners"
    TITLE_KEY = "ui.screen.partners"
    # The key and the status first, never left out (issue 19): a narrow list shortens the
    # name, then leaves out the districts and the legal form (shortened here, in full in
    # the detail).
    COLUMNS = ("ui.col.name", "ui.col.org_nr", "ui.col.status", "ui.col.since",
               "ui.col.legal_form", "ui.col.districts")
    PRIORITIES = (0, 0, 0, 0, 1, 2)
    SHRINK = frozenset({0, 5})

    def __init__(self) -> None:
        super().__init__()
        # org_nr → its timeline, for the snapshot and language it was read for
        self.timelines: dict[str, list[TimelineLine]] = {}
        self._timelines_of: Snapshot | None = None
        self._timelines_lang = ""

    def rows(self, snapshot: Snapshot, lang: str) -> list[Row]:
        partners = sorted(snapshot.state.all(Partner), key=lambda p: (p.name.casefold(),
                                                                      p.org_nr))
        out = []
        for p in partners:
            status, since = partner_status(p, snapshot.on)
            out.append(row(p.org_nr, short(p.name), p.org_nr,
                           translate(STATUS_KEYS[status], lang), day(since),
                           legal_form_short(p.legal_form, lang),
                           short(districts(p.districts), 30)))
        return out

    def summarise(self, snapshot: Snapshot, lang: str) -> str:
        partners = snapshot.state.all(Partner)
        statuses = [partner_status(p, snapshot.on)[0] for p in partners]
        return translate("ui.partners.summary", lang, count=len(partners),
                         onboarded=onboarded_on(snapshot.flows, snapshot.on),
                         offboarded=statuses.count("offboarded"),
                         not_onboarded=statuses.count("not_onboarded"),
                         day=snapshot.on.isoformat())

    def detail(self, snapshot: Snapshot, key: str) -> Text:
        p = snapshot.state.get(Partner, key)
        if p is None:
            return Text(key)
        t, lang, on = self.t, self.lang, snapshot.on
        d = Detail(f"{p.name} ({p.org_nr})")
        d.field(t("ui.col.legal_form"), term(LEGAL_FORMS, p.legal_form, lang))
        d.field(t("ui.col.districts"), districts(p.districts))
        status, since = partner_status(p, on)
        d.field(t("ui.col.status"), t(STATUS_KEYS[status]) + (
            f" {t('ui.partners.since', day=day(since))}" if since else ""))
        for span in p.onboardings:
            d.line(t("ui.partners.onboarding", start=day(span.start), end=day(span.stop)))

        d.heading(t("ui.partners.criteria", day=on.isoformat()))
        for code, criterion in CRITERIA.items():
            latest = p.latest_assessment(code, on)
            if latest is None:
                d.line(f"– {code} {criterion.text(lang)}: {t('ui.partners.not_assessed')}")
                continue
            assessed_on, met, evidence = latest
            mark = "✓" if met else "✗"
            d.line(f"{mark} {code} {criterion.text(lang)}")
            d.line(t("ui.partners.evidence", day=day(assessed_on), evidence=evidence), 2)

        agreements = snapshot.agreements_of(p)
        d.heading(t("ui.partners.agreements", count=len(agreements)))
        for a in agreements:
            state = (t("ui.status.active") if a.is_active_on(on) else
                     t("ui.status.ended", day=day(a.ended_on)) if a.ended_on else
                     t("ui.status.inactive"))
            value = f" · {Money(a.value_ore).text(lang)}" if a.value_ore is not None else ""
            d.line(f"{a.key} · {term(AGREEMENT_KINDS, a.kind, lang)} · "
                   f"{period(a.starts_on, a.ends_on, lang)}{value} · {state}")

        fundings = snapshot.fundings_of(p.org_nr)
        d.heading(t("ui.partners.fundings", count=len(fundings)))
        for f in fundings:
            d.line(t("ui.partners.funding", ref=f.key, employer=party(f.employer),
                     fte=f.fte_percent, period=period(f.starts_on, f.ends_on, lang),
                     decided=Money(f.amount_ore).text(lang),
                     paid=Money(f.paid_ore).text(lang)))

        efforts = snapshot.efforts_of(p.org_nr)
        d.heading(t("ui.partners.efforts", count=len(efforts)))
        for e in efforts:
            d.line(t("ui.partners.effort", ref=e.key, measure=measure(e.measure, lang),
                     period=period(e.starts_on, e.ends_on, lang),
                     budget=Money(e.budget_ore).text(lang),
                     spent=Money(e.charged_ore).text(lang)))

        d.heading(t("ui.partners.timeline"))
        lines = self.timelines.get(key) if self._timelines_match(snapshot, lang) else None
        if lines is None:
            d.line(t("ui.partners.timeline_loading"))
        else:
            for line in lines:
                d.line(f"{line.position:>6}  {format_time(line.recorded.isoformat())}  "
                       f"{line.actor}: {line.sentence}", 0)
        return d.text

    def _timelines_match(self, snapshot: Snapshot, lang: str) -> bool:
        return self._timelines_of is snapshot and self._timelines_lang == lang

    # The timeline is read from the event store, in a worker, for the highlighted partner.

    def show_detail(self, key: str) -> None:
        super().show_detail(key)
        assert self.snapshot is not None
        if not self._timelines_match(self.snapshot, self.lang):
            self.timelines = {}
            self._timelines_of, self._timelines_lang = self.snapshot, self.lang
        if key not in self.timelines:
            self._read_timeline(self.snapshot, key, self.lang)

    @dataclass
    class TimelineRead(Message, bubble=False):
        """From the worker: the partner ``org_nr``'s timeline as of ``snapshot``."""

        snapshot: Snapshot
        org_nr: str
        lang: str
        lines: list[TimelineLine]

    @work(thread=True, exclusive=True, group="partner-timeline")
    def _read_timeline(self, snapshot: Snapshot, org_nr: str, lang: str) -> None:
        ledger = self.ledger_app.ledger
        lines = ledger.partner_timeline(snapshot, org_nr, lang)
        self.post_message(self.TimelineRead(snapshot, org_nr, lang, lines))

    @on(TimelineRead)
    def _timeline_read(self, message: TimelineRead) -> None:
        snapshot, org_nr, lang = message.snapshot, message.org_nr, message.lang
        lines = message.lines
        if snapshot is not self.snapshot or not self._timelines_match(snapshot, lang):
            return
        self.timelines[org_nr] = lines
        if self.selected == org_nr:
            self.query_one("#detail", Static).update(self.detail(snapshot, org_nr))
        screen = self.app.screen
        if isinstance(screen, DetailScreen) and screen.key == org_nr:
            screen.update(self.detail(snapshot, org_nr))
