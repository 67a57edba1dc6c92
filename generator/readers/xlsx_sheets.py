"""The workbook under a read: the open file, cell grids, defined names, findings so far, and value helpers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Any

from ..codes.registry import Code
from ..codes.xlsx import (
    XLSX_NAMES_MISSING,
    XLSX_SHEET_LARGE,
    XLSX_TEXT_TOO_LONG,
)
from ..findings import Finding, Source
from ..formats import FORMATS, Cell, column_aliases
from ..workbook import layout as L
from ..workbook.archive import Archive
from .xlsx_package import Grid, Package

TEXT_LIMIT = 32767  # an Excel cell holds at most this many characters
SEARCH_ROWS = 300  # area searched for labels when names are lost
SEARCH_COLUMNS = 40
MAX_TEXT_ROWS = 2000  # paragraph rows read from a narrative sheet
MERGE_SCAN_LIMIT = 5 * 1024 * 1024  # sheets with more XML than this are not scanned for merges
LARGE_SHEET = 5 * 1024 * 1024  # a sheet with more XML than this holds content reportgen does not read
LABEL_MATCH = 0.9  # share of a table's labels that must match when located by labels
ALIASES = column_aliases()
MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")

Located = tuple[str, dict[str, tuple[int, int]], tuple[int, int] | None]  # sheet, value positions, grid offset if by labels


class WorkbookAccess:
    """One read's access to the workbook: cell grids, defined names, findings and source locations."""

    def __init__(self, package: Package, archive: Archive, file: str):
        self.package = package
        self.archive = archive
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
        return Source(file=self.file, sheet=sheet, ref=a1(row, col))

    def sheet_names(self) -> list[str]:
        """The worksheets (chart sheets hold no cells)."""
        return self.package.sheet_names()

    def grid(self, sheet: str, rows: int, cols: int) -> Grid:
        """The non-empty cells of ``sheet`` within ``rows`` x ``cols`` (read once, cached)."""
        cached = self.grids.get(sheet)
        if cached and cached[0] >= rows and cached[1] >= cols:
            return cached[2]
        out = self.package.grid(sheet, rows, cols)
        self.grids[sheet] = (rows, cols, out)
        return out

    def cells(self, sheet: str, wanted: frozenset[tuple[int, int]]) -> Grid:
        """The non-empty cells among ``wanted`` (row, column) of ``sheet``; the rest of the sheet is not converted."""
        rows = max(r for r, _ in wanted)
        cols = max(c for _, c in wanted)
        cached = self.grids.get(sheet)
        if cached and cached[0] >= rows and cached[1] >= cols:
            return cached[2]
        return self.package.grid(sheet, rows, cols, wanted)

    def _names(self) -> dict[str, tuple[str, tuple[int, int, int, int]]]:
        """Workbook defined names that point at one cell or range of an existing sheet: name -> (sheet, bounds)."""
        return self.package.names()

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
        size = self.archive.sizes.get(self.package.paths.get(sheet, ""), 0)
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


a1 = lru_cache(maxsize=1 << 14)(L.a1)  # the same few hundred cells are named in every read


@cache
def cell_specs(version: str) -> dict[str, Cell]:
    """The declared cells of a format by id (computed once per process)."""
    return FORMATS[version].cells()


@cache
def own_cells(version: str) -> frozenset[str]:
    """Cell ids only this format declares: a name among them tells the format."""
    others = {c for f in FORMATS.values() if f.version != version for c in cell_specs(f.version)}
    return frozenset(c for c in cell_specs(version) if c not in others)


@cache
def meta_fields(version: str) -> tuple[L.MetaField, ...]:
    return L.meta_fields(FORMATS[version])


@cache
def layout_merges(version: str, table_key: str) -> frozenset[tuple[int, int, int, int]]:
    return frozenset(L.table_layout(version, table_key).merges())


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
