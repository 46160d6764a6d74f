"""The realistic three-year history (``tests/data/history-2024-2026.jsonl``) that the
audit tests replay and export, as bytes to import and as the commands it holds."""

from __future__ import annotations

from pathlib import Path

from asfledger.importer import parse
from domain import commands as c

HISTORY = Path(__file__).resolve().parents[1] / "data" / "history-2024-2026.jsonl"


def realistic_history() -> bytes:
    return HISTORY.read_bytes()


def realistic_commands() -> list[c.Command]:
    return [cmd for _, cmd in parse(realistic_history())]


def reversed_vouchers(commands: list[c.Command]) -> set[str]:
    """The vouchers of the payments reversed (the history ends with a payment made twice
    and reversed, issue 15): every total nets them."""
    return {cmd.voucher_ref for cmd in commands if isinstance(cmd, c.ReversePayment)}
