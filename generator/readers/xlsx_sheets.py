"""The workbook under a read: the open file, cell grids, defined names, findings so far, and value helpers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils.cell import range_boundaries

from ..codes.registry import Code
from ..codes.xlsx import (
    XLSX_NAMES_MISSING,
    XLSX_SHEET_LARGE,
    XLSX_TEXT_TOO_LONG,
)
from ..findings import Finding, Source
from ..formats import column_aliases
from ..workbook import layout as L
from ..workbook.archive import Archive

TEXT_LIMIT = 32767  # an Excel cell holds at most this many characters
SEARCH_ROWS = 300  # area searched for labels when names are lost
SEARCH_COLUMNS = 40
MAX_TEXT_ROWS = 2000  # paragraph rows read from a narrative sheet
MERGE_SCAN_LIMIT = 5 * 1024 * 1024  # sheets with more XML than this are not scanned for merges
LARGE_SHEET = 5 * 1024 * 1024  # a sheet with more XML than this holds content reportgen does not read
LABEL_MATCH = 0.9  # share of a table's labels that must match when located by labels
ALIASES = column_aliases()
MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")

Grid = dict[tuple[int, int], tuple[Any, str]]  # (row, col) -> (value, openpyxl data type)
Located = tuple[str, dict[str, tuple[int, int]], tuple[int, int] | None]  # sheet, value positions, grid offset if by labels


class WorkbookAccess:
    """One read's access to the workbook: cell grids, defined names, findings and source locations."""

    def __init__(self, workbook: Any, archive: Archive, data: bytes, file: str):
        self.wb = workbook
        self.archive = archive
        self.data = data
        self.file = file
        self.findings: list[Finding] = []
        self.sources: dict[str, Source] = {}
        self.grids: dict[str, tuple[int, int, Grid]] = {}
        self.names = self._names()
        self.names_missing_warned = False
        self.large_warned: set[str] = set()

    # ------------------------------------------------------------ helpers

    def add(self, code: Code, sheet: str | None = None, ref: str | None = None, cell: str | None = None, **params: Any) -> None:
        source = Source(file=self.file, sheet=sheet, ref=ref)
        self.findings.append(code(cell=cell, source=source, **params))

    def source(self, sheet: str, row: int, col: int) -> Source:
        return Source(file=self.file, sheet=sheet, ref=L.a1(row, col))

    def sheet_names(self) -> list[str]:
        """The worksheets (chart sheets hold no cells)."""
        return [ws.title for ws in self.wb.worksheets]

    def grid(self, sheet: str, rows: int, cols: int) -> Grid:
        """The non-empty cells of ``sheet`` within ``rows`` x ``cols`` (read once, cached)."""
        cached = self.grids.get(sheet)
        if cached and cached[0] >= rows and cached[1] >= cols:
            return cached[2]
        out: Grid = {}
        ws = self.wb[sheet]
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, min_col=1, max_col=cols), 1):
            for c, cell in enumerate(row, 1):
                value = getattr(cell, "value", None)
                if value is not None:
                    out[(r, c)] = (value, getattr(cell, "data_type", "n"))
        self.grids[sheet] = (rows, cols, out)
        return out

    def _names(self) -> dict[str, tuple[str, tuple[int, int, int, int]]]:
        """Workbook defined names that point at one cell or range of an existing sheet: name -> (sheet, bounds)."""
        out: dict[str, tuple[str, tuple[int, int, int, int]]] = {}
        sheets = set(self.sheet_names())
        for name, defined in self.wb.defined_names.items():
            try:
                destinations = list(defined.destinations)
                if len(destinations) != 1:
                    continue
                sheet, ref = destinations[0]
                min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
            except (ValueError, TypeError, AttributeError):
                continue
            if sheet in sheets and None not in (min_col, min_row, max_col, max_row):
                out[name] = (sheet, (min_row, min_col, max_row, max_col))
        return out

    def cell_by_name(self, name: str) -> tuple[str, int, int] | None:
        found = self.names.get(name)
        if found is None:
            return None
        sheet, (row, col, _, _) = found
        return sheet, row, col

    def warn_names_missing(self, what: str) -> None:
        if not self.names_missing_warned:
            self.names_missing_warned = True
            self.add(XLSX_NAMES_MISSING, what=what)

    def warn_large(self, sheet: str) -> None:
        """A sheet with far more XML than its table or text needs: only the expected area was read."""
        size = self.archive.sizes.get(getattr(self.wb[sheet], "_worksheet_path", ""), 0)
        if size > LARGE_SHEET and sheet not in self.large_warned:
            self.large_warned.add(sheet)
            self.add(XLSX_SHEET_LARGE, sheet, name=sheet, megabytes=size // 1024 // 1024)

    def text_value(self, value: Any, sheet: str, row: int, col: int, what: str) -> str:
        """A cell as text; over-long text is an error and reads as empty."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        text = str(value)
        if len(text) > TEXT_LIMIT:
            self.add(XLSX_TEXT_TOO_LONG, sheet, L.a1(row, col), what=what, length=len(text), limit=TEXT_LIMIT)
            return ""
        return text.strip()


def number_in(value: Any) -> Decimal | None:
    """A finite number of sensible size (text with at most 40 characters), or None."""
    if isinstance(value, bool):
        return None
    text = repr(value) if isinstance(value, int | float) else unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() and number.adjusted() < 30 else None


def shorten(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def integer_in(value: Any) -> int | None:
    number = number_in(unicodedata.normalize("NFKC", value).strip().rstrip("年") if isinstance(value, str) else value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def norm(text: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
    return ALIASES.get(text, text)


def range_text(bounds: tuple[int, int, int, int]) -> str:
    r1, c1, r2, c2 = bounds
    return f"{L.a1(r1, c1)}:{L.a1(r2, c2)}"
