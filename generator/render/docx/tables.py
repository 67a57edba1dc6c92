"""The official tables through python-docx: fixed grid, explicit widths on every cell, exact merges, header rows
repeated and no row split across pages."""

from __future__ import annotations

import copy
import functools
import itertools
import math
from collections.abc import Mapping
from typing import cast

from docx.document import Document as DocumentObject
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.table import CT_Tbl
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Twips
from lxml import etree

from ...formats.fit import char_width, label_lines, line_capacity, wrap
from ...view import CellView, TableShape, TableView
from .layout import CELL_LABEL_STYLE, CELL_MARGIN, CELL_STYLE, TABLE_STYLE, TWIPS_PER_MM, mm_twips, xml_text
from .split import cut, pages

NUMBER_SAFETY = 0.02  # em kept free beside a number (digits of Times New Roman and its metric twins are half an em)
MIN_SCALE = 50  # per cent: the narrowest a number is printed
LOOK = {"val": "0000", "firstRow": "0", "lastRow": "0", "firstColumn": "0", "lastColumn": "0", "noHBand": "1", "noVBand": "1"}


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


def element(parent: BaseOxmlElement, tag: str, **attributes: str) -> BaseOxmlElement:
    """A child element of ``parent`` (a python-docx element class, as the parser of its document gives it)."""
    child: BaseOxmlElement = etree.SubElement(parent, qn(tag), {qn(f"w:{key}"): value for key, value in attributes.items()})
    return child


def label_text(text: str, width_mm: float) -> list[str]:
    """A label as one piece, which Word and LibreOffice wrap themselves, or as lines broken explicitly where they
    would break inside a word (（三）不|予公开 becomes （三）|不予公开)."""
    lines = label_lines(text, width_mm)
    return [text] if lines == wrap(text, width_mm) else lines


