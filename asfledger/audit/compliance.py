"""``asfledger audit compliance``: replay the history through the proof and report it."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import msgspec
from eventsourcing.persistence import Cipher

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.collector import paused
from asfledger.audit.pages import ReadPage, as_bytes, time_key
from asfledger.audit.proof_replay import ProofReplay
from asfledger.audit.trust import ChainCheck
from asfledger.audit.worker import PageWorker, WorkerGone
from asfledger.history import PAGE, Page, rows_after
from asfledger.reports.numbers import money_text
from asfledger.text import translate
from domain.money import Money
from domain.reference import ORGANISATION_KINDS, PURPOSES
from domain.rules import RULES
from projections.compliance import CLOSED_WORLD, ComplianceProof, Violation


@dataclass
class ProofReport:
    proof: ComplianceProof
    checkpoint: Checkpoint
    as_of: date | None
    # The whole history the proof stands on, when the trust check ran in its pass (else
    # None): its checkpoint, and how many checkpoints it was checked against.
    history: Checkpoint | None = None
    checked_against: int = 0

    @property
    def proven(self) -> bool:
        return self.proof.proven


PROGRESS_EVERY = 1000  # rows between two calls of ``prove``'s ``progress``
# Events from which the chain's digests, the R7 scan and the sieve (and on SQLite the
# reading) run in a second process.
WORKER_FROM = 20_000
# Rows replayed here, on SQLite, while the worker starts (~20 ms, its imports) and reads on
# from the next: at least HEAD_START, and a HEAD_SHARE-th of the history. The worker is the
# slower of the two per row it reads (digests, links, R7, sieve: ~3.9 µs against ~3.4 µs
# here per row it sends), so this process takes more than its start-up's worth: with
# 4,000 of 100,000 rows it waited ~45 ms for pages; a tenth ends the two together.
HEAD_START = 4_000
HEAD_SHARE = 10
# Pages read and sent to the worker before the oldest is replayed, when this process reads
# them: it reads on while the worker starts.
AHEAD = 8


def prove(recorder: ChainedRecorder, *, ledger_id: str, as_of: date | None = None,
          cipher: Cipher | None = None,
          progress: Callable[[int], None] | None = None,
          check: ChainCheck | None = None) -> ProofReport:
    """Stream every stored event (up to ``as_of``) through the proof, in constant memory.

    ``progress(position)`` (the terminal UI's progress bar) is called for every
    ``PROGRESS_EVERY``-th stored event, before the page that holds it is replayed, and
    once at the end; it may raise to stop the replay.

    On a large history the chain's digests, the R7 scan and the sieve run in a second
    process (``asfledger.audit.worker``), which on a SQLite file reads the rows itself and
    sends only those the checks must decode. The first rows are replayed here, while the
    worker starts; it goes on after them. Should the worker stop, the replay goes on here
    from the last page it answered.

    With ``check`` (``trust.ChainCheck``) the trust check runs in the same pass: each page's
    chain against the stored chain and the checkpoints, the recorded times, and every
    event readable; the first problem raises ``HistoryNotTrusted`` and no proof is made.

    The cyclic garbage collector is paused meanwhile (``asfledger.audit.collector``).
    """
    with paused():
        return _prove(recorder, ledger_id=ledger_id, as_of=as_of, cipher=cipher,
                      progress=progress, check=check)


def _prove(recorder: ChainedRecorder, *, ledger_id: str, as_of: date | None,
           cipher: Cipher | None, progress: Callable[[int], None] | None,
           check: ChainCheck | None) -> ProofReport:
    replay = ProofReplay(ComplianceProof(as_of), cipher=cipher, as_of=as_of, check=check)

    def replayed(done: ReadPage) -> None:
        if progress is not None:
            every = PROGRESS_EVERY
            first = replay.position + 1
            for position in range(first + (-first) % every, replay.position + done.size + 1,
                                  every):
                progress(position)
        replay.page(done)

    worker = _worker_for(recorder, cipher)
    try:
        if worker is not None:
            _with_worker(worker, recorder, replay, replayed)
    finally:
        if worker is not None:
            worker.close()
    _replay_here(recorder, replay, replayed)
    history = None
    if check is not None:
        check.end(_time_at(recorder, cipher))
        history = check.checkpoint()
    if progress is not None:
        progress(replay.size)
    return ProofReport(replay.proof, Checkpoint.now(ledger_id, replay.size, replay.head),
                       as_of, history, len(check.checkpoints) if check is not None else 0)


def _time_at(recorder: ChainedRecorder, cipher: Cipher | None
             ) -> Callable[[int], bytes | None]:
    """The recorded time of the event at one position (``ChainCheck.end``)."""

    def at(position: int) -> bytes | None:
        rows = recorder.select_chain(position - 1, 1)
        found = rows_after(recorder, rows[0].notification_id - 1, 1) if rows else []
        if not found:
            return None
        state = as_bytes(found)[0]
        try:
            return time_key(state if cipher is None else cipher.decrypt(state))
        except Exception:  # undecryptable: the replay has said so, with its position
            return None

    return at


def _replay_here(recorder: ChainedRecorder, replay: ProofReplay,
                 replayed: Callable[[ReadPage], None], upto: int | None = None) -> None:
    """Read and replay pages in this process, up to ``upto`` rows read in all."""
    while upto is None or replay.position < upto:
        limit = PAGE if upto is None else min(PAGE, upto - replay.position)
        if not (rows := rows_after(recorder, replay.after, limit)):
            return
        replayed(replay.read_here(rows))


def _worker_for(recorder: ChainedRecorder, cipher: Cipher | None) -> PageWorker | None:
    """A ``PageWorker`` when the history is long enough to gain from one (and not
    encrypted: the worker has no key); None when it cannot start."""
    if cipher is not None or recorder.chain_size() < WORKER_FROM:
        return None
    try:
        return PageWorker()
    except OSError:
        return None


def _with_worker(worker: PageWorker, recorder: ChainedRecorder, replay: ProofReplay,
                 replayed: Callable[[ReadPage], None]) -> None:
    """Replay pages with the worker's answers, until the last it read or sent, or until it
    stops (the caller goes on from ``replay.after``)."""
    source = recorder.worker_source(PAGE)
    try:
        if source is not None:
            # It reads after the first rows (HEAD_START, HEAD_SHARE), replayed here meanwhile;
            # its sieve holds once the proof has its first event, which is among them.
            head = max(HEAD_START, recorder.chain_size() // HEAD_SHARE, 1)
            # With the trust check, it reads the stored chain beside the rows (SQLite).
            worker.start(replay.sieve_from_first, source=source, skip=head,
                         chained=replay.check is not None)
            _replay_here(recorder, replay, replayed, upto=head)
            if worker.starts_after() != replay.after or replay.proof.first is None:
                return  # another history than read here (or none after it): read on here
            if worker.seam is not None and not replay.continues(head, worker.seam):
                return  # the stored chain leaves ours at the seam: read on here, to say where
            while (done := worker.receive()) is not None:
                replayed(done)
            return
        # The first page here, for the proof's first event and so the sieve.
        _replay_here(recorder, replay, replayed, upto=PAGE)
        worker.start(replay.sieve)
        pending: deque[Page] = deque()
        after = replay.after
        while rows := rows_after(recorder, after, PAGE):
            after = rows[-1][0]
            worker.send(rows)
            pending.append(rows)
            while len(pending) > AHEAD:
                replayed(_attach(worker.receive(), pending.popleft()))
        while pending:
            replayed(_attach(worker.receive(), pending.popleft()))
    except WorkerGone:
        return


def _attach(done: ReadPage | None, rows: Page) -> ReadPage:
    """The worker's answer for ``rows`` it was sent, with the rows it did not send back."""
    if done is None:
        raise WorkerGone("no answer")
    done.picked = [rows[i] for i in done.forward]
    done.tail = rows[done.last_passed] if done.last_passed >= 0 else None
    return done


def _rule_title(code: str, lang: str) -> str:
    if code == CLOSED_WORLD:
        return translate("proof.closed_world", lang)
    return RULES[code].text(lang)


# Parameters of a check that are amounts in öre: shown in kronor (R5).
_MONEY_PARAMS = ("paid", "limit")


def _violation_text(v: Violation, lang: str) -> str:
    params = {key: money_text(Money(value), lang) if key in _MONEY_PARAMS and isinstance(value, int)
              else value for key, value in v.params.items()}
    if params.get("purpose") in PURPOSES:  # the policy's words, not the code (cash_grant)
        params["purpose"] = PURPOSES[params["purpose"]].text(lang)
    if params.get("kind") in ORGANISATION_KINDS:
        params["kind"] = ORGANISATION_KINDS[params["kind"]].text(lang)
    return translate(v.detail, lang, **params)


def as_json(report: ProofReport, lang: str) -> dict[str, Any]:
    proof = report.proof
    rules = {}
    for code, tally in proof.tallies.items():
        term = RULES.get(code)
        rules[code] = {
            "title": _rule_title(code, lang),
            "policy_sv": term.quote("sv") if term else "",
            "policy_en": term.quote("en") if term else "",
            "events_examined": tally.examined,
            "violations": [{
                "position": v.position, "date": v.day.isoformat(), "subject": v.subject,
                "detail": _violation_text(v, lang)} for v in tally.violations],
        }
    review = [{"rule": v.rule, "position": v.position, "date": v.day.isoformat(),
               "subject": v.subject, "detail": _violation_text(v, lang)}
              for v in proof.to_review]
    return {
        # What the proof can say: no violation found (over this history), or violations.
        "verdict": "no_violation_found" if report.proven else "violations",
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
        "stands_on": None if report.history is None else {
            "ledger": report.history.ledger_id, "size": report.history.size,
            "head": report.history.head, "stored_chain_verified": True,
            "checkpoints_checked": report.checked_against},
        "rules": rules,
        "violations": len(proof.violations),
        # The board's redactions: the field is read as empty (issue 15).
        "redactions": [{"position": r.target, "field": r.field, "decision_ref": r.decision_ref,
                        "recorded_at": r.position, "date": r.recorded.isoformat()}
                       for r in proof.redactions],
        "to_review": review,
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
    history = data["stands_on"]
    if history is not None:
        n = history["checkpoints_checked"]
        lines.append(t("trust.stands_on", ledger=history["ledger"], size=history["size"],
                       head=history["head"], against=t("trust.against_checkpoints", n=n)
                       if n else t("trust.no_checkpoint")))
    lines.append("")
    if markdown:
        lines += [f"| {t('proof.rule')} | {t('proof.examined')} | {t('proof.violations')} |",
                  "|---|---:|---:|"]
    # Titles are padded to the longest, never cut; a check that is not a rule of the
    # policy (the closed world) shows no code: it is not a word of the policy.
    width = max((len(rule["title"]) for rule in data["rules"].values()), default=0)
    open_rules = {item["rule"] for item in data["to_review"]}
    for code, rule in data["rules"].items():
        count = len(rule["violations"])
        # ✓ only where nothing was found and nothing is left to review.
        mark = "✗" if count else "?" if code in open_rules else "✓"
        shown = code if code[:1] in "FR" and code[1:].isdigit() else "–"
        if markdown:
            lines.append(f"| {mark} {shown} {rule['title']} | {rule['events_examined']} "
                         f"| {count} |")
        else:
            lines.append(f"{mark} {shown:<3} {rule['title']:<{width}} "
                         f"{t('proof.examined_n', n=rule['events_examined'])}, "
                         f"{t('proof.violations_n', n=count)}")
    for code, rule in data["rules"].items():
        if not rule["violations"]:
            continue
        lines += ["", ("## " if markdown else "") + f"{code} – {rule['title']}"]
        if rule["policy_sv"]:
            lines.append(f"> ”{rule['policy_sv']}”" if markdown
                         else f"  ”{rule['policy_sv']}”")
            lines.append(f"> ({rule['policy_en']})" if markdown
                         else f"  ({rule['policy_en']})")
        for v in rule["violations"]:
            lines.append(f"{'- ' if markdown else '  '}{t('proof.violation', **v)}")
    if data["redactions"]:
        lines += ["", ("## " if markdown else "") + t("proof.redactions")]
        lines += [f"{'- ' if markdown else '  '}{t('proof.redaction', **r)}"
                  for r in data["redactions"]]
    if data["to_review"]:
        lines += ["", ("## " if markdown else "") + t("proof.review"),
                  t("proof.review_intro")]
        for item in data["to_review"]:
            lines.append(f"{'- ' if markdown else '  '}{item['rule']} "
                         + t("proof.violation", **{k: v for k, v in item.items()
                                                   if k != "rule"}))
    lines += ["", ("**" if markdown else "") + verdict_text(
        report.proven, data["violations"], len(data["to_review"]), data["history"]["events"],
        lang)
        + ("**" if markdown else "")]
    return "\n".join(lines) + "\n"


def verdict_text(no_violation: bool, violations: int, to_review: int, events: int,
                 lang: str) -> str:
    """The verdict in words that claim no more than the proof shows: violations found, or
    none found over the history examined, with the items left to review."""
    if not no_violation:
        return translate("proof.verdict_failed", lang, n=violations)
    if to_review:
        return translate("proof.verdict_review", lang, n=to_review, events=events)
    return translate("proof.verdict_clean", lang, events=events)


def render(report: ProofReport, fmt: str, lang: str) -> str:
    if fmt == "json":
        return msgspec.json.format(msgspec.json.encode(as_json(report, lang))).decode() + "\n"
    return as_text(report, lang, markdown=fmt == "md")
