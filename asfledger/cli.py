"""The command line (SPEC §3): the composition root of the application.

Exit codes, for every command: 0 done; 1 refused by policy (or verification failed);
2 invalid input or usage; 3 storage problem. A non-zero exit writes nothing, and errors
are one sentence, never a traceback (set ASFLEDGER_DEBUG=1 to see one).
"""

from __future__ import annotations

import argparse
import contextlib
import locale
import os
import re
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NoReturn, TextIO

import msgspec

from asfledger.failures import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_STORAGE,
    AtOption,
    BadArguments,
    UsageError,
    VerificationFailed,
    check_db,
    check_output,
    classify,
    is_bug,
    os_reason,
    write_output,
)
from asfledger.storage import DB_ENV, StorageError, default_db, safe_location
from asfledger.text import translate

if TYPE_CHECKING:
    from asfledger.audit.checkpoint import Checkpoint
    from asfledger.ledger import Ledger
    from asfledger.output_settings import OutputSettings

# The exit codes and the failures that are the user's are classified in one place.
__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_REFUSED", "EXIT_STORAGE", "UsageError",
           "VerificationFailed", "build_parser", "main", "run"]


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)


def default_lang() -> str:
    for var in ("ASFLEDGER_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return "sv" if value.lower().startswith("sv") else "en"
    loc = locale.getlocale()[0] or ""
    return "sv" if loc.lower().startswith("sv") else "en"


def _date(value: str) -> date:
    # Exactly YYYY-MM-DD, as the help says: fromisoformat would also take 20260101 and
    # 2026-W01-1.
    try:
        if not _ISO_DATE.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(
            translate("cli.bad_date", default_lang(), value=value)) from None


class Parser(argparse.ArgumentParser):
    """argparse, whose usage errors are one sentence in the user's language (exit 2)
    instead of the usage text and an English message."""

    def error(self, message: str) -> NoReturn:
        raise BadArguments(self.prog, message)


def _lang_in(argv: Sequence[str] | None) -> str:
    """The --lang of arguments that could not be parsed, else the locale's."""
    words = list(sys.argv[1:] if argv is None else argv)
    for i, word in enumerate(words):
        if word.startswith("--lang="):
            return "sv" if word.endswith("=sv") else "en"
        if word == "--lang" and i + 1 < len(words) and words[i + 1] in ("sv", "en"):
            return words[i + 1]
    return default_lang()


CHECKPOINT_HELP = ("a checkpoint kept outside the ledger (repeatable): the history must "
                   "verify against it, or nothing is made")


def _checkpoint_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--checkpoint", action="append", default=[], metavar="FILE",
                        help=CHECKPOINT_HELP)


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    # SUPPRESS: options given after the command must not reset those given before it.
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help=f"SQLite file or postgresql:// URL (default: ${DB_ENV}, "
                             "else ledger.sqlite in the user data directory)")
    common.add_argument("--actor", default=argparse.SUPPRESS,
                        help="who records (default: $ASFLEDGER_ACTOR, else the OS user)")
    common.add_argument("--lang", choices=("sv", "en"), default=argparse.SUPPRESS,
                        help="language of messages and reports (default: from the locale)")
    common.add_argument("--key-file", default=argparse.SUPPRESS, metavar="FILE",
                        help="encryption key of the ledger (default: $ASFLEDGER_KEY_FILE); "
                             "see docs/SECURITY.md")

    parser = Parser(
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
    imp.add_argument("--quiet", action="store_true",
                     help="no progress line and no summary (for scripts: the exit code "
                          "says how it went, a failure is still one sentence on stderr)")

    events = sub.add_parser("events", parents=[common], help="the stored history, in order")
    events.add_argument("--format", choices=("table", "jsonl"), default="table")
    events.add_argument("--until", type=_date, metavar="DATE",
                        help="only events recorded on or before DATE")

    sub.add_parser("schema", parents=[common], help="JSON Schema of the import commands")

    checkpoint = sub.add_parser("checkpoint", parents=[common],
                                help="print the current checkpoint, to put in the minutes")
    checkpoint.add_argument("-o", "--output", metavar="FILE", help="also write it to FILE")
    checkpoint.add_argument("--sign", metavar="SIGNING_KEY",
                            help="add an Ed25519 signature (a key from keygen --signing)")

    audit = sub.add_parser("audit", parents=[common], help="verify, prove, replay")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="AUDIT_COMMAND",
                                     required=True)
    verify = audit_sub.add_parser("verify", parents=[common],
                                  help="recompute the chain and check it against checkpoints")
    verify.add_argument("--checkpoint", action="append", default=[], metavar="FILE",
                        help="a checkpoint kept outside the ledger (repeatable)")
    verify.add_argument("--public-key", action="append", default=[], metavar="FILE",
                        help="require every checkpoint to be signed by this key (repeatable: "
                             "any of them)")

    compliance = audit_sub.add_parser("compliance", parents=[common],
                                      help="replay the history and prove F1–F4, R1–R9")
    compliance.add_argument("--as-of", type=_date, metavar="DATE",
                            help="only events recorded on or before DATE")
    compliance.add_argument("--format", choices=("text", "json", "md"), default="text")
    _checkpoint_option(compliance)

    replay = audit_sub.add_parser(
        "replay", parents=[common],
        help="the history as a readable timeline, then the state it leads to",
        description="Replay the stored history through the aggregates: one line per event "
                    "(position, time recorded in UTC, who, what in the policy's words), "
                    "then the state: partners, agreements, fundings, activities, action "
                    "plans, efforts, memberships, board meetings and expenditure.")
    replay.add_argument("--as-of", type=_date, metavar="DATE",
                        help="only events recorded on or before DATE (the day they were "
                             "entered in the ledger, not the date of the decision); the "
                             "state's active agreements, partners and efforts are judged on "
                             "DATE (default: all events, judged today)")
    _checkpoint_option(replay)

    export = sub.add_parser("export", parents=[common], help="open data exports")
    export_sub = export.add_subparsers(dest="export_command", metavar="EXPORT_COMMAND",
                                       required=True)
    giving = export_sub.add_parser(
        "360giving", parents=[common],
        help="supervisor fundings and efforts as 360Giving grants (JSON)",
        description="Supervisor fundings (I3) and efforts (I1, I2) as grants in the "
                    "360Giving Data Standard: currency SEK, org ids SE-ON-<org nr>.")
    giving.add_argument("-o", "--output", metavar="FILE",
                        help="write the JSON to FILE (default: standard output)")
    giving.add_argument("--prefix", metavar="PREFIX",
                        help="the 360Giving prefix registered for the association "
                             "(360G-…; default: giving360_prefix in the settings)")
    giving.add_argument("--data-source", metavar="URL",
                        help="where the data is published (default: "
                             "giving360_data_source in the settings)")
    giving.add_argument("--draft", action="store_true",
                        help="a draft for review: allowed without a registered prefix "
                             "(ids start with 360G-UTKAST)")
    _checkpoint_option(giving)

    report = sub.add_parser("report", parents=[common], help="reports for the board")
    report_sub = report.add_subparsers(dest="report_command", metavar="REPORT_COMMAND",
                                       required=True)
    board = report_sub.add_parser(
        "board", parents=[common], help="the board's report of a year, quarter or month",
        description="The board's report of a period (SPEC §4). Markdown and HTML are the "
                    "board's pack (Swedish unless --lang en); CSV opens in Swedish Excel.")
    board.add_argument("--period", required=True, metavar="PERIOD",
                       help="a year (2026), a quarter (2026-Q2) or a month (2026-05)")
    board.add_argument("--format", choices=("md", "json", "csv", "html", "xlsx"),
                       default="md",
                       help="md or html: the board's pack; csv or xlsx: tables for a "
                            "spreadsheet (xlsx needs -o); json: the figures")
    board.add_argument("-o", "--output", metavar="FILE",
                       help="write the report to FILE (a one-line confirmation on stdout)")
    board.add_argument("--date", metavar="DATE",
                       help="the date of the report on its title page (default: today in "
                            "Stockholm)")
    board.add_argument("--diarienummer", metavar="REF",
                       help="the board's reference number (diarienummer) of the report")
    board.add_argument("--author", metavar="NAME",
                       help="who prepared the report (default: report_author in the "
                            "settings)")
    board.add_argument("--proposal", metavar="TEXT",
                       help="the proposed decision (förslag till beslut) for the board")
    _checkpoint_option(board)

    keygen = sub.add_parser("keygen", parents=[common],
                            help="write a new encryption key (or, --signing, a signing key)")
    keygen.add_argument("-o", "--output", required=True, metavar="FILE",
                        help="the new key file (never overwritten; readable only by you)")
    keygen.add_argument("--signing", action="store_true",
                        help="an Ed25519 key pair for signing checkpoints: FILE and FILE.pub")

    rekey = sub.add_parser(
        "rekey", parents=[common], help="copy the ledger into a new one under a new key",
        description="Verify the ledger at --from, then copy its events into the new, empty "
                    "ledger at --to, encrypted with --new-key-file (the old key is "
                    "--key-file, if the old ledger is encrypted). The new ledger records the "
                    "old one's final checkpoint.")
    rekey.add_argument("--from", dest="old", required=True, metavar="OLD",
                       help="the ledger to copy (SQLite path or postgresql:// URL)")
    rekey.add_argument("--to", dest="new", required=True, metavar="NEW",
                       help="the new, empty ledger")
    rekey.add_argument("--new-key-file", required=True, metavar="FILE",
                       help="the new ledger's key (from asfledger keygen)")

    demo = sub.add_parser("demo", parents=[common],
                          help="fill an empty ledger with a realistic history")
    demo.add_argument("--years", type=int, default=3, help="years of history (default 3)")
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    return parser


