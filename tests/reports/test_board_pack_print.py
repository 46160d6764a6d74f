"""The board's pack printed by a real browser: headless Chromium prints the HTML to PDF
(A4), then poppler's pdftotext reads it back.

Checked: the page count, the title page's text (the association, the period, the date,
the diarienummer, who prepared it), the summary page with the proposed decision, the
running header and the page numbers (CSS paged media), that no text (so no table) runs
past the page's right margin, Stockholm's local time, and no command-line words. The same
layout in English. .ci/run installs Chromium and poppler-utils from Debian when missing;
on a machine without them these tests skip, in CI they fail.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from asfledger.reports.board import PackInfo, render
from domain.values import Period
from tests.reports.test_board_report_golden import HISTORY, build_from

A4_WIDTH_PT = 595.28
MM = 72 / 25.4
SIDE_MARGIN_PT = 16 * MM  # @page margins in the pack's CSS
TOP_MARGIN_PT, BOTTOM_MARGIN_PT = 20 * MM, 18 * MM
A4_HEIGHT_PT = 841.89
INFO = PackInfo(date(2026, 7, 15), reference="SFS 2026/0142",
                author="Erik Lind, förbundschef",
                proposal="Styrelsen föreslås besluta att lägga rapporten till handlingarna.")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
TOOLS = BROWSER is not None and shutil.which("pdftotext") is not None

if not TOOLS:
    if os.environ.get("CI"):
        pytest.fail("Chromium and poppler-utils are needed: .ci/run installs them",
                    pytrace=False)
    pytestmark = pytest.mark.skip(reason="needs chromium and poppler-utils (.ci/run "
                                         "installs them)")


@pytest.fixture(scope="module")
def figures(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("pack") / "ledger.sqlite")
    with Ledger(db, actor="import") as ledger:
        import_bytes(ledger, HISTORY.read_bytes())
        return build_from(ledger, "2026-Q2")


def print_pdf(html_text: str, folder: Path) -> Path:
    page, pdf = folder / "pack.html", folder / "pack.pdf"
    page.write_text(html_text, encoding="utf-8")
    assert BROWSER is not None
    subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--user-data-dir={folder / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()],
        check=True, capture_output=True, timeout=180)
    return pdf


def pdftotext(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout


def pages(pdf: Path) -> int:
    return pdftotext(pdf).count("\f")


def words(pdf: Path) -> list[tuple[float, float, float]]:
    """Every word of the page bodies (the running header and footer left out): its left
    and right edge and its height in points, from pdftotext's bounding boxes."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True, timeout=60).stdout
    return [(float(x0), float(x1), float(y1) - float(y0)) for x0, y0, x1, y1 in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', out)
        if float(y0) > TOP_MARGIN_PT and float(y1) < A4_HEIGHT_PT - BOTTOM_MARGIN_PT]


@pytest.fixture(scope="module")
def printed(figures: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
            ) -> Callable[[str], Path]:
    done: dict[str, Path] = {}

    def make(lang: str) -> Path:
        if lang not in done:
            html_text = render(figures, "html", lang, period=Period.parse("2026-Q2"),
                               info=INFO)
            done[lang] = print_pdf(html_text, tmp_path_factory.mktemp(f"print-{lang}"))
        return done[lang]
    return make


def test_the_title_page_carries_the_facts_a_board_files(printed: Callable[[str], Path]
                                                        ) -> None:
    title = " ".join(pdftotext(printed("sv"), "-f", "1", "-l", "1").split())
    for text in ("Samordningsförbundet Stockholms stad", "STYRELSERAPPORT",
                 "Uppföljning av ASF-policyn", "Andra kvartalet 2026",
                 "Period 2026-04-01 – 2026-06-30", "Datum 2026-07-15",
                 "Diarienummer SFS 2026/0142", "Upprättad av Erik Lind, förbundschef",
                 "Innehåll"):
        assert text in title, text
    assert "Sammanfattning" not in title  # the summary starts on its own page


def test_the_summary_page_has_the_verdict_and_the_proposed_decision(
        printed: Callable[[str], Path]) -> None:
    summary = " ".join(pdftotext(printed("sv"), "-f", "2", "-l", "2").split())
    assert "Sammanfattning" in summary and "Slutsats: ingen överträdelse funnen" in summary
    assert "Förslag till beslut" in summary
    assert "lägga rapporten till handlingarna" in summary
    assert "Utgifter totalt 895 611,25 kr" in summary


def test_page_count_running_header_and_page_numbers(printed: Callable[[str], Path]) -> None:
    pdf = printed("sv")
    n = pages(pdf)
    assert n == 8
    first = pdftotext(pdf, "-f", "1", "-l", "1")
    assert f"Sida 1 av {n}" in first
    assert "Styrelserapport 2026-Q2" not in first  # no running header on the title page
    for page in range(2, n + 1):
        text = pdftotext(pdf, "-f", str(page), "-l", str(page))
        assert "Samordningsförbundet Stockholms stad · Styrelserapport 2026-Q2" in text
        assert "SFS 2026/0142" in text
        assert f"Sida {page} av {n}" in text


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_nothing_runs_past_the_page_margins(printed: Callable[[str], Path],
                                            lang: str) -> None:
    """No word past the margins, and no table wider than the page: Chromium does not cut
    such a table, it shrinks every page to fit it (a table of 130 % prints the body text
    at a median word height of 9.0 pt instead of 11.6 pt, on 6 pages instead of 8)."""
    found = words(printed(lang))
    assert len(found) > 500
    right = A4_WIDTH_PT - SIDE_MARGIN_PT
    outside = [w for w in found if w[1] > right + 1 or w[0] < SIDE_MARGIN_PT - 1]
    assert outside == []
    assert max(w[1] for w in found) > right - 12  # the tables reach the margin
    assert statistics.median(w[2] for w in found) > 11  # 10 pt text, not shrunk


def test_english_has_the_same_layout(printed: Callable[[str], Path]) -> None:
    pdf = printed("en")
    assert pages(pdf) == pages(printed("sv"))
    title = " ".join(pdftotext(pdf, "-f", "1", "-l", "1").split())
    for text in ("BOARD REPORT", "Follow-up of the ASF policy", "Quarter 2 of 2026",
                 "Reference number SFS 2026/0142", "Prepared by Erik Lind"):
        assert text in title, text
    assert "Proposed decision" in pdftotext(pdf, "-f", "2", "-l", "2")


def test_times_are_stockholm_time_and_no_command_words(printed: Callable[[str], Path]
                                                      ) -> None:
    text = pdftotext(printed("sv"))
    # The checkpoint was made at 2026-11-01 00:00 UTC: 01:00 in Stockholm (CET).
    assert "2026-11-01 kl. 01:00" in text
    readable = text.split("Kontrollpunkten ordagrant")[0]  # the verbatim checkpoint aside
    for word in ("asfledger", "--", "audit verify", "report board", "UTC"):
        assert word not in readable, word
