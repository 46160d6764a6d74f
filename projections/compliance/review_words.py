"""To review, never decided: free text (an expenditure's or a piece of structural work's
description and note) that names what F1, F2 or F4 forbids (``REVIEW_WORDS``: "bidrag",
"starta", "affärsutveckl" …). Listed under the rule whose words it names."""

from __future__ import annotations

import re
from collections.abc import Iterator

from domain.events import ExpenditureRecorded, StructuralWorkLogged
from domain.reference import REVIEW_WORDS
from projections.compliance.facts import Reads
from projections.compliance.findings import Violation
from projections.events import LedgerEvent, on


class ReviewWords:
    """The items to review, as the events are fed."""

    def __init__(self) -> None:
        self.review: list[Violation] = []

    def reads(self) -> Reads:
        return [on(ExpenditureRecorded, self.logged), on(StructuralWorkLogged, self.logged)]

    def logged(self, e: LedgerEvent, x: ExpenditureRecorded | StructuralWorkLogged) -> None:
        for text in (x.description, x.note):
            if not text or not may_name_a_word(text.lower()):
                continue  # most texts name none of the words
            day = x.paid_on if isinstance(x, ExpenditureRecorded) else x.done_on
            for rule, word in words_named(text):
                self.review.append(Violation(
                    rule, e.position, day, e.subject, "review.words",
                    {"word": word, "text": text if len(text) <= 120 else text[:119] + "…"}))


_REVIEW = [(rule, re.compile(r"(?<!\w)" + re.escape(stem) if stem != "bidrag"
                              else re.escape(stem), re.IGNORECASE))
           for rule, stems in REVIEW_WORDS.items() for stem in stems]

# Before the searches above, one that most texts (which name none of the words) stop at,
# over the text in lower case: the words in lower case, or a character whose lower case is
# not the letter of a word it matches ignoring case (ı, ſ, and İ, which becomes i and a
# combining dot; tests/projections/compliance/test_review_words.py checks every character).
_STEMS = [stem.lower() for stems in REVIEW_WORDS.values() for stem in stems]
_ODD = ["\u0131", "\u017f", "\u0307"]
_MAY_NAME_A_WORD = re.compile("|".join([re.escape(stem) for stem in _STEMS]
                                       + ["[" + "".join(_ODD) + "]"]))

# What ``may_name_a_word`` looks for first, with ``in`` (a regex alternation of a dozen
# words costs ~4 µs a text, these ~1 µs, and the replay reads one or two texts an
# expenditure): a part of several words, each word that contains none of them, and the
# odd characters. Every text ``_MAY_NAME_A_WORD`` finds something in contains one of them.
_SHARED_PARTS = ("bidrag", "subsid", "grant", "start", "utveckl", "development")
_FIRST_LOOK = (*_SHARED_PARTS,
               *[stem for stem in _STEMS if not any(part in stem for part in _SHARED_PARTS)],
               *_ODD)


def may_name_a_word(lowered: str) -> bool:
    """Whether ``_MAY_NAME_A_WORD`` finds anything in ``lowered`` (a text in lower case):
    only a text that contains a part it looks for first is searched."""
    for part in _FIRST_LOOK:
        if part in lowered:
            return _MAY_NAME_A_WORD.search(lowered) is not None
    return False


def review_words(text: str) -> Iterator[tuple[str, str]]:
    """(rule, the word found) for each rule whose words ``text`` mentions, once a rule."""
    if not may_name_a_word(text.lower()):
        return
    yield from words_named(text)


def words_named(text: str) -> Iterator[tuple[str, str]]:
    """``review_words``, each rule's words searched for in ``text`` as it is."""
    for rule in REVIEW_WORDS:
        for found_rule, pattern in _REVIEW:
            if found_rule == rule and (match := pattern.search(text)):
                start = match.start()
                end = start
                while end < len(text) and (text[end].isalnum() or text[end] in "-"):
                    end += 1
                while start > 0 and text[start - 1].isalnum():
                    start -= 1
                yield rule, text[start:max(end, match.end())]
                break
