"""``asfledger import`` and ``asfledger demo`` leave the dashboard's read model saved at
the ledger's head, so the UI's first open after them does not fold the whole history
(SPEC §7: the UI opens on 100,000 events in under 1.5 s). A dry run saves nothing. On
SQLite and PostgreSQL.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from eventsourcing.persistence import PersistenceError

from asfledger.cli import run
from asfledger.decode import ledger_events
from asfledger.demo import demo_commands, write_jsonl
from asfledger.ledger import Ledger
from asfledger.readmodels import Saved, store_of, tracking_name
from domain.commands import Command
from projections.dashboard import DashboardState, fold

TODAY = date(2026, 6, 30)
HISTORY = demo_commands(2, 5, today=TODAY)


def cli(db: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", db, "--lang", "en", "--actor", "coordinator", *args], out=out,
               err=err)
    return code, out.getvalue(), err.getvalue()


def file_of(tmp_path: Path, commands: Sequence[Command], name: str) -> str:
    path = tmp_path / name
    path.write_bytes(write_jsonl(commands))
    return str(path)


def saved_dashboard(db: str) -> tuple[Saved | None, int | None, int, int, bytes]:
    """What a reader finds: the saved dashboard, its tracking position, the ledger's head
    (position and notification id) and the dashboard folded from the whole history."""
    with Ledger(db, read_only=True) as ledger:
        store = store_of(ledger)
        saved = store.load(DashboardState.name)
        try:
            tracked = store.max_tracking_id(tracking_name(DashboardState.name))
        except PersistenceError:  # no tracking table: no model was ever saved here
            tracked = None
        return (saved, tracked, ledger.head(), ledger.store.max_notification_id() or 0,
                fold(ledger_events(ledger.store)).to_bytes())


def assert_saved_at_head(db: str) -> Saved:
    saved, tracked, head, last_id, scratch = saved_dashboard(db)
    assert saved is not None
    assert saved.version == DashboardState.version
    assert saved.head.position == head > 0
    assert saved.head.notification_id == tracked == last_id
    assert saved.state == scratch  # kept up incrementally == folded from scratch
    return saved


def test_after_an_import_the_dashboard_is_saved_at_the_head(db: str, tmp_path: Path) -> None:
    half = len(HISTORY) // 2
    code, _, err = cli(db, "import", file_of(tmp_path, HISTORY[:half], "first.jsonl"))
    assert code == 0, err
    first = assert_saved_at_head(db)
    code, _, err = cli(db, "import", file_of(tmp_path, HISTORY[half:], "second.jsonl"))
    assert code == 0, err
    second = assert_saved_at_head(db)
    assert second.head.position > first.head.position


def test_a_dry_run_saves_no_read_model(db: str, tmp_path: Path) -> None:
    code, _, err = cli(db, "import", "--dry-run", file_of(tmp_path, HISTORY, "all.jsonl"))
    assert code == 0, err
    saved, tracked, head, _, _ = saved_dashboard(db)
    assert (saved, tracked, head) == (None, None, 0)


def test_a_dry_run_leaves_the_saved_read_model_as_it_was(db: str, tmp_path: Path) -> None:
    half = len(HISTORY) // 2
    code, _, err = cli(db, "import", file_of(tmp_path, HISTORY[:half], "first.jsonl"))
    assert code == 0, err
    before = saved_dashboard(db)
    code, _, err = cli(db, "import", "--dry-run",
                         file_of(tmp_path, HISTORY[half:], "second.jsonl"))
    assert code == 0, err
    assert saved_dashboard(db) == before


def test_a_refused_import_saves_no_read_model(db: str, tmp_path: Path) -> None:
    refused = [*HISTORY[:50], HISTORY[0]]  # the first year's plan drafted twice
    code, _, _ = cli(db, "import", file_of(tmp_path, refused, "refused.jsonl"))
    assert code == 1
    saved, tracked, head, _, _ = saved_dashboard(db)
    assert (saved, tracked, head) == (None, None, 0)


def test_after_the_demo_the_dashboard_is_saved_at_the_head(db: str) -> None:
    code, _, err = cli(db, "demo", "--years", "1", "--seed", "2")
    assert code == 0, err
    assert_saved_at_head(db)
