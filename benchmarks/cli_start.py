"""How fast the command line starts for the audit commands (SPEC §7: ``asfledger audit …``
and ``import`` start without importing Textual).

Each command runs in a fresh interpreter, several times; the median wall time is printed
beside the bare interpreter's start (``python -c pass``), the reference the ratio is
stated against. A separate run of each command (not timed) reports which modules of
Textual or of the UI it imported: none is the claim.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# What a run must not import: Textual (and Rich through it) and the UI package.
FORBIDDEN = ("textual", "tui")


@dataclass(frozen=True)
class Start:
    name: str
    argv: list[str]
    median_s: float
    runs: list[float]
    forbidden_modules: list[str] | None  # None: not checked (the reference runs)


def _script() -> str:
    """The installed ``asfledger`` entry point, as a user starts it."""
    return str(Path(sys.executable).with_name("asfledger"))


def _wall(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=env)
    return time.perf_counter() - started


# Runs the CLI's ``main`` with the given arguments, then writes the names of the imported
# modules of Textual and of the UI to the file named by the first argument.
_PROBE = """
import json, sys
out, argv = sys.argv[1], sys.argv[2:]
sys.argv = ["asfledger", *argv]
try:
    from asfledger.cli import main
    main()
except SystemExit:
    pass
forbidden = %r
names = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
with open(out, "w") as f:
    json.dump(names, f)
"""


def imported_forbidden(cli_args: list[str] | None, env: dict[str, str]) -> list[str]:
    """The modules of Textual or of the UI that ``asfledger *cli_args`` imports (``None``:
    ``import asfledger.cli`` only)."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "modules.json"
        if cli_args is None:
            code = (f"import json, sys; import asfledger.cli; json.dump(sorted(m for m in "
                    f"sys.modules if m.split('.')[0] in {FORBIDDEN!r}), open({str(out)!r}, "
                    f"'w'))")
            argv = [sys.executable, "-c", code]
        else:
            argv = [sys.executable, "-c", _PROBE % (FORBIDDEN,), str(out), *cli_args]
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, env=env)
        names: list[str] = json.loads(out.read_text())
        return names


def measure(db: str, jsonl: str, empty: str, repeat: int = 7) -> list[Start]:
    """Median start times; ``db`` is a small ledger the audit commands run on, ``jsonl``
    its commands, imported with ``--dry-run`` (which writes nothing) into ``empty``."""
    env = {**os.environ, "ASFLEDGER_DB": db, "ASFLEDGER_ACTOR": "benchmark"}
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    script = _script()
    cases: list[tuple[str, list[str], list[str] | None, bool]] = [
        # name, argv, CLI arguments for the module check, checked
        ("python -c pass (reference)", [sys.executable, "-c", "pass"], None, False),
        ("python -c 'import asfledger.cli'", [sys.executable, "-c", "import asfledger.cli"],
         None, True),
        ("asfledger --help", [script, "--help"], ["--help"], True),
        ("asfledger audit verify --help", [script, "audit", "verify", "--help"],
         ["audit", "verify", "--help"], True),
        ("asfledger audit compliance --help", [script, "audit", "compliance", "--help"],
         ["audit", "compliance", "--help"], True),
        ("asfledger import --help", [script, "import", "--help"], ["import", "--help"], True),
        ("asfledger audit verify (small ledger)", [script, "audit", "verify"],
         ["audit", "verify"], True),
        ("asfledger audit compliance (small ledger)", [script, "audit", "compliance"],
         ["audit", "compliance"], True),
        ("asfledger import --dry-run (small file)",
         [script, "--db", empty, "import", "--dry-run", jsonl],
         ["--db", empty, "import", "--dry-run", jsonl], True),
    ]
    for _name, argv, _args, _checked in cases:
        _wall(argv, env)  # warm the file cache (and compile .pyc) before timing
    runs: dict[str, list[float]] = {name: [] for name, *_ in cases}
    for _ in range(repeat):  # interleaved: a burst of load hits every command alike
        for name, argv, _args, _checked in cases:
            runs[name].append(_wall(argv, env))
    return [Start(name, argv, statistics.median(runs[name]), runs[name],
                  imported_forbidden(args, env) if checked else None)
            for name, argv, args, checked in cases]


def report(starts: list[Start]) -> dict[str, object]:
    reference = starts[0].median_s
    print("CLI start (fresh interpreter, median of "
          f"{len(starts[0].runs)}; ratio to `python -c pass`; Textual/UI modules imported):")
    rows: dict[str, object] = {}
    for s in starts:
        modules = ("" if s.forbidden_modules is None else
                   "no Textual" if not s.forbidden_modules else
                   f"IMPORTS {', '.join(s.forbidden_modules[:3])}…")
        print(f"  {s.name:<44} {s.median_s * 1000:>7.0f} ms  {s.median_s / reference:>5.1f}×  "
              f"{modules}".rstrip())
        rows[s.name] = {"median_s": s.median_s, "runs_s": s.runs,
                        "vs_python_pass": s.median_s / reference,
                        "forbidden_modules": s.forbidden_modules}
    return rows
