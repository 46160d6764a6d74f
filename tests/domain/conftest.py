"""The domain's tests decide on a ``MemoryLedger``: the real guards and aggregates, no
database (the stores are tested once, in tests/storage/). A module that needs a store
(the proof reads one) asks for ``stored_ledger``."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from asfledger.ledger import Ledger
from tests.domain.memory import MemoryLedger


@pytest.fixture
def ledger() -> MemoryLedger:
    return MemoryLedger(actor="test")


@pytest.fixture
def stored_ledger(open_ledger: Callable[..., Ledger]) -> Ledger:
    """A real ledger, once on SQLite and once on PostgreSQL."""
    return open_ledger(actor="test")
