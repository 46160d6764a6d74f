"""Issue 16: every option of the command line, walked with bad values.

The table below has a row for every option that takes a value (the test walks the real
parser, so an option added without a row fails). For each bad value, in Swedish and in
English: the documented exit code, one sentence (no traceback, no "internal error"),
nothing on stdout, the right thing named, no English left in the Swedish sentence, and
nothing written (the ledger's bytes and the folder's files are as they were).
"""

from __future__ import annotations

import argparse
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from asfledger.cli import build_parser, run
from tests.cli.support import files_of
from tests.security.support import import_history

GARBAGE = "{tmp}/garbage.txt"  # a readable file that is no key, checkpoint or ledger
FOLDER = "{tmp}/a-folder"
MISSING = "/nonexistent/x"
PIN = "19121212-1212"  # a personnummer (Luhn-valid): R7

# (command, option) → [(bad value, exit code, what the sentence must name)]. The value is
# formatted with {tmp}, the test's folder. Exit codes (SPEC §3): 2 the user's argument,
# 3 storage (the ledger, or the key that opens it: docs/SECURITY.md).
Row = tuple[str, int, str]
TABLE: dict[tuple[tuple[str, ...], str], list[Row]] = {
    ((), "--db"): [("postgresql://postgres@127.0.0.1:abc/test", 2, "--db"),
                   ("postgresql://postgres@127.0.0.1:5432/test?schema=1x", 2, "--db"),
                   (MISSING, 3, MISSING), (FOLDER, 3, "a-folder"), (GARBAGE, 3, "garbage")],
    ((), "--actor"): [(PIN, 2, "--actor"), ("", 2, "--actor"), ("a\x00b", 2, "--actor"),
                      (" padded", 2, "--actor")],
    ((), "--lang"): [("de", 2, "--lang")],
    ((), "--key-file"): [(MISSING, 3, MISSING), (FOLDER, 3, "a-folder"),
                         (GARBAGE, 3, "garbage")],
    (("import",), "file"): [(MISSING, 2, MISSING), (FOLDER, 2, "a-folder"),
                            (GARBAGE, 2, "1")],
    (("events",), "--format"): [("xml", 2, "--format")],
    (("events",), "--until"): [("2026-13-01", 2, "--until"), ("20260101", 2, "--until")],
    (("checkpoint",), "--output"): [(MISSING, 2, MISSING), (FOLDER, 2, "a-folder")],
    (("checkpoint",), "--sign"): [(MISSING, 2, MISSING), (GARBAGE, 2, "garbage")],
    (("audit", "verify"), "--checkpoint"): [(MISSING, 2, "--checkpoint"),
                                            (GARBAGE, 2, "garbage"),
                                            (FOLDER, 2, "--checkpoint")],
    (("audit", "verify"), "--public-key"): [(MISSING, 2, MISSING), (GARBAGE, 2, "garbage")],
    (("audit", "compliance"), "--as-of"): [("x", 2, "--as-of")],
    (("audit", "compliance"), "--format"): [("x", 2, "--format")],
    (("audit", "compliance"), "--checkpoint"): [(GARBAGE, 2, "garbage"),
                                                (MISSING, 2, "--checkpoint")],
    (("audit", "replay"), "--as-of"): [("2026-W01-1", 2, "--as-of")],
    (("audit", "replay"), "--checkpoint"): [(MISSING, 2, "--checkpoint")],
    (("export", "360giving"), "--output"): [(MISSING, 2, MISSING)],
    (("export", "360giving"), "--prefix"): [("bad prefix", 2, "360G-bad prefix")],
    (("export", "360giving"), "--data-source"): [("not a url", 2, "not a url")],
    (("export", "360giving"), "--checkpoint"): [(GARBAGE, 2, "garbage")],
    (("report", "board"), "--period"): [("2026-Q5", 2, "2026-Q5"), ("26", 2, "26")],
    (("report", "board"), "--format"): [("x", 2, "--format")],
    (("report", "board"), "--output"): [(MISSING, 2, MISSING), (FOLDER, 2, "a-folder")],
    (("report", "board"), "--date"): [("2026-02-30", 2, "2026-02-30")],
    (("report", "board"), "--diarienummer"): [("a\x00", 2, "--diarienummer"),
                                              (" ", 2, "--diarienummer")],
    (("report", "board"), "--author"): [(PIN, 2, "--author"), ("a\u200bb", 2, "--author")],
    (("report", "board"), "--proposal"): [("x\x07y", 2, "--proposal"),
                                          (f"Beslut om {PIN}", 2, "--proposal")],
    (("report", "board"), "--checkpoint"): [(GARBAGE, 2, "garbage")],
    (("keygen",), "--output"): [(MISSING, 2, MISSING), (GARBAGE, 2, "garbage")],
    (("rekey",), "--from"): [(MISSING, 3, "--from"),
                             ("postgresql://u@127.0.0.1:99999/x", 2, "--from")],
    (("rekey",), "--to"): [("{ledger}", 2, "--to"), (FOLDER, 3, "a-folder")],
    (("rekey",), "--new-key-file"): [(MISSING, 3, MISSING), (GARBAGE, 3, "garbage")],
    (("demo",), "--years"): [("abc", 2, "--years"), ("0", 2, "--years"),
                             ("100000", 2, "--years")],
    (("demo",), "--seed"): [("x", 2, "--seed")],
}

