"""Corrections as decisions: a reversal, a corrected fact or a void is a new event that
names the event it corrects, never an edit of the history.

Bokföringslagen 5 kap. 5 § asks that a correction show how, when and by whom a record was
changed: each correction event carries the corrected event (its version in the
aggregate), what was there before and what is there now, the reason, a decision
reference where the original needed one, and, like every event, its actor and time.

This module holds what the aggregates, the projections and the UI share: which facts may
be corrected (``FACTS``), how a corrected value is stored (JSON-native, so it reads back
the same from any store) and read (``fact_value``), and the bases of the correction
events each correctable aggregate declares (``FactCorrectedBase``, ``VoidedBase``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.values import KEY_MAX, TEXT_MAX, check_target_group, check_text, parse_sek

# Kinds whose original needed a decision reference (a board or director's decision): a
# correction or a void of one needs a decision reference too.
DECIDED_KINDS: frozenset[str] = frozenset({
    "supervisor_funding", "effort", "agreement", "membership"})


@dataclass(frozen=True, slots=True)
class Fact:
    """A correctable fact: the field a command names, the state field it sets, and how a
    command's value becomes the stored, JSON-native value."""

    field: str  # as the command names it: "amount_sek"
    stored: str  # as the event and the aggregate hold it: "amount_ore"
    kind_of_value: str  # "text", "ref", "date", "money", "districts"


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > TEXT_MAX:
        raise ValueError(f"must be a non-empty text of at most {TEXT_MAX} characters")
    # The text rule every command's texts obey (values.check_text), said in its words.
    return check_text(value, multiline=True)


def _ref(value: Any) -> str:
    if (not isinstance(value, str) or not value.strip() or len(value) > KEY_MAX
            or value != value.strip() or "\n" in value):
        raise ValueError(f"must be a non-empty reference of at most {KEY_MAX} characters "
                         "on one line")
    return check_text(value)


def _legal_form(value: Any) -> str:
    from domain.reference import LEGAL_FORMS

    if value not in LEGAL_FORMS:
        raise ValueError(f"must be a legal form ({', '.join(LEGAL_FORMS)})")
    return str(value)


def _percent(value: Any) -> int:
    # Whole percent of a full-time post, as decide_supervisor_funding's fte_percent.
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 100:
        raise ValueError("must be a whole number from 1 to 100")
    return value


def _target_groups(value: Any) -> list[str]:
    # Each a standard group or ``other:`` and a label under the text rule (R7 is the
    # guard's, over every text of the command, as for decide_supervisor_funding).
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ValueError("must be a non-empty list of target groups")
    return list(dict.fromkeys(check_target_group(group) for group in value))


def _date(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a date YYYY-MM-DD")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise ValueError("must be a date YYYY-MM-DD") from None
    if len(value) != 10:
        raise ValueError("must be a date YYYY-MM-DD")
    return parsed.isoformat()


def _money(value: Any) -> int:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ValueError("must be an amount in SEK (a string or an integer)")
    return parse_sek(value)


def _districts(value: Any) -> list[str]:
    from domain.reference import DISTRICTS

    if not isinstance(value, list) or not value:
        raise ValueError("must be a non-empty list of district codes")
    for code in value:
        if code not in DISTRICTS:
            raise ValueError(f"{code!r} is not a district code ({', '.join(DISTRICTS)})")
    return list(dict.fromkeys(value))


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "text": _text, "ref": _ref, "date": _date, "money": _money, "districts": _districts,
    "legal_form": _legal_form, "employer": _ref, "percent": _percent,
    "target_groups": _target_groups,
}

