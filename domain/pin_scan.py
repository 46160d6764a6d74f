"""R7's first pass over encoded bytes: where a personnummer or samordningsnummer could
be, in a whole page of stored records at once (``personal_identity_number_suspects``).

A necessary condition only; ``domain.values.contains_personal_identity_number`` decides.
This module imports nothing but ``re``: the compliance replay's second process
(``asfledger.audit.page_server``) runs it and starts in a few milliseconds.
"""

from __future__ import annotations

import re

DIGITS_AS_NINES = bytes.maketrans(b"012345678", b"999999999")

# Over a copy with every digit masked to "9": a run of six to nine digits not closed at
# once by a quote (a timestamp's microseconds are closed by 'Z"': most runs in a record),
# or a run of ten or more. Possessive: a run is taken whole or not at all.
_DIGIT_RUN = re.compile(rb'999999++(?!"|Z")|9999999999++')
_MONTH_TENS = frozenset(b"01")  # months 01–12; org numbers have 20 or more
_DAY_TENS = frozenset(b"01236789")  # days 01–31, samordningsnummer 61–91
_CENTURIES = frozenset((b"18", b"19", b"20"))


def personal_identity_number_suspects(data: bytes) -> list[int]:
    """Offsets in ``data`` where ``contains_personal_identity_number`` could find a number:
    the starts of the digit runs that pass its first tests (6, 8, 10 or 12 digits; month
    tens 0 or 1; day tens not 4 or 5; century 18, 19 or 20; a 6- or 8-digit run not closed
    at once by a quote). A necessary condition, cheap enough to run over a whole page of
    records joined by a quote: a record with no suspect contains no number, a record with
    one is then tested with ``contains_personal_identity_number``.
    """
    masked = data.translate(DIGITS_AS_NINES)
    found = []
    for match in _DIGIT_RUN.finditer(masked):
        start, end = match.span()
        run = end - start
        if run == 6 or run == 10:
            month = start + 2
        elif run == 8 or run == 12:
            if data[start:start + 2] not in _CENTURIES:
                continue
            month = start + 4
        else:
            continue
        if data[month] not in _MONTH_TENS or data[month + 2] not in _DAY_TENS:
            continue
        if run < 10 and (data[end:end + 1] == b'"' or data[end:end + 2] == b'Z"'):
            continue  # no gap and four digits can follow: a timestamp's microseconds
        found.append(start)
    return found

