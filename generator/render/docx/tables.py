"""The official tables as ``w:tbl`` XML: fixed grid, explicit widths on every cell, exact merges, kept on one page."""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Callable, Mapping

from ...formats.fit import char_width, line_capacity
from ...view import CellView, TableShape, TableView
from ..slots import Drawing, Piece, filled, merged
from .layout import CELL_LABEL_STYLE, CELL_STYLE, TABLE_STYLE, TWIPS_PER_MM, esc, mm_twips
from .split import pages
from .styles import table_properties_xml

NUMBER_SAFETY = 0.02  # em kept free beside a number (digits of Times New Roman and its metric twins are half an em)
MIN_SCALE = 50  # per cent: the narrowest a number is printed
HEADER_ROW = "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"  # repeated at the top of a new page
BODY_ROW = "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
SEPARATOR = '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/></w:pPr></w:p>'


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


def cell_run(text: str, role: str, width: int) -> str:
    """The run of a cell's text, a number narrowed to fit its cell; nothing for an empty cell."""
    if not text:
        return ""
    return f"<w:r>{number_scale(text, width) if role == 'value' else ''}<w:t>{esc(text)}</w:t></w:r>"


def cell_pieces(cell: CellView, origin: bool, width: int, style_id: str, keep_next: bool, run: Piece) -> list[Piece]:
    """One ``w:tc``: its width, spans and vertical merge, then ``run`` where the merge starts; a merge continuation
    is an empty cell of the same width."""
    props = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.colspan > 1:
        props.append(f'<w:gridSpan w:val="{cell.colspan}"/>')
    if cell.rowspan > 1:
        props.append('<w:vMerge w:val="restart"/>' if origin else "<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/></w:tcPr>')
    keep = "<w:keepNext/>" if keep_next else ""
    props.append(f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep}</w:pPr>')
    return [*props, run if origin else "", "</w:p></w:tc>"]


def table_xml(table: TableView, style_ids: Mapping[str, str]) -> str:
    """The whole table with its text; see :func:`table_pieces`."""
    return "".join(map(str, table_pieces(table, style_ids, lambda cell, width: cell_run(cell.text, cell.role, width))))


def table_pieces(table: TableView, style_ids: Mapping[str, str], run: Callable[[CellView, int], Piece]) -> list[Piece]:
    """The whole table, ``run(cell, width)`` giving each cell's text. Every row is kept with the next, so that the
    table moves to the next page whole rather than leaving a vertically merged group label behind; its heading
    keeps with it too."""
    widths = column_twips(table.widths)
    edges = [0, *itertools.accumulate(widths)]
    columns = len(widths)
    owner: list[list[CellView | None]] = [[None] * columns for _ in table.rows]
    for row in table.rows:
        for cell in row:
            for r in range(cell.row, cell.row + cell.rowspan):
                owner[r][cell.col : cell.col + cell.colspan] = [cell] * cell.colspan
    ids = {role: style_ids[CELL_LABEL_STYLE if role == "label" else CELL_STYLE] for role in ("header", "label", "value")}
    out: list[Piece] = [
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
            width = edges[end] - edges[here.col]
            out += cell_pieces(here, here.row == r, width, ids[here.role], r < last, run(here, width))
            c += here.colspan
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return out


def shape_view(shape: TableShape) -> TableView:
    """A table of this shape whose numbers are their places (``"0"``, ``"1"``, …) in the order of the shape."""
    rows: list[list[CellView]] = [[] for _ in range(shape.rows)]
    place = 0
    for row, col, rowspan, colspan, role, text in shape.cells:
        if role == "value":
            text, place = str(place), place + 1
        rows[row].append(CellView(row, col, text, role, rowspan, colspan))
    return TableView(shape.key, "", "", shape.widths, shape.header_rows, rows)


@functools.lru_cache(maxsize=256)
def tables_drawing(shape: TableShape, table_style: str, cell_style: str, label_style: str) -> tuple[Drawing, dict[int, int]]:
    """The table of this shape, on as many pages as it needs, with its numbers left open; and each number's cell
    width. The pages and the layout depend on the labels only (a number takes one line), so they are made once."""
    style_ids = {TABLE_STYLE: table_style, CELL_STYLE: cell_style, CELL_LABEL_STYLE: label_style}
    number_widths: dict[int, int] = {}

    def run(cell: CellView, width: int) -> Piece:
        if cell.role != "value":
            return cell_run(cell.text, cell.role, width)
        number_widths[int(cell.text)] = width
        return int(cell.text)

    out: list[Piece] = []
    for i, piece in enumerate(pages(shape_view(shape))):
        if i:  # a paragraph between, or Word would join the two tables
            out.append(SEPARATOR)
        out += table_pieces(piece, style_ids, run)
    return merged(out), number_widths


@functools.lru_cache(maxsize=4096)  # most numbers of a report are small and repeat
def number_run(text: str, width: int) -> str:
    return cell_run(text, "value", width)


def tables_xml(table: TableView, style_ids: Mapping[str, str]) -> str:
    """The table as ``w:tbl`` XML, cut into one table per page where it is too tall for one (see :func:`pages`)."""
    styles = (style_ids[TABLE_STYLE], style_ids[CELL_STYLE], style_ids[CELL_LABEL_STYLE])
    drawing, number_widths = tables_drawing(table.shape, *styles)
    numbers = [number_run(text, number_widths[place]) for place, text in enumerate(table.value_texts)]
    return filled(drawing, numbers)
