"""R7's first pass over encoded bytes: where a personnummer or samordningsnummer could
be, in a whole page of stored records at once (``personal_identity_number_suspects``).

A necessary condition only: ``domain.personal_numbers`` decides, over the decoded text
(``contains_personal_identity_number``). This module imports nothing but ``re``: the
compliance replay's second process (``asfledger.audit.page_server``) runs it and starts
in a few milliseconds.

What the decision finds is either made of ASCII digits and ASCII separators in the bytes
as they are, or it needs a byte this scan does not read further: a non-ASCII character
other than a few common harmless ones (the Latin letters of U+00C0–U+02BF, which hold
the Swedish ones, ``§``, typographic quotes, ``€``), a JSON escape, a control character.
Such a byte makes its record a suspect (real records rarely have one; the proof then
decodes that record). Among ASCII digits, a suspect is a run of 10 or 12 digits, or four
digits after a separator with the three (or four) groups of two digits of a date before
them, separators allowed between the groups: the shape of every number the decision
finds (``121212-1212``, ``12 12 12-1212``, ``1912-12-12-1212``).

Every test here is a literal search in C (``bytes.find``, or a regex that starts with a
literal): four passes over a page cost less than one regex that stops at every digit.
"""

from __future__ import annotations

import re

# Digits become "9", the ASCII separators of a JSON string " " (tabs and line breaks are
# escaped there); a control character, a backslash (a JSON escape) and the lead byte of a
# non-ASCII character outside U+00C0–U+02BF become "\x01", a suspect wherever it is; the
# lead bytes C2 and E2, whose characters are suspects unless they are harmless, "\x02".
_MASK = bytearray(range(256))
for _byte in b"0123456789":
    _MASK[_byte] = ord("9")
for _byte in b" +-./:_":
    _MASK[_byte] = ord(" ")
for _byte in [*range(0x20), 0x7F, ord("\\"), *range(0xCB, 0xF5)]:
    _MASK[_byte] = 1
_MASK[0xC2] = _MASK[0xE2] = 2
_MASKED = bytes(_MASK)

# The harmless characters behind "\x02", as UTF-8: U+00A1–U+00BF that normalise to
# nothing a number is made of, and a few of U+2000–U+21FF (quotes, daggers, bullet, per
# mille, €, ™, →). tests/domain/test_personal_numbers.py checks each against the decision.
_HARMLESS = frozenset(
    [bytes((0xC2, b)) for b in b"\xa1\xa2\xa3\xa4\xa5\xa6\xa7\xa9\xaa\xab\xac\xae\xb0\xb1"
     b"\xb5\xb6\xb7\xba\xbb\xbf"]
    + [bytes((0xE2, 0x80, b)) for b in range(0x98, 0xA3)]
    + [b"\xe2\x80\xb0", b"\xe2\x82\xac", b"\xe2\x84\xa2", b"\xe2\x86\x92"])

# Over the masked page read backwards, so that the regex starts with a literal (the last
# four digits) and the engine finds it in C; the lookbehind keeps them the end of their
# run. Then either separators and the three (or four) groups of two digits of a date,
# or the six (or eight) digits before them in one run.
_NUMBER_BACKWARDS = re.compile(rb"9999(?<!99999)(?: +99 *99 *99( *99)?|999999(?:99)?)(?!9)")
# What a date's digits can be, checked where the masked shape matched: month tens 0 or 1,
# day tens not 4 or 5 (days 01–31, samordningsnummer 61–91), century 18, 19 or 20.
_S = rb"[ +\-./:_]"
_YEAR_ON = (rb"[0-9]{2}" + _S + rb"*[01][0-9]" + _S + rb"*[0-36-9][0-9]" + _S
            + rb"+[0-9]{4}")
_DATE_SEPARATED = re.compile(rb"(?:(?:1[89]|20)" + _S + rb"*)?" + _YEAR_ON)
_DATE_SEPARATED_AFTER_CENTURY = re.compile(_S + rb"*" + _YEAR_ON)
_DATE_IN_ONE_RUN = re.compile(rb"(?:1[89]|20)?[0-9]{2}[01][0-9][0-36-9][0-9]{5}")
_MONTH_TENS = frozenset(b"01")
_NOT_DAY_TENS = frozenset(b"45")


def _dated(data: bytes, backwards: bytes, match: re.Match[bytes]) -> bool:
    """Do the digits where ``match`` found a number's shape have a date's?"""
    last = len(data) - 1
    end, start = last - match.start() + 1, last - match.end() + 1
    if end - start == 11:  # YYMMDD-NNNN, as every org number is written: no regex
        return data[start + 2] in _MONTH_TENS and data[start + 4] not in _NOT_DAY_TENS
    if backwards[match.start() + 4] != 32:  # one run of digits
        return _DATE_IN_ONE_RUN.fullmatch(data, start, end) is not None
    # From its first digit; if those may be a century, from the year on too.
    return (_DATE_SEPARATED.fullmatch(data, start, end) is not None
            or (match.end(1) >= 0
                and _DATE_SEPARATED_AFTER_CENTURY.fullmatch(data, start + 2, end) is not None))


def personal_identity_number_suspects(data: bytes) -> list[int]:
    """Offsets in ``data`` where ``contains_personal_identity_number`` could find a number,
    in no particular order.

    A necessary condition, cheap enough to run over a whole page of records joined by a
    quote: a record with no suspect contains no number; a record with one is then decided
    by ``contains_personal_identity_number``.
    """
    backwards = data.translate(_MASKED)[::-1]
    last = len(data) - 1
    found = []
    for match in _NUMBER_BACKWARDS.finditer(backwards):
        if _dated(data, backwards, match):
            found.append(last - match.end() + 1)
        elif (match.end() - match.start() > 11
              and backwards.find(b"9999 ", match.start() + 1, match.end() + 4) >= 0):
            # Another number may end among this one's date digits (finditer goes on after
            # this match): look again from there. Never for YYMMDD-NNNN.
            pos = match.start() + 1
            while (inner := _NUMBER_BACKWARDS.search(backwards, pos)) is not None:
                if inner.start() >= match.end():
                    break
                if _dated(data, backwards, inner):
                    found.append(last - inner.end() + 1)
                    break
                pos = inner.start() + 1
    find = backwards.find
    i = find(1)
    while i >= 0:
        found.append(last - i)
        i = find(1, i + 1)
    i = find(2)
    while i >= 0:
        lead = last - i
        if data[lead:lead + 2] not in _HARMLESS and data[lead:lead + 3] not in _HARMLESS:
            found.append(lead)
        i = find(2, i + 1)
    return found


def has_suspect(data: bytes) -> bool:
    """``personal_identity_number_suspects(data)`` is not empty."""
    return bool(personal_identity_number_suspects(data))