# What the rest of each command line needs, so that only the option under test is bad.
NEEDS: dict[tuple[str, ...], list[str]] = {
    ("import",): ["{tmp}/empty.jsonl"],
    ("report", "board"): ["--period", "2026"],
    ("export", "360giving"): ["--draft"],
    ("keygen",): ["-o", "{tmp}/new.key"],
    ("rekey",): ["--from", "{ledger}", "--to", "{tmp}/copy.sqlite",
                 "--new-key-file", "{tmp}/new.key"],
}

# Words that betray an English sentence inside a Swedish one.
ENGLISH = (" is not ", " must ", " cannot ", "No such file", "Is a directory", " the ",
           " does not ", "Permission denied", " not a ")


def _options(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
             ) -> Iterator[tuple[tuple[str, ...], str]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _options(sub, (*path, name))
        elif action.nargs != 0 and not isinstance(action, argparse._HelpAction):
            name = max(action.option_strings, key=len) if action.option_strings \
                else action.dest
            yield path, name


COMMON = ("--db", "--actor", "--lang", "--key-file")


def test_every_option_that_takes_a_value_has_bad_values_in_the_table() -> None:
    walked = {(path, name) for path, name in _options(build_parser())
              if name not in COMMON or path == ()}
    assert walked == set(TABLE), (walked - set(TABLE), set(TABLE) - walked)


def _cases() -> Iterator[tuple[tuple[str, ...], str, Row]]:
    for (path, option), rows in TABLE.items():
        for row in rows:
            yield path, option, row


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("options-template")
    import_history(str(folder / "ledger.sqlite"), folder)
    return folder / "ledger.sqlite"


def _argv(path: tuple[str, ...], option: str, value: str, tmp: Path, ledger: Path
          ) -> list[str]:
    def fill(text: str) -> str:
        return text.format(tmp=tmp, ledger=ledger)

    rest = [fill(arg) for arg in NEEDS.get(path, [])]
    bad = fill(value)
    if path == () and option != "--db":
        # A common option, given to a command that uses it: the actor to one that records.
        command = ["import", fill("{tmp}/empty.jsonl")] if option == "--actor" else ["events"]
        return ["--db", str(ledger), option, bad, *command]
    if path == ():
        return ["--db", bad, "events"]
    if option == "file":
        return ["--db", str(ledger), *path, bad]
    if path == ("keygen",):
        return ["--db", str(ledger), *path, option, bad]
    if path == ("rekey",):
        flag = {"--from": 1, "--to": 3, "--new-key-file": 5}[option]
        rest[flag] = bad
        return ["--db", str(ledger), *path, *rest]
    if option == "--checkpoint" and path != ("audit", "verify"):
        return ["--db", str(ledger), *path, *rest, option, bad]
    return ["--db", str(ledger), *path, *rest, option, bad]


@pytest.mark.parametrize("lang", ["en", "sv"])
@pytest.mark.parametrize(("path", "option", "row"), list(_cases()),
                         ids=lambda v: " ".join(v) if isinstance(v, tuple) and all(
                             isinstance(x, str) for x in v) else None)
def test_a_bad_value_gets_its_exit_code_and_one_sentence_naming_it(
        template: Path, tmp_path: Path, path: tuple[str, ...], option: str, row: Row,
        lang: str) -> None:
    value, exit_code, named = row
    ledger = tmp_path / "ledger.sqlite"
    shutil.copy(template, ledger)
    (tmp_path / "garbage.txt").write_text("hello\n")
    (tmp_path / "garbage.txt").chmod(0o600)
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "a-folder").mkdir()
    if path == ("rekey",):
        assert run(["keygen", "-o", str(tmp_path / "new.key")], out=io.StringIO(),
                   err=io.StringIO()) == 0
    before = files_of(tmp_path)

    argv = _argv(path, option, value, tmp_path, ledger)
    out, err = io.StringIO(), io.StringIO()
    code = run(["--lang", lang, *argv], out=out, err=err)

    sentence = err.getvalue()
    assert (code, out.getvalue()) == (exit_code, ""), (argv, sentence)
    assert sentence.endswith("\n") and sentence.count("\n") == 1, sentence
    assert "Traceback" not in sentence
    assert "internal error" not in sentence and "internt fel" not in sentence
    assert named.format(tmp=tmp_path) in sentence, (named, sentence)
    if lang == "sv":
        said = sentence.replace(value.format(tmp=tmp_path, ledger=ledger), "")
        english = [w for w in ENGLISH if w in said]
        assert not english, (english, sentence)
    assert files_of(tmp_path) == before, argv