# kind → field → the fact. Only facts of a creating event: the registration or decision.
FACTS: dict[str, dict[str, Fact]] = {
    "partner": {
        "name": Fact("name", "name", "text"),
        "districts": Fact("districts", "districts", "districts"),
        # No rule reads it: F1–F4 go by substance (money to a registered partner's org
        # number is money to an ASF whatever its form); the report counts partners by it.
        "legal_form": Fact("legal_form", "legal_form", "legal_form"),
    },
    "supervisor_funding": {
        "amount_sek": Fact("amount_sek", "amount_ore", "money"),
        "decided_on": Fact("decided_on", "decided_on", "date"),
        "starts_on": Fact("starts_on", "starts_on", "date"),
        "ends_on": Fact("ends_on", "ends_on", "date"),
        # A plain string, as decided: an employer that is not a party is refused under R1.
        "employer": Fact("employer", "employer", "employer"),
        "fte_percent": Fact("fte_percent", "fte_percent", "percent"),
        "target_groups": Fact("target_groups", "target_groups", "target_groups"),
    },
    "effort": {
        "budget_sek": Fact("budget_sek", "budget_ore", "money"),
        "starts_on": Fact("starts_on", "starts_on", "date"),
        "ends_on": Fact("ends_on", "ends_on", "date"),
    },
    "activity": {
        "title": Fact("title", "title", "text"),
        "planned_on": Fact("planned_on", "planned_on", "date"),
    },
    "structural_work": {
        "description": Fact("description", "description", "text"),
        "done_on": Fact("done_on", "done_on", "date"),
    },
    "expenditure": {
        "description": Fact("description", "description", "text"),
    },
    "agreement": {
        "starts_on": Fact("starts_on", "starts_on", "date"),
        "ends_on": Fact("ends_on", "ends_on", "date"),
        "value_sek": Fact("value_sek", "value_ore", "money"),
        "decision_ref": Fact("decision_ref", "decision_ref", "ref"),
        # F1: what the association buys under it (the proof asks to review money paid
        # under an agreement whose scope was never recorded).
        "scope": Fact("scope", "scope", "text"),
    },
    "membership": {
        "name": Fact("name", "name", "text"),
        "joined_on": Fact("joined_on", "joined_on", "date"),
        "decision_ref": Fact("decision_ref", "decision_ref", "ref"),
    },
    "board_meeting": {
        "held_on": Fact("held_on", "held_on", "date"),
        "minutes_ref": Fact("minutes_ref", "minutes_ref", "ref"),
    },
    "action_plan": {
        "operations_plan_ref": Fact("operations_plan_ref", "operations_plan_ref", "ref"),
    },
    # One action of a plan, keyed "YEAR/ACTION_ID" (the fact of its ActionAdded event).
    "action": {
        "description": Fact("description", "description", "text"),
        "owner": Fact("owner", "owner", "ref"),
        "due_on": Fact("due_on", "due_on", "date"),
    },
}

# What may be voided: a registration or a decision made by mistake. An expenditure is
# reversed instead. An action plan's key is its year: a voided plan's year is drafted
# again (ActionPlan.Redrafted).
VOIDABLE: tuple[str, ...] = ("partner", "supervisor_funding", "effort", "agreement",
                             "membership", "board_meeting", "activity", "structural_work",
                             "action_plan")

# Stored field → the kind of its value, to read a stored value back.
_KIND_OF_STORED: dict[str, str] = {
    fact.stored: fact.kind_of_value for facts in FACTS.values() for fact in facts.values()}


def fact_for(kind: str, field: str) -> Fact:
    """The correctable fact, or ``ValueError`` naming what may be corrected."""
    facts = FACTS.get(kind)
    if facts is None:
        raise ValueError(f"a {kind} has no facts to correct (kinds: {', '.join(FACTS)})")
    fact = facts.get(field)
    if fact is None:
        raise ValueError(f"{field!r} of a {kind} cannot be corrected "
                         f"(fields: {', '.join(facts)})")
    return fact


def stored_value(fact: Fact, value: Any) -> Any:
    """A command's value as stored (JSON-native), or ``ValueError`` saying why not."""
    return _PARSERS[fact.kind_of_value](value)


def fact_value(stored: str, value: Any) -> Any:
    """A stored value as the aggregates and projections hold it (dates as ``date``)."""
    if value is not None and _KIND_OF_STORED.get(stored) == "date":
        return value if isinstance(value, date) else date.fromisoformat(value)
    if isinstance(value, list):
        return list(value)
    return value


def as_stored(value: Any) -> Any:
    """A state value in the JSON-native form an event stores (dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return list(value)
    return value


def value_kind(stored: str) -> str:
    """``"text"``, ``"date"``, ``"money"``, ``"districts"``... (``Fact.kind_of_value``):
    how to show a stored value."""
    return _KIND_OF_STORED.get(stored, "text")


_FIELD_OF_STORED: dict[str, str] = {
    fact.stored: fact.field for facts in FACTS.values() for fact in facts.values()}


def command_field(stored: str) -> str:
    """The field as ``correct_fact`` names it: ``amount_ore`` → ``amount_sek``."""
    return _FIELD_OF_STORED.get(stored, stored)
