"""R7: what counts as a personnummer or samordningsnummer, in every spelling
(``domain.personal_numbers``), and the byte scans that must find at least as much
(``domain.pin_scan``: the command guard's fast path and the compliance replay's page scan).
"""

from __future__ import annotations

import unicodedata
from datetime import date

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import Refusal
from domain.handlers import check_no_personal_data
from domain.personal_numbers import (
    contains_personal_identity_number,
    find_personal_identity_number,
    normalise,
)
from domain.pin_scan import _HARMLESS, personal_identity_number_suspects
from domain.values import luhn_ok
from tests.domain.builders import log_structural_work


def _stored(text: str) -> bytes:
    """A record as the ledger stores one (msgspec JSON, the timestamp first)."""
    return msgspec.json.encode({"timestamp": "2026-01-15T09:30:05.123456Z",
                                "actor": "samordnare", "description": text, "n": 3})


def _guard_refuses(text: str) -> bool:
    try:
        # Set after construction: the text rule (issue 16) refuses a text with control or
        # format characters when the command is made; R7's guard must find it regardless.
        command = log_structural_work(description="x")
        command.description = text
        check_no_personal_data(command)
    except Refusal as refusal:
        assert refusal.code == "R7"
        assert refusal.params == {"field": "description"}
        return True
    return False


def _page_suspects_the_record(records: list[bytes], index: int) -> bool:
    """The replay's page scan (records joined by a quote) has a suspect in ``index``."""
    start = sum(len(r) + 1 for r in records[:index])
    end = start + len(records[index])
    return any(start <= s < end for s in personal_identity_number_suspects(b'"'.join(records)))


def assert_found_everywhere(text: str) -> None:
    """The decision, the guard, the proof's record check and the page scan all find it."""
    assert find_personal_identity_number(text) is not None, repr(text)
    assert _guard_refuses(text), repr(text)
    record = _stored(text)
    assert contains_personal_identity_number(record), repr(text)
    assert _page_suspects_the_record([_stored("Möte § 4"), record, _stored("x")], 1), repr(text)


# The forms found before -----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "811218-9876", "8112189876", "811218+9876", "811218 9876", "19811218-9876",
    "198112189876", "121212-1212", "121212+1212", "20121212-1212",
    "701063-2391", "7010632391", "19701063-2391",
    "Deltagaren 811218-9876 började i mars", "pnr:8112189876.", "(19811218-9876)",
], ids=["dash", "ten", "plus-100-years", "space", "12-dash", "12", "classic", "classic-plus",
        "century-20", "samordning", "samordning-ten", "samordning-12", "in-text",
        "after-colon", "in-parens"])
def test_personal_identity_numbers_are_found(text: str) -> None:
    assert_found_everywhere(text)


def test_the_number_found_is_given_in_its_plain_form() -> None:
    assert find_personal_identity_number("Anna, 19811218-9876, Farsta") == "19811218-9876"
    assert find_personal_identity_number("a 811218+9876 b") == "811218-9876"
    assert find_personal_identity_number("a ８１１２１８–９８７６ b") == "811218-9876"


def test_samordningsnummer_is_birth_day_plus_sixty() -> None:
    assert luhn_ok("7010632391")
    assert find_personal_identity_number("701063-2391") is not None
    # days 32–60 and above 91 are neither a birth day nor a samordningsnummer day
    for day in (32, 45, 60, 92, 99):
        body = f"7010{day:02d}239"
        check = next(str(d) for d in range(10) if luhn_ok(body + str(d)))
        assert find_personal_identity_number(f"{body[:6]}-{body[6:]}{check}") is None


def test_the_date_part_must_be_a_possible_date() -> None:
    """30 February is no birth day; 29 February is, in a leap year (or, without the
    century, in a year that may be one)."""
    def number(yymmdd: str, century: str = "") -> str:
        body = yymmdd + "123"
        return f"{century}{yymmdd}-123{next(d for d in '0123456789' if luhn_ok(body + d))}"

    assert find_personal_identity_number(number("000230")) is None
    assert find_personal_identity_number(number("000229")) is not None  # 2000 (or 1900…)
    assert find_personal_identity_number(number("010229")) is None
    assert find_personal_identity_number(number("000229", "19")) is None  # 1900: no leap year
    assert find_personal_identity_number(number("000229", "20")) is not None
    assert find_personal_identity_number(number("010431")) is None  # 31 April
    assert find_personal_identity_number(number("010491")) is None  # samordning: 31 April


