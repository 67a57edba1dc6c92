"""The view model renderers share: ordered parts, typed paragraphs and table grids with printed text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .formats import Table
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


def table_view(table: Table, report: Report, values: dict[str, Value]) -> TableView:
    rows: list[list[CellView]] = [[] for _ in table.grid.rows]
    for r, c, gc in table.grid.placed():
        if gc.role == "value":
            assert gc.cell is not None
            text = display(values[gc.cell])
        elif gc.role == "header" and gc.cell and report.units.get(gc.cell):
            text = f"{gc.text}（{report.units[gc.cell]}）"
        else:
            text = gc.text
        rows[r].append(CellView(r, c, text, gc.role, gc.rowspan, gc.colspan, gc.cell))
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
        title_lines=title_lines(report.agency, report.year, report.display_title),
        preface=[Paragraph(p) for p in split_paragraphs(preface_text(report))],
        parts=parts,
        signature=report.display_signature,
        date=chinese_date(report.date) if report.date else "",
        contact=contact,
    )
