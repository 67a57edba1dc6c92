"""Plain sheets of rows (the audit's 问题清单): text from reports always stored as text, never as a formula."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from ..fileio import write_atomic
from . import styles as S

EXCEL_TEXT_LIMIT = 32767
WIDEST = 80

Sheet = tuple[str, Sequence[str], Sequence[Sequence[object]]]  # name, header, rows


def write_sheets(path: Path, sheets: Sequence[Sheet]) -> None:
    """One workbook, one sheet per ``(name, header, rows)``; strings are typed as text (a leading ``=`` stays text)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, header, rows in sheets:
        ws = workbook.create_sheet(name)
        widths = [len(h) * 2 + 2 for h in header]
        for c, text in enumerate(header, 1):
            cell = ws.cell(row=1, column=c, value=text)
            cell.font = S.BOLD
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row, 1):
                cell = ws.cell(row=r, column=c)
                if isinstance(value, str):
                    text = ILLEGAL_CHARACTERS_RE.sub("", value)[:EXCEL_TEXT_LIMIT]
                    cell.value = text
                    cell.data_type = "s"  # openpyxl would take a string starting with "=" for a formula
                    widths[c - 1] = max(widths[c - 1], min(len(text) * 2, WIDEST))
                else:
                    cell.value = value
        for c, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = min(width, WIDEST)
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    write_atomic(path, buffer.getvalue())
