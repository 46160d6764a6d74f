"""Value objects: organisation numbers, money in öre, periods, personal identity numbers."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from domain.pin_scan import DIGITS_AS_NINES

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


# R7: personnummer (YYMMDD-NNNN, YYYYMMDDNNNN, '+' for 100+) and samordningsnummer (day+60).
_PIN_DIGITS = r"(?<![0-9])(?:([0-9]{2}))?([0-9]{2})([0-9]{2})([0-9]{2})"
_PIN = re.compile(_PIN_DIGITS + r"\s?[-+]?\s?([0-9]{4})(?![0-9])")

# Over encoded bytes the separator may be a JSON escape (``\n``, ``\u001f``) or UTF-8
# whitespace (a no-break space): any short gap without digits or quotes is a candidate,
# so the scan finds at least what ``_PIN`` finds in the decoded text, and is confirmed there.
_PIN_BYTES = re.compile(
    (_PIN_DIGITS + r"(?:[^0-9\"]|\\u[0-9a-fA-F]{4}){0,12}?([0-9]{4})(?![0-9])").encode())


def _is_pin(century: str | None, yy: str, mm: str, dd: str, tail: str) -> bool:
    month, day = int(mm), int(dd)
    if not 1 <= month <= 12 or not (1 <= day <= 31 or 61 <= day <= 91):
        return False
    if century is not None and century not in ("18", "19", "20"):
        return False
    return luhn_ok(yy + mm + dd + tail)


def find_personal_identity_number(text: str) -> str | None:
    """Return the first Luhn-valid personnummer or samordningsnummer in ``text``, if any.

    Org numbers never match: their month digits are 20 or more.
    """
    for m in _PIN.finditer(text):
        if _is_pin(*m.groups()):
            return m.group(0)
    return None


def contains_personal_identity_number(data: bytes) -> bool:
    """The same test over encoded bytes (JSON or UTF-8), for whole records at a time.

    Digits are never escaped in JSON, so a number in any field is found as it is; a
    candidate (date and Luhn valid) is confirmed on the decoded strings, so this agrees
    with ``find_personal_identity_number`` field by field. Runs of digits are located with
    C-level ``find`` on a digit-masked copy; only a run that could start a personnummer
    (6 or 8 digits then a short gap and 4 digits, or 10 or 12 digits) is looked at.
    """
    masked = data.translate(DIGITS_AS_NINES)
    i = masked.find(b"999999")
    while i >= 0:
        end = i + 6
        while end < len(masked) and masked[end] == _NINE:
            end += 1
        if _candidate(data, masked, i, end):
            return any(find_personal_identity_number(t) for t in _decoded_texts(data))
        i = masked.find(b"999999", end)
    return False


_NINE = ord("9")
_QUOTE = ord('"')
_BACKSLASH = ord("\\")


def _candidate(data: bytes, masked: bytes, start: int, end: int) -> bool:
    """Is the digit run ``data[start:end]`` (maximal) the start of a valid number?"""
    run = end - start
    if run in (10, 12):
        head, tail = data[start:end - 4], data[end - 4:end]
    elif run in (6, 8):
        # A short gap without digits or quotes (a separator, maybe a JSON escape) …
        gap = end
        while gap < min(len(masked), end + 12):
            if data[gap] == _BACKSLASH and data[gap + 1:gap + 2] == b"u":
                gap += 6  # a JSON escape such as \u00a0 is one separator character
            elif masked[gap] not in (_NINE, _QUOTE):
                gap += 1
            else:
                break
        # … then exactly four digits.
        tail_end = gap
        while tail_end < len(masked) and masked[tail_end] == _NINE:
            tail_end += 1
        if tail_end - gap != 4:
            return False
        head, tail = data[start:end], data[gap:tail_end]
    else:
        return False
    digits = head.decode()
    century = digits[:2] if len(digits) == 8 else None
    yymmdd = digits[-6:]
    return _is_pin(century, yymmdd[:2], yymmdd[2:4], yymmdd[4:], tail.decode())


def _decoded_texts(data: bytes) -> Iterator[str]:
    try:
        value = json.loads(data)
    except ValueError:  # not JSON: read it as text
        yield data.decode("utf-8", "replace")
        return
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