# Issue 15: the spellings that passed R7 before, each found now --------------------------

SPELLINGS = {
    "en-dash": "121212\u20131212",
    "em-dash": "121212\u20141212",
    "hyphen-u2010": "121212\u20101212",
    "non-breaking-hyphen-u2011": "121212\u20111212",
    "minus-sign-u2212": "121212\u22121212",
    "grouped-by-two": "12 12 12-1212",
    "iso-date-with-century": "1912-12-12-1212",
    "slash": "121212/1212",
    "full-stop": "121212.1212",
    "underscore": "121212_1212",
    "colon": "121212:1212",
    "doubled-dash": "121212--1212",
    "doubled-slash": "121212//1212",
    "dash-between-spaces": "121212 - 1212",
    "several-spaces": "121212    1212",
    "full-width": "\uff11\uff12\uff11\uff12\uff11\uff12\uff0d\uff11\uff12\uff11\uff12",
    "arabic-indic": "\u0661\u0662\u0661\u0662\u0661\u0662-\u0661\u0662\u0661\u0662",
    "extended-arabic-indic": "\u06f1\u06f2\u06f1\u06f2\u06f1\u06f2-\u06f1\u06f2\u06f1\u06f2",
    "devanagari": "\u0967\u0968\u0967\u0968\u0967\u0968-\u0967\u0968\u0967\u0968",
    "mathematical-bold": "\U0001d7cf\U0001d7d0\U0001d7cf\U0001d7d0\U0001d7cf\U0001d7d0-1212",
    "zero-width-space": "1212\u200b12-1212",
    "zero-width-joiner": "121212\u200d-1212",
    "word-joiner": "12\u206012121212",
    "soft-hyphen": "121212\u00ad1212",
    "embedded-bom": "121\ufeff212-1212",
    "combining-marks": "1\u03012\u03081212-12\u033212",
    "no-break-space": "121212\u00a01212",
    "narrow-no-break-space": "121212\u202f1212",
    "ideographic-space": "121212\u30001212",
    "line-separator": "121212\u20281212",
    "tab-and-line-break": "121212\t\n1212",
    "samordningsnummer-en-dash": "701063\u20132391",
    "twelve-digits-full-width": "".join(chr(0xFF10 + int(d)) for d in "191212121212"),
}


@pytest.mark.parametrize("text", SPELLINGS.values(), ids=SPELLINGS.keys())
def test_R7_finds_every_spelling_of_issue_15(text: str) -> None:
    assert_found_everywhere(text)
    assert_found_everywhere(f"Deltagare {text}, Farsta")


# What is not personal data ---------------------------------------------------------------

NOT_NUMBERS = {
    "stad": "212000-0142", "stad-ten": "2120000142", "region": "232100-0016",
    "af": "202100-2114", "fk": "202100-5521", "stad-16-prefix": "16212000-0142",
    "ab": "556000-0076", "ek-forening": "769000-0018", "ideell": "802000-0418",
    "org-en-dash": "556677\u20138899", "org-spaced": "55 66 77 - 8899",
    "luhn": "811218-9875", "month-13": "811318-9876", "day-0": "811200-9876",
    "century-17": "17811218-9876", "date": "2026-01-20", "dates": "2026-01-20, 2026-12-31",
    "date-range": "2024-03-01\u20132024-08-31", "date-range-spaced": "2024-03-01 - 2024-08-31",
    "timestamp": "2026-01-15T09:30:05.123456Z", "time": "09:30:05.123456",
    "time-dots": "kl. 13.00\u201316.00", "phone": "08-508 290 00", "mobile": "070-123 45 67",
    "dnr": "dnr 2026/1234", "decision": "SB 2026-01-20 §4", "amount": "1 250 000,00 kr",
    "13-digits": "1234567890123", "5-digit-tail": "811218-98765",
    "separated-inside-the-tail": "811218-98 76", "date-then-run": "12-12-121212",
    "empty": "", "text": "inga siffror alls",
}


