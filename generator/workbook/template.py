"""Write the Excel workbook officials fill in: instructions, 基本信息, narrative sheets and the three tables."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from openpyxl import Workbook
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError
from ..fileio import write_atomic
from ..formats import FIRST_YEAR, FORMATS, LAST_YEAR, Format
from ..report import Report
from ..view import classify
from . import layout as L
from . import styles as S
from .files import deterministic_bytes, write_rows
from .literal import as_text, set_text
from .prefill import Values, cell_values
from .sheet import clean_text, define_name, protect, text_cell
from .tables import write_table

Appendix = tuple[str, Sequence[str], Sequence[Sequence[object]]]  # an extra sheet: its name, header row and rows


def write_template(
    path: Path,
    *,
    version: str,
    year: int,
    agency: str = "",
    previous: Report | None = None,
    report: Report | None = None,
    appendix: Appendix | Sequence[Appendix] | None = None,
) -> None:
    """Write the workbook for ``version``/``year`` to ``path`` (atomically).

    ``report`` fills every field (sample workbooks, ``import -o x.xlsx``); ``previous`` is
    last year's report and pre-fills what follows from it (carry rules, agency details).
    """
    if version not in FORMATS:
        raise InputError(f"未知的格式版本“{version}”，可选：{'、'.join(FORMATS)}", str(path))
    write_atomic(path, template_bytes(version=version, year=year, agency=agency, previous=previous, report=report, appendix=appendix))


def template_bytes(
    *,
    version: str,
    year: int,
    agency: str = "",
    previous: Report | None = None,
    report: Report | None = None,
    appendix: Appendix | Sequence[Appendix] | None = None,
) -> bytes:
    """The bytes :func:`write_template` writes (``version`` must be known)."""
    fmt = FORMATS[version]
    values = cell_values(fmt, year, agency, previous, report)
    workbook = _build(fmt, values, report)
    extra = [] if not appendix else [appendix] if isinstance(appendix[0], str) else appendix
    for name, header, rows in cast("Sequence[Appendix]", extra):
        _appendix(workbook.create_sheet(name), header, rows)
    return deterministic_bytes(workbook)


def extra_sheets(data: bytes, version: str, year: int) -> list[Appendix]:
    """The sheets of a workbook that its template does not have (汇总来源 and the like), as appendices to write again."""
    import io

    from openpyxl import load_workbook

    own = set(load_workbook(io.BytesIO(template_bytes(version=version, year=year))).sheetnames) | {L.RESULTS}
    book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out: list[Appendix] = []
    for ws in book.worksheets:
        if ws.title in own:
            continue
        rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
        if rows:
            out.append((ws.title, [str(v) for v in rows[0]], rows[1:]))
    book.close()
    return out


def _appendix(ws: Worksheet, header: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """An extra sheet of rows (e.g. 汇总来源); text from inputs stays text, never a formula."""
    for r, row in enumerate([header, *rows], 1):
        for c, value in enumerate(row, 1):
            set_text(ws.cell(r, c), clean_text(value) if isinstance(value, str) else value)
            if r == 1:
                ws.cell(r, c).font = S.BOLD
    ws.column_dimensions[L.column_letter(1)].width = 36


def _build(fmt: Format, values: Values, report: Report | None) -> Workbook:
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
            write_table(workbook.create_sheet(L.table_sheet(fmt, part.table)), fmt, part.table, values)
        sheet = L.text_sheet(fmt, part.key)
        caption = part.heading + ("（必填）" if part.required else "（可不填）")
        if part.table:
            caption = f"{part.heading}：表格之后的说明文字（可不填）"
        _narrative(workbook, sheet, part.key, values.text.get(part.key, []), caption)
    workbook.security = WorkbookProtection(lockStructure=True)
    workbook.active = 1
    return workbook


def _instructions(ws: Worksheet, fmt: Format, values: Values) -> None:
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
        *_rules(fmt, partial),
        ("三、发布时限（《中华人民共和国政府信息公开条例》第四十九条）", "rg-bold"),
        (f"1. 政府部门：{_next(year)}年1月31日前向社会公布本部门上一年度报告，并报本级政府信息公开工作主管部门。", None),
        (f"2. 县级以上地方人民政府的政府信息公开工作主管部门：{_next(year)}年3月31日前公布本级政府上一年度报告。", None),
        ("各地规定的时间可能更早，请以本地通知为准。", None),
    ]
    ws.column_dimensions["A"].width = 110
    for i, (text, style) in enumerate(lines, 1):
        ws.cell(i, 1, text).style = style or "rg-text"
        ws.row_dimensions[i].height = S.LINE_HEIGHT * max(1, math.ceil(S.text_width(text) / 110)) + 4
    protect(ws)


def _rules(fmt: Format, partial: str) -> list[tuple[str, None]]:
    """The declaration's rules, numbered, with the workbook's own note on the check cells as the third."""
    checks = (
        f"灰色单元格（总计）由公式自动计算，不必填写。表格右侧和下方的“核对”单元格显示 {L.CHECK_OK} 表示勾稽关系成立，"
        f"显示红色 {L.CHECK_FAIL} 表示不成立，需要修改。"
    )
    rules = [rule.format(partial=partial) for rule in fmt.filling_rules]
    rules.insert(2, checks)
    return [(f"{n}. {rule}", None) for n, rule in enumerate(rules, 1)]


def _next(year: object) -> str:
    return str(year + 1) if isinstance(year, int) else "次"


def _meta(ws: Worksheet, fmt: Format, values: Values) -> None:
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
            value = text_cell(value, f"“{L.META}”中“{meta.label}”")
        set_text(cell, value if value not in ("",) else None)
        cell.style = "rg-fixed" if meta.kind == "fixed" else "rg-input-date" if meta.kind == "date" else "rg-input-left"
        _meta_validation(ws, meta, L.a1(row, col))
        ws.row_dimensions[row].height = 22
        define_name(workbook, L.meta_name(meta.path), L.absolute(ws.title, row, col))
    protect(ws)


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
            as_text(ws.cell(row, col, text_cell(value, f"“{title}”第{row}行") or None)).style = "rg-input-text"
        # Excel and LibreOffice do not fit row heights to wrapped text on opening: estimate them
        lines = max(math.ceil(S.text_width(text) / (width - 2)) for text, width in zip(pair, widths, strict=True))
        ws.row_dimensions[row].height = min(409, S.LINE_HEIGHT * max(lines, 1) + 4)
    last = L.TEXT_FIRST_ROW + max(L.TEXT_ROWS, len(rows) + 50) - 1
    define_name(workbook, L.text_name(key), L.absolute(title, L.TEXT_FIRST_ROW, L.HEADING_COLUMN, last, L.PARAGRAPH_COLUMN))
    ws.freeze_panes = "A2"
    protect(ws, rows_editable=True)


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


__all__ = ["paragraph_rows", "write_rows", "write_template"]
