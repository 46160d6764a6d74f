"""``uv run python -m benchmarks`` — print a table of side-by-side measurements.

Ratios, not absolute times, are the claims: the machine is shared and noisy, so each
comparison is measured in the same run on the same file.
"""

from __future__ import annotations

import argparse
import json
import platform
import tempfile
from pathlib import Path

from benchmarks import ledgers, replay


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "asf-bench")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/latest.json"))
    parser.add_argument("--ui", action="store_true",
                        help="measure only how fast the terminal UI shows the dashboard "
                             "(first open vs later opens); written to ui_open.json")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.ui:
        from benchmarks import ui_open  # imports Textual: only when asked

        measured = ui_open.report(ui_open.measure(args.cache, args.events))
        out = args.out.with_name("ui_open.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(measured, indent=2) + "\n")
        return
    results: dict[str, float] = {}

    fresh = args.cache / "import-fresh.sqlite"
    fresh.unlink(missing_ok=True)
    built = ledgers.build(str(fresh), args.events)
    results["import_events_per_s"] = built.events / built.import_seconds
    path = str(fresh)

    n_raw, t_raw = replay.timed(lambda: replay.raw_scan(path))
    n_ours, t_ours = replay.timed(lambda: replay.asfledger_replay(path))
    n_ver, t_ver = replay.timed(lambda: replay.asfledger_verify(path))
    default_db = str(args.cache / "default-path.sqlite")
    replay.default_path_copy(path, default_db)
    n_def, t_def = replay.timed(lambda: replay.default_replay(default_db))
    assert n_raw == n_ours == n_ver == n_def == built.events
    results.update({
        "events": built.events,
        "raw_scan_events_per_s": n_raw / t_raw,
        "compliance_replay_events_per_s": n_ours / t_ours,
        "default_path_replay_events_per_s": n_def / t_def,
        "verify_events_per_s": n_ver / t_ver,
    })
    results["replay_vs_raw_scan"] = results["compliance_replay_events_per_s"] / results[
        "raw_scan_events_per_s"]
    results["replay_vs_default_path"] = results["compliance_replay_events_per_s"] / results[
        "default_path_replay_events_per_s"]

    print(f"machine: {platform.machine()} {platform.python_implementation()} "
          f"{platform.python_version()}, {built.events} events "
          f"({built.commands} commands, {built.jsonl_bytes / 1e6:.1f} MB JSONL)")
    for key, value in results.items():
        print(f"{key:<36} {value:>14,.2f}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
