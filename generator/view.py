"""The view model renderers share: ordered parts, typed paragraphs and table grids with printed text."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Literal

from .formats import GridCell, Table
from .formats.model import per_declaration
from .report import Report, Value, chinese_date, split_paragraphs
from .title import title_lines
from .values import complete, display

Level = Literal[0, 1, 2, 3]
# （一）组织领导 / 一是… are level-2 headings; 1. and （1） are level 3 (body style)
LEVEL2 = re.compile(r"^（[一二三四五六七八九十]+）")
LEVEL3 = re.compile(r"^(?:\d+[.．、]|（\d+）)")
SHORT_HEADING = 30


@dataclass(frozen=True)
class Paragraph:
    """One paragraph; ``heading`` is a run-in heading at its start, or the whole text when it stands alone."""

    text: str
    level: Level = 0  # 0 body, 2 （一） heading, 3 numbered body paragraph
    heading: str = ""  # run-in heading printed in the heading style, "" if none

    @property
    def rest(self) -> str:
        return self.text[len(self.heading) :]

    @property
    def standalone(self) -> bool:
        return bool(self.heading) and self.heading == self.text


@dataclass(frozen=True)
class CellView:
    """One printed table cell with its origin in the grid."""

    row: int
    col: int
    text: str
    role: str
    rowspan: int = 1
    colspan: int = 1
    cell: str | None = None


@dataclass(frozen=True, eq=False)
class TableShape:
    """Everything a table's printed layout depends on but its numbers; one object per distinct shape in a process,
    so that renderers cache their work per shape (compared by identity)."""

    key: str
    widths: tuple[float, ...]
    header_rows: int
    rows: int
    # (row, column, rowspan, colspan, role, text), where a value cell's text is its cell id
    cells: tuple[tuple[int, int, int, int, str, str], ...]

    @functools.cached_property
    def group_starts(self) -> frozenset[int]:
        """Body rows a new page may start at, between row groups: no label spanning rows runs across them except in
        the first column (the outer group label, such as 三、本年度办理结果, which is then printed again)."""
        spans = [(row, row + rowspan) for row, col, rowspan, *_ in self.cells if col > 0 and rowspan > 1]
        return frozenset(r for r in range(self.header_rows + 1, self.rows) if not any(a < r < b for a, b in spans))


# the one shape object for a layout, shared by every table laid out alike (distinct shapes: a few per format and unit)
_shape = functools.lru_cache(maxsize=256)(TableShape)


@dataclass(frozen=True)
class TableView:
    key: str
    name: str
    title: str
    widths: tuple[float, ...]
    header_rows: int
    rows: list[list[CellView]]

    @property
    def columns(self) -> int:
        return len(self.widths)

    @functools.cached_property
    def shape(self) -> TableShape:
        """This table's shape, the same object for every table laid out alike (a view is not changed once built)."""
        cells = tuple(
            (c.row, c.col, c.rowspan, c.colspan, c.role, (c.cell or "") if c.role == "value" else c.text) for row in self.rows for c in row
        )
        return _shape(self.key, self.widths, self.header_rows, len(self.rows), cells)

    @property
    def value_texts(self) -> list[str]:
        """The printed numbers, in the order of the value cells of :attr:`shape`."""
        return [c.text for row in self.rows for c in row if c.role == "value"]


@dataclass(frozen=True)
class PartView:
    key: str
    heading: str
    table: TableView | None
    paragraphs: list[Paragraph] = field(default_factory=list)


@dataclass(frozen=True)
class ReportView:
    title: str
    title_lines: list[str]  # the title broken at its natural joints, one entry per printed line
    preface: list[Paragraph]
    parts: list[PartView]
    signature: str
    date: str
    contact: str


@functools.lru_cache(maxsize=256)  # weighing every break of a long title is the dearest step of a view
def _title_lines(agency: str, year: int | None, title: str) -> tuple[str, ...]:
    return tuple(title_lines(agency, year, title))