def add_number(paragraph: BaseOxmlElement, text: str, width: int) -> None:
    """A number's run, narrowed to fit its cell."""
    run = element(paragraph, "w:r")
    scale = number_scale(text, width)
    if scale:
        run.append(parse_xml(scale.replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>")))
    element(run, "w:t").text = xml_text(text)


def table_element(view: TableView, ids: Mapping[str, str], slots: list[tuple[int, int, int]] | None = None) -> CT_Tbl:
    """The table as a ``w:tbl``: fixed layout and width, centred, ruled; every cell with its width, spans and vertical
    merge, vertically centred, in the label or the number style. Every row is kept with the next, so that the table
    moves to the next page whole rather than leaving a vertically merged group label behind; its heading keeps with
    it too. Built from docx.oxml elements: python-docx's ``Table.cell`` and ``_Cell.merge`` recompute the whole grid
    on every call (measured: about 180 ms for 表三). With ``slots``, the numbers are left out and each one's place is
    appended instead: (index of its paragraph in the table, its place among the numbers, its cell's width)."""
    widths = column_twips(view.widths)
    edges = [0, *itertools.accumulate(widths)]
    tbl = cast(CT_Tbl, OxmlElement("w:tbl"))
    properties = element(tbl, "w:tblPr")
    element(properties, "w:tblStyle", val=ids[TABLE_STYLE])
    element(properties, "w:tblW", w=str(edges[-1]), type="dxa")
    element(properties, "w:jc", val="center")
    element(properties, "w:tblInd", w="0", type="dxa")
    borders = element(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element(borders, f"w:{side}", val="single", sz="4", space="0", color="auto")
    element(properties, "w:tblLayout", type="fixed")
    margins = element(properties, "w:tblCellMar")
    for side, width in (("top", 0), ("left", CELL_MARGIN), ("bottom", 0), ("right", CELL_MARGIN)):
        element(margins, f"w:{side}", w=str(width), type="dxa")
    element(properties, "w:tblLook", **LOOK)
    grid = element(tbl, "w:tblGrid")
    for width in widths:
        element(grid, "w:gridCol", w=str(width))
    owner: list[list[CellView | None]] = [[None] * len(widths) for _ in view.rows]
    for cells in view.rows:
        for cell in cells:
            for r in range(cell.row, cell.row + cell.rowspan):
                owner[r][cell.col : cell.col + cell.colspan] = [cell] * cell.colspan
    style = {"label": ids[CELL_LABEL_STYLE], "header": ids[CELL_STYLE], "value": ids[CELL_STYLE]}
    last = len(owner) - 1
    paragraphs = 0
    for r, grid_row in enumerate(owner):
        tr = element(tbl, "w:tr")
        row = element(tr, "w:trPr")
        element(row, "w:cantSplit")
        if r < view.header_rows:  # repeated at the top of a new page
            element(row, "w:tblHeader")
        c = 0
        while c < len(widths):
            here = grid_row[c]
            assert here is not None, f"{view.key}: grid hole at row {r}, column {c}"
            width = edges[here.col + here.colspan] - edges[here.col]
            tc = element(tr, "w:tc")
            cell = element(tc, "w:tcPr")
            element(cell, "w:tcW", w=str(width), type="dxa")
            if here.colspan > 1:
                element(cell, "w:gridSpan", val=str(here.colspan))
            if here.rowspan > 1:
                element(cell, "w:vMerge", **({"val": "restart"} if here.row == r else {}))
            element(cell, "w:vAlign", val="center")
            paragraph = element(tc, "w:p")
            properties = element(paragraph, "w:pPr")
            element(properties, "w:pStyle", val=style[here.role])
            if r < last:
                element(properties, "w:keepNext")
            if here.row == r and here.role == "value" and slots is not None:
                slots.append((paragraphs, int(here.text), width))
            elif here.row == r and here.role == "value":
                add_number(paragraph, here.text, width)
            elif here.row == r and here.text:
                run = element(paragraph, "w:r")
                for i, line in enumerate(label_text(here.text, sum(view.widths[here.col : here.col + here.colspan]))):
                    if i:
                        element(run, "w:br")
                    element(run, "w:t").text = xml_text(line)
            paragraphs += 1
            c += here.colspan
    return tbl


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
def drawing(shape: TableShape, ids: tuple[tuple[str, str], ...], at: int | None) -> list[tuple[CT_Tbl, list[tuple[int, int, int]]]]:
    """The pieces of a table of this shape without their numbers, and where each number goes: the layout depends on
    the labels only (a number takes one line), so it is drawn once per shape and copied. ``at``: the body row where
    the table continues on the next page (see :mod:`flow`); the pieces are then cut further only if too tall."""
    whole = shape_view(shape)
    first, rest = cut(whole, at) if at else (None, whole)
    drawn = []
    for piece in ([first] if first else []) + pages(rest):
        slots: list[tuple[int, int, int]] = []
        drawn.append((table_element(piece, dict(ids), slots), slots))
    return drawn


def add_tables(document: DocumentObject, view: TableView, ids: Mapping[str, str], at: int | None = None) -> None:
    """The table, cut at row ``at`` with the rest starting a new page, and into one table per page where a piece is
    too tall for one (see :func:`split.pages`); header rows and the outer group label are printed again."""
    numbers = view.value_texts
    end = document.element.body.sectPr
    assert end is not None  # the template always has one (see template.open_template)
    for i, (piece, slots) in enumerate(drawing(view.shape, tuple(sorted(ids.items())), at)):
        if i:  # a paragraph between, or Word would join the two tables
            separator = document.add_paragraph().paragraph_format
            separator.space_before, separator.space_after, separator.line_spacing = Twips(0), Twips(0), Twips(20)
            if i == 1 and at is not None:
                separator.page_break_before = True
        table = copy.deepcopy(piece)
        paragraphs = list(table.iter(qn("w:p")))
        for index, place, width in slots:
            add_number(paragraphs[index], numbers[place], width)
        end.addprevious(table)


def table_xml(view: TableView, ids: Mapping[str, str]) -> str:
    """The table alone as ``w:tbl`` XML (``ids`` maps style names to style ids)."""
    return str(etree.tostring(table_element(view, ids), encoding="unicode"))
