"""Which files of an input folder are reports: the tool's own outputs and rosters are passed over, each with its reason."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError

OLD_WORKBOOKS = (".xls", ".et")


def passed_over(path: Path) -> str | None:
    """Why ``path``, found in an input folder, is not a report to read (None: it is one, or the reader will say)."""
    from .collect.roster import SHEET as ROSTER_SHEET
    from .collect.status import SHEET as STATUS_SHEET
    from .workbook.layout import ANNOTATED_SUFFIX
    from .workbook.layout import META as META_SHEET

    if path.name.endswith(f"{ANNOTATED_SUFFIX}.xlsx"):
        return "本工具写出的标注副本"
    if path.suffix.lower() != ".xlsx":
        return None
    from .fileio import read_bytes
    from .readers.xlsx_package import Package

    try:
        sheets = Package(read_bytes(path)).sheet_names()
    except Exception:  # not a readable workbook: the reader names what is wrong with it
        return None
    if STATUS_SHEET in sheets and META_SHEET not in sheets:
        return "collect 写出的提交情况"
    if ROSTER_SHEET in sheets and META_SHEET not in sheets:
        return "名单"
    return None


def folder_inputs(folder: Path, suffixes: Sequence[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The report files directly in ``folder`` (sorted) and the files passed over with the reason; a folder without any
    report raises InputError, with the 另存为 hint when it holds old-format workbooks."""
    files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith(("~$", ".")))
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for path in files:
        if path.suffix.lower() not in suffixes:
            continue
        why = passed_over(path)
        if why is None:
            found.append(path)
        else:
            skipped.append((path, why))
    if not found:
        old = [p for p in files if p.suffix.lower() in OLD_WORKBOOKS]
        if old:
            from .workbook.archive import SAVE_AS

            raise InputError(f"目录中只有旧版 Excel 97-2003（.xls）或 WPS（.et）格式的文件（{len(old)} 个），{SAVE_AS}", str(folder))
        told = f"；已跳过 {len(skipped)} 个本工具写出的文件或名单" if skipped else ""
        raise InputError(f"目录中没有可读取的输入文件（{'、'.join(suffixes)}）{told}", str(folder))
    return found, skipped


def skipped_lines(skipped: Iterable[tuple[Path, str]]) -> list[str]:
    return [f"已跳过 {path}（{why}，不是要检查的报告）" for path, why in skipped]
