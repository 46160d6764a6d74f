"""``asfledger report board``: the board's report of a period (SPEC §4).

The figures come from ``Ledger.board_report`` (``asfledger.queries.report``: the history
streamed once through ``projections.board_report.BoardReport``, with the compliance proof:
violations, events examined, the checkpoint), the fold the report screen shares.
``render`` turns the figures into

- ``json``: the figures themselves, the contract of SPEC §4;
- ``md`` and ``html``: the board's pack, in Swedish by default, laid out as a Swedish board
  files it: a title page (the association, the period, the date, the diarienummer, who
  prepared it), a summary page (key figures, the compliance verdict and, when given, the
  "förslag till beslut"), then a section per part of the policy with the policy's own
  words, tables with bars and the checkpoint. The HTML is one self-contained page (inline
  CSS) that prints on A4 with a running header and page numbers (CSS paged media), table
  rows never split across pages, every time in Stockholm's local time;
- ``csv`` and ``xlsx``: the same figures as tables for a spreadsheet (``asfledger.reports.
  tables``).

The renderers read only the figures and ``PackInfo``, so a test can fix the checkpoint
(whose ledger id, head and time differ from run to run) and the date before rendering.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import msgspec

from asfledger.audit.checkpoint import Checkpoint, CheckpointError
from asfledger.audit.compliance import verdict_text as verdict_text_of
from asfledger.reports.numbers import NBSP as NBSP
from asfledger.reports.numbers import decimal_text, grouped, money_text
from asfledger.text import MONTH_NAMES, OUTCOME_NAMES, QUARTER_ORDINALS, REPORT_GROUPS, translate
from domain.money import Money
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    ASSOCIATION,
    DISTRICTS,
    FORBIDDEN_PURPOSES,
    INDIVIDUAL_MEASURES,
    LEGAL_FORMS,
    MEASURES,
    PARTIES,
    PURPOSES,
    STRUCTURAL_MEASURES,
    Term,
    target_group_name,
)
from domain.rules import RULES, Rule
from domain.values import Period
from domain.words import fill
from projections.figures import SUPERVISOR_FUNDING

FORMATS = ("md", "json", "csv", "html")  # text: ``render`` returns a str
BINARY_FORMATS = ("xlsx",)  # ``render_bytes`` only
ALL_FORMATS = (*FORMATS, *BINARY_FORMATS)
BOM = "\ufeff"
BAR_WIDTH = 20  # characters of the longest Markdown bar
STOCKHOLM = ZoneInfo("Europe/Stockholm")
_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True, slots=True)
class PackInfo:
    """What the title page says beyond the figures (from the options or the settings)."""

    report_date: date
    reference: str | None = None  # the diarienummer
    author: str | None = None
    proposal: str | None = None  # "förslag till beslut": paragraphs separated by blank lines

    @classmethod
    def today(cls) -> PackInfo:
        return cls(datetime.now(STOCKHOLM).date())


def render(figures: Mapping[str, Any], fmt: str, lang: str, *, period: Period,
           info: PackInfo | None = None) -> str:
    """The report in ``fmt`` (one of ``FORMATS``) and ``lang`` (``sv`` or ``en``)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} must be one of {', '.join(FORMATS)}")
    if fmt == "json":
        return msgspec.json.format(msgspec.json.encode(_as_json(figures))).decode() + "\n"
    if fmt == "csv":
        from asfledger.reports.tables import as_csv

        return as_csv(figures, lang, period=period)
    document = _document(figures, lang, period, info or PackInfo.today())
    return as_html(document) if fmt == "html" else as_markdown(document)


def render_bytes(figures: Mapping[str, Any], fmt: str, lang: str, *, period: Period,
                 info: PackInfo | None = None) -> bytes:
    """The report as the bytes of a file: every format of ``ALL_FORMATS``."""
    if fmt == "xlsx":
        from asfledger.reports.tables import as_xlsx

        return as_xlsx(figures, lang, period=period, info=info or PackInfo.today())
    return render(figures, fmt, lang, period=period, info=info).encode("utf-8")


# -- numbers ------------------------------------------------------------------------------
def _as_json(figures: Any) -> Any:
    """The figures as SPEC §4's file has them: an amount in its plain form, ``"1234.56"``
    (a ``Decimal`` is written so by msgspec itself)."""
    if isinstance(figures, Money):
        return figures.plain()
    if isinstance(figures, Mapping):
        return {key: _as_json(value) for key, value in figures.items()}
    return figures