def classify(text: str) -> Paragraph:
    """Recognise a standalone or run-in numbered heading (docs/data.md §2)."""
    match = LEVEL2.match(text)
    if match:
        if len(text) <= SHORT_HEADING and not any(mark in text for mark in "。；：，"):
            return Paragraph(text, 2, text)
        end = text.find("。")
        if 0 < end <= SHORT_HEADING:
            return Paragraph(text, 2, text[: end + 1])
        return Paragraph(text, 0)
    if LEVEL3.match(text):
        return Paragraph(text, 3)
    return Paragraph(text, 0)


@per_declaration
def _laid_out(table: Table, units: tuple[tuple[str, str], ...]) -> list[list[CellView | tuple[int, int, GridCell]]]:
    """The table's printed rows: labels and headers (with their declared ``units``) as cells, the places of values as
    ``(row, column, grid cell)``; worked out once per table and units, as the declaration does not change."""
    declared = dict(units)
    rows: list[list[CellView | tuple[int, int, GridCell]]] = [[] for _ in table.grid.rows]
    for r, c, gc in table.grid.placed():
        if gc.role == "value":
            rows[r].append((r, c, gc))
            continue
        text = f"{gc.text}（{declared[gc.cell]}）" if gc.role == "header" and gc.cell and declared.get(gc.cell) else gc.text
        rows[r].append(CellView(r, c, text, gc.role, gc.rowspan, gc.colspan, gc.cell))
    return rows


def table_view(table: Table, report: Report, values: dict[str, Value]) -> TableView:
    rows = [
        [
            item
            if isinstance(item, CellView)
            else CellView(item[0], item[1], display(values[item[2].cell or ""]), "value", item[2].rowspan, item[2].colspan, item[2].cell)
            for item in row
        ]
        for row in _laid_out(table, tuple(report.units.items()))
    ]
    return TableView(table.key, table.name, table.title, table.grid.widths, table.grid.header_rows, rows)


def preface_text(report: Report) -> str:
    fmt = report.spec
    if report.preface != "auto":
        return report.preface
    names = "、".join(p.label for p in fmt.parts)
    return fmt.preface.format(notice=fmt.notice_title, parts=names, year=report.year, agency=report.agency)


def other_matters(report: Report) -> str:
    """Part 六: the given text, or the fee sentence (2021) / 无。 when nothing was written."""
    fmt = report.spec
    if report.text.other_matters.strip():
        return report.text.other_matters
    if fmt.fee_sentence and report.info_fees is not None:
        fees = report.info_fees
        if fees.notices or fees.notice_amount or fees.collected:
            return fmt.fee_sentence.format(
                notices=fees.notices, notice_amount=display(fees.notice_amount), collected=display(fees.collected)
            )
        return fmt.no_fee_sentence
    return fmt.nothing_to_report


def build_view(report: Report) -> ReportView:
    """Everything a renderer prints, in order."""
    fmt = report.spec
    values = complete(report, fmt)
    parts = []
    for part in fmt.parts:
        text = other_matters(report) if part.key == "other_matters" else getattr(report.text, part.key)
        paragraphs = [classify(p) for p in split_paragraphs(text)]
        table = table_view(fmt.table(part.table), report, values) if part.table else None
        parts.append(PartView(part.key, part.heading, table, paragraphs))
    contact = ""
    if report.contact and (report.contact.name or report.contact.phone):
        bits = [
            f"填报人：{report.contact.name}" if report.contact.name else "",
            f"联系电话：{report.contact.phone}" if report.contact.phone else "",
        ]
        contact = "　".join(b for b in bits if b)
    return ReportView(
        title=report.display_title,
        title_lines=list(_title_lines(report.agency, report.year, report.display_title)),
        preface=[Paragraph(p) for p in split_paragraphs(preface_text(report))],
        parts=parts,
        signature=report.display_signature,
        date=chinese_date(report.date) if report.date else "",
        contact=contact,
    )
