"""The board report for a spreadsheet: ``--format xlsx`` (one sheet per section, numbers as
numbers in Swedish formats, dates as dates, frozen header rows, widths that fit) and
``--format csv`` (one tidy table that pandas and LibreOffice read as numbers with Swedish
settings). Checked against the JSON report of the same ledger."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from asfledger.cli import run
from asfledger.importer import import_bytes
from asfledger.ledger import Ledger
from tests.reports.test_board_report_golden import HISTORY

SHEETS = ["Sammanfattning", "Partner", "Avtal", "Handledarfinansiering", "Aktiviteter",
          "Strukturarbete", "Handlingsplan", "Insatser", "Utgifter", "Rättelser", "Efterlevnad"]


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def history_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("sheets") / "ledger.sqlite")
    with Ledger(db, actor="import") as ledger:
        import_bytes(ledger, HISTORY.read_bytes())
    return db


@pytest.fixture(scope="module")
def report(history_db: str, tmp_path_factory: pytest.TempPathFactory
           ) -> tuple[dict[str, Any], Path, Path]:
    folder = tmp_path_factory.mktemp("out")
    xlsx, csv_file = folder / "styrelse.xlsx", folder / "styrelse.csv"
    for fmt, path in (("xlsx", xlsx), ("csv", csv_file)):
        code, _, err = cli("--db", history_db, "--lang", "sv", "report", "board", "--period",
                           "2025", "--format", fmt, "-o", str(path), "--date", "2026-01-20")
        assert (code, err) == (0, "")
    code, out, _ = cli("--db", history_db, "report", "board", "--period", "2025",
                       "--format", "json")
    assert code == 0
    return json.loads(out), xlsx, csv_file


def sek(text: str) -> Decimal:
    return Decimal(text)


def rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return list(ws.iter_rows(values_only=True))


def test_xlsx_has_one_sheet_per_section_with_frozen_bold_headers(
        report: tuple[dict[str, Any], Path, Path]) -> None:
    _, xlsx, _ = report
    book = load_workbook(xlsx)
    assert book.sheetnames == SHEETS
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(cell.font.b for cell in ws[1]), ws.title
        # Column widths fit the longest text of the column.
        for number, col_cells in enumerate(ws.columns, start=1):
            letter = get_column_letter(number)
            longest = max(len(str(c.value)) for c in col_cells if c.value is not None)
            if all(isinstance(c.value, str) for c in col_cells if c.value is not None):
                assert ws.column_dimensions[letter].width >= min(longest, 68), (ws.title,
                                                                                 letter)


def test_xlsx_numbers_are_numbers_and_add_up_to_the_json_report(
        report: tuple[dict[str, Any], Path, Path]) -> None:
    figures, xlsx, _ = report
    book = load_workbook(xlsx)
    funding = rows(book["Handledarfinansiering"])
    assert funding[0] == ("Arbetsgivare (part)", "Beslutat", "Utbetalt")
    for row in funding[1:]:
        assert all(isinstance(v, int | float) for v in row[1:]), row
    decided = sum(Decimal(str(r[1])) for r in funding[1:])
    paid = sum(Decimal(str(r[2])) for r in funding[1:])
    assert decided == sek(figures["supervisor_funding"]["decided_sek"])
    assert paid == sek(figures["supervisor_funding"]["paid_sek"])
    assert decided > 0
    ws = book["Handledarfinansiering"]
    assert '"kr"' in ws["B2"].number_format and "#,##0.00" in ws["B2"].number_format

    spent = rows(book["Utgifter"])
    assert sum(Decimal(str(r[2])) for r in spent[1:]) == sek(figures["expenditure"]["total_sek"])
    shares = [r[3] for r in spent[1:]]
    assert all(isinstance(s, int | float) for s in shares)
    assert abs(sum(shares) - 1) < Decimal("0.001")
    assert book["Utgifter"]["D2"].number_format == "0.0%"
    assert [r[1] for r in spent[1:] if r[0] == "kontantbidrag"] == ["F1"]

    partners = rows(book["Partner"])
    by_form = [r for r in partners[1:] if r[0] == "Företagsform"]
    assert sum(r[2] for r in by_form) == figures["partners"]["onboarded"]
    assert all(isinstance(r[2], int) for r in partners[1:])

    plan = rows(book["Handlingsplan"])
    assert sum(r[2] for r in plan[1:]) == figures["action_plan"]["actions"]
    assert sum(r[3] for r in plan[1:]) == figures["action_plan"]["completed"]


def test_xlsx_dates_are_dates(report: tuple[dict[str, Any], Path, Path]) -> None:
    _, xlsx, _ = report
    ws = load_workbook(xlsx)["Sammanfattning"]
    summary = {r[0]: r[1] for r in rows(ws)[1:]}
    assert summary["Periodens första dag"] == datetime(2025, 1, 1)
    assert summary["Periodens sista dag"] == datetime(2025, 12, 31)
    assert summary["Rapportdatum"] == datetime(2026, 1, 20)
    assert ws["B2"].number_format == "yyyy-mm-dd"
    compliance = {r[0]: r[1] for r in rows(load_workbook(xlsx)["Efterlevnad"])[1:]}
    assert isinstance(compliance["Tidpunkt"], datetime)  # Stockholm's time, no zone
    assert compliance["Överträdelser"] == 0


def test_xlsx_needs_an_output_file(history_db: str) -> None:
    code, out, err = cli("--db", history_db, "--lang", "sv", "report", "board", "--period",
                         "2025", "--format", "xlsx")
    assert (code, out) == (2, "")
    assert "-o" in err and err.count("\n") == 1


def test_csv_reads_as_numbers_in_pandas(report: tuple[dict[str, Any], Path, Path]) -> None:
    figures, _, csv_file = report
    table = pd.read_csv(csv_file, sep=";", decimal=",", encoding="utf-8-sig")
    assert list(table.columns) == ["Period från", "Period till", "Avsnitt", "Indelning",
                                   "Kategori", "Mått", "Värde", "Enhet"]
    assert pd.api.types.is_float_dtype(table["Värde"])
    funding = table[table["Avsnitt"] == "Handledarfinansiering"]
    decided = funding[funding["Mått"] == "Beslutat"]["Värde"].sum()
    assert round(decided, 2) == float(figures["supervisor_funding"]["decided_sek"])
    spent = table[(table["Avsnitt"] == "Utgifter") & (table["Enhet"] == "kr")]["Värde"].sum()
    assert round(spent, 2) == float(figures["expenditure"]["total_sek"])
    assert set(table["Avsnitt"]) == set(SHEETS)


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (optional: "
                    "apt-get install libreoffice-calc-nogui)")
def test_libreoffice_reads_the_csv_with_swedish_settings_and_the_xlsx(
        report: tuple[dict[str, Any], Path, Path], tmp_path: Path) -> None:
    """The README's settings: separator ";", character set UTF-8, language Swedish
    (filter options 59,34,76,1,,1053): every value a number, the period a date."""
    figures, xlsx, csv_file = report
    assert SOFFICE is not None
    profile = f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}"
    subprocess.run([SOFFICE, profile, "--headless", "--infilter=CSV:59,34,76,1,,1053",
                    "--convert-to", "xlsx", "--outdir", str(tmp_path / "csv"),
                    str(csv_file)], check=True, capture_output=True, timeout=180)
    sheet = load_workbook(tmp_path / "csv" / "styrelse.xlsx").active
    assert isinstance(sheet, Worksheet)
    converted = rows(sheet)
    assert converted[0][6] == "Värde"
    assert all(isinstance(r[6], int | float) for r in converted[1:])
    assert converted[1][0] == datetime(2025, 1, 1)
    # The workbook, opened by LibreOffice and saved as CSV: the sums are the report's.
    subprocess.run([SOFFICE, profile, "--headless", "--convert-to",
                    "csv:Text - txt - csv (StarCalc):59,34,76,1,,1053,false,true,false,"
                    "false,false,-1", "--outdir", str(tmp_path / "xlsx"), str(xlsx)],
                   check=True, capture_output=True, timeout=180)
    funding = pd.read_csv(tmp_path / "xlsx" / "styrelse-Handledarfinansiering.csv",
                          sep=";", encoding="utf-8")
    assert round(funding["Utbetalt"].sum(), 2) == float(figures["supervisor_funding"]["paid_sek"])
