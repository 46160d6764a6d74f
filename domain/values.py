"""Value objects: organisation numbers, money in öre, periods.

Personal identity numbers (R7) are decided in ``domain.personal_numbers``.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from domain.money import Money
from domain.span import DateSpan
from domain.text import translate


class ValueProblem(ValueError):
    """A value that breaks a format rule: a catalogue key and its parameters, so it can be
    said in Swedish or English (``str()`` is the English sentence)."""

    def __init__(self, message_key: str, /, **params: object) -> None:
        self.message_key = message_key
        self.params = params
        super().__init__(translate(message_key, "en", **params))

    def describe(self, lang: str) -> str:
        return translate(self.message_key, lang, **self.params)

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
        raise ValueProblem("value.org_nr_form", value=raw)
    digits = m.group(1) + m.group(2)
    if int(digits[2]) < 2:
        raise ValueProblem("value.org_nr_third_digit", value=raw)
    if not luhn_ok(digits):
        raise ValueProblem("value.org_nr_luhn", value=raw)
    return f"{m.group(1)}-{m.group(2)}"


@lru_cache(maxsize=4096)
def payee_org_nr(payee_kind: str, payee: str) -> str | None:
    """The org number an expenditure's payee is, whatever ``payee_kind`` says (F1 and F4
    judge money to a partner by its org number): a partner's (as given), or a supplier
    reference that is an org number; None for a party or any other reference. Kept for the
    last few thousand payees: the proof asks for each expenditure's up to four times, and
    an org number's Luhn check in Python costs more than the rest of a check."""
    if payee_kind == "party":
        return None
    try:
        return normalise_org_nr(payee)
    except ValueError:
        return None


# Amounts: kronor with at most two decimals, written plainly or grouped by threes with
# single spaces ("250 000"), below 10^12 kr (no decision of a coordination association comes
# near; a bound keeps a typo of twenty digits out of every total). ECMA-262 and Python
# read this pattern alike: it is also the JSON Schema's (see ``json_schema``).
MAX_SEK_DIGITS = 12
MAX_ORE = 10 ** (MAX_SEK_DIGITS + 2) - 1  # 999 999 999 999,99 kr
SEK_PATTERN = (r"^(?:(?:0*[1-9][0-9]{0,11}|[1-9][0-9]{0,2}(?: [0-9]{3}){1,3})"
               r"(?:[.,][0-9]{1,2})?|0+[.,](?:0[1-9]|[1-9][0-9]?))$")
_SEK = re.compile(SEK_PATTERN, re.ASCII)
_SEK_LOOSE = re.compile(r"^[0-9 ]+(?:[.,][0-9]*)?$", re.ASCII)


def parse_sek(raw: str | int) -> int:
    """Parse a positive SEK amount with at most two decimals into öre, exactly; refuse one
    of 10^12 kr or more (``MAX_ORE``), naming the bound."""
    if isinstance(raw, bool):
        raise ValueProblem("value.amount_boolean")
    if isinstance(raw, int):
        if raw <= 0:
            raise ValueProblem("value.amount_positive")
        if raw * 100 > MAX_ORE:
            raise ValueProblem("value.amount_bound", bound=Money(MAX_ORE))
        return raw * 100
    m = _SEK.match(raw)
    if not m:
        whole = raw.split(".")[0].split(",")[0].replace(" ", "").lstrip("0")
        if _SEK_LOOSE.match(raw) and len(whole) > MAX_SEK_DIGITS:
            raise ValueProblem("value.amount_bound", bound=Money(MAX_ORE))
        if _SEK_LOOSE.match(raw) and not raw.strip(" 0.,"):
            raise ValueProblem("value.amount_positive")
        raise ValueProblem("value.amount_form", value=raw[:40])
    whole, _, cents = raw.replace(",", ".").partition(".")
    return int(whole.replace(" ", "")) * 100 + int(cents.ljust(2, "0") or "0")


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
            raise ValueProblem("value.period_form", value=raw[:40])
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
            raise ValueProblem("value.period_month", value=raw, month=month)
        return cls(raw, date(year, month, 1),
                   date(year, month, calendar.monthrange(year, month)[1]))

    @property
    def kind(self) -> str:
        if "-Q" in self.code:
            return "quarter"
        return "month" if "-" in self.code else "year"

    @property
    def span(self) -> DateSpan:
        return DateSpan(self.start, self.end)

    def covers(self, day: date) -> bool:
        return self.span.covers(day)

    def within(self, other: Period) -> bool:
        return other.start <= self.start and self.end <= other.end


