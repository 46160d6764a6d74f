"""Whatever bytes arrive, ``asfledger import`` answers with 0, 1 or 2 and never a traceback,
and a non-zero answer leaves the stored history exactly as it was (SPEC §3).

Hypothesis does not reset function-scoped fixtures between examples, so each test makes
its own SQLite ledger in a temporary directory and reuses it for every example: the
ledger grows with the examples that are accepted, which only makes the check harder.
"""

from __future__ import annotations

import io
import itertools
import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.cli import run
from asfledger.ledger import Ledger
from asfledger.text import translate
from domain.commands import COMMAND_TYPES, Command
from tests.domain import builders as b

FUZZ = settings(max_examples=100, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

Stored = tuple[int, list[tuple[int, str, bytes]]]


class Harness:
    """One ledger file for all examples of a test; imports ``data`` and checks the answer."""

    def __init__(self, directory: Path) -> None:
        self.db = str(directory / "ledger.sqlite")
        self.input = directory / "input.jsonl"
        self.reader = Ledger(self.db, actor="reader")
        self.outcomes: set[int] = set()

    def stored(self) -> Stored:
        notifications = self.reader.store.select_notifications(start=1, limit=10_000_000)
        return self.reader.head(), [(n.id, n.topic, bytes(n.state)) for n in notifications]

    def check(self, data: bytes) -> int:
        before = self.stored()
        self.input.write_bytes(data)
        out, err = io.StringIO(), io.StringIO()

        code = run(["--db", self.db, "--lang", "en", "--actor", "fuzz", "import",
                    str(self.input)], out=out, err=err)

        after = self.stored()
        assert "Traceback" not in err.getvalue()
        assert code in (0, 1, 2), err.getvalue()
        self.outcomes.add(code)
        if code != 0:
            assert after == before, "a failed import changed the ledger"
            assert out.getvalue() == ""
            message = err.getvalue()
            assert message.endswith("\n") and message.count("\n") == 1, message
            assert message.startswith("line "), message
        else:
            assert err.getvalue() == ""
            last = out.getvalue().splitlines()[-1]
            # A byte order mark at the start of the file is not a line (SPEC §3).
            body = data.removeprefix(b"\xef\xbb\xbf")
            commands = sum(1 for line in body.split(b"\n") if line.strip())
            added = after[0] - before[0]
            assert last == translate("import.applied", "en", commands=commands, events=added)
            assert after[1][: len(before[1])] == before[1], "history was rewritten"
        return code

    def close(self) -> None:
        self.reader.close()


@contextmanager
def harness() -> Iterator[Harness]:
    with tempfile.TemporaryDirectory(prefix="asfledger-fuzz-") as directory:
        h = Harness(Path(directory))
        try:
            yield h
        finally:
            h.close()


# Strategies --------------------------------------------------------------------------------

json_scalars = (st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
                | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=30)
                | st.sampled_from(["2026-01-15", "2026-02-30", "100.005", "0", "-1",
                                   "769000-0018", "stockholms_stad", "C1", "I3", "2026-Q1",
                                   "19121212-1212", "", "Gröna Jobb AB", "cash_grant",
                                   "asf_startup", "99999999.99"]))
