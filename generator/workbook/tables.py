"""The three tables of the template: grid, input cells with validation, and the check cells of the sum rules."""

from __future__ import annotations

import math

from openpyxl.cell.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..formats import Cell as CellSpec
from ..formats import Format, SumRule
from ..report import NOT_APPLICABLE
from ..values import defining_rules
from . import layout as L
from . import styles as S
from .prefill import Values
from .sheet import define_name, protect


def write_table(ws: Worksheet, fmt: Format, table_key: str, values: Values) -> None:
    layout = L.table_layout(fmt.version, table_key)
    workbook = ws.parent
    widths = [w * S.CHARS_PER_MM for w in layout.table.grid.widths]
    for i, width in enumerate(widths):
        ws.column_dimensions[L.column_letter(layout.left + i)].width = round(width, 2)
    part = next(p for p in fmt.parts if p.table == table_key)
    ws.cell(1, layout.left, part.heading).style = "rg-title"
    ws.cell(2, layout.left, _table_hint(fmt, layout)).style = "rg-note"
    ws.row_dimensions[1].height = 24
    rules = defining_rules(fmt)
    specs = fmt.cells()
    heights: dict[int, float] = {}
    for row, col, row2, col2, gc in layout.placed():
        cell = ws.cell(row, col)
        if (row2, col2) != (row, col):
            ws.merge_cells(start_row=row, start_column=col, end_row=row2, end_column=col2)
        if gc.role == "value" and gc.cell:
            _value_cell(cell, specs[gc.cell], values, rules, layout)
            define_name(workbook, gc.cell, L.absolute(ws.title, row, col))
            continue
        cell.value = gc.text
        cell.style = "rg-header" if gc.role == "header" else "rg-label"
        span = sum(widths[col - layout.left : col2 - layout.left + 1])
        need = S.LINE_HEIGHT * max(1, math.ceil(S.text_width(gc.text) / max(span - 1, 1))) + 4
        per_row = need / (row2 - row + 1)
        for r in range(row, row2 + 1):
            heights[r] = max(heights.get(r, 18.0), per_row)
    for row, height in heights.items():
        ws.row_dimensions[row].height = round(height, 1)
    _validations(ws, fmt, layout)
    _checks(ws, layout)
    ws.print_options.horizontalCentered = True
    ws.page_setup.orientation = "landscape" if layout.table.grid.columns > 10 else "portrait"
    protect(ws)


def _table_hint(fmt: Format, layout: L.TableLayout) -> str:
    specs = [fmt.cells()[c] for c in layout.positions]
    bits = ["浅黄色单元格填写数字（留空按 0 计）"]
    if any(s.column.not_applicable for s in specs):
        bits.append("不适用的可填“/”")
    if any(s.total for s in specs):
        bits.append("灰色“总计”由公式计算")
    if layout.checks:
        bits.append(f"“核对”显示 {L.CHECK_FAIL} 时勾稽关系不成立")
    return "；".join(bits) + "。"


def _value_cell(cell: Cell, spec: CellSpec, values: Values, rules: dict[str, SumRule], layout: L.TableLayout) -> None:
    if spec.total and spec.id in rules and spec.id not in values.typed_totals:
        cell.value = L.total_formula(layout, rules[spec.id])
        cell.style = "rg-total"
        return
    cell.value = values.cells.get(spec.id)
    cell.style = "rg-input-amount" if spec.kind == "amount" else "rg-input"


def _validations(ws: Worksheet, fmt: Format, layout: L.TableLayout) -> None:
    """Data validation per input cell kind; cells that may hold "/" get a custom formula each."""
    grouped: dict[str, DataValidation] = {}
    cells = fmt.cells()
    rules = defining_rules(fmt)
    for cell_id, (row, col) in layout.positions.items():
        spec = cells[cell_id]
        if spec.total and cell_id in rules:
            continue
        ref = L.a1(row, col)
        if spec.column.not_applicable:
            dv = _custom_validation(spec.kind, ref)
            ws.add_data_validation(dv)
            dv.add(ref)
            continue
        dv = grouped.get(spec.kind)
        if dv is None:
            dv = grouped[spec.kind] = _kind_validation(spec.kind)
            ws.add_data_validation(dv)
        dv.add(ref)


ERRORS = {
    "count": "请填写不小于 0 的整数（没有的填 0 或留空）",
    "signed": "请填写整数（减少时填负数）",
    "amount": "请填写不小于 0 的数字",
}


def _kind_validation(kind: str) -> DataValidation:
    if kind == "signed":
        dv = DataValidation("whole", operator="between", formula1="-999999999", formula2="999999999", allow_blank=True)
    elif kind == "amount":
        dv = DataValidation("decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    else:
        dv = DataValidation("whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    dv.error, dv.errorTitle, dv.showErrorMessage = ERRORS[kind], "填写有误", True
    return dv


def _custom_validation(kind: str, ref: str) -> DataValidation:
    if kind == "signed":
        test = f"AND(ISNUMBER({ref}),{ref}=INT({ref}))"
    elif kind == "amount":
        test = f"AND(ISNUMBER({ref}),{ref}>=0)"
    else:
        test = f"AND(ISNUMBER({ref}),{ref}>=0,{ref}=INT({ref}))"
    dv = DataValidation("custom", formula1=f'OR({ref}="{NOT_APPLICABLE}",{test})', allow_blank=True)
    dv.error, dv.errorTitle, dv.showErrorMessage = ERRORS[kind] + "，不适用的填“/”", "填写有误", True
    return dv


def _checks(ws: Worksheet, layout: L.TableLayout) -> None:
    for line in layout.lines:
        if line.vertical:
            col = line.index
            header_rows = max(layout.table.grid.header_rows, 1)
            ws.cell(layout.top, col, line.label).style = "rg-hint-centre"
            if header_rows > 1:
                ws.merge_cells(start_row=layout.top, start_column=col, end_row=layout.top + header_rows - 1, end_column=col)
            ws.column_dimensions[L.column_letter(col)].width = 12
        else:
            checks = [c for c in layout.checks if c.row == line.index]
            first = min(c.col for c in checks)
            end = max(layout.left, first - 1)
            ws.cell(line.index, layout.left, line.label).style = "rg-hint"
            if end > layout.left:
                ws.merge_cells(start_row=line.index, start_column=layout.left, end_row=line.index, end_column=end)
            span = sum(ws.column_dimensions[L.column_letter(c)].width or 8 for c in range(layout.left, end + 1))
            ws.row_dimensions[line.index].height = S.LINE_HEIGHT * max(1, math.ceil(S.text_width(line.label) * 0.9 / max(span, 1))) + 6
    refs = []
    for check in layout.checks:
        ws.cell(check.row, check.col, L.check_formula(layout, check.rule)).style = "rg-check"
        refs.append(L.a1(check.row, check.col))
    if refs:
        rule = CellIsRule(operator="equal", formula=[f'"{L.CHECK_FAIL}"'], fill=S.CHECK_FAIL_FILL, font=S.CHECK_FAIL_FONT)
        ws.conditional_formatting.add(" ".join(refs), rule)
