"""Verification: recompute the chain from the stored bytes and compare it with the chain
stored beside the events and with checkpoints kept outside the ledger.

Streams in constant memory and never decrypts. The first bad position is the first
position where the recomputed chain leaves the stored chain. If somebody rewrote the
stored chain as well, only a checkpoint can tell, and then the change lies at or before
that checkpoint's position.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import cast

from eventsourcing.persistence import ApplicationRecorder

from asfledger.audit.chain import GENESIS
from asfledger.audit.chain_store import ChainRow, ChainStore
from asfledger.audit.checkpoint import Checkpoint
from asfledger.history import stream
from domain.catalogue import translate

PAGE = 5000


@dataclass(frozen=True)
class Problem:
    """A verification failure: the position and a catalogue key (``verify.*``) saying why."""

    position: int
    reason: str
    params: dict[str, object] = field(default_factory=dict)

    def describe(self, lang: str) -> str:
        return translate(self.reason, lang, position=self.position, **self.params)


@dataclass
class Verification:
    ledger_id: str
    size: int = 0
    head: bytes = GENESIS
    problems: list[Problem] = field(default_factory=list)
    checkpoints_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None

    def checkpoint(self) -> Checkpoint:
        return Checkpoint.now(self.ledger_id, self.size, self.head)


def _stored_chain(store: ChainStore) -> Iterator[ChainRow]:
    after = 0
    while True:
        rows = store.select_chain(after, PAGE)
        if not rows:
            return
        yield from rows
        after = rows[-1].position


def verify(recorder: ApplicationRecorder,
           checkpoints: Sequence[Checkpoint] = ()) -> Verification:
    store = cast(ChainStore, recorder)
    result = Verification(store.ledger_id())
    wanted = {c.size: c for c in checkpoints}
    seen_at: dict[int, bytes] = {0: GENESIS} if 0 in wanted else {}
    stored = _stored_chain(store)
    chain_broken = False
    for row in stream(recorder):
        result.size, result.head = row.position, row.chain
        if row.position in wanted:
            seen_at[row.position] = row.chain
        if chain_broken:
            continue
        expected = next(stored, None)
        if expected is None:
            result.problems.append(Problem(row.position, "verify.not_in_chain"))
            chain_broken = True
        elif (expected.position != row.position or expected.hash != row.chain
              or expected.notification_id != row.notification_id):
            result.problems.append(Problem(row.position, "verify.changed"))
            chain_broken = True
    if not chain_broken:
        extra = next(stored, None)
        if extra is not None:
            result.problems.append(Problem(extra.position, "verify.missing"))
    for checkpoint in checkpoints:
        result.checkpoints_checked += 1
        if checkpoint.ledger_id != result.ledger_id:
            result.problems.append(Problem(0, "verify.other_ledger", {
                "other": checkpoint.ledger_id, "this": result.ledger_id}))
        elif checkpoint.size > result.size:
            result.problems.append(Problem(result.size + 1, "verify.shorter", {
                "size": result.size, "expected": checkpoint.size}))
        elif seen_at.get(checkpoint.size, b"").hex() != checkpoint.head:
            result.problems.append(Problem(checkpoint.size, "verify.checkpoint_differs"))
    return result
