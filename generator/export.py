"""``reportgen export``: one row per cell of many reports, computed totals included (docs/data.md §4)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from .fileio import write_atomic
from .report import Report
from .values import complete, display

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HEADER = ("agency", "year", "format", "table", "row", "column", "value", "row_label", "column_label")


def rows(report: Report) -> list[tuple[str, ...]]:
    """The export rows of one report, in printed order."""
    fmt = report.spec
    cells = fmt.cells()
    values = complete(report, fmt)
    return [
        (
            report.agency,
            str(report.year),
            fmt.version,
            cell.table,
            cell.row.key,
            cell.column.key,
            display(values[cell_id]),
            cell.row.label,
            cell.column.label,
        )
        for cell_id, cell in cells.items()
    ]


def to_csv(reports: Iterable[Report]) -> str:
    """CSV text with a header line; the caller writes it with a BOM so that Excel opens it as UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for report in reports:
        writer.writerows([tuple(map(csv_safe, row)) for row in rows(report)])
    return buffer.getvalue()


def csv_safe(text: str) -> str:
    """Text a spreadsheet program would run as a formula (``=``, ``+``, ``-``, ``@`` …) gets a leading ``'``;
    numbers, negative ones included, are left as they are."""
    if not text or text[0] not in FORMULA_STARTS:
        return text
    try:
        float(text)
    except ValueError:
        return "'" + text
    return text


def write_export(reports: list[Report], target: Path, suffix: str | None = None) -> None:
    """Write ``target`` as .csv (UTF-8 with BOM) or .xlsx (one sheet, same rows), by ``suffix`` or the target's own."""
    if (suffix or target.suffix).lower() == ".xlsx":
        from .workbook import write_rows

        write_rows(target, "导出", HEADER, [r for report in reports for r in rows(report)])
    else:
        write_atomic(target, ("\ufeff" + to_csv(reports)).encode("utf-8"))


def read_csv(text: str) -> list[dict[str, str]]:
    """Parse an export back into dictionaries (used to check the round trip)."""
    return list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
