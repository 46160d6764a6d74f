"""Memberships (never of an ASF or an ASF interest organisation, F3) and board meetings."""

from __future__ import annotations

from datetime import date

import pytest

from domain.aggregates import BoardMeeting, Membership
from domain.commands import OrganisationKind
from domain.reference import ASF_INTEREST_ORGANISATIONS, listed_interest_organisation
from tests.domain.builders import (
    ORG_A,
    ORG_B,
    assert_refused,
    board_meeting,
    join,
    leave,
    make_org_nr,
    must_get,
    onboarded_partner_commands,
    register,
)
from tests.domain.memory import MemoryLedger


def test_join_organisation_records_the_membership(ledger: MemoryLedger) -> None:
    other_org = make_org_nr(42, prefix="802")
    ledger.execute([join("MED-1", name="Forum för social innovation", kind="other",
                         org_nr=other_org, joined_on=date(2026, 3, 1),
                         decision_ref="Styrelsen 2026-02-20 §9")])

    membership = must_get(ledger, Membership, "MED-1")
    assert (membership.name, membership.kind, membership.org_nr) == (
        "Forum för social innovation", "other", other_org)
    assert membership.joined_on == date(2026, 3, 1)
    assert membership.decision_ref == "Styrelsen 2026-02-20 §9"
    assert membership.left_on is None
    assert not membership.is_asf_organisation


def test_leave_organisation_records_the_day(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1"), leave("MED-1", on=date(2026, 12, 31))])

    assert must_get(ledger, Membership, "MED-1").left_on == date(2026, 12, 31)


def test_hold_board_meeting_records_its_minutes(ledger: MemoryLedger) -> None:
    ledger.execute([board_meeting("STYR-2026-3", held_on=date(2026, 5, 20),
                                  minutes_ref="Protokoll 2026:3")])

    meeting = must_get(ledger, BoardMeeting, "STYR-2026-3")
    assert (meeting.held_on, meeting.minutes_ref) == (date(2026, 5, 20), "Protokoll 2026:3")


# F3 -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["asf", "asf_interest_organisation"])
def test_F3_never_a_member_of_an_ASF_or_an_ASF_interest_organisation(
        ledger: MemoryLedger, kind: OrganisationKind) -> None:
    ledger.execute([board_meeting()])

    refused = assert_refused(ledger, [
        join("MED-0", kind="network"),
        join("MED-1", name="Skoopi", kind=kind),
    ], "F3")

    assert refused.refusal.params == {"name": "Skoopi", "kind": kind}
    assert ledger.get(Membership, "MED-0") is None
    assert ledger.get(Membership, "MED-1") is None


@pytest.mark.parametrize("kind", ["network", "other"])
def test_F3_a_registered_partner_is_an_ASF_whatever_kind_is_given(
        ledger: MemoryLedger, kind: OrganisationKind) -> None:
    ledger.execute([register(ORG_B), *onboarded_partner_commands(ORG_A)])

    assert_refused(ledger, [join("MED-1", kind=kind, org_nr=ORG_A)], "F3")
    assert_refused(ledger, [join("MED-1", kind=kind, org_nr=ORG_B.replace("-", ""))], "F3")


def test_F3_a_partner_registered_in_the_same_batch_is_an_ASF(ledger: MemoryLedger) -> None:
    assert_refused(ledger, [register(ORG_A), join("MED-1", kind="network", org_nr=ORG_A)],
                   "F3")


# Consistency ------------------------------------------------------------------------------

def test_a_membership_ref_is_unique(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1", name="Första nätverket")])

    assert_refused(ledger, [join("MED-1", name="Andra nätverket")], "duplicate")
    assert must_get(ledger, Membership, "MED-1").name == "Första nätverket"


def test_an_unknown_membership_cannot_be_left(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1")])

    assert_refused(ledger, [leave("MED-2")], "unknown")


def test_a_membership_is_left_only_once(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1"), leave("MED-1", on=date(2026, 6, 30))])

    assert_refused(ledger, [leave("MED-1", on=date(2026, 12, 31))], "state")
    assert must_get(ledger, Membership, "MED-1").left_on == date(2026, 6, 30)


def test_a_membership_cannot_be_left_before_it_began(ledger: MemoryLedger) -> None:
    ledger.execute([join("MED-1", joined_on=date(2026, 2, 1))])

    assert_refused(ledger, [leave("MED-1", on=date(2026, 1, 31))], "state")


def test_a_board_meeting_ref_is_unique(ledger: MemoryLedger) -> None:
    ledger.execute([board_meeting("STYR-1", minutes_ref="Protokoll 2026:1")])

    assert_refused(ledger, [board_meeting("STYR-1", minutes_ref="Protokoll 2026:2")],
                   "duplicate")
    assert must_get(ledger, BoardMeeting, "STYR-1").minutes_ref == "Protokoll 2026:1"


# F3 by substance (issue 14): the reference list of ASF interest organisations ----------------

@pytest.mark.parametrize("kind", ["network", "other"])
def test_F3_membership_of_a_listed_ASF_interest_organisation_as_a_network_is_refused(
        ledger: MemoryLedger, kind: OrganisationKind) -> None:
    """The issue's example: a membership of an ASF interest organisation recorded with
    ``kind: "network"`` was accepted."""
    refused = assert_refused(ledger, [join("MED-1", name="Skoopi – nätverket för ASF",
                                           kind=kind)], "F3")

    assert "reference list" in refused.refusal.describe("en")
    assert "referenslista" in refused.refusal.describe("sv")


def test_F3_the_list_matches_a_whole_word_of_the_name_in_any_case(
        ledger: MemoryLedger) -> None:
    assert_refused(ledger, [join("MED-1", name="SKOOPI ek. för.")], "F3")
    ledger.execute([join("MED-2", name="Skoopiansk läsecirkel")])  # not the word


def test_F3_the_list_keeps_its_source_and_date_and_no_unconfirmed_org_number() -> None:
    listed = ASF_INTEREST_ORGANISATIONS[0]
    assert listed.org_nr is None and "confirmed by a person" in listed.org_nr_note
    assert listed.source and listed.listed_on
    assert listed_interest_organisation("Skoopi", None) is listed
    assert listed_interest_organisation("Nätverket för social ekonomi", None) is None
