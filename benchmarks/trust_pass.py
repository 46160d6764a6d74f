"""``uv run python -m benchmarks.trust_pass`` — what the trust pass costs the proof.

``audit compliance`` checks the history in the same streaming pass as its replay
(``asfledger.audit.trust.ChainCheck``: each page's chain against the stored chain, the
recorded times, the checkpoints). This times, in interleaved rounds on the cached ledger
of ``--events`` events (``benchmarks.ledgers``), on the same file in one run:

- the raw ``sqlite3`` scan of the events table (the floor),
- the proof without the check (the replay as it was before the trust pass),
- the proof with the check (what ``audit compliance`` runs now), against one checkpoint,
- ``audit verify`` (SPEC §7: at least a quarter of the raw scan too).

It prints the medians and the best of ``--repeat`` rounds, events per second, the ratios
to the raw scan (SPEC §7: at least a quarter) and the check's cost; then the same three
in CPU seconds of this process with the whole replay here (no worker), which a loaded
machine disturbs less than wall time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from asfledger.audit import compliance
from asfledger.audit.compliance import prove
from asfledger.audit.trust import ChainCheck
from asfledger.audit.verify import verify
from asfledger.ledger import Ledger
from benchmarks import ledgers
from benchmarks.replay import raw_scan, timed


def _proof(path: str, *, checked: bool) -> Callable[[], int]:
    with Ledger(path, read_only=True) as ledger:
        checkpoint = verify(ledger.store).checkpoint()

    def run() -> int:
        with Ledger(path, read_only=True) as ledger:
            check = ChainCheck.of(ledger.store, [checkpoint]) if checked else None
            report = prove(ledger.store, ledger_id=ledger.ledger_id(), check=check)
        assert report.proven
        return report.proof.events

    return run


def _verify(path: str) -> Callable[[], int]:
    def run() -> int:
        with Ledger(path, read_only=True) as ledger:
            found = verify(ledger.store)
        assert found.ok
        return found.size

    return run


def _cpu(run: Callable[[], int]) -> float:
    started = time.process_time()
    run()
    return time.process_time() - started


def _used(who: int) -> float:
    used = resource.getrusage(who)
    return used.ru_utime + used.ru_stime


def _two_processes(run: Callable[[], int]) -> tuple[float, float]:
    """CPU seconds of this process and of the replay's worker (a child, counted once it
    has been waited for) during ``run``."""
    main, worker = _used(resource.RUSAGE_SELF), _used(resource.RUSAGE_CHILDREN)
    run()
    return _used(resource.RUSAGE_SELF) - main, _used(resource.RUSAGE_CHILDREN) - worker


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.trust_pass")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = ledgers.cached_sqlite(Path(tempfile.gettempdir()) / "asf-bench", args.events)
    runs: dict[str, Callable[[], int]] = {
        "raw_scan": lambda: raw_scan(path),
        "replay_unchecked": _proof(path, checked=False),
        "replay_checked": _proof(path, checked=True),
        "verify": _verify(path),
    }
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    split: list[tuple[float, float]] = []  # the checked replay's two processes, CPU s
    raw_cpu: list[float] = []
    events = 0
    for _ in range(args.repeat):
        for name, run in runs.items():
            events, took = timed(run)
            seconds[name].append(took)
        split.append(_two_processes(runs["replay_checked"]))
        raw_cpu.append(_two_processes(runs["raw_scan"])[0])
    print(f"{events:,} events, {args.repeat} interleaved rounds (events/s: median, best)")
    rate: dict[str, float] = {}
    for name, rounds in seconds.items():
        rate[name] = events / statistics.median(rounds)
        print(f"  {name:<18} {rate[name]:>12,.0f}  {events / min(rounds):>12,.0f}")
    for name in ("replay_unchecked", "replay_checked", "verify"):
        print(f"  {name} / raw_scan: {rate[name] / rate['raw_scan']:.3f} (median), "
              f"{min(seconds['raw_scan']) / min(seconds[name]):.3f} (best)")
    cost = statistics.median(seconds["replay_checked"]) / statistics.median(
        seconds["replay_unchecked"]) - 1
    print(f"  the trust pass costs {100 * cost:+.1f} % of the replay's time (medians)")
    main = statistics.median(m for m, _ in split)
    worker = statistics.median(w for _, w in split)
    print(f"  checked replay CPU (median): main {main:.3f} s, worker {worker:.3f} s; "
          f"raw scan {statistics.median(raw_cpu):.3f} s; raw scan / the larger "
          f"{statistics.median(raw_cpu) / max(main, worker):.3f}")
    compliance.WORKER_FROM = 10**12  # the whole replay in this process: its CPU is all here
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(args.repeat):
        for name, run in runs.items():
            cpu[name].append(_cpu(run))
    print("CPU seconds in one process (median): " + ", ".join(
        f"{name} {statistics.median(took):.3f}" for name, took in cpu.items()))
    median = {name: statistics.median(took) for name, took in cpu.items()}
    print(f"  the trust pass costs "
          f"{100 * (median['replay_checked'] / median['replay_unchecked'] - 1):+.1f} % CPU; "
          f"raw scan / checked replay in CPU: "
          f"{median['raw_scan'] / median['replay_checked']:.3f}")


if __name__ == "__main__":
    main()
