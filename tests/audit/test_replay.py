"""``asfledger audit replay``: the timeline in the policy's words, and the state replayed
through the aggregates themselves (SPEC §3, §5)."""

from __future__ import annotations

import copy
import io
import sqlite3
import tempfile
import types
import typing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import msgspec
import pytest
from eventsourcing.utils import get_topic
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from asfledger.audit.replay import ReplayedState, replay_state
from asfledger.cli import run
from asfledger.demo import demo_commands
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from asfledger.mapper import schema_for_topic
from asfledger.text import translate
from domain import commands as c
from domain.aggregates import AGGREGATE_TYPES, LedgerAggregate, Partner, SupervisorFunding
from domain.events import BoardMeetingHeld, PartnerOnboarded, PartnerRegistered
from domain.money import Money
from domain.values import parse_sek
from projections.events import LedgerEvent
from projections.text import EVENT_SENTENCES
from projections.timeline import SENTENCES, UNKNOWN_KEY, Timeline
from tests.audit.realistic import realistic_commands, realistic_history, reversed_vouchers

LANGS = ("sv", "en")
# Free text an auditor must see in the sentence, whatever the event.
SHOWN_TEXT = ("reason", "evidence", "description", "outcome", "title", "name")


def cli(db: str, *args: str, lang: str = "en") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", lang, *args], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def event_classes() -> list[tuple[str, type[LedgerAggregate.Event]]]:
    """Every event class of every aggregate, as ``("Partner.Registered", class)``."""
    found = []
    for aggregate in AGGREGATE_TYPES:
        for name, member in vars(aggregate).items():
            if (isinstance(member, type) and issubclass(member, LedgerAggregate.Event)
                    and name not in ("Event", "Created")):
                found.append((f"{aggregate.__name__}.{name}", member))
    return found


def _sample(field: str, tp: Any, serial: int, optional_none: bool) -> Any:
    """A value of type ``tp`` for ``field``, distinct per field so it can be found."""
    args = [a for a in typing.get_args(tp) if a is not type(None)]
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return None if optional_none else _sample(field, args[0], serial, optional_none)
    if tp is date:
        return date(2025, 1, 1) + timedelta(days=31 * serial)
    if tp is datetime:
        return datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    if tp is bool:
        return True
    if tp is int:
        return 1_234_567 + serial if field.endswith("_ore") else serial + 2
    if tp is str or tp is Any:  # a corrected fact's old and new are JSON-native
        return f"{field}-{serial}"
    origin = typing.get_origin(tp)
    if origin is list:
        return [f"{field}-{serial}"]
    if origin is dict:
        if typing.get_origin(args[1]) is dict:
            return {"mental_disability": {"women": 2, "men": 3, "other": 0}}
        return {"asf": 4, "stockholms_stad": 5}
    raise AssertionError(f"no sample for {field}: {tp}")


def sample_event(cls: type[Any], event_type: str, *, optional_none: bool = False
                 ) -> LedgerEvent:
    schema = schema_for_topic(get_topic(cls))
    data = {name: _sample(name, tp, i, optional_none) for i, (name, tp)
            in enumerate(schema.fields.items())}
    data["note"] = None
    data["actor"] = "samordnare.anna"
    return LedgerEvent(7, datetime(2026, 3, 1, 9, 30, tzinfo=UTC), "samordnare.anna",
                       event_type, uuid4(), "REF-1", schema.struct(**data))


# The timeline: every event type in both languages ----------------------------------------

def test_the_aggregates_have_the_event_types_the_timeline_knows() -> None:
    types = {name for name, _ in event_classes()}
    assert len(types) >= 28
    said = {str(cls.__struct_config__.tag): sentence
            for cls, sentence in SENTENCES.declared.items()}
    assert types == set(said)
    assert all(sentence.words == EVENT_SENTENCES[name] for name, sentence in said.items())


