"""Plain sheets of rows (the audit's 问题清单): text from reports always stored as text, never as a formula."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import styles as S
from .files import deterministic_bytes
from .literal import set_text
from .sheet import EXCEL_TEXT_LIMIT, clean_text

WIDEST = 80

Sheet = tuple[str, Sequence[str], Sequence[Sequence[object]]]  # name, header, rows


def write_sheets(path: Path, sheets: Sequence[Sheet]) -> None:
    """One workbook at ``path``, one sheet per ``(name, header, rows)``; strings are kept as text (a leading ``=`` too)."""
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    workbook.remove(first)
    for name, header, rows in sheets:
        ws = workbook.create_sheet(name)
        widths = [len(h) * 2 + 2 for h in header]
        for c, text in enumerate(header, 1):
            ws.cell(row=1, column=c, value=text).font = S.BOLD
        for r, row in enumerate(rows, 2):
            for c, value in enumerate(row, 1):
                if isinstance(value, str):
                    value = clean_text(value)[:EXCEL_TEXT_LIMIT]
                    widths[c - 1] = max(widths[c - 1], min(len(value) * 2, WIDEST))
                set_text(ws.cell(row=r, column=c), value)
        for c, width in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = min(width, WIDEST)
        ws.freeze_panes = "A2"
    path.write_bytes(deterministic_bytes(workbook))
