"""Which redaction markers were decided (``audit verify``): a stored state that is a
redaction marker keeps the digest of what was stored first, so the chain cannot tell it
from the original. It is accepted only where a redaction recorded later in the chain
(``Redaction.Redacted``, stored in clear) names its position and that digest; any other
marker is tampering, reported at its position."""

from __future__ import annotations

import msgspec

from asfledger.audit.chain import current_state, kept_digest
from asfledger.redaction import REDACTED_TOPIC


class RedactionCheck:
    """Fed every stored row in order (``see``); then ``undecided`` names the markers no
    later redaction decided."""

    def __init__(self) -> None:
        self.markers: dict[int, bytes] = {}
        self.decided: dict[int, set[str]] = {}

    def see(self, position: int, topic: str, state: bytes) -> None:
        kept = kept_digest(state)
        if kept is not None:
            self.markers[position] = kept
        if topic == REDACTED_TOPIC:
            try:
                named = msgspec.json.decode(current_state(state))
                target, digest = int(named["position"]), str(named["digest"])
            except Exception:  # an unreadable redaction decides nothing
                return
            if target < position:
                self.decided.setdefault(target, set()).add(digest)

    def undecided(self) -> list[int]:
        return sorted(position for position, digest in self.markers.items()
                      if digest.hex() not in self.decided.get(position, ()))
