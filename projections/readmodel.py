"""What a read model is: a pure fold over the history that can be saved and resumed.

A read model is fed the history's events one at a time, in global order (``feed``), and
holds nothing but what it folded. Its state encodes to bytes (``to_bytes``) and decodes
back exactly (``from_bytes``: dates stay ``date``, öre stay ``int``), so the application
can persist it beside the position it has read up to and later feed it only the events
recorded since (``asfledger.readmodels``). Folding the whole history at once and folding
it in any number of pieces, saved and loaded in between, give the same bytes.

``name`` identifies the model's stored state; ``version`` is bumped whenever the fold's
code changes what it keeps, and a stored state of another version is rebuilt from scratch.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Protocol, Self, TypeVar

from projections.events import LedgerEvent


class ReadModel(Protocol):
    """A fold over the history that can be persisted and resumed."""

    name: ClassVar[str]
    version: ClassVar[int]

    def __init__(self) -> None:
        """The empty model: nothing folded yet."""

    def feed(self, event: LedgerEvent) -> None:
        """Fold one event (the next in global order) into the model."""

    def cut_after(self, day: date) -> None:
        """Before any event is fed: leave out what takes effect after ``day`` (looking
        back "as decided" on that day)."""

    def to_bytes(self) -> bytes:
        """The model's state, encoded (the same state always gives the same bytes)."""

    @classmethod
    def from_bytes(cls, data: bytes) -> Self:
        """The model whose state ``to_bytes`` gave ``data``."""


M = TypeVar("M", bound=ReadModel)

