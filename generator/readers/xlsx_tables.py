"""The three tables of a workbook: located by defined names or by their printed labels, merges checked, values parsed."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import lru_cache
from typing import Any

from ..cells import not_a_number, parse_value, place
from ..codes.values import VALUE_NOT_NUMBER
from ..codes.xlsx import (
    XLSX_FORMULA,
    XLSX_LABELS,
    XLSX_MERGED_INPUT,
    XLSX_MERGES,
    XLSX_TEXT_TOO_LONG,
)
from ..errors import InputError
from ..findings import Source
from ..formats import Cell, Format
from ..report import Value
from ..workbook import layout as L
from .xlsx_package import REF_RE, column_number
from .xlsx_sheets import (
    LABEL_MATCH,
    MERGE_RE,
    MERGE_SCAN_LIMIT,
    SEARCH_COLUMNS,
    SEARCH_ROWS,
    TEXT_LIMIT,
    Located,
    WorkbookAccess,
    a1,
    cell_specs,
    layout_merges,
    norm,
    range_text,
    shorten,
)


@lru_cache(maxsize=4096)
def merge_bounds(ref: bytes) -> tuple[int, int, int, int]:
    """A merged range such as ``B3:C4`` as (top, left, bottom, right)."""
    corners = [(int(m.group(2)), column_number(m.group(1))) for m in REF_RE.finditer(ref.decode())]
    (r1, c1), (r2, c2) = corners[0], corners[-1]
    return min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)


class TableReading(WorkbookAccess):
    """Reading the tables of the declared format."""

    # ------------------------------------------------------------ tables

    def table(self, fmt: Format, table_key: str) -> dict[str, Value]:
        layout = L.table_layout(fmt.version, table_key)
        located: Located | None = self.locate_by_names(layout)
        if located is None:
            located = self.locate_by_labels(layout)
            if located is None:
                raise InputError(
                    f"找不到{layout.table.name}（{layout.table.title}）：工作表“{layout.sheet}”不存在或表格标签被改动，"
                    "请使用 reportgen template 生成的模板",
                    self.file,
                )
            self.warn_names_missing(layout.table.name)
        sheet, positions, offset = located
        self.warn_large(sheet)
        self.check_merges(layout, sheet, positions, offset)
        if offset is not None:
            rows = max(r for r, _ in positions.values())
            cols = max(c for _, c in positions.values())
            grid = self.grid(sheet, max(rows, SEARCH_ROWS), max(cols, SEARCH_COLUMNS))
        else:
            grid = self.cells(sheet, frozenset(positions.values()))
        cells: dict[str, Value] = {}
        specs = cell_specs(fmt.version)
        sources, file = self.sources, self.file
        for cell_id, (row, col) in positions.items():
            sources[cell_id] = Source(file=file, sheet=sheet, ref=a1(row, col))
            raw = grid.get((row, col))
            if raw is None:
                continue
            value = self.cell_value(fmt, specs[cell_id], raw, sheet, row, col)
            if value is not None:
                cells[cell_id] = value
        return cells

    def locate_by_names(self, layout: L.TableLayout) -> Located | None:
        positions: dict[str, tuple[int, int]] = {}
        sheets = set()
        names = self.names
        for cell_id in layout.positions:
            found = names.get(cell_id)
            if found is None:
                return None
            sheet, (row, col, _, _) = found
            sheets.add(sheet)
            positions[cell_id] = (row, col)
        if len(sheets) != 1:
            return None
        return sheets.pop(), positions, None

    def locate_by_labels(self, layout: L.TableLayout, *, quiet: bool = False) -> Located | None:
        """Find the table's printed labels on some sheet; the value cells sit where the grid puts them."""
        expected = {pos: norm(text) for pos, text in layout.texts().items() if norm(text)}
        by_text: dict[str, list[tuple[int, int]]] = {}
        for pos, text in expected.items():
            by_text.setdefault(text, []).append(pos)
        sheets = sorted(self.sheet_names(), key=lambda s: s != layout.sheet)
        best: tuple[int, str, tuple[int, int]] | None = None
        for sheet in sheets:
            if sheet in (L.INSTRUCTIONS, L.META, L.RESULTS):
                continue
            grid = self.grid(sheet, SEARCH_ROWS, SEARCH_COLUMNS)
            votes: Counter[tuple[int, int]] = Counter()
            for (row, col), (value, _) in grid.items():
                if isinstance(value, str):
                    for r, c in by_text.get(norm(value), ()):
                        votes[(row - r, col - c)] += 1
            if votes:
                offset, count = votes.most_common(1)[0]
                if best is None or count > best[0]:
                    best = (count, sheet, offset)
        if best is None or best[0] < LABEL_MATCH * len(expected):
            return None
        count, sheet, (dr, dc) = best
        if not quiet and count < len(expected):
            grid = self.grid(sheet, SEARCH_ROWS, SEARCH_COLUMNS)
            wrong = [
                f"{L.a1(r + dr, c + dc)}应为“{text}”"
                for (r, c), text in expected.items()
                if norm(str(grid.get((r + dr, c + dc), ("", ""))[0])) != text
            ]
            self.add(XLSX_LABELS, sheet, table=layout.table.name, count=len(wrong), wrong="；".join(wrong[:5]))
        positions = {cell_id: (r + dr, c + dc) for cell_id, (r, c) in layout.positions.items()}
        return sheet, positions, (dr, dc)

    def check_merges(
        self, layout: L.TableLayout, sheet: str, positions: dict[str, tuple[int, int]], offset: tuple[int, int] | None
    ) -> None:
        """Warn when the table's merged cells differ from the standard; an input cell swallowed by a merge is an error."""
        if offset is None:
            # located by names: the grid origin follows from any value cell
            cell_id, (row, col) = next(iter(positions.items()))
            base = layout.positions[cell_id]
            offset = (row - base[0], col - base[1])
        dr, dc = offset
        merges = self.merges(sheet)
        if merges is None:
            return
        top, left = layout.top + dr, layout.left + dc
        bottom, right = layout.bottom + dr, layout.right + dc
        actual = {m for m in merges if not (m[2] < top or m[0] > bottom or m[3] < left or m[1] > right)}
        expected = {(r1 + dr, c1 + dc, r2 + dr, c2 + dc) for r1, c1, r2, c2 in layout_merges(layout.fmt.version, layout.table.key)}
        if actual != expected:
            extra = sorted(actual - expected)
            missing = sorted(expected - actual)
            bits = []
            if extra:
                bits.append("多出合并 " + "、".join(range_text(m) for m in extra[:5]))
            if missing:
                bits.append("缺少合并 " + "、".join(range_text(m) for m in missing[:5]))
            self.add(XLSX_MERGES, sheet, table=layout.table.name, differences="；".join(bits))
        unexpected = actual - expected
        for cell_id, (row, col) in positions.items() if unexpected else ():
            for r1, c1, r2, c2 in unexpected:
                if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                    ref = L.a1(row, col)
                    merge = range_text((r1, c1, r2, c2))
                    self.add(XLSX_MERGED_INPUT, sheet, ref, cell=cell_id, table=layout.table.name, position=ref, merge=merge)

    def merges(self, sheet: str) -> set[tuple[int, int, int, int]] | None:
        """The merged ranges of a sheet, read from its XML; None when the sheet is too large to scan."""
        path = self.package.paths.get(sheet)
        if not path:
            return None
        size = self.archive.sizes.get(path, 0)
        if size > MERGE_SCAN_LIMIT:
            return None
        out = set()
        for match in MERGE_RE.finditer(self.package.sheet_xml(sheet)):
            out.add(merge_bounds(match.group(1)))
        return out

    def cell_value(self, fmt: Format, spec: Cell, raw: tuple[Any, str], sheet: str, row: int, col: int) -> Value | None:
        """A table cell's value; None for blank, for a total's formula and for what is reported as a finding."""
        value, kind = raw
        ref = a1(row, col)
        if kind == "f" or not isinstance(value, str | int | float | dt.date | bool):
            if spec.total:
                return None  # the template's formula: recomputed from the leaves
            formula = value if isinstance(value, str) else "公式"
            advice = "请直接填写数字，不要填写公式"
            self.add(XLSX_FORMULA, sheet, ref, cell=spec.id, place=f"{place(spec)}：", formula=shorten(formula), advice=advice)
            return None
        if kind == "e" or isinstance(value, dt.date):  # an error value such as #REF!, or a date typed into a count
            shown = value.isoformat() if isinstance(value, dt.date) else value
            self.add(VALUE_NOT_NUMBER, sheet, ref, cell=spec.id, place=place(spec), reason=not_a_number(str(shown), "数字"))
            return None
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            self.add(XLSX_TEXT_TOO_LONG, sheet, ref, cell=spec.id, what=f"{place(spec)}：", length=len(value), limit=TEXT_LIMIT)
            return None
        parsed = parse_value(value, spec)
        if parsed.code:
            self.add(parsed.code, sheet, ref, cell=spec.id, **parsed.params)
            return None
        return parsed.value
