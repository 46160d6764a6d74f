"""Partners: registering an ASF, assessing it against C1–C4, onboarding (R2), offboarding."""

from __future__ import annotations

from datetime import date

import pytest

from asfledger.ledger import CommandRefused
from domain.aggregates import Effort, Partner
from domain.commands import COMMAND_TYPES, Command, command_name
from domain.rules import RULES
from domain.span import DateSpan
from tests.domain.builders import (
    DAY,
    ORG_A,
    ORG_B,
    assert_refused,
    assess,
    assess_all,
    board_meeting,
    every_command_once,
    must_get,
    offboard,
    onboard,
    onboarded_partner_commands,
    register,
    sign_agreement,
    stored,
)
from tests.domain.memory import MemoryLedger


def test_register_partner_records_name_legal_form_and_districts(ledger: MemoryLedger) -> None:
    applied = ledger.execute([register(ORG_A, name="Returverket", legal_form="aktiebolag_svb",
                                       districts=["farsta", "jarva", "farsta"])])

    assert applied.events == 1
    partner = must_get(ledger, Partner, ORG_A)
    assert (partner.org_nr, partner.name, partner.legal_form) == (
        ORG_A, "Returverket", "aktiebolag_svb")
    assert partner.districts == ["farsta", "jarva"]
    assert partner.onboardings == []
    assert not partner.is_onboarded


def test_assess_criterion_keeps_every_assessment_with_its_evidence(ledger: MemoryLedger) -> None:
    ledger.execute([
        register(ORG_A),
        assess(ORG_A, "C2", met=False, on=date(2026, 1, 5), evidence="Inga avtal"),
        assess(ORG_A, "C2", met=True, on=date(2026, 1, 10), evidence="Delägaravtal 2026"),
    ])

    partner = must_get(ledger, Partner, ORG_A)
    assert partner.assessments == {"C2": [
        (date(2026, 1, 5), False, "Inga avtal"),
        (date(2026, 1, 10), True, "Delägaravtal 2026"),
    ]}


def test_R2_partner_is_onboarded_when_all_four_criteria_are_met(ledger: MemoryLedger) -> None:
    applied = ledger.execute(onboarded_partner_commands(ORG_A, on=DAY))

    assert applied.commands == 6
    assert applied.events == 6
    partner = must_get(ledger, Partner, ORG_A)
    assert partner.is_onboarded
    assert partner.onboardings == [DateSpan(DAY)]
    assert partner.is_active_on(DAY)
    assert not partner.is_active_on(date(2026, 1, 14))


def test_offboard_partner_ends_its_onboarding(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=DAY),
                    offboard(ORG_A, on=date(2026, 6, 30))])

    partner = must_get(ledger, Partner, ORG_A)
    assert not partner.is_onboarded
    assert partner.onboardings == [DateSpan(DAY, stop=date(2026, 6, 30))]
    assert partner.is_active_on(date(2026, 6, 29))
    assert not partner.is_active_on(date(2026, 6, 30))


def test_an_offboarded_partner_can_be_onboarded_again(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A, on=DAY),
                    offboard(ORG_A, on=date(2026, 3, 1)),
                    onboard(ORG_A, on=date(2026, 9, 1))])

    partner = must_get(ledger, Partner, ORG_A)
    assert partner.onboardings == [DateSpan(DAY, stop=date(2026, 3, 1)),
                                   DateSpan(date(2026, 9, 1))]
    assert not partner.is_active_on(date(2026, 5, 1))
    assert partner.is_active_on(date(2026, 9, 1))


# R2 -------------------------------------------------------------------------------------

def test_R2_refuses_onboarding_when_one_criterion_is_unmet(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), *assess_all(ORG_A),
                    assess(ORG_A, "C4", met=False, evidence="Styrs av stadsdelen")])

    refused = assert_refused(ledger, [onboard(ORG_A)], "R2")

    assert refused.refusal.params["criteria"] == "C4"
    assert not must_get(ledger, Partner, ORG_A).is_onboarded


