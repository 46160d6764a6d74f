"""hypothesis-jsonschema's ``from_schema``, working with the Hypothesis this project locks.

hypothesis-jsonschema 0.23.1 (its latest release) draws an object's keys with
``conjecture.utils.many(...).more()``, an internal API that Hypothesis 6.16x replaced by
iteration. ``_OldMany`` gives it the old interface over the new one (without spans, so the
draws stay well-formed); everything else is hypothesis-jsonschema's own.
"""

from __future__ import annotations

import functools
from typing import Any

import hypothesis.internal.conjecture.utils as cu
import hypothesis_jsonschema._from_schema as _from_schema
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema


class _OldMany:
    """``many(...).more()`` and ``reject()`` as Hypothesis 6.100 had them."""

    def __init__(self, data: Any, min_size: int, max_size: float,
                 average_size: float) -> None:
        self.data = data
        self.min_size, self.max_size = min_size, max_size
        self.p_continue = cu._calc_p_continue(average_size - min_size, max_size - min_size)
        self.count = self.rejections = 0
        self.force_stop = False

    def more(self) -> bool:
        if self.min_size == self.max_size:
            should_continue = self.count < self.min_size
        else:
            forced: bool | None = None
            if self.force_stop:
                forced = False
            elif self.count < self.min_size:
                forced = True
            elif self.count >= self.max_size:
                forced = False
            should_continue = self.data.draw_boolean(self.p_continue, forced=forced)
        if should_continue:
            self.count += 1
        return bool(should_continue)

    def reject(self, why: str | None = None) -> None:
        self.count -= 1
        self.rejections += 1
        if self.rejections > max(3, 2 * self.count):
            if self.count < self.min_size:
                self.data.mark_invalid(why)
            else:
                self.force_stop = True


class _Utils:
    many = _OldMany


if not hasattr(cu.many, "more"):
    _from_schema.cu = _Utils  # type: ignore[assignment,attr-defined]

# It builds the regex strategy of a pattern again for every value it draws; the text rule's
# pattern is a long character class (0.1 s to build), so the strategies are kept.
_from_schema.from_js_regex = functools.lru_cache(maxsize=None)(_from_schema.from_js_regex)


def inlined(node: Any, defs: dict[str, Any]) -> Any:
    """``node`` with every ``$ref`` to ``#/$defs/…`` replaced by what it names (merged with
    its siblings): validating a drawn value then needs no reference lookups, which made
    the filters of hypothesis-jsonschema 30 times slower."""
    if isinstance(node, list):
        return [inlined(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: inlined(value, defs) for key, value in node.items() if key != "$ref"}
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = inlined(defs[ref.removeprefix("#/$defs/")], defs)
        out = {**target, **out}
    return out


def command_instances(schema: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """Instances of the import schema: one of its commands, each drawn from its own
    self-contained schema (the top-level ``anyOf`` is over them)."""
    defs = schema["$defs"]
    options = [inlined(option, defs) for option in schema["anyOf"]]
    return st.one_of([from_schema(option) for option in options]).map(_as_object)


def _as_object(value: Any) -> dict[str, Any]:
    assert isinstance(value, dict)  # every command is an object
    return value
