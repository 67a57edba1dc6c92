"""Plain dataclasses that describe a format version: parts, tables, cells, grids and sum rules."""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Concatenate, Literal, ParamSpec, TypeVar

from ..codes.registry import Code

ValueKind = Literal["count", "signed", "amount"]
Role = Literal["header", "label", "value"]


@dataclass(frozen=True)
class Column:
    """One column of a table row: its id, printed label and the kind of value it holds."""

    key: str
    label: str
    kind: ValueKind = "count"
    not_applicable: bool = False  # may hold "/" (table 2 only)
    total: bool = False  # computed from other columns when absent
    unit: str = ""  # printed unit of an amount column, e.g. 万元 ("" = declared by the data)
    aliases: tuple[str, ...] = ()  # other labels published reports use for this column (accepted on import)


@dataclass(frozen=True)
class Row:
    """One data row: its id (may contain one dot), printed leaf label and columns."""

    key: str
    label: str
    columns: tuple[Column, ...]
    groups: tuple[str, ...] = ()  # enclosing printed labels, outermost first
    total: bool = False  # every cell is computed from other rows when absent
    unit_key: str | None = None  # YAML key that declares the unit of an amount column
    units: tuple[str, ...] = ()  # the units unit_key may declare, e.g. ("元", "万元")

    @property
    def full_label(self) -> str:
        """The label with its enclosing groups, e.g. ``（三）不予公开 1.属于国家秘密``."""
        return " ".join((*self.groups[1:], self.label)) if self.groups else self.label


@dataclass(frozen=True)
class Cell:
    """One addressable value of the report, ``<table>.<row>.<column>``."""

    table: str
    row: Row
    column: Column

    @cached_property
    def id(self) -> str:
        return f"{self.table}.{self.row.key}.{self.column.key}"

    @property
    def total(self) -> bool:
        return self.row.total or self.column.total

    @property
    def kind(self) -> ValueKind:
        return self.column.kind


@dataclass(frozen=True)
class GridCell:
    """One cell of a printed table: a label, or the place of a value cell."""

    role: Role
    text: str = ""
    cell: str | None = None  # value cell id when role == "value"
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True)
class Grid:
    """The printed layout of a table, as HTML-like rows of cells with spans."""

    widths: tuple[float, ...]  # column widths in millimetres, summing to the text width
    rows: tuple[tuple[GridCell, ...], ...]
    header_rows: int = 0  # leading rows repeated on a new page

    @property
    def columns(self) -> int:
        return len(self.widths)

    def placed(self) -> list[tuple[int, int, GridCell]]:
        """Every grid cell with its (row, column) origin, resolving spans like HTML does."""
        taken: set[tuple[int, int]] = set()
        out: list[tuple[int, int, GridCell]] = []
        for r, row in enumerate(self.rows):
            c = 0
            for gc in row:
                while (r, c) in taken:
                    c += 1
                out.append((r, c, gc))
                for dr in range(gc.rowspan):
                    for dc in range(gc.colspan):
                        taken.add((r + dr, c + dc))
                c += gc.colspan
        return out


@dataclass(frozen=True)
class SumRule:
    """``sum(left) == sum(right)``; when ``computes`` the single left cell is a total of right."""

    code: Code  # its severity is the rule's; the message below fills the code's template
    left: tuple[str, ...]
    right: tuple[str, ...]
    message: str  # Chinese, with {left} and {right} placeholders
    cell: str  # the cell a finding is located at
    computes: bool = False
    relation: Literal["==", "<="] = "=="


@dataclass(frozen=True)
class CarryRule:
    """A cell that follows from last year's report: ``cell == sum(previous) + sum(plus) - sum(minus)``."""

    code: Code
    cell: str
    previous: tuple[str, ...]  # last year's cells
    message: str  # Chinese, with {expected} and {actual}
    plus: tuple[str, ...] = ()  # this year's cells
    minus: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """One standard table: id, number, title, rows and printed grid."""

    key: str
    number: int
    name: str  # e.g. 表三
    title: str
    rows: tuple[Row, ...]
    grid: Grid

    def cells(self) -> list[Cell]:
        return list(self._cells)

    @cached_property
    def _cells(self) -> tuple[Cell, ...]:
        return tuple(Cell(self.key, row, col) for row in self.rows for col in row.columns)

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


