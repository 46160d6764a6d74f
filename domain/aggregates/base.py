"""What every aggregate of the ledger shares: a natural key, and who recorded each event."""

from __future__ import annotations

import inspect
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar
from uuid import NAMESPACE_URL, UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.clock import recorded_now
from domain.events import declared_facts

_NAMESPACE = uuid5(NAMESPACE_URL, "https://samordning.stockholm/asfledger")


@lru_cache(maxsize=65536)
def aggregate_id(kind: str, key: str | int) -> UUID:
    """Aggregate ids are derived from natural keys, so ``ref``s are unique per kind."""
    return uuid5(_NAMESPACE, f"{kind}:{key}")


class LedgerAggregate(Aggregate):
    """Base of all ledger aggregates. ``KIND`` names the natural-key namespace."""

    KIND: ClassVar[str] = ""
    if TYPE_CHECKING:  # state is set by the events; annotations here would become fields
        key: str
        voided: bool
        fact_versions: dict[str, int]

    class Event(Aggregate.Event):
        """An event's fields are those of its ``Facts`` bases (``domain.events``, where its
        Struct takes the same), after the base events' and before any of its own."""

        actor: str
        note: str | None

        def __init_subclass__(cls, **kwargs: Any) -> None:
            # Runs before eventsourcing makes the class a frozen dataclass: the fields of
            # a ``Facts`` base become its fields (a field a base event already has keeps
            # its place).
            super().__init_subclass__(**kwargs)
            declared = declared_facts(cls.__bases__)
            if declared:
                cls.__annotations__ = {**declared, **inspect.get_annotations(cls)}

        @staticmethod
        def create_timestamp() -> datetime:
            # Now, or the moment history is being recorded at (domain.clock: the demo).
            return recorded_now()

    class Created(Event, Aggregate.Created):
        key: str
        facts: ClassVar[tuple[str, ...]] = ()  # the names its ``Facts`` base declares
        listed: ClassVar[tuple[str, ...]] = ()  # those that hold a list

        def __init_subclass__(cls, **kwargs: Any) -> None:
            super().__init_subclass__(**kwargs)  # its facts become fields (``Event``)
            declared = declared_facts(cls.__bases__)
            if declared:
                cls.facts = tuple(declared)
                cls.listed = tuple(name for name, kind in declared.items()
                                   if str(kind).startswith("list["))

        def apply(self, aggregate: Any) -> None:
            state = aggregate.__dict__  # written directly: this runs for every replay
            state["key"] = self.key
            state["voided"] = False  # see domain.aggregates.corrected
            state["fact_versions"] = {}  # corrected field → version of its correction
            recorded = self.__dict__  # a frozen dataclass's fields
            for name in self.facts:
                state[name] = recorded[name]
            for name in self.listed:  # the aggregate's own list: the event's stays as recorded
                state[name] = list(state[name])

    @classmethod
    def id_for(cls, key: str | int) -> UUID:
        return aggregate_id(cls.KIND, key)

    @classmethod
    def _open(cls, created: type[Created], key: str, **kwargs: Any) -> Any:
        return cls._create(created, id=cls.id_for(key), key=key, **kwargs)
