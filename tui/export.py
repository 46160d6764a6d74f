"""Export the rows a list shows (its filter and sort applied) to CSV or XLSX, with the
column headings in the UI's language (issue 19). Cells are written as they are shown."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook

FORMATS = ("csv", "xlsx")


def export_rows(path: Path, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> Path:
    """Write ``rows`` under ``headings`` to ``path`` (``.csv`` or ``.xlsx``); returns the
    path written. Raises ``OSError`` when it cannot be written, ``ValueError`` for
    another suffix."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"{path.name}: the file must end in .csv or .xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == "csv":
        with path.open("w", newline="", encoding="utf-8-sig") as f:  # BOM: Excel reads UTF-8
            writer = csv.writer(f)
            writer.writerow(headings)
            writer.writerows(rows)
        return path
    book = Workbook(write_only=True)
    sheet = book.create_sheet(path.stem[:31])
    sheet.append(list(headings))
    for r in rows:
        sheet.append(list(r))
    book.save(path)
    return path
