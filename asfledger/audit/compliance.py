"""``asfledger audit compliance``: replay the history through the proof and report it."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from itertools import accumulate
from typing import Any
from uuid import UUID

import msgspec
from eventsourcing.persistence import ApplicationRecorder, Cipher

from asfledger.audit.chain import DOMAIN_TAG, GENESIS, topic_prefix
from asfledger.audit.checkpoint import Checkpoint
from asfledger.decode import RowDecoder, _without_timestamp
from asfledger.history import PAGE, Page, StoredRow, rows_after
from domain.catalogue import translate
from domain.reference import RULES_AND_FORBIDDEN
from domain.values import contains_personal_identity_number, personal_identity_number_suspects
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


def prove(recorder: ApplicationRecorder, *, ledger_id: str, as_of: date | None = None,
          cipher: Cipher | None = None,
          progress: Callable[[int], None] | None = None) -> ProofReport:
    """Stream every stored event (up to ``as_of``) through the proof, in constant memory.

    ``progress(position)`` (the terminal UI's progress bar) is called for every
    ``PROGRESS_EVERY``-th stored event, before the page that holds it is replayed, and
    once at the end; it may raise to stop the replay.
    """
    replay = _Replay(ComplianceProof(), cipher=cipher, as_of=as_of)
    after = 0
    while rows := rows_after(recorder, after, PAGE):
        if progress is not None:
            every = PROGRESS_EVERY
            first = replay.position + 1
            for position in range(first + (-first) % every, replay.position + len(rows) + 1,
                                  every):
                progress(position)
        replay.page(rows)
        after = rows[-1][0]
    if progress is not None:
        progress(replay.size)
    return ProofReport(replay.proof, Checkpoint.now(ledger_id, replay.size, replay.head),
                       as_of)


class _Replay:
    """The replay's hot loop, one page of stored rows at a time.

    It does what ``decode_rows(stream(recorder))`` fed to ``proof.feed`` does, event for
    event, with less work per event:

    - the chain is recomputed from the stored bytes of every row, inline;
    - R7 is scanned over the whole page at once (``personal_identity_number_suspects``
      over the records joined); only a record with a suspect is scanned on its own;
    - an event of a bookkeeping type (no check reads its fields) with an ordinary
      timestamp and no R7 suspect is only counted (``proof.pass_over``): its timestamp is
      read, as ``decode_rows`` does, so an unreadable one still fails the proof;
    - every other row — the events the checks read, created events (subject keys),
      anything unusual — goes through ``RowDecoder.decode`` and ``proof.feed_scanned``.
    """

    def __init__(self, proof: ComplianceProof, *, cipher: Cipher | None,
                 as_of: date | None) -> None:
        self.proof = proof
        self.cipher = cipher
        self.as_of = as_of
        self.decoder = RowDecoder(cipher=cipher, as_of=as_of, needs_data=proof.needs_data)
        self.position = 0  # of the last row read
        self.previous = GENESIS  # the chain's hash there
        self.size, self.head = 0, GENESIS  # the last event fed to the proof
        self._ids: dict[object, tuple[UUID, bytes]] = {}
        self._prefixes: dict[str, bytes] = {}

    def _id(self, originator_id: UUID | str) -> tuple[UUID, bytes]:
        if len(self._ids) >= _ID_CACHE:
            self._ids.clear()
        oid = originator_id if isinstance(originator_id, UUID) else UUID(originator_id)
        found = self._ids[originator_id] = (oid, oid.bytes)
        return found

    def page(self, rows: Page) -> None:
        proof, decoder, cipher, as_of = self.proof, self.decoder, self.cipher, self.as_of
        ids, prefixes = self._ids, self._prefixes
        sha256 = hashlib.sha256
        position, previous = self.position, self.previous
        # The chain, over the bytes as stored; the states as the checks see them.
        hashes: list[bytes] = []
        states: list[bytes] = []
        plain: list[bytes] = []
        for _, originator_id, version, topic, state in rows:
            position += 1
            if type(state) is not bytes:  # a hand-edited SQLite row: hash what is there
                state = str(state).encode()
            oid = ids.get(originator_id) or self._id(originator_id)
            prefix = prefixes.get(topic)
            if prefix is None:
                prefix = prefixes[topic] = topic_prefix(topic)
            previous = sha256(DOMAIN_TAG + position.to_bytes(8, "big") + previous + sha256(
                prefix + oid[1] + version.to_bytes(8, "big") + state).digest()).digest()
            hashes.append(previous)
            states.append(state)
            if cipher is not None:
                try:
                    state = cipher.decrypt(state)
                except Exception:  # RowDecoder.decode says why, as an unreadable event
                    state = b""
            plain.append(_without_timestamp(state))
        # R7 over the whole page: the records with a suspect, by index.
        suspects = set()
        joined = b'"'.join(plain)
        offsets = list(accumulate(len(r) + 1 for r in plain))
        for offset in personal_identity_number_suspects(joined):
            suspects.add(bisect_right(offsets, offset))
        # The checks.
        topics = decoder.topics
        fromisoformat = datetime.fromisoformat
        position = self.position
        passed = 0
        last_passed = -1
        for i, (notification_id, originator_id, version, topic, _) in enumerate(rows):
            position += 1
            state = states[i]
            known = topics.get(topic)
            if (known is not None and not known.must_decode and i not in suspects
                    and proof.first is not None and cipher is None
                    and state[41:42] == b'"' and state.startswith(_TIMESTAMP)):
                try:  # the timestamp, read as decode_rows reads it
                    recorded = fromisoformat(state[14:41].decode())
                except ValueError:
                    pass  # decode_rows says why, as an unreadable event
                else:
                    if as_of is None or recorded.date() <= as_of:
                        passed += 1
                        last_passed = i
                        self.size, self.head = position, hashes[i]
                    continue
            subject_id = (ids[originator_id] if originator_id in ids
                          else self._id(originator_id))[0]
            event = decoder.decode(StoredRow(position, notification_id, subject_id, version, topic,
                                             state, hashes[i]))
            if event is None:  # recorded after as_of
                continue
            if passed:
                proof.pass_over(passed)
                passed = 0
            proof.feed_scanned(event, proof.has_pin(event) if event.raw is None else (
                i in suspects and contains_personal_identity_number(event.raw)))
            last_passed = -1
            self.size, self.head = position, hashes[i]
        if passed:
            last = None
            if last_passed >= 0:
                row = rows[last_passed]
                last = decoder.decode(StoredRow(
                    self.position + last_passed + 1, row[0], ids[row[1]][0] if row[1] in ids
                    else self._id(row[1])[0], row[2], row[3], states[last_passed],
                    hashes[last_passed]))
            proof.pass_over(passed, last)
        self.position, self.previous = position, previous


_ID_CACHE = 100_000  # aggregate ids parsed once, not per event; bounded: constant memory
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
