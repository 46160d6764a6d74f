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
        description, note = x.description, x.note
        if _MAY_NAME_A_WORD.search(f"{description}\n{note}".lower()) is None:
            return  # neither names any (one search: most name none)
        day = x.paid_on if isinstance(x, ExpenditureRecorded) else x.done_on
        for text in (description, note):
            if not text:
                continue
            for rule, word in review_words(text):
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
_MAY_NAME_A_WORD = re.compile("|".join(
    [re.escape(stem.lower()) for stems in REVIEW_WORDS.values() for stem in stems]
    + ["[\u0131\u017f\u0307]"]))


def review_words(text: str) -> Iterator[tuple[str, str]]:
    """(rule, the word found) for each rule whose words ``text`` mentions, once a rule."""
    if _MAY_NAME_A_WORD.search(text.lower()) is None:
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
