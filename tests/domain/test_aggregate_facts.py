"""Aggregate state is written once: the facts an aggregate is created with are declared in
one ``Facts`` class, which is both the Created event's fields (the stored schema) and the
aggregate's state of the same names."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from domain import aggregates
from domain.aggregates.agreement import Agreement
from domain.aggregates.base import LedgerAggregate
from domain.events import Facts

# eventsourcing gives each aggregate a default ``Created``; ours are named for what happened.
CREATED: list[type[LedgerAggregate.Created]] = [
    event for name in dir(aggregates)
    if isinstance(aggregate := getattr(aggregates, name), type)
    and issubclass(aggregate, LedgerAggregate)
    for event_name, event in vars(aggregate).items()
    if isinstance(event, type) and issubclass(event, LedgerAggregate.Created)
    and event_name != "Created"]
BASE_FIELDS = [f.name for f in dataclasses.fields(LedgerAggregate.Created)]


def test_every_aggregate_is_created_from_its_facts() -> None:
    assert len(CREATED) >= 10


@pytest.mark.parametrize("event", CREATED, ids=lambda e: e.__qualname__)
def test_a_created_event_s_fields_are_its_facts_after_the_common_ones(
        event: type[LedgerAggregate.Created]) -> None:
    facts = next(base for base in event.__mro__ if issubclass(base, Facts)
                 and not issubclass(base, LedgerAggregate.Event))
    aggregate = next(a for a in vars(aggregates).values()
                     if isinstance(a, type) and event.__qualname__.startswith(f"{a.__name__}."))
    assert [f.name for f in dataclasses.fields(event)] == [*BASE_FIELDS, *event.facts]
    assert event.facts == tuple(facts.__annotations__)
    assert issubclass(aggregate, facts)  # the aggregate's state has the same names and types


def test_created_copies_each_fact_onto_the_aggregate() -> None:
    agreement: Agreement = Agreement._open(
        Agreement.Signed, "AVT-1", org_nr="212000-0142", kind="iop",
        starts_on=date(2026, 1, 1), ends_on=None, value_ore=100, scope="Platser",
        decision_ref="SB 1",
        actor="test", note=None)
    [signed] = agreement.collect_events()

    assert isinstance(signed, Agreement.Signed)
    assert signed.facts == ("org_nr", "kind", "starts_on", "ends_on", "value_ore",
                            "scope", "decision_ref")
    assert {name: getattr(agreement, name) for name in signed.facts} == {
        name: getattr(signed, name) for name in signed.facts}
    assert agreement.ended_on is None and agreement.key == "AVT-1"