def test_R2_refuses_onboarding_when_a_criterion_was_never_assessed(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), assess(ORG_A, "C1"), assess(ORG_A, "C2"),
                    assess(ORG_A, "C3")])

    refused = assert_refused(ledger, [onboard(ORG_A)], "R2")

    assert refused.refusal.params["criteria"] == "C4"


def test_R2_refuses_a_partner_that_was_never_assessed_naming_all_criteria(
        ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A)])

    refused = assert_refused(ledger, [onboard(ORG_A)], "R2")

    assert refused.refusal.params["criteria"] == "C1, C2, C3, C4"


def test_R2_the_latest_assessment_counts_so_met_then_unmet_is_unmet(ledger: MemoryLedger) -> None:
    ledger.execute([
        register(ORG_A), *assess_all(ORG_A, on=date(2026, 1, 1)),
        assess(ORG_A, "C3", met=False, on=date(2026, 1, 10),
               evidence="Vinsten delades ut till ägarna 2025"),
    ])

    refused = assert_refused(ledger, [onboard(ORG_A, on=date(2026, 1, 15))], "R2")

    assert refused.refusal.params["criteria"] == "C3"


def test_R2_the_latest_assessment_counts_so_unmet_then_met_is_met(ledger: MemoryLedger) -> None:
    ledger.execute([
        register(ORG_A), assess(ORG_A, "C3", met=False, on=date(2026, 1, 1)),
        *assess_all(ORG_A, on=date(2026, 1, 10)),
        onboard(ORG_A, on=date(2026, 1, 15)),
    ])

    assert must_get(ledger, Partner, ORG_A).is_onboarded


def test_R2_an_assessment_dated_after_the_onboarding_does_not_count(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), *assess_all(ORG_A, on=date(2026, 2, 1))])

    refused = assert_refused(ledger, [onboard(ORG_A, on=date(2026, 1, 15))], "R2")

    assert refused.refusal.params["criteria"] == "C1, C2, C3, C4"


def test_R2_a_later_dated_met_does_not_hide_an_unmet_in_force_on_the_day(
        ledger: MemoryLedger) -> None:
    ledger.execute([
        register(ORG_A), *assess_all(ORG_A, on=date(2026, 1, 1)),
        assess(ORG_A, "C1", met=False, on=date(2026, 1, 10)),
        assess(ORG_A, "C1", met=True, on=date(2026, 3, 1)),
    ])

    refused = assert_refused(ledger, [onboard(ORG_A, on=date(2026, 2, 1))], "R2")

    assert refused.refusal.params["criteria"] == "C1"


def test_R2_refusal_cites_the_rule_and_the_ASF_definition_in_both_languages(
        ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A)])
    with pytest.raises(CommandRefused) as excinfo:
        ledger.execute([onboard(ORG_A)])

    quote_sv = RULES["R2"].quote_sv
    swedish = excinfo.value.refusal.describe("sv")
    english = excinfo.value.refusal.describe("en")
    assert "R2" in swedish and quote_sv in swedish
    assert "R2" in english and quote_sv in english
    assert RULES["R2"].quote_en in english
    assert RULES["R2"].quote_en not in swedish  # the policy is Swedish: no translation
    assert "Arbetsintegrerande sociala företag är företag som" in quote_sv
    assert swedish != english


# Consistency ------------------------------------------------------------------------------

def test_a_partner_cannot_be_registered_twice(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A)])

    refused = assert_refused(ledger, [register(ORG_B), register(ORG_A, name="Annat namn")],
                             "duplicate")

    assert refused.refusal.params["key"] == ORG_A
    assert must_get(ledger, Partner, ORG_A).name == "Returverket ekonomisk förening"
    assert ledger.get(Partner, ORG_B) is None


def test_a_partner_cannot_be_registered_twice_in_one_batch(ledger: MemoryLedger) -> None:
    assert_refused(ledger, [register(ORG_A), register(ORG_A)], "duplicate")

    assert ledger.get(Partner, ORG_A) is None


