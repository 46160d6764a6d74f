"""What a line of an import file may be before msgspec reads it: its size, its nesting,
and one value per key (issue 16).

msgspec keeps the last of two equal keys (``"purpose":"cash_grant", …,
"purpose":"administration"`` would store administration) and recurses on nesting (a line
5,000 levels deep is a RecursionError). Both are checked here first, without recursion,
and cheaply: most lines have few brackets and distinct keys, and are passed at once.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_LINE_BYTES = 1_048_576  # 1 MiB: a command at every field's length bound is far less
MAX_DEPTH = 4  # a command nests 3 deep (report_participants: counts → group → women)
BOM = b"\xef\xbb\xbf"

_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(rb"[\[\]{}]")
_KEY = re.compile(rb'"((?:[^"\\]|\\.)*)"\s*:', re.DOTALL)


class LineProblem(ValueError):
    """Why a line cannot be read as one command: a catalogue key and its parameters."""

    def __init__(self, message_key: str, **params: Any) -> None:
        self.message_key = message_key
        self.params = params
        super().__init__(message_key)


def check_line(line: bytes) -> None:
    """Raise ``LineProblem`` for a line too long, nested too deep, or with a key twice."""
    if len(line) > MAX_LINE_BYTES:
        raise LineProblem("line.too_long", size=len(line), limit=MAX_LINE_BYTES)
    if line.startswith(BOM):
        raise LineProblem("line.bom")
    without_strings = _STRING.sub(b'""', line)
    brackets = _BRACKET.findall(without_strings)
    if len(brackets) > MAX_DEPTH:
        depth = 0
        for bracket in brackets:
            depth += 1 if bracket in (b"{", b"[") else -1
            if depth > MAX_DEPTH:
                raise LineProblem("line.too_deep", limit=MAX_DEPTH)
    keys = _KEY.findall(line)
    if len(keys) != len(set(keys)) or any(b"\\" in key for key in keys):
        _check_duplicate_keys(line)


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise LineProblem("line.duplicate_key", key=key)
        seen[key] = value
    return seen


def _check_duplicate_keys(line: bytes) -> None:
    """The slow path, for lines whose keys repeat (in different objects, or written with
    escapes): the standard library's parser, which reports each object's keys."""
    try:
        json.loads(line, object_pairs_hook=_refuse_duplicates)
    except LineProblem:
        raise
    except ValueError:
        return  # not JSON: msgspec says where