def parse_report_period(raw: str) -> Period:
    """Participants and outcomes are reported per quarter or per year (SPEC §2), within the
    years of business dates."""
    if not REPORT_PERIOD.fullmatch(raw):
        if _PERIOD.fullmatch(raw) and not raw.startswith(("20", "2100")):
            raise ValueProblem("value.date_window", value=raw, first=FIRST_YEAR,
                               last=LAST_YEAR)
        raise ValueProblem("value.report_period_form", value=raw[:40])
    return Period.parse(raw)


# Business dates (issue 16): a decision, a payment or a plan lies within these years; 0001
# and 9999 are typing errors, not dates of a coordination association.
FIRST_YEAR, LAST_YEAR = 2000, 2100
REPORT_PERIOD_PATTERN = r"^(?:20[0-9]{2}|2100)(?:-Q[1-4])?$"
REPORT_PERIOD = re.compile(REPORT_PERIOD_PATTERN, re.ASCII)
# The ISO dates of those years, leap days included (2000 is a leap year, 2100 is not).
DATE_PATTERN = (
    r"^(?:(?:20[0-9]{2}|2100)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
    r"|20(?:[02468][048]|[13579][26])-02-29)$")


def check_business_date(day: date) -> None:
    """Refuse a date outside ``FIRST_YEAR``–``LAST_YEAR``, saying the window."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueProblem("value.date_window", value=day.isoformat(), first=FIRST_YEAR,
                           last=LAST_YEAR)


# Texts (issue 16): what a key, a name or a free text may hold. One rule for every field of
# every command: Unicode NFC (a composed "å" and an "a" with a combining ring are the same
# key; the text is stored composed, which looks the same), no control or format characters
# (NUL, escape codes, zero-width spaces, bidi overrides, the BOM: invisible, so two refs that
# look equal would differ), no whitespace at either end (refused, not trimmed: the user sees
# what they typed), and a length bound. A free text may hold line breaks and tabs; a key or
# a name may not. Separate from R7's personnummer rule (domain/personal_numbers.py).
KEY_MAX, NAME_MAX, TEXT_MAX = 120, 200, 4000
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
_FREE_TEXT_BREAKS = "\n\t"  # a free text may hold line breaks and tabs, inside it
# Exactly the characters for which str.isspace() is true (a test checks it).
WHITESPACE = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003"
              "\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def check_target_group(value: str) -> str:
    """A standard target group's code, or ``other:`` and a short label obeying the text
    rule (``check_text``); ``ValueProblem`` otherwise (a mistyped code is no new group)."""
    from domain.reference import OTHER_TARGET_GROUP, TARGET_GROUP_LABEL_MAX, TARGET_GROUPS

    if value in TARGET_GROUPS:
        return value
    label = value.removeprefix(OTHER_TARGET_GROUP)
    if label == value or not label or len(label) > TARGET_GROUP_LABEL_MAX:
        from domain.personal_numbers import find_personal_identity_number

        shown = "…" if find_personal_identity_number(value) else value  # R7: never echoed
        raise ValueProblem("value.target_group", value=shown, codes=", ".join(TARGET_GROUPS),
                           max=TARGET_GROUP_LABEL_MAX)
    return OTHER_TARGET_GROUP + check_text(label)


def check_text(value: str, *, multiline: bool = False) -> str:
    """``value`` in NFC, or ``ValueProblem`` saying what it holds that it may not."""
    if not value.isprintable():  # the fast path: most texts are all printable
        for index, ch in enumerate(value):
            if unicodedata.category(ch) in _FORBIDDEN_CATEGORIES and not (
                    multiline and ch in _FREE_TEXT_BREAKS):
                raise ValueProblem("value.text_control", code=f"U+{ord(ch):04X}",
                                   position=index + 1)
    if value != value.strip():
        if not value.strip():
            raise ValueProblem("value.text_blank")
        raise ValueProblem("value.text_whitespace")
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


@cache
def text_pattern(multiline: bool = False) -> str:
    """The JSON Schema pattern of ``check_text`` (ECMA-262 and Python read it alike): no
    forbidden character, no whitespace at either end. Astral characters are written as
    themselves, which both read as one character."""
    ranges: list[tuple[int, int]] = []
    for code in range(0x110000):
        ch = chr(code)
        if unicodedata.category(ch) in _FORBIDDEN_CATEGORIES and not (
                multiline and ch in _FREE_TEXT_BREAKS):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    forbidden = "".join(_char_range(first, last) for first, last in ranges)
    edge = forbidden + "".join(_char(ord(ch)) for ch in WHITESPACE)
    return f"^[^{edge}](?:[^{forbidden}]*[^{edge}])?$"


def _char(code: int) -> str:
    return f"\\u{code:04x}" if code <= 0xFFFF else chr(code)


def _char_range(first: int, last: int) -> str:
    return _char(first) if first == last else f"{_char(first)}-{_char(last)}"
