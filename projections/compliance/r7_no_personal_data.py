"""R7: no personal data: no personnummer or samordningsnummer anywhere in any event
(``domain.personal_numbers`` decides, over the record's bytes or, without them, over
every text of its typed fields)."""

from __future__ import annotations

from collections.abc import Iterator

import msgspec

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
    return any(find_personal_identity_number(t) for t in texts(event.event))


def check(event: LedgerEvent, tally: RuleTally) -> None:
    """Examines every event (the fold counts them: ``tally.examined``)."""
    if has_personal_number(event):
        tally.violations.append(Violation(CODE, event.position, event.recorded.date(),
                                          event.subject, "check.R7", {}))


def texts(value: object) -> Iterator[str]:
    """Every text in a typed event: its ``str`` fields, and the keys and items of its
    dicts and lists, however deep."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            yield from texts(getattr(value, name))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from texts(key)
            yield from texts(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from texts(item)
