"""The proof's "to review" scan of free text (``review.words``): its quick first search
over the text in lower case never hides a word the full search finds."""

from __future__ import annotations

import re
import sys

from hypothesis import given
from hypothesis import strategies as st

from domain.reference import REVIEW_WORDS
from projections.compliance.review_words import (
    _MAY_NAME_A_WORD,
    may_name_a_word,
    review_words,
    words_named,
)

STEMS = [stem for stems in REVIEW_WORDS.values() for stem in stems]
LETTERS = sorted(set("".join(STEMS)))


def test_every_character_that_matches_a_letter_ignoring_case_passes_the_first_search() -> None:
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1)
                         if not 0xD800 <= c <= 0xDFFF)
    any_letter = re.compile("[" + re.escape("".join(LETTERS)) + "]", re.IGNORECASE)
    candidates = set(any_letter.findall(everything))
    assert len(candidates) > 2 * len([c for c in LETTERS if c.isalpha()])  # upper and lower
    for char in candidates:
        for letter in LETTERS:
            if re.fullmatch(re.escape(letter), char, re.IGNORECASE):
                lowered = char.lower()
                assert lowered == letter.lower() or _MAY_NAME_A_WORD.search(lowered), char


def _spelled(stem: str, cases: list[bool], odd: list[str]) -> str:
    """``stem`` in mixed case, with the odd characters that match its letters."""
    alternatives = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
    out = []
    for i, char in enumerate(stem):
        pick = odd[i % len(odd)] if odd else ""
        if pick and char in alternatives and pick in alternatives[char]:
            out.append(pick)
        else:
            out.append(char.upper() if cases[i % len(cases)] else char)
    return "".join(out)


texts = st.one_of(
    st.text(max_size=60),
    st.builds(lambda before, stem, cases, odd, after: before + _spelled(stem, cases, odd)
              + after,
              st.text(max_size=20), st.sampled_from(STEMS),
              st.lists(st.booleans(), min_size=1, max_size=8),
              st.lists(st.sampled_from("\u0130\u0131\u017f\u212a"), max_size=3),
              st.text(max_size=20)))


@given(texts)
def test_the_first_search_never_hides_a_word(text: str) -> None:
    assert list(review_words(text)) == list(words_named(text))


@given(texts)
def test_the_quick_look_first_agrees_with_the_first_search(text: str) -> None:
    lowered = text.lower()
    assert may_name_a_word(lowered) == (_MAY_NAME_A_WORD.search(lowered) is not None)


@given(st.sampled_from([*STEMS, "\u0131", "\u017f", "\u0307"]), st.text(max_size=20),
       st.text(max_size=20))
def test_the_quick_look_first_finds_every_word_anywhere(word: str, before: str,
                                                         after: str) -> None:
    assert may_name_a_word(f"{before}{word}{after}".lower())


def test_the_words_are_found_in_any_case() -> None:
    assert list(review_words("Startbidrag till föreningen")) == [("F1", "Startbidrag")]
    assert list(review_words("SKILLS DEVELOPMENT day")) == [("F4", "SKILLS DEVELOPMENT")]
    assert list(review_words("ſubsidy")) == [("F1", "ſubsidy")]
    assert list(review_words("Nyhetsbrev om ASF till parternas chefer")) == []
