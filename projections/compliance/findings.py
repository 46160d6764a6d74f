"""What a check finds: violations (and items to review), counted per rule."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True, slots=True)
class Violation:
    """A finding at one event (a violation, or an item to review): ``detail`` is its
    catalogue key (``check.*`` or ``review.*``), ``params`` what the text names."""

    rule: str
    position: int
    day: date
    subject: str
    detail: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class RuleTally:
    examined: int = 0
    violations: list[Violation] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Ending:
    """What a check that needs the whole history knows once it is in: the day it is
    judged on and the position of the last event fed (0: none)."""

    today: date
    last_position: int