@pytest.mark.parametrize("text", NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys())
def test_other_numbers_are_not_personal_data(text: str) -> None:
    assert find_personal_identity_number(text) is None
    assert not _guard_refuses(text)
    assert not contains_personal_identity_number(_stored(text))


def test_normalise_folds_digits_separators_and_invisible_characters() -> None:
    assert normalise("Anna 121212-1212") == "Anna 121212-1212"  # ASCII stays as it is
    assert normalise("١٢\u200b\u2013１２\u00a0x") == "12 12 x"
    assert normalise("a\u0308") == "\u00e4"  # NFKC composes; a letter stays a letter


# The byte scans ----------------------------------------------------------------------------

def _utf8_characters(lead: int) -> list[str]:
    length = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    found = []
    for code in range(0x80, 0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000:
            continue
        encoded = char.encode()
        if len(encoded) == length and encoded[0] == lead:
            found.append(char)
    return found


def test_the_characters_the_byte_scan_passes_over_are_harmless() -> None:
    """The page scan reads past the Latin letters of U+00C0–U+02BF (lead bytes C3–CA) and
    the few characters in ``_HARMLESS``: none of them, alone or between digits, can be
    part of a number (the decision keeps each as it is, a character that ends a number)."""
    passed_over = [c for lead in range(0xC3, 0xCB) for c in _utf8_characters(lead)]
    passed_over += [b.decode() for b in _HARMLESS]
    assert len(passed_over) > 500
    for char in passed_over:
        folded = normalise(char)
        assert folded and not any(c.isdigit() or c in " +-./:_" for c in folded), repr(char)
        assert find_personal_identity_number(f"121212{char}1212") is None, repr(char)
        assert find_personal_identity_number(f"12{char}1212-1212") is None, repr(char)


AGREEMENT_TEXTS = [
    "811218-9876", "811218\n9876", "811218\t9876", "811218\u00a09876", "811218\u202f9876",
    "811218\x1f9876", "811218 - 9876", "811218 + 9876", "19811218\r\n9876",
    "811218 ab 9876", "811218, 9876", '811218"9876', "811218\\9876", "٨١١٢١٨-٩٨٧٦",
    "212000-0142", "769000-0018", "2026-01-15", "Anna 701063-2391 i Farsta", "",
    "811218\x009876", "811218\u00ad9876", "811218\u00a79876", "811218\u20ac9876",
]


@pytest.mark.parametrize("text", AGREEMENT_TEXTS)
def test_the_byte_scan_of_encoded_json_agrees_with_the_text_scan(text: str) -> None:
    found = find_personal_identity_number(text) is not None

    assert contains_personal_identity_number(msgspec.json.encode(text)) is found
    assert contains_personal_identity_number(
        msgspec.json.encode({"note": text, "ref": "A-1", "n": 3, "list": [text]})) is found
    assert _guard_refuses(text) is found


# Generated spellings: guard and check agree ------------------------------------------------

# Every decimal digit of every script, by value (and a few that NFKC makes digits).
DIGITS: dict[int, list[str]] = {d: [] for d in range(10)}
for _code in range(0x110000):
    _char = chr(_code)
    if unicodedata.category(_char) == "Nd":
        DIGITS[unicodedata.decimal(_char)].append(_char)
for _value, _superscript in enumerate("\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078"
                                      "\u2079"):
    DIGITS[_value].append(_superscript)

SEPARATORS = [
    *"-+ /._:\t\n",
    "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63", "\uff0d",
    "\u2e3a", "\u00a0", "\u2002", "\u2003", "\u2007", "\u2009", "\u200a", "\u202f",
    "\u205f", "\u3000", "\u2028", "\u2029", "\uff0f", "\uff0e", "\u2024",
]
INVISIBLE = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e", "\u200f",
    "\u202a", "\u202c", "\u2061", "\u2064", "\u061c", "\u180e", "\U000e0001",
    "\u0301", "\u0308", "\u0332", "\u20e3", "\ufe0f", "\u0f39", "\x7f", "\x00", "\x1b",
]
WORDS = st.sampled_from(["", "Deltagare ", "pnr ", "Anna (", "§ ", "öö ", "x"])


