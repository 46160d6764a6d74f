"""``asfledger audit compliance``: replay the history through the proof and report it."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import msgspec
from eventsourcing.persistence import ApplicationRecorder, Cipher

from asfledger.audit.chain import GENESIS
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.pages import (
    ChainedPage,
    Ids,
    Pages,
    PageWorker,
    Row,
    WorkerGone,
    as_bytes,
    suspects,
    without_timestamp,
)
from asfledger.decode import RowDecoder, Topic
from asfledger.history import PAGE, Page, StoredRow, rows_after
from domain.catalogue import translate
from domain.reference import RULES_AND_FORBIDDEN
from domain.values import contains_personal_identity_number
from projections.compliance import CLOSED_WORLD, ComplianceProof, Violation
from projections.events import LedgerEvent


@dataclass
class ProofReport:
    proof: ComplianceProof
    checkpoint: Checkpoint
    as_of: date | None

    @property
    def proven(self) -> bool:
        return self.proof.proven


PROGRESS_EVERY = 1000  # rows between two calls of ``prove``'s ``progress``
WORKER_FROM = 20_000  # events from which the chain and the R7 scan run in a second process
# Pages read and sent to the worker before the oldest is replayed: this process reads on
# while the worker starts (~50 ms, its imports) instead of waiting for its first answer.
AHEAD = 8
Check = Callable[[LedgerEvent], None]


def prove(recorder: ApplicationRecorder, *, ledger_id: str, as_of: date | None = None,
          cipher: Cipher | None = None,
          progress: Callable[[int], None] | None = None) -> ProofReport:
    """Stream every stored event (up to ``as_of``) through the proof, in constant memory.

    ``progress(position)`` (the terminal UI's progress bar) is called for every
    ``PROGRESS_EVERY``-th stored event, before the page that holds it is replayed, and
    once at the end; it may raise to stop the replay.

    On a large history the chain and the R7 scan run in a second process (``PageWorker``)
    over the very rows read here, up to ``AHEAD`` pages ahead of the decoding and the
    checks. The first page is replayed here, while the worker starts; it goes on from that
    page's chain head.
    """
    replay = _Replay(ComplianceProof(), cipher=cipher, as_of=as_of)

    def replayed(rows: Page, chained: ChainedPage | None) -> None:
        if progress is not None:
            every = PROGRESS_EVERY
            first = replay.position + 1
            for position in range(first + (-first) % every, replay.position + len(rows) + 1,
                                  every):
                progress(position)
        replay.page(rows, chained)

    worker = _worker_for(recorder, cipher)
    pending: deque[Page] = deque()
    try:
        after = 0
        while rows := rows_after(recorder, after, PAGE):
            after = rows[-1][0]
            if worker is not None and replay.position == 0:  # the first page
                replayed(rows, None)
                worker.start_at(*replay.chain_head)
                continue
            if worker is not None:
                worker.send(rows)
            pending.append(rows)
            while pending and (worker is None or len(pending) > AHEAD):
                worker = _next(worker, pending, replayed)
        while pending:
            worker = _next(worker, pending, replayed)
    finally:
        if worker is not None:
            worker.close()
    if progress is not None:
        progress(replay.size)
    return ProofReport(replay.proof, Checkpoint.now(ledger_id, replay.size, replay.head),
                       as_of)


def _worker_for(recorder: ApplicationRecorder, cipher: Cipher | None) -> PageWorker | None:
    """A ``PageWorker`` when the history is long enough to gain from one (and not
    encrypted: the worker has no key); None when it cannot start."""
    size = getattr(recorder, "chain_size", None)
    if cipher is not None or size is None or size() < WORKER_FROM:
        return None
    try:
        return PageWorker()
    except OSError:
        return None


def _next(worker: PageWorker | None, pending: deque[Page],
          replayed: Callable[[Page, ChainedPage | None], None]) -> PageWorker | None:
    """Replay the oldest page sent to the worker with its answer; if the worker is gone,
    replay it (and everything after) in this process."""
    rows = pending.popleft()
    if worker is not None:
        try:
            chained = worker.receive()
        except WorkerGone:
            worker.close()
            worker = None
        else:
            replayed(rows, chained)
            return worker
    replayed(rows, None)
    return worker


class _Replay:
    """The replay's hot loop, one page of stored rows at a time.

    It does what ``decode_rows(stream(recorder))`` fed to ``proof.feed`` does, event for
    event, with less work per event:

    - the chain and the R7 scan of a page come from ``Pages.page`` (in this process or
      in the worker): R7 is scanned over the whole page at once; only a record with a
      suspect is scanned on its own;
    - an event of a bookkeeping type (no check reads its fields) with an ordinary
      timestamp and no R7 suspect is only counted (``proof.pass_over``): its timestamp is
      read, as ``decode_rows`` does, so an unreadable one still fails the proof;
    - an event the checks read, or a created event (its subject key), is decoded inline
      as ``RowDecoder.decode`` does it and given to its type's checks
      (``proof.checks_of``); what ``feed_scanned`` counts besides is counted once per page
      (``proof.pass_over``);
    - anything else — the first event, an R7 suspect, an unreadable row, an unknown type,
      an encrypted ledger — goes through ``RowDecoder.decode`` and ``proof.feed_scanned``.
    """

    def __init__(self, proof: ComplianceProof, *, cipher: Cipher | None,
                 as_of: date | None) -> None:
        self.proof = proof
        self.cipher = cipher
        self.as_of = as_of
        self.decoder = RowDecoder(cipher=cipher, as_of=as_of, needs_data=proof.needs_data)
        self.size, self.head = 0, GENESIS  # the last event fed to the proof
        self._pages = Pages()  # the chain where this process computes it
        self._ids = Ids()
        # The decoder's subject keys, by the 16 bytes of the id (hashed in C, unlike UUID).
        self._subjects: dict[bytes, str] = {}
        self._checks: dict[str, Check | None] = {}  # by topic

    @property
    def position(self) -> int:
        """Of the last row read."""
        return self._pages.position

    @property
    def chain_head(self) -> tuple[int, bytes]:
        """The position and chain hash of the last row read."""
        return self._pages.position, self._pages.previous

    def _chained(self, rows: Page) -> ChainedPage:
        """``Pages.page`` here, with the states decrypted for the R7 scan."""
        states = as_bytes(rows)
        hashes = self._pages.chain(rows, states)
        cipher = self.cipher
        if cipher is not None:
            for i, state in enumerate(states):
                try:
                    states[i] = cipher.decrypt(state)
                except Exception:  # RowDecoder.decode says why, as an unreadable event
                    states[i] = b""
        return ChainedPage(hashes, suspects([without_timestamp(s) for s in states]))

    def page(self, rows: Page, chained: ChainedPage | None = None) -> None:
        """Replay ``rows``; ``chained``: their chain and R7 suspects from the worker (else
        computed here)."""
        if chained is None:
            chained = self._chained(rows)
            start = self._pages.position - len(rows)
        else:
            start = self._pages.position
            self._pages.position += len(rows)
            self._pages.previous = chained.hash(len(rows) - 1)
        proof, decoder, cipher, as_of = self.proof, self.decoder, self.cipher, self.as_of
        ids, parse, subjects = self._ids.known, self._ids.parse, self._subjects
        suspected, hash_at = chained.suspects, chained.hash
        topics, checks, checks_of = decoder.topics, self._checks, self._checks_of
        fromisoformat = datetime.fromisoformat
        new_event = tuple.__new__  # LedgerEvent(...) without its Python-level __new__
        position = start
        counted = 0  # events checked here, counted at the end of the page (pass_over)
        latest: LedgerEvent | None = None  # the last of them, when it is the last fed
        last_passed = last = -1
        for i, (_, originator_id, _, topic, state) in enumerate(rows):
            position += 1
            known = topics.get(topic)
            if (known is not None and i not in suspected and cipher is None
                    and type(state) is bytes and proof.first is not None):
                if not known.must_decode:
                    if state[41:42] == b'"' and state.startswith(_TIMESTAMP):
                        try:  # the timestamp, read as decode_rows reads it
                            recorded = fromisoformat(state[14:41].decode())
                        except ValueError:
                            pass  # decode_rows says why, as an unreadable event
                        else:
                            if as_of is None or recorded.date() <= as_of:
                                counted += 1
                                last = last_passed = i
                                latest = None
                            continue
                elif (check := checks.get(topic) or checks_of(topic, known)) is not None:
                    # RowDecoder.decode, inline; anything unusual goes the long way below.
                    try:
                        data = known.decode(state)
                        recorded = data["timestamp"]
                        actor = data.get("actor", "")
                        uuid, key = ids.get(originator_id) or parse(originator_id)
                    except Exception:  # decoded again below, to say why
                        pass
                    else:
                        if "originator_topic" in data:
                            subjects[key] = str(data["key"])
                        if as_of is not None and recorded.date() > as_of:
                            continue
                        latest = new_event(LedgerEvent, (
                            position, recorded, actor, known.type, uuid,
                            subjects.get(key) or str(uuid), data, without_timestamp(state)))
                        check(latest)  # what feed_scanned(latest, False) does besides counting
                        counted += 1
                        last_passed, last = -1, i
                        continue
            event = self._long_way(rows[i], position, hash_at(i))
            if event is None:  # recorded after as_of
                continue
            proof.feed_scanned(event, proof.has_pin(event) if event.raw is None else (
                i in suspected and contains_personal_identity_number(event.raw)))
            latest, last_passed, last = None, -1, i
        if counted:
            if last_passed >= 0:
                latest = self._long_way(rows[last_passed], start + last_passed + 1,
                                        hash_at(last_passed))
            proof.pass_over(counted, latest)
        if last >= 0:
            self.size, self.head = start + last + 1, hash_at(last)

    def _checks_of(self, topic: str, known: Topic) -> Check | None:
        """The proof's checks of a topic's type, kept by topic; None for a type the proof
        does not classify (the long way fails it)."""
        check = self._checks[topic] = self.proof.checks_of(known.type)
        return check

    def _long_way(self, row: Row, position: int, chain: bytes) -> LedgerEvent | None:
        """``RowDecoder.decode`` of one row, keeping the subject keys in step."""
        notification_id, originator_id, version, topic, state = row
        if type(state) is not bytes:
            state = str(state).encode()
        uuid, key = self._ids.known.get(originator_id) or self._ids.parse(originator_id)
        # The decoder's subjects hold this one aggregate's, for the time of the call: the
        # subjects are kept once, here, by the 16 bytes of the id.
        decoded = self.decoder.subjects
        subject = self._subjects.get(key)
        if subject is not None:
            decoded[uuid] = subject
        try:
            event = self.decoder.decode(StoredRow(position, notification_id, uuid, version,
                                                  topic, state, chain))
        finally:
            subject = decoded.pop(uuid, None)
        if subject is not None:
            self._subjects[key] = subject
        return event


_TIMESTAMP = b'{"timestamp":"'


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
