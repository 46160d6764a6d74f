"""R7, no personal data (docs/SECURITY.md, "a malicious import file"): a personnummer or
samordningsnummer anywhere inside any text of any command — every str field of the 26
command Structs, list items and dict keys included — is refused under R7 by the ledger
and by the importer, and nothing is written.

The numbers are generated: 10 or 12 digits, with or without a ``-`` or ``+`` separator,
Luhn-valid, samordningsnummer with day + 60. The terminal UI writes only through
``Ledger.execute`` (which calls ``domain.handlers.decide``, whose first step is the R7
guard), checked at the end.
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.ledger import CommandRefused, Ledger, _Workspace
from domain import commands as c
from domain.errors import Refusal
from domain.handlers import decide
from domain.personal_numbers import find_personal_identity_number
from domain.values import luhn_ok
from tests.domain.builders import board_meeting, every_command_once
from tests.security.support import cli, event_count

# One valid instance of each of the 31 commands: the first use of each in a valid batch.
ONE_OF_EACH: dict[type[c.Command], c.Command] = {}
for _command in every_command_once():
    ONE_OF_EACH.setdefault(type(_command), _command)
# A redaction is decided against the stored history, never inside a batch of new events.
ONE_OF_EACH[c.Redact] = c.Redact(position=1, field="actor", decision_ref="SB 2026-12-04 §9",
                                 reason="personnummer som registrerare")

Path_ = tuple[Any, ...]  # field names, list indexes, ("key", k) for a dict key, APPEND
APPEND = ("append",)


def test_every_command_is_covered() -> None:
    assert set(ONE_OF_EACH) == set(c.COMMAND_TYPES.values())
    assert len(ONE_OF_EACH) == 31


# Where a string can go ---------------------------------------------------------------

def _takes_str(t: msgspec.inspect.Type) -> bool:
    if isinstance(t, msgspec.inspect.Metadata):  # a type with its JSON Schema words
        return _takes_str(t.type)
    if isinstance(t, msgspec.inspect.StrType):
        return True
    if isinstance(t, msgspec.inspect.LiteralType):
        return all(isinstance(v, str) for v in t.values)
    if isinstance(t, msgspec.inspect.UnionType):
        return any(_takes_str(u) for u in t.types)
    return False


def _inner(t: msgspec.inspect.Type, kind: type[msgspec.inspect.Type]
           ) -> msgspec.inspect.Type | None:
    if isinstance(t, kind):
        return t
    if isinstance(t, msgspec.inspect.UnionType):
        for u in t.types:
            if isinstance(u, kind):
                return u
    return None


def _slots(t: msgspec.inspect.Type, value: Any, path: Path_) -> Iterator[Path_]:
    if value is None:
        if _takes_str(t):
            yield path
    elif isinstance(value, str):
        yield path
    elif isinstance(value, list):
        items = _inner(t, msgspec.inspect.ListType)
        assert isinstance(items, msgspec.inspect.ListType)
        for i, item in enumerate(value):
            yield from _slots(items.item_type, item, (*path, i))
        if _takes_str(items.item_type):
            yield (*path, APPEND)
    elif isinstance(value, dict):
        mapping = _inner(t, msgspec.inspect.DictType)
        assert isinstance(mapping, msgspec.inspect.DictType)
        for key, item in value.items():
            if _takes_str(mapping.key_type):
                yield (*path, ("key", key))
            yield from _slots(mapping.value_type, item, (*path, key))
    elif isinstance(value, msgspec.Struct):
        yield from _struct_slots(value, path)


def _struct_slots(struct: msgspec.Struct, path: Path_ = ()) -> Iterator[Path_]:
    info = msgspec.inspect.type_info(type(struct))
    assert isinstance(info, msgspec.inspect.StructType)
    for field in info.fields:
        yield from _slots(field.type, getattr(struct, field.name), (*path, field.name))


SLOTS: list[tuple[c.Command, Path_]] = [
    (command, slot) for command in ONE_OF_EACH.values() for slot in _struct_slots(command)]


def test_the_slots_include_every_str_field_list_item_and_dict_key() -> None:
    paths = {(c.command_name(cmd), slot) for cmd, slot in SLOTS}

    assert ("register_partner", ("name",)) in paths
    assert ("register_partner", ("districts", 0)) in paths
    assert ("log_structural_work", ("parties", APPEND)) in paths
    assert ("hold_activity", ("attendance", ("key", "asf"))) in paths
    assert ("report_participants", ("counts", ("key", "long_term_unemployed"))) in paths
    assert ("sign_agreement", ("value_sek",)) in paths  # an optional amount, None here
    assert all((name, ("note",)) in paths and (name, ("actor",)) in paths
               for name in c.COMMAND_TYPES)
    assert len(SLOTS) > 120


def _embed(command: c.Command, slot: Path_, insert: Any) -> tuple[c.Command, str]:
    """A copy of ``command`` whose string at ``slot`` has ``insert(text)`` applied (an absent
    value counts as the empty string); also returns the new string."""
    changed = copy.deepcopy(command)
    holder: Any = changed
    for step in slot[:-1]:
        holder = holder[step] if isinstance(holder, (list, dict)) else getattr(holder, step)
    last = slot[-1]
    if last == APPEND:
        text = insert("")
        holder.append(text)
    elif isinstance(last, tuple) and last[0] == "key":
        text = insert(last[1])
        holder[text] = holder.pop(last[1])
    elif isinstance(holder, (list, dict)):
        text = holder[last] = insert(holder[last])
    else:
        text = insert(getattr(holder, last) or "")
        setattr(holder, last, text)  # no validation: the guard must not depend on it
    return changed, text


# Personnummer and samordningsnummer -----------------------------------------------------

def _check_digit(nine: str) -> str:
    return next(d for d in "0123456789" if luhn_ok(nine + d))


@st.composite
def personal_identity_numbers(draw: st.DrawFn) -> str:
    born = draw(st.dates(min_value=date(1890, 1, 1), max_value=date(2025, 12, 31)))
    coordination = draw(st.booleans())  # samordningsnummer: day + 60
    day = born.day + (60 if coordination else 0)
    yymmdd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
    serial = f"{draw(st.integers(0, 999)):03d}"
    century = f"{born.year // 100}" if draw(st.booleans()) else ""
    separator = draw(st.sampled_from(["", "-", "+"]))
    return f"{century}{yymmdd}{separator}{serial}{_check_digit(yymmdd + serial)}"


NOT_DIGITS = ["a", "/", "(", ")", ":", ",", "ö", "_", "#", "§", "é"]


@st.composite
def embeddings(draw: st.DrawFn) -> tuple[c.Command, Path_, str, c.Command]:
    command, slot = draw(st.sampled_from(SLOTS))
    number = draw(personal_identity_numbers())
    where = draw(st.floats(0, 1))
    before, after = draw(st.sampled_from(["", *NOT_DIGITS])), draw(st.sampled_from(
        ["", *NOT_DIGITS]))

    def insert(text: str) -> str:
        at = round(where * len(text))
        head, tail = text[:at], text[at:]
        # Digits next to the number would make it another number: keep it apart.
        left = before or ("x" if head[-1:].isdigit() else "")
        right = after or ("x" if tail[:1].isdigit() else "")
        return f"{head}{left}{number}{right}{tail}"

    changed, text = _embed(command, slot, insert)
    assert number in text
    assert find_personal_identity_number(text) is not None, text
    return command, slot, number, changed


# The ledger -------------------------------------------------------------------------------

def test_R7_a_generated_number_anywhere_in_any_command_is_refused_and_nothing_written(
        db: str) -> None:
    with Ledger(db, actor="test") as ledger:
        ledger.execute([board_meeting("STYR-0")])
        batches = 0

        @settings(max_examples=300, deadline=None, derandomize=False,
                  suppress_health_check=[HealthCheck.too_slow])
        @given(embeddings())
        def refused(example: tuple[c.Command, Path_, str, c.Command]) -> None:
            nonlocal batches
            _, slot, number, changed = example
            batches += 1

            with pytest.raises(CommandRefused) as caught:
                ledger.execute([board_meeting(f"STYR-{batches}"), changed])

            assert caught.value.index == 1
            assert caught.value.refusal.code == "R7"
            assert number not in str(caught.value)  # named by field, never repeated
            assert ledger.head() == 1
            if isinstance(slot[-1], tuple) and slot[-1][0] == "key":
                assert caught.value.refusal.params["field"] == f"{slot[0]}[key]"

        refused()
        assert batches > 0
    assert event_count(db) == 1


@pytest.mark.parametrize(("command", "slot"), SLOTS,
                         ids=[f"{c.command_name(cmd)}-{slot}" for cmd, slot in SLOTS])
def test_R7_every_slot_with_a_samordningsnummer_is_refused(
        sqlite_db: str, command: c.Command, slot: Path_) -> None:
    """Every slot at least once, deterministically (the property above samples them)."""
    changed, _ = _embed(command, slot, lambda text: f"{text} 701063-2391 ")
    with Ledger(sqlite_db, actor="test") as ledger:
        with pytest.raises(CommandRefused) as caught:
            ledger.execute([board_meeting("STYR-1"), changed])

        assert caught.value.refusal.code == "R7"
        assert ledger.head() == 0


# The importer -------------------------------------------------------------------------

def _decodes(line: bytes) -> bool:
    try:
        c.decode_command(line)
    except (msgspec.ValidationError, msgspec.DecodeError):
        return False
    return True


def test_R7_the_importer_refuses_a_generated_number_with_exit_1_and_writes_nothing(
        db: str, tmp_path: Path) -> None:
    free_text = 0

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(embeddings())
    def imported(example: tuple[c.Command, Path_, str, c.Command]) -> None:
        nonlocal free_text
        _, _, number, changed = example
        line = msgspec.json.encode(changed)
        path = tmp_path / "import.jsonl"
        path.write_bytes(msgspec.json.encode(board_meeting("STYR-1")) + b"\n" + line + b"\n")

        code, out, err = cli("--db", db, "import", str(path))

        if _decodes(line):  # free text: the rule refuses it
            free_text += 1
            assert code == 1, err
            assert "line 2" in err
            assert "R7" in err
            assert number not in err  # the refusal names the field, never the number
        else:  # a code, org number, period or amount: invalid before any rule
            assert code == 2, err
        assert out == ""

    imported()
    assert free_text > 0
    assert event_count(db) == 0


def test_R7_the_importer_refuses_a_number_in_the_note_of_every_command(
        sqlite_db: str, tmp_path: Path) -> None:
    lines = []
    for command in ONE_OF_EACH.values():
        changed, _ = _embed(command, ("note",), lambda _: "Deltagare 19811218-9876")
        lines.append(json.loads(msgspec.json.encode(changed)))
    for number, line in enumerate(lines, start=1):
        path = tmp_path / f"{number}.jsonl"
        path.write_text(json.dumps(line) + "\n")

        code, _, err = cli("--db", sqlite_db, "import", str(path))

        assert code == 1, (line["command"], err)
        assert "R7" in err
    assert event_count(sqlite_db) == 0


# The terminal UI uses the same guard ----------------------------------------------------

def test_R7_decide_is_the_guard_of_every_write_including_the_ui(sqlite_db: str) -> None:
    """``Ledger.execute`` decides every command with ``domain.handlers.decide``, whose first
    step is ``check_no_personal_data``; the UI's forms and welcome screen write only through
    ``Ledger.execute`` (a dry run while typing, then the real one), never around it."""
    changed, _ = _embed(ONE_OF_EACH[c.LogStructuralWork], ("description",),
                        lambda text: f"{text} samordningsnummer 701063-2391")
    with Ledger(sqlite_db, actor="test") as ledger:
        with pytest.raises(Refusal) as caught:
            decide(changed, _Workspace(ledger), "test")
        assert caught.value.code == "R7"
        with pytest.raises(CommandRefused):
            ledger.execute([changed], dry_run=True)  # the UI's check as you type
        assert ledger.head() == 0

    tui = Path(__file__).parents[2] / "tui"
    sources = {p.relative_to(tui).as_posix(): p.read_text() for p in tui.rglob("*.py")}
    writers = {name for name, text in sources.items() if ".execute(" in text}
    assert writers  # the UI writes somewhere…
    bypasses = re.compile(r"(?<![\w.])decide\(|ledger\.save\(|insert_events\(|\.events\.put\(")
    for name, text in sources.items():  # …and only through Ledger.execute
        assert not bypasses.search(text), name