def fmt_count(n: int, lang: str) -> str:
    return grouped(n, lang)


def local_time(moment: datetime, lang: str) -> str:
    """A moment as a person in Stockholm reads it: ``2026-11-01 kl. 18:00``."""
    here = moment.astimezone(STOCKHOLM)
    return translate("report.pack.time", lang, day=here.date().isoformat(),
                     time=here.strftime("%H:%M"))


def period_label(period: Period, lang: str) -> str:
    """``2026`` → "Helåret 2026", ``2026-Q2`` → "Andra kvartalet 2026", ``2026-05`` → "Maj
    2026"."""
    year = period.start.year
    if period.kind == "quarter":
        n = (period.start.month - 1) // 3 + 1
        return translate("report.pack.period.quarter", lang, n=n, year=year,
                         ordinal=fill(QUARTER_ORDINALS[str(n)], lang))
    if period.kind == "month":
        return translate("report.pack.period.month", lang, year=year,
                         month=fill(MONTH_NAMES[str(period.start.month)], lang))
    return translate("report.pack.period.year", lang, year=year)


# -- the pack as a small document, rendered to Markdown and HTML ---------------------------
@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bars: tuple[int, ...] = ()  # one value per row: a bar after the last column
    facts: bool = False  # label and text, not figures: left-aligned, labels on one line

    @property
    def numeric(self) -> tuple[bool, ...]:
        return (False, *([not self.facts] * (len(self.headers) - 1)))


@dataclass(slots=True)
class Section:
    anchor: str
    title: str
    text: list[str] = field(default_factory=list)
    quote: tuple[str, str] | None = None  # (the policy's words, attribution)
    tables: list[Table] = field(default_factory=list)
    verdict: tuple[bool, str] | None = None
    # The checkpoint: (a sentence saying what it is, its facts, the verbatim's label, the
    # verbatim text)
    checkpoint: tuple[str, Table | None, str, str] | None = None


@dataclass(slots=True)
class Document:
    lang: str
    association: str
    kind: str  # "Styrelserapport"
    title: str  # the Markdown heading and the HTML <title>
    subject: str
    period: str  # in words: "Andra kvartalet 2026"
    facts: list[tuple[str, str]]  # the title page's table
    intro: str
    summary: Table
    verdict: tuple[bool, str]
    proposal: list[str]  # paragraphs; empty: none asked for
    sections: list[Section]
    footer: str
    header: str  # the running header of every printed page but the first
    reference: str  # the diarienummer, in the running header ("" without one)


def _quote(term: Term | Rule, code: str | None, lang: str) -> tuple[str, str]:
    source = translate("report.policy", lang)
    return term.quote(lang), f"{source}, {code}" if code else source


def _district(code: str, lang: str) -> str:
    if code == "city_wide":
        return translate("report.city_wide", lang)
    return DISTRICTS.get(code, code)


def _group_label(code: str, lang: str) -> str:
    if code in PARTIES:
        return PARTIES[code].name
    return fill(REPORT_GROUPS[code], lang) if code in REPORT_GROUPS else code


def _term_label(terms: Mapping[str, Term], code: str, lang: str) -> str:
    term = terms.get(code)
    return term.text(lang) if term else code


def _count_table(caption: str, header: str, counts: Mapping[str, int], lang: str,
                 label: Callable[[str], str]) -> Table:
    rows = tuple((label(code), fmt_count(n, lang)) for code, n in counts.items())
    return Table(caption, (header, translate("report.col.count", lang)), rows,
                 tuple(counts.values()))


def _checked_against(checkpoints: int, lang: str) -> str:
    """Which history the figures stand on: the chain always (no figures are made over one
    that fails), and the outside checkpoints only when the auditor gave them."""
    if checkpoints == 0:
        return translate("report.compliance.no_checkpoint", lang)
    key = ("report.compliance.one_checkpoint" if checkpoints == 1
           else "report.compliance.checkpoints")
    return translate(key, lang, n=checkpoints)


