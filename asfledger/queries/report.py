"""The board's report folded once: the history fed to ``BoardReport`` and proven, so that
any period can then be asked without reading the history again (the report screen steps
through periods; ``asfledger report board`` asks one). Each pass over the history runs
the trust check as it reads (``asfledger.audit.trust``: the stored chain, the
checkpoints, the recorded times, every event readable): a history that fails it raises
``HistoryNotTrusted``, and no figures are made."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import Cipher

from asfledger.audit.chain_store import ChainedRecorder
from asfledger.audit.checkpoint import Checkpoint
from asfledger.audit.compliance import PROGRESS_EVERY, prove
from asfledger.audit.trust import ChainCheck
from asfledger.decode import ledger_events
from domain.values import Period
from projections.board_report import BoardReport, ComplianceFigures
from projections.events import LedgerEvent


@dataclass(frozen=True, slots=True)
class BoardFold:
    """The history folded for the board's report, as of ``head``."""

    head: int
    report: BoardReport
    compliance: ComplianceFigures

    def figures(self, period: Period) -> dict[str, Any]:
        """The SPEC §4 figures of ``period``, with the compliance section."""
        return self.report.figures(period, self.compliance)


def fold_board(store: ChainedRecorder, *, ledger_id: str, cipher: Cipher | None = None,
               checkpoints: Sequence[Checkpoint] = (),
               progress: Callable[[int], None] | None = None) -> BoardFold:
    """The history folded for the report, then proven. ``progress(done)`` is called every
    ``PROGRESS_EVERY`` events of each pass and at the end: ``done`` counts both passes
    (the report's, then the proof's), so it ends at twice the history's events; it may
    raise to stop the fold (the terminal UI's cancel key)."""
    events = ledger_events(store, cipher=cipher, check=ChainCheck.of(store, checkpoints,
                                                                     cipher))
    read = [0]
    if progress is not None:
        events = _counted(events, progress, read)
    report = BoardReport().feed_all(events)
    first = read[0]
    proof = prove(store, ledger_id=ledger_id, cipher=cipher,
                  check=ChainCheck.of(store, checkpoints, cipher),
                  progress=None if progress is None else
                  (lambda position: progress(first + position)))
    return BoardFold(proof.checkpoint.size, report, ComplianceFigures(
        violations=len(proof.proof.violations), events_examined=proof.proof.events,
        checkpoint=proof.checkpoint.text(), to_review=len(proof.proof.to_review),
        checkpoints_checked=len(checkpoints)))


def _counted(events: Iterator[LedgerEvent], progress: Callable[[int], None],
             read: list[int]) -> Iterator[LedgerEvent]:
    """``events``, calling ``progress`` every ``PROGRESS_EVERY`` positions and at the end;
    ``read[0]``: the last position passed on."""
    for event in events:
        read[0] = event.position
        if event.position % PROGRESS_EVERY == 0:
            progress(event.position)
        yield event
    progress(read[0])
