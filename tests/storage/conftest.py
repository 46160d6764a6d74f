"""Fixtures of the storage contract: a ledger location per store (``db``, from
tests/conftest.py) and a second, empty one on the same store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from asfledger.storage import is_postgres
from tests.conftest import _postgres_schema


@pytest.fixture
def other_db(db: str, tmp_path: Path) -> Iterator[str]:
    """A second, empty ledger location on the same store as ``db``."""
    if is_postgres(db):
        yield from _postgres_schema()
    else:
        yield str(tmp_path / "other.sqlite")
