"""R7: no personal data: no personnummer or samordningsnummer anywhere in any event
(``domain.personal_numbers`` decides, over the record's bytes or, without them, over
every text of its data)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from domain.personal_numbers import (
    contains_personal_identity_number,
    find_personal_identity_number,
)
from projections.compliance.findings import RuleTally, Violation
from projections.events import LedgerEvent

CODE = "R7"


def has_personal_number(event: LedgerEvent) -> bool:
    if event.raw is not None:
        return contains_personal_identity_number(event.raw)
    return any(find_personal_identity_number(t) for t in _texts(event.data))


def check(event: LedgerEvent, tally: RuleTally) -> None:
    """Examines every event (the fold counts them: ``tally.examined``)."""
    if has_personal_number(event):
        tally.violations.append(Violation(CODE, event.position, event.recorded.date(),
                                          event.subject, "check.R7", {}))


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _texts(v)
