"""Inspiration days, seminars and study visits (S7), and structural work (S1–S6)."""

from __future__ import annotations

from datetime import date

import pytest

from domain.aggregates import Activity, StructuralWork
from domain.commands import Command
from tests.domain.builders import (
    assert_refused,
    board_meeting,
    cancel_activity,
    hold_activity,
    log_structural_work,
    must_get,
    plan_activity,
)
from tests.domain.memory import MemoryLedger


def test_plan_activity_records_kind_title_date_and_districts(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1", kind="study_visit", title="Studiebesök i Järva",
                                  planned_on=date(2026, 4, 2),
                                  districts=["jarva", "bromma", "jarva"])])

    activity = must_get(ledger, Activity, "AKT-1")
    assert (activity.kind, activity.title) == ("study_visit", "Studiebesök i Järva")
    assert activity.planned_on == date(2026, 4, 2)
    assert activity.districts == ["jarva", "bromma"]
    assert activity.held_on is None
    assert not activity.cancelled


def test_hold_activity_records_attendance_by_group(ledger: MemoryLedger) -> None:
    ledger.execute([
        plan_activity("AKT-1", kind="inspiration_day"),
        hold_activity("AKT-1", held_on=date(2026, 3, 13), attendance={
            "stockholms_stad": 20, "arbetsformedlingen": 4, "asf": 6, "participants": 9,
            "other": 0}),
    ])

    activity = must_get(ledger, Activity, "AKT-1")
    assert activity.held_on == date(2026, 3, 13)
    assert activity.attendance == {"stockholms_stad": 20, "arbetsformedlingen": 4, "asf": 6,
                                   "participants": 9}
    assert sum(activity.attendance.values()) == 39


def test_cancel_activity_marks_it_cancelled(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1"), cancel_activity("AKT-1", reason="Sjukdom")])

    activity = must_get(ledger, Activity, "AKT-1")
    assert activity.cancelled
    assert activity.held_on is None


def test_an_activity_is_held_only_once(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1"), hold_activity("AKT-1", held_on=date(2026, 3, 12))])

    refused = assert_refused(ledger, [hold_activity("AKT-1", held_on=date(2026, 3, 19))],
                             "state")

    assert refused.refusal.message_key == "refusal.activity_held"
    assert must_get(ledger, Activity, "AKT-1").held_on == date(2026, 3, 12)


def test_a_cancelled_activity_cannot_be_held(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1"), cancel_activity("AKT-1")])

    refused = assert_refused(ledger, [hold_activity("AKT-1")], "state")

    assert refused.refusal.message_key == "refusal.activity_cancelled"


def test_a_held_activity_cannot_be_cancelled(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1"), hold_activity("AKT-1")])

    assert_refused(ledger, [cancel_activity("AKT-1")], "state")
    assert not must_get(ledger, Activity, "AKT-1").cancelled


def test_a_cancelled_activity_cannot_be_cancelled_again(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1"), cancel_activity("AKT-1")])

    assert_refused(ledger, [cancel_activity("AKT-1")], "state")


@pytest.mark.parametrize("command", [hold_activity("AKT-9"), cancel_activity("AKT-9")],
                         ids=["hold", "cancel"])
def test_an_activity_that_was_not_planned_cannot_be_held_or_cancelled(
        ledger: MemoryLedger, command: Command) -> None:
    ledger.execute([plan_activity("AKT-1")])

    assert_refused(ledger, [board_meeting(), command], "unknown")


def test_an_activity_ref_is_unique(ledger: MemoryLedger) -> None:
    ledger.execute([plan_activity("AKT-1", title="Första")])

    assert_refused(ledger, [plan_activity("AKT-2"), plan_activity("AKT-1", title="Andra")],
                   "duplicate")
    assert must_get(ledger, Activity, "AKT-1").title == "Första"
    assert ledger.get(Activity, "AKT-2") is None


# Structural work ------------------------------------------------------------------------

def test_log_structural_work_records_measure_districts_and_parties(ledger: MemoryLedger) -> None:
    ledger.execute([log_structural_work(
        "SA-1", measure="S6", done_on=date(2026, 5, 20),
        description="Möte med Tillväxtverket om reserverad upphandling",
        districts=["city_wide"], parties=["stockholms_stad", "arbetsformedlingen"])])

    work = must_get(ledger, StructuralWork, "SA-1")
    assert (work.measure, work.done_on) == ("S6", date(2026, 5, 20))
    assert work.description == "Möte med Tillväxtverket om reserverad upphandling"
    assert work.districts == ["city_wide"]
    assert work.parties == ["stockholms_stad", "arbetsformedlingen"]


def test_a_structural_work_ref_is_unique(ledger: MemoryLedger) -> None:
    ledger.execute([log_structural_work("SA-1", measure="S1")])

    assert_refused(ledger, [log_structural_work("SA-1", measure="S2")], "duplicate")
    assert must_get(ledger, StructuralWork, "SA-1").measure == "S1"
