"""Make the README's screenshots of the terminal UI: ``uv run python docs/make_screenshots.py``.

Each screen is exported by Textual as SVG (``App.export_screenshot``) and converted to PNG
with CairoSVG (a dev dependency; it needs the system's libcairo2) into
``docs/screenshots/``. The ledger is the demo history of a fixed seed recorded with the
clock frozen (``time-machine``), as the snapshot tests do, so running this again gives the
same pictures until the screens change. Fonts: DejaVu Sans Mono (Debian's
``fonts-dejavu-core``) stands in for the Fira Code an SVG viewer would fetch.

Options: ``--out DIR`` (default ``docs/screenshots``), ``--keep-svg`` to keep the SVGs.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import os
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cairosvg  # noqa: E402
import time_machine  # noqa: E402
from PIL import Image  # noqa: E402
from textual.pilot import Pilot  # noqa: E402

from asfledger.audit.chain import META_TABLE  # noqa: E402
from asfledger.demo import demo_commands  # noqa: E402
from asfledger.ledger import Ledger  # noqa: E402
from domain.commands import Command  # noqa: E402
from tui.app import LedgerApp  # noqa: E402
from tui.screens.welcome import DEMO_SEED, DEMO_YEARS  # noqa: E402

NOW = datetime(2026, 9, 15, 9, 30, tzinfo=UTC)
SIZE = (120, 36)
MAX_BYTES = 300_000
DB = "ledger.sqlite"

Steps = Callable[[Pilot[int]], Awaitable[None]]


async def settle(pilot: Pilot[int]) -> None:
    for _ in range(100):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in pilot.app.workers):
            await pilot.pause(0.2)
            return


def keys(*pressed: str) -> Steps:
    async def steps(pilot: Pilot[int]) -> None:
        for key in pressed:
            await pilot.press(key)
            await settle(pilot)
    return steps


# name → (language, keys from the dashboard, empty ledger?)
SHOTS: dict[str, tuple[str, Steps, bool]] = {
    "dashboard": ("en", keys(), False),
    "dashboard-sv": ("sv", keys(), False),
    "history": ("en", keys("h"), False),
    "partners": ("en", keys("1"), False),
    "reports": ("en", keys("b"), False),
    "compliance": ("en", keys("c"), False),
    "verify": ("en", keys("c", "v", "enter"), False),
    "settings": ("en", keys("comma"), False),
    "help": ("en", keys("f1"), False),
    "welcome": ("en", keys(), True),
}


def business_day(command: Command) -> date | None:
    """The earliest date a command names (its decision, payment, meeting …), if past."""
    days = [v for v in (getattr(command, f) for f in command.__struct_fields__)
            if isinstance(v, date) and v <= NOW.date()]
    return min(days) if days else None


def demo_ledger(folder: Path) -> Path:
    """The demo history, each command recorded on its own business day (office hours,
    a few minutes apart), so the history reads like a year of real work."""
    path = folder / "demo.sqlite"
    commands = demo_commands(DEMO_YEARS, DEMO_SEED, today=NOW.date())
    first = datetime(NOW.year - DEMO_YEARS + 1, 1, 2, 8, tzinfo=UTC)
    with time_machine.travel(first, tick=False) as clock, \
            Ledger(str(path), actor="demo") as ledger:
        last = first
        for i, command in enumerate(commands):
            day = business_day(command)
            when = (datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
                    + timedelta(minutes=11 * (i % 40)) if day else last)
            last = min(max(when, last + timedelta(seconds=40)), NOW)
            clock.move_to(last)
            ledger.execute([command])
    # Closed, not only committed: the copies must not miss a write-ahead log.
    with contextlib.closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(f"UPDATE {META_TABLE} SET value = ? WHERE key = 'ledger_id'",
                     ("5a0e1d2c3b4a59687766554433221100",))
    return path


async def shoot(lang: str, steps: Steps) -> str:
    app = LedgerApp(DB, actor="samordnare.anna", lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await steps(pilot)
        return app.export_screenshot(title="asfledger")


def to_png(svg: str) -> bytes:
    # Fonts the machine has, and a glyph they have for Textual's header icon.
    svg = svg.replace("font-family: Fira Code, monospace",
                      "font-family: DejaVu Sans Mono, monospace").replace("⭘", "○")
    png = cairosvg.svg2png(bytestring=svg.encode("utf-8"))
    assert isinstance(png, bytes)
    # A palette of 256 colours: the same picture to the eye, a third of the bytes.
    image = Image.open(io.BytesIO(png)).convert("RGB").quantize(colors=256)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    png = buffer.getvalue()
    assert len(png) < MAX_BYTES, f"{len(png)} bytes: too large for the README"
    return png


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--keep-svg", action="store_true")
    args = parser.parse_args()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ["TZ"] = "UTC"
    time.tzset()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        # Settings in a home of its own (not the user's), shown as ~/.config/asfledger.
        os.environ.pop("ASFLEDGER_CONFIG_DIR", None)
        os.environ["HOME"] = str(folder)
        os.environ["XDG_CONFIG_HOME"] = str(folder / ".config")
        demo = demo_ledger(folder)
        os.chdir(folder)  # the header shows the relative ledger path
        for name, (lang, steps, empty) in SHOTS.items():
            Path(DB).unlink(missing_ok=True)
            if empty:
                Ledger(DB).close()
            else:
                Path(DB).write_bytes(demo.read_bytes())
            with time_machine.travel(NOW, tick=False):
                svg = asyncio.run(shoot(lang, steps))
            svg = re.sub(r"\s+$", "\n", svg)
            if args.keep_svg:
                (out / f"{name}.svg").write_text(svg, encoding="utf-8")
            png = to_png(svg)
            (out / f"{name}.png").write_bytes(png)
            print(f"{out / name}.png  {len(png) // 1024} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
