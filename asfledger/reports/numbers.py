"""Numbers as a person reads them: Swedish ``1 234,50 kr`` or English ``SEK 1,234.50``.

Amounts are öre (ints) all the way here; only the text is in kronor.
"""

from __future__ import annotations

NBSP = "\u00a0"


def grouped(n: int, lang: str) -> str:
    """Thousands separated: a no-break space in Swedish, a comma in English."""
    text = f"{n:,}"
    return text.replace(",", NBSP) if lang == "sv" else text


def decimal_text(ore: int, lang: str) -> str:
    """Two decimals with the language's separators: sv ``1 234,50``, en ``1,234.50``."""
    kronor, rest = divmod(abs(ore), 100)
    point = "," if lang == "sv" else "."
    return f"{'-' if ore < 0 else ''}{grouped(kronor, lang)}{point}{rest:02d}"


def money_text(ore: int, lang: str) -> str:
    text = decimal_text(ore, lang)
    return f"{text}{NBSP}kr" if lang == "sv" else f"SEK{NBSP}{text}"
