"""The annotated copy of a checked workbook: every cell with a finding highlighted and commented, plus a 校验结果 sheet."""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError
from ..fileio import OutputSet, read_bytes
from ..findings import Finding, Source
from . import layout as L
from . import styles as S
from .archive import inspect_archive
from .literal import as_text

SUFFIX = L.ANNOTATED_SUFFIX
MAX_ANNOTATED_XML = 30 * 1024 * 1024  # a workbook this large is not loaded whole just to annotate it
MAX_COMMENT = 2000


def annotated_path(path: Path) -> Path:
    """``<stem>.校验结果.xlsx`` beside the input (never the input itself)."""
    candidate = path.with_name(f"{path.stem}{SUFFIX}.xlsx")
    return candidate if candidate != path else path.with_name(f"{path.stem}{SUFFIX}{SUFFIX}.xlsx")


MARKER = "reportgen 校验结果"  # in the copy's document properties: how a later check knows the copy as its own


def is_annotated_copy(path: Path) -> bool:
    """Whether ``path`` is an annotated copy this tool wrote (its properties carry the marker and it has the 校验结果 sheet)."""
    if not path.is_file():
        return False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(path, read_only=True)
        try:
            return workbook.properties.keywords == MARKER and L.RESULTS in workbook.sheetnames
        finally:
            workbook.close()
    except Exception:  # unreadable: not ours to replace
        return False


def annotate(
    path: Path,
    findings: Sequence[Finding],
    *,
    sources: Mapping[str, Source] | None = None,
    inputs: Sequence[Path] = (),
    overwrite: bool = False,
    target: Path | None = None,
) -> Path:
    """Write the annotated copy of ``path`` (beside it, or to ``target``) and return its path; the input is never modified.

    Each finding's cell is marked, and so is every cell its rule involves (``related``, located by ``sources``).
    An existing copy is refused unless ``overwrite`` (the same rule as every other output).
    """
    file = str(path)
    target = target or annotated_path(path)
    protected = [path, *inputs]
    with OutputSet(protected, overwrite=overwrite) as out:
        out.check_target(target)
        data = read_bytes(path)
        archive = inspect_archive(data, file)
        if sum(archive.sizes.values()) > MAX_ANNOTATED_XML:
            raise InputError("工作簿内容过多，无法生成标注副本；请删除表格以外的多余内容后再试", file)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                workbook = load_workbook(io.BytesIO(data))
        except Exception as exc:  # a damaged file: never a traceback
            raise InputError("无法打开工作簿以生成标注副本：文件已损坏或不是标准的 .xlsx", file) from exc
        marked = _mark_cells(workbook, findings, sources or {})
        _results_sheet(workbook, findings, marked)
        workbook.properties.keywords = MARKER
        buffer = io.BytesIO()
        workbook.save(buffer)
        out.stage(target, buffer.getvalue())
        out.commit()
    return target


def _mark_cells(workbook: Workbook, findings: Sequence[Finding], sources: Mapping[str, Source]) -> set[tuple[str, str]]:
    """Fill and comment each cell that has a finding or that its rule involves; returns the (sheet, ref) pairs marked."""
    notes: dict[tuple[str, str], list[Finding]] = {}
    for finding in findings:
        places = [finding.source, *(sources.get(cell) for cell in finding.related)]
        for source in places:
            if source is None or not source.sheet or not source.ref or source.sheet not in workbook.sheetnames:
                continue
            ws: Worksheet = workbook[source.sheet]
            ref = _anchor(ws, source.ref)
            if ref is not None and finding not in notes.get((source.sheet, ref), []):
                notes.setdefault((source.sheet, ref), []).append(finding)
    for (sheet, ref), items in notes.items():
        cell = workbook[sheet][ref]
        error = any(f.severity == "error" for f in items)
        cell.fill = S.FINDING_FILL if error else S.WARNING_FILL
        text = "\n".join(f"{'错误' if f.severity == 'error' else '警告'} {f.code}：{f.message}" for f in items)
        if len(text) > MAX_COMMENT:
            text = text[:MAX_COMMENT] + "…"
        comment = Comment(text, "reportgen")
        comment.width = 320
        comment.height = min(60 + 18 * len(text) // 20, 400)
        cell.comment = comment
    return set(notes)


def _anchor(ws: Worksheet, ref: str) -> str | None:
    """The cell that shows ``ref``: itself, or the top-left of the merge it falls in."""
    try:
        cell = ws[ref]
    except (ValueError, IndexError, KeyError):
        return None
    if isinstance(cell, tuple):
        return None
    for merged in ws.merged_cells.ranges:
        if cell.coordinate in merged:
            return L.a1(merged.min_row, merged.min_col)
    return str(cell.coordinate)


def _results_sheet(workbook: Workbook, findings: Sequence[Finding], marked: set[tuple[str, str]]) -> None:
    if L.RESULTS in workbook.sheetnames:
        del workbook[L.RESULTS]
    ws = workbook.create_sheet(L.RESULTS, 0)
    for sheet in workbook.worksheets:
        sheet.sheet_view.tabSelected = False
    ws.sheet_view.tabSelected = True
    workbook.active = 0
    header = ("序号", "级别", "代码", "位置", "说明")
    for col, (text, width) in enumerate(zip(header, (6, 8, 24, 28, 100), strict=True), 1):
        cell = ws.cell(1, col, text)
        cell.font, cell.fill, cell.border, cell.alignment = S.BOLD, S.HEADER_FILL, S.BOX, S.CENTRE
        ws.column_dimensions[L.column_letter(col)].width = width
    if not findings:
        ws.cell(2, 1, "没有发现问题。").font = S.BODY
    for i, finding in enumerate(findings, 1):
        row = i + 1
        source = finding.source
        place = ""
        if source is not None and source.sheet:
            place = f"{source.sheet}!{source.ref}" if source.ref else source.sheet
        elif finding.cell:
            place = finding.cell
        values = (i, "错误" if finding.severity == "error" else "警告", finding.code, place, finding.message)
        for col, value in enumerate(values, 1):
            cell = as_text(ws.cell(row, col, value))
            cell.font, cell.border, cell.alignment = S.BODY, S.BOX, S.LEFT
        ws.cell(row, 2).fill = S.FINDING_FILL if finding.severity == "error" else S.WARNING_FILL
        if source is not None and source.sheet and source.ref and any(sheet == source.sheet for sheet, _ in marked):
            link = ws.cell(row, 4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"{L.quoted(source.sheet)}!{source.ref}")
            link.font = S.LINK
    ws.freeze_panes = "A2"
