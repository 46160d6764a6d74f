"""Numbers as a person reads them on paper: Swedish ``1 234,50 kr`` or English
``SEK 1,234.50``, with no-break spaces so that a printed number never wraps inside.

Amounts are ``Money`` all the way here; only the text is in kronor.
"""

from __future__ import annotations

from decimal import Decimal

from domain.money import Money

NBSP = "\u00a0"


def grouped(n: int, lang: str) -> str:
    """Thousands separated: a no-break space in Swedish, a comma in English."""
    text = f"{n:,}"
    return text.replace(",", NBSP) if lang == "sv" else text


def decimal_text(value: Decimal, lang: str) -> str:
    """Two decimals with the language's separators: sv ``1 234,50``, en ``1,234.50``."""
    text = f"{value:,.2f}"
    return text.replace(",", NBSP).replace(".", ",") if lang == "sv" else text


def money_text(amount: Money, lang: str) -> str:
    """``Money.text`` as printed: its spaces no-break."""
    return amount.text(lang).replace(" ", NBSP)
