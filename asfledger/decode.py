"""Stored events → ``LedgerEvent``s for the read models: typed, with subject keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import NamedTuple
from uuid import UUID

from eventsourcing.persistence import Cipher

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.trust import ChainCheck, HistoryNotTrusted, Problem
from asfledger.history import StoredRow, event_type, stream
from asfledger.mapper import schema_for_topic
from asfledger.redaction import open_state
from domain.events import Created, Event
from projections.events import UNREADABLE, LedgerEvent, Unreadable

_TIMESTAMP = b'{"timestamp":"'


def _without_timestamp(state: bytes) -> bytes:
    """The record as a check of its content should see it: the ledger's own timestamp
    (always first, always digits) cannot carry personal data and would only slow R7."""
    if state.startswith(_TIMESTAMP):
        end = state.find(b'"', len(_TIMESTAMP))
        if end > 0:
            return state[end + 1:]
    return state


class Topic(NamedTuple):
    """What a reader needs to know of one stored topic, worked out once."""

    decode: Callable[[bytes], Event]  # the one decoder (``asfledger.mapper``)
    type: str  # "Partner.Registered"
    must_decode: bool  # a check reads its fields, or it is a created event (subject key)


class RowDecoder:
    """The decoding of ``decode_rows``, one row at a time, with its state (the subject
    keys seen so far, the topics worked out): lets a replay decode only the rows it must,
    with exactly the same results."""

    def __init__(self, *, cipher: Cipher | None = None, as_of: date | None = None,
                 needs_data: Callable[[str], bool] | None = None,
                 subject_of: Callable[[UUID], str | None] | None = None) -> None:
        self.cipher = cipher
        self.as_of_text = as_of.isoformat() if as_of is not None else None
        self.needs_data = needs_data
        self.subject_of = subject_of
        self.subjects: dict[object, str] = {}
        self.topics: dict[str, Topic] = {}

    def topic(self, topic: str) -> Topic:
        """Raises if the topic names no event class."""
        known = self.topics.get(topic)
        if known is None:
            schema = schema_for_topic(topic)
            name = schema.type
            must = self.needs_data is None or self.needs_data(name) or schema.created
            known = self.topics[topic] = Topic(schema.decode, name, must)
        return known

    def decode(self, row: StoredRow) -> LedgerEvent | None:
        """The row's event; None when it was recorded after ``as_of``."""
        topic = row.topic
        try:
            state = open_state(topic, row.state, self.cipher)
            known = self.topic(topic)
            event: Event | None
            if known.must_decode:
                event = known.decode(state)
                recorded, actor = event.timestamp, event.actor
            else:
                event, recorded, actor = None, _timestamp_of(state), ""
        except Exception as e:  # any unreadable row must fail the proof, not crash it
            return LedgerEvent(row.position, datetime.min, "", UNREADABLE,
                               row.originator_id, str(row.originator_id),
                               Unreadable(f"{event_type(topic)}: {e}"))
        subjects = self.subjects
        if isinstance(event, Created):
            subjects[row.originator_id] = event.key
        if self.as_of_text is not None and recorded.date().isoformat() > self.as_of_text:
            return None
        subject = subjects.get(row.originator_id)
        if subject is None and self.subject_of is not None:
            subject = subjects[row.originator_id] = (self.subject_of(row.originator_id)
                                                     or str(row.originator_id))
        return LedgerEvent(row.position, recorded, actor, known.type, row.originator_id,
                           subject or str(row.originator_id),
                           event, _without_timestamp(state))


def decode_rows(rows: Iterator[StoredRow], *, cipher: Cipher | None = None,
                as_of: date | None = None, needs_data: Callable[[str], bool] | None = None,
                subject_of: Callable[[UUID], str | None] | None = None,
                ) -> Iterator[tuple[StoredRow, LedgerEvent]]:
    """Decode each stored row; ``as_of`` keeps events recorded on or before that date.

    ``needs_data(type)`` lets a reader skip decoding the events it only counts: those
    come with ``event`` None (but their ``raw`` bytes, time and subject), which is most of
    a replay's cost saved on bookkeeping events. Created events are always decoded, for
    the subject keys. A row whose topic or bytes cannot be read yields an event of type
    ``Unreadable`` with the reason in its ``event`` (``Unreadable.error``), so a proof
    fails on it instead of stopping.

    Rows that do not start at the beginning of the history (``stream(start_after=...)``)
    may belong to aggregates created before them: ``subject_of(id)`` names those (see
    ``created_keys``).
    """
    decoder = RowDecoder(cipher=cipher, as_of=as_of, needs_data=needs_data,
                         subject_of=subject_of)
    decode = decoder.decode
    for row in rows:
        event = decode(row)
        if event is not None:
            yield row, event


def _timestamp_of(state: bytes) -> datetime:
    """The recording time, read straight from the record's first field."""
    if not state.startswith(_TIMESTAMP):
        raise ValueError("the record does not start with its timestamp")
    end = state.find(b'"', len(_TIMESTAMP))
    return datetime.fromisoformat(state[len(_TIMESTAMP):end].decode())


def created_keys(recorder: ChainedRecorder, cipher: Cipher | None = None
                 ) -> Callable[[UUID], str | None]:
    """``subject_of`` for ``decode_rows``: the natural key of an aggregate, read from its
    first (created) event, one query per aggregate."""

    def subject_of(originator_id: UUID) -> str | None:
        for stored in recorder.select_events(originator_id, lte=1, limit=1):
            try:
                state = open_state(stored.topic, stored.state, cipher)
                event = schema_for_topic(stored.topic).decode(state)
            except Exception:  # an unreadable created event: the id will do
                return None
            return event.key if isinstance(event, Created) else None
        return None

    return subject_of


def ledger_events(recorder: ChainedRecorder, *, cipher: Cipher | None = None,
                  as_of: date | None = None, check: ChainCheck | None = None
                  ) -> Iterator[LedgerEvent]:
    """Every stored event, decoded. With ``check`` (the trust check, in the same pass) a
    history that fails it, or an event that cannot be read, raises ``HistoryNotTrusted``
    instead of yielding an ``Unreadable`` event."""
    for _, event in decode_rows(stream(recorder, check=check), cipher=cipher, as_of=as_of):
        if check is not None and isinstance(event.event, Unreadable):
            raise HistoryNotTrusted(Problem(event.position, "verify.unreadable", {
                "error": event.event.error}))
        yield event
