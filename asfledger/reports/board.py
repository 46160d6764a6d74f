"""``asfledger report board``: the board's report of a period (SPEC §4).

``build`` streams the history once through ``projections.board_report.BoardReport`` and
adds the compliance proof (``prove``: violations, events examined, the checkpoint).
``render`` turns the figures into

- ``json``: the figures themselves, the contract of SPEC §4;
- ``md`` and ``html``: the board's pack, in Swedish by default — headings, a short
  sentence per section, the policy's own words, tables with bars, the compliance verdict
  and the checkpoint. The HTML is one self-contained page (inline CSS, print-friendly);
- ``csv``: for Swedish Excel — UTF-8 with a BOM, ``;`` between fields, a decimal comma,
  one row per key path (``key;value``) under a header row.

The renderers read only the figures, so a test can fix the checkpoint (whose ledger id,
head and time differ from run to run) before rendering.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import msgspec
from eventsourcing.persistence import ApplicationRecorder, Cipher

from asfledger.audit.compliance import prove
from asfledger.decode import ledger_events
from domain.catalogue import translate
from domain.reference import (
    ACTIVITY_KINDS,
    AGREEMENT_KINDS,
    DISTRICTS,
    FORBIDDEN_PURPOSES,
    INDIVIDUAL_MEASURES,
    LEGAL_FORMS,
    MEASURES,
    PARTIES,
    PURPOSES,
    RULES,
    STRUCTURAL_MEASURES,
    TARGET_GROUPS,
    Term,
)
from domain.values import Period
from projections.board_report import SUPERVISOR_FUNDING, BoardReport, ComplianceFigures

FORMATS = ("md", "json", "csv", "html")
NBSP = "\u00a0"
BOM = "\ufeff"
BAR_WIDTH = 20  # characters of the longest Markdown bar
_EIGHTHS = " ▏▎▍▌▋▊▉"


def build(recorder: ApplicationRecorder, period: Period, *, ledger_id: str,
          cipher: Cipher | None = None) -> dict[str, Any]:
    """The figures of ``period`` from the whole stored history, with its compliance."""
    report = BoardReport().feed_all(ledger_events(recorder, cipher=cipher))
    proof = prove(recorder, ledger_id=ledger_id, cipher=cipher)
    return report.figures(period, ComplianceFigures(
        violations=len(proof.proof.violations), events_examined=proof.proof.events,
        checkpoint=proof.checkpoint.text()))


def render(figures: Mapping[str, Any], fmt: str, lang: str, *, period: Period) -> str:
    """The report in ``fmt`` (one of ``FORMATS``) and ``lang`` (``sv`` or ``en``)."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r} must be one of {', '.join(FORMATS)}")
    if fmt == "json":
        return msgspec.json.format(msgspec.json.encode(figures)).decode() + "\n"
    if fmt == "csv":
        return as_csv(figures, lang)
    document = _document(figures, lang, period)
    return as_html(document, lang) if fmt == "html" else as_markdown(document, lang)


# -- numbers ------------------------------------------------------------------------------
def _ore(amount: str) -> int:
    """``"1234.56"`` (a ``format_sek`` string) → 123456."""
    kronor, _, ore = amount.partition(".")
    sign = -1 if kronor.startswith("-") else 1
    return sign * (abs(int(kronor)) * 100 + int(ore or 0))


