"""``uv run python -m benchmarks`` — print a table of side-by-side measurements.

Ratios, not absolute times, are the claims: the machine is shared and noisy, so each
comparison is measured in the same run on the same file (or the same server).

Sections (none named: ``--sqlite``; ``--all``: every one):

``--sqlite``    import, then the compliance replay beside a raw ``sqlite3`` scan, the
                eventsourcing default JSON path and ``audit verify``
``--postgres``  the same import (one all-or-nothing import; the same into SQLite
                beside it) and replay on a fresh PostgreSQL ledger, beside a
                raw ``psycopg`` scan (skipped, saying why, when no server answers)
``--rss``       peak RSS of ``asfledger audit compliance`` in a child process per size
``--cli``       start time of the audit and import commands; no Textual imported
``--ui``        how fast the terminal UI shows the dashboard (``benchmarks/ui_open.py``)
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from asfledger.storage import safe_location
from benchmarks import ledgers, replay

# PostgreSQL last: a hung import there stops the process (see postgres.HANG_S), and the
# sections before it are already written.
SECTIONS = ("sqlite", "rss", "cli", "ui", "postgres")

# SPEC §7, as the owner set them in issue 18: the proof stays strict and pure Python, and
# on two cores about a quarter of the raw scan is the floor to keep (it was a third, and
# 200,000 events/s, which a noisy shared machine cannot judge).
VS_RAW_TARGET = 0.25
VERIFY_VS_RAW_TARGET = 0.25
VS_DEFAULT_TARGET = 2.5
PG_REPLAY_VS_RAW_TARGET = 0.25  # the replay on PostgreSQL / a raw psycopg scan
PG_IMPORT_VS_SQLITE_TARGET = 0.8  # the import on PostgreSQL / the same into SQLite
UI_TARGET_S = 1.5


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run_sqlite(args: argparse.Namespace) -> dict[str, Any]:
    events, cache = args.events, args.cache
    jsonl = ledgers.cached_jsonl(cache, events)
    results: dict[str, Any] = {}
    data = jsonl.read_bytes()
    if not args.no_import or not ledgers.cached_path(cache, events).exists():
        scratch = cache / f".import-{os.getpid()}-{events}.sqlite"
        ledgers.remove_sqlite(scratch)
        built = ledgers.import_file(str(scratch), data)
        ledgers.keep(cache, built, events)  # the first import becomes the cached ledger
        ledgers.remove_sqlite(scratch)
        results["commands"] = built.commands
        results["import_events_per_s"] = built.events / built.import_seconds
    path = ledgers.cached_sqlite(cache, events)
    default_db = cache / f"default-path-{events}-1.sqlite"
    if not default_db.exists():
        scratch_default = cache / f".default-path-{os.getpid()}-{events}.sqlite"
        replay.default_path_copy(path, str(scratch_default))
        os.replace(scratch_default, default_db)
    # Interleaved rounds, best of each: a burst of load from other work on the machine
    # hits every measurement alike instead of one of them.
    rounds: dict[str, list[float]] = {k: [] for k in ("raw", "ours", "verify", "default")}
    counts: dict[str, int] = {}
    cpu = replay.CPU()
    for _ in range(args.repeat):
        for key, fn in (("raw", lambda: replay.raw_scan(path)),
                        ("ours", lambda: cpu.replay(path)),
                        ("verify", lambda: replay.asfledger_verify(path)),
                        ("default", lambda: replay.default_replay(str(default_db)))):
            n, seconds = replay.timed(fn)
            counts[key] = n
            rounds[key].append(n / seconds)
    assert len(set(counts.values())) == 1, counts
    # After the timed rounds, not among them: a replay without the worker just before the
    # raw scan was seen to slow the scan down (a larger heap), which flattered the ratio.
    for _ in range(args.repeat):
        cpu.replay_in_one_process(path)
    best = {key: max(rates) for key, rates in rounds.items()}
    results.update({
        "events": counts["ours"],
        "jsonl_mb": len(data) / 1e6,
        "raw_scan_events_per_s": best["raw"],
        "compliance_replay_events_per_s": best["ours"],
        "default_path_replay_events_per_s": best["default"],
        "verify_events_per_s": best["verify"],
        "replay_vs_raw_scan": best["ours"] / best["raw"],
        "verify_vs_raw_scan": best["verify"] / best["raw"],
        "replay_vs_default_path": best["ours"] / best["default"],
        **cpu.medians(),
        "rounds": rounds,
    })
    r = results
    commands = r.get("commands") or sum(1 for line in data.splitlines() if line.strip())
    print(f"SQLite, {r['events']:,} events ({commands:,} commands, "
          f"{r['jsonl_mb']:.1f} MB JSONL), best of {args.repeat}:")
    if "import_events_per_s" in r:
        _row("import (one all-or-nothing transaction)", r["import_events_per_s"], "events/s")
    else:
        print("  import: not measured (--no-import, cached ledger)")
    _row("raw sqlite3 scan (physical floor)", r["raw_scan_events_per_s"], "events/s")
    _row("audit compliance replay", r["compliance_replay_events_per_s"], "events/s")
    _row("eventsourcing default JSON path", r["default_path_replay_events_per_s"], "events/s")
    _row("audit verify", r["verify_events_per_s"], "events/s")
    _row("replay / raw scan", r["replay_vs_raw_scan"], "×", f"target ≥ {VS_RAW_TARGET}",
         r["replay_vs_raw_scan"] >= VS_RAW_TARGET)
    _row("verify / raw scan", r["verify_vs_raw_scan"], "×",
         f"target ≥ {VERIFY_VS_RAW_TARGET}", r["verify_vs_raw_scan"] >= VERIFY_VS_RAW_TARGET)
    _row("replay / default JSON path", r["replay_vs_default_path"], "×",
         f"target ≥ {VS_DEFAULT_TARGET}", r["replay_vs_default_path"] >= VS_DEFAULT_TARGET)
    # Where the replay's time goes (medians): on two cores its wall time is at least the
    # larger of the two processes' CPU time, and at least half their sum.
    print(f"  replay CPU, median: main {r['replay_cpu_main_s'] * 1000:,.0f} ms, worker "
          f"{r['replay_cpu_worker_s'] * 1000:,.0f} ms; in one process "
          f"{r['replay_in_one_process_cpu_s'] * 1000:,.0f} ms; raw scan "
          f"{r['events'] / r['raw_scan_events_per_s'] * 1000:,.0f} ms (best)")
    return results


def _row(label: str, value: float, unit: str, target: str = "",
         met: bool | None = None) -> None:
    number = f"{value:>12,.0f}" if unit == "events/s" else f"{value:>12.2f}"
    verdict = "" if met is None else ("met" if met else "NOT met")
    print(f"  {label:<42}{number} {unit:<9} {target:<20} {verdict}".rstrip())


def run_postgres(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks import postgres

    url = args.postgres_url or postgres.server_url()
    reason = postgres.unavailable(url)
    if reason is not None:
        print(f"PostgreSQL: skipped — {reason}")
        return {"skipped": reason}
    data = ledgers.cached_jsonl(args.cache, args.events).read_bytes()
    scratch = (None if args.no_sqlite_reference
               else args.cache / f".parts-{os.getpid()}.sqlite")
    measured = postgres.measure(url, data, scratch, rounds=args.repeat)
    impl = postgres.client()
    r: dict[str, Any] = {**measured.as_dict(), "url": url, "client": impl}
    print(f"PostgreSQL ({url}, fresh schema; {impl}), {measured.events:,} events, "
          f"best of {args.repeat}:")
    parts = (f"{measured.imports} imports of ≤ {postgres.IMPORT_LINES:,} lines"
             if measured.imports > 1 else "one import")
    _row(f"import ({parts})", r["import_events_per_s"], "events/s")
    _row("  the first, into the empty ledger", r["first_import_events_per_s"], "events/s")
    _row("  the same parts into SQLite", r["sqlite_parts_import_events_per_s"],
         "events/s")
    _row("import / the same on SQLite", r["import_vs_sqlite_parts"], "×",
         f"target ≥ {PG_IMPORT_VS_SQLITE_TARGET}",
         r["import_vs_sqlite_parts"] >= PG_IMPORT_VS_SQLITE_TARGET)
    _row("raw psycopg scan (physical floor)", r["raw_scan_events_per_s"], "events/s")
    _row("audit compliance replay", r["compliance_replay_events_per_s"], "events/s")
    _row("audit verify", r["verify_events_per_s"], "events/s")
    _row("replay / raw scan", r["replay_vs_raw_scan"], "×",
         f"target ≥ {PG_REPLAY_VS_RAW_TARGET}",
         r["replay_vs_raw_scan"] >= PG_REPLAY_VS_RAW_TARGET)
    return r


def run_rss(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks import rss

    sizes = sorted({int(s) for s in args.rss_events.split(",")})
    import_sizes = sorted({int(s) for s in args.rss_import_events.split(",") if s})
    imports: list[rss.Peak] = []
    for n in import_sizes:  # first: the SQLite import becomes the cached ledger
        jsonl = ledgers.cached_jsonl(args.cache, n)
        scratch = args.cache / f".rss-import-{os.getpid()}-{n}.sqlite"
        ledgers.remove_sqlite(scratch)
        try:
            imports.append(rss.measure_import(jsonl, n, str(scratch), "SQLite"))
            if not ledgers.cached_path(args.cache, n).exists():
                ledgers.keep(args.cache, ledgers.Built(str(scratch), 0, n, 0, 0.0), n)
        finally:
            ledgers.remove_sqlite(scratch)
        imports.append(_pg_import_peak(args, jsonl, n))
    dbs = {n: ledgers.cached_sqlite(args.cache, n) for n in sizes}
    empty = args.cache / f".empty-{os.getpid()}.sqlite"
    try:
        peaks = rss.measure(dbs, str(empty))
    finally:
        ledgers.remove_sqlite(empty)
    return rss.report(peaks + [p for p in imports if p.events])


def _pg_import_peak(args: argparse.Namespace, jsonl: Path, events: int) -> Any:
    """The same import into a fresh PostgreSQL schema (a Peak of 0 events: not measured,
    no server)."""
    from benchmarks import postgres, rss

    url = args.postgres_url or postgres.server_url()
    if postgres.unavailable(url) is not None:
        return rss.Peak("import (PostgreSQL): no server", 0, 0, 0, 0, 0)
    with postgres.fresh_schema(url) as (ledger_url, _):
        return rss.measure_import(jsonl, events, ledger_url, "PostgreSQL")


def run_cli(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks import cli_start

    small = ledgers.cached_sqlite(args.cache, 1000)
    jsonl = ledgers.cached_jsonl(args.cache, 1000)
    empty = args.cache / f".empty-cli-{os.getpid()}.sqlite"
    try:
        starts = cli_start.measure(small, str(jsonl), str(empty), repeat=args.cli_repeat)
    finally:
        ledgers.remove_sqlite(empty)
    return cli_start.report(starts)


def run_ui(args: argparse.Namespace) -> dict[str, Any]:
    from benchmarks import ui_open, ui_pilot  # imports Textual: only when asked

    result: dict[str, Any] = {}
    if not args.ui_pilot_only:
        measured = ui_open.report(ui_open.measure(args.cache, args.ui_events))
        out = args.out.with_name("ui_open.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(measured, indent=2) + "\n")
        result.update(measured)
        print()
    if not args.no_ui_sqlite:
        driven = ui_pilot.measure(ledgers.cached_sqlite(args.cache, args.ui_events),
                                  history_only=args.ui_history_only)
        ui_pilot.report("SQLite", driven)
        result["pilot_sqlite"] = driven
    if not args.no_ui_postgres:
        from benchmarks import pg_ledgers, postgres

        url = args.postgres_url or postgres.server_url()
        reason = postgres.unavailable(url)
        if reason is not None:
            print(f"UI on PostgreSQL: not measured: {reason}")
            return result
        # The same events as the SQLite ledger, copied once into a schema kept for later
        # runs (importing a million events into PostgreSQL takes most of an hour).
        ledger_url = pg_ledgers.cached_postgres(url, args.cache, args.ui_events)
        print()
        driven = ui_pilot.measure(ledger_url, history_only=args.ui_history_only)
        ui_pilot.report("PostgreSQL", driven)
        result["pilot_postgres"] = driven
        result["pilot_postgres_ledger"] = (f"{safe_location(url)}?schema="
                                           f"{pg_ledgers.schema_for(args.ui_events)}")
    return result


RUNNERS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {
    "sqlite": run_sqlite, "postgres": run_postgres, "rss": run_rss, "cli": run_cli,
    "ui": run_ui}


def summary(results: dict[str, Any]) -> list[str]:
    """Each SPEC §7 target this run measured: value, target, met or not."""
    lines = []

    def line(what: str, value: str, target: str, met: bool) -> None:
        lines.append(f"  {what:<52}{value:>12}  {target:<18} {'met' if met else 'NOT met'}")

    sq = results.get("sqlite")
    if sq and "failed" not in sq:
        v = sq["replay_vs_raw_scan"]
        line("SQLite replay / raw sqlite3 scan", f"{v:.2f}", f"≥ {VS_RAW_TARGET}",
             v >= VS_RAW_TARGET)
        v = sq["replay_vs_default_path"]
        line("SQLite replay / default JSON path", f"{v:.2f}×", f"≥ {VS_DEFAULT_TARGET}×",
             v >= VS_DEFAULT_TARGET)
        v = sq["verify_vs_raw_scan"]
        line("SQLite audit verify / raw sqlite3 scan", f"{v:.2f}", f"≥ {VERIFY_VS_RAW_TARGET}",
             v >= VERIFY_VS_RAW_TARGET)
    pg = results.get("postgres")
    if pg and "failed" not in pg and "skipped" not in pg:
        v = pg["replay_vs_raw_scan"]
        line("PostgreSQL replay / raw psycopg scan", f"{v:.2f}",
             f"≥ {PG_REPLAY_VS_RAW_TARGET}", v >= PG_REPLAY_VS_RAW_TARGET)
        v = pg["import_vs_sqlite_parts"]
        line("PostgreSQL import / SQLite import", f"{v:.2f}",
             f"≥ {PG_IMPORT_VS_SQLITE_TARGET}", v >= PG_IMPORT_VS_SQLITE_TARGET)
    peaks = results.get("rss")
    if peaks and "failed" not in peaks:
        from benchmarks.rss import TARGET_MB

        for label, p in peaks.items():
            if p["events"] >= 1_000_000:
                line(f"peak RSS, {label}",
                     f"{p['together_peak_rss_mb']:.0f} MB", f"≤ {TARGET_MB:.0f} MB",
                     p["together_peak_rss_mb"] <= TARGET_MB)
    starts = results.get("cli")
    if starts and "failed" not in starts:
        checked = [s for s in starts.values() if s["forbidden_modules"] is not None]
        clean = all(not s["forbidden_modules"] for s in checked)
        line("audit/import start without Textual", f"{len(checked)} commands", "no Textual",
             clean)
    ui = results.get("ui")
    if ui and "failed" not in ui:
        if "ui_later_open_s" in ui:
            v = ui["ui_later_open_s"]
            line(f"UI open, {ui['ui_events']:,} events (later opens)", f"{v:.3f} s",
                 f"< {UI_TARGET_S} s", v < UI_TARGET_S)
        for key, what in (("ui_first_open_s", "first open"),
                          ("ui_cold_open_s", "cold open")):
            if key in ui:
                v = ui[key]
                line(f"UI open, {ui['ui_events']:,} events ({what})", f"{v:.3f} s",
                     f"< {UI_TARGET_S} s", v < UI_TARGET_S)
        for store in ("sqlite", "postgres"):
            driven = ui.get(f"pilot_{store}")
            if not driven:
                continue
            name = "SQLite" if store == "sqlite" else "PostgreSQL"
            for key, what, target in (
                    ("open_s", "open", UI_TARGET_S),
                    ("page_move_s", "history page move", 0.1),
                    ("jump_to_end_s", "history jump to end", 0.1),
                    ("filter_keystroke_s", "history filter keystroke", 0.1)):
                v = driven[key]
                line(f"UI {name}, {driven['events']:,} ev: {what}", f"{v * 1000:,.0f} ms",
                     f"≤ {target * 1000:,.0f} ms", v <= target)
            for key, seconds, what in (
                    ("board_report_progress", "board_report_first_progress_s",
                     "board report: progress after"),
                    ("board_report_cancel_key", "board_report_cancel_s",
                     "board report: escape stops it after"),
                    ("compliance_progress", "compliance_first_progress_s",
                     "compliance view: progress after"),
                    ("compliance_cancel_key", "compliance_cancel_s",
                     "compliance view: escape stops it after")):
                if key in driven:  # not with --ui-history-only
                    after = f" {_seconds(driven[seconds])}" if driven[key] else ""
                    line(f"UI {name}: {what}", f"{'yes' if driven[key] else 'no'}{after}",
                         "yes", bool(driven[key]))
            for seconds, what in (("board_report_shown_s", "board report: figures shown after"),
                                  ("compliance_done_s", "compliance view: proof done after")):
                if seconds in driven:  # information: no target
                    lines.append(f"  {f'UI {name}: {what}':<52}"
                                 f"{_seconds(driven[seconds]):>12}  (no target)")
    return lines


def _seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 10 else f"{value:,.1f} s"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in SECTIONS:
        parser.add_argument(f"--{name}", action="store_true",
                            help=f"run the {name} section")
    parser.add_argument("--all", action="store_true", help="run every section")
    parser.add_argument("--events", type=int, default=100_000,
                        help="ledger size for --sqlite and --postgres (default 100000)")
    parser.add_argument("--rss-events", default="10000,100000,1000000",
                        help="ledger sizes for --rss, comma-separated")
    parser.add_argument("--rss-import-events", default="1000000",
                        help="sizes of the imports whose peak RSS --rss measures, on SQLite "
                             "and PostgreSQL (comma-separated; empty: none)")
    parser.add_argument("--ui-events", type=int, default=100_000)
    parser.add_argument("--no-ui-postgres", action="store_true",
                        help="--ui: drive the UI on SQLite only")
    parser.add_argument("--no-ui-sqlite", action="store_true",
                        help="--ui: drive the UI on PostgreSQL only")
    parser.add_argument("--ui-pilot-only", action="store_true",
                        help="--ui: only the UI driven by Pilot (on the cached ledger), not "
                             "the opens after a new CLI import")
    parser.add_argument("--ui-history-only", action="store_true",
                        help="--ui: drive the opening and the history only, not the board "
                             "report and the compliance view (whose folds take minutes at "
                             "1,000,000 events)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="rounds of the replays (best of); default 3")
    parser.add_argument("--cli-repeat", type=int, default=7)
    parser.add_argument("--no-import", action="store_true",
                        help="--sqlite: skip the import, use the cached ledger")
    parser.add_argument("--no-sqlite-reference", action="store_true",
                        help="--postgres: skip importing the same parts into SQLite")
    parser.add_argument("--postgres-url", default=None,
                        help="server and database for --postgres (default "
                             "$ASFLEDGER_BENCH_POSTGRES, else postgresql://postgres@"
                             "127.0.0.1:5432/asfledger_bench); each run uses a new schema")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "asf-bench")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/results/latest.json"))
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    chosen = [s for s in SECTIONS if args.all or getattr(args, s)] or ["sqlite"]

    started = datetime.now(UTC)
    command = "uv run python -m benchmarks " + shlex.join(sys.argv[1:])
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, "
               f"{platform.python_implementation()} {platform.python_version()}")
    print(f"{started:%Y-%m-%d %H:%M} UTC · {machine} · load average {_load()}")
    print(f"$ {command}".rstrip(), flush=True)
    results: dict[str, Any] = {"run": {"started": started.isoformat(timespec="seconds"),
                                       "command": command, "machine": machine,
                                       "sections": chosen, "load": {}}}
    for name in chosen:
        print()
        t = time.perf_counter()
        load_before = _load()
        try:
            results[name] = RUNNERS[name](args)
        except Exception as e:  # one broken section does not lose the others' numbers
            traceback.print_exc()
            print(f"{name}: FAILED — {type(e).__name__}: {e}")
            results[name] = {"failed": f"{type(e).__name__}: {e}"}
        results["run"]["load"][name] = {"before": load_before, "after": _load(),
                                        "seconds": time.perf_counter() - t}
        print(f"  (load average {load_before} → {_load()}, "
              f"{time.perf_counter() - t:.0f} s)", flush=True)
        _write(args.out, started, results)  # after each section: a long run keeps its part
    lines = summary(results)
    if lines:
        print("\nAgainst SPEC §7:")
        print("\n".join(lines))
    _write(args.out, started, results)


def _write(out: Path, started: datetime, results: dict[str, Any]) -> None:
    """``out`` (latest.json) and a copy named after the run's start."""
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2) + "\n"
    out.write_text(text)
    out.with_name(f"run-{started:%Y%m%dT%H%M%SZ}.json").write_text(text)


if __name__ == "__main__":
    main()
