"""What is saved of a read model, and the recorders' common interface."""

from __future__ import annotations

from typing import NamedTuple, Protocol

from asfledger.history import ChainHead

READMODEL_TABLE = "asfledger_readmodels"
# The application the read models follow (``Ledger.name``).
APPLICATION_NAME = "asfledger"


def tracking_name(name: str) -> str:
    """The ``Tracking.application_name`` of a read model: the application it follows and
    the model (one tracking table holds the positions of every model of the ledger)."""
    return f"{APPLICATION_NAME}.{name}"


class Saved(NamedTuple):
    """A read model's saved state and where in the history it was folded to."""

    version: int
    head: ChainHead
    state: bytes


class ReadModelStore(Protocol):
    """What the tracking recorders of ``sqlite`` and ``postgres`` add to eventsourcing's."""

    def load(self, name: str) -> Saved | None: ...

    def save(self, name: str, version: int, head: ChainHead, state: bytes, *,
             replace: bool) -> bool: ...

    def max_tracking_id(self, application_name: str) -> int | None: ...
