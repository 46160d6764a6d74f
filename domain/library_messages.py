"""msgspec's messages in the user's language, by kind, keeping the field path.

msgspec says ``Expected `int` >= 1 - at `$.fte_percent```; the user reads ``fältet
fte_percent: ska vara ett heltal >= 1``. A message of a kind not known here is kept as it is
(in English) after the field: every kind the commands can produce is below, and a test
walks them. A rule of our own (``__post_init__``) raises ``InvalidCommand``, which knows
its own sentences; msgspec keeps it as the cause.
"""

from __future__ import annotations

import re
from typing import Protocol

from domain.text import translate


class _Describes(Protocol):
    def describe(self, lang: str) -> str: ...


_AT = re.compile(r" - at `(?:key` in `)?\$\.?([^`]*)`$")
_KEY_IN = " - at `key` in `"
_TYPES = {"int": "type.int", "str": "type.str", "bool": "type.bool", "object": "type.object",
          "array": "type.array", "null": "type.null", "float": "type.float",
          "date": "type.date", "int | str": "type.int_or_str", "str | int": "type.int_or_str",
          "str | null": "type.str", "int | null": "type.int", "date | null": "type.date",
          "array | null": "type.array"}

_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^Expected `(?P<want>[^`]+)`, got `(?P<got>[^`]+)`$"), "msgspec.expected"),
    (re.compile(r"^Expected `(?P<want>[^`]+)` (?P<op>[<>]=?) (?P<n>-?\d+)$"), "msgspec.bound"),
    (re.compile(r"^Expected `(?P<want>[^`]+)` of length (?P<op>[<>]=?) (?P<n>\d+)$"),
     "msgspec.length"),
    (re.compile(r"^Expected `str` matching regex (?P<pattern>.*)$"), "msgspec.pattern"),
    (re.compile(r"^Invalid enum value (?P<value>.*)$"), "msgspec.enum"),
    (re.compile(r"^Invalid value (?P<value>.*)$"), "msgspec.value"),
    (re.compile(r"^Object missing required field `(?P<name>[^`]*)`$"), "msgspec.missing"),
    (re.compile(r"^Object contains unknown field `(?P<name>[^`]*)`$"), "msgspec.unknown"),
    (re.compile(r"^Invalid RFC3339 encoded (?P<what>date|datetime|time)$"), "msgspec.date"),
    (re.compile(r"^(?:Integer value|Number) out of range$"), "msgspec.out_of_range"),
    (re.compile(r"^Input data was truncated$"), "msgspec.truncated"),
    (re.compile(r"^JSON is malformed: (?P<what>.*?) \(byte (?P<byte>\d+)\)$"),
     "msgspec.malformed"),
)

_MALFORMED = {  # what msgspec says after "JSON is malformed:" → key
    "invalid character": "json.invalid_character",
    "trailing characters": "json.trailing",
    "trailing comma": "json.trailing_comma",
    "expected ',' or '}'": "json.expected_comma_brace",
    "expected ',' or ']'": "json.expected_comma_bracket",
    "expected ':'": "json.expected_colon",
    "expected '\"'": "json.expected_quote",
    "object keys must be strings": "json.keys_strings",
    "invalid escape character in string": "json.bad_escape",
    "invalid character in unicode escape": "json.bad_escape",
    "invalid utf-8 sequence": "json.bad_utf8",
    "invalid number": "json.invalid_number",
    "number out of range": "json.number_range",
}


def _type(name: str, lang: str) -> str:
    key = _TYPES.get(name)
    return translate(key, lang) if key else f"`{name}`"


def explain_detail(error: Exception, lang: str) -> str:
    """What is wrong, in ``lang``, without the field's path: for a form, which shows the
    field beside the message. An error of our own (a cause or the error itself with
    ``describe``) says it in its own words."""
    for own in (error.__cause__, error):
        describe = getattr(own, "describe", None)
        if own is not None and callable(describe):
            described: _Describes = own  # type: ignore[assignment]
            return described.describe(lang)
    message = str(error)
    m = _AT.search(message)
    return _detail(message[: m.start()] if m else message, lang)


def explain_text(message: str, lang: str) -> str:
    """One msgspec message (without its cause) in ``lang``, with its field named."""
    path = ""
    in_key = _KEY_IN in message
    m = _AT.search(message)
    if m:
        path = m.group(1) or "$"
        message = message[: m.start()]
    detail = _detail(message, lang)
    if not path:
        return detail
    key = "invalid.key_in" if in_key else "invalid.field"
    return translate(key, lang, field=path, detail=detail)


def _detail(message: str, lang: str) -> str:
    for pattern, key in _KINDS:
        m = pattern.match(message)
        if m is None:
            continue
        params = m.groupdict()
        if "want" in params:
            params["want"] = _type(params["want"], lang)
        if "got" in params:
            params["got"] = _type(params["got"], lang)
        if key == "msgspec.malformed":
            what = _MALFORMED.get(params["what"])
            params["what"] = translate(what, lang) if what else params["what"]
            params["byte"] = str(int(params["byte"]) + 1)
        return translate(key, lang, **params)
    return message


def explain_msgspec(error: Exception, lang: str) -> str:
    """A msgspec ``ValidationError``/``DecodeError`` in ``lang``. An error of our own raised in
    a command's ``__post_init__`` is msgspec's cause: its own sentence is used."""
    cause = error.__cause__
    describe = getattr(cause, "describe", None)
    if cause is not None and callable(describe):
        described: _Describes = cause  # type: ignore[assignment]
        return described.describe(lang)
    return explain_text(str(error), lang)
