"""Words in Swedish and English, and how a template is filled in: the one formatter every
message and vocabulary uses (domain/rules.py, and each layer's text.py)."""

from __future__ import annotations

import string
from typing import Any

from domain.money import Money

Words = tuple[str, str]  # (Swedish, English)


class _Plurals(string.Formatter):
    """``{n:|kommando|kommandon}`` → ``1 kommando``, ``2 kommandon``: the count, then the
    word in its singular (exactly one) or plural form."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("|"):
            one, _, many = format_spec[1:].partition("|")
            return f"{value} {one if value == 1 else many}"
        return str(super().format_field(value, format_spec))


_PLURALS = _Plurals()


def fill(words: Words, lang: str, /, **params: Any) -> str:
    """``words`` in ``lang`` (``sv`` or ``en``), ``params`` filled in; ``{n:|one|many}``
    gives the count with the word in the right number; a ``Money`` is written in ``lang``
    (``Money.text``). A message is found by its key
    (``translate``); words of a vocabulary, by the code they name (``KIND_NAMES[kind]``)."""
    template = words[0] if lang == "sv" else words[1]
    if not params:
        return template
    # An amount is written as a person reads it in ``lang``: ``1 234,56 kr``, ``SEK 1,234.56``.
    params = {name: value.text(lang) if isinstance(value, Money) else value
              for name, value in params.items()}
    if ":|" in template:
        return _PLURALS.format(template, **params)
    return template.format(**params)