@pytest.mark.parametrize("optional_none", [False, True])
@pytest.mark.parametrize(("event_type", "cls"), event_classes())
def test_every_event_type_has_its_own_sentence_in_both_languages(
        event_type: str, cls: type[Any], optional_none: bool) -> None:
    event = sample_event(cls, event_type, optional_none=optional_none)
    assert event.event is not None
    said = {}
    for lang in LANGS:
        assert event_type in EVENT_SENTENCES
        sentence = Timeline(lang).sentence(event)
        unknown = translate(UNKNOWN_KEY, lang, type=event_type, subject="REF-1")
        assert sentence != unknown
        assert event_type not in sentence and "{" not in sentence and "None" not in sentence
        for name, value in msgspec.structs.asdict(event.event).items():
            if isinstance(value, date) and not isinstance(value, datetime):
                assert value.isoformat() in sentence, (name, sentence)
            if name.endswith("_ore") and isinstance(value, int):
                assert Money(value).text(lang) in sentence, (name, sentence)
            if (name.endswith("_ref") or name in SHOWN_TEXT) and isinstance(value, str):
                assert value in sentence, (name, sentence)
        said[lang] = sentence
    assert said["sv"] != said["en"]


def test_an_unknown_event_type_says_so_rather_than_guessing() -> None:
    event = LedgerEvent(3, datetime(2026, 1, 1, tzinfo=UTC), "x", "Partner.Renamed", uuid4(),
                        "556677-8899", None)
    assert Timeline("sv").sentence(event) == \
        "händelse av okänd typ Partner.Renamed för 556677-8899"
    assert Timeline("en").sentence(event) == \
        "event of unknown type Partner.Renamed for 556677-8899"


def test_a_partner_is_named_in_later_events_and_the_note_follows() -> None:
    timeline = Timeline("sv")
    at = datetime(2026, 1, 15, 8, 5, tzinfo=UTC)
    registered = LedgerEvent(
        1, at, "samordnare.anna", "Partner.Registered", uuid4(), "556677-8899",
        # A Struct's facts are fields mypy does not see: made by msgspec.convert.
        msgspec.convert({"timestamp": at, "actor": "samordnare.anna", "note": None,
                         "originator_topic": get_topic(Partner), "key": "556677-8899",
                         "name": "Macken ek. för.", "legal_form": "ekonomisk_forening",
                         "districts": ["farsta"]}, PartnerRegistered))
    at = datetime(2026, 1, 15, 9, 31, tzinfo=UTC)
    onboarded = LedgerEvent(
        2, at, "samordnare.anna", "Partner.Onboarded", registered.subject_id, "556677-8899",
        msgspec.convert({"timestamp": at, "actor": "samordnare.anna",
                         "note": "Enligt protokollet", "onboarded_on": date(2026, 1, 14),
                         "decision_ref": "SB 2026-01 §4"}, PartnerOnboarded))
    assert timeline.line(registered) == (
        "     1  2026-01-15 08:05  samordnare.anna: Partnern Macken ek. för. (556677-8899) "
        "registrerades (ekonomisk förening; Farsta)")
    assert timeline.line(onboarded) == (
        "     2  2026-01-15 09:31  samordnare.anna: Partnern Macken ek. för. (556677-8899) "
        "antogs 2026-01-14 (beslut SB 2026-01 §4) – anteckning: Enligt protokollet")
    english = Timeline("en")
    english.sentence(registered)
    assert english.sentence(onboarded).startswith(
        "onboarded partner Macken ek. för. (556677-8899) on 2026-01-14 "
        "(decision SB 2026-01 §4)")


def test_a_note_with_line_breaks_stays_on_its_line() -> None:
    at = datetime(2026, 2, 1, tzinfo=UTC)
    event = LedgerEvent(
        4, at, "kansli.sara", "BoardMeeting.Held", uuid4(), "SB 2026-02",
        msgspec.convert({"timestamp": at, "actor": "kansli.sara",
                         "note": "rad ett\nrad två\x1b[31m",
                         "originator_topic": "domain.aggregates.board:BoardMeeting",
                         "key": "SB 2026-02", "held_on": date(2026, 2, 1),
                         "minutes_ref": "Protokoll 2026:1"}, BoardMeetingHeld))
    line = Timeline("sv").line(event)
    assert "\n" not in line and "\x1b" not in line
    assert line.endswith("anteckning: rad ett rad två\\x1b[31m")


# The realistic history ----------------------------------------------------------------------

@pytest.fixture
def history_ledger(ledger: Ledger) -> Ledger:
    import_bytes(ledger, realistic_history())
    return ledger