def _grouped(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", NBSP) if lang == "sv" else text


def fmt_count(n: int, lang: str) -> str:
    return _grouped(n, lang)


def fmt_decimal(amount: str, lang: str) -> str:
    """Two decimals with the language's separators: sv ``1 234,50``, en ``1,234.50``."""
    ore = _ore(amount)
    kronor, rest = divmod(abs(ore), 100)
    point = "," if lang == "sv" else "."
    return f"{'-' if ore < 0 else ''}{_grouped(kronor, lang)}{point}{rest:02d}"


def fmt_money(amount: str, lang: str) -> str:
    text = fmt_decimal(amount, lang)
    return f"{text}{NBSP}kr" if lang == "sv" else f"SEK{NBSP}{text}"


# -- the pack as a small document, rendered to Markdown and HTML ---------------------------
@dataclass(frozen=True, slots=True)
class Table:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bars: tuple[int, ...] = ()  # one value per row: a bar after the last column

    @property
    def numeric(self) -> tuple[bool, ...]:
        return (False, *([True] * (len(self.headers) - 1)))


@dataclass(slots=True)
class Section:
    anchor: str
    title: str
    text: list[str] = field(default_factory=list)
    quote: tuple[str, str] | None = None  # (the policy's words, attribution)
    tables: list[Table] = field(default_factory=list)
    verdict: tuple[bool, str] | None = None
    checkpoint: tuple[str, str] | None = None  # (a sentence saying what it is, its text)


@dataclass(slots=True)
class Document:
    title: str
    subtitle: str
    intro: str
    sections: list[Section]
    footer: str


def _quote(term: Term, code: str | None, lang: str) -> tuple[str, str]:
    source = translate("report.policy", lang)
    return term.quote(lang), f"{source}, {code}" if code else source


def _district(code: str, lang: str) -> str:
    if code == "city_wide":
        return translate("report.city_wide", lang)
    return DISTRICTS.get(code, code)


def _group_label(code: str, lang: str) -> str:
    if code in PARTIES:
        return PARTIES[code].name
    key = f"report.group.{code}"
    return translate(key, lang) if code in ("asf", "participants", "other") else code


def _term_label(terms: Mapping[str, Term], code: str, lang: str) -> str:
    term = terms.get(code)
    return term.text(lang) if term else code


def _count_table(caption: str, header: str, counts: Mapping[str, int], lang: str,
                 label: Callable[[str], str]) -> Table:
    rows = tuple((label(code), fmt_count(n, lang)) for code, n in counts.items())
    return Table(caption, (header, translate("report.col.count", lang)), rows,
                 tuple(counts.values()))


def _document(f: Mapping[str, Any], lang: str, period: Period) -> Document:
    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    def money(amount: str) -> str:
        return fmt_money(amount, lang)

    def count(n: int) -> str:
        return fmt_count(n, lang)

    end = f["period"]["to"]
    partners, agreements = f["partners"], f["agreements"]
    funding, activities = f["supervisor_funding"], f["activities"]
    structural, plan = f["structural_work"], f["action_plan"]
    efforts, spent, compliance = f["efforts"], f["expenditure"], f["compliance"]
    proven = compliance["violations"] == 0
    verdict_text = t("proof.verdict_ok" if proven else "proof.verdict_failed",
                     n=compliance["violations"])

    summary = Section("summary", t("report.summary"), tables=[Table(
        "", (t("report.col.figure"), t("report.col.value")), (
            (t("report.sum.partners", end=end), count(partners["onboarded"])),
            (t("report.sum.partners_in_period"), count(partners["onboarded_in_period"])),
            (t("report.sum.agreements", end=end), count(agreements["active"])),
            (t("report.sum.funding_decided"), money(funding["decided_sek"])),
            (t("report.sum.funding_paid"), money(funding["paid_sek"])),
            (t("report.sum.fte", end=end), fmt_decimal(funding["fte_active"], lang)),
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
             t("report.sum.proven") if proven
             else t("report.sum.not_proven", n=compliance["violations"])),
        ))])

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
           fte=fmt_decimal(funding["fte_active"], lang))],
        _quote(INDIVIDUAL_MEASURES["I3"], "I3", lang),
        [Table("", (t("report.col.employer"), t("report.col.decided"), t("report.col.paid")),
               tuple((PARTIES[e].name if e in PARTIES else e, money(v["decided_sek"]),
                      money(v["paid_sek"])) for e, v in by_employer.items()),
               tuple(_ore(v["paid_sek"]) for v in by_employer.values()))])

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
                      lambda c: _term_label(TARGET_GROUPS, c, lang)),
         _count_table(t("report.efforts.outcomes"), t("report.col.outcome"),
                      efforts["outcomes"], lang, lambda c: t(f"report.outcome.{c}"))])

    def purpose_label(code: str) -> str:
        label = _term_label(PURPOSES, code, lang)
        rule = FORBIDDEN_PURPOSES.get(code)  # F1, F2, F4: forbidden whoever is paid
        return f"{label} ({t('report.forbidden', code=rule)})" if rule else label

    by_purpose = spent["by_purpose"]
    expenditure_section = Section(
        "expenditure", t("report.expenditure.title"),
        [t("report.expenditure.text", total=money(spent["total_sek"]),
           funding=money(by_purpose.get(SUPERVISOR_FUNDING, "0.00")))],
        None,
        [Table("", (t("report.col.purpose"), t("report.col.amount")),
               tuple((purpose_label(p), money(v)) for p, v in by_purpose.items()),
               tuple(_ore(v) for v in by_purpose.values()))])

    compliance_section = Section(
        "compliance", t("report.compliance.title"),
        [t("report.compliance.text", events=count(compliance["events_examined"]))],
        _quote(RULES["R5"], None, lang), [], (proven, verdict_text),
        (t("report.compliance.checkpoint"), compliance["checkpoint"]))

    return Document(
        t("report.title", period=period.code),
        t("report.subtitle", start=f["period"]["from"], end=end),
        t("report.intro", end=end),
        [summary, partner_section, agreement_section, funding_section, activity_section,
         structural_section, plan_section, effort_section, expenditure_section,
         compliance_section],
        t("report.footer"))


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


def as_markdown(doc: Document, lang: str) -> str:
    lines = [f"# {doc.title}", "", doc.subtitle, "", doc.intro, ""]
    for number, section in enumerate(doc.sections):
        prefix = f"{number}. " if number else ""
        lines += [f"## {prefix}{section.title}", ""]
        if section.quote:
            words, source = section.quote
            lines += [f"> {_quoted(words, lang)} — {source}", ""]
        for paragraph in section.text:
            lines += [paragraph, ""]
        for table in section.tables:
            lines += list(_md_table(table))
        if section.verdict:
            lines += [f"**{section.verdict[1]}**", ""]
        if section.checkpoint:
            intro, text = section.checkpoint
            lines += [intro, "", "```", text.rstrip("\n"), "```", ""]
    lines += ["---", "", f"*{doc.footer}*"]
    return "\n".join(lines) + "\n"


