"""Write the Excel workbook officials fill in: instructions, 基本信息, narrative sheets and the three tables."""

from __future__ import annotations

import datetime as dt
import io
import math
import os
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import cast

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.functions import tostring

from ..errors import InputError
from ..fileio import write_atomic
from ..formats import FORMATS, Format, SumRule, carry_rules
from ..formats import Cell as CellSpec
from ..report import NOT_APPLICABLE, Report, Value, split_paragraphs
from ..validate import FIRST_YEAR, LAST_YEAR
from ..values import Derived, complete, defining_rules, number
from ..view import classify
from . import layout as L
from . import styles as S

EXCEL_TEXT_LIMIT = 32767  # characters a cell can hold; Excel asks to repair a file with more
PREFACE_CHOICE = {"auto": L.PREFACE_AUTO, "": L.PREFACE_NONE}
CORE_PROPERTIES = "docProps/core.xml"


def write_template(
    path: Path,
    *,
    version: str,
    year: int,
    agency: str = "",
    previous: Report | None = None,
    report: Report | None = None,
    appendix: tuple[str, Sequence[str], Sequence[Sequence[object]]] | None = None,
) -> None:
    """Write the workbook for ``version``/``year`` to ``path`` (atomically).

    ``report`` fills every field (sample workbooks, ``import -o x.xlsx``); ``previous`` is
    last year's report and pre-fills what follows from it (carry rules, agency details).
    """
    if version not in FORMATS:
        raise InputError(f"未知的格式版本“{version}”，可选：{'、'.join(FORMATS)}", str(path))
    fmt = FORMATS[version]
    values = _values(fmt, year, agency, previous, report)
    workbook = _build(fmt, values, report)
    if appendix is not None:
        _appendix(workbook.create_sheet(appendix[0]), appendix[1], appendix[2])
    write_atomic(path, _deterministic(workbook))


