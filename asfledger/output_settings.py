"""What the outputs read from the user's settings: the board pack's author, and the
360Giving prefix and data source.

The settings file is found here for both readers (``settings_file``); the UI's
``tui.settings.Settings`` adds its own fields to these (language, theme, keys). The
command line reads only these fields, without importing Textual, so ``report`` and
``export`` start fast. A file that cannot be read is one sentence, exit 2.
"""

from __future__ import annotations

import os
from pathlib import Path

import msgspec
from platformdirs import user_config_path

CONFIG_ENV = "ASFLEDGER_CONFIG_DIR"  # instead of the user's config folder (the tests)
FILE_NAME = "settings.json"


class OutputSettings(msgspec.Struct, omit_defaults=True):
    """The fields of ``settings.json`` the outputs use; the others are the UI's."""

    report_author: str | None = None
    giving360_prefix: str | None = None
    giving360_data_source: str | None = None


class OutputSettingsError(ValueError):
    """The settings file exists but cannot be read."""


def settings_file() -> Path:
    folder = os.environ.get(CONFIG_ENV)
    base = Path(folder) if folder else user_config_path("asfledger", appauthor=False)
    return base / FILE_NAME


def load_output_settings(path: Path | None = None) -> OutputSettings:
    path = path or settings_file()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return OutputSettings()
    except OSError as e:
        raise OutputSettingsError(f"{path}: {e.strerror or e}") from None
    try:
        return msgspec.json.decode(raw, type=OutputSettings)
    except msgspec.DecodeError as e:
        raise OutputSettingsError(f"{path}: {e}") from None
