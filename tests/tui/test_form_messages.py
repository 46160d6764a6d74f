"""Issue 16: in Swedish, the forms say what msgspec and the value rules find in Swedish
(the field is shown beside the message, so the message does not repeat its path)."""

from __future__ import annotations

import pytest

from tui.forms.vocabulary import command_error, field_error, field_specs

ENGLISH = ("fails the Luhn check", "Expected", "Object ", "unknown field", "must be",
           "Invalid", "is not")


def spec(command: str, name: str):  # type: ignore[no-untyped-def]
    return next(s for s in field_specs(command) if s.name == name)


@pytest.mark.parametrize(("command", "name", "value", "swedish"), [
    ("register_partner", "org_nr", "769000-0019", "Luhn"),
    ("decide_supervisor_funding", "amount_sek", "12,5,0", "belopp"),
    ("hold_board_meeting", "ref", "STYR\x00", "styr"),
    ("hold_board_meeting", "minutes_ref", " Protokoll", "blanksteg"),
])
def test_a_field_says_what_is_wrong_in_swedish(command: str, name: str, value: str,
                                               swedish: str) -> None:
    english = field_error(spec(command, name), value, "en")
    said = field_error(spec(command, name), value, "sv")
    assert english is not None and said is not None
    assert said != english
    assert swedish.lower() in said.lower(), said
    assert not [w for w in ENGLISH if w in said], said


def test_the_whole_form_names_its_field_and_says_it_in_swedish() -> None:
    values = {"ref": "STYR-1", "held_on": "2026-02-01", "minutes_ref": "Protokoll 1",
              "extra": 1}
    cmd, field, message = command_error("hold_board_meeting", values, "sv")
    assert cmd is None
    assert not [w for w in ENGLISH if w in message], message
    cmd, field, message = command_error(
        "sign_agreement", {"ref": "AVT-1", "org_nr": "769000-0018", "kind": "iop",
                           "starts_on": "2026-03-01", "decision_ref": "SB §1"}, "sv")
    assert cmd is not None
    values = {"ref": "STYR-1", "held_on": "2026-02-01"}
    cmd, field, message = command_error("hold_board_meeting", values, "sv")
    assert (cmd, field) == (None, "minutes_ref")
    assert "saknas" in message, message
