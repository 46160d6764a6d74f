"""Who records: the actor stored with every event, from ``--actor``, ``$ASFLEDGER_ACTOR`` or
the operating-system user, checked before anything is decided (R7: never a personnummer;
the text rule)."""

from __future__ import annotations

import getpass
import os
from typing import ClassVar, Final

from asfledger.text import translate
from domain.errors import Refusal
from domain.personal_numbers import find_personal_identity_number
from domain.values import ValueProblem, check_text

ACTOR_ENV = "ASFLEDGER_ACTOR"


def resolve_actor(given: str | None) -> tuple[str, str]:
    """Who records, and where that came from: ``given`` (``--actor``: "option"), else
    ``$ASFLEDGER_ACTOR`` ("env"), else the operating-system user ("os_user")."""
    if given is not None:  # given, even blank: refused by ``check_actor``, not replaced
        return given, "option"
    actor = os.environ.get(ACTOR_ENV)
    if actor:
        return actor, "env"
    try:
        return getpass.getuser(), "os_user"
    except (KeyError, OSError):
        return "unknown", "os_user"


# Where the actor was given (``resolve_actor``) → the refusal that says so.
_ACTOR_REFUSALS: Final[dict[str, str]] = {
    "option": "refusal.R7_actor_option", "env": "refusal.R7_actor_env",
    "os_user": "refusal.R7_actor_os_user"}


class ActorRefused(Exception):
    """R7: the actor is a personal identity number. Invalid input (exit 2), raised before
    anything is decided: the actor is stored with every event it records."""

    exit_code: ClassVar[int] = 2  # asfledger.failures.EXIT_INVALID

    def __init__(self, source: str) -> None:
        self.source = source
        self.refusal = Refusal("R7", _ACTOR_REFUSALS[source])
        super().__init__(self.refusal.describe("en"))

    def describe(self, lang: str) -> str:
        return self.refusal.describe(lang)


def check_actor(given: str | None) -> str:
    """The actor ``resolve_actor`` finds, or ``ActorRefused`` if it holds a personnummer
    or samordningsnummer in any spelling (``domain.personal_numbers``), or ``ActorInvalid``
    if it breaks the text rule (blank, control characters: ``domain.values.check_text``)."""
    actor, source = resolve_actor(given)
    refuse_actor(actor, source)
    return actor


def refuse_actor(actor: str, source: str) -> None:
    try:
        if not actor:
            raise ValueProblem("value.text_blank")
        check_text(actor)
    except ValueProblem as problem:
        raise ActorInvalid(source, problem) from None
    if find_personal_identity_number(actor) is not None:
        raise ActorRefused(source)


class ActorInvalid(Exception):
    """The actor breaks the text rule: invalid input (exit 2), before anything is decided."""

    exit_code: ClassVar[int] = 2  # asfledger.failures.EXIT_INVALID

    def __init__(self, source: str, problem: ValueProblem) -> None:
        self.source = source
        self.problem = problem
        super().__init__(self.describe("en"))

    def describe(self, lang: str) -> str:
        return translate("cli.actor_text", lang, source=translate(_SOURCES[self.source], lang),
                         problem=self.problem.describe(lang))


_SOURCES = {"option": "cli.actor_source.option", "env": "cli.actor_source.env",
            "os_user": "cli.actor_source.os_user"}
