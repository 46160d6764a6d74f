"""Redaction (issue 15): the board decides to remove personal data that got in despite R7.

``redact`` names a stored event by its position and one of its text fields. Deciding it
reads that event (``prepare``): the field is emptied, the state encoded (and encrypted)
again, and the new stored state is a marker that keeps the SHA-256 of the event's stored
bytes as they were (``asfledger.audit.chain.redacted``), so the chain, ``audit verify`` and
every checkpoint still verify. The redaction itself is an event (``Redaction.Redacted``),
stored in clear even on an encrypted ledger so that ``audit verify`` can check without the
key that each marker was decided: it holds the position, the field, the digest, the
decision reference and the reason, never the data. The recorder rewrites the row in the
transaction that appends the redaction, after checking that the row still has that digest:
the one sanctioned write outside append.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import msgspec
from eventsourcing.persistence import Cipher
from eventsourcing.utils import get_topic

from asfledger.audit.chain import current_state, event_digest, kept_digest, redacted
from domain.aggregates import Redaction
from domain.errors import STATE, UNKNOWN, Refusal

if TYPE_CHECKING:
    from asfledger.audit.chain_store import ChainedRecorder

REDACTED_TOPIC = get_topic(Redaction.Redacted)


class StoredAt(NamedTuple):
    notification_id: int
    originator_id: object
    version: int
    topic: str
    state: bytes


class Rewrite(NamedTuple):
    """A row to rewrite in the transaction that records its redaction: it must still have
    ``digest`` (SHA-256 of its stored bytes) when the new ``state`` is written."""

    notification_id: int
    digest: bytes
    state: bytes


def in_clear(topic: str) -> bool:
    """Stored without encryption: a redaction (what ``audit verify`` reads)."""
    return topic == REDACTED_TOPIC


def open_state(topic: str, state: bytes, cipher: Cipher | None) -> bytes:
    """The readable state of a stored event: after a redaction marker, decrypted."""
    state = current_state(state)
    if cipher is None or in_clear(topic):
        return state
    return cipher.decrypt(state)


def _is_text_field(topic: str, field: str) -> bool:
    """A field its event class declares as text (``str`` or ``str | None``): a date or a
    code stored as a JSON string cannot be emptied and still be read."""
    from asfledger.mapper import schema_for_topic  # it imports this module

    try:
        declared = schema_for_topic(topic).fields.get(field)
    except Exception:  # a topic that names no event class
        return False
    return declared in (str, str | None) and field != "originator_topic"


def prepare(store: ChainedRecorder, cipher: Cipher | None, position: int,
            field: str) -> tuple[str, Rewrite]:
    """The digest (hex) a redaction of ``field`` at ``position`` names, and the rewrite."""
    found = store.stored_at(position)
    if found is None:
        raise Refusal(UNKNOWN, "refusal.redact_no_event", position=position)
    if in_clear(found.topic):
        raise Refusal(STATE, "refusal.redact_a_redaction", position=position)
    state = bytes(found.state)
    digest = kept_digest(state) or event_digest(found.topic, str(found.originator_id),
                                                found.version, state)
    try:
        data = msgspec.json.decode(open_state(found.topic, state, cipher))
    except Exception:  # unreadable: nothing to empty
        data = None
    if not (isinstance(data, dict) and isinstance(data.get(field), str)
            and _is_text_field(found.topic, field)):
        raise Refusal(STATE, "refusal.redact_no_text", position=position, field=field)
    if data[field] == "":
        raise Refusal(STATE, "refusal.redact_empty", position=position, field=field)
    data[field] = ""
    new_state = msgspec.json.encode(data)
    if cipher is not None:
        new_state = cipher.encrypt(new_state)
    return digest.hex(), Rewrite(found.notification_id, digest, redacted(digest, new_state))