def _read_input(file: str, lang: str, option: str | None = None) -> bytes:
    """The bytes of ``file`` (``-``: standard input); the sentence of a file that cannot be
    read names the ``option`` that gave it, and the reason in ``lang``."""
    try:
        if file == "-":
            return sys.stdin.buffer.read()
        return Path(file).read_bytes()
    except OSError as e:
        if option is not None:
            raise UsageError(translate("cli.option_unreadable", lang, option=option,
                                       path=file, error=os_reason(e, lang))) from None
        raise UsageError(translate("cli.file_unreadable", lang, path=file,
                                   error=os_reason(e, lang))) from None


def _check_option_text(option: str, text: str | None, lang: str, *,
                       multiline: bool = False) -> None:
    """A text the user gives for the board's pack follows the text rule of the ledger
    (``domain.values.check_text``) and R7: the pack is kept and published like the log."""
    from domain.personal_numbers import find_personal_identity_number
    from domain.values import ValueProblem, check_text

    if text is None:
        return
    try:
        check_text(text, multiline=multiline)
    except ValueProblem as e:
        raise UsageError(translate("cli.option_text", lang, option=option,
                                   problem=e.describe(lang))) from None
    if find_personal_identity_number(text) is not None:
        raise UsageError(translate("cli.option_personal_number", lang, option=option))


