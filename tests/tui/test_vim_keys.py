"""vim keys beside the arrows on a part's list (issue 19): j/k a row down/up, G the last
row, g the first; Textual's Pilot on a real SQLite ledger."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.widgets import DataTable

from asfledger.ledger import Ledger
from tests.domain import builders as b
from tests.tui.test_corrections_ui import settle
from tui.app import LedgerApp


def test_j_k_g_and_G_move_the_cursor_of_the_partners_list(tmp_path: Path) -> None:
    db = str(tmp_path / "ledger.sqlite")
    with Ledger(db, actor="setup") as ledger:
        ledger.execute([b.register(b.make_org_nr(i), name=f"Partner {i} ekonomisk förening")
                        for i in range(1, 6)])
    rows: list[int] = []

    async def main() -> None:
        app = LedgerApp(db, actor="samordnare.anna", lang="en")
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.switch_mode("partners")
            await settle(pilot)
            table = app.screen.query_one("#list", DataTable)
            assert table.row_count == 5
            for key in ("j", "j", "k", "G", "g"):
                await pilot.press(key)
                await settle(pilot)
                rows.append(table.cursor_row)

    asyncio.run(main())
    assert rows == [1, 2, 1, 4, 0]