def _appendix(ws: Worksheet, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """An extra sheet of rows (e.g. 汇总来源); text stays text, never a formula."""
    for r, row in enumerate([header, *rows], 1):
        for c, value in enumerate(row, 1):
            cell = ws.cell(r, c)
            cell.value = _clean(value) if isinstance(value, str) else value
            if isinstance(value, str):
                cell.data_type = "s"
            if r == 1:
                cell.font = S.BOLD
        ws.column_dimensions[L.column_letter(1)].width = 36


# ---------------------------------------------------------------- what goes into the cells


class _Values:
    """Everything the workbook shows, by field path / cell id, before it is laid out."""

    def __init__(self) -> None:
        self.meta: dict[str, object] = {}
        self.cells: dict[str, Value] = {}
        self.typed_totals: set[str] = set()
        self.text: dict[str, list[str]] = {}


def _values(fmt: Format, year: int, agency: str, previous: Report | None, report: Report | None) -> _Values:
    out = _Values()
    out.meta.update({"agency": agency, "year": year, "format": fmt.version, "preface": L.PREFACE_AUTO})
    if previous is not None:
        out.meta["agency"] = agency or previous.agency
        out.meta["signature"] = previous.signature
        if previous.contact:
            out.meta["contact.name"] = previous.contact.name
            out.meta["contact.phone"] = previous.contact.phone
        for cell_id, unit in previous.units.items():
            out.meta[f"units.{cell_id}"] = unit
        out.cells.update(_carried(fmt, previous))
    if report is not None:
        _from_report(fmt, report, out)
    return out


def _carried(fmt: Format, previous: Report) -> dict[str, Value]:
    """Starting values that follow from last year: each carry rule's cell gets the sum of last year's cells."""
    prev_fmt = previous.spec
    last = complete(previous, prev_fmt)
    out: dict[str, Value] = {}
    for rule in carry_rules(fmt):
        if not all(c in last for c in rule.previous):
            continue
        given = [last[c] for c in rule.previous]
        if all(v == NOT_APPLICABLE for v in given):
            out[rule.cell] = cast(Value, NOT_APPLICABLE)
        else:
            out[rule.cell] = sum((number(v) for v in given), 0)
    known = fmt.cells()
    return {c: v for c, v in out.items() if c in known and not known[c].total}


def _from_report(fmt: Format, report: Report, out: _Values) -> None:
    preface = PREFACE_CHOICE.get(report.preface, L.PREFACE_CUSTOM)
    out.meta.update(
        {
            "agency": report.agency,
            "year": report.year,
            "title": report.title,
            "date": report.date,
            "signature": report.signature,
            "preface": preface,
            "contact.name": report.contact.name if report.contact else None,
            "contact.phone": report.contact.phone if report.contact else None,
        }
    )
    if preface == L.PREFACE_CUSTOM:
        out.text["preface"] = split_paragraphs(report.preface)
    for cell_id, unit in report.units.items():
        out.meta[f"units.{cell_id}"] = unit
    if report.info_fees is not None:
        out.meta.update({f"info_fees.{k}": v for k, v in report.info_fees.model_dump().items()})
    for part in fmt.parts:
        out.text[part.key] = report.text.paragraphs(part.key)
    known = fmt.cells()
    derived = Derived(fmt, report.cells)
    for cell_id, value in report.cells.items():
        if cell_id not in known:
            continue
        if known[cell_id].total:
            # a typed total that agrees with its parts is shown by the formula; one that does not is kept
            if cell_id in defining_rules(fmt) and number(value) == derived[cell_id]:
                continue
            out.typed_totals.add(cell_id)
        out.cells[cell_id] = value


# ---------------------------------------------------------------- the workbook


def _build(fmt: Format, values: _Values, report: Report | None) -> Workbook:
    workbook = Workbook()
    for style in S.named_styles():
        workbook.add_named_style(style)
    instructions = workbook.active
    assert instructions is not None
    instructions.title = L.INSTRUCTIONS
    _instructions(instructions, fmt, values)
    _meta(workbook.create_sheet(L.META), fmt, values)
    _narrative(workbook, L.PREFACE, "preface", values.text.get("preface", []), "序言（只有在“基本信息”中选择使用本表时才采用）")
    for part in fmt.parts:
        if part.table:
            _table(workbook.create_sheet(L.table_sheet(fmt, part.table)), fmt, part.table, values)
        sheet = L.text_sheet(fmt, part.key)
        caption = part.heading + ("（必填）" if part.required else "（可不填）")
        if part.table:
            caption = f"{part.heading}：表格之后的说明文字（可不填）"
        _narrative(workbook, sheet, part.key, values.text.get(part.key, []), caption)
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 1
    return workbook


def _protect(ws: Worksheet, *, rows_editable: bool = False) -> None:
    """Lock structure (no password) and print each sheet one page wide."""
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    if rows_editable:
        ws.protection.insertRows = False


def _clean(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub("", text)


def _text_cell(text: str, where: str) -> str:
    text = _clean(text)
    if len(text) > EXCEL_TEXT_LIMIT:
        raise InputError(f"{where}的文字有{len(text)}个字符，超过 Excel 单元格上限 {EXCEL_TEXT_LIMIT}，请分段")
    return text


def _name(workbook: Workbook, name: str, destination: str) -> None:
    workbook.defined_names[name] = DefinedName(name, attr_text=destination)


def _instructions(ws: Worksheet, fmt: Format, values: _Values) -> None:
    year = values.meta.get("year")
    t3 = fmt.table("applications")
    partial = t3.row("partially_disclosed").label
    sheets = "、".join(f"“{L.table_sheet(fmt, t.key)}”" for t in fmt.tables)
    texts = "、".join(f"“{L.text_sheet(fmt, p.key)}”" for p in fmt.parts if not p.table)
    lines: list[tuple[str, str | None]] = [
        (f"{year}年度政府信息公开工作年度报告 填写说明", "rg-title"),
        (
            f"本工作簿按{fmt.version}年格式（{fmt.notice}）编制。填好后运行：reportgen build 本文件.xlsx"
            "（只检查：reportgen check 本文件.xlsx）。",
            None,
        ),
        ("一、在哪里填写", "rg-bold"),
        ("1. 浅黄色单元格为填写区域，其他单元格已锁定（工作表保护没有设置密码）。请不要插入或删除表格的行列、不要改动合并单元格。", None),
        (
            f"2. “{L.META}”：机关名称、报告年度、成文日期、署名、填报人和序言选项" + ("，以及信息处理费。" if fmt.fee_sentence else "。"),
            None,
        ),
        (
            f"3. {texts}：正文，每行一段。A 列可填独立成段的小标题（如“（一）主动公开”），B 列填段落；"
            "同一行 A、B 都填时，小标题在前、段落在后。“（一）组织领导。我办……”这样连在段首的小标题直接写在 B 列。",
            None,
        ),
        (f"4. {sheets}：三张统计表，与正式报告中的表格一致；表格之后的说明文字（可不填）写在对应的“（说明）”工作表。", None),
        ("二、怎样填数字", "rg-bold"),
        ("1. 件数填不小于 0 的整数；没有的填 0 或留空（留空按 0 计算）。请直接填写数字，不要填写公式。", None),
        ("2. 表二的单元格可以填“/”表示不适用（例如没有规章制定权）；“本年增/减”可以为负数；金额可以有小数，单位见表头。", None),
        (
            f"3. 灰色单元格（总计）由公式自动计算，不必填写。表格右侧和下方的“核对”单元格显示 {L.CHECK_OK} 表示勾稽关系成立，"
            f"显示红色 {L.CHECK_FAIL} 表示不成立，需要修改。",
            None,
        ),
        ("4. 表三每一列：第一项加第二项之和，等于第三项（（七）总计）加第四项之和。", None),
        (f"5. 区分处理的申请只计入“{partial}”，不再计入“不予公开”“无法提供”等其他情形。", None),
        ("6. 正文中写到的数字（如收到申请件数、行政复议件数、结转件数）应与表格一致，reportgen 会核对。", None),
        ("三、发布时限（《中华人民共和国政府信息公开条例》第四十九条）", "rg-bold"),
        (f"1. 政府部门：{_next(year)}年1月31日前向社会公布本部门上一年度报告，并报本级政府信息公开工作主管部门。", None),
        (f"2. 县级以上地方人民政府的政府信息公开工作主管部门：{_next(year)}年3月31日前公布本级政府上一年度报告。", None),
        ("各地规定的时间可能更早，请以本地通知为准。", None),
    ]
    if fmt.fee_sentence:
        fee = (
            "7. 信息处理费（国办函〔2020〕109号）在“基本信息”填写，报告第六部分将写明收费情况；"
            "因逾期未缴费而不再处理的申请计入表三（六）2。"
        )
        lines.insert(14, (fee, None))
    ws.column_dimensions["A"].width = 110
    for i, (text, style) in enumerate(lines, 1):
        ws.cell(i, 1, text).style = style or "rg-text"
        ws.row_dimensions[i].height = S.LINE_HEIGHT * max(1, math.ceil(S.text_width(text) / 110)) + 4
    _protect(ws)


def _next(year: object) -> str:
    return str(year + 1) if isinstance(year, int) else "次"


def _meta(ws: Worksheet, fmt: Format, values: _Values) -> None:
    workbook = ws.parent
    for col, (text, width) in enumerate((("项目", 34), ("填写内容", 40), ("说明", 70)), 1):
        ws.cell(1, col, text).style = "rg-header"
        ws.column_dimensions[L.column_letter(col)].width = width
    positions = L.meta_positions(fmt)
    for meta in L.meta_fields(fmt):
        row, col = positions[meta.path]
        ws.cell(row, L.META_LABEL_COLUMN, meta.label).style = "rg-label"
        ws.cell(row, L.META_HINT_COLUMN, meta.hint).style = "rg-hint"
        cell = ws.cell(row, col)
        value = values.meta.get(meta.path)
        if isinstance(value, str):
            value = _text_cell(value, f"“{L.META}”中“{meta.label}”")
        cell.value = value if value not in ("",) else None
        cell.style = "rg-fixed" if meta.kind == "fixed" else "rg-input-date" if meta.kind == "date" else "rg-input-left"
        _meta_validation(ws, meta, L.a1(row, col))
        ws.row_dimensions[row].height = 22
        _name(workbook, L.meta_name(meta.path), L.absolute(ws.title, row, col))
    _protect(ws)


def _meta_validation(ws: Worksheet, meta: L.MetaField, ref: str) -> None:
    if meta.kind == "year":
        dv = DataValidation("whole", operator="between", formula1=str(FIRST_YEAR), formula2=str(LAST_YEAR), allow_blank=True)
        dv.error = "请填写四位数的年度，如 2025"
    elif meta.kind == "choice":
        dv = DataValidation("list", formula1='"' + ",".join(meta.choices) + '"', allow_blank=True)
        dv.error = "请从下拉列表中选择：" + "、".join(meta.choices)
    elif meta.kind == "count":
        dv = DataValidation("whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        dv.error = "请填写不小于 0 的整数"
    elif meta.kind == "amount":
        dv = DataValidation("decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        dv.error = "请填写不小于 0 的数字"
    else:
        return
    dv.errorTitle = "填写有误"
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(ref)


def _narrative(workbook: Workbook, title: str, key: str, paragraphs: Sequence[str], caption: str) -> None:
    ws = workbook.create_sheet(title)
    heads = ("小标题（可不填，独立成段）", caption + "：正文段落，每行一段")
    widths = (26, 100)
    for col, (text, width) in enumerate(zip(heads, widths, strict=True), 1):
        ws.cell(1, col, text).style = "rg-column-header"
        column = ws.column_dimensions[L.column_letter(col)]
        column.width = width
        # the whole column is an unlocked input area: a column style costs nothing per row
        column.font, column.fill, column.border, column.alignment, column.protection = S.BODY, S.INPUT_FILL, S.BOX, S.TOP_LEFT, S.UNLOCKED
    ws.row_dimensions[1].height = 30
    rows = paragraph_rows(paragraphs)
    for i, pair in enumerate(rows):
        row = L.TEXT_FIRST_ROW + i
        for col, value in zip((L.HEADING_COLUMN, L.PARAGRAPH_COLUMN), pair, strict=True):
            ws.cell(row, col, _text_cell(value, f"“{title}”第{row}行") or None).style = "rg-input-text"
        # Excel and LibreOffice do not fit row heights to wrapped text on opening: estimate them
        lines = max(math.ceil(S.text_width(text) / (width - 2)) for text, width in zip(pair, widths, strict=True))
        ws.row_dimensions[row].height = min(409, S.LINE_HEIGHT * max(lines, 1) + 4)
    last = L.TEXT_FIRST_ROW + max(L.TEXT_ROWS, len(rows) + 50) - 1
    _name(workbook, L.text_name(key), L.absolute(title, L.TEXT_FIRST_ROW, L.HEADING_COLUMN, last, L.PARAGRAPH_COLUMN))
    ws.freeze_panes = "A2"
    _protect(ws, rows_editable=True)


def paragraph_rows(paragraphs: Sequence[str]) -> list[tuple[str, str]]:
    """Paragraphs as (subheading, paragraph) rows: a standalone heading shares its row with the paragraph after it."""
    rows: list[tuple[str, str]] = []
    i = 0
    while i < len(paragraphs):
        text = paragraphs[i]
        if classify(text).standalone:
            following = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
            if following is not None and not classify(following).standalone:
                rows.append((text, following))
                i += 2
                continue
            rows.append((text, ""))
        else:
            rows.append(("", text))
        i += 1
    return rows


# ---------------------------------------------------------------- tables


def _table(ws: Worksheet, fmt: Format, table_key: str, values: _Values) -> None:
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
            _name(workbook, gc.cell, L.absolute(ws.title, row, col))
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
    _protect(ws)


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


def _value_cell(cell: Cell, spec: CellSpec, values: _Values, rules: dict[str, SumRule], layout: L.TableLayout) -> None:
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


# ---------------------------------------------------------------- reproducible bytes


def _deterministic(workbook: Workbook) -> bytes:
    """The .xlsx bytes with fixed document times and zip entry dates, so the same input gives the same file."""
    stamp = _timestamp()
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "reportgen"
    workbook.properties.lastModifiedBy = "reportgen"
    raw = io.BytesIO()
    workbook.save(raw)  # sets properties.modified to the clock: core.xml is rewritten below
    workbook.properties.modified = stamp
    core = tostring(workbook.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, core if info.filename == CORE_PROPERTIES else source.read(info.filename))
    return out.getvalue()


deterministic_bytes = _deterministic  # public name for other writers of reproducible workbooks


def _timestamp() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


# ---------------------------------------------------------------- plain row export


def write_rows(path: Path, sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """One sheet of rows (used by ``reportgen export -o x.xlsx``); numeric text is stored as numbers."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = S.BOLD
    for row in rows:
        ws.append([_as_number(v) for v in row])
    ws.freeze_panes = "A2"
    write_atomic(path, _deterministic(workbook))


def _as_number(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit() and len(text) < 16:
            return int(text)
        try:
            if text and text.replace(".", "", 1).lstrip("-").isdigit():
                return Decimal(text)
        except ArithmeticError:
            return value
        return _clean(value)
    return value