def test_the_realistic_history_reads_as_a_timeline_in_both_languages(
        history_ledger: Ledger) -> None:
    commands = realistic_commands()
    names = {cmd.org_nr: cmd.name for cmd in commands if isinstance(cmd, c.RegisterPartner)}
    onboard = next(cmd for cmd in commands if isinstance(cmd, c.OnboardPartner))
    funding = next(cmd for cmd in commands if isinstance(cmd, c.DecideSupervisorFunding))
    head = history_ledger.head()
    for lang in LANGS:
        code, out, err = cli(history_ledger.db, "audit", "replay", lang=lang)
        assert (code, err) == (0, "")
        timeline = out.split("\n\n")[1].splitlines()[1:]
        assert [int(line.split()[0]) for line in timeline] == list(range(1, head + 1))
        unknown = translate(UNKNOWN_KEY, lang, type="", subject="").split()[0]
        assert not [line for line in timeline if unknown in line]
        partner = f"{names[onboard.org_nr]} ({onboard.org_nr})"
        if lang == "sv":
            expected = (f"Partnern {partner} antogs {onboard.onboarded_on} "
                        f"(beslut {onboard.decision_ref})")
        else:
            expected = (f"onboarded partner {partner} on {onboard.onboarded_on} "
                        f"(decision {onboard.decision_ref})")
        assert sum(expected in line for line in timeline) == 1
        decided = [line for line in timeline if f" {funding.ref} " in line
                   and str(funding.decided_on) in line]
        assert len(decided) == 1
        assert Money(parse_sek(funding.amount_sek)).text(lang) in decided[0]
        assert onboard.actor is None or f"  {onboard.actor}: " in "\n".join(
            line for line in timeline if expected in line)


def test_the_state_after_the_timeline_has_every_part_of_the_policy(
        history_ledger: Ledger) -> None:
    commands = realistic_commands()
    code, out, _ = cli(history_ledger.db, "audit", "replay", lang="en")
    assert code == 0
    state = out[out.index("\nState as of "):]
    for heading in ("Partners: ", "Active agreements: ", "Supervisor funding: ",
                    "Activities held: ", "Structural work by measure: ", "Action plans: ",
                    "Efforts: ", "Memberships: ", "Board meetings: ",
                    "Expenditure by purpose, total "):
        assert f"\n{heading}" in state, heading
    fundings = [cmd for cmd in commands if isinstance(cmd, c.DecideSupervisorFunding)]
    assert f"Supervisor funding: {len(fundings)} decisions" in state
    reversed_ = reversed_vouchers(commands)
    paid = sum(parse_sek(cmd.amount_sek) for cmd in commands
               if isinstance(cmd, c.PaySupervisorFunding) and cmd.voucher_ref not in reversed_)
    other = sum(parse_sek(cmd.amount_sek) for cmd in commands
                if isinstance(cmd, c.RecordExpenditure))
    assert f"paid {Money(paid).text('en')}" in state
    assert f"Expenditure by purpose, total {Money(paid + other).text('en')}" in state
    assert f"  supervisor funding: {Money(paid).text('en')}" in state
    meetings = [cmd for cmd in commands if isinstance(cmd, c.HoldBoardMeeting)]
    assert f"Board meetings: {len(meetings)}\n" in state
    for cmd in meetings:
        assert f"  {cmd.held_on} {cmd.ref} (minutes {cmd.minutes_ref})" in state


def _today() -> date:
    return datetime.now(UTC).date()


def test_as_of_before_today_is_empty_and_today_is_the_whole_ledger(
        history_ledger: Ledger) -> None:
    before = replay_state(history_ledger.store, history_ledger.mapper,
                          as_of=_today() - timedelta(days=1))
    assert (before.aggregates, before.events) == ({}, 0)
    assert before.position == history_ledger.head()  # every event was read, none applied

    today = replay_state(history_ledger.store, history_ledger.mapper, as_of=_today())
    assert today.events == history_ledger.head()
    ids = {n.originator_id for n in history_ledger.store.select_notifications(
        start=1, limit=history_ledger.head())}
    assert set(today.aggregates) == ids
    for aggregate_id, aggregate in today.aggregates.items():
        stored: LedgerAggregate = history_ledger.repository.get(aggregate_id)
        assert vars(aggregate) == vars(stored), aggregate_id


