"""A writer process for the concurrency tests: runs ``asfledger`` (``cli.run``, exactly
what ``python -m asfledger`` runs) in step with other writers, through files in SYNC_DIR.

    python writer.py SYNC_DIR NAME [--start] [--after-decide F1,F2,…] -- ASFLEDGER ARGS…

``--start``: everything is imported first, then ``NAME.ready`` is written and the writer
waits for ``go``: writers released by the same ``go`` start within milliseconds.

``--after-decide``: before the N-th decision of the batch, ``NAME.deciding.N`` is written
(so a retry shows as ``deciding.2``), after it ``NAME.decided.N``; then the writer waits
for file FN (``-``: do not wait) before it saves. Two writers that wait for each other's
``decided.1`` have both decided on the same state and race to save: the exact moment a
real conflict needs.
Only the timing is arranged; the decision, the save and the retry are the ledger's own.

Exit code: the command's; 99 if a file it waited for never came (a test failure).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import asfledger.importer  # noqa: F401  (imported before the start line, not after)
from asfledger.cli import run
from asfledger.ledger import Ledger, _Workspace
from domain.commands import Command

WAIT_S = 30.0


def wait_for(path: Path, name: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not path.exists():
        if time.monotonic() > deadline:
            print(f"writer {name}: gave up waiting for {path.name}", file=sys.stderr)
            sys.stderr.flush()
            sys.exit(99)
        time.sleep(0.002)


def main(argv: list[str]) -> int:
    split = argv.index("--")
    options, args = argv[:split], argv[split + 1:]
    sync, name = Path(options[0]), options[1]
    start = "--start" in options
    waits: list[str] = []
    if "--after-decide" in options:
        waits = options[options.index("--after-decide") + 1].split(",")

    if waits:
        decide = Ledger._decide
        calls = 0

        def decide_in_step(self: Ledger, batch: list[Command]) -> _Workspace:
            nonlocal calls
            calls += 1
            (sync / f"{name}.deciding.{calls}").touch()
            workspace = decide(self, batch)
            (sync / f"{name}.decided.{calls}").touch()
            if calls <= len(waits) and waits[calls - 1] != "-":
                wait_for(sync / waits[calls - 1], name)
            return workspace

        Ledger._decide = decide_in_step  # type: ignore[method-assign]

    if start:
        (sync / f"{name}.ready").touch()
        wait_for(sync / "go", name)
    return run(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