def _number_digits(born: date, coordination: bool, serial: int, century: bool) -> str:
    day = born.day + (60 if coordination else 0)
    yymmdd = f"{born.year % 100:02d}{born.month:02d}{day:02d}"
    body = f"{yymmdd}{serial:03d}"
    check = next(d for d in "0123456789" if luhn_ok(body + d))
    return (f"{born.year // 100}" if century else "") + body + check


@st.composite
def spellings(draw: st.DrawFn) -> str:
    """A personnummer or samordningsnummer as anyone might write it: its digits each from
    any script, in one run or with runs of separators between its groups (one before the
    last four), and invisible characters between any two characters."""
    digits = _number_digits(draw(st.dates(date(1890, 1, 1), date(2026, 12, 31))),
                            draw(st.booleans()), draw(st.integers(0, 999)),
                            draw(st.booleans()))
    groups = [digits[i:i + 2] for i in range(0, len(digits) - 4, 2)] + [digits[-4:]]
    separated = draw(st.booleans())
    run = st.lists(st.sampled_from(SEPARATORS), min_size=1, max_size=3).map("".join)
    # ASCII digits, or one script's, or each digit from any script.
    script = draw(st.one_of(st.just(0), st.integers(0, len(DIGITS[0]) - 1), st.none()))

    def digit(value: int) -> str:
        if script is None:
            return draw(st.sampled_from(DIGITS[value]))
        return DIGITS[value][script] if script < len(DIGITS[value]) else str(value)

    written = ""
    for i, group in enumerate(groups):
        if i and separated:
            last = i == len(groups) - 1
            written += draw(run) if last else draw(st.one_of(st.just(""), run))
        written += "".join(digit(int(d)) for d in group)
    chars = list(written)
    for _ in range(draw(st.integers(0, 4))):
        chars.insert(draw(st.integers(0, len(chars))), draw(st.sampled_from(INVISIBLE)))
    return draw(WORDS) + "".join(chars) + draw(st.sampled_from(["", " i Farsta", ".", ")"]))


@settings(max_examples=500, deadline=None)
@given(spellings())
def test_R7_every_generated_spelling_is_found_by_the_guard_and_the_check(text: str) -> None:
    assert_found_everywhere(text)


_PIECES = st.one_of(
    st.sampled_from([
        "811218", "9876", "19", "701063", "2391", "121212", "1212", "212000", "0142", "12",
        "2026", "-01-", "20", "-", "+", " ", "\n", "\t", "\u00a0", "\x1f", '"', "\\", "a",
        "ö", "0", ",", "§", "–", "\u200b", "T", "Z", ".", ":", "123456",
    ]),
    st.builds(lambda d, v: DIGITS[v][d % len(DIGITS[v])], st.integers(0, 10**6),
              st.integers(0, 9)),
    st.sampled_from(SEPARATORS + INVISIBLE),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_R7_guard_and_check_agree_on_any_text(text: str) -> None:
    """Whatever the text, the guard refuses it exactly when the proof's check flags the
    stored record; and the page scan suspects every record the check flags."""
    found = find_personal_identity_number(text) is not None
    record = _stored(text)

    assert _guard_refuses(text) is found
    assert contains_personal_identity_number(record) is found
    if found:
        assert _page_suspects_the_record([_stored("a"), record], 1)


_RECORD_PIECES = st.one_of(_PIECES, st.sampled_from([
    "Z", 'Z"', "000000", "1212121212", "121212121212", "20121212", "2026-01-15T09:30:00.",
    "1234567", "123456789", "12345678901",
]))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(_RECORD_PIECES, max_size=10).map("".join), min_size=1, max_size=5))
def test_the_page_scan_suspects_every_record_the_record_scan_flags(texts: list[str]) -> None:
    """``personal_identity_number_suspects`` over records joined by a quote (the replay's
    page scan) is a necessary condition: every record in which the record scan finds a
    number has a suspect within it."""
    records = [b'{"timestamp":"2026-01-15T09:30:00.000000Z","t":' + msgspec.json.encode(text)
               + b"}" for text in texts]
    for index, record in enumerate(records):
        if contains_personal_identity_number(record):
            assert _page_suspects_the_record(records, index), record
