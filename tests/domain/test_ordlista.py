"""Every layer's messages speak the word list (docs/ordlista.md): one Swedish and one
English term per concept of the policy, no English left in Swedish, no code words, Swedish
quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_messages import EVERY_TEXT

# Every layer's messages and vocabularies: the UI's, the application's, the read models',
# the domain's.
MESSAGES = EVERY_TEXT
ORDLISTA = Path(__file__).resolve().parents[2] / "docs" / "ordlista.md"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A code word of the program: lower-case words joined by "_" (decision_ref, cash_grant).
CODE_WORD = re.compile(r"(?<![\w{-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w}])")
# Code words a user types as they are: option values and settings keys named in a message.
TYPED = {"giving360_prefix", "giving360_data_source", "report_author"}
# Words that are English and not Swedish (short Swedish words like "in", "at" are left out).
ENGLISH = {"the", "and", "of", "is", "are", "was", "with", "to", "not", "has", "have",
           "this", "that", "from", "by", "which", "cannot", "been", "its", "or", "were"}
# Command-line words a Swedish sentence may name (an option, a subcommand) are written
# with their dashes; these are the options whose values are English words.
OPTION = re.compile(r"--[a-z-]+(?: [a-z]+)?")


def word_list() -> list[dict[str, str]]:
    rows = []
    for line in ORDLISTA.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and line.startswith("|") and not set(cells[0]) <= {"-", ":"}:
            rows.append(dict(zip(("sv", "en", "meaning", "avoid"), cells, strict=True)))
    return rows[1:]  # the header row


def avoided() -> list[str]:
    return [word.strip() for row in word_list() for word in row["avoid"].split(",")
            if word.strip()]


def swedish_texts() -> list[tuple[str, str]]:
    return [(key, PLACEHOLDER.sub(" ", sv)) for key, (sv, _) in MESSAGES.items()]


def test_the_word_list_has_the_policys_own_words() -> None:
    terms = {row["sv"].split(" (")[0]: row["en"] for row in word_list()}
    for word in ("insats", "handlingsplan", "verksamhetsplan", "partner", "parter",
                 "styrelse", "förbundschef", "åtgärd", "strukturarbete", "kontantbidrag"):
        assert word in terms, word
    assert terms["insats"] == "effort" and terms["åtgärd"] == "action"
    assert len(avoided()) >= 15


@pytest.mark.parametrize("word", avoided())
def test_no_avoided_word_in_swedish_text(word: str) -> None:
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    found = [key for key, text in swedish_texts() if pattern.search(text)]
    assert found == [], f"{word!r} (see docs/ordlista.md) in {found}"


def test_no_code_words_in_swedish_text() -> None:
    found = {key: words for key, text in swedish_texts()
             if (words := set(CODE_WORD.findall(text)) - TYPED)}
    assert found == {}


def test_no_english_left_in_swedish_text() -> None:
    found = {}
    for key, text in swedish_texts():
        words = {w for w in re.findall(r"[A-Za-z]+", OPTION.sub(" ", text))
                 if w.lower() in ENGLISH}
        if words:
            found[key] = words
    assert found == {}


def test_swedish_quotation_marks() -> None:
    """Swedish quotes are ”…” or »…»; »…« (German) and “…” (English) are wrong in Swedish."""
    wrong = {key: sv for key, (sv, _) in MESSAGES.items() if "«" in sv or "“" in sv}
    assert wrong == {}
    english = {key: en for key, (_, en) in MESSAGES.items() if "»" in en or "«" in en}
    assert english == {}


def test_the_checks_find_what_they_look_for() -> None:
    """Not vacuous: each check fires on a text with the fault."""
    assert CODE_WORD.findall("kräver decision_ref") == ["decision_ref"]
    assert not CODE_WORD.findall("kräver {decision_ref} och 360Giving-prefix")
    assert re.search(r"(?<!\w)huvud(?!\w)", "storlek 3, huvud abc", re.IGNORECASE)
    assert not re.search(r"(?<!\w)huvud(?!\w)", "I huvudsak", re.IGNORECASE)