def _checkpoint_table(text: str, lang: str) -> Table | None:
    """The checkpoint's facts, its time in Stockholm's; ``None`` if it cannot be read."""
    try:
        checkpoint = Checkpoint.parse(text)
    except (CheckpointError, ValueError):
        return None

    def t(key: str) -> str:
        return translate(key, lang)

    return Table("", (t("report.col.figure"), t("report.col.value")),
                 ((t("report.pack.checkpoint.ledger"), checkpoint.ledger_id),
                  (t("report.pack.checkpoint.size"), fmt_count(checkpoint.size, lang)),
                  (t("report.pack.checkpoint.head"), checkpoint.head),
                  (t("report.pack.checkpoint.time"), local_time(checkpoint.time, lang))),
                 facts=True)


def _document(f: Mapping[str, Any], lang: str, period: Period, info: PackInfo) -> Document:
    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    def money(amount: Money) -> str:
        return money_text(amount, lang)

    def count(n: int) -> str:
        return fmt_count(n, lang)

    start, end = f["period"]["from"], f["period"]["to"]
    partners, agreements = f["partners"], f["agreements"]
    funding, activities = f["supervisor_funding"], f["activities"]
    structural, plan = f["structural_work"], f["action_plan"]
    efforts, spent, compliance = f["efforts"], f["expenditure"], f["compliance"]
    proven = compliance["violations"] == 0
    to_review = compliance.get("to_review", 0)
    # The proof's own verdict, in the proof's words (no more than it shows).
    verdict_text = verdict_text_of(proven, compliance["violations"], to_review,
                                   compliance["events_examined"], lang)

    summary = Table(
        t("report.pack.key_figures"), (t("report.col.figure"), t("report.col.value")), (
            (t("report.sum.partners", end=end), count(partners["onboarded"])),
            (t("report.sum.partners_in_period"), count(partners["onboarded_in_period"])),
            (t("report.sum.agreements", end=end), count(agreements["active"])),
            (t("report.sum.funding_decided"), money(funding["decided_sek"])),
            (t("report.sum.funding_paid"), money(funding["paid_sek"])),
            (t("report.sum.fte", end=end), decimal_text(funding["fte_active"], lang)),
            (t("report.sum.activities"), count(activities["held"])),
            (t("report.sum.attendance"), count(activities["attendance_total"])),
            (t("report.sum.structural"), count(sum(structural["by_measure"].values()))),
            (t("report.sum.plan", year=plan["year"]),
             t("report.sum.plan_value", completed=count(plan["completed"]),
               actions=count(plan["actions"]))),
            (t("report.sum.efforts", end=end), count(efforts["active"])),
            (t("report.sum.participants"), count(sum(efforts["participants"].values()))),
            (t("report.sum.expenditure"), money(spent["total_sek"])),
            (t("report.sum.compliance"),
             t("report.sum.not_proven", n=compliance["violations"]) if not proven
             else t("report.sum.proven_review", n=to_review) if to_review
             else t("report.sum.proven")),
        ))

    partner_section = Section(
        "partners", t("report.partners.title"),
        [t("report.partners.text", onboarded=count(partners["onboarded"]), end=end,
           in_period=count(partners["onboarded_in_period"]))],
        _quote(STRUCTURAL_MEASURES["S1"], "S1", lang),
        [_count_table(t("report.partners.by_legal_form"), t("report.col.legal_form"),
                      partners["by_legal_form"], lang,
                      lambda c: _term_label(LEGAL_FORMS, c, lang)),
         _count_table(t("report.partners.by_district"), t("report.col.district"),
                      partners["by_district"], lang, lambda c: _district(c, lang))])

    agreement_section = Section(
        "agreements", t("report.agreements.title"),
        [t("report.agreements.text", active=count(agreements["active"]), end=end)],
        _quote(STRUCTURAL_MEASURES["S2"], "S2", lang),
        [_count_table("", t("report.col.agreement_kind"), agreements["by_kind"], lang,
                      lambda c: _term_label(AGREEMENT_KINDS, c, lang))])

    by_employer = funding["by_employer"]
    funding_section = Section(
        "supervisor_funding", t("report.funding.title"),
        [t("report.funding.text", decided=money(funding["decided_sek"]),
           paid=money(funding["paid_sek"]), end=end,
           fte=decimal_text(funding["fte_active"], lang))],
        _quote(INDIVIDUAL_MEASURES["I3"], "I3", lang),
        [Table("", (t("report.col.employer"), t("report.col.decided"), t("report.col.paid")),
               tuple((PARTIES[e].name if e in PARTIES else e, money(v["decided_sek"]),
                      money(v["paid_sek"])) for e, v in by_employer.items()),
               tuple(v["paid_sek"].ore for v in by_employer.values()))])

    activity_section = Section(
        "activities", t("report.activities.title"),
        [t("report.activities.text", held=count(activities["held"]),
           attendance=count(activities["attendance_total"]))],
        _quote(STRUCTURAL_MEASURES["S7"], "S7", lang),
        [_count_table(t("report.activities.by_kind"), t("report.col.activity_kind"),
                      activities["by_kind"], lang,
                      lambda c: _term_label(ACTIVITY_KINDS, c, lang)),
         Table(t("report.activities.by_group"),
               (t("report.col.group"), t("report.col.attendance")),
               tuple((_group_label(g, lang), count(n))
                     for g, n in activities["attendance_by_group"].items()),
               tuple(activities["attendance_by_group"].values()))])

    structural_section = Section(
        "structural_work", t("report.structural.title"),
        [t("report.structural.text", n=count(sum(structural["by_measure"].values())))],
        None,
        [_count_table("", t("report.col.measure"), structural["by_measure"], lang,
                      lambda c: f"{c} {_term_label(MEASURES, c, lang)}")])

    plan_section = Section(
        "action_plan", t("report.plan.title", year=plan["year"]),
        [t("report.plan.adopted" if plan["adopted"] else "report.plan.not_adopted",
           year=plan["year"], end=end),
         t("report.plan.text", actions=count(plan["actions"]), end=end,
           completed=count(plan["completed"]), dropped=count(plan["dropped"]))],
        _quote(RULES["R6"], "R6", lang),
        [Table("", (t("report.col.measure"), t("report.col.actions"),
                    t("report.col.completed")),
               tuple((f"{c} {_term_label(MEASURES, c, lang)}", count(v["actions"]),
                      count(v["completed"])) for c, v in plan["by_measure"].items()),
               tuple(v["completed"] for v in plan["by_measure"].values()))])

    effort_text = [t("report.efforts.text", active=count(efforts["active"]), end=end)]
    if period.kind == "month":
        effort_text.append(t("report.efforts.month"))
    effort_section = Section(
        "efforts", t("report.efforts.title"), effort_text,
        _quote(INDIVIDUAL_MEASURES["I1"], "I1", lang),
        [_count_table(t("report.efforts.participants"), t("report.col.target_group"),
                      efforts["participants"], lang,
                      lambda c: target_group_name(c, lang)),
         _count_table(t("report.efforts.outcomes"), t("report.col.outcome"),
                      efforts["outcomes"], lang, lambda c: fill(OUTCOME_NAMES[c], lang))])

    def purpose_label(code: str) -> str:
        label = _term_label(PURPOSES, code, lang)
        rule = FORBIDDEN_PURPOSES.get(code)  # F1, F2, F4: forbidden whoever is paid
        return f"{label} ({t('report.forbidden', code=rule)})" if rule else label

    by_purpose = spent["by_purpose"]
    expenditure_section = Section(
        "expenditure", t("report.expenditure.title"),
        [t("report.expenditure.text", total=money(spent["total_sek"]),
           funding=money(by_purpose.get(SUPERVISOR_FUNDING, Money(0))))],
        None,
        [Table("", (t("report.col.purpose"), t("report.col.amount")),
               tuple((purpose_label(p), money(v)) for p, v in by_purpose.items()),
               tuple(v.ore for v in by_purpose.values()))])

    corrections = f["corrections"]
    correction_section = Section(
        "corrections", t("report.corrections.title"),
        [t("report.corrections.text", reversed=count(corrections["reversed"]),
           amount=money(corrections["reversed_sek"]),
           corrected=count(corrections["corrected"]), voided=count(corrections["voided"]))],
        None,
        [Table("", (t("report.corrections.kind"), t("report.col.count")), (
            (t("report.corrections.reversed"), count(corrections["reversed"])),
            (t("report.corrections.corrected"), count(corrections["corrected"])),
            (t("report.corrections.voided"), count(corrections["voided"]))),
            (corrections["reversed"], corrections["corrected"], corrections["voided"]))])

    checkpoint_text: str = compliance["checkpoint"]
    checkpoint_table = _checkpoint_table(checkpoint_text, lang)
    compliance_section = Section(
        "compliance", t("report.compliance.title"),
        [t("report.compliance.text", events=count(compliance["events_examined"])),
         _checked_against(compliance.get("checkpoints_checked", 0), lang)],
        _quote(RULES["R5"], None, lang), [], (proven, verdict_text),
        (t("report.compliance.checkpoint"), checkpoint_table,
         t("report.pack.checkpoint.verbatim"), checkpoint_text))

    title = t("report.title", period=period.code)
    reference = (info.reference or "").strip()
    facts = [(t("report.pack.fact.to"), t("report.pack.fact.board")),
             (t("report.pack.fact.period"), f"{start} – {end}"),
             (t("report.pack.fact.date"), info.report_date.isoformat())]
    if reference:
        facts.append((t("report.pack.fact.reference"), reference))
    if info.author and info.author.strip():
        facts.append((t("report.pack.fact.author"), info.author.strip()))
    facts.append((t("report.pack.fact.basis"),
                  t("report.pack.basis", events=count(compliance["events_examined"]))))
    proposal = [" ".join(p.split()) for p in re.split(r"\n\s*\n", info.proposal or "")
                if p.strip()]
    kind = t("report.pack.kind")
    return Document(
        lang=lang, association=ASSOCIATION.name, kind=kind, title=title,
        subject=t("report.pack.subject"), period=period_label(period, lang), facts=facts,
        intro=t("report.intro", end=end), summary=summary, verdict=(proven, verdict_text),
        proposal=proposal,
        sections=[partner_section, agreement_section, funding_section, activity_section,
                  structural_section, plan_section, effort_section, expenditure_section,
                  correction_section, compliance_section],
        footer=t("report.footer"),
        header=f"{ASSOCIATION.name} · {kind} {period.code}",
        reference=reference)


