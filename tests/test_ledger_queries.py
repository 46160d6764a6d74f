"""The Ledger's queries: the plain data the UI and the command line ask for, on SQLite and
on PostgreSQL (the ``ledger`` fixture runs each test on both)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from asfledger.ledger import Ledger
from asfledger.queries.history_page import PAGE_SIZE, HistoryRow
from asfledger.queries.snapshot import LookBack
from domain.aggregates import Partner
from domain.values import Period
from tests.domain import builders as b
from tui.forms.choices import cached_choices, load_choices


def test_the_state_now_is_replayed_once_per_head_and_shared_with_the_forms(
        ledger: Ledger) -> None:
    ledger.execute(b.onboarded_partner_commands(b.ORG_A))
    assert ledger.replayed_now() is None and cached_choices(ledger) is None

    now = ledger.snapshot()
    assert ledger.snapshot() is now and ledger.replayed_now() is now
    choices = load_choices(ledger)
    assert (choices.head, choices.state) == (now.head, now.state)
    assert [org_nr for _, org_nr in choices.partners("onboarded", "en")] == [b.ORG_A]

    ledger.execute([b.register(b.ORG_B)])  # the ledger grew: replayed again when asked
    assert ledger.replayed_now() is None and cached_choices(ledger) is None
    grown = ledger.snapshot()
    assert grown is not now and grown.head == now.head + 1
    assert grown.state.get(Partner, b.ORG_B) is not None
    assert now.state.get(Partner, b.ORG_B) is None  # the one handed out stays as it was


def test_a_look_back_is_replayed_each_time_and_never_kept_as_now(ledger: Ledger) -> None:
    ledger.execute(b.onboarded_partner_commands(b.ORG_A))
    first = LookBack(position=1)
    back = ledger.snapshot(first)
    assert back.state.events == 1 and back.until == 1
    assert ledger.snapshot(first) is not back
    assert ledger.replayed_now() is None
    registered = back.state.get(Partner, b.ORG_A)
    assert registered is not None and not registered.is_onboarded


def test_a_history_page_is_numbered_by_position_and_filtered_at_the_query(
        ledger: Ledger) -> None:
    ledger.execute([*b.onboarded_partner_commands(b.ORG_A), b.register(b.ORG_B)])
    head = ledger.head()
    page = ledger.history_page(0)
    assert [row.position for row in page.rows] == list(range(head, 0, -1))
    assert page.total == head and page.pages == 1

    def registered(row: HistoryRow) -> bool:
        return row.type == "Partner.Registered"

    found = ledger.history_page(0, registered, newest_first=False)
    assert [row.subject.split(" ")[1] for row in found.rows] == [b.ORG_A, b.ORG_B]
    assert found.total == 2
    assert ledger.history_page(0, until=2).total == 2


def test_a_history_page_reads_the_subjects_it_names_in_one_read(
        ledger: Ledger, db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 18: on PostgreSQL each read is a round trip (1-2 ms at 1,000,000 events), and
    a page named each subject created before it with a read of its own (60 a page)."""
    orgs = [b.make_org_nr(10 + i) for i in range(30)]
    ledger.execute([b.register(org, name=f"Verkstad {i}") for i, org in enumerate(orgs)])
    ledger.execute([a for org in orgs for a in b.assess_all(org)])  # 120 events after
    with Ledger(db, actor="test", read_only=True) as reader:  # no subject known yet
        reads: list[int] = []
        first_states = reader.store.first_states

        def counted(ids: Any) -> Any:
            reads.append(len(ids))
            return first_states(ids)

        monkeypatch.setattr(reader.store, "first_states", counted)
        monkeypatch.setattr(reader.store, "select_events", lambda *a, **k: pytest.fail(
            "a subject was read on its own"))
        page = reader.history_page(0)

    assert len(page.rows) == PAGE_SIZE
    assert {row.type for row in page.rows} == {"Partner.CriterionAssessed"}
    named = {row.subject for row in page.rows}
    # The newest 100 assessments: 4 for each of the last 25 partners, named as registered.
    assert named == {f"Partner {org} · Verkstad {i}" for i, org in enumerate(orgs)
                     if i >= len(orgs) - 25}
    assert reads == [25]


def test_an_event_is_read_by_its_position_in_the_chain(ledger: Ledger) -> None:
    ledger.execute(b.onboarded_partner_commands(b.ORG_A))
    info = ledger.event(1, "en")
    assert info is not None
    assert (info.position, info.type, info.subject) == (1, "Partner.Registered", b.ORG_A)
    assert len(info.chain) == 64 and info.recorded.tzinfo is not None
    data = ledger.event_data(ledger.head())
    assert data is not None and (data.type, data.subject) == ("Partner.Onboarded", b.ORG_A)
    assert ledger.event(ledger.head() + 1, "en") is None
    assert ledger.event_data(0) is None


def test_a_partners_timeline_follows_the_snapshot_it_is_asked_of(ledger: Ledger) -> None:
    ledger.execute(b.onboarded_partner_commands(b.ORG_A))
    now = ledger.snapshot()
    lines = ledger.partner_timeline(now, b.ORG_A, "en")
    assert [line.position for line in lines] == list(range(1, ledger.head() + 1))
    back = ledger.snapshot(LookBack(position=2))
    assert [line.position for line in ledger.partner_timeline(back, b.ORG_A, "en")] == [1, 2]
    assert ledger.partner_timeline(now, b.ORG_B, "en") == []


def test_the_board_report_is_folded_once_and_asked_of_any_period(ledger: Ledger) -> None:
    ledger.execute(b.onboarded_partner_commands(b.ORG_A, on=date(2026, 2, 3)))
    folded = ledger.board_report()
    assert folded.head == ledger.head()
    year = folded.figures(Period.parse("2026"))
    quarter = folded.figures(Period.parse("2026-Q1"))
    assert year["compliance"] == quarter["compliance"]
    assert year["compliance"]["events_examined"] == ledger.head()
    assert year != folded.figures(Period.parse("2025"))
