"""R7: what counts as a personal identity number (personnummer or samordningsnummer), in
any spelling. This module is the one place that decides it; the command guard
(``domain.handlers``), the actor check, the UI's forms and the compliance proof's re-check
all ask it, so they cannot disagree.

The decision, over a text:

1. ``normalise``: Unicode NFKC (full-width and other compatibility digits become ASCII),
   then every decimal digit of any script (Unicode category Nd) becomes its ASCII digit,
   every dash and space character (Pd, Zs, Zl, Zp, white space, the minus sign …) and
   ``+ / . _ :`` become a separator, and format characters (Cf: zero-width space and
   joiner, word joiner, soft hyphen, byte-order mark …), combining marks (Mn, Mc, Me) and
   control characters are removed. Anything else (a letter, a comma, a bracket) stays and
   ends a number.
2. A number is 10 digits (YYMMDD NNNN) or 12 (CCYYMMDD NNNN, century 18, 19 or 20), not
   touching other digits, written either in one run of digits, or with runs of
   separators between its groups (century, year, month, day, the last four), one of them
   before the last four: ``121212-1212``, ``12 12 12-1212``, ``1912-12-12-1212``,
   ``19121212 – 1212``.
3. The date is a possible date (month 1–12, a day of that month; a samordningsnummer's day
   is the day + 60) and the ten digits from the year on pass the Luhn check.

One exception keeps a date range from being read as a number: ``2024-03-01–2024-08-31``
(a date, then the year, month and day of another) is a date range.

Org numbers never match (their month digits are 20 or more); neither does a time of day
with seconds and microseconds (``09:30:05.123456``: no separator before the last four).
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections.abc import Iterator

from domain.pin_scan import has_suspect
from domain.values import luhn_ok

# Separators beside the dashes and spaces of their Unicode categories.
_SEPARATOR_CHARS = frozenset("+/._:\u2212\u2053\u2043\u02d7\u2796")
_REMOVED_CATEGORIES = frozenset(("Cf", "Mn", "Mc", "Me", "Cc"))
_SEPARATOR_CATEGORIES = frozenset(("Pd", "Zs", "Zl", "Zp"))


class _Fold(dict[int, "str | int | None"]):
    """``str.translate``'s table for ``normalise``, filled as characters are met."""

    def __missing__(self, code: int) -> str | int | None:
        char = chr(code)
        category = unicodedata.category(char)
        folded: str | int | None = code
        if category == "Nd":
            folded = str(unicodedata.decimal(char))
        elif (char in _SEPARATOR_CHARS or char.isspace()
              or category in _SEPARATOR_CATEGORIES):
            folded = " "
        elif category in _REMOVED_CATEGORIES:
            folded = None
        self[code] = folded
        return folded


_FOLD = _Fold()
# What an ASCII text needs folded: control characters other than white space.
_ASCII_REMOVED = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")


def normalise(text: str) -> str:
    """``text`` as the decision reads it: ASCII digits, separators (a space or one of
    ``+-./:_`` and ASCII white space), and every other character as it is after NFKC
    (format characters, combining marks and control characters removed)."""
    if text.isascii() and not _ASCII_REMOVED.search(text):
        return text
    return unicodedata.normalize("NFKC", text).translate(_FOLD)


_S = r"[\t\n\x0b\x0c\r\x1c-\x1f +\-./:_]"
_TEN = re.compile(rf"(?<![0-9])(?=([0-9]{{2}})({_S}*)([0-9]{{2}})({_S}*)([0-9]{{2}})"
                  rf"({_S}*)([0-9]{{4}})(?![0-9]))")
_TWELVE = re.compile(rf"(?<![0-9])(?=(1[89]|20)({_S}*)([0-9]{{2}})({_S}*)([0-9]{{2}})"
                     rf"({_S}*)([0-9]{{2}})({_S}*)([0-9]{{4}})(?![0-9]))")
# After a date written CCYY-MM-DD and four more digits: the month and day of a second
# date (a date range), not the rest of a number.
_REST_OF_A_DATE = re.compile(rf"{_S}+([0-9]{{2}}){_S}+([0-9]{{2}})(?![0-9])")


def _possible_date(year: int, month: int, day: int) -> bool:
    if day > 60:
        day -= 60  # samordningsnummer
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _is_date(year: int, month: str, day: str) -> bool:
    return 1 <= int(month) <= 12 and 1 <= int(day) <= calendar.monthrange(
        year, int(month))[1]


def _numbers(folded: str) -> Iterator[str]:
    for m in _TEN.finditer(folded):
        yy, s1, mm, s2, dd, s3, tail = m.groups()
        if (s1 or s2) and not s3:
            continue
        # Without a century, 29 February is possible whenever yy is a multiple of 4.
        if _possible_date(2000 + int(yy), int(mm), int(dd)) and luhn_ok(yy + mm + dd + tail):
            yield f"{yy}{mm}{dd}-{tail}"
    for m in _TWELVE.finditer(folded):
        cc, s1, yy, s2, mm, s3, dd, s4, tail = m.groups()
        if (s1 or s2 or s3) and not s4:
            continue
        year = int(cc + yy)
        if not (_possible_date(year, int(mm), int(dd)) and luhn_ok(yy + mm + dd + tail)):
            continue
        if not s1 and s2 and s3 and s4:  # CCYY-MM-DD-NNNN: a date range CCYY-MM-DD–NNNN-MM-DD?
            rest = _REST_OF_A_DATE.match(folded, m.end(9))
            if rest and _is_date(int(tail), *rest.groups()):
                continue
        yield f"{cc}{yy}{mm}{dd}-{tail}"


def find_personal_identity_number(text: str) -> str | None:
    """The first personnummer or samordningsnummer in ``text``, in its plain form
    (``YYMMDD-NNNN`` or ``CCYYMMDD-NNNN``, ASCII digits), or None."""
    return next(_numbers(normalise(text)), None)


def contains_personal_identity_number(data: bytes) -> bool:
    """The same decision over an encoded record (JSON, else UTF-8 text): is there a number
    in any of its strings (keys included)? A record with no suspect in the byte scan
    (``domain.pin_scan``) has none; any other is decoded and its strings are decided."""
    if not has_suspect(data):
        return False
    return any(find_personal_identity_number(text) for text in _decoded_texts(data))


def _decoded_texts(data: bytes) -> Iterator[str]:
    text = data.decode("utf-8", "replace")
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # not JSON (or too deep): read it as text
        yield text
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
