"""The progress line of a long import, on a terminal: commands decided, events written and
the rate, redrawn in place a few times a second, erased when the import ends."""

from __future__ import annotations

import time
from typing import TextIO

from asfledger.text import translate

REDRAW_S = 0.2  # at most five redraws a second: drawing must not slow the import


class ProgressLine:
    def __init__(self, stream: TextIO, lang: str) -> None:
        self._stream = stream
        self._lang = lang
        self._started = time.monotonic()
        self._drawn = 0.0  # when last drawn (0: never)

    def __call__(self, decided: int, written: int) -> None:
        now = time.monotonic()
        if now - self._drawn < REDRAW_S:
            return
        self._drawn = now
        rate = written / max(now - self._started, 1e-9)
        text = translate("import.progress", self._lang, decided=f"{decided:,}",
                         written=f"{written:,}", rate=f"{rate:,.0f}")
        self._stream.write(f"\r{text}\x1b[K")  # \x1b[K: clear what a longer line left
        self._stream.flush()

    def close(self) -> None:
        """Erase the line (the summary or the error is printed in its place)."""
        if self._drawn:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
