"""The board report as tables for a spreadsheet: ``xlsx`` and ``csv``.

One table per section of the report, each cell typed (a count, an amount in öre, a share,
full-time equivalents, a date, a text), so that

- ``as_xlsx`` writes a workbook with one sheet per section: numbers as numbers with
  Swedish number formats (``kr``, ``%``), dates as dates, the header row frozen, column
  widths that fit. Written with openpyxl: the one library both writes the workbook and
  reads it back in the tests, and it handles number formats, frozen panes and widths;
- ``as_csv`` writes the same figures as one tidy table with a section column (period,
  section, breakdown, category, measure, value, unit): UTF-8 with a BOM, ``;`` between
  fields and a decimal comma (SPEC §4), no thousands separator, so pandas
  (``sep=";", decimal=","``) and LibreOffice (language Swedish) read every value as a
  number.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from asfledger.reports.board import (
    BOM,
    STOCKHOLM,
    PackInfo,
    _district,
    _group_label,
    _term_label,
)
from asfledger.reports.numbers import grouped, money_text
from asfledger.text import OUTCOME_NAMES, translate
from domain.money import Money
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    FORBIDDEN_PURPOSES,
    LEGAL_FORMS,
    MEASURES,
    PARTIES,
    PURPOSES,
    target_group_name,
)
from domain.values import Period
from domain.words import fill


@dataclass(frozen=True, slots=True)
class Share:
    """``part`` of ``whole``, shown as a percentage (empty when ``whole`` is zero)."""

    part: int
    whole: int

    def fraction(self) -> Decimal | None:
        if not self.whole:
            return None
        return (Decimal(self.part) / Decimal(self.whole)).quantize(Decimal("0.0001"))


@dataclass(frozen=True, slots=True)
class Fte:
    value: Decimal  # full-time equivalents with two decimals, as the figures carry them


Cell = str | int | Money | Share | Fte | date


@dataclass(slots=True)
class Sheet:
    key: str  # the catalogue key of its name
    headers: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    grouped: bool = False  # two label columns: a breakdown, then its category


def sheets(f: Mapping[str, Any], lang: str, *, period: Period,
           info: PackInfo | None = None) -> list[Sheet]:
    """The report's figures as one table per section."""
    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    end = f["period"]["to"]
    partners, agreements = f["partners"], f["agreements"]
    funding, activities = f["supervisor_funding"], f["activities"]
    structural, plan = f["structural_work"], f["action_plan"]
    efforts, spent, compliance = f["efforts"], f["expenditure"], f["compliance"]
    corrections = f["corrections"]
    figure, value = t("report.col.figure"), t("report.col.value")

    summary_rows: list[tuple[Cell, ...]] = [
        (t("report.sum.period_from"), period.start),
        (t("report.sum.period_to"), period.end),
    ]
    if info is not None:
        summary_rows.append((t("report.sum.report_date"), info.report_date))
    summary_rows += [
        (t("report.sum.partners", end=end), partners["onboarded"]),
        (t("report.sum.partners_in_period"), partners["onboarded_in_period"]),
        (t("report.sum.agreements", end=end), agreements["active"]),
        (t("report.sum.funding_decided"), funding["decided_sek"]),
        (t("report.sum.funding_paid"), funding["paid_sek"]),
        (t("report.sum.fte", end=end), Fte(funding["fte_active"])),
        (t("report.sum.activities"), activities["held"]),
        (t("report.sum.attendance"), activities["attendance_total"]),
        (t("report.sum.structural"), sum(structural["by_measure"].values())),
        (t("report.sum.plan_actions", year=plan["year"]), plan["actions"]),
        (t("report.sum.plan", year=plan["year"]), plan["completed"]),
        (t("report.sum.efforts", end=end), efforts["active"]),
        (t("report.sum.participants"), sum(efforts["participants"].values())),
        (t("report.sum.expenditure"), spent["total_sek"]),
        (t("report.sum.violations"), compliance["violations"]),
    ]

    dimension, category = t("report.csv.dimension"), t("report.csv.category")
    legal_form, district = t("report.col.legal_form"), t("report.col.district")
    partner_rows: list[tuple[Cell, ...]] = [
        (legal_form, _term_label(LEGAL_FORMS, c, lang), n)
        for c, n in partners["by_legal_form"].items()]
    partner_rows += [(district, _district(c, lang), n)
                     for c, n in partners["by_district"].items()]

    activity_kind, group = t("report.col.activity_kind"), t("report.activities.by_group")
    activity_rows: list[tuple[Cell, ...]] = [
        (activity_kind, _term_label(ACTIVITY_KINDS, c, lang), n)
        for c, n in activities["by_kind"].items()]
    activity_rows += [(group, _group_label(g, lang), n)
                      for g, n in activities["attendance_by_group"].items()]

    target_group, outcome = t("report.col.target_group"), t("report.efforts.outcomes")
    effort_rows: list[tuple[Cell, ...]] = [
        (target_group, target_group_name(c, lang), n)
        for c, n in efforts["participants"].items()]
    effort_rows += [(outcome, fill(OUTCOME_NAMES[c], lang), n)
                    for c, n in efforts["outcomes"].items()]

    total = spent["total_sek"].ore
    checkpoint_rows: list[tuple[Cell, ...]] = [
        (t("report.sum.events"), compliance["events_examined"]),
        (t("report.sum.violations"), compliance["violations"]),
        (t("report.sum.verdict"), t("proof.verdict_ok" if compliance["violations"] == 0
                                    else "proof.verdict_failed", n=compliance["violations"])),
    ]
    checkpoint_rows += _checkpoint_rows(compliance["checkpoint"], lang)

    return [
        Sheet("report.summary", (figure, value), summary_rows),
        Sheet("report.sheet.partners", (dimension, category, t("report.col.partners")),
              partner_rows, grouped=True),
        Sheet("report.sheet.agreements",
              (t("report.col.agreement_kind"), t("report.col.agreements")),
              [(_term_label(AGREEMENT_KINDS, c, lang), n)
               for c, n in agreements["by_kind"].items()]),
        Sheet("report.sheet.funding",
              (t("report.col.employer"), t("report.col.decided"), t("report.col.paid")),
              [(PARTIES[e].name if e in PARTIES else e, v["decided_sek"],
                v["paid_sek"]) for e, v in funding["by_employer"].items()]),
        Sheet("report.sheet.activities", (dimension, category, t("report.col.count")),
              activity_rows, grouped=True),
        Sheet("report.sheet.structural",
              (t("report.col.code"), t("report.col.measure"), t("report.col.times")),
              [(c, _term_label(MEASURES, c, lang), n)
               for c, n in structural["by_measure"].items()]),
        Sheet("report.sheet.plan",
              (t("report.col.code"), t("report.col.measure"), t("report.col.actions"),
               t("report.col.completed"), t("report.col.share_completed")),
              [(c, _term_label(MEASURES, c, lang), v["actions"], v["completed"],
                Share(v["completed"], v["actions"]))
               for c, v in plan["by_measure"].items()]),
        Sheet("report.sheet.efforts", (dimension, category, t("report.col.count")),
              effort_rows, grouped=True),
        Sheet("report.sheet.expenditure",
              (t("report.col.purpose"), t("report.col.forbidden_by"), t("report.col.amount"),
               t("report.col.share")),
              [(_term_label(PURPOSES, p, lang), FORBIDDEN_PURPOSES.get(p, ""),
                v, Share(v.ore, total))
               for p, v in spent["by_purpose"].items()]),
        Sheet("report.sheet.corrections", (figure, value), [
            (t("report.corrections.reversed"), corrections["reversed"]),
            (t("report.corrections.reversed_sek"), corrections["reversed_sek"]),
            (t("report.corrections.corrected"), corrections["corrected"]),
            (t("report.corrections.voided"), corrections["voided"])]),
        Sheet("report.sheet.compliance", (figure, value), checkpoint_rows),
    ]


