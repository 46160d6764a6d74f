"""Why a command is not recorded: a refusal by the policy or the ledger's own consistency."""

from __future__ import annotations

from typing import Any

from domain.reference import PARTIES, PURPOSES
from domain.rules import RULES
from domain.text import KIND_NAMES, translate
from domain.words import fill

# Codes for refusals that are about the ledger's consistency rather than a policy rule.
DUPLICATE = "duplicate"
UNKNOWN = "unknown"
STATE = "state"
DATES = "dates"  # a date of a thing done after the day it is recorded; an end before a start


def in_words(params: dict[str, Any], lang: str) -> dict[str, Any]:
    """A message's parameters with the codes of the policy in words (issue 19): a kind of
    thing, a purpose by the policy's words, a party by its name."""
    params = dict(params)
    if params.get("kind") in KIND_NAMES:
        params["kind"] = fill(KIND_NAMES[params["kind"]], lang)
    if params.get("purpose") in PURPOSES:  # the policy's words, not the code
        params["purpose"] = PURPOSES[params["purpose"]].text(lang)
    for name in ("payee", "employer", "run_by", "party"):  # a party by its name
        if params.get(name) in PARTIES:
            params[name] = PARTIES[params[name]].name
    return params


class Refusal(Exception):
    """A command the ledger will not record. ``code`` is F1–F4, R1–R9 or a consistency code.

    The message is a key (domain/text.py, or a rule's own in domain/rules.py) with
    parameters, so it can be told in Swedish or English.
    """

    def __init__(self, code: str, message_key: str, /, **params: Any) -> None:
        self.code = code
        self.message_key = message_key
        self.params = params
        super().__init__(self.describe("en"))

    @property
    def is_policy_rule(self) -> bool:
        return self.code in RULES

    def detail(self, lang: str) -> str:
        return translate(self.message_key, lang, **in_words(self.params, lang))

    def describe(self, lang: str) -> str:
        """One sentence naming the rule and its detail, then the policy's words."""
        detail = self.detail(lang)
        if not self.is_policy_rule:
            return detail
        term = RULES[self.code]
        return translate(
            "refusal.rule", lang, code=self.code, detail=detail,
            quote_sv=term.quote("sv"),
            # The policy is Swedish: an English reader gets its translation after it.
            translation="" if lang == "sv" else f" ({term.quote('en')})",
        )


class InvalidCommand(ValueError):
    """Input that is not a valid command: a field is malformed (exit 2, never a refusal)."""

    def __init__(self, field: str, message_key: str, /, **params: Any) -> None:
        self.field = field
        self.message_key = message_key
        self.params = params
        super().__init__(translate(message_key, "en", field=field, **params))

    def describe(self, lang: str) -> str:
        return translate(self.message_key, lang, field=self.field,
                         **in_words(self.params, lang))
