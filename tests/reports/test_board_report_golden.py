"""Golden files of the board report over ``tests/data/history-2024-2026.jsonl``.

For a year (2025), a quarter (2026-Q2) and a month (2026-05): the JSON figures, and the
Markdown pack and the CSV in Swedish and in English, compared byte for byte with
``tests/reports/golden/``. The HTML pack must parse and carry the key figures.

The checkpoint's ledger id, head and time differ from run to run (the id is made when a
ledger is created; the stored events carry the time they were recorded), so they are
fixed before rendering; its size is kept.

To regenerate the golden files after an intended change, run

    ASFLEDGER_UPDATE_GOLDEN=1 uv run pytest tests/reports/test_board_report_golden.py

and review the diff before committing it.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from asfledger.audit.checkpoint import Checkpoint
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from asfledger.reports.board import BOM, PackInfo, fmt_count, render
from asfledger.reports.numbers import money_text
from domain.money import Money
from domain.values import Period

HISTORY = Path(__file__).resolve().parents[1] / "data" / "history-2024-2026.jsonl"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("ASFLEDGER_UPDATE_GOLDEN") == "1"

PERIODS = ("2025", "2026-Q2", "2026-05")
# The title page's facts, fixed like the checkpoint (the date is today's by default).
INFO = PackInfo(date(2026, 11, 2), reference="SFS 2026/0142", author="Förbundschefen",
                proposal="Styrelsen föreslås besluta att lägga rapporten till handlingarna.")
LANGS = ("sv", "en")


def normalised(figures: dict[str, Any]) -> dict[str, Any]:
    """The figures with the run-dependent parts of the checkpoint fixed."""
    fixed = copy.deepcopy(figures)
    real = Checkpoint.parse(fixed["compliance"]["checkpoint"])
    fixed["compliance"]["checkpoint"] = Checkpoint(
        "golden-ledger", real.size, "0" * 64, datetime(2026, 11, 1, tzinfo=UTC)).text()
    return fixed


def build_from(ledger: Ledger, period: str) -> dict[str, Any]:
    return normalised(ledger.board_report().figures(Period.parse(period)))


@pytest.fixture(scope="module")
def history_figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    db = str(tmp_path_factory.mktemp("golden") / "ledger.sqlite")
    with Ledger(db, actor="import") as ledger:
        import_bytes(ledger, HISTORY.read_bytes())
        return {period: build_from(ledger, period) for period in PERIODS}


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    data = text.encode("utf-8")
    if UPDATE:
        GOLDEN.mkdir(exist_ok=True)
        path.write_bytes(data)
    assert path.exists(), f"{path} is missing: run with ASFLEDGER_UPDATE_GOLDEN=1"
    assert data == path.read_bytes(), (
        f"the report differs from {path.name}; if the change is intended, regenerate with "
        "ASFLEDGER_UPDATE_GOLDEN=1 and review the diff")


@pytest.mark.parametrize("period", PERIODS)
def test_json_matches_golden(history_figures: dict[str, dict[str, Any]], period: str) -> None:
    figures = history_figures[period]
    text = render(figures, "json", "sv", period=Period.parse(period))
    assert text == render(figures, "json", "en", period=Period.parse(period))
    written = json.loads(text)  # the amounts as SPEC §4 writes them: "1234.56"
    assert written["expenditure"]["total_sek"] == figures["expenditure"]["total_sek"].plain()
    assert written["supervisor_funding"]["fte_active"] == str(
        figures["supervisor_funding"]["fte_active"])
    check_golden(f"board-{period}.json", text)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("period", PERIODS)
def test_markdown_matches_golden(history_figures: dict[str, dict[str, Any]], period: str,
                                 lang: str) -> None:
    check_golden(f"board-{period}-{lang}.md",
                 render(history_figures[period], "md", lang, period=Period.parse(period),
                        info=INFO))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("period", PERIODS)
def test_csv_matches_golden(history_figures: dict[str, dict[str, Any]], period: str,
                            lang: str) -> None:
    text = render(history_figures[period], "csv", lang, period=Period.parse(period))
    assert text.startswith(BOM)
    check_golden(f"board-{period}-{lang}.csv", text)


def test_the_history_has_figures_in_every_section(
        history_figures: dict[str, dict[str, Any]]) -> None:
    """The goldens are worth something only if the history fills the report."""
    year = history_figures["2025"]
    assert year["partners"]["onboarded"] > 0
    assert year["agreements"]["active"] > 0
    assert year["supervisor_funding"]["paid_sek"] != Money(0)
    assert year["activities"]["held"] > 0
    assert sum(year["structural_work"]["by_measure"].values()) > 0
    assert year["action_plan"]["adopted"] and year["action_plan"]["completed"] > 0
    assert sum(year["efforts"]["participants"].values()) > 0
    assert year["expenditure"]["total_sek"] != Money(0)
    assert year["compliance"]["violations"] == 0
    assert sum(history_figures["2026-05"]["efforts"]["participants"].values()) == 0


def test_the_report_is_the_same_on_postgresql_and_sqlite(
        ledger: Ledger, history_figures: dict[str, dict[str, Any]]) -> None:
    import_bytes(ledger, HISTORY.read_bytes())
    for period in PERIODS:
        assert build_from(ledger, period) == history_figures[period]


# HTML ---------------------------------------------------------------------------------------

class _Page(HTMLParser):
    """Collects the text, the tags and their attributes of a page; fails on bad nesting."""

    VOID = frozenset({"meta", "br", "img", "link", "hr", "input"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in self.VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open[-1:]}"
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def names(self) -> Iterator[str]:
        return (tag for tag, _ in self.tags)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("period", PERIODS)
def test_html_parses_and_carries_the_key_figures(history_figures: dict[str, dict[str, Any]],
                                                 period: str, lang: str) -> None:
    figures = history_figures[period]
    page_text = render(figures, "html", lang, period=Period.parse(period), info=INFO)
    page = _Page()
    page.feed(page_text)
    page.close()
    assert page.open == []
    assert page.tags[0] == ("html", {"lang": lang})
    names = list(page.names())
    assert "script" not in names and "link" not in names and "img" not in names
    assert not any(value and value.startswith(("http:", "https:", "//"))
                   for _, attrs in page.tags for value in attrs.values())
    assert "@media print" in page_text
    assert names.count("section") == 11  # with the corrections (issue 15)
    assert any(tag == "td" and attrs.get("class") == "bar" for tag, attrs in page.tags)
    text = " ".join(page.text)
    for amount in (figures["expenditure"]["total_sek"],
                   figures["supervisor_funding"]["paid_sek"],
                   figures["supervisor_funding"]["decided_sek"]):
        assert money_text(amount, lang) in text
    assert fmt_count(figures["partners"]["onboarded"], lang) in text
    assert "golden-ledger" in text  # the checkpoint
    assert ("ingen överträdelse funnen" if lang == "sv" else "no violation found") in text
    assert ("Uppföljning av ASF-policyn" if lang == "sv"
            else "Follow-up of the ASF policy") in text
    assert "SFS 2026/0142" in text and "2026-11-02" in text
    assert ("Förslag till beslut" if lang == "sv" else "Proposed decision") in text
    # The checkpoint's time (2026-11-01 00:00 UTC) as Stockholm's: 01:00.
    assert ("2026-11-01 kl. 01:00" if lang == "sv"
            else "2026-11-01 at 01:00") in "".join(page.text)
