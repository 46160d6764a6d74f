"""The trust check: what every reader of the history checks as it reads.

A reader that hashes the stored events (``history.chained``, the compliance replay's
``ProofReplay``) hands each page's chain hashes to a ``ChainCheck``, which compares them
with the chain stored beside the events (``asfledger_chain``) and with the checkpoints
kept outside the ledger; and it hands it the recorded times, which never go backwards in
stored order and never lie before the time of a checkpoint the event comes after.

``audit verify`` collects every problem (``strict=False``); the proof, the replay, the
board report and the 360Giving export stop at the first (``strict=True``:
``HistoryNotTrusted``), so nothing is printed that stands on a history that fails.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from eventsourcing.persistence import Cipher, IntegrityError

from asfledger.audit.chain import GENESIS
from asfledger.audit.chain_store import ChainStore
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.pages import key_of, time_key
from asfledger.text import translate

PAGE = 5000


@dataclass(frozen=True)
class Problem:
    """A verification failure: the position and a catalogue key (``verify.*``) saying why."""

    position: int
    reason: str
    params: dict[str, object] = field(default_factory=dict)

    def describe(self, lang: str) -> str:
        return translate(self.reason, lang, position=self.position, **self.params)


class HistoryNotTrusted(Exception):
    """The history fails the trust check (exit 1): ``problem`` names the first bad
    position and what is wrong there."""

    exit_code: ClassVar[int] = 1  # asfledger.failures: no verdict, no figures

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        return translate("trust.refused", lang, problem=self.problem.describe(lang))


class RecordedTooEarly(IntegrityError):
    """A write whose first event is stamped before the last stored one (another writer
    committed meanwhile): the writer stamps its events again and retries the write."""


class RecordedTimes:
    """What the chained recorders check as they append, under the write lock: the first new
    event is not recorded before the last stored one (a writer whose events were stamped
    before another's commit stamps them again, see ``Ledger.execute``). ``read`` gives a
    stored record's plain bytes (an encrypted ledger's cipher)."""

    def __init__(self, read: Callable[[bytes], bytes] = bytes) -> None:
        self.read = read

    def backwards(self, last_stored: bytes | None, first_new: bytes) -> bool:
        if last_stored is None:
            return False
        try:
            before, new = time_key(self.read(last_stored)), time_key(self.read(first_new))
        except Exception:  # unreadable: verification says where; not a write error
            return False
        return before is not None and new is not None and new < before


def shown(key: bytes) -> str:
    """A time key as the messages show it: ``2026-12-04T14:25:14Z``."""
    return key[:19].decode(errors="replace") + "Z"


class ChainCheck:
    """Compares a reader's chain with the stored chain and the checkpoints, page by page,
    and the recorded times with each other and with the checkpoints' times.

    Call ``page`` for each page of hashes in order, ``time``/``page_times`` with the
    recorded times, and ``end`` once the last row is read. With ``strict`` the first
    problem raises ``HistoryNotTrusted``; else they are collected in ``problems``.
    """

    def __init__(self, store: ChainStore, checkpoints: Sequence[Checkpoint] = (), *,
                 strict: bool = True, read: Callable[[bytes], bytes] | None = None) -> None:
        self.store = store
        self.read = read  # a stored record's plain bytes (an encrypted ledger's cipher)
        self.strict = strict
        self.ledger_id = store.ledger_id()
        self.checkpoints = tuple(checkpoints)
        self.problems: list[Problem] = []
        self.size, self.head = 0, GENESIS
        self.broken = False  # the chain left the stored chain: later positions not compared
        self.times_checked = 0
        self._last_time: bytes | None = None
        self._time_broken = False
        self._deferred = False
        self._stored: list[tuple[int, int, bytes]] = []  # the stored chain, read ahead
        self._stored_from = 1  # the position of _stored[0]
        self._stored_done = False
        self._heads: dict[int, list[Checkpoint]] = {}
        for checkpoint in self.checkpoints:
            if checkpoint.ledger_id != self.ledger_id:
                self._problem(Problem(0, "verify.other_ledger", {
                    "other": checkpoint.ledger_id, "this": self.ledger_id}))
            else:
                self._heads.setdefault(checkpoint.size, []).append(checkpoint)
        # The checkpoints by size, with the latest time a later event must not be before.
        mine = sorted((c for c in self.checkpoints if c.ledger_id == self.ledger_id),
                      key=lambda c: c.size)
        self._floors: list[tuple[int, bytes, Checkpoint]] = []
        floor = b""
        for checkpoint in mine:
            key = key_of(checkpoint.time)
            if key > floor:
                floor = key
                self._floors.append((checkpoint.size, key, checkpoint))
        for checkpoint in self._heads.get(0, []):
            if checkpoint.head != GENESIS.hex():
                self._problem(Problem(0, "verify.checkpoint_differs"))

    @classmethod
    def of(cls, recorder: ChainStore, checkpoints: Sequence[Checkpoint] = (),
           cipher: Cipher | None = None) -> ChainCheck:
        """The strict check of a chained recorder's history (with the ledger's cipher, for
        the recorded times of an encrypted ledger)."""
        return cls(recorder, checkpoints,
                   read=None if cipher is None else cipher.decrypt)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def first_bad(self) -> Problem | None:
        return min(self.problems, key=lambda p: p.position) if self.problems else None

    def _problem(self, problem: Problem) -> None:
        self.problems.append(problem)
        if self.strict:
            raise HistoryNotTrusted(problem)

    def _window(self, start: int, count: int) -> list[tuple[int, int, bytes]]:
        """The stored chain's rows (position, notification id, hash) at the ``count``
        positions after ``start``, as far as it holds them; read ahead in pages."""
        index = start + 1 - self._stored_from  # of position start + 1
        if index < 0 or (index + count > len(self._stored) and not self._stored_done):
            limit = max(PAGE, count)
            rows = self.store.chain_rows(start, limit)  # plain tuples: the fast read
            self._stored = rows
            self._stored_from, index = start + 1, 0
            self._stored_done = len(rows) < limit
        return self._stored[index:index + count]

    def page(self, start: int, hashes: bytes, ids: Sequence[int] | None = None,
             last_id: int | None = None,
             stored: tuple[int, int, int, bytes] | None = None) -> None:
        """The chain's hashes of the positions after ``start`` (joined, 32 bytes each),
        with the rows' notification ids (``ids``) or the last one's (``last_id``).
        ``stored``: the stored chain there as a worker read it (first and last position,
        the last notification id, the hashes joined), compared at once; when it differs,
        the stored chain is read here to say where."""
        count = len(hashes) // 32
        if count == 0:
            return
        if not self.broken and not (
                stored is not None and stored[0] == start + 1
                and stored[1] == start + count and stored[3] == hashes
                and (last_id is None or stored[2] == last_id)):
            self._compare(start, count, hashes, ids, last_id)
        for size in range(start + 1, start + count + 1) if self._heads else ():
            for checkpoint in self._heads.get(size, ()):
                i = size - start - 1
                if hashes[32 * i:32 * i + 32].hex() != checkpoint.head:
                    self._problem(Problem(size, "verify.checkpoint_differs"))
        self.size, self.head = start + count, hashes[-32:]

    def _compare(self, start: int, count: int, hashes: bytes, ids: Sequence[int] | None,
                 last_id: int | None) -> None:
        # The whole page at once (the usual case), position by position only to say where.
        stored = self._window(start, count)
        if (len(stored) == count and stored[-1][0] == start + count
                and b"".join([h for _, _, h in stored]) == hashes
                and (ids is None or [n for _, n, _ in stored] == list(ids))
                and (last_id is None or stored[-1][1] == last_id)):
            return
        for i in range(count):
            position = start + i + 1
            if i >= len(stored) or stored[i][0] != position:
                self.broken = True
                self._problem(Problem(position, "verify.not_in_chain"))
                return
            _, notification_id, stored_hash = stored[i]
            wanted_id = ids[i] if ids is not None else last_id if i == count - 1 else None
            if stored_hash != hashes[32 * i:32 * i + 32] or (
                    wanted_id is not None and wanted_id != notification_id):
                self.broken = True
                self._problem(Problem(position, "verify.changed"))
                return

    def time(self, position: int, key: bytes | None) -> None:
        """The recorded time (``time_key``) of the event at ``position``, in order."""
        if key is None:
            return
        self.times_checked += 1
        last = self._last_time
        if last is not None and key < last and not self._time_broken:
            self._time_broken = True
            self._problem(Problem(position, "verify.time_backwards", {
                "time": shown(key), "previous": shown(last)}))
        self._last_time = key if last is None or key > last else last
        self._against_checkpoints(position, key)

    def row_times(self, start: int, states: Sequence[bytes]) -> None:
        """The recorded times of the stored records ``states`` at the positions after
        ``start`` (a record whose time cannot be read is left to its decoding)."""
        read = self.read
        for i, state in enumerate(states):
            if read is not None:
                try:
                    state = read(state)
                except Exception:  # undecryptable: its decoding says so, with its position
                    continue
            self.time(start + i + 1, time_key(state))

    def page_times(self, start: int, first: bytes | None, last: bytes | None,
                   backwards: int, count: int) -> None:
        """The recorded times of a page read elsewhere (``pages.read_page``): its first and
        last readable time and the index of its first event recorded before the one before
        it (-1: none), for the ``count`` positions after ``start``."""
        if first is None or last is None:
            return
        if backwards >= 0 and not self._time_broken:
            self._time_broken = True
            self._problem(Problem(start + backwards + 1, "verify.time_backwards_here"))
        if self._last_time is not None and first < self._last_time and not self._time_broken:
            self._time_broken = True
            self._problem(Problem(start + 1, "verify.time_backwards", {
                "time": shown(first), "previous": shown(self._last_time)}))
        self.times_checked += count
        self._last_time = max(last, self._last_time or last)
        self._deferred = True  # the checkpoints' times: at the end (``time_at``)

    def in_order(self, keys: Sequence[bytes | None]) -> bool:
        """Whether these recorded times (``time_key``s of the next positions, all
        readable) go on without going backwards: then ``page_times`` says all of them."""
        present = [key for key in keys if key is not None]
        return (len(present) == len(keys) > 0 and sorted(present) == present
                and (self._last_time is None or present[0] >= self._last_time))

    def after_checkpoints(self) -> list[int]:
        """The positions whose recorded time ``end``'s ``time_at`` is asked for: the first
        after each checkpoint that holds a time (times rise: the earliest after it)."""
        return [size + 1 for size, _, _ in self._floors]

    def _against_checkpoints(self, position: int, key: bytes) -> None:
        floors = self._floors
        if not floors or floors[0][0] >= position:
            return
        for size, floor, checkpoint in reversed(floors):
            if size < position:
                if key < floor:
                    self._problem(Problem(position, "verify.before_checkpoint", {
                        "time": shown(key), "size": checkpoint.size,
                        "checkpoint_time": checkpoint.time.isoformat(timespec="seconds")}))
                    self._floors = []  # said once
                return

    def end(self, time_at: Callable[[int], bytes | None] | None = None) -> None:
        """After the last row: the stored chain holds no more, and no checkpoint is longer
        than the history. A reader that gave ``page_times`` gives ``time_at(position)``,
        the recorded time of one event, for the first event after each checkpoint (times
        rise, so it is the earliest after it)."""
        if self._deferred and time_at is not None:
            for size, floor, checkpoint in self._floors:
                if size < self.size:
                    key = time_at(size + 1)
                    if key is not None and key < floor:
                        self._problem(Problem(size + 1, "verify.before_checkpoint", {
                            "time": shown(key), "size": checkpoint.size,
                            "checkpoint_time": checkpoint.time.isoformat(timespec="seconds")}))
                        break
        if not self.broken and self._window(self.size, 1):
            self._problem(Problem(self.size + 1, "verify.missing"))
        for checkpoint in self.checkpoints:
            if checkpoint.ledger_id == self.ledger_id and checkpoint.size > self.size:
                self._problem(Problem(self.size + 1, "verify.shorter", {
                    "size": self.size, "expected": checkpoint.size}))

    def checkpoint(self) -> Checkpoint:
        return Checkpoint.now(self.ledger_id, self.size, self.head)


def stands_on(check: ChainCheck, lang: str) -> str:
    """Which history a proof or report stands on: the ledger, its size and head, verified
    against the stored chain and how many checkpoints (after ``check`` ran to the end)."""
    n = len(check.checkpoints)
    return translate("trust.stands_on", lang, ledger=check.ledger_id, size=check.size,
                     head=check.head.hex(), against=translate(
                         "trust.against_checkpoints", lang, n=n) if n else translate(
                         "trust.no_checkpoint", lang))