@dataclass(frozen=True)
class Part:
    """One of the six parts: heading, the narrative key, and the table it holds, if any."""

    key: str
    heading: str
    table: str | None = None
    required: bool = False
    label: str = ""  # short Chinese name used in messages
    aliases: tuple[str, ...] = ()  # other headings published reports use for this part (accepted on import)


@dataclass(frozen=True)
class NarrativeFigure:
    """A figure stated in the narrative that must equal a table cell (soft rule)."""

    pattern: str  # regular expression with one group capturing the number
    cells: tuple[str, ...]  # the table cells whose sum the figure states
    description: str


@dataclass(frozen=True)
class Figure:
    """A named figure derived from the tables: the sum of some cells (summaries, drafted sentences)."""

    key: str
    label: str  # Chinese, e.g. 本年新收申请 or 予以公开
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Format:
    """Everything reportgen knows about one format version."""

    version: str
    notice: str
    first_year: int
    parts: tuple[Part, ...]
    tables: tuple[Table, ...]
    rules: tuple[SumRule, ...]
    preface: str  # standard opening paragraph, with {agency}, {year}, {parts}
    notice_title: str  # the notice's full title, as cited in the preface
    narrative_figures: tuple[NarrativeFigure, ...] = ()
    carry_rules: tuple[CarryRule, ...] = ()
    soft_rules: tuple[SumRule, ...] = ()
    last_year: int | None = None  # last report year this format applies to by default
    fee_cell: str | None = None  # table 3 cell counting applications dropped for unpaid fees
    fee_sentence: str = ""  # part 六 sentence on 信息处理费, with {notices} {notice_amount} {collected}
    fee_words: tuple[str, ...] = ()  # words by which part 六 shows it reports 信息处理费
    no_fee_sentence: str = ""
    nothing_to_report: str = "无。"
    filling_rules: tuple[str, ...] = ()  # the rules as the workbook's 填写说明 states them, with {partial} for 区分处理
    key_figures: tuple[Figure, ...] = ()  # the figures a collection summary shows per unit
    draft_figures: tuple[Figure, ...] = ()  # the figures the drafted sentences of parts 三 and 四 state

    def table(self, key: str) -> Table:
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def cells(self) -> dict[str, Cell]:
        """Every cell of every table, in printed order, by id (a new dict each call, built once per format)."""
        return dict(self._cells)

    @cached_property
    def _cells(self) -> dict[str, Cell]:
        return {cell.id: cell for table in self.tables for cell in table.cells()}

    def part(self, key: str) -> Part:
        for part in self.parts:
            if part.key == key:
                return part
        raise KeyError(key)


D = TypeVar("D")
P = ParamSpec("P")
R = TypeVar("R")
REMEMBERED = 64  # results kept per function: a few per format, table and declared unit


def per_declaration(func: Callable[Concatenate[D, P], R]) -> Callable[Concatenate[D, P], R]:
    """``func(declared, *args)`` worked out once per declaration object (a format or a table) and hashable ``args``.

    A declaration never changes once made, and hashing one by value would cost more than the work saved, so it is
    told apart by identity; it is kept with its result, so that its id cannot be reused while remembered.
    The result is shared: callers must not change it.
    """
    memo: dict[tuple[Hashable, ...], tuple[D, R]] = {}

    @functools.wraps(func)
    def once(declared: D, /, *args: P.args, **kwargs: P.kwargs) -> R:
        key = (id(declared), *args, *sorted(kwargs.items()))
        hit = memo.get(key)
        if hit is not None and hit[0] is declared:
            return hit[1]
        if len(memo) >= REMEMBERED:
            memo.clear()
        result = func(declared, *args, **kwargs)
        memo[key] = (declared, result)
        return result

    return once
