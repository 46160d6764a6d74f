"""``asfledger audit compliance``: replay the history through the proof and report it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec
from eventsourcing.persistence import ApplicationRecorder, Cipher

from asfledger.audit.chain import GENESIS
from asfledger.audit.checkpoint import Checkpoint
from asfledger.decode import decode_rows
from asfledger.history import StoredRow, stream
from domain.catalogue import translate
from domain.reference import RULES_AND_FORBIDDEN
from projections.compliance import CLOSED_WORLD, ComplianceProof, Violation


@dataclass
class ProofReport:
    proof: ComplianceProof
    checkpoint: Checkpoint
    as_of: date | None

    @property
    def proven(self) -> bool:
        return self.proof.proven


PROGRESS_EVERY = 1000  # rows between two calls of ``prove``'s ``progress``


def _reporting(rows: Iterator[StoredRow], progress: Callable[[int], None]
               ) -> Iterator[StoredRow]:
    for row in rows:
        if not row.position % PROGRESS_EVERY:
            progress(row.position)
        yield row


def prove(recorder: ApplicationRecorder, *, ledger_id: str, as_of: date | None = None,
          cipher: Cipher | None = None,
          progress: Callable[[int], None] | None = None) -> ProofReport:
    """Stream every stored event (up to ``as_of``) through the proof, in constant memory.

    ``progress(position)`` (the terminal UI's progress bar) is called every
    ``PROGRESS_EVERY`` stored events and once at the end; it may raise to stop the replay.
    """
    proof = ComplianceProof()
    size, head = 0, GENESIS
    rows = stream(recorder)
    if progress is not None:
        rows = _reporting(rows, progress)
    for row, event in decode_rows(rows, cipher=cipher, as_of=as_of,
                                  needs_data=proof.needs_data):
        size, head = row.position, row.chain
        proof.feed(event)
    if progress is not None:
        progress(size)
    return ProofReport(proof, Checkpoint.now(ledger_id, size, head), as_of)


def _rule_title(code: str, lang: str) -> str:
    if code == CLOSED_WORLD:
        return translate("proof.closed_world", lang)
    return RULES_AND_FORBIDDEN[code].text(lang)


def _violation_text(v: Violation, lang: str) -> str:
    return translate(v.detail, lang, **v.params)


def as_json(report: ProofReport, lang: str) -> dict[str, Any]:
    proof = report.proof
    rules = {}
    for code, tally in proof.tallies.items():
        term = RULES_AND_FORBIDDEN.get(code)
        rules[code] = {
            "title": _rule_title(code, lang),
            "policy_sv": term.quote("sv") if term else "",
            "policy_en": term.quote("en") if term else "",
            "events_examined": tally.examined,
            "violations": [{
                "position": v.position, "date": v.day.isoformat(), "subject": v.subject,
                "detail": _violation_text(v, lang)} for v in tally.violations],
        }
    return {
        "verdict": "proven" if report.proven else "violations",
        "as_of": report.as_of.isoformat() if report.as_of else None,
        "history": {
            "events": proof.events,
            "first_position": proof.first.position if proof.first else None,
            "last_position": proof.last.position if proof.last else None,
            "first_recorded": proof.first.recorded.isoformat() if proof.first else None,
            "last_recorded": proof.last.recorded.isoformat() if proof.last else None,
        },
        "checkpoint": {"ledger": report.checkpoint.ledger_id, "size": report.checkpoint.size,
                       "head": report.checkpoint.head},
        "rules": rules,
        "violations": len(proof.violations),
    }


def as_text(report: ProofReport, lang: str, *, markdown: bool = False) -> str:
    data = as_json(report, lang)
    history, checkpoint = data["history"], data["checkpoint"]

    def t(key: str, **params: Any) -> str:
        return translate(key, lang, **params)

    lines = [("# " if markdown else "") + t("proof.title"), ""]
    lines.append(t("proof.range", events=history["events"],
                   first=history["first_position"] or 0, last=history["last_position"] or 0,
                   first_time=history["first_recorded"] or "–",
                   last_time=history["last_recorded"] or "–"))
    if data["as_of"]:
        lines.append(t("proof.as_of", day=data["as_of"]))
    lines.append(t("proof.checkpoint", ledger=checkpoint["ledger"], size=checkpoint["size"],
                   head=checkpoint["head"]))
    lines.append("")
    if markdown:
        lines += [f"| {t('proof.rule')} | {t('proof.examined')} | {t('proof.violations')} |",
                  "|---|---:|---:|"]
    for code, rule in data["rules"].items():
        count = len(rule["violations"])
        mark = "✓" if count == 0 else "✗"
        if markdown:
            lines.append(f"| {mark} {code} {rule['title']} | {rule['events_examined']} "
                         f"| {count} |")
        else:
            lines.append(f"{mark} {code:<12} {rule['title']:<62.62} "
                         f"{t('proof.examined_n', n=rule['events_examined'])}, "
                         f"{t('proof.violations_n', n=count)}")
    for code, rule in data["rules"].items():
        if not rule["violations"]:
            continue
        lines += ["", ("## " if markdown else "") + f"{code} – {rule['title']}"]
        if rule["policy_sv"]:
            lines.append(f"> »{rule['policy_sv']}«" if markdown
                         else f"  »{rule['policy_sv']}«")
            lines.append(f"> ({rule['policy_en']})" if markdown
                         else f"  ({rule['policy_en']})")
        for v in rule["violations"]:
            lines.append(f"{'- ' if markdown else '  '}{t('proof.violation', **v)}")
    lines += ["", ("**" if markdown else "") + t(
        "proof.verdict_ok" if report.proven else "proof.verdict_failed",
        n=data["violations"]) + ("**" if markdown else "")]
    return "\n".join(lines) + "\n"


def render(report: ProofReport, fmt: str, lang: str) -> str:
    if fmt == "json":
        return msgspec.json.format(msgspec.json.encode(as_json(report, lang))).decode() + "\n"
    return as_text(report, lang, markdown=fmt == "md")
