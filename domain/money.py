"""Money: an exact amount of Swedish kronor, held as whole öre.

One value for every amount the ledger sums, compares and shows. It is written three ways,
each in one place here: ``plain()`` for files and commands (``"1234.56"``), ``number(lang)``
without the currency and ``text(lang)`` for a person (``1 234,56 kr`` in Swedish,
``SEK 1,234.56`` in English). Nothing reads a written amount back except ``parse_sek``
(``domain.values``), which reads what a person or a file typed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Money:
    """``ore`` whole öre (negative for a difference that went below zero)."""

    ore: int

    @classmethod
    def total(cls, amounts: Iterable[Money]) -> Money:
        return cls(sum(amount.ore for amount in amounts))

    def __add__(self, other: Money) -> Money:
        return Money(self.ore + other.ore)

    def __sub__(self, other: Money) -> Money:
        return Money(self.ore - other.ore)

    def __neg__(self) -> Money:
        return Money(-self.ore)

    def plain(self) -> str:
        """``123456`` öre → ``"1234.56"``: the form of files, commands and the report's JSON."""
        kronor, rest = divmod(abs(self.ore), 100)
        return f"{self._sign}{kronor}.{rest:02d}"

    def number(self, lang: str) -> str:
        """Grouped by thousands with two decimals: ``1 234 567,89`` (sv) or ``1,234,567.89``
        (en); the currency is the caller's (a table's column says it)."""
        kronor, rest = divmod(abs(self.ore), 100)
        grouped = f"{kronor:,}"
        if lang == "sv":
            return f"{self._sign}{grouped.replace(',', ' ')},{rest:02d}"
        return f"{self._sign}{grouped}.{rest:02d}"

    def text(self, lang: str) -> str:
        """``1 234 567,89 kr`` (sv) or ``SEK 1,234,567.89`` (en)."""
        if lang == "sv":
            return f"{self.number(lang)} kr"
        return f"{self._sign}SEK {Money(abs(self.ore)).number(lang)}"

    @property
    def _sign(self) -> str:
        return "-" if self.ore < 0 else ""
