"""The summary of a collection: 提交情况.xlsx (sheet 提交情况) and 提交情况.html, one row per unit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..formats import FORMATS, Figure
from .collect import Collection, Entry

SHEET = "提交情况"
NOTES_SHEET = "说明"
NAME, STATE = "单位名称", "状态"  # the columns another run reads back (aggregate's reasons for units left out)
COLUMNS = ("序号", NAME, "类别", STATE, "文件", "错误数", "警告数", "主要问题", "下一步")
WIDTHS = (6, 30, 8, 10, 36, 8, 8, 60, 40)
FIGURE_WIDTH = 12
COLUMN_CLASSES = {
    "序号": "num",
    "单位名称": "name",
    "状态": "state",
    "文件": "files",
    "错误数": "num",
    "警告数": "num",
    "主要问题": "problems",
    "下一步": "step",
}
STEP_COLUMN = COLUMNS.index("下一步") + 1
STATE_COLUMN = COLUMNS.index(STATE) + 1
# the fills of the html page's 状态 cells, for the workbook too (aRGB without the alpha)
STATE_FILLS = {
    "通过": "DFF0D8",
    "有警告": "FCF8E3",
    "有错误": "F2DEDE",
    "无法读取": "F2DEDE",
    "重复提交": "F2DEDE",
    "年度不符": "F2DEDE",
    "未提交": "E8E8E8",
    "不在名单": "E8E8E8",
}


def figure_columns() -> list[Figure]:
    """The key figures of every format version, each once, in declared order."""
    seen: dict[str, Figure] = {}
    for fmt in FORMATS.values():
        for figure in fmt.key_figures:
            seen.setdefault(figure.key, figure)
    return list(seen.values())


def header() -> list[str]:
    return [*COLUMNS, *(f.label for f in figure_columns())]


def cells(entry: Entry, step: str = "") -> list[str | int | Decimal | None]:
    """One row's values: text as text, counts and amounts as numbers, a figure the file lacks left empty."""
    figures = entry.figures()
    files = "\n".join(str(p) for p in entry.files)
    fixed: list[str | int | Decimal | None] = [
        entry.number,
        entry.name,
        entry.category,
        entry.state,
        files,
        entry.errors,
        entry.warnings,
        entry.problems(),
        step,
    ]
    return fixed + [figures.get(f.key) for f in figure_columns()]


def year_line(collection: Collection) -> str:
    if collection.year is None:
        return "报告年度：无法确定（没有可读取的文件）"
    how = "（按多数文件的年度推定）" if collection.year_inferred else ""
    return f"报告年度：{collection.year}年{how}"


def write_status_xlsx(collection: Collection, target: Path, built: bool = False) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, PatternFill

    from .sheets import put, put_row, save, widths
    from .steps import next_step

    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = SHEET
    put_row(ws, 1, header(), bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for n, entry in enumerate(collection.entries, 2):
        step, link = next_step(entry, collection, built)
        put_row(ws, n, cells(entry, step))
        for col in (5, 8, STEP_COLUMN):
            ws.cell(row=n, column=col).alignment = wrap
        if link:
            ws.cell(row=n, column=STEP_COLUMN).hyperlink = link
        if entry.state in STATE_FILLS:
            ws.cell(row=n, column=STATE_COLUMN).fill = PatternFill("solid", fgColor=STATE_FILLS[entry.state])
    widths(ws, (*WIDTHS, *(FIGURE_WIDTH,) * len(figure_columns())))
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = ws.dimensions
    notes = workbook.create_sheet(NOTES_SHEET)
    lines = [year_line(collection), collection.summary()]
    if collection.locks:
        lines.append(f"已跳过 {len(collection.locks)} 个 Excel 临时文件（~$ 开头，文件正在 Excel 中打开时产生）")
    from .notes import inbox_notes

    lines += inbox_notes(collection)
    for n, line in enumerate(lines, 1):
        put(notes, n, 1, line)
    widths(notes, (100,))
    save(workbook, target)
    return target


def write_status_html(collection: Collection, target: Path, built: bool = False) -> Path:
    from ..fileio import write_atomic
    from ..render.jinja import render_template
    from ..values import display
    from .steps import next_step

    classes = [COLUMN_CLASSES.get(c, "") for c in COLUMNS] + ["num"] * len(figure_columns())
    rows = []
    for e in collection.entries:
        step, link = next_step(e, collection, built)
        shown = ["" if v is None else display(v) if isinstance(v, int | Decimal) else v for v in cells(e, step)]
        rows.append([(v, k, link if k == "step" else None) for v, k in zip(shown, classes, strict=True)])
    states = [e.state for e in collection.entries]
    html = render_template(
        "collect/status.html.j2",
        title=f"{collection.year}年度政府信息公开工作年度报告提交情况" if collection.year else "政府信息公开工作年度报告提交情况",
        year_line=year_line(collection),
        summary=collection.summary(),
        header=header(),
        fills=STATE_FILLS,
        rows=list(zip(states, rows, strict=True)),
    )
    write_atomic(target, html)
    return target
