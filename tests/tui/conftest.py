"""Every UI test reads and writes its settings in a tmp dir, never the user's own
(``asfledger.output_settings``: ``$ASFLEDGER_CONFIG_DIR``). ``large_file``: a ledger long enough for
slow work to be seen under way (progress, cancel, matches as they come)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from asfledger.demo import scaled_commands, write_jsonl
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from asfledger.output_settings import CONFIG_ENV


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder


@pytest.fixture(scope="session")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """20,000 events of the demo scaled up (the benchmarks' history, imported): a fold
    or a filter's scan that takes long enough to be seen under way."""
    path = tmp_path_factory.mktemp("large") / "large.sqlite"
    with Ledger(str(path), actor="demo") as ledger:
        import_bytes(ledger, write_jsonl(list(scaled_commands(
            20_000, 1, today=date(2026, 11, 26)))))
    return path