def _quoted(words: str, lang: str) -> str:
    return f"”{words}”" if lang == "sv" else f"“{words}”"


# -- Markdown -----------------------------------------------------------------------------
def _unicode_bar(value: int, largest: int) -> str:
    if value <= 0 or largest <= 0:
        return ""
    eighths = max(1, round(value / largest * BAR_WIDTH * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md_table(table: Table) -> Iterator[str]:
    if table.caption:
        yield f"**{_md_cell(table.caption)}**"
        yield ""
    headers = list(table.headers) + ([""] if table.bars else [])
    aligns = ["---:" if n else "---" for n in table.numeric] + (["---"] if table.bars else [])
    yield "| " + " | ".join(_md_cell(h) for h in headers) + " |"
    yield "|" + "|".join(aligns) + "|"
    largest = max(table.bars, default=0)
    for i, row in enumerate(table.rows):
        cells = [_md_cell(c) for c in row]
        if table.bars:
            cells.append(_unicode_bar(table.bars[i], largest))
        yield "| " + " | ".join(cells) + " |"
    yield ""


def as_markdown(doc: Document) -> str:
    lines = [f"# {doc.title}", "",
             f"**{doc.association}** · {doc.subject} · {doc.period}", "",
             "| | |", "|---|---|",
             *(f"| {_md_cell(k)} | {_md_cell(v)} |" for k, v in doc.facts), "",
             doc.intro, "",
             f"## {translate('report.summary', doc.lang)}", "",
             f"**{doc.verdict[1]}**", ""]
    lines += list(_md_table(doc.summary))
    if doc.proposal:
        lines += [f"## {translate('report.pack.proposal', doc.lang)}", ""]
        for paragraph in doc.proposal:
            lines += [paragraph, ""]
    for number, section in enumerate(doc.sections, start=1):
        lines += [f"## {number}. {section.title}", ""]
        if section.quote:
            words, source = section.quote
            lines += [f"> {_quoted(words, doc.lang)} — {source}", ""]
        for paragraph in section.text:
            lines += [paragraph, ""]
        if section.verdict:
            lines += [f"**{section.verdict[1]}**", ""]
        for table in section.tables:
            lines += list(_md_table(table))
        if section.checkpoint:
            intro, facts, label, text = section.checkpoint
            lines += [intro, ""]
            if facts:
                lines += list(_md_table(facts))
            lines += [label, "", "```", text.rstrip("\n"), "```", ""]
    lines += ["---", "", f"*{doc.footer}*"]
    return "\n".join(lines) + "\n"


# -- HTML ---------------------------------------------------------------------------------
_CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --bar: #2f6f8f; --ok: #1e6b35;
        --bad: #a11d1d; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1.2rem; }
h1 { font-size: 1.9rem; margin: 0 0 .4rem; line-height: 1.2; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink);
     padding-bottom: .15rem; }
.nw { white-space: nowrap; }
.org { font-size: 1.1rem; font-weight: 600; margin: 0 0 2.5rem; }
.kind { font-size: .9rem; text-transform: uppercase; color: var(--muted);
        margin: 0; }
.period { font-size: 1.3rem; margin: 0 0 2rem; }
.intro, .muted, footer { color: var(--muted); }
table.facts { width: auto; min-width: 60%; }
table.facts th { width: 11rem; font-weight: 600; white-space: nowrap; }
div.checkpoint table.facts { width: 100%; }
div.checkpoint td { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
.contents { margin: 2rem 0 0; }
.contents h2 { border: 0; font-size: 1rem; margin: 0 0 .3rem; }
.contents ol { margin: 0; padding-left: 1.9rem; }  /* room for "10." */
blockquote { margin: .6rem 0; padding: .3rem .9rem; border-left: 4px solid var(--rule);
             font-style: italic; }
blockquote cite { display: block; font-style: normal; font-size: .85em; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { padding: .22rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top;
         overflow-wrap: anywhere; }
th { text-align: left; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bar { width: 25%; }
td.bar span { display: block; height: .8em; margin-top: .3em; background: var(--bar); }
.verdict { font-weight: 700; padding: .5rem .8rem; border: 2px solid; }
.verdict.ok { color: var(--ok); }
.verdict.failed { color: var(--bad); }
.proposal { padding: .6rem .9rem; border-left: 4px solid var(--ink); background: #f4f4f4; }
pre.checkpoint { font: 8.5pt/1.4 ui-monospace, Menlo, Consolas, monospace; padding: .6rem;
                 border: 1px solid var(--rule); white-space: pre-wrap;
                 overflow-wrap: anywhere; }
@media print {
  @page { size: A4; margin: 20mm 16mm 18mm;
    @top-left { content: HEADER; font: 8pt system-ui, Helvetica, Arial, sans-serif;
                color: #5a5a5a; }
    @top-right { content: REFERENCE; font: 8pt system-ui, Helvetica, Arial, sans-serif;
                 color: #5a5a5a; }
    @bottom-right { content: PAGE; font: 8pt system-ui, Helvetica, Arial, sans-serif;
                    color: #5a5a5a; }
    @bottom-left { content: FOOTER; font: 8pt system-ui, Helvetica, Arial, sans-serif;
                   color: #5a5a5a; }
  }
  @page :first { @top-left { content: none; } @top-right { content: none; } }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  .title-page { break-after: page; height: 250mm; display: flex; flex-direction: column; }
  .title-page .spacer { flex: 1; }
  .summary-page { break-after: page; }
  h2 { break-after: avoid; }
  caption, blockquote, pre, .verdict, .proposal, div.checkpoint { break-inside: avoid; }
  /* A table of the pack fits on a page: kept whole, caption and header with its rows; a
     longer one splits between rows, never inside one, its header repeated. */
  table { break-inside: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  td.bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  body > footer { display: none; }
  a { color: inherit; text-decoration: none; }
}
"""

_NUM = ' class="num"'
_ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _e(text: str) -> str:
    """Escaped, with every ISO date kept on one line ("2026-12-" never wraps before "31")."""
    return _ISO_DAY.sub(lambda m: f'<span class="nw">{m.group(0)}</span>', html.escape(text))


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _css_page(lang: str) -> str:
    """ "Sida {page} av {pages}" as CSS content with the page counters."""
    template = translate("report.pack.page", lang, page="\0page\0", pages="\0pages\0")
    parts = [f"counter({p})" if p in ("page", "pages") else _css_string(p)
             for p in template.split("\0") if p]
    return " ".join(parts)


def _html_table(table: Table, css: str = "") -> Iterator[str]:
    yield f'<table class="{css}">' if css else "<table>"
    if table.caption:
        yield f"<caption>{_e(table.caption)}</caption>"
    heads = "".join(f"<th scope=\"col\"{_NUM if n else ''}>{_e(h)}</th>"
                    for h, n in zip(table.headers, table.numeric, strict=True))
    if table.bars:
        heads += '<th scope="col"></th>'
    yield f"<thead><tr>{heads}</tr></thead>"
    yield "<tbody>"
    largest = max(table.bars, default=0)
    for i, row in enumerate(table.rows):
        cells = [f'<th scope="row">{_e(row[0])}</th>']
        cells += [f"<td{_NUM if n else ''}>{_e(c)}</td>"
                  for c, n in zip(row[1:], table.numeric[1:], strict=True)]
        if table.bars:
            share = table.bars[i] / largest * 100 if largest > 0 and table.bars[i] > 0 else 0
            cells.append(f'<td class="bar"><span style="width: {share:.1f}%"></span></td>')
        yield f"<tr>{''.join(cells)}</tr>"
    yield "</tbody>"
    yield "</table>"


def as_html(doc: Document) -> str:
    e = _e
    css = (_CSS.replace("HEADER", _css_string(doc.header))
           .replace("REFERENCE", _css_string(doc.reference) if doc.reference else "none")
           .replace("FOOTER", _css_string(doc.footer))
           .replace("PAGE", _css_page(doc.lang)))
    out = ["<!DOCTYPE html>", f'<html lang="{html.escape(doc.lang)}">', "<head>",
           '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{html.escape(doc.title)}</title>", f"<style>{css}</style>", "</head>",
           "<body>",
           '<header class="title-page">',
           f'<p class="org">{e(doc.association)}</p>',
           f'<p class="kind">{e(doc.kind)}</p>',
           f"<h1>{e(doc.subject)}</h1>",
           f'<p class="period">{e(doc.period)}</p>',
           '<table class="facts"><tbody>',
           *(f'<tr><th scope="row">{e(k)}</th><td>{e(v)}</td></tr>' for k, v in doc.facts),
           "</tbody></table>",
           '<nav class="contents">',
           f"<h2>{e(translate('report.pack.contents', doc.lang))}</h2>", "<ol>",
           *(f"<li>{e(section.title)}</li>" for section in doc.sections), "</ol>", "</nav>",
           '<div class="spacer"></div>',
           f'<p class="intro">{e(doc.intro)}</p>',
           "</header>", "<main>",
           '<section id="summary" class="summary-page">',
           f"<h2>{e(translate('report.summary', doc.lang))}</h2>",
           f'<p class="verdict {"ok" if doc.verdict[0] else "failed"}">{e(doc.verdict[1])}</p>',
           *_html_table(doc.summary)]
    if doc.proposal:
        out += [f"<h2>{e(translate('report.pack.proposal', doc.lang))}</h2>",
                '<div class="proposal">', *(f"<p>{e(p)}</p>" for p in doc.proposal),
                "</div>"]
    out.append("</section>")
    for number, section in enumerate(doc.sections, start=1):
        out += [f'<section id="{html.escape(section.anchor)}">',
                f"<h2>{e(f'{number}. {section.title}')}</h2>"]
        if section.quote:
            words, source = section.quote
            out.append(f"<blockquote><p>{e(_quoted(words, doc.lang))}</p>"
                       f"<cite>{e(source)}</cite></blockquote>")
        out += [f"<p>{e(p)}</p>" for p in section.text]
        if section.verdict:
            ok, text = section.verdict
            out.append(f'<p class="verdict {"ok" if ok else "failed"}">{e(text)}</p>')
        for table in section.tables:
            out += list(_html_table(table))
        if section.checkpoint:
            intro, facts, label, text = section.checkpoint
            out += ['<div class="checkpoint">', f"<p>{e(intro)}</p>"]
            if facts:
                out += list(_html_table(facts, "facts"))
            out += [f'<p class="muted">{e(label)}</p>',
                    f'<pre class="checkpoint">{html.escape(text.rstrip())}</pre>', "</div>"]
        out.append("</section>")
    out += ["</main>", f"<footer><p>{e(doc.footer)}</p></footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
