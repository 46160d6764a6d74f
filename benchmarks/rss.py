"""Peak memory of ``asfledger audit compliance`` (SPEC §7: the replay streams in constant
memory; the target here is a peak RSS of at most 300 MB at 1,000,000 events).

The real command (the CLI's ``main``, as the ``asfledger`` script runs it) runs in a
fresh interpreter on a cached ledger of each size; its peak resident set size is the
kernel's high-water mark of that process's own memory (``VmHWM``, see ``_CHILD``), so
nothing the benchmark itself holds is counted. On a large history ``audit compliance``
reads the rows, hashes them and runs the R7 scan in a second process
(``asfledger.audit.worker``): the resident memory of the command and its children is
sampled together while it runs, and that sum's peak is held against the target.
``import asfledger.cli`` alone and ``audit compliance`` on an empty ledger are printed
beside it: the fixed cost of the interpreter and the modules, which no streaming can
remove.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_MB = 300.0  # SPEC §7 as stated in the issue: peak RSS ≤ 300 MB at 1M events


@dataclass(frozen=True)
class Peak:
    name: str
    events: int
    peak_mb: float  # the command's own process (exact)
    children_mb: float  # the largest own peak of a child it started (sampled; 0: none)
    together_mb: float  # the command and its children at the same moment (sampled)
    seconds: float


# Runs the CLI's ``main`` (what the ``asfledger`` script runs), then writes the process's
# high-water mark of resident memory (VmHWM, kB) to the file named by the first argument.
# Not ``ru_maxrss``: on Linux a child's ``ru_maxrss`` starts at its parent's high-water
# mark when it is forked (it survives the ``exec``), so a child of a benchmark that has
# just imported a million events would report the benchmark's memory, not its own.
# VmHWM belongs to the memory map the ``exec`` made: the command's own peak.
_CHILD = """
import sys
out, argv = sys.argv[1], sys.argv[2:]
code = 0
try:
    if argv:
        sys.argv = ["asfledger", *argv]
        from asfledger.cli import main
        code = main()
    else:
        import asfledger.cli
except SystemExit as e:
    code = e.code
with open("/proc/self/status") as f:
    hwm = next(line.split()[1] for line in f if line.startswith("VmHWM:"))
with open(out, "w") as f:
    f.write(hwm)
sys.exit(code)
"""


def _status_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) of ``pid`` in kB; (0, 0) once it is gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if line.startswith("Vm"))
        return int(fields["VmRSS"].split()[0]), int(fields["VmHWM"].split()[0])
    except (OSError, KeyError, ValueError):
        return 0, 0


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return [int(c) for c in f.read().split()]
    except OSError:
        return []


SAMPLE_S = 0.02


def peak_rss(cli_args: list[str] | None,
             env: dict[str, str] | None = None) -> tuple[float, float, float, float]:
    """Run ``asfledger *cli_args`` (``None``: only ``import asfledger.cli``) in a fresh
    interpreter to its end. Returns, in MB (10⁶ bytes): the command's own peak RSS (exact,
    VmHWM at its exit), the largest own peak of a child it started (``audit compliance``
    reads and hashes the rows in a second process on a large history,
    ``asfledger.audit.worker.PageWorker``; VmHWM sampled every ``SAMPLE_S``), the peak of
    the sum of the resident memory of the command and its children at the same moment
    (sampled: what the command holds at once); and the wall time in seconds.

    Exit 0 is required (a proof with violations would exit 1 and is not a measurement).
    """
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "vmhwm"
        argv = [sys.executable, "-c", _CHILD, str(out), *(cli_args or [])]
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=env)
        child_hwm: dict[int, int] = {}
        tree_peak = 0
        while proc.poll() is None:
            own_rss, _ = _status_kb(proc.pid)
            tree = own_rss
            for child in _children(proc.pid):
                rss, hwm = _status_kb(child)
                tree += rss
                child_hwm[child] = max(child_hwm.get(child, 0), hwm)
            tree_peak = max(tree_peak, tree)
            time.sleep(SAMPLE_S)
        seconds = time.perf_counter() - started
        assert proc.stderr is not None
        err = proc.stderr.read()
        proc.stderr.close()
        if proc.returncode != 0:
            raise RuntimeError(f"asfledger {' '.join(cli_args or [])} exited "
                               f"{proc.returncode}: {err.decode()}")
        own = int(out.read_text().split()[0])
        children = max(child_hwm.values(), default=0)
        return own * 1024 / 1e6, children * 1024 / 1e6, max(tree_peak, own) * 1024 / 1e6, \
            seconds


def measure(ledgers: dict[int, str], empty: str) -> list[Peak]:
    """``ledgers``: events → a ledger of that size; ``empty``: a path for an empty one."""
    env = {**os.environ, "ASFLEDGER_ACTOR": "benchmark"}
    peaks = [Peak("python -c 'import asfledger.cli'", 0, *peak_rss(None, env))]
    Path(empty).unlink(missing_ok=True)
    Path(empty).touch()  # a zero-length file is an empty ledger, read without writing
    peaks.append(Peak("audit compliance, empty ledger", 0,
                      *peak_rss(["--db", empty, "audit", "compliance", "--format", "json"],
                                env)))
    for events, db in sorted(ledgers.items()):
        peaks.append(Peak("audit compliance", events, *peak_rss(
            ["--db", db, "audit", "compliance", "--format", "json"], env)))
    return peaks


def measure_import(jsonl: Path, events: int, db: str, store: str) -> Peak:
    """``asfledger --db DB import --quiet JSONL`` into an empty ledger: the streamed import
    (decoded, decided and written in chunks inside one transaction)."""
    env = {**os.environ, "ASFLEDGER_ACTOR": "benchmark"}
    return Peak(f"import ({store})", events,
                *peak_rss(["--db", db, "import", "--quiet", str(jsonl)], env))


def report(peaks: list[Peak]) -> dict[str, object]:
    print(f"Peak RSS of `asfledger audit compliance` and `asfledger import`, a fresh "
          f"interpreter per run (target ≤ {TARGET_MB:.0f} MB at 1,000,000 events):")
    print(f"  {'':<40} {'own':>7} {'child':>7} {'together':>9}")
    rows: dict[str, object] = {}
    for p in peaks:
        label = f"{p.name}" + (f", {p.events:,} events" if p.events else "")
        verdict = ""
        if p.events >= 1_000_000:
            verdict = "met" if p.together_mb <= TARGET_MB else "NOT met"
        print(f"  {label:<40} {p.peak_mb:>7.1f} {p.children_mb:>7.1f} {p.together_mb:>9.1f} MB"
              f"  ({p.seconds:5.1f} s)  {verdict}".rstrip())
        rows[label] = {"events": p.events, "peak_rss_mb": p.peak_mb,
                       "children_peak_rss_mb": p.children_mb,
                       "together_peak_rss_mb": p.together_mb, "seconds": p.seconds}
    return rows
