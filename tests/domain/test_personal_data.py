"""R7: no personal data. No personnummer or samordningsnummer in any field of any command;
participants are counted, never named."""

from __future__ import annotations

import msgspec
import pytest

from domain.aggregates import Expenditure, StructuralWork
from domain.commands import (
    COMMAND_TYPES,
    Command,
    GenderCounts,
    Redact,
    ReportParticipants,
    command_name,
)
from tests.domain.builders import (
    ORG_A,
    add_action,
    adopt_plan,
    assert_refused,
    assess,
    board_meeting,
    cancel_activity,
    complete_action,
    complete_effort,
    correct_fact,
    decide_funding,
    draft_plan,
    drop_action,
    end_agreement,
    end_funding,
    expenditure,
    hold_activity,
    join,
    leave,
    log_structural_work,
    must_get,
    offboard,
    onboard,
    pay_funding,
    plan_activity,
    register,
    report_outcomes,
    report_participants,
    reverse_expenditure,
    reverse_payment,
    sign_agreement,
    start_effort,
    void_decision,
)
from tests.domain.memory import MemoryLedger

PERSONNUMMER = "811218-9876"  # Skatteverket's example; Luhn-valid
SAMORDNINGSNUMMER = "701063-2391"  # born on the 3rd: day + 60

ONE_OF_EACH: list[Command] = [
    register(), assess(), onboard(), offboard(), sign_agreement(), end_agreement(),
    decide_funding(), pay_funding(), end_funding(), plan_activity(), hold_activity(),
    cancel_activity(), log_structural_work(), draft_plan(), add_action(), adopt_plan(),
    complete_action(), drop_action(), start_effort(), report_participants(),
    report_outcomes(), complete_effort(), expenditure(), join(), leave(), board_meeting(),
    reverse_payment(), reverse_expenditure(), correct_fact("partner", ORG_A, "name", "Nytt"),
    void_decision("partner", ORG_A),
    Redact(position=1, field="actor", decision_ref="SB 2026-12-04 §9", reason="Fel registrerare"),
]


def test_one_of_each_covers_every_command() -> None:
    assert sorted(command_name(cmd) for cmd in ONE_OF_EACH) == sorted(COMMAND_TYPES)


def test_R7_no_personnummer_in_the_note_of_any_command(ledger: MemoryLedger,
                                                       subtests: pytest.Subtests) -> None:
    ledger.execute([board_meeting("STYR-0")])
    for command in ONE_OF_EACH:
        with subtests.test(command=command_name(command)):
            with_note = msgspec.structs.replace(command, note=f"Gäller deltagare {PERSONNUMMER}")

            refused = assert_refused(ledger, [board_meeting("STYR-1"), with_note], "R7")

            assert refused.refusal.params == {"field": "note"}


PERSONAL_IDENTITY_NUMBERS = {
    "10-digit": f"Kontakt: {PERSONNUMMER}",
    "12-digit-dash": "personnummer 19811218-9876",
    "12-digit": "198112189876",
    "no-dash": "8112189876",
    "space": "811218 9876",
    "plus": "121212+1212",
    "samordning": f"samordningsnummer {SAMORDNINGSNUMMER}",
    "samordning-12": "samordningsnummer 19701063-2391",
    "line-break": "Deltagare 811218\n9876",
    "no-break-space": "Deltagare 811218\u00a09876",
    "tab": "811218\t9876",
}


def test_R7_no_personal_identity_number_in_a_description(ledger: MemoryLedger,
                                                         subtests: pytest.Subtests) -> None:
    ledger.execute([board_meeting()])
    for form, text in PERSONAL_IDENTITY_NUMBERS.items():
        with subtests.test(form=form):
            refused = assert_refused(ledger, [log_structural_work("SA-1", description=text)],
                                     "R7")

            assert refused.refusal.params == {"field": "description"}
            assert ledger.get(StructuralWork, "SA-1") is None


def test_R7_no_personnummer_in_an_expenditure_description(ledger: MemoryLedger) -> None:
    assert_refused(ledger, [expenditure(description=f"Lön till {PERSONNUMMER}")], "R7")


def test_R7_a_supplier_is_never_named_by_personnummer(ledger: MemoryLedger) -> None:
    """A sole trader's org number is its owner's personnummer: use the supplier's reference."""
    refused = assert_refused(ledger, [
        expenditure("UTG-1", payee=PERSONNUMMER, payee_legal_form="enskild_naringsidkare"),
    ], "R7")

    assert refused.refusal.params == {"field": "payee"}
    assert ledger.get(Expenditure, "UTG-1") is None
    ledger.execute([expenditure("UTG-1", payee="LEV-3301",
                                payee_legal_form="enskild_naringsidkare")])
    assert must_get(ledger, Expenditure, "UTG-1").payee == "LEV-3301"


def test_R7_no_personal_identity_number_in_any_field(ledger: MemoryLedger,
                                                     subtests: pytest.Subtests) -> None:
    ledger.execute([board_meeting("STYR-0")])
    cases: list[tuple[Command, str]] = [
        (register(name=f"Anna Andersson {PERSONNUMMER}"), "name"),
        (assess(evidence=f"Intervju med {SAMORDNINGSNUMMER}"), "evidence"),
        (plan_activity(title=f"Möte {PERSONNUMMER}"), "title"),
        (sign_agreement(decision_ref=f"Beslut {PERSONNUMMER}"), "decision_ref"),
        (join(name=f"Förening {PERSONNUMMER}"), "name"),
        (board_meeting(ref=PERSONNUMMER), "ref"),
        (msgspec.structs.replace(board_meeting(), actor=f"handläggare {PERSONNUMMER}"),
         "actor"),
        (add_action(owner=PERSONNUMMER), "owner"),
        (hold_activity(f"AKT {PERSONNUMMER}"), "ref"),
    ]
    for command, field in cases:
        with subtests.test(command=command_name(command), field=field):
            refused = assert_refused(ledger, [command], "R7")

            assert refused.refusal.params == {"field": field}


def test_R7_refusal_names_the_field_but_never_repeats_the_number(ledger: MemoryLedger) -> None:
    refused = assert_refused(ledger, [log_structural_work(description=PERSONNUMMER)], "R7")

    for lang in ("sv", "en"):
        assert "description" in refused.refusal.describe(lang)
        assert PERSONNUMMER not in refused.refusal.describe(lang)
    assert PERSONNUMMER not in str(refused)


def test_R7_org_numbers_and_other_numbers_are_not_personal_data(ledger: MemoryLedger) -> None:
    texts = [
        f"Avtal med {ORG_A}",
        "Stockholms stad 212000-0142 och Arbetsförmedlingen 2021002114",
        "811218-9875",  # not Luhn-valid: not a personnummer
        "Telefon 08-508 290 00, dnr 2026/123",
        "Möte 2026-01-15 kl 13.00",
        "Projektnummer 20260115-0001",
    ]
    ledger.execute([log_structural_work(f"SA-{i}", description=text)
                    for i, text in enumerate(texts)])

    for i, text in enumerate(texts):
        assert must_get(ledger, StructuralWork, f"SA-{i}").description == text


def test_R7_participants_are_counted_by_group_and_gender_never_named() -> None:
    """The vocabulary has no place for a name: counts by target group and gender only."""
    report = [f.name for f in msgspec.structs.fields(ReportParticipants)]
    counts = [f.name for f in msgspec.structs.fields(GenderCounts)]

    assert sorted(report) == ["actor", "counts", "note", "period", "ref"]
    assert counts == ["women", "men", "other"]
