"""What the chained recorders add to eventsourcing's: the stored chain (``ChainRow``)
and the ledger's identity, as one protocol (``ChainStore``). The chain itself is defined
in ``asfledger.audit.chain``."""

from __future__ import annotations

from typing import NamedTuple, Protocol


class ChainRow(NamedTuple):
    position: int
    notification_id: int
    hash: bytes


class ChainStore(Protocol):
    """What the chained recorders add: the stored chain and the ledger's identity."""

    def select_chain(self, after: int, limit: int) -> list[ChainRow]: ...

    def ledger_id(self) -> str: ...

    def chain_size(self) -> int:
        """The position of the last chained event: the number of stored events."""
        ...

    def meta(self, key: str) -> str | None: ...

    def set_meta(self, key: str, value: str, *, replace: bool = False) -> None: ...
