"""The roster (名单) of units that must submit: read from .xlsx or .csv, and the empty one ``reportgen roster`` writes."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from ..codes.collect import ROSTER_NAME_DUPLICATE, ROSTER_NAME_EMPTY
from ..errors import InputError
from ..fileio import read_bytes
from ..findings import Finding, Source

NAME = "单位名称"
CATEGORY = "类别"
CONTACT = "联系人"
PHONE = "联系电话"
NOTE = "备注"
COLUMNS = (NAME, CATEGORY, CONTACT, PHONE, NOTE)
SHEET = "名单"
MAX_ROWS = 20000  # far more units than any 主管部门 has; the rest of a padded sheet is not read
INSTRUCTIONS = (
    "填写说明",
    "1. 在“名单”工作表中每行填写一个应报送年度报告的单位，第一行是列名，不要修改。",
    f"2. “{NAME}”必填，且不能重复；应与各单位报告中填写的机关名称一致（全称）。",
    f"3. “{CATEGORY}”可填本级、部门、乡镇、街道等，用于分组汇总和发布页面；“{CONTACT}”“{PHONE}”“{NOTE}”可不填。",
    "4. 填好后用于：reportgen template --roster 名单.xlsx（下发模板）、reportgen collect（收取核对）。",
)


@dataclass(frozen=True)
class Unit:
    """One roster row: a unit that must submit its report."""

    name: str
    category: str = ""
    contact: str = ""
    phone: str = ""
    note: str = ""
    row: int = 0  # row number in the roster file (the header is row 1)


@dataclass
class Roster:
    """The units in roster order, and the roster's own errors (empty or duplicate names)."""

    file: str
    units: list[Unit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)

    def categories(self) -> list[str]:
        return list(dict.fromkeys(u.category for u in self.units if u.category))


def normalise(name: str) -> str:
    """A name for matching: full-width folded to half-width, every space removed, case folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", name)).casefold()


def read_roster(path: Path) -> Roster:
    """Read ``path`` (.xlsx or .csv); raises InputError (exit 2) when it has no 单位名称 column or cannot be read."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(path)
    elif suffix in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        raise InputError(f"名单应为 .xlsx 或 .csv 文件，而不是“{path.suffix or '（无扩展名）'}”", str(path))
    return _parse(rows, str(path))


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    data = read_bytes(path)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly any byte string
        raise InputError("名单不是 UTF-8 或 GB18030 编码的文本，请另存为 CSV（UTF-8）", str(path))
    if "\x00" in text:
        raise InputError("名单不是文本文件，请另存为 CSV（UTF-8）或 .xlsx", str(path))
    try:
        return [(n, [_text(v) for v in row]) for n, row in enumerate(csv.reader(io.StringIO(text)), 1) if n <= MAX_ROWS]
    except csv.Error as exc:
        raise InputError(f"名单的 CSV 格式有误（{exc}）", str(path)) from exc


def _xlsx_rows(path: Path) -> list[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    from ..workbook.archive import inspect_archive

    data = read_bytes(path)
    inspect_archive(data, str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a damaged file: never a traceback
        raise InputError(f"无法打开名单工作簿，文件可能已损坏（{type(exc).__name__}）", str(path)) from exc
    try:
        ws = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        for n, row in enumerate(ws.iter_rows(max_row=MAX_ROWS, max_col=len(COLUMNS) + 20, values_only=True), 1):
            rows.append((n, [_text(v) for v in row]))
        return rows
    except Exception as exc:  # a damaged sheet: same treatment
        raise InputError(f"读取名单工作簿时出错（{type(exc).__name__}）", str(path)) from exc
    finally:
        workbook.close()


def _parse(rows: list[tuple[int, list[str]]], file: str) -> Roster:
    filled = [(n, cells) for n, cells in rows if any(cells)]
    if not filled:
        raise InputError(f"名单是空的：第一行应为列名，至少包括“{NAME}”", file)
    header_row, header = filled[0]
    columns = {name: header.index(name) for name in COLUMNS if name in header}
    if NAME not in columns:
        found = "、".join(f"“{h}”" for h in header if h) or "（无）"
        raise InputError(f"名单缺少“{NAME}”列；第{header_row}行找到的列：{found}", file)
    roster = Roster(file=file)
    first_row: dict[str, int] = {}
    for n, cells in filled[1:]:

        def get(column: str, cells: list[str] = cells) -> str:
            index = columns.get(column)
            return cells[index] if index is not None and index < len(cells) else ""

        name = get(NAME)
        source = Source(file=file, line=n)
        if not name:
            roster.findings.append(ROSTER_NAME_EMPTY(source=source, row=n))
            continue
        key = normalise(name)
        if key in first_row:
            roster.findings.append(ROSTER_NAME_DUPLICATE(source=source, row=n, name=name, first=first_row[key]))
            continue
        first_row[key] = n
        roster.units.append(Unit(name, get(CATEGORY), get(CONTACT), get(PHONE), get(NOTE), n))
    return roster


def write_roster_template(path: Path) -> None:
    """An empty roster with its column names and a 填写说明 sheet."""
    from openpyxl import Workbook

    from .sheets import put, put_row, save, widths

    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = SHEET
    put_row(ws, 1, COLUMNS, bold=True)
    widths(ws, (36, 10, 12, 16, 24))
    ws.freeze_panes = "A2"
    notes = workbook.create_sheet(INSTRUCTIONS[0])
    for n, line in enumerate(INSTRUCTIONS, 1):
        put(notes, n, 1, line)
    widths(notes, (100,))
    save(workbook, path)
