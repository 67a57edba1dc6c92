"""Where everything sits in the Excel workbook: sheet names, defined names and cell positions.

Derived from the format declaration only; the template writer, the reader and the annotator
all use this one mapping. Defined names (docs/data.md §3):

- every table cell: its cell id as is, e.g. ``applications.withheld.state_secret.natural``
  (Excel, WPS and LibreOffice accept dots in names, and no id looks like a cell reference);
- 基本信息 fields: ``meta.<field path>``, e.g. ``meta.agency``, ``meta.contact.name``,
  ``meta.info_fees.notices``, ``meta.units.proactive.procurement.amount``;
- narrative sheets: ``text.<part>`` (e.g. ``text.overview``) and ``text.preface``, each the
  two-column range of paragraph rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from ..codes.registry import Code
from ..formats import FORMATS, Format, GridCell, SumRule, Table
from ..formats.conventions import AMOUNT_UNITS, SHEET_NAMES

INSTRUCTIONS = "填写说明"
META = "基本信息"
PREFACE = "序言"
RESULTS = "校验结果"  # added by the annotated copy
ANNOTATED_SUFFIX = f".{RESULTS}"  # the annotated copy of x.xlsx is x.校验结果.xlsx
TEXT_SUFFIX = "（说明）"  # narrative after a table, on its own sheet

TABLE_TOP = 3  # first row of a table grid (row 1 holds the part heading)
TABLE_LEFT = 1
TEXT_FIRST_ROW = 2  # narrative sheets: row 1 holds the column headers
TEXT_ROWS = 200  # paragraph rows prepared in a blank template
HEADING_COLUMN = 1  # column A: optional standalone subheading
PARAGRAPH_COLUMN = 2  # column B: paragraph text

PREFACE_AUTO = "自动生成标准序言"
PREFACE_NONE = "不要序言"
PREFACE_CUSTOM = "使用“序言”工作表中的文字"
UNITS = AMOUNT_UNITS

CHECK_OK = "✓"
CHECK_FAIL = "✗"


def numeral(fmt: Format, part_key: str) -> str:
    """The ``二`` of ``二、主动公开政府信息情况``."""
    return fmt.part(part_key).heading.split("、", 1)[0]


def table_sheet(fmt: Format, table_key: str) -> str:
    """The sheet holding a table, e.g. ``三、依申请公开``."""
    part = next(p for p in fmt.parts if p.table == table_key)
    return f"{numeral(fmt, part.key)}、{SHEET_NAMES.get(table_key, fmt.table(table_key).title)}"


def text_sheet(fmt: Format, part_key: str) -> str:
    """The sheet holding a part's narrative: the heading, or ``二、主动公开（说明）`` after a table."""
    part = fmt.part(part_key)
    return table_sheet(fmt, part.table) + TEXT_SUFFIX if part.table else part.heading


def text_name(part_key: str) -> str:
    return f"text.{part_key}"


def meta_name(path: str) -> str:
    return f"meta.{path}"