def _open_ledger(args: argparse.Namespace, *, read_only: bool = False,
                 require_key: bool = True) -> Ledger:
    from asfledger.ledger import Ledger

    return Ledger(args.db, actor=args.actor, read_only=read_only, key_file=args.key_file,
                  require_key=require_key)


def _open_input(file: str, lang: str) -> BinaryIO:
    """The file (or standard input) to read as it goes: an import streams it."""
    try:
        return sys.stdin.buffer if file == "-" else open(file, "rb")
    except OSError as e:
        raise UsageError(translate("cli.file_unreadable", lang, path=file,
                                   error=os_reason(e, lang))) from None


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.importer import import_lines
    from asfledger.progress import ProgressLine

    source = _open_input(args.file, args.lang)
    # A progress line only where someone watches: a terminal, and not asked to be quiet.
    shown = None if args.quiet or not sys.stderr.isatty() else ProgressLine(sys.stderr,
                                                                             args.lang)
    try:
        with _open_ledger(args) as ledger:
            result = import_lines(ledger, source, dry_run=args.dry_run, lang=args.lang,
                                  progress=shown)
    finally:
        if shown is not None:
            shown.close()
        if source is not sys.stdin.buffer:
            source.close()
    applied = result.applied
    key = "import.dry_run" if result.dry_run else "import.applied"
    if not args.quiet:
        print(translate(key, args.lang, commands=applied.commands, events=applied.events),
              file=out)
    return EXIT_OK