def _checkpoint_rows(text: str, lang: str) -> list[tuple[Cell, ...]]:
    from asfledger.audit.checkpoint import Checkpoint, CheckpointError

    try:
        checkpoint = Checkpoint.parse(text)
    except (CheckpointError, ValueError):
        return []

    def t(key: str) -> str:
        return translate(key, lang)

    # A spreadsheet has no time zones: the time is Stockholm's, as the board reads it.
    local = checkpoint.time.astimezone(STOCKHOLM).replace(tzinfo=None)
    return [(t("report.pack.checkpoint.ledger"), checkpoint.ledger_id),
            (t("report.pack.checkpoint.size"), checkpoint.size),
            (t("report.pack.checkpoint.head"), checkpoint.head),
            (t("report.pack.checkpoint.time"), local)]


# -- xlsx ---------------------------------------------------------------------------------
# Excel's format codes are written in the en-US notation and shown in the reader's locale:
# "#,##0.00" appears as 1 234,50 in a Swedish Excel or LibreOffice.
FORMAT_COUNT = "#,##0"
FORMAT_SEK = {"sv": '#,##0.00\\ "kr"', "en": '"SEK "#,##0.00'}
FORMAT_PERCENT = "0.0%"
FORMAT_FTE = "#,##0.00"
FORMAT_DATE = "yyyy-mm-dd"
FORMAT_TIME = "yyyy-mm-dd hh:mm"
MAX_WIDTH = 70


