"""Value objects: organisation numbers, money in öre, periods.

Personal identity numbers (R7) are decided in ``domain.personal_numbers``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

_ORG_NR = re.compile(r"^(\d{6})-?(\d{4})$", re.ASCII)


def luhn_ok(digits: str) -> bool:
    """The Luhn (mod 10) check used by Swedish org numbers and personnummer."""
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def normalise_org_nr(raw: str) -> str:
    """Return ``NNNNNN-NNNN`` or raise ``ValueError`` saying what is wrong."""
    m = _ORG_NR.match(raw)
    if not m:
        raise ValueError(f"org number {raw!r} must be NNNNNN-NNNN or ten digits")
    digits = m.group(1) + m.group(2)
    if int(digits[2]) < 2:
        raise ValueError(f"org number {raw!r} must have a third digit of 2 or more")
    if not luhn_ok(digits):
        raise ValueError(f"org number {raw!r} fails the Luhn check")
    return f"{m.group(1)}-{m.group(2)}"


_SEK = re.compile(r"^(\d+)(?:[.,](\d{1,2}))?$", re.ASCII)


def parse_sek(raw: str | int) -> int:
    """Parse a positive SEK amount with at most two decimals into öre, exactly."""
    if isinstance(raw, bool):
        raise ValueError("amount must be a string or an integer, not a boolean")
    if isinstance(raw, int):
        if raw <= 0:
            raise ValueError("amount must be greater than zero")
        return raw * 100
    m = _SEK.match(raw.strip().replace(" ", ""))
    if not m:
        raise ValueError(f"amount {raw!r} must be a number with at most two decimals")
    ore = int(m.group(1)) * 100 + int((m.group(2) or "0").ljust(2, "0"))
    if ore <= 0:
        raise ValueError("amount must be greater than zero")
    return ore


def format_sek(ore: int) -> str:
    """Öre as a plain decimal string with two decimals: ``123456`` → ``"1234.56"``."""
    sign = "-" if ore < 0 else ""
    ore = abs(ore)
    return f"{sign}{ore // 100}.{ore % 100:02d}"


def sek_to_decimal(ore: int) -> Decimal:
    try:
        return Decimal(ore) / 100
    except InvalidOperation as e:  # pragma: no cover - ints always convert
        raise ValueError(str(e)) from e


_PERIOD = re.compile(r"^(\d{4})(?:-(Q[1-4]|\d{2}))?$", re.ASCII)


@dataclass(frozen=True, slots=True)
class Period:
    """A year (``2026``), a quarter (``2026-Q2``) or a month (``2026-05``); inclusive dates."""

    code: str
    start: date
    end: date

    @classmethod
    def parse(cls, raw: str) -> Period:
        m = _PERIOD.fullmatch(raw)
        if not m:
            raise ValueError(f"period {raw!r} must be YYYY, YYYY-Qn or YYYY-MM")
        year = int(m.group(1))
        part = m.group(2)
        if part is None:
            return cls(raw, date(year, 1, 1), date(year, 12, 31))
        if part.startswith("Q"):
            q = int(part[1])
            first = 3 * q - 2
            last = 3 * q
            return cls(raw, date(year, first, 1),
                       date(year, last, calendar.monthrange(year, last)[1]))
        month = int(part)
        if not 1 <= month <= 12:
            raise ValueError(f"period {raw!r} has no month {month}")
        return cls(raw, date(year, month, 1),
                   date(year, month, calendar.monthrange(year, month)[1]))

    @property
    def kind(self) -> str:
        if "-Q" in self.code:
            return "quarter"
        return "month" if "-" in self.code else "year"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end


def parse_report_period(raw: str) -> Period:
    """Participants and outcomes are reported per quarter or per year (SPEC §2)."""
    period = Period.parse(raw)
    if period.kind == "month":
        raise ValueError(f"period {raw!r} must be a year (2026) or a quarter (2026-Q1)")
    return period