def cmd_events(args: argparse.Namespace, out: TextIO) -> int:
    with _open_ledger(args, read_only=True) as ledger:
        rows = ledger.entries(until=args.until)
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
    from asfledger.demo import record_demo

    if not 1 <= args.years <= 20:
        raise UsageError("cli.demo_years")
    with _open_ledger(args) as ledger:
        if ledger.head():
            raise UsageError(translate("cli.demo_not_empty", args.lang, events=ledger.head()))
        # Recorded day by day at realistic recorded times (looking back "as recorded").
        commands, events = record_demo(ledger, args.years, args.seed)
    print(translate("cli.demo_done", args.lang, commands=commands, events=events), file=out)
    return EXIT_OK


def cmd_checkpoint(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.security import load_signing_key, sign

    signing_key = load_signing_key(args.sign) if args.sign else None
    with _open_ledger(args, read_only=True, require_key=False) as ledger:  # the chain only
        result = ledger.verify()
    if not result.ok:
        problem = result.first_bad
        assert problem is not None
        raise VerificationFailed(translate("verify.failed", args.lang,
                                           position=problem.position,
                                           reason=problem.describe(args.lang)))
    checkpoint = result.checkpoint()
    if signing_key is not None:
        checkpoint = sign(checkpoint, signing_key)
    text = checkpoint.text()
    if args.output:  # the file first: a failure there prints nothing
        write_output(args.output, text.encode("utf-8"))
    out.write(text)
    return EXIT_OK


def cmd_audit(args: argparse.Namespace, out: TextIO) -> int:
    return AUDIT_COMMANDS[args.audit_command](args, out)


def _checkpoints(args: argparse.Namespace) -> list[Checkpoint]:
    """The ``--checkpoint`` files, read (a file that is not a checkpoint: exit 2)."""
    from asfledger.audit.checkpoint import HEADER as CHECKPOINT_HEADER
    from asfledger.audit.checkpoint import Checkpoint, CheckpointError

    checkpoints = []
    for file in getattr(args, "checkpoint", []):
        data = _read_input(file, args.lang, "--checkpoint")
        try:
            checkpoints.append(Checkpoint.parse(data.decode("utf-8"), file))
        except UnicodeDecodeError:
            raise CheckpointError("checkpoint.not_one", source=file,
                                  header=CHECKPOINT_HEADER) from None
    return checkpoints


def cmd_audit_verify(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.audit.verify import Problem
    from asfledger.security import load_public_key, signature_ok

    public_keys = [load_public_key(file) for file in args.public_key]
    if public_keys and not args.checkpoint:
        raise UsageError(translate("verify.public_key_alone", args.lang))
    checkpoints = _checkpoints(args)
    for file, checkpoint in zip(args.checkpoint, checkpoints, strict=True):
        if public_keys and not signature_ok(checkpoint, public_keys):
            raise VerificationFailed(translate(
                "verify.bad_signature" if checkpoint.signature else "verify.unsigned",
                args.lang, source=file))
    with _open_ledger(args, read_only=True, require_key=False) as ledger:  # the chain only
        result = ledger.verify(checkpoints)
        if result.times_checked:  # the events can be read: the read models are checked too
            from asfledger.readmodels import differing

            result.problems += [Problem(d.position, "verify.read_model_differs",
                                        {"name": d.name}) for d in differing(ledger)]
        previous = ledger.continues()
    if result.ok:
        print(translate("verify.ok", args.lang, size=result.size, head=result.head.hex(),
                        checkpoints=result.checkpoints_checked), file=out)
        if not result.times_checked:
            print(translate("verify.times_not_checked", args.lang), file=out)
        if previous is not None:
            print(translate("verify.continues", args.lang, ledger=previous.ledger_id,
                            size=previous.size, head=previous.head), file=out)
        return EXIT_OK
    problem = result.first_bad
    assert problem is not None
    for other in result.problems:
        print(other.describe(args.lang), file=out)
    raise VerificationFailed(translate("verify.failed", args.lang, position=problem.position,
                                       reason=problem.describe(args.lang)))


def cmd_audit_compliance(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.audit.compliance import render

    checkpoints = _checkpoints(args)
    with _open_ledger(args, read_only=True) as ledger:
        report = ledger.prove(as_of=args.as_of, check=ledger.chain_check(checkpoints))
    out.write(render(report, args.format, args.lang))
    return EXIT_OK if report.proven else EXIT_REFUSED


def cmd_audit_replay(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.audit.replay import header_lines, state_lines
    from asfledger.audit.trust import stands_on

    checkpoints = _checkpoints(args)
    with _open_ledger(args, read_only=True) as ledger:
        # First the state, with the trust check in the same pass: a history that fails it,
        # or an unreadable event, stops here, before anything is written.
        check = ledger.chain_check(checkpoints)
        state = ledger.replayed(as_of=args.as_of, check=check)
        for line in header_lines(state, args.lang, args.as_of, stands_on(check, args.lang)):
            out.write(line + "\n")
        empty = True
        for line in ledger.timeline(args.lang, as_of=args.as_of, until=state.position):
            out.write(line + "\n")
            empty = False
        if empty:
            out.write(translate("replay.no_events", args.lang) + "\n")
    out.write("\n")
    for line in state_lines(state, args.lang, args.as_of or date.today()):
        out.write(line + "\n")
    return EXIT_OK


AUDIT_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "verify": cmd_audit_verify,
    "compliance": cmd_audit_compliance,
    "replay": cmd_audit_replay,
}


def _output_settings(lang: str) -> OutputSettings:
    """The settings the outputs read (author, 360Giving prefix and data source)."""
    from asfledger.output_settings import OutputSettingsError, load_output_settings

    try:
        return load_output_settings()
    except OutputSettingsError as e:
        raise UsageError(translate("output.settings_unreadable", lang, error=e)) from None


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    return EXPORT_COMMANDS[args.export_command](args, out)


def cmd_export_360giving(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.export_360giving import PublisherError, export_360giving, publisher

    settings = _output_settings(args.lang)
    try:
        chosen = publisher(args.prefix or settings.giving360_prefix,
                           args.data_source or settings.giving360_data_source,
                           draft=args.draft, lang=args.lang)
    except PublisherError as e:
        raise UsageError(str(e)) from None
    checkpoints = _checkpoints(args)
    with _open_ledger(args, read_only=True) as ledger:
        data, grants = export_360giving(ledger, lang=args.lang, publisher=chosen,
                                        checkpoints=checkpoints)
    if not args.output:
        out.write(data.decode("utf-8"))
        return EXIT_OK
    write_output(args.output, data)
    print(translate("export.written", args.lang, grants=grants, path=args.output), file=out)
    return EXIT_OK


EXPORT_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "360giving": cmd_export_360giving,
}


def cmd_report(args: argparse.Namespace, out: TextIO) -> int:
    return REPORT_COMMANDS[args.report_command](args, out)


def cmd_report_board(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.reports.board import PackInfo, render_bytes
    from domain.values import Period

    try:
        period = Period.parse(args.period)
    except ValueError:
        raise UsageError(translate("report.bad_period", args.lang, value=args.period)
                         ) from None
    info = PackInfo.today()
    if args.date:
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date, re.ASCII):
                raise ValueError(args.date)
            info = PackInfo(date.fromisoformat(args.date))
        except ValueError:
            raise UsageError(translate("report.bad_report_date", args.lang, value=args.date)
                             ) from None
    if args.format == "xlsx" and not args.output:
        raise UsageError(translate("report.xlsx_needs_output", args.lang))
    for option, text in (("--diarienummer", args.diarienummer), ("--author", args.author),
                         ("--proposal", args.proposal)):
        _check_option_text(option, text, args.lang, multiline=option == "--proposal")
    author = args.author or _output_settings(args.lang).report_author
    info = PackInfo(info.report_date, reference=args.diarienummer, author=author,
                    proposal=args.proposal)
    checkpoints = _checkpoints(args)
    with _open_ledger(args, read_only=True) as ledger:
        figures = ledger.board_report(checkpoints).figures(period)
    # The board's pack is Swedish unless a language is asked for (SPEC §4).
    lang = args.lang if args.lang_given or os.environ.get("ASFLEDGER_LANG") else "sv"
    data = render_bytes(figures, args.format, lang, period=period, info=info)
    if not args.output:
        out.write(data.decode("utf-8"))
        return EXIT_OK
    write_output(args.output, data)
    print(translate("report.written", lang, path=args.output), file=out)
    return EXIT_OK


REPORT_COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "board": cmd_report_board,
}


def cmd_tui(args: argparse.Namespace, out: TextIO) -> int:
    from tui.app import run  # Textual is imported here only: other commands start fast

    lang = args.lang
    if not args.lang_given and not os.environ.get("ASFLEDGER_LANG"):
        from tui.settings import SettingsError, load_settings

        # The language chosen in the UI's settings, else the locale's. A file that cannot
        # be read is reported by the UI when it starts.
        with contextlib.suppress(SettingsError):
            lang = load_settings().language or lang
    return run(db=args.db, actor=args.actor, lang=lang,
               read_only=getattr(args, "read_only", False), key_file=args.key_file)


def cmd_keygen(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.security import generate_key, generate_signing_key

    if args.signing:
        private, public = generate_signing_key(args.output)
        print(translate("signing.written", args.lang, path=private, public=public), file=out)
    else:
        print(translate("key.written", args.lang, path=generate_key(args.output)), file=out)
    return EXIT_OK


def cmd_rekey(args: argparse.Namespace, out: TextIO) -> int:
    from asfledger.security import rekey

    try:
        done = rekey(args.old, args.new, old_key_file=args.key_file,
                     new_key_file=Path(args.new_key_file), actor=args.actor)
    except StorageError as e:
        if safe_location(args.old) in str(e) and safe_location(args.new) not in str(e):
            raise AtOption("--from", e) from e
        raise
    print(translate("rekey.done", args.lang, events=done.events, old=safe_location(args.old),
                    new=safe_location(args.new), ledger=done.old.ledger_id, size=done.old.size),
          file=out)
    out.write(translate("rekey.old_checkpoint", args.lang) + "\n" + done.old.text())
    out.write(translate("rekey.new_checkpoint", args.lang) + "\n" + done.new.text())
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace, TextIO], int]] = {
    "import": cmd_import,
    "events": cmd_events,
    "schema": cmd_schema,
    "demo": cmd_demo,
    "checkpoint": cmd_checkpoint,
    "audit": cmd_audit,
    "report": cmd_report,
    "export": cmd_export,
    "tui": cmd_tui,
    "keygen": cmd_keygen,
    "rekey": cmd_rekey,
}