def _excel(cell: Cell, lang: str) -> tuple[Any, str | None, str]:
    """The value openpyxl writes, its number format, and its text (for the width)."""
    if isinstance(cell, Money):
        return Decimal(cell.ore).scaleb(-2), FORMAT_SEK.get(lang, FORMAT_SEK["en"]), \
            money_text(cell, lang)
    if isinstance(cell, Share):
        fraction = cell.fraction()
        return fraction, FORMAT_PERCENT, "100,0 %"
    if isinstance(cell, Fte):
        return cell.value, FORMAT_FTE, f"{cell.value:,.2f}"
    if isinstance(cell, datetime):
        return cell, FORMAT_TIME, "2026-12-31 23:59"
    if isinstance(cell, date):
        return cell, FORMAT_DATE, "2026-12-31"
    if isinstance(cell, bool | str):
        return str(cell), None, str(cell)
    return cell, FORMAT_COUNT, grouped(cell, lang)


def as_xlsx(figures: Mapping[str, Any], lang: str, *, period: Period,
            info: PackInfo) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    for unused in list(book.worksheets):  # the empty sheet a new workbook starts with
        book.remove(unused)
    book.properties.title = translate("report.title", lang, period=period.code)
    book.properties.creator = info.author or translate("report.footer", lang)
    # The same bytes for the same report: the workbook's own times are the report's date.
    moment = datetime(info.report_date.year, info.report_date.month, info.report_date.day)
    book.properties.created = book.properties.modified = moment
    bold = Font(bold=True)
    for sheet in sheets(figures, lang, period=period, info=info):
        ws = book.create_sheet(translate(sheet.key, lang)[:31])
        ws.append(list(sheet.headers))
        widths = [len(h) for h in sheet.headers]
        for cell in ws[1]:
            cell.font = bold
            cell.alignment = Alignment(vertical="top")
        for row in sheet.rows:
            values = [_excel(c, lang) for c in row]
            ws.append([v for v, _, _ in values])
            for col, (_, number_format, text) in enumerate(values, start=1):
                if number_format:
                    ws.cell(row=ws.max_row, column=col).number_format = number_format
                widths[col - 1] = max(widths[col - 1], len(text))
        for col, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH)
        ws.freeze_panes = "A2"  # the header row stays when scrolling
        ws.auto_filter.ref = ws.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# -- csv ----------------------------------------------------------------------------------
def _csv_number(cell: Cell, lang: str) -> tuple[str, str] | None:
    """A numeric cell as (value with a decimal comma, unit); ``None`` for text and dates."""
    if isinstance(cell, Money):
        return cell.plain().replace(".", ","), translate("report.unit.sek", lang)
    if isinstance(cell, Share):
        if not cell.whole:
            return None
        percent = (Decimal(cell.part * 100) / cell.whole).quantize(Decimal("0.1"),
                                                                   ROUND_HALF_UP)
        return str(percent).replace(".", ","), translate("report.unit.percent", lang)
    if isinstance(cell, Fte):
        return f"{cell.value:.2f}".replace(".", ","), translate("report.unit.fte", lang)
    if isinstance(cell, bool) or not isinstance(cell, int):
        return None
    return str(cell), translate("report.unit.count", lang)


def _tidy_rows(sheet: Sheet, lang: str) -> Iterator[tuple[str, str, str, str, str]]:
    """(breakdown, category, measure, value, unit) for every number of the sheet."""
    labels = 2 if sheet.grouped or isinstance(sheet.rows[0][1], str) else 1
    for row in sheet.rows:
        if sheet.grouped:
            breakdown, category = str(row[0]), str(row[1])
        else:
            breakdown, category = "", " ".join(str(c) for c in row[:labels] if c != "")
        for header, cell in zip(sheet.headers[labels:], row[labels:], strict=True):
            number = _csv_number(cell, lang)
            if number is not None:
                yield breakdown, category, header, *number


def as_csv(figures: Mapping[str, Any], lang: str, *, period: Period) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([translate(key, lang) for key in (
        "report.csv.from", "report.csv.to", "report.csv.section", "report.csv.dimension",
        "report.csv.category", "report.csv.measure", "report.csv.value", "report.csv.unit")])
    start, end = period.start.isoformat(), period.end.isoformat()
    for sheet in sheets(figures, lang, period=period):
        section = translate(sheet.key, lang)
        for row in _tidy_rows(sheet, lang):
            writer.writerow((start, end, section, *row))
    return BOM + buffer.getvalue()
