"""The ``Ledger``'s queries: the ledger as plain data, for the UI and the command line
(a mixin of ``asfledger.ledger.Ledger``, which sets the store, the mapper and the cipher it
reads). Each query asks a function of this folder, or of ``asfledger.audit``, of the store."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar, cast
from uuid import UUID

from eventsourcing.persistence import Cipher, Mapper

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.pages import time_key

if TYPE_CHECKING:
    from asfledger.audit.checkpoint import Checkpoint
    from asfledger.audit.compliance import ProofReport
    from asfledger.audit.replay import ReplayedState
    from asfledger.audit.trust import ChainCheck
    from asfledger.audit.verify import Verification
    from asfledger.history import Entry
    from asfledger.ledger import Ledger
    from asfledger.queries.event import EventInfo, StoredEventData
    from asfledger.queries.history_page import HistoryPage, HistoryRow, Subjects
    from asfledger.queries.report import BoardFold
    from asfledger.queries.snapshot import LookBack, Snapshot, TimelineLine
    from asfledger.readmodels import Tracked
    from projections.readmodel import ReadModel

M = TypeVar("M", bound="ReadModel")


class LedgerQueries:
    """What the ledger answers: its size and identity, the state as of a date or a
    position, a page of the history, one event, a partner's timeline, the proof, the
    trust check, the board's report."""

    # Set by ``Ledger.__init__``.
    store: ChainedRecorder
    mapper: Mapper[UUID]
    cipher: Cipher | None
    _now: Snapshot | None  # the state now, shared until the ledger grows (``snapshot``)
    _now_lock: threading.Lock
    _subjects: Subjects | None  # the subjects the history pages have named

    def last_recorded(self) -> datetime | None:
        """The recorded time of the last stored event (None: an empty ledger, or a last
        event whose time cannot be read)."""
        store = self.store
        size = store.chain_size()
        if not size:
            return None
        rows = store.select_chain(size - 1, 1)
        if not rows:
            return None
        for notification in store.select_notifications(start=rows[0].notification_id,
                                                        limit=1):
            state = notification.state
            try:
                if self.cipher is not None:
                    state = self.cipher.decrypt(state)
            except Exception:  # unreadable: verification says where
                return None
            key = time_key(state if isinstance(state, bytes) else str(state).encode())
            return None if key is None else datetime.fromisoformat(key.decode())
        return None

    def ledger_id(self) -> str:
        """The identity the ledger was given when it was created (for checkpoints)."""
        return self.store.ledger_id()

    def head(self) -> int:
        """The number of stored events (the position of the last one), from the audit
        chain: PostgreSQL's notification ids skip those of rolled-back writes."""
        return self.store.chain_size()

    def snapshot(self, look_back: LookBack | None = None, *,
                 models: Iterable[type[ReadModel]] = ()) -> Snapshot:
        """The state as of ``look_back`` (None: now), with ``models`` folded over the same
        events. The state now is replayed once per head: every screen, form and report
        that asks shares it."""
        from asfledger.queries.snapshot import load_snapshot

        head = self.head()
        models = tuple(models)
        now = look_back is None and not models
        if now and (kept := self.replayed_now(head)) is not None:
            return kept
        snapshot = load_snapshot(self.store, self.mapper, look_back, head=head, models=models)
        if now:
            with self._now_lock:
                self._now = snapshot
        return snapshot

    def replayed_now(self, head: int | None = None) -> Snapshot | None:
        """The state now if it was replayed since the ledger last grew (``head``: its size,
        if known); never replays (cheap enough for the UI thread)."""
        with self._now_lock:
            kept = self._now
        if kept is None or kept.head != (self.head() if head is None else head):
            return None
        return kept

    def partner_timeline(self, snapshot: Snapshot, org_nr: str, lang: str
                         ) -> list[TimelineLine]:
        """A partner's events and those of what concerns it, as far as ``snapshot`` goes,
        in the policy's words (``lang``), in recorded order."""
        from asfledger.queries.snapshot import partner_timeline

        return partner_timeline(self.store, self.mapper, snapshot, org_nr, lang)

    def history_page(self, page: int, keep: Callable[[HistoryRow], bool] | None = None, *,
                     until: int | None = None, newest_first: bool = True,
                     cancelled: Callable[[], bool] = lambda: False,
                     found: Callable[[HistoryPage], None] | None = None) -> HistoryPage:
        """Page ``page`` of the history (of the rows ``keep`` keeps), newest first unless
        ``newest_first`` is False, ending at position ``until`` (looking back); a filter's
        page as it stands is given to ``found`` while the scan goes on (``load_page``)."""
        from asfledger.queries.history_page import Subjects, load_page

        if self._subjects is None:
            self._subjects = Subjects(self.store, self.cipher)
        return load_page(self._subjects, page, keep, until=until, newest_first=newest_first,
                         cancelled=cancelled, found=found)

    def event(self, position: int, lang: str) -> EventInfo | None:
        """The event at ``position`` of the chain in the policy's words, with its fields and
        its link of the chain; None where there is none."""
        from asfledger.queries.event import read_event

        return read_event(self.store, self.mapper, position, lang)

    def event_data(self, position: int) -> StoredEventData | None:
        """The type, subject and fields of the event at ``position`` of the chain."""
        from asfledger.queries.event import event_data

        return event_data(self.store, self.mapper, position)

    def entries(self, until: date | None = None) -> Iterator[Entry]:
        """The history as readable entries (``asfledger events``), recorded on or before
        ``until``."""
        from asfledger.history import entries

        return entries(self.store, until=until, cipher=self.cipher)

    def chain_check(self, checkpoints: Sequence[Checkpoint] = ()) -> ChainCheck:
        """The strict trust check of the history against ``checkpoints``, to run beside a
        replay (``replayed``, ``prove``)."""
        from asfledger.audit.trust import ChainCheck

        return ChainCheck.of(self.store, checkpoints, self.cipher)

    def verify(self, checkpoints: Sequence[Checkpoint] = ()) -> Verification:
        """The stored chain, the ``checkpoints`` and the recorded times, checked."""
        from asfledger.audit.verify import verify

        return verify(self.store, checkpoints, cipher=self.cipher)

    def continues(self) -> Checkpoint | None:
        """The final checkpoint of the ledger this one was made from (``rekey``)."""
        from asfledger.security import continues

        return continues(self.store)

    def prove(self, *, as_of: date | None = None, check: ChainCheck | None = None,
              progress: Callable[[int], None] | None = None) -> ProofReport:
        """The compliance proof of the history (recorded on or before ``as_of``), with the
        trust check in the same pass (``check``, else against no checkpoint)."""
        from asfledger.audit.compliance import prove

        return prove(self.store, ledger_id=self.ledger_id(), as_of=as_of, cipher=self.cipher,
                     progress=progress, check=check or self.chain_check())

    def replayed(self, *, as_of: date | None = None, until: int | None = None,
                 check: ChainCheck | None = None) -> ReplayedState:
        """Every aggregate after the history up to ``as_of`` / position ``until`` (with
        ``check``, the trust check in the same pass)."""
        from asfledger.audit.replay import replay_state

        return replay_state(self.store, self.mapper, as_of=as_of, until_position=until,
                            check=check)

    def timeline(self, lang: str, *, as_of: date | None = None, until: int | None = None
                 ) -> Iterator[str]:
        """One line per event (``audit replay``), up to ``as_of`` / position ``until``."""
        from asfledger.audit.replay import timeline_lines

        return timeline_lines(self.store, self.mapper, lang, as_of=as_of,
                              until_position=until)

    def read_model(self, kind: type[M], *, start: Tracked[M] | None = None,
                   rebuilt: bool = False) -> Tracked[M]:
        """The saved read model ``kind`` caught up with the history (from ``start``, a state
        already read); ``rebuilt``: folded again from the whole history, and saved."""
        from asfledger.readmodels import catch_up, rebuild  # it imports this module

        ledger = cast("Ledger", self)
        return rebuild(ledger, kind) if rebuilt else catch_up(ledger, kind, start=start)

    def board_report(self, checkpoints: Sequence[Checkpoint] = (),
                     progress: Callable[[int], None] | None = None) -> BoardFold:
        """The board's report folded over the whole history, proven and trust-checked
        against ``checkpoints``: any period's figures can then be asked of it.
        ``progress(done)``: events done of twice the head (``fold_board``)."""
        from asfledger.queries.report import fold_board

        return fold_board(self.store, ledger_id=self.ledger_id(), cipher=self.cipher,
                          checkpoints=checkpoints, progress=progress)
