"""The UI on an encrypted ledger (docs/SECURITY.md): with its key every screen that reads
stored rows decrypts them (the dashboard's read model, the history, an event's detail,
the parts' replay); without the key, or with another, the UI says so in one sentence of
the catalogue and quits with exit 3, having read and written nothing.

Real ledgers in tmp dirs, driven through Textual's Pilot."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from asfledger import cli
from asfledger.decode import ledger_events
from asfledger.demo import demo_commands
from asfledger.history import Entry, entries
from asfledger.ledger import Ledger
from asfledger.queries.history_page import PAGE_SIZE
from asfledger.security import KEY_FILE_ENV, KeyProblem, generate_key, is_encrypted
from asfledger.storage import safe_location
from projections.dashboard import figures, fold
from tui.app import LedgerApp, open_app
from tui.screens.common import subject_words, type_words
from tui.screens.dashboard import DashboardScreen
from tui.screens.history import HistoryScreen
from tui.screens.parts.partners import PartnersScreen
from tui.screens.timetravel import EventDetailScreen
from tui.screens.welcome import DEMO_SEED, DEMO_YEARS
from tui.text import translate

Scenario = Callable[[App[int], Pilot[int]], Awaitable[None]]


def drive(app: App[int], scenario: Scenario) -> None:
    async def main() -> None:
        async with app.run_test(size=(110, 36)) as pilot:
            await settle(pilot)
            await scenario(app, pilot)

    asyncio.run(main())


async def settle(pilot: Pilot[int]) -> None:
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


async def press(pilot: Pilot[int], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


@pytest.fixture(autouse=True)
def no_key_in_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(KEY_FILE_ENV, raising=False)


@pytest.fixture(scope="module")
def encrypted_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("encrypted")
    key = generate_key(folder / "ledger.key")
    path = folder / "ledger.sqlite"
    with Ledger(str(path), actor="demo", key_file=key) as ledger:
        ledger.execute(demo_commands(DEMO_YEARS, DEMO_SEED))
        assert is_encrypted(ledger.store)
    return path, key


@pytest.fixture
def encrypted(encrypted_file: tuple[Path, Path], tmp_path: Path) -> tuple[str, Path]:
    path = tmp_path / "ledger.sqlite"
    shutil.copy(encrypted_file[0], path)
    return str(path), encrypted_file[1]


def text_of(app: App[int], selector: str) -> str:
    return str(app.screen.query_one(selector, Static).content)


def test_with_its_key_every_screen_reads_the_encrypted_ledger(
        encrypted: tuple[str, Path]) -> None:
    db, key = encrypted
    with Ledger(db, read_only=True, key_file=key) as ledger:
        cipher = ledger.cipher
        assert cipher is not None
        expected: list[Entry] = list(entries(ledger.store, cipher=cipher))
        year = date.today().year
        then = figures(fold(ledger_events(ledger.store, cipher=cipher)), year)
    assert len(expected) > PAGE_SIZE

    async def scenario(app: App[int], pilot: Pilot[int]) -> None:
        assert isinstance(app, LedgerApp)
        screen = app.screen
        assert isinstance(screen, DashboardScreen) and screen.figures is not None
        assert screen.figures == then and then.partners_onboarded > 0
        assert f": {then.partners_onboarded}" in text_of(app, "#partners")

        await press(pilot, "h", "n")  # the second page: its subjects are looked up
        history = app.screen
        assert isinstance(history, HistoryScreen) and history.shown is not None
        assert history.shown.total == len(expected)
        table = history.query_one("#events", DataTable)
        for row in range(table.row_count):
            position, _, actor, kind, subject = (str(c) for c in table.get_row_at(row))
            entry = expected[int(position) - 1]
            assert (actor, kind) == (entry.actor, type_words(entry.type, "en"))
            assert subject.startswith(subject_words(entry.subject, "en"))  # kind in words
        await press(pilot, "enter")
        detail = app.screen
        assert isinstance(detail, EventDetailScreen) and detail.info is not None
        first = expected[len(expected) - PAGE_SIZE - 1]  # newest first
        assert (detail.info.type, detail.info.chain) == (first.type, first.chain)
        assert detail.info.sentence and "replay.event" not in detail.info.sentence
        await press(pilot, "escape", "1")
        partners = app.screen
        assert isinstance(partners, PartnersScreen)
        registered = sum(e.type == "Partner.Registered" for e in expected)
        assert len(partners.all_rows) == registered > 0

    drive(open_app(db, actor="test", key_file=key), scenario)


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_without_its_key_the_ui_does_not_open_and_says_why_in_one_sentence(
        encrypted: tuple[str, Path], tmp_path: Path, lang: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    db, _ = encrypted
    before = Path(db).read_bytes()
    other_key = generate_key(tmp_path / "other.key")
    cases = {None: translate("key.encrypted", lang, location=safe_location(db)),
             other_key: translate("key.wrong", lang, path=str(other_key),
                                  location=safe_location(db))}
    for key, sentence in cases.items():
        with pytest.raises(KeyProblem) as problem:
            open_app(db, actor="test", lang=lang, key_file=key)
        assert problem.value.describe(lang) == sentence

        # From the command line: no screen is drawn (nothing waits for a key press),
        # the sentence on stderr, exit 3.
        args = ["--db", db, "--lang", lang, "tui"]
        code = cli.run(args + (["--key-file", str(key)] if key else []))
        out, err = capsys.readouterr()
        assert (code, out, err) == (3, "", sentence + "\n")
    assert Path(db).read_bytes() == before


def test_the_command_line_gives_the_ui_its_key_file(
        encrypted: tuple[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    db, key = encrypted
    opened: list[object] = []

    def run(**kwargs: object) -> int:  # what ``asfledger [tui]`` opens the UI with
        opened.append(kwargs["key_file"])
        return 0

    monkeypatch.setattr("tui.app.run", run)
    assert cli.run(["--db", db, "--key-file", str(key)]) == 0
    assert cli.run(["--db", db, "tui", "--key-file", str(key)]) == 0
    assert KEY_FILE_ENV not in os.environ  # given to the UI, not left in the environment
    monkeypatch.setenv(KEY_FILE_ENV, str(key))
    assert cli.run(["--db", db, "tui"]) == 0
    assert opened == [key, key, key]
