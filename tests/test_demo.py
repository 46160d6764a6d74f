"""The demo history generator, and the realistic import file made with it.

``tests/data/history-2024-2026.jsonl`` is a committed fixture (the board report's golden
files in ``tests/reports/golden/`` are computed from it): it was generated once, on
2026-11-26, by an earlier revision of ``asfledger/demo.py`` (as committed in f83490b) with
``demo_commands(3, seed, last_year=2026, today=date(2026, 11, 26))``, one command a line
with ``encode_command``, a blank line before each board meeting, and inspected by hand.
Regenerate it only deliberately, together with the golden files, e.g.

    uv run python -c "from datetime import date; from asfledger.demo import demo_commands, \
write_jsonl; open('tests/data/history-2024-2026.jsonl', 'wb').write(write_jsonl( \
demo_commands(3, seed=2026, last_year=2026, today=date(2026, 11, 26))))"
    ASFLEDGER_UPDATE_GOLDEN=1 uv run pytest tests/reports/test_board_report_golden.py

Its last six lines (after the last blank line) were added by hand for issue 15, with one
name in a registration misspelt to match: the corrections of a few mistakes, recorded in
November 2026. A regenerated file has the demo's own (``_corrections`` in demo.py).
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.demo import (
    demo_commands,
    expected_events,
    make_org_nr,
    occurred_on,
    scaled_commands,
)
from asfledger.ledger import Ledger
from domain.commands import (
    COMMAND_TYPES,
    CORRECTION_COMMANDS,
    Command,
    DecideSupervisorFunding,
    PaySupervisorFunding,
    RegisterPartner,
    ReversePayment,
    command_name,
    decode_command,
    encode_command,
)
from domain.personal_numbers import find_personal_identity_number
from domain.values import normalise_org_nr, parse_sek

HISTORY = Path(__file__).parent / "data" / "history-2024-2026.jsonl"
HISTORY_TODAY = date(2026, 11, 26)


def _apply_to_fresh_sqlite(commands: list[Command]) -> int:
    """Apply to a new SQLite ledger; return the number of events recorded."""
    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger(str(Path(tmp) / "ledger.sqlite"), actor="test")
        try:
            applied = ledger.execute(commands)
            assert ledger.head() == applied.events
        finally:
            ledger.close()
    return applied.events


def _history_lines() -> list[tuple[int, bytes]]:
    return [(n, line) for n, line in enumerate(HISTORY.read_bytes().splitlines(), start=1)
            if line.strip()]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


# --- (a) the generator only produces valid histories ------------------------------------

@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000))
def test_every_seed_gives_a_history_the_ledger_accepts(seed: int) -> None:
    commands = demo_commands(3, seed)
    events = _apply_to_fresh_sqlite(commands)
    assert events == sum(expected_events(cmd) for cmd in commands)
    assert 500 <= events <= 1500


@pytest.mark.parametrize(("years", "last_year"), [(1, 2025), (10, None)])
def test_short_and_long_histories_are_accepted(years: int, last_year: int | None) -> None:
    commands = demo_commands(years, 7, last_year=last_year)
    first = (last_year or date.today().year) - years + 1
    days = [d for cmd in commands if (d := occurred_on(cmd)) is not None]
    assert min(days).year == first
    assert _apply_to_fresh_sqlite(commands) == sum(map(expected_events, commands))


def test_nothing_happens_after_today() -> None:
    today = date(2026, 3, 4)
    commands = demo_commands(3, 11, last_year=2026, today=today)
    days = [d for cmd in commands if (d := occurred_on(cmd)) is not None]
    assert max(days) <= today
    assert max(days) >= date(2026, 2, 1)  # and the history does reach up to it


def test_a_past_last_year_ends_on_31_december() -> None:
    commands = demo_commands(2, 3, last_year=2023, today=date(2026, 11, 26))
    days = [d for cmd in commands if (d := occurred_on(cmd)) is not None]
    assert date(2023, 10, 1) <= max(days) <= date(2023, 12, 31)
    assert min(days) >= date(2022, 1, 1)


# --- (b) deterministic for a seed ------------------------------------------------------

def test_the_same_seed_gives_the_same_history() -> None:
    first = [encode_command(cmd) for cmd in demo_commands(3, 42, last_year=2025)]
    again = [encode_command(cmd) for cmd in demo_commands(3, 42, last_year=2025)]
    other = [encode_command(cmd) for cmd in demo_commands(3, 43, last_year=2025)]
    assert first == again
    assert first != other


# --- (c) varied -------------------------------------------------------------------------

@pytest.mark.parametrize("seed", [1, 2, 35, 2026])
def test_three_years_use_every_command_kind(seed: int) -> None:
    commands = demo_commands(3, seed, last_year=2026, today=HISTORY_TODAY)
    kinds = {command_name(cmd) for cmd in commands}
    # Every command, with a few mistakes put right (issue 15): a payment made twice and
    # reversed, a misspelt name corrected, an activity registered twice voided. Not a
    # redaction (tests/audit/test_redaction.py), nor an expenditure reversed.
    assert kinds == set(COMMAND_TYPES) - {"redact", "reverse_expenditure"}
    assert CORRECTION_COMMANDS - kinds == {"reverse_expenditure"}
    partners = [cmd for cmd in commands if isinstance(cmd, RegisterPartner)]
    assert 8 <= len(partners) <= 20
    assert len({p.org_nr for p in partners}) == len(partners)
    assert {p.legal_form for p in partners} >= {"ekonomisk_forening", "aktiebolag_svb"}


def test_supervisor_funding_is_paid_in_arrears_to_the_employer_within_the_decision() -> None:
    commands = demo_commands(3, 5, last_year=2026, today=HISTORY_TODAY)
    fundings = {cmd.ref: cmd for cmd in commands if isinstance(cmd, DecideSupervisorFunding)}
    paid: dict[str, int] = {}
    vouchers: dict[str, int] = {}
    after_end = reversed_ = 0
    for cmd in commands:
        if isinstance(cmd, PaySupervisorFunding):
            funding = fundings[cmd.ref]
            assert cmd.payee == funding.employer  # R1
            vouchers[cmd.voucher_ref] = parse_sek(cmd.amount_sek)
            paid[cmd.ref] = paid.get(cmd.ref, 0) + vouchers[cmd.voucher_ref]
            after_end += cmd.paid_on > funding.ends_on
        elif isinstance(cmd, ReversePayment):  # a payment made twice (issue 15): netted
            paid[cmd.ref] -= vouchers.pop(cmd.voucher_ref)
            reversed_ += 1
        # R5, net of reversals, at every payment
        assert all(paid[ref] <= parse_sek(fundings[ref].amount_sek) for ref in paid)
    assert after_end > 0 and reversed_ > 0
    assert after_end > 0
    employers = [f.employer for f in fundings.values()]
    assert employers.count("stockholms_stad") > len(employers) / 2


def test_made_org_numbers_are_valid() -> None:
    import random

    rng = random.Random(0)
    for form in ("ekonomisk_forening", "ideell_forening", "aktiebolag_svb", "stiftelse"):
        for _ in range(50):
            org_nr = make_org_nr(rng, form)
            assert normalise_org_nr(org_nr) == org_nr  # Luhn, third digit ≥ 2
            assert find_personal_identity_number(org_nr) is None


def test_scaled_history_reaches_about_the_target_and_is_valid() -> None:
    commands = list(scaled_commands(5_000, seed=3, last_year=2026, today=HISTORY_TODAY))
    expected = sum(map(expected_events, commands))
    assert 5_000 <= expected <= 5_001
    assert _apply_to_fresh_sqlite(commands) == expected


@pytest.mark.parametrize("target", [1_000, 5_000, 20_000])
def test_a_scaled_history_is_cut_in_its_last_year_and_proven(ledger: Ledger,
                                                             target: int) -> None:
    """A benchmark proves a scaled history: cut before an earlier year's plan is adopted,
    every year after it would end without one (R8) and the proof would not be PROVEN."""
    from asfledger.audit.compliance import prove

    commands = list(scaled_commands(target, seed=1, last_year=2026, today=HISTORY_TODAY))
    ledger.execute(commands)
    report = prove(ledger.store, ledger_id=ledger.ledger_id())

    assert report.proof.events == ledger.head() >= target
    assert report.proven, [(v.rule, v.subject, v.detail) for v in report.proof.violations]


# --- (d), (e) the realistic import file -------------------------------------------------

def test_history_file_decodes_line_by_line() -> None:
    lines = _history_lines()
    raw = HISTORY.read_bytes().splitlines()
    assert len(raw) > len(lines)  # it has blank lines, which are skipped
    commands = [decode_command(line) for _, line in lines]
    # Every command of an ordinary history, and at its end (appended by hand, issue 15) a
    # few mistakes put right: a payment made twice and reversed, a partner's name misspelt
    # at registration and corrected, an activity registered twice and the copy voided.
    # Redactions are shown apart (tests/audit/test_redaction.py).
    assert {command_name(cmd) for cmd in commands} == (set(COMMAND_TYPES) - {
        "redact", "reverse_expenditure"})
    assert sum(cmd.note is not None for cmd in commands) >= 5
    days = [d for cmd in commands if (d := occurred_on(cmd)) is not None]
    assert max(days) <= HISTORY_TODAY
    assert min(days) >= date(2024, 1, 1)


def test_history_file_applies_cleanly(ledger: Ledger) -> None:
    commands = [decode_command(line) for _, line in _history_lines()]
    applied = ledger.execute(commands)
    assert applied.commands == len(commands)
    assert applied.events == sum(map(expected_events, commands))
    assert ledger.head() == applied.events


def test_history_file_holds_no_personnummer() -> None:
    for number, line in _history_lines():
        for text in _strings(msgspec.json.decode(line)):
            assert find_personal_identity_number(text) is None, (number, text)


def test_personnummer_check_would_catch_one() -> None:
    # The check above can fail: a Luhn-valid personnummer in a note is found.
    assert find_personal_identity_number("Deltagare 811218-9876 närvarade") is not None


# --- (c) the demo keeps the policy by substance (issue 14) ---------------------------------

def test_the_demo_is_compliant_by_substance_with_a_few_items_to_review(ledger: Ledger) -> None:
    """Money to partners only as procured services under agreements with a value and a
    scope (F1); the proof finds no violation, and lists a few free texts to review."""
    from asfledger.audit.compliance import prove
    from domain.commands import RecordExpenditure, SignAgreement

    commands = demo_commands(3, 2026, last_year=2026, today=HISTORY_TODAY)
    ledger.execute(commands)
    signed = {cmd.ref: cmd for cmd in commands if isinstance(cmd, SignAgreement)}
    paid = [cmd for cmd in commands
            if isinstance(cmd, RecordExpenditure) and cmd.payee_kind == "partner"]
    assert paid and all(cmd.purpose == "procured_service" for cmd in paid)
    assert all(signed[cmd.linked_ref or ""].scope for cmd in paid)

    report = prove(ledger.store, ledger_id=ledger.ledger_id())

    assert report.proof.events == ledger.head()
    assert report.proven, [(v.rule, v.subject, v.detail) for v in report.proof.violations]
    assert 1 <= len(report.proof.to_review) <= 10
    assert not [i for i in report.proof.to_review if i.detail == "review.no_value"]


def test_the_history_file_is_compliant_by_substance(ledger: Ledger) -> None:
    """tests/data pays partners only under agreements with a value and scope (F1); its
    effort financing goes to the party that runs the effort."""
    from asfledger.audit.compliance import prove

    ledger.execute([decode_command(line) for _, line in _history_lines()])

    report = prove(ledger.store, ledger_id=ledger.ledger_id())

    assert report.proof.events == ledger.head()
    assert report.proven, [(v.rule, v.subject, v.detail) for v in report.proof.violations]
    # Only the agreements with a value and a scope are paid under: nothing to review there.
    assert not [i for i in report.proof.to_review if i.detail == "review.no_value"]