json_values = st.recursive(
    json_scalars,
    lambda children: (st.lists(children, max_size=4)
                      | st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=12)

FIELDS: dict[str, list[str]] = {
    tag: list(cls.__struct_fields__) for tag, cls in COMMAND_TYPES.items()}
ALL_FIELDS = sorted({f for fields in FIELDS.values() for f in fields})


def encode(value: Any) -> bytes:
    # The standard library's encoder: big integers, and lone surrogates become bad UTF-8.
    return json.dumps(value, ensure_ascii=False).encode("utf-8", errors="surrogatepass")


@st.composite
def command_shaped(draw: st.DrawFn) -> dict[str, Any]:
    """An object with a real command tag and some of its fields set to anything at all."""
    tag = draw(st.sampled_from(sorted(FIELDS)))
    names = draw(st.lists(st.sampled_from(FIELDS[tag]), max_size=len(FIELDS[tag]),
                          unique=True))
    return {"command": tag, **{name: draw(json_values) for name in names}}


def scenario(serial: int) -> list[Command]:
    """A valid history touching most commands; its keys are unique for ``serial``."""
    org = b.make_org_nr(serial)
    s = serial
    year = 2030 + serial % 70
    return [
        *b.onboarded_partner_commands(org),
        b.sign_agreement(f"AVT-{s}", org),
        b.decide_funding(f"HF-{s}", org),
        b.pay_funding(f"HF-{s}", voucher_ref=f"VER-{s}"),
        b.plan_activity(f"AKT-{s}"),
        b.hold_activity(f"AKT-{s}"),
        b.log_structural_work(f"SA-{s}"),
        b.draft_plan(year),
        b.add_action(f"A{s}", year=year, due_on=date(year, 11, 30)),
        b.start_effort(f"INS-{s}", org),
        b.report_participants(f"INS-{s}"),
        b.report_outcomes(f"INS-{s}"),
        b.pay_partner(f"UTG-{s}", org, linked_ref=f"AVT-{s}"),
        b.expenditure(f"UTG-L-{s}"),
        b.join(f"MED-{s}"),
        b.board_meeting(f"STYR-{s}"),
    ]


_serials = itertools.count(1)


def mutate(draw: st.DrawFn, line: dict[str, Any], other: dict[str, Any]) -> dict[str, Any]:
    """Replace one field with any JSON value or with the same field of ``other`` (a valid
    value that names keys this ledger may not have), remove one, add one, or annotate."""
    line = dict(line)
    how = draw(st.sampled_from(["replace", "swap", "remove", "add", "annotate"]))
    if how == "annotate":  # usually harmless: the file is then accepted
        line[draw(st.sampled_from(["note", "actor"]))] = draw(st.text(min_size=1, max_size=40))
    elif how == "add":
        name = draw(st.sampled_from(ALL_FIELDS) | st.text(max_size=12))
        line[name] = draw(json_values)
    else:
        name = draw(st.sampled_from(sorted(line)))
        if how == "replace":
            line[name] = draw(json_values)
        elif how == "swap":
            line[name] = other[name]
        else:
            del line[name]
    return line


@st.composite
def near_valid_file(draw: st.DrawFn) -> bytes:
    serial = next(_serials)
    lines: list[dict[str, Any]] = [msgspec.to_builtins(cmd) for cmd in scenario(serial)]
    others: list[dict[str, Any]] = [
        msgspec.to_builtins(cmd) for cmd in scenario(serial + 500_000)]
    index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
    lines[index] = mutate(draw, lines[index], others[index])
    return b"".join(encode(line) + b"\n" for line in lines)


def lines_of(strategy: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    return st.lists(strategy, max_size=6).map(lambda ls: b"\n".join(ls))


VALID_LINES = [encode(msgspec.to_builtins(cmd)) for cmd in scenario(999_999)]


# Tests -------------------------------------------------------------------------------------

def _fuzz(strategy: st.SearchStrategy[bytes]) -> Callable[[Harness], None]:
    """Run ``strategy`` through one harness; return nothing, the harness keeps outcomes."""

    @FUZZ
    @given(data=strategy)
    def examples(h: Harness, data: bytes) -> None:
        h.check(data)

    return examples


def test_arbitrary_bytes_never_crash_and_never_half_write() -> None:
    strategy = (st.binary(max_size=300)
                | lines_of(st.binary(max_size=40) | st.sampled_from(VALID_LINES)
                           | st.sampled_from([b"", b"  ", b"\r", b"{}", b"null", b"\xff"])))
    with harness() as h:
        _fuzz(strategy)(h)
        assert 2 in h.outcomes


def test_arbitrary_json_per_line_never_crashes_and_never_half_writes() -> None:
    line = (json_values | command_shaped()).map(encode)
    strategy = lines_of(line | st.sampled_from(VALID_LINES))
    with harness() as h:
        _fuzz(strategy)(h)
        assert 2 in h.outcomes


def test_near_valid_commands_never_crash_and_never_half_write() -> None:
    with harness() as h:
        _fuzz(near_valid_file())(h)
        # A harmless change (a note, an actor) is accepted, a bad value is invalid input,
        # and a missing reference or a changed key is refused: all three are reached.
        assert h.outcomes == {0, 1, 2}, h.outcomes


def test_the_scenario_itself_is_accepted() -> None:
    """The base of the near-valid files is valid, so their failures come from the change."""
    with harness() as h:
        data = b"".join(encode(msgspec.to_builtins(cmd)) + b"\n" for cmd in scenario(7))
        assert h.check(data) == 0
        assert h.stored()[0] == 26  # with the charge on the agreement the partner is paid under


def test_a_file_of_only_a_byte_order_mark_is_an_empty_import() -> None:
    """Hypothesis found it once: the mark opens the file and is not a line of its own."""
    with harness() as h:
        before = h.stored()
        assert h.check(b"\xef\xbb\xbf") == 0
        assert h.stored() == before