def test_the_same_org_nr_with_or_without_dash_is_the_same_partner(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A)])

    assert_refused(ledger, [register(ORG_A.replace("-", ""))], "duplicate")


def test_an_unknown_partner_cannot_be_assessed(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A)])

    refused = assert_refused(ledger, [assess(ORG_B)], "unknown")

    assert refused.refusal.params["key"] == ORG_B


@pytest.mark.parametrize("command", [onboard(ORG_B), offboard(ORG_B)],
                         ids=["onboard", "offboard"])
def test_an_unknown_partner_cannot_be_onboarded_or_offboarded(
        ledger: MemoryLedger, command: Command) -> None:
    ledger.execute([board_meeting()])

    assert_refused(ledger, [command], "unknown")


def test_a_partner_that_is_not_onboarded_cannot_be_offboarded(ledger: MemoryLedger) -> None:
    ledger.execute([register(ORG_A), *assess_all(ORG_A)])

    assert_refused(ledger, [offboard(ORG_A)], "state")


def test_an_offboarded_partner_cannot_be_offboarded_again(ledger: MemoryLedger) -> None:
    ledger.execute([*onboarded_partner_commands(ORG_A), offboard(ORG_A)])

    assert_refused(ledger, [offboard(ORG_A, on=date(2026, 7, 1))], "state")


def test_an_onboarded_partner_cannot_be_onboarded_again(ledger: MemoryLedger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A))

    assert_refused(ledger, [onboard(ORG_A, on=date(2026, 2, 1))], "state")


def test_a_partner_cannot_be_offboarded_before_it_was_onboarded(ledger: MemoryLedger) -> None:
    ledger.execute(onboarded_partner_commands(ORG_A, on=DAY))

    assert_refused(ledger, [offboard(ORG_A, on=date(2026, 1, 1))], "state")


# A batch is all or nothing ----------------------------------------------------------------

def test_a_batch_whose_third_of_five_commands_is_refused_stores_nothing(
        ledger: MemoryLedger) -> None:
    ledger.execute([board_meeting("STYR-0")])
    before = stored(ledger)
    batch = [
        register(ORG_A), *assess_all(ORG_A)[:1],
        onboard(ORG_A),  # R2: C2–C4 were never assessed
        register(ORG_B), sign_agreement("AVT-1", ORG_A),
    ]

    with pytest.raises(CommandRefused) as excinfo:
        ledger.execute(batch)

    assert len(batch) == 5
    assert excinfo.value.index == 2
    assert excinfo.value.command is batch[2]
    assert excinfo.value.refusal.code == "R2"
    assert stored(ledger) == before
    assert ledger.head() == 1
    assert ledger.get(Partner, ORG_A) is None
    assert ledger.get(Partner, ORG_B) is None


def test_every_command_is_recorded_in_one_batch(ledger: MemoryLedger) -> None:
    batch = every_command_once()

    applied = ledger.execute(batch)

    # A redaction is decided against the stored history, never inside a batch of new events.
    assert {command_name(cmd) for cmd in batch} == set(COMMAND_TYPES) - {"redact"}
    assert applied.commands == len(batch)
    assert ledger.head() == applied.events == len(stored(ledger))
    # sign_agreement also links the agreement on the partner, the funding and the effort
    # are linked on it (business dates); financing (paid to the party that runs the
    # effort: to the partner it would be F1) charges the effort
    assert applied.events == len(batch) + 4
    assert must_get(ledger, Partner, ORG_A).agreement_refs == ["AVT-1"]
    assert must_get(ledger, Effort, "INS-1").charged_ore == 100_000
    assert not must_get(ledger, Partner, ORG_B).is_onboarded


def test_a_dry_run_decides_but_stores_nothing(ledger: MemoryLedger) -> None:
    applied = ledger.execute(onboarded_partner_commands(ORG_A), dry_run=True)

    assert applied.commands == 6
    assert ledger.head() == 0
    assert ledger.get(Partner, ORG_A) is None
