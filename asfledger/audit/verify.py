"""Verification: recompute the chain from the stored bytes and compare it with the chain
stored beside the events and with checkpoints kept outside the ledger; check that the
recorded times never go backwards and never lie before a checkpoint they come after.

Streams in constant memory and never decodes an event: the recorded time is read from
the start of each stored record (on an encrypted ledger only with its key). The first
bad position is the first position where the recomputed chain leaves the stored chain.
If somebody rewrote the stored chain as well, only a checkpoint can tell, and then the
change lies at or before that checkpoint's position. The comparisons themselves are
``asfledger.audit.trust.ChainCheck``'s, which every reader of the history shares.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from operator import itemgetter

from eventsourcing.persistence import Cipher

from asfledger.audit.chain import GENESIS, REDACTED, current_state
from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.pages import Chain, as_bytes, time_key, time_keys
from asfledger.audit.redactions import RedactionCheck
from asfledger.audit.trust import ChainCheck, Problem
from asfledger.history import PAGE, Page, rows_after
from asfledger.redaction import REDACTED_TOPIC, in_clear

__all__ = ["Problem", "Verification", "stored_digests", "verify"]

KEY_CHECK = "key_check"  # asfledger.security's marker of an encrypted ledger


@dataclass
class Verification:
    ledger_id: str
    size: int = 0
    head: bytes = GENESIS
    problems: list[Problem] = field(default_factory=list)
    checkpoints_checked: int = 0
    times_checked: bool = True  # False: an encrypted ledger verified without its key
    # When reading began: a checkpoint of this size is as of then (a writer's events
    # committed meanwhile come after it and were recorded before now).
    started: datetime | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None

    def checkpoint(self) -> Checkpoint:
        checkpoint = Checkpoint.now(self.ledger_id, self.size, self.head)
        if self.started is not None:
            checkpoint = replace(checkpoint, time=self.started)
        return checkpoint


def stored_digests(chain: Chain, rows: Page, states: list[bytes]) -> list[bytes]:
    """The digest of each stored row, as the chain links it: SHA-256 of its stored event
    bytes. The one place where verification gets a row's digest (a row whose bytes were
    replaced by a redaction marker would get the digest its redaction names here)."""
    return chain.digests(rows, states)


def _pages(recorder: ChainedRecorder) -> Iterator[Page]:
    after = 0
    while rows := rows_after(recorder, after, PAGE):
        yield rows
        after = rows[-1][0]


def verify(recorder: ChainedRecorder, checkpoints: Sequence[Checkpoint] = (), *,
           cipher: Cipher | None = None) -> Verification:
    """Verify the whole stored history (see the module's docstring). ``cipher``: the key
    of an encrypted ledger, to check its recorded times too."""
    started = datetime.now(UTC)
    store = recorder
    check = ChainCheck(store, checkpoints, strict=False)
    encrypted = cipher is None and store.meta(KEY_CHECK) is not None
    chain = Chain()
    said: set[str] = set()  # unreadable records: the first of each kind is enough

    def unreadable(position: int, reason: str, **params: object) -> None:
        if reason not in said:
            said.add(reason)
            check.problems.append(Problem(position, reason, params))

    redactions = RedactionCheck()  # a redaction marker must have been decided (issue 15)
    # The recorded times of the first events after the checkpoints, for ``check.end``.
    after_checkpoints = dict.fromkeys(check.after_checkpoints())
    for rows in _pages(recorder):
        states = as_bytes(rows)
        start = chain.position
        check.page(start, chain.link(stored_digests(chain, rows, states)),
                   ids=[row[0] for row in rows])
        # Only a redaction marker or a redaction concerns RedactionCheck: looked for in C.
        topics = list(map(itemgetter(3), rows))
        if REDACTED_TOPIC in topics or REDACTED in b"".join(states):
            for i, state in enumerate(states):
                redactions.see(start + i + 1, topics[i], state)
        if encrypted:
            continue
        if cipher is None:
            keys = time_keys(states)
            if check.in_order(keys):  # the usual page: a few C loops
                check.page_times(start, keys[0], keys[-1], -1, len(keys))
                for position in after_checkpoints:
                    if start < position <= start + len(keys):
                        after_checkpoints[position] = keys[position - start - 1]
                continue
        for i, state in enumerate(states):
            position = start + i + 1
            state = current_state(state)  # a redacted event: after its marker
            if cipher is not None and not in_clear(rows[i][3]):
                try:
                    state = cipher.decrypt(state)
                except Exception as e:  # any reason: the position says where
                    unreadable(position, "verify.undecryptable",
                               error=str(e) or type(e).__name__)
                    continue
            key = time_key(state)
            if key is None:
                if state[:1] != b"{" and position == 1 and cipher is None:
                    encrypted = True  # an encrypted ledger whose marker was lost
                    break
                unreadable(position, "verify.time_unreadable")
            check.time(position, key)
    check.end(after_checkpoints.get)
    check.problems.extend(Problem(position, "verify.redaction_undecided")
                          for position in redactions.undecided())
    return Verification(check.ledger_id, check.size, check.head, check.problems,
                        len(checkpoints), times_checked=not encrypted, started=started)
