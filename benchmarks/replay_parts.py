"""``uv run python -m benchmarks.replay_parts`` — the compliance replay's main process,
timed alone, beside the raw scan.

The replay runs in two processes (``asfledger.audit.compliance``). On two cores its wall
time is at least that of the busier one, and the main process is the busier one. This
measures its own part on the cached 100,000-event ledger: the worker's pages are made
ahead (``read_page``, as the worker makes them, sent through ``marshal`` as the worker
sends them), then ``ProofReplay.page`` replays them. That is loading the rows, linking
the chain, decoding and checking. It is timed with the link and without it (the link
done elsewhere). Rounds are interleaved with a raw ``sqlite3`` scan of the same file;
medians and minimums are printed. Neither the worker nor the process's start is in it.
"""

from __future__ import annotations

import argparse
import marshal
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from asfledger.audit.pages import Chain, ReadPage, read_page
from asfledger.audit.proof_replay import ProofReplay
from benchmarks import ledgers
from benchmarks.replay import raw_scan
from projections.compliance import ComplianceProof

if TYPE_CHECKING:
    from asfledger.audit.pages import Row


class _LinkedElsewhere(Chain):
    """A chain whose links are already made: ``link`` only joins the hashes it is given."""

    def link(self, digests: Sequence[bytes]) -> bytes:
        return b"".join(digests)


def _pages(path: str, size: int) -> list[list[Row]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        select = ("SELECT rowid, originator_id, originator_version, topic, state "
                  "FROM stored_events WHERE rowid > ? ORDER BY rowid LIMIT ?")
        pages: list[list[Row]] = []
        after = 0
        while rows := conn.execute(select, (after, size)).fetchall():
            pages.append(rows)
            after = rows[-1][0]
        return pages
    finally:
        conn.close()


def _main_part(first: list[Row], sent: list[bytes], *, link: bool) -> float:
    """Seconds ``ProofReplay.page`` takes over the pages after the first, as sent."""
    replay = ProofReplay(ComplianceProof(), cipher=None, as_of=None)
    replay.page(replay.read_here(first))  # as prove() does: the proof has its first event
    if not link:
        chain = _LinkedElsewhere(replay._chain.position, replay._chain.previous)
        replay._chain = chain  # a diagnostic: the one place that reaches inside
    started = time.perf_counter()
    for payload in sent:
        replay.page(ReadPage.from_tuple(marshal.loads(payload)))
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "asf-bench")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    path = ledgers.cached_sqlite(args.cache, args.events)
    pages = _pages(path, 2000)
    sieve = ProofReplay(ComplianceProof(), cipher=None, as_of=None).sieve_from_first
    chain = Chain()
    sent = [marshal.dumps(read_page(chain, rows, sieve).as_tuple()) for rows in pages[1:]]
    rows = sum(len(page) for page in pages[1:])
    times: dict[str, list[float]] = {"raw sqlite3 scan (every row)": [],
                                     "main process, with the link": [],
                                     "main process, the link elsewhere": []}
    for _ in range(args.rounds):
        started = time.perf_counter()
        raw_scan(path)
        times["raw sqlite3 scan (every row)"].append(time.perf_counter() - started)
        times["main process, with the link"].append(_main_part(pages[0], sent, link=True))
        times["main process, the link elsewhere"].append(
            _main_part(pages[0], sent, link=False))
    print(f"{args.events:,} events; the main process's part over the {rows:,} rows after "
          f"the first page; {args.rounds} interleaved rounds:")
    for label, seconds in times.items():
        print(f"  {label:<36} median {statistics.median(seconds) * 1000:6.1f} ms"
              f"   min {min(seconds) * 1000:6.1f} ms")


if __name__ == "__main__":
    main()
