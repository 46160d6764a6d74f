"""The user's settings: language, theme and keys, in ``settings.json`` in the XDG config
directory (``~/.config/asfledger/`` on Linux; ``$ASFLEDGER_CONFIG_DIR`` instead when set,
as the tests do).

```json
{"language": "sv", "theme": "asfledger-calm", "keys": {"app.quit": "ctrl+q", "nav.partners": "f2"},
 "report_author": "Erik Lind, förbundschef", "giving360_prefix": "360G-sfstockholm",
 "giving360_data_source": "https://example.org/360giving.json"}
```

``keys`` maps a binding's id to one key or several separated by commas (Textual's keymap,
``App.set_keymap``); the settings screen lists every id. A file that cannot be read is
not fatal: the app starts with the defaults and says why. Writes go through a temporary
file, so a crash never leaves half a file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import msgspec
from platformdirs import user_pictures_path
from textual.theme import Theme

from asfledger.output_settings import OutputSettings, settings_file

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_THEME = "textual-dark"

# A calm theme for a whole day in the ledger: muted blue-green on slate, warm accents.
CALM = Theme(
    name="asfledger-calm",
    primary="#7BA7BC",
    secondary="#8FB8A8",
    accent="#D8B46A",
    foreground="#D9E1E4",
    background="#1E2427",
    surface="#262E32",
    panel="#2E383D",
    success="#8FBF8F",
    warning="#D8B46A",
    error="#C9776F",
    dark=True,
)


class Settings(OutputSettings, omit_defaults=True, forbid_unknown_fields=True):
    """What the user chose; ``None``: not chosen (the locale's language, the default
    theme). The fields the outputs read (the board pack's author, the 360Giving prefix
    and data source) are ``OutputSettings``', the command line's reader of this file."""

    language: Literal["sv", "en"] | None = None
    theme: str | None = None
    keys: dict[str, str] = msgspec.field(default_factory=dict)
    # Where the palette's Screenshot saves (created when missing); None: the pictures
    # folder's ``asfledger`` (``screenshot_folder``).
    screenshots: str | None = None


class SettingsError(ValueError):
    """The settings file exists but cannot be used (the app goes on with defaults)."""


def settings_path() -> Path:
    """Where the settings live: ``$ASFLEDGER_CONFIG_DIR/settings.json``, else the user's
    config directory (XDG on Linux)."""
    return settings_file()


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; the defaults when there is no file. Raises ``SettingsError``
    for a file that is not valid settings (with the path and what is wrong)."""
    path = path or settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings()
    except OSError as e:
        raise SettingsError(f"{path}: {e.strerror or e}") from None
    try:
        return msgspec.json.decode(raw, type=Settings)
    except msgspec.DecodeError as e:  # ValidationError is one: says the field, `$.keys`
        raise SettingsError(f"{path}: {e}") from None


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write ``settings`` (atomically); returns the path written."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = msgspec.json.format(msgspec.json.encode(settings), indent=2) + b"\n"
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(text)
    temporary.replace(path)
    return path


def screenshot_folder(settings: Settings) -> Path:
    """Where screenshots go: the settings' folder (``~`` expanded), else
    ``<pictures>/asfledger``."""
    if settings.screenshots:
        return Path(settings.screenshots).expanduser()
    return user_pictures_path() / "asfledger"


def register_themes(app: App[Any]) -> None:
    """Make the app's own theme available beside Textual's."""
    app.register_theme(CALM)


def apply_settings(app: App[Any], settings: Settings) -> list[str]:
    """Apply the theme and the keys; returns what could not be applied (for a notice)."""
    problems = []
    theme = settings.theme or DEFAULT_THEME
    if theme in app.available_themes:
        app.theme = theme
    else:
        problems.append(f"theme {theme!r} is not one of {', '.join(app.available_themes)}")
    app.set_keymap(dict(settings.keys))
    return problems


def start_settings(app: App[Any]) -> Settings:
    """At the app's start: read the settings, apply the theme and the keys, and keep a
    theme chosen later (in the settings screen or the command palette) for the next
    start. A file that cannot be used is reported and left as it is."""
    register_themes(app)
    problems: list[str] = []
    try:
        settings = load_settings()
    except SettingsError as e:
        settings, problems = Settings(), [str(e)]
    problems += apply_settings(app, settings)
    for problem in problems:
        app.notify(problem, title="settings.json", severity="warning", timeout=8)

    def theme_changed(theme: Theme) -> None:
        if theme.name != (settings.theme or DEFAULT_THEME) and not problems:
            settings.theme = theme.name
            try:
                save_settings(settings)
            except OSError as e:
                app.notify(str(e), title="settings.json", severity="error")

    app.theme_changed_signal.subscribe(app, theme_changed)
    return settings