def test_as_of_on_the_command_line(history_ledger: Ledger,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    yesterday = (_today() - timedelta(days=1)).isoformat()
    code, out, err = cli(history_ledger.db, "audit", "replay", "--as-of", yesterday)
    assert (code, err) == (0, "")
    assert f"As of {yesterday}: events recorded on or before this date" in out
    assert "\nno events\n" in out
    assert f"\nState as of {yesterday}\n" in out
    assert "\nPartners: 0, 0 onboarded\n" in out

    code, out, _ = cli(history_ledger.db, "audit", "replay", "--as-of", _today().isoformat())
    assert code == 0
    onboarded = sum(1 for p in replay_state(history_ledger.store, history_ledger.mapper)
                    .all(Partner) if p.is_active_on(_today()))
    assert f"\nPartners: {sum(isinstance(x, c.RegisterPartner) for x in realistic_commands())}"\
           f", {onboarded} onboarded\n" in out
    code, out, err = cli(history_ledger.db, "audit", "replay", "--as-of", "2026-13-01")
    assert (code, out) == (2, "")
    assert "2026-13-01 is not a date" in err


def test_a_replay_is_read_only_and_an_unreadable_event_writes_nothing(sqlite_db: str) -> None:
    with Ledger(sqlite_db, actor="test") as ledger:
        import_bytes(ledger, realistic_history())
        head = ledger.head()
    with sqlite3.connect(sqlite_db) as conn:
        conn.execute("UPDATE stored_events SET state = X'7b7d' WHERE rowid = "
                     "(SELECT rowid FROM stored_events ORDER BY rowid LIMIT 1 OFFSET 9)")
    # The replay checks the history as it reads it: no state, exit 1, the position.
    code, out, err = cli(sqlite_db, "audit", "replay")
    assert code == 1 and out == ""
    assert err.startswith("the history cannot be trusted") and "position 10:" in err
    code, out, err = cli(sqlite_db, "audit", "replay", lang="sv")
    assert code == 1 and out == ""
    assert err.startswith("historiken håller inte") and "position 10:" in err
    with Ledger(sqlite_db, read_only=True) as ledger:
        assert ledger.head() == head


# The state replayed as of a cut equals the state the ledger had at that cut -----------------

def _snapshot(ledger: Ledger) -> dict[UUID, dict[str, Any]]:
    head = ledger.head()
    ids = {UUID(str(n.originator_id))
           for n in ledger.store.select_notifications(start=1, limit=head)} if head else set()
    return {i: copy.deepcopy(dict(vars(ledger.repository.get(i)))) for i in ids}


def _as_vars(state: ReplayedState) -> dict[UUID, dict[str, Any]]:
    return {i: vars(a) for i, a in state.aggregates.items()}


@settings(max_examples=4, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seed=st.integers(min_value=1, max_value=10_000), cut=st.floats(min_value=0, max_value=1))
def test_state_replayed_to_a_cut_equals_the_state_at_the_cut(seed: int, cut: float) -> None:
    commands = demo_commands(1, seed, last_year=2025, today=date(2025, 12, 31))
    k = int(cut * len(commands))
    with tempfile.TemporaryDirectory() as tmp, \
            Ledger(str(Path(tmp) / "ledger.sqlite"), actor="test") as ledger:
        ledger.execute(commands[:k])
        position = ledger.head()
        expected = _snapshot(ledger)
        ledger.execute(commands[k:])
        assert ledger.head() > position or k == len(commands)

        state = replay_state(ledger.store, ledger.mapper, until_position=position)
        assert state.events == position
        assert _as_vars(state) == expected

        whole = replay_state(ledger.store, ledger.mapper)
        assert _as_vars(whole) == _snapshot(ledger)
        if 0 < position < ledger.head():
            assert _as_vars(whole) != expected


def test_a_replayed_funding_has_what_was_paid(sqlite_db: str) -> None:
    commands = realistic_commands()
    reversed_ = reversed_vouchers(commands)  # netted; their vouchers stay
    with Ledger(sqlite_db, actor="test") as ledger:
        ledger.execute(commands)
        state = replay_state(ledger.store, ledger.mapper)
        for cmd in commands:
            if isinstance(cmd, c.DecideSupervisorFunding):
                funding = state.get(SupervisorFunding, cmd.ref)
                assert funding is not None
                payments = [p for p in commands
                            if isinstance(p, c.PaySupervisorFunding) and p.ref == cmd.ref]
                assert funding.paid_ore == sum(parse_sek(p.amount_sek) for p in payments
                                               if p.voucher_ref not in reversed_)
                assert funding.vouchers == [p.voucher_ref for p in payments]
