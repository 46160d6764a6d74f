"""The audit chain of SPEC §5 over every stored event in global order.

    h(n) = SHA-256("asfledger-chain-v1" ‖ n ‖ h(n-1) ‖ SHA-256(stored event bytes))
    h(0) = 32 zero bytes

``n`` is the event's 1-based position, as 8 bytes big-endian. The stored event bytes are
``len(topic) (4 bytes BE) ‖ topic (UTF-8) ‖ subject id (16 bytes) ‖ version (8 bytes BE) ‖
state``: the state exactly as stored (encrypted or not), so the chain verifies without a key.
"""

from __future__ import annotations

import hashlib

TYPE_CHECKING = False  # the replay's second process starts without typing or uuid
if TYPE_CHECKING:
    from uuid import UUID

DOMAIN_TAG = b"asfledger-chain-v1"
GENESIS = bytes(32)
_sha256 = hashlib.sha256


def topic_prefix(topic: str) -> bytes:
    """``len(topic) ‖ topic``: the start of the stored event bytes."""
    topic_bytes = topic.encode("utf-8")
    return len(topic_bytes).to_bytes(4, "big") + topic_bytes


# A redacted event's stored state (``asfledger redact``, issue 15): this marker, then the
# SHA-256 of the event's stored bytes as they were (which the chain goes on using), then
# the state as it is now, with the redacted field emptied. ``audit verify`` accepts a
# marker only where a redaction recorded later names its position and that digest.
REDACTED = b"\x00asfledger-redacted-v1\x00"
KEPT = slice(len(REDACTED), len(REDACTED) + 32)


def kept_digest(state: bytes) -> bytes | None:
    """The digest a redaction marker keeps, or None for a state that is not one."""
    return state[KEPT] if state.startswith(REDACTED) else None


def current_state(state: bytes) -> bytes:
    """The state to read: after the marker and its digest, if it has one."""
    return state[KEPT.stop:] if state.startswith(REDACTED) else state


def redacted(digest: bytes, state: bytes) -> bytes:
    """The stored state of a redacted event whose stored bytes had ``digest``."""
    return REDACTED + digest + state


def event_digest(topic: str, originator_id: UUID | str, version: int, state: bytes) -> bytes:
    kept = kept_digest(state)
    if kept is not None:  # redacted: the chain hashes what was stored first
        return kept
    if isinstance(originator_id, str):
        from uuid import UUID  # an id as text (SQLite's): read as a UUID reads it

        originator_id = UUID(originator_id)
    return _sha256(topic_prefix(topic) + originator_id.bytes + version.to_bytes(8, "big")
                   + state).digest()


def link(position: int, previous: bytes, digest: bytes) -> bytes:
    return _sha256(DOMAIN_TAG + position.to_bytes(8, "big") + previous + digest).digest()


CHAIN_TABLE = "asfledger_chain"
META_TABLE = "asfledger_meta"
# The saved read models (asfledger.readmodels.store): a redaction drops them.
READMODEL_TABLE = "asfledger_readmodels"


def extend(last_position: int, last_hash: bytes,
           rows: list[tuple[int, str, UUID | str, int, bytes]]) -> list[tuple[int, int, bytes]]:
    """Chain rows (position, notification id, hash) for new events given as
    (notification id, topic, originator id, version, state), after the current head."""
    out = []
    position, previous = last_position, last_hash
    for notification_id, topic, originator_id, version, state in rows:
        position += 1
        previous = link(position, previous, event_digest(topic, originator_id, version, state))
        out.append((position, notification_id, previous))
    return out
