"""Every UI test reads and writes its settings in a tmp dir, never the user's own
(``tui.settings``: ``$ASFLEDGER_CONFIG_DIR``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.settings import CONFIG_ENV


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_ENV, str(folder))
    return folder