def a1(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


def column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def quoted(sheet: str) -> str:
    return "'" + sheet.replace("'", "''") + "'"


def absolute(sheet: str, row: int, col: int, row2: int | None = None, col2: int | None = None) -> str:
    """``'三、依申请公开'!$D$8`` (or a range), the destination of a defined name."""
    ref = f"${column_letter(col)}${row}"
    if row2 is not None and col2 is not None:
        ref += f":${column_letter(col2)}${row2}"
    return f"{quoted(sheet)}!{ref}"


# ---------------------------------------------------------------- 基本信息


@dataclass(frozen=True)
class MetaField:
    """One row of the 基本信息 sheet: a field path of the Report, its label, hint and value kind."""

    path: str  # field path, e.g. "agency", "contact.name", "info_fees.notices", "units.<cell id>"
    label: str
    hint: str = ""
    kind: str = "text"  # text, year, date, choice, count, amount, fixed
    choices: tuple[str, ...] = ()


def meta_fields(fmt: Format) -> tuple[MetaField, ...]:
    fields = [
        MetaField("agency", "机关名称", "必填，如：云溪县市场监督管理局"),
        MetaField("year", "报告年度", "必填，四位数字", "year"),
        MetaField("format", "格式版本", f"由模板确定（{fmt.notice}），请勿修改", "fixed"),
        MetaField("title", "报告标题", "可不填：默认为“机关名称＋年度＋年政府信息公开工作年度报告”"),
        MetaField("date", "成文日期", "如 2026年1月20日（可填日期）", "date"),
        MetaField("signature", "署名", "可不填：默认为机关名称"),
        MetaField("preface", "序言", "下拉选择；选“使用……”时填写“序言”工作表", "choice", (PREFACE_AUTO, PREFACE_NONE, PREFACE_CUSTOM)),
        MetaField("contact.name", "填报人", "可不填"),
        MetaField("contact.phone", "联系电话", "可不填"),
    ]
    for cell_id, cell in fmt.cells().items():
        if cell.kind == "amount" and not cell.column.unit and cell.row.unit_key:
            label = f"{fmt.table(cell.table).name}“{cell.row.label}”{cell.column.label}的单位"
            fields.append(MetaField(f"units.{cell_id}", label, "下拉选择：元 或 万元", "choice", UNITS))
    if fmt.fee_sentence:
        fields += [
            MetaField("info_fees.notices", "信息处理费：发出收费通知（件）", "未收取的填 0；三项都不填则第六部分写“无。”", "count"),
            MetaField("info_fees.notice_amount", "信息处理费：收费通知金额合计（元）", "", "amount"),
            MetaField("info_fees.collected", "信息处理费：实际收取金额（元）", "", "amount"),
        ]
    return tuple(fields)


META_FIRST_ROW = 2  # row 1 holds the column headers
META_LABEL_COLUMN = 1
META_VALUE_COLUMN = 2
META_HINT_COLUMN = 3


def meta_positions(fmt: Format) -> dict[str, tuple[int, int]]:
    return {f.path: (META_FIRST_ROW + i, META_VALUE_COLUMN) for i, f in enumerate(meta_fields(fmt))}


# ---------------------------------------------------------------- tables


@dataclass(frozen=True)
class Check:
    """A visible check cell: ✓ when ``rule`` holds."""

    rule: SumRule
    row: int
    col: int


@dataclass(frozen=True)
class CheckLine:
    """A row below the table (or a column beside it) of check cells for one rule code."""

    code: str
    label: str
    vertical: bool  # a column beside the table (one check per row)
    index: int  # row (or column) number on the sheet


@dataclass
class TableLayout:
    """One table on its sheet: where each grid cell, value cell and check cell is."""

    fmt: Format
    table: Table
    sheet: str
    top: int = TABLE_TOP
    left: int = TABLE_LEFT
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)
    lines: list[CheckLine] = field(default_factory=list)

    @property
    def bottom(self) -> int:
        """Last row of the grid."""
        return self.top + len(self.table.grid.rows) - 1

    @property
    def right(self) -> int:
        """Last column of the grid."""
        return self.left + self.table.grid.columns - 1

    def placed(self) -> Iterable[tuple[int, int, int, int, GridCell]]:
        """Every grid cell as (row, col, last row, last col, GridCell) on the sheet."""
        for r, c, gc in self.table.grid.placed():
            row, col = self.top + r, self.left + c
            yield row, col, row + gc.rowspan - 1, col + gc.colspan - 1, gc

    def texts(self) -> dict[tuple[int, int], str]:
        """The printed header and label texts by their top-left position."""
        return {(row, col): gc.text for row, col, _, _, gc in self.placed() if gc.role != "value"}

    def merges(self) -> set[tuple[int, int, int, int]]:
        return {(row, col, r2, c2) for row, col, r2, c2, _ in self.placed() if (r2, c2) != (row, col)}

    def last_row(self) -> int:
        return max([self.bottom, *(line.index for line in self.lines if not line.vertical)])

    def last_column(self) -> int:
        return max([self.right, *(line.index for line in self.lines if line.vertical)])


def check_label(code: Code) -> str:
    """A check line's caption from the registered description of its finding code."""
    return "核对：" + code.description.replace("不等于", "等于")


@cache
def table_layout(version: str, table_key: str) -> TableLayout:
    fmt = FORMATS[version]
    table = fmt.table(table_key)
    layout = TableLayout(fmt, table, table_sheet(fmt, table_key))
    for row, col, _, _, gc in layout.placed():
        if gc.role == "value" and gc.cell:
            layout.positions[gc.cell] = (row, col)
    codes: dict[Code, list[SumRule]] = {}
    for rule in fmt.rules:
        if rule.code.severity == "error" and all(c in layout.positions for c in (*rule.left, *rule.right)):
            codes.setdefault(rule.code, []).append(rule)
    next_row, next_col = layout.bottom + 2, layout.right + 1
    for code, rules in codes.items():
        spots = [layout.positions[r.cell] for r in rules]
        vertical = len({c for _, c in spots}) == 1 and len(rules) > 1
        if vertical:
            line = CheckLine(code.id, check_label(code), True, next_col)
            layout.checks += [Check(r, row, next_col) for r, (row, _) in zip(rules, spots, strict=True)]
            next_col += 1
        else:
            line = CheckLine(code.id, check_label(code), False, next_row)
            layout.checks += [Check(r, next_row, col) for r, (_, col) in zip(rules, spots, strict=True)]
            next_row += 1
        layout.lines.append(line)
    return layout


def table_layouts(fmt: Format) -> list[TableLayout]:
    return [table_layout(fmt.version, t.key) for t in fmt.tables]


def sum_formula(refs: list[tuple[int, int]]) -> str:
    """``SUM(D8:I8)``: the cells as few contiguous ranges as their order allows."""
    runs: list[list[tuple[int, int]]] = []
    for ref in refs:
        if runs:
            run = runs[-1]
            last = run[-1]
            step = (ref[0] - last[0], ref[1] - last[1])
            if step in ((1, 0), (0, 1)) and (len(run) == 1 or (run[1][0] - run[0][0], run[1][1] - run[0][1]) == step):
                run.append(ref)
                continue
        runs.append([ref])
    parts = [a1(*run[0]) + (f":{a1(*run[-1])}" if len(run) > 1 else "") for run in runs]
    return f"SUM({','.join(parts)})"


def check_formula(layout: TableLayout, rule: SumRule) -> str:
    left = sum_formula([layout.positions[c] for c in rule.left])
    right = sum_formula([layout.positions[c] for c in rule.right])
    relation = "<=" if rule.relation == "<=" else "="
    return f'=IF({left}{relation}{right},"{CHECK_OK}","{CHECK_FAIL}")'


def total_formula(layout: TableLayout, rule: SumRule) -> str:
    return "=" + sum_formula([layout.positions[c] for c in rule.right])