def run(argv: Sequence[str] | None = None, out: TextIO | None = None,
        err: TextIO | None = None) -> int:
    """Parse ``argv`` and run the command; return the exit code (never raises)."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as e:  # --help, --version: argparse has printed it
        return int(e.code or 0)
    except BadArguments as e:
        print(e.describe(_lang_in(argv)), file=err)
        return EXIT_INVALID
    # After parsing: `--help` and usage errors do not pay for the cryptography package.
    from asfledger.security import key_file_from

    args.db = getattr(args, "db", None) or default_db()
    args.actor = getattr(args, "actor", None)
    args.key_file = key_file_from(getattr(args, "key_file", None))
    args.lang_given = getattr(args, "lang", None) is not None  # the board's pack needs to know
    args.lang = getattr(args, "lang", None) or default_lang()
    command = args.command or "tui"
    try:
        _check_arguments(args)
        return COMMANDS[command](args, out)
    except BrokenPipeError:
        # The reader went away (`asfledger events | head`): that is not an error. Point
        # stdout at /dev/null so that the interpreter's final flush does not complain.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except (Exception, KeyboardInterrupt) as e:
        # rekey reads the ledger at --from, not --db: a library's error names that one.
        code, sentence = classify(e, args.lang, db=args.old if command == "rekey" else args.db)
        if os.environ.get("ASFLEDGER_DEBUG") and is_bug(e):
            raise
        print(sentence, file=err)
        return code


def _check_arguments(args: argparse.Namespace) -> None:
    """Arguments checked before any work, so that nothing is printed or written first."""
    check_db(args.db)
    if getattr(args, "command", None) == "rekey":
        check_db(args.old, "--from")
        check_db(args.new, "--to")
    output = getattr(args, "output", None)
    if output:
        check_output(output)
        if getattr(args, "signing", False):
            check_output(output + ".pub")
    if command_records(args):
        from asfledger.actor import check_actor

        check_actor(args.actor)  # R7, before the ledger is even opened


# The commands that record events, each stored with its actor (R7 checks the actor first).
_RECORDING = frozenset(("import", "demo", "rekey", "tui"))


def command_records(args: argparse.Namespace) -> bool:
    return (args.command or "tui") in _RECORDING and not getattr(args, "read_only", False)


def main() -> int:
    return run()