# -- HTML ---------------------------------------------------------------------------------
_CSS = """
:root { --ink: #1b1b1b; --muted: #5a5a5a; --rule: #d0d0d0; --bar: #2f6f8f; --ok: #1e6b35;
        --bad: #a11d1d; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 system-ui, "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       max-width: 52rem; margin: 2rem auto; padding: 0 1.2rem; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--ink);
     padding-bottom: .15rem; }
.subtitle, .intro, footer { color: var(--muted); }
blockquote { margin: .6rem 0; padding: .3rem .9rem; border-left: 4px solid var(--rule);
             font-style: italic; }
blockquote cite { display: block; font-style: normal; font-size: .85em; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { padding: .22rem .5rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { text-align: left; font-weight: 600; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.bar { width: 30%; }
td.bar span { display: block; height: .8em; margin-top: .3em; background: var(--bar); }
.verdict { font-weight: 700; padding: .5rem .8rem; border: 2px solid; }
.verdict.ok { color: var(--ok); }
.verdict.failed { color: var(--bad); }
pre.checkpoint { font: 9pt/1.4 ui-monospace, Menlo, Consolas, monospace; padding: .6rem;
                 border: 1px solid var(--rule); white-space: pre-wrap;
                 overflow-wrap: anywhere; }
@media print {
  @page { size: A4; margin: 18mm 16mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  section, table, tr, blockquote, pre { break-inside: avoid; }
  td.bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  a { color: inherit; text-decoration: none; }
}
"""


_NUM = ' class="num"'


def _html_table(table: Table) -> Iterator[str]:
    e = html.escape
    yield "<table>"
    if table.caption:
        yield f"<caption>{e(table.caption)}</caption>"
    heads = "".join(f"<th scope=\"col\"{_NUM if n else ''}>{e(h)}</th>"
                    for h, n in zip(table.headers, table.numeric, strict=True))
    if table.bars:
        heads += '<th scope="col"></th>'
    yield f"<thead><tr>{heads}</tr></thead>"
    yield "<tbody>"
    largest = max(table.bars, default=0)
    for i, row in enumerate(table.rows):
        cells = [f'<th scope="row">{e(row[0])}</th>']
        cells += [f'<td class="num">{e(c)}</td>' for c in row[1:]]
        if table.bars:
            share = table.bars[i] / largest * 100 if largest > 0 and table.bars[i] > 0 else 0
            cells.append(f'<td class="bar"><span style="width: {share:.1f}%"></span></td>')
        yield f"<tr>{''.join(cells)}</tr>"
    yield "</tbody>"
    yield "</table>"


def as_html(doc: Document, lang: str) -> str:
    e = html.escape
    out = ["<!DOCTYPE html>", f'<html lang="{e(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{e(doc.title)}</title>", f"<style>{_CSS}</style>", "</head>", "<body>",
           "<header>", f"<h1>{e(doc.title)}</h1>", f'<p class="subtitle">{e(doc.subtitle)}</p>',
           f'<p class="intro">{e(doc.intro)}</p>', "</header>", "<main>"]
    for number, section in enumerate(doc.sections):
        prefix = f"{number}. " if number else ""
        out += [f'<section id="{e(section.anchor)}">', f"<h2>{e(prefix + section.title)}</h2>"]
        if section.quote:
            words, source = section.quote
            out.append(f"<blockquote><p>{e(_quoted(words, lang))}</p><cite>{e(source)}</cite>"
                       "</blockquote>")
        out += [f"<p>{e(p)}</p>" for p in section.text]
        for table in section.tables:
            out += list(_html_table(table))
        if section.verdict:
            ok, text = section.verdict
            out.append(f'<p class="verdict {"ok" if ok else "failed"}">{e(text)}</p>')
        if section.checkpoint:
            intro, text = section.checkpoint
            out += [f"<p>{e(intro)}</p>", f'<pre class="checkpoint">{e(text.rstrip())}</pre>']
        out.append("</section>")
    out += ["</main>", f"<footer><p>{e(doc.footer)}</p></footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


# -- CSV for Swedish Excel ----------------------------------------------------------------
def _flatten(value: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield from _flatten(inner, f"{prefix}.{key}" if prefix else str(key))
    else:
        yield prefix, value


# Amounts and full-time equivalents: the only strings of the figures written like this.
_DECIMAL = re.compile(r"-?\d+\.\d\d", re.ASCII)


def _csv_value(value: Any, lang: str) -> str:
    if isinstance(value, bool):
        return translate("report.yes" if value else "report.no", lang)
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return value.replace(".", ",")  # the decimal comma of Swedish Excel
    if isinstance(value, str):
        return value.rstrip("\n")
    return str(value)


def as_csv(figures: Mapping[str, Any], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow((translate("report.csv.key", lang), translate("report.csv.value", lang)))
    for key, value in _flatten(figures):
        writer.writerow((key, _csv_value(value, lang)))
    return BOM + buffer.getvalue()

