"""Stored events → ``LedgerEvent``s for the read models: typed, with subject keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from eventsourcing.persistence import ApplicationRecorder, Cipher

from asfledger.history import StoredRow, event_type, stream
from asfledger.mapper import schema_for_topic
from projections.events import UNREADABLE, LedgerEvent

_TIMESTAMP = b'{"timestamp":"'


def _without_timestamp(state: bytes) -> bytes:
    """The record as a check of its content should see it: the ledger's own timestamp
    (always first, always digits) cannot carry personal data and would only slow R7."""
    if state.startswith(_TIMESTAMP):
        end = state.find(b'"', len(_TIMESTAMP))
        if end > 0:
            return state[end + 1:]
    return state


def decode_rows(rows: Iterator[StoredRow], *, cipher: Cipher | None = None,
                as_of: date | None = None) -> Iterator[tuple[StoredRow, LedgerEvent]]:
    """Decode each stored row; ``as_of`` keeps events recorded on or before that date.

    A row whose topic or bytes cannot be read yields an event of type ``Unreadable`` with
    the reason in ``data["error"]``, so a proof fails on it instead of stopping.
    """
    subjects: dict[object, str] = {}
    for row in rows:
        try:
            state = row.state if cipher is None else cipher.decrypt(row.state)
            data = schema_for_topic(row.topic).decode(state)
        except Exception as e:  # any unreadable row must fail the proof, not crash it
            yield row, LedgerEvent(row.position, datetime.min, "", UNREADABLE,
                                   row.originator_id, str(row.originator_id),
                                   {"error": f"{event_type(row.topic)}: {e}"})
            continue
        recorded: datetime = data["timestamp"]
        if "originator_topic" in data:
            subjects[row.originator_id] = str(data["key"])
        if as_of is not None and recorded.date() > as_of:
            continue
        yield row, LedgerEvent(row.position, recorded, data.get("actor", ""),
                               event_type(row.topic), row.originator_id,
                               subjects.get(row.originator_id, str(row.originator_id)), data,
                               _without_timestamp(state))


def ledger_events(recorder: ApplicationRecorder, *, cipher: Cipher | None = None,
                  as_of: date | None = None) -> Iterator[LedgerEvent]:
    for _, event in decode_rows(stream(recorder), cipher=cipher, as_of=as_of):
        yield event
