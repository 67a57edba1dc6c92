"""A table too tall for one page, split only where a group ends, the outer group label repeated on the new page."""

from __future__ import annotations

import dataclasses

from ...formats.fit import label_lines
from ...view import CellView, TableView
from .layout import LINE, MARGINS_MM, PAGE_MM, TABLE_LINE

# the text block less the heading kept with the table
PAGE_TWIPS = round((PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) * 1440 / 25.4) - LINE


def row_heights(table: TableView, line: int = TABLE_LINE) -> list[int]:
    """Estimated height of each row in twips: the most lines any of its cells takes, merged cells shared out."""
    heights = [line] * len(table.rows)
    spanning = []
    for row in table.rows:
        for cell in row:
            width = sum(table.widths[cell.col : cell.col + cell.colspan])
            lines = len(label_lines(cell.text, width)) if cell.text and cell.role != "value" else 1
            if cell.rowspan == 1:
                heights[cell.row] = max(heights[cell.row], lines * line)
            else:
                spanning.append((cell, lines * line))
    for cell, needed in spanning:
        rows = range(cell.row, cell.row + cell.rowspan)
        short = needed - sum(heights[r] for r in rows)
        if short > 0:
            heights[rows[-1]] += short
    return heights


def boundaries(table: TableView) -> list[int]:
    """Body rows a new page may start at: no merged cell runs across them except in the first column (the outer group
    label, which is then repeated)."""
    return sorted(table.shape.group_starts)


def cut(table: TableView, at: int) -> tuple[TableView, TableView]:
    """The rows before ``at``, and the header rows followed by the rows from ``at`` with the labels merged across
    ``at`` printed again."""
    head = table.header_rows
    first = [[dataclasses.replace(c, rowspan=min(c.rowspan, at - c.row)) for c in row] for row in table.rows[:at]]
    carried = [
        dataclasses.replace(c, row=head, rowspan=c.row + c.rowspan - at)
        for row in table.rows[head:at]
        for c in row
        if c.row + c.rowspan > at
    ]
    rest = [[dataclasses.replace(c, row=c.row - at + head) for c in row] for row in table.rows[at:]]
    rest[0] = sorted(carried + rest[0], key=lambda c: c.col)
    second = [list(row) for row in table.rows[:head]] + rest
    return dataclasses.replace(table, rows=first), dataclasses.replace(table, rows=second)


def pages(table: TableView, available: int = PAGE_TWIPS, line: int = TABLE_LINE) -> list[TableView]:
    """``table`` whole when it fits ``available`` twips, else cut at the last group boundary that fits, repeatedly."""
    parts: list[TableView] = []
    while True:
        heights = row_heights(table, line)
        if sum(heights) <= available:
            return [*parts, table]
        fitting = [r for r in boundaries(table) if sum(heights[:r]) <= available]
        if not fitting:  # no group boundary fits: print it whole and let the word processor break it
            return [*parts, table]
        first, table = cut(table, fitting[-1])
        parts.append(first)


def carried_labels(parts: list[TableView]) -> list[CellView]:
    """The labels printed again at the top of each continuation (for tests and reviews)."""
    return [c for part in parts[1:] for c in part.rows[part.header_rows] if c.rowspan > 1 and c.col == 0]
