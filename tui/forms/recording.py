"""What the forms' thread workers report, as Textual messages, and the ledger calls they
make there.

A worker asks the ledger (reads the choices, decides a command without writing, writes
it) and posts one of these messages to its form; the form's handler, on the UI thread,
is what changes a widget or the form's state. No worker touches a widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.message import Message

from asfledger.ledger import CommandRefused, Ledger
from domain.commands import Command
from domain.errors import Refusal
from tui.forms.choices import Choices

# What the ledger said of commands: nothing against them (None), a refusal under a rule,
# or an error (the ledger cannot be read or written).
Outcome = Refusal | Exception | None


@dataclass
class ChoicesRead(Message, bubble=False):
    """The partners, references and plans the form offers, as of the ledger's head."""

    choices: Choices


@dataclass
class Checked(Message, bubble=False):
    """The command as typed, decided without writing (while the user types)."""

    command: Command
    outcome: Outcome
    note: str | None = None  # what recording it would replace


@dataclass
class Decided(Message, bubble=False):
    """The commands sent, decided without writing: next, the confirm step."""

    commands: list[Command]
    outcome: Outcome
    note: str | None = None


@dataclass
class Written(Message, bubble=False):
    """The commands written (``outcome`` None, ``events`` recorded) or not."""

    commands: list[Command]
    outcome: Outcome
    events: int = 0


def try_out(ledger: Ledger, commands: Sequence[Command]) -> Outcome:
    """Decide ``commands`` against the ledger as it is now, writing nothing."""
    try:
        ledger.execute(list(commands), dry_run=True)
    except CommandRefused as e:
        return e.refusal
    except Exception as e:  # the ledger cannot be read: the form says so
        return e
    return None


def write(ledger: Ledger, commands: Sequence[Command]) -> Written:
    """Write ``commands`` (all or nothing); what happened, as the message to post."""
    try:
        applied = ledger.execute(list(commands))
    except CommandRefused as e:
        return Written(list(commands), e.refusal)
    except Exception as e:  # a storage problem or a conflict: the form says so
        return Written(list(commands), e)
    return Written(list(commands), None, applied.events)
