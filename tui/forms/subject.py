"""Forms start from where you are (issue 19): the partner, funding, effort, activity,
membership or plan selected on a part's screen fills the subject of the form opened from
there; and after a decision is recorded, the next likely one is offered with the same
subject (after onboarding: sign an agreement)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

import msgspec

from domain.commands import Command, command_name
from tui.forms.vocabulary import GROUPS, field_specs

# The part screens' names → the "Record…" group their commands are in.
GROUP_OF_PART: Final[dict[str, str]] = {
    "partners": "partners", "funding": "supervisor_funding", "activities": "activities",
    "structural": "structural_work", "plan": "action_plan", "efforts": "efforts",
    "expenditure": "expenditure", "memberships": "memberships", "board": "board"}

# What a selected row's key names, by part: the field it fills, and the field kinds that
# take it (an ``org_nr`` only where the form offers partners, a ``ref`` only where it
# names something the ledger holds).
_FIELD_OF_PART: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "partners": ("org_nr", ("partner",)),
    "funding": ("ref", ("ref",)),
    "activities": ("ref", ("ref",)),
    "efforts": ("ref", ("ref",)),
    "memberships": ("ref", ("ref",)),
}

# The decision usually recorded next, and the fields it takes over from the last one.
NEXT: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "register_partner": ("assess_criteria", ("org_nr",)),
    "assess_criteria": ("onboard_partner", ("org_nr",)),
    "onboard_partner": ("sign_agreement", ("org_nr",)),
    "decide_supervisor_funding": ("pay_supervisor_funding", ("ref",)),
    "plan_activity": ("hold_activity", ("ref",)),
    "draft_action_plan": ("add_action", ("year",)),
    "add_action": ("add_action", ("year",)),
    "start_effort": ("report_participants", ("ref",)),
    "report_participants": ("report_outcomes", ("ref", "period")),
}

# The form for C1–C4 together is not one command (it records a batch of assess_criterion).
CRITERIA_FORM: Final = "assess_criteria"


def subject_values(part: str | None, key: str | None, command: str) -> dict[str, Any]:
    """What the row ``key`` selected on the screen of ``part`` fills in ``command``'s
    form ({} when it names nothing the form takes)."""
    if part is None or key is None:
        return {}
    if command == CRITERIA_FORM:
        return {"org_nr": key} if part == "partners" else {}
    kinds = {s.name: s.kind for s in field_specs(command)}
    if part == "plan":
        year, _, action_id = key.partition("/")
        found: dict[str, Any] = {}
        if kinds.get("year") == "plan_year":
            found["year"] = int(year)
            if kinds.get("action_id") == "action":
                found["action_id"] = action_id
        return found
    field, takes = _FIELD_OF_PART.get(part, ("", ()))
    return {field: key} if kinds.get(field) in takes else {}


def next_decision(command: str, recorded: Command | Mapping[str, Any]
                  ) -> tuple[str, dict[str, Any]] | None:
    """The decision usually recorded after ``command``, and its values from ``recorded``."""
    found = NEXT.get(command)
    if found is None:
        return None
    following, fields = found
    data = (dict(recorded) if isinstance(recorded, Mapping)
            else msgspec.structs.asdict(recorded))
    return following, {f: data[f] for f in fields if data.get(f) is not None}


def group_of_part(part: str | None) -> int | None:
    """The index in ``GROUPS`` of the commands of ``part`` (for the picker)."""
    group = GROUP_OF_PART.get(part or "")
    for i, (name, _) in enumerate(GROUPS):
        if name == group:
            return i
    return None


__all__ = ["CRITERIA_FORM", "NEXT", "command_name", "group_of_part", "next_decision",
           "subject_values"]
