"""The compliance replay's hot loop, one page of stored rows at a time (``ProofReplay``).

It does what ``decode_rows(stream(recorder))`` fed to ``ComplianceProof.feed`` does, event
for event (the definition of the proof: tests/audit/test_replay_fast_path.py compares
them), with less work per event:

- the digests of the chain, the R7 scan and the sieve of a page come from ``read_page``,
  in this process or in the worker (``asfledger.audit.worker``), which on a SQLite file
  also reads the rows: R7 is scanned over the whole page at once, and only a record with a
  suspect is scanned on its own; the chain is linked here, from one page to the next,
  or by a worker that reads, on from the stored chain's hash where it starts, once that
  is found to be the head here (the seam, ``continues``);
- an event the sieve passes over (a bookkeeping type: no check reads its fields; an
  ordinary timestamp; no R7 suspect) is only counted (``proof.passed_over``): it never
  reaches this loop;
- an event the checks read, or a created event (its subject key), with no R7 suspect, is
  decoded inline as ``RowDecoder.decode`` does it and given to its type's checks
  (``proof.checks_for``); the events counted besides are counted once per page
  (``proof.passed_over``);
- anything else — an unreadable row, an encrypted ledger — is decoded by
  ``RowDecoder.decode``; the first event, an R7 suspect, an unreadable row or an unknown
  type is fed whole (``proof.feed``), any other is checked and counted as above.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Literal
from uuid import UUID

from eventsourcing.persistence import Cipher
from eventsourcing.utils import get_topic

from asfledger.audit.chain import GENESIS
from asfledger.audit.pages import Chain, ReadPage, Sieve, as_bytes, read_page
from asfledger.audit.trust import ChainCheck, HistoryNotTrusted, Problem
from asfledger.decode import RowDecoder
from asfledger.history import ID_CACHE, UUID_PARTS, Ids, StoredRow, event_type
from asfledger.redaction import open_state
from domain.aggregates import event_classes
from domain.events import EVENT_TYPES, Created, Event
from projections.compliance import ComplianceProof
from projections.events import Handler, LedgerEvent, Unreadable

if TYPE_CHECKING:
    from asfledger.audit.pages import Row

# A topic's decoder, event type, checks (none: only counted) and whether it is a created
# event (its subject key); False: the long way.
Inline = tuple[Callable[[bytes], Event], str, tuple[Handler, ...], bool] | Literal[False]


class ProofReplay:
    """Feeds pages of stored rows (``ReadPage``) to a ``ComplianceProof``, in order."""

    def __init__(self, proof: ComplianceProof, *, cipher: Cipher | None,
                 as_of: date | None, check: ChainCheck | None = None) -> None:
        self.proof = proof
        self.check = check  # the trust check, in the same pass (``asfledger.audit.trust``)
        self.cipher = cipher
        self.as_of = as_of
        self.decoder = RowDecoder(cipher=cipher, as_of=as_of, needs_data=proof.reads)
        self.size, self.head = 0, GENESIS  # the last event fed to the proof
        self.after = 0  # the notification id of the last row read
        self._chain = Chain()
        self._ids = Ids()
        # The decoder's subject keys, by the aggregate id as stored.
        self._subjects: dict[object, str] = {}
        self._inline: dict[str, Inline] = {}  # by topic, see _inline_for
        self._sieve = self._passing_sieve()

    @property
    def position(self) -> int:
        """Of the last row read."""
        return self._chain.position

    def _passing_sieve(self) -> Sieve:
        """The sieve of this proof: the topics of the ledger's stored event types it may
        pass over (none on an encrypted ledger: their timestamps cannot be read unopened)."""
        if self.cipher is not None:
            return Sieve()
        topics = [topic for topic in map(get_topic, event_classes())
                  if event_type(topic) in EVENT_TYPES]  # not the aggregates' base classes
        return Sieve([topic for topic in topics if not self.decoder.topic(topic).must_decode],
                     self.as_of)

    @property
    def sieve(self) -> Sieve:
        """What a reader may pass over from now on: nothing until the proof has its first
        event (``proof.first`` is the first event fed, which a count would not give)."""
        return self._sieve if self.proof.first is not None else Sieve()

    @property
    def sieve_from_first(self) -> Sieve:
        """``sieve`` once the proof has its first event: for a reader that starts ahead,
        whose pages are replayed only if ``proof.first`` is set by then."""
        return self._sieve

    def continues(self, position: int, head: bytes) -> bool:
        """Whether the chain read here ends at ``position`` with ``head`` (where a worker
        links it on from the stored chain's hash)."""
        return self._chain.position == position and self._chain.previous == head

    def read_here(self, rows: list[Row]) -> ReadPage:
        """``read_page`` in this process, with the states decrypted for the R7 scan."""
        records = None
        cipher = self.cipher
        if cipher is not None:
            records = as_bytes(rows)
            for i, state in enumerate(records):
                try:
                    records[i] = open_state(rows[i][3], state, cipher)
                except Exception:  # RowDecoder.decode says why, as an unreadable event
                    records[i] = b""
        return read_page(self._chain, rows, self.sieve, records=records)

    def page(self, done: ReadPage) -> None:
        """Feed the page to the proof."""
        start = self._chain.position
        hashes = done.hashes
        if hashes is None:
            hashes = self._chain.link(done.digests)
        else:  # linked by the worker, on from the head here (``PageWorker.seam``)
            self._chain.advance(hashes)
        if self.check is not None:  # before anything of the page reaches the proof
            self.check.page(start, hashes, last_id=done.after, stored=done.stored)
            first_time, latest_time, backwards = done.times
            self.check.page_times(start, first_time, latest_time, backwards, done.size)
        self.after = done.after
        proof, as_of = self.proof, self.as_of
        ids, parse, subjects = self._ids.known, self._ids.parse, self._subjects
        if len(ids) >= ID_CACHE:  # bounded as Ids.parse bounds it (this loop parses inline)
            ids.clear()
        new_uuid, set_int, set_safety, unknown_safety = UUID_PARTS
        suspected = done.suspects

        def hash_at(index: int) -> bytes:
            return hashes[32 * index:32 * index + 32]

        inline, inline_for = self._inline, self._inline_for
        new_event = tuple.__new__  # LedgerEvent(...) without its Python-level __new__
        counted = done.counted  # events counted at the end of the page (passed_over)
        last = -1  # index of the last event fed
        # The last event counted, or its row when it was decoded inline (None: fed whole).
        last_event: LedgerEvent | None = None
        last_row: Row | None = None
        started = proof.first is not None  # set by the first event fed (the long way)
        for i, row in zip(done.forward, done.picked, strict=True):
            _, originator_id, _, topic, state = row
            fast = inline.get(topic)
            if fast is None:
                fast = inline_for(topic)
            if fast and started and i not in suspected and type(state) is bytes:
                # RowDecoder.decode, inline; anything unusual goes the long way below.
                decode, event_type, checks, created = fast
                try:
                    decoded = decode(state)
                except Exception:  # decoded again below, to say why
                    pass
                else:
                    if created:
                        subjects[originator_id] = decoded.key  # type: ignore[attr-defined]
                    recorded = decoded.timestamp
                    if as_of is not None and recorded.date() > as_of:
                        continue
                    if checks:  # what proof.feed does besides R7 and the closed world
                        uuid = ids.get(originator_id)
                        if uuid is None:  # Ids.parse, inline for 32 hex digits
                            if (type(originator_id) is str and len(originator_id) == 32
                                    and originator_id.isalnum()):
                                uuid = new_uuid(UUID)
                                set_int(uuid, int(originator_id, 16))
                                set_safety(uuid, unknown_safety)
                                ids[originator_id] = uuid
                            else:
                                uuid = parse(originator_id)
                        event = new_event(LedgerEvent, (
                            start + i + 1, recorded, decoded.actor, event_type, uuid,
                            subjects.get(originator_id) or str(uuid), decoded, None))
                        for examine in checks:
                            examine(event, decoded)
                    counted += 1
                    last, last_row, last_event = i, row, None
                    continue
            whole = self._long_way(row, start + i + 1, hash_at(i))
            if whole is None:  # recorded after as_of
                continue
            long_checks = proof.checks_for(whole.type)
            if i in suspected or long_checks is None or not started:
                proof.feed(whole)  # the proof's definition: R7 over its record, and all
                started = True
                last, last_row, last_event = i, None, None
                continue
            for examine in long_checks:  # no R7 suspect: as inline
                examine(whole, whole.event)
            counted += 1
            last, last_row, last_event = i, None, whole
        if done.last_passed > last:
            last, last_row, last_event = done.last_passed, done.tail, None
        if counted:
            # The latest event, in full, for proof.last: read again, the long way (one a page).
            if last_event is None and last_row is not None:
                last_event = self._long_way(last_row, start + last + 1, hash_at(last))
            proof.passed_over(counted, last_event)
        if last >= 0:
            self.size, self.head = start + last + 1, hash_at(last)

    def _inline_for(self, topic: str) -> Inline:
        """How the loop decodes and checks a topic's events inline, kept by topic: its
        decoder, type and checks (none for a type no check reads, decoded for its subject
        key); False when they go the long way: an encrypted ledger, a type no check reads
        and no created event (the sieve's), a topic that names no event class or one the
        proof does not classify (the long way fails those)."""
        found: Inline = False
        try:
            known = self.decoder.topic(topic) if self.cipher is None else None
        except Exception:  # the long way says why
            known = None
        if known is not None and known.must_decode:
            checks = self.proof.checks_for(known.type)
            if checks is not None:
                found = (known.decode, known.type, checks,
                         issubclass(EVENT_TYPES[known.type], Created))
        self._inline[topic] = found
        return found

    def _long_way(self, row: Row, position: int, chain: bytes) -> LedgerEvent | None:
        """``RowDecoder.decode`` of one row, keeping the subject keys in step."""
        notification_id, originator_id, version, topic, state = row
        if type(state) is not bytes:
            state = str(state).encode()
        uuid = self._ids.known.get(originator_id) or self._ids.parse(originator_id)
        # The decoder's subjects hold this one aggregate's, for the time of the call: the
        # subjects are kept once, here, by the id as stored.
        decoded = self.decoder.subjects
        subject = self._subjects.get(originator_id)
        if subject is not None:
            decoded[uuid] = subject
        try:
            event = self.decoder.decode(StoredRow(position, notification_id, uuid, version,
                                                  topic, state, chain))
        finally:
            subject = decoded.pop(uuid, None)
        if subject is not None:
            self._subjects[originator_id] = subject
        if event is not None and isinstance(event.event, Unreadable) and self.check is not None:
            raise HistoryNotTrusted(Problem(position, "verify.unreadable",
                                            {"error": event.event.error}))
        return event

