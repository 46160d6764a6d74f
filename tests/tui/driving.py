"""Driving the app as Pilot does, where Pilot's own waits would hide what is measured."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.app import App


def key_now(app: App[Any], key: str) -> None:
    """``key`` sent as ``Pilot.press`` sends it, without its wait until the process is
    idle: that wait lasts (up to two seconds) while a worker runs, so slow work would be
    over before the test could see it under way."""
    event = events.Key(key, key if len(key) == 1 else None)
    event.set_sender(app)
    assert app._driver is not None
    app._driver.send_message(event)
