"""The command line (SPEC §3): the composition root of the application.

Exit codes, for every command: 0 done; 1 refused by policy (or verification failed);
2 invalid input or usage; 3 storage problem. A non-zero exit writes nothing, and errors
are one sentence, never a traceback (set ASFLEDGER_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import locale
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import msgspec
from eventsourcing.persistence import PersistenceError

from asfledger.storage import DB_ENV, StorageError, default_db, describe
from domain.catalogue import translate

if TYPE_CHECKING:
    from asfledger.ledger import Ledger

EXIT_OK, EXIT_REFUSED, EXIT_INVALID, EXIT_STORAGE = 0, 1, 2, 3


class UsageError(Exception):
    """Invalid input or usage that is not a malformed import line (exit 2)."""


class VerificationFailed(Exception):
    """The history does not verify, or the proof found violations (exit 1)."""


def default_lang() -> str:
    for var in ("ASFLEDGER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    loc = locale.getlocale()[0] or ""
    return "sv" if loc.lower().startswith("sv") else "en"


def _date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.bad_date", default_lang(), value=value)) from None


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    # SUPPRESS: options given after the command must not reset those given before it.
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help=f"SQLite file or postgresql:// URL (default: ${DB_ENV}, "
                             "else ledger.sqlite in the user data directory)")
    common.add_argument("--actor", default=argparse.SUPPRESS,
                        help="who records (default: $ASFLEDGER_ACTOR, else the OS user)")
    common.add_argument("--lang", choices=("sv", "en"), default=argparse.SUPPRESS,
                        help="language of messages and reports (default: from the locale)")

    parser = argparse.ArgumentParser(
        prog="asfledger", parents=[common],
        description="The decision ledger of Samordningsförbundet Stockholms stad's ASF "
                    "policy. Without a command, opens the terminal UI.",
        epilog="Exit codes: 0 done, 1 refused by policy, 2 invalid input or usage, "
               "3 storage problem.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    tui = sub.add_parser("tui", parents=[common], help="open the terminal UI")
    tui.add_argument("--read-only", action="store_true", help="look, never write (auditors)")

    imp = sub.add_parser("import", parents=[common],
                         help="apply a JSON Lines file of commands, all or nothing")
    imp.add_argument("file", help="a .jsonl file, or - for standard input")
    imp.add_argument("--dry-run", action="store_true",
                     help="check every line against the ledger, write nothing")

    events = sub.add_parser("events", parents=[common], help="the stored history, in order")
    events.add_argument("--format", choices=("table", "jsonl"), default="table")
    events.add_argument("--until", type=_date, metavar="DATE",
                        help="only events recorded on or before DATE")

    sub.add_parser("schema", parents=[common], help="JSON Schema of the import commands")

    checkpoint = sub.add_parser("checkpoint", parents=[common],
                                help="print the current checkpoint, to put in the minutes")
    checkpoint.add_argument("-o", "--output", metavar="FILE", help="also write it to FILE")

    audit = sub.add_parser("audit", parents=[common], help="verify, prove, replay")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="AUDIT_COMMAND",
                                     required=True)
    verify = audit_sub.add_parser("verify", parents=[common],
                                  help="recompute the chain and check it against checkpoints")
    verify.add_argument("--checkpoint", action="append", default=[], metavar="FILE",
                        help="a checkpoint kept outside the ledger (repeatable)")

    compliance = audit_sub.add_parser("compliance", parents=[common],
                                      help="replay the history and prove F1–F4, R1–R7")
    compliance.add_argument("--as-of", type=_date, metavar="DATE",
                            help="only events recorded on or before DATE")
    compliance.add_argument("--format", choices=("text", "json", "md"), default="text")

    demo = sub.add_parser("demo", parents=[common],
                          help="fill an empty ledger with a realistic history")
    demo.add_argument("--years", type=int, default=3, help="years of history (default 3)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    return parser


def _read_input(file: str, lang: str) -> bytes:
    try:
        if file == "-":
            return sys.stdin.buffer.read()
        return Path(file).read_bytes()
    except OSError as e:
        raise UsageError(translate("cli.file_unreadable", lang, path=file,
                                   error=e.strerror or e)) from None


def _open_ledger(args: argparse.Namespace, *, read_only: bool = False) -> Ledger:
    from asfledger.ledger import Ledger

    return Ledger(args.db, actor=args.actor, read_only=read_only)


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.importer import import_bytes

    data = _read_input(args.file, args.lang)
    with _open_ledger(args) as ledger:
        result = import_bytes(ledger, data, dry_run=args.dry_run, lang=args.lang)
    applied = result.applied
    key = "import.dry_run" if result.dry_run else "import.applied"
    print(translate(key, args.lang, commands=applied.commands, events=applied.events),
          file=out)
    return EXIT_OK


def cmd_events(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.history import entries

    with _open_ledger(args, read_only=True) as ledger:
        rows = entries(ledger.recorder, until=args.until)
        first = next(rows, None)  # read before printing: a storage error prints nothing
        if args.format == "jsonl":
            encoder = msgspec.json.Encoder()
            for entry in filter(None, (first, *rows)):
                out.write(encoder.encode(entry).decode() + "\n")
            return EXIT_OK
        out.write(f"{'position':>8}  {'time':<25}  {'actor':<15}  {'type':<36}  "
                  f"{'subject':<22}  {'chain':<64}  data\n")
        for e in filter(None, (first, *rows)):
            data = msgspec.json.encode(e.data).decode()
            out.write(f"{e.position:>8}  {e.time:<25}  {e.actor:<15.15}  {e.type:<36.36}"
                      f"  {e.subject:<22.22}  {e.chain}  {data}\n")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    from domain.commands import json_schema

    out.write(msgspec.json.format(msgspec.json.encode(json_schema())).decode() + "\n")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.demo import demo_commands

    if not 1 <= args.years <= 20:
        raise UsageError("--years must be between 1 and 20")
    with _open_ledger(args) as ledger:
        if ledger.head():
            raise UsageError(translate("cli.demo_not_empty", args.lang, events=ledger.head()))
        applied = ledger.execute(demo_commands(args.years, args.seed))
    print(translate("cli.demo_done", args.lang, commands=applied.commands,
                    events=applied.events), file=out)
    return EXIT_OK


def cmd_checkpoint(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.audit.verify import verify

    with _open_ledger(args, read_only=True) as ledger:
        result = verify(ledger.recorder)
    if not result.ok:
        problem = result.first_bad
        assert problem is not None
        raise VerificationFailed(translate("verify.failed", args.lang,
                                           position=problem.position,
                                           reason=problem.describe(args.lang)))
    text = result.checkpoint().text()
    out.write(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    return AUDIT_COMMANDS[args.audit_command](args, out)


def cmd_audit_verify(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.audit.checkpoint import Checkpoint, CheckpointError
    from asfledger.audit.verify import verify

    checkpoints = []
    for file in args.checkpoint:
        try:
            checkpoints.append(Checkpoint.parse(_read_input(file, args.lang).decode("utf-8"),
                                                file))
        except (CheckpointError, UnicodeDecodeError) as e:
            raise UsageError(str(e)) from None
    with _open_ledger(args, read_only=True) as ledger:
        result = verify(ledger.recorder, checkpoints)
    if result.ok:
        print(translate("verify.ok", args.lang, size=result.size, head=result.head.hex(),
                        checkpoints=result.checkpoints_checked), file=out)
        return EXIT_OK
    problem = result.first_bad
    assert problem is not None
    for other in result.problems:
        print(other.describe(args.lang), file=out)
    raise VerificationFailed(translate("verify.failed", args.lang, position=problem.position,
                                       reason=problem.describe(args.lang)))


def cmd_audit_compliance(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.audit.compliance import prove, render

    with _open_ledger(args, read_only=True) as ledger:
        report = prove(ledger.recorder, ledger_id=ledger.ledger_id(), as_of=args.as_of,
                       cipher=ledger.mapper.cipher)
    out.write(render(report, args.format, args.lang))
    return EXIT_OK if report.proven else EXIT_REFUSED


AUDIT_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "verify": cmd_audit_verify,
    "compliance": cmd_audit_compliance,
}


def cmd_tui(args: argparse.Namespace, out: TextIO) -> int:
    from tui.app import run  # Textual is imported here only: other commands start fast

    return run(db=args.db, actor=args.actor, lang=args.lang,
               read_only=getattr(args, "read_only", False))


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "import": cmd_import,
    "events": cmd_events,
    "schema": cmd_schema,
    "demo": cmd_demo,
    "checkpoint": cmd_checkpoint,
    "audit": cmd_audit,
    "tui": cmd_tui,
}


def run(argv: Sequence[str] | None = None, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit code (never raises)."""
    from asfledger.importer import ImportRefused, InvalidInput

    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # argparse has printed usage and the error
        return int(e.code or 0)
    args.db = getattr(args, "db", None) or default_db()
    args.actor = getattr(args, "actor", None)
    args.lang = getattr(args, "lang", None) or default_lang()
    command = args.command or "tui"
    try:
        return COMMANDS[command](args, out)
    except ImportRefused as e:
        print(e.describe(args.lang), file=err)
        return EXIT_REFUSED
    except VerificationFailed as e:
        print(e, file=err)
        return EXIT_REFUSED
    except (InvalidInput, UsageError) as e:
        message = e.describe(args.lang) if isinstance(e, InvalidInput) else str(e)
        print(message, file=err)
        return EXIT_INVALID
    except (StorageError, PersistenceError, sqlite3.Error, OSError) as e:
        print(translate("cli.storage", args.lang, detail=_storage_detail(e, args.db)),
              file=err)
        return EXIT_STORAGE
    except KeyboardInterrupt:
        print(translate("cli.interrupted", args.lang), file=err)
        return 130
    except Exception as e:
        if os.environ.get("ASFLEDGER_DEBUG"):
            raise
        print(f"internal error ({type(e).__name__}: {e}); nothing was written. "
              "Run again with ASFLEDGER_DEBUG=1 for details.", file=err)
        return EXIT_STORAGE


def _storage_detail(error: BaseException, db: str) -> str:
    if isinstance(error, StorageError):
        return str(error)
    return f"{describe(db)}: {error}"


def main() -> int:
    return run()

