"""The official tables as ``w:tbl`` XML: fixed grid, explicit widths on every cell, exact merges, kept on one page."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping

from ...formats.fit import char_width, line_capacity
from ...view import CellView, TableView
from .layout import CELL_LABEL_STYLE, CELL_STYLE, TABLE_STYLE, TWIPS_PER_MM, esc, mm_twips
from .styles import table_properties_xml

NUMBER_SAFETY = 0.02  # em kept free beside a number (digits of Times New Roman and its metric twins are half an em)
MIN_SCALE = 50  # per cent: the narrowest a number is printed
HEADER_ROW = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"  # repeated at the top of a new page
BODY_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"


def column_twips(widths: tuple[float, ...]) -> list[int]:
    """Column widths in twips, rounded so that they add up to the rounded total width."""
    out: list[int] = []
    edge = 0.0
    for width in widths:
        start = mm_twips(edge)
        edge += width
        out.append(mm_twips(edge) - start)
    return out


@functools.lru_cache(maxsize=4096)  # labels and headers are the same in every report of a format
def number_scale(text: str, width: int) -> str:
    """A number wider than its cell is narrowed (``w:w``, character scale) rather than broken over two lines."""
    room = line_capacity(width / TWIPS_PER_MM) - NUMBER_SAFETY
    needed = sum(char_width(ch) for ch in text)
    if needed <= room:
        return ""
    return f'<w:rPr><w:w w:val="{max(MIN_SCALE, math.floor(room / needed * 100))}"/></w:rPr>'


def cell_xml(cell: CellView, origin: bool, width: int, style_id: str, keep_next: bool) -> str:
    """One ``w:tc``: its width, spans and vertical merge; a merge continuation is an empty cell of the same width."""
    props = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if cell.rowspan > 1:
        props.append('<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/></w:tcPr>')
    keep = "<w:keepNext/>" if keep_next else ""
    props.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}</w:pPr>')
    if origin and cell.text:
        props.append(f"<w:r>{number_scale(cell.text, width) if cell.role == 'value' else ''}<w:t>{esc(cell.text)}</w:t></w:r>")
    props.append("</w:p></w:tc>")
    return "".join(props)


def table_xml(table: TableView, style_ids: Mapping[str, str]) -> str:
    """The whole table. Every row is kept with the next, so that the table moves to the next page whole rather
    than leaving a vertically merged group label behind; its heading keeps with it too."""
    widths = column_twips(table.widths)
    edges = [0, *itertools.accumulate(widths)]
    columns = len(widths)
    owner: list[list[CellView | None]] = [[None] * columns for _ in table.rows]
    for row in table.rows:
        for cell in row:
            for r in range(cell.row, cell.row + cell.rowspan):
                owner[r][cell.col : cell.col + cell.colspan] = [cell] * cell.colspan
    ids = {role: style_ids[CELL_LABEL_STYLE if role == "label" else CELL_STYLE] for role in ("header", "label", "value")}
    out = [
        "<w:tbl>",
        table_properties_xml(style_ids[TABLE_STYLE], edges[-1]),
        "<w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
    ]
    last = len(owner) - 1
    for r, cells in enumerate(owner):
        out.append(HEADER_ROW if r < table.header_rows else BODY_ROW)
        c = 0
        while c < columns:
            here = cells[c]
            assert here is not None, f"{table.key}: grid hole at row {r}, column {c}"
            end = here.col + here.colspan
            out.append(cell_xml(here, here.row == r, edges[end] - edges[here.col], ids[here.role], r < last))
            c += here.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
