"""Small helpers for the workbooks collection writes: text cells that stay text, and reproducible bytes."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from ..fileio import write_atomic
from ..workbook.files import deterministic_bytes
from ..workbook.literal import set_text
from ..workbook.sheet import clean_text

BOLD = Font(bold=True)
Cellish = str | int | Decimal | float | None


def put(ws: Worksheet, row: int, col: int, value: Cellish) -> None:
    """Write one cell; text is always stored as text, so “=1+1” or “@x” from an input can never become a formula."""
    set_text(ws.cell(row=row, column=col), clean_text(value) if isinstance(value, str) else value)


def put_row(ws: Worksheet, row: int, values: Sequence[Cellish], *, bold: bool = False) -> None:
    for col, value in enumerate(values, 1):
        put(ws, row, col, value)
        if bold:
            ws.cell(row=row, column=col).font = BOLD


def widths(ws: Worksheet, chars: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for col, width in enumerate(chars, 1):
        ws.column_dimensions[get_column_letter(col)].width = width


def save(workbook: Workbook, path: Path) -> None:
    """Write the workbook atomically, with fixed times so the same content gives the same bytes."""
    write_atomic(path, deterministic_bytes(workbook))
