"""Read a filled-in workbook (.xlsx) into a Report: cells by defined name, or by the standard labels.

Choices (documented for users in the template's 填写说明):
- a formula typed into an input cell is an error (XLSX-FORMULA): cached values are never trusted;
  total cells are always recomputed from the leaves; a number typed over a total is kept as a
  typed total and checked by the validator;
- values are parsed by :func:`generator.cells.parse_value` like every reader's: blank is 0, numeric
  text ("12") is a number, other text is VALUE-NOT-NUMBER;
- .xlsm is read like .xlsx, macros are ignored (XLSX-MACROS warning); .xls, .et and
  password-protected files are refused with a Chinese reason (exit code 2);
- only a bounded area of each sheet is read, so a sheet padded with junk rows costs little.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel

from ..cells import LIMIT, VALUE_NOT_NUMBER, parse_value, place
from ..codes.output import XLSX_NAME_ELSEWHERE
from ..errors import InputError
from ..fileio import read_bytes
from ..findings import Finding, Severity, Source
from ..formats import FORMATS, Cell, Format
from ..report import Contact, InfoFees, Narrative, ReadResult, Report, Value
from ..validate import YEAR_RANGE
from ..workbook import layout as L
from ..workbook.archive import Archive, inspect_archive

XLSX_FORMULA = "XLSX-FORMULA"
XLSX_TEXT_TOO_LONG = "XLSX-TEXT-TOO-LONG"
XLSX_MERGED_INPUT = "XLSX-MERGED-INPUT"
XLSX_DATE = "XLSX-DATE"
XLSX_UNIT = "XLSX-UNIT"
XLSX_NAMES_MISSING = "XLSX-NAMES-MISSING"
XLSX_LABELS = "XLSX-LABELS"
XLSX_MERGES = "XLSX-MERGES"
XLSX_MACROS = "XLSX-MACROS"
XLSX_SHEET_MISSING = "XLSX-SHEET-MISSING"
XLSX_SHEET_LARGE = "XLSX-SHEET-LARGE"
XLSX_ROWS_IGNORED = "XLSX-ROWS-IGNORED"
CODES: dict[str, str] = {
    XLSX_FORMULA: "工作簿的填写单元格中是公式，应直接填写数字或文字",
    XLSX_TEXT_TOO_LONG: "工作簿单元格的文字超过 32767 个字符",
    XLSX_MERGED_INPUT: "工作簿的填写单元格被合并进其他单元格，其中的数字无法读取",
    XLSX_DATE: "工作簿中的成文日期无法识别",
    XLSX_UNIT: "工作簿中的金额单位不是“元”或“万元”",
    XLSX_NAMES_MISSING: "工作簿缺少模板的单元格名称，已按标准标签定位（警告）",
    XLSX_LABELS: "按标签定位时，表格有个别标签与标准格式不同（警告）",
    XLSX_MERGES: "表格的合并单元格与标准格式不同（警告）",
    XLSX_MACROS: "工作簿包含宏，宏不会运行（警告）",
    XLSX_SHEET_MISSING: "工作簿缺少某个正文工作表，该部分按空白处理（警告）",
    XLSX_SHEET_LARGE: "工作表数据量异常大，表格和正文以外的内容已忽略（警告）",
    XLSX_ROWS_IGNORED: "正文工作表超过 2000 行，其后的内容未读取（警告）",
}

TEXT_LIMIT = 32767  # an Excel cell holds at most this many characters
SEARCH_ROWS = 300  # area searched for labels when names are lost
SEARCH_COLUMNS = 40
MAX_TEXT_ROWS = 2000  # paragraph rows read from a narrative sheet
MERGE_SCAN_LIMIT = 5 * 1024 * 1024  # sheets with more XML than this are not scanned for merges
LARGE_SHEET = 5 * 1024 * 1024  # a sheet with more XML than this holds content reportgen does not read
LABEL_MATCH = 0.9  # share of a table's labels that must match when located by labels
ALIASES = {"社会组织": "社会公益组织"}
MERGE_RE = re.compile(rb"<(?:\w+:)?mergeCell\s+ref=\"([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)\"")
DATE_RE = re.compile(r"^\s*(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?\s*$")

Grid = dict[tuple[int, int], tuple[Any, str]]  # (row, col) -> (value, openpyxl data type)
Located = tuple[str, dict[str, tuple[int, int]], tuple[int, int] | None]  # sheet, value positions, grid offset if by labels


def read_xlsx(path: Path) -> ReadResult:
    """Read ``path``; raises InputError when the file cannot be read at all."""
    file = str(path)
    data = read_bytes(path)
    archive = inspect_archive(data, file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops (data validation, etc.)
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; none may escape as a traceback
        raise InputError("无法打开工作簿，文件可能已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx", file) from exc
    try:
        return _Reader(workbook, archive, data, file).read()
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet found while reading: same treatment as above
        raise InputError("读取工作簿时出错，文件可能已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx", file) from exc
    finally:
        workbook.close()


class _Reader:
    """One read: the open workbook, the cells read so far, findings and source locations."""

    def __init__(self, workbook: Any, archive: Archive, data: bytes, file: str):
        self.wb = workbook
        self.archive = archive
        self.data = data
        self.file = file
        self.findings: list[Finding] = []
        self.sources: dict[str, Source] = {}
        self.grids: dict[str, tuple[int, int, Grid]] = {}
        self.names = self._names()
        self.names_missing_warned = False
        self.large_warned: set[str] = set()

    # ------------------------------------------------------------ helpers

    def add(
        self, code: str, severity: Severity, message: str, sheet: str | None = None, ref: str | None = None, cell: str | None = None
    ) -> None:
        source = Source(file=self.file, sheet=sheet, ref=ref)
        self.findings.append(Finding(code=code, severity=severity, message=message, cell=cell, source=source))

    def source(self, sheet: str, row: int, col: int) -> Source:
        return Source(file=self.file, sheet=sheet, ref=L.a1(row, col))

    def sheet_names(self) -> list[str]:
        """The worksheets (chart sheets hold no cells)."""
        return [ws.title for ws in self.wb.worksheets]

    def grid(self, sheet: str, rows: int, cols: int) -> Grid:
        """The non-empty cells of ``sheet`` within ``rows`` x ``cols`` (read once, cached)."""
        cached = self.grids.get(sheet)
        if cached and cached[0] >= rows and cached[1] >= cols:
            return cached[2]
        out: Grid = {}
        ws = self.wb[sheet]
        for r, row in enumerate(ws.iter_rows(min_row=1, max_row=rows, min_col=1, max_col=cols), 1):
            for c, cell in enumerate(row, 1):
                value = getattr(cell, "value", None)
                if value is not None:
                    out[(r, c)] = (value, getattr(cell, "data_type", "n"))
        self.grids[sheet] = (rows, cols, out)
        return out

    def _names(self) -> dict[str, tuple[str, tuple[int, int, int, int]]]:
        """Workbook defined names that point at one cell or range of an existing sheet: name -> (sheet, bounds)."""
        out: dict[str, tuple[str, tuple[int, int, int, int]]] = {}
        sheets = set(self.sheet_names())
        for name, defined in self.wb.defined_names.items():
            try:
                destinations = list(defined.destinations)
                if len(destinations) != 1:
                    continue
                sheet, ref = destinations[0]
                min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
            except (ValueError, TypeError, AttributeError):
                continue
            if sheet in sheets and None not in (min_col, min_row, max_col, max_row):
                out[name] = (sheet, (min_row, min_col, max_row, max_col))
        return out

    def cell_by_name(self, name: str) -> tuple[str, int, int] | None:
        found = self.names.get(name)
        if found is None:
            return None
        sheet, (row, col, _, _) = found
        return sheet, row, col

    def warn_names_missing(self, what: str) -> None:
        if not self.names_missing_warned:
            self.names_missing_warned = True
            self.add(
                XLSX_NAMES_MISSING,
                "warning",
                f"工作簿缺少 reportgen 模板的单元格名称（{what}），已按标准标签定位；"
                "请核对读取结果，建议使用 reportgen template 生成的模板",
            )

    def warn_large(self, sheet: str) -> None:
        """A sheet with far more XML than its table or text needs: only the expected area was read."""
        size = self.archive.sizes.get(getattr(self.wb[sheet], "_worksheet_path", ""), 0)
        if size > LARGE_SHEET and sheet not in self.large_warned:
            self.large_warned.add(sheet)
            message = f"工作表“{sheet}”的数据量异常大（约 {size // 1024 // 1024} MB），表格和正文以外的内容已忽略，请删除多余的行"
            self.add(XLSX_SHEET_LARGE, "warning", message, sheet)

    def text_value(self, value: Any, sheet: str, row: int, col: int, what: str) -> str:
        """A cell as text; over-long text is an error and reads as empty."""
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        text = str(value)
        if len(text) > TEXT_LIMIT:
            self.add(
                XLSX_TEXT_TOO_LONG,
                "error",
                f"{what}有 {len(text)} 个字符，超过单元格上限 {TEXT_LIMIT}",
                sheet,
                L.a1(row, col),
            )
            return ""
        return text.strip()

    # ------------------------------------------------------------ the whole read

    def read(self) -> ReadResult:
        if self.archive.has_macros:
            self.add(XLSX_MACROS, "warning", "工作簿包含宏（VBA），reportgen 不运行宏，只读取单元格内容")
        fmt = self.format()
        meta = self.meta(fmt)
        cells: dict[str, Value] = {}
        for table in fmt.tables:
            cells.update(self.table(fmt, table.key))
        text = {part.key: self.narrative_sheet(part.key, L.text_sheet(fmt, part.key), field=f"text.{part.key}") for part in fmt.parts}
        preface = self.preface(meta.pop("preface", ""))
        contact = Contact(name=meta.pop("contact.name", None), phone=meta.pop("contact.phone", None))
        units = {path[len("units.") :]: meta.pop(path) for path in list(meta) if path.startswith("units.")}
        fees = {path[len("info_fees.") :]: meta.pop(path) for path in list(meta) if path.startswith("info_fees.")}
        report = Report(
            agency=meta.get("agency") or "",
            year=meta.get("year") or 0,
            format=fmt.version,
            title=meta.get("title") or None,
            date=meta.get("date"),
            signature=meta.get("signature") or None,
            preface=preface,
            contact=contact if contact.name or contact.phone else None,
            text=Narrative(**text),
            cells=cells,
            units={k: v for k, v in units.items() if v},
            info_fees=InfoFees(**{k: v or 0 for k, v in fees.items()}) if any(v is not None for v in fees.values()) else None,
        )
        return ReadResult(report=report, findings=self.findings, sources=self.sources, file=self.file)

    # ------------------------------------------------------------ format and 基本信息

    def format(self) -> Format:
        spot = self.meta_spot("format", next(f.label for f in L.meta_fields(FORMATS["2021"]) if f.path == "format"))
        if spot is not None:
            sheet, row, col = spot
            value = self.grid(sheet, max(row, SEARCH_ROWS), max(col, 5)).get((row, col), (None, "n"))[0]
            version = str(int(value)) if isinstance(value, int | float) else str(value or "").strip()
            if version in FORMATS:
                return FORMATS[version]
        for fmt in FORMATS.values():  # names of cells only one format has
            others = {c for f in FORMATS.values() if f is not fmt for c in f.cells()}
            if any(cell_id in self.names for cell_id in fmt.cells() if cell_id not in others):
                return fmt
        for fmt in sorted(FORMATS.values(), key=lambda f: f.first_year, reverse=True):
            if self.locate_by_labels(L.table_layout(fmt.version, fmt.tables[0].key), quiet=True) is not None:
                return fmt
        raise InputError(f"无法确定报告格式：找不到“{L.META}”中的格式版本，也找不到标准的表二", self.file)

    def meta_spot(self, path: str, label: str) -> tuple[str, int, int] | None:
        """Where a 基本信息 field is: by its name when the name sits beside the field's label, else right of its
        label on the 基本信息 sheet (a name pointing elsewhere, e.g. into 填写说明, is a warning, never trusted)."""
        spot = self.cell_by_name(L.meta_name(path))
        if spot is not None:
            sheet, row, col = spot
            beside = self.grid(sheet, max(row, SEARCH_ROWS), max(col, 5)).get((row, L.META_LABEL_COLUMN), (None, "n"))[0]
            if isinstance(beside, str) and _norm(beside) == _norm(label):
                return spot
            self.findings.append(
                XLSX_NAME_ELSEWHERE(
                    name=L.meta_name(path),
                    target=f"{sheet}!{L.a1(row, col)}",
                    sheet=L.META,
                    label=label,
                    source=self.source(sheet, row, col),
                )
            )
        if L.META not in self.sheet_names():
            return None
        grid = self.grid(L.META, SEARCH_ROWS, 5)
        for (row, col), (value, _) in sorted(grid.items()):
            if col == L.META_LABEL_COLUMN and isinstance(value, str) and _norm(value) == _norm(label):
                return L.META, row, L.META_VALUE_COLUMN
        return None

    def meta(self, fmt: Format) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in L.meta_fields(fmt):
            spot = self.meta_spot(field.path, field.label)
            if spot is None:
                if field.path in ("agency", "year"):
                    raise InputError(f"找不到“{L.META}”工作表中的“{field.label}”", self.file)
                continue
            if field.path != "format" and not self.names.get(L.meta_name(field.path)):
                self.warn_names_missing(f"“{L.META}”")
            sheet, row, col = spot
            self.sources[field.path] = self.source(sheet, row, col)
            value = self.grid(sheet, max(row, SEARCH_ROWS), max(col, 5)).get((row, col), (None, "n"))[0]
            out[field.path] = self.meta_value(field, value, sheet, row, col)
        return out

    def meta_value(self, field: L.MetaField, value: Any, sheet: str, row: int, col: int) -> Any:
        ref = L.a1(row, col)
        if field.kind == "year":
            year = _integer(value)
            if year is None:
                shown = "空白" if value is None else f"“{value}”"
                self.add(YEAR_RANGE, "error", f"报告年度{shown}不是四位数的年份", sheet, ref)
                return 0
            return year
        if field.kind == "date":
            return self.date_value(value, sheet, ref)
        if field.kind in ("count", "amount"):
            if value is None or (isinstance(value, str) and not value.strip()):
                return None
            number = _number(value)
            if number is None or number < 0 or number >= LIMIT or (field.kind == "count" and number != int(number)):
                what = "不小于 0 的整数" if field.kind == "count" else "不小于 0 的数字"
                self.add(VALUE_NOT_NUMBER, "error", f"“{field.label}”的值“{value}”不是{what}", sheet, ref)
                return None
            return int(number) if field.kind == "count" else Decimal(number)
        text = self.text_value(value, sheet, row, col, f"“{field.label}”")
        if field.path.startswith("units.") and text and text not in L.UNITS:
            message = f"“{field.label}”应为“元”或“万元”，填写的是“{text}”"
            self.add(XLSX_UNIT, "error", message, sheet, ref, cell=field.path[len("units.") :])
            return ""
        return text

    def date_value(self, value: Any, sheet: str, ref: str) -> dt.date | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            if isinstance(value, int | float) and 1 < value < 2958466:
                converted = from_excel(value)
                return converted.date() if isinstance(converted, dt.datetime) else None
            match = DATE_RE.match(unicodedata.normalize("NFKC", str(value)))
            if match:
                return dt.date(*(int(g) for g in match.groups()))
        except (ValueError, OverflowError, TypeError):
            pass
        self.add(XLSX_DATE, "error", f"成文日期“{value}”无法识别，请填写如 2026年1月20日", sheet, ref)
        return None

    def preface(self, choice: str) -> str:
        if choice == L.PREFACE_NONE:
            return ""
        if choice == L.PREFACE_CUSTOM:
            return self.narrative_sheet("preface", L.PREFACE, field="preface")
        if choice in ("", L.PREFACE_AUTO):
            return "auto"
        return choice  # own text typed straight into the 序言 cell

    # ------------------------------------------------------------ narrative

    def narrative_sheet(self, key: str, standard: str, *, field: str) -> str:
        """Paragraphs of a narrative sheet: column A (standalone subheading) and column B, row by row."""
        named = self.names.get(L.text_name(key))
        if named is not None and named[0] != standard and standard in self.sheet_names():
            self.findings.append(
                XLSX_NAME_ELSEWHERE(
                    name=L.text_name(key), target=named[0], sheet=standard, label="正文", source=Source(file=self.file, sheet=named[0])
                )
            )
            named = None
        if named is not None:
            sheet, (first, heading_col, _, text_col) = named
        elif standard in self.sheet_names():
            sheet, first, heading_col, text_col = standard, L.TEXT_FIRST_ROW, L.HEADING_COLUMN, L.PARAGRAPH_COLUMN
        else:
            self.add(XLSX_SHEET_MISSING, "warning", f"找不到工作表“{standard}”，该部分按空白处理")
            return ""
        self.sources[field] = self.source(sheet, first, text_col)
        last = first + MAX_TEXT_ROWS - 1
        grid = self.grid(sheet, last + 1, max(heading_col, text_col))
        self.warn_large(sheet)
        if any(row == last + 1 for row, _ in grid):
            self.add(XLSX_ROWS_IGNORED, "warning", f"工作表“{sheet}”的正文超过 {MAX_TEXT_ROWS} 行，只读取了第 {first}—{last} 行", sheet)
        paragraphs: list[str] = []
        for row in range(first, last + 1):
            for col in (heading_col, text_col):
                raw = grid.get((row, col))
                if raw is None:
                    continue
                if raw[1] == "f":
                    self.add(XLSX_FORMULA, "error", f"正文单元格填写的是公式“{raw[0]}”，请直接填写文字", sheet, L.a1(row, col))
                    continue
                text = self.text_value(raw[0], sheet, row, col, "正文单元格")
                paragraphs.extend(_paragraphs(text))
        return "\n\n".join(paragraphs)

    # ------------------------------------------------------------ tables

    def table(self, fmt: Format, table_key: str) -> dict[str, Value]:
        layout = L.table_layout(fmt.version, table_key)
        located: Located | None = self.locate_by_names(layout)
        if located is None:
            located = self.locate_by_labels(layout)
            if located is None:
                raise InputError(
                    f"找不到{layout.table.name}（{layout.table.title}）：工作表“{layout.sheet}”不存在或表格标签被改动，"
                    "请使用 reportgen template 生成的模板",
                    self.file,
                )
            self.warn_names_missing(layout.table.name)
        sheet, positions, offset = located
        self.warn_large(sheet)
        self.check_merges(layout, sheet, positions, offset)
        rows = max(r for r, _ in positions.values())
        cols = max(c for _, c in positions.values())
        grid = self.grid(sheet, max(rows, SEARCH_ROWS), max(cols, SEARCH_COLUMNS)) if offset is not None else self.grid(sheet, rows, cols)
        cells: dict[str, Value] = {}
        specs = fmt.cells()
        for cell_id, (row, col) in positions.items():
            self.sources[cell_id] = self.source(sheet, row, col)
            raw = grid.get((row, col))
            if raw is None:
                continue
            value = self.cell_value(fmt, specs[cell_id], raw, sheet, row, col)
            if value is not None:
                cells[cell_id] = value
        return cells

    def locate_by_names(self, layout: L.TableLayout) -> Located | None:
        positions: dict[str, tuple[int, int]] = {}
        sheets = set()
        for cell_id in layout.positions:
            spot = self.cell_by_name(cell_id)
            if spot is None:
                return None
            sheets.add(spot[0])
            positions[cell_id] = (spot[1], spot[2])
        if len(sheets) != 1:
            return None
        return sheets.pop(), positions, None

    def locate_by_labels(self, layout: L.TableLayout, *, quiet: bool = False) -> Located | None:
        """Find the table's printed labels on some sheet; the value cells sit where the grid puts them."""
        expected = {pos: _norm(text) for pos, text in layout.texts().items() if _norm(text)}
        by_text: dict[str, list[tuple[int, int]]] = {}
        for pos, text in expected.items():
            by_text.setdefault(text, []).append(pos)
        sheets = sorted(self.sheet_names(), key=lambda s: s != layout.sheet)
        best: tuple[int, str, tuple[int, int]] | None = None
        for sheet in sheets:
            if sheet in (L.INSTRUCTIONS, L.META, L.RESULTS):
                continue
            grid = self.grid(sheet, SEARCH_ROWS, SEARCH_COLUMNS)
            votes: Counter[tuple[int, int]] = Counter()
            for (row, col), (value, _) in grid.items():
                if isinstance(value, str):
                    for r, c in by_text.get(_norm(value), ()):
                        votes[(row - r, col - c)] += 1
            if votes:
                offset, count = votes.most_common(1)[0]
                if best is None or count > best[0]:
                    best = (count, sheet, offset)
        if best is None or best[0] < LABEL_MATCH * len(expected):
            return None
        count, sheet, (dr, dc) = best
        if not quiet and count < len(expected):
            grid = self.grid(sheet, SEARCH_ROWS, SEARCH_COLUMNS)
            wrong = [
                f"{L.a1(r + dr, c + dc)}应为“{text}”"
                for (r, c), text in expected.items()
                if _norm(str(grid.get((r + dr, c + dc), ("", ""))[0])) != text
            ]
            self.add(
                XLSX_LABELS,
                "warning",
                f"{layout.table.name}有 {len(wrong)} 个标签与标准格式不同（{'；'.join(wrong[:5])}），请核对",
                sheet,
            )
        positions = {cell_id: (r + dr, c + dc) for cell_id, (r, c) in layout.positions.items()}
        return sheet, positions, (dr, dc)

    def check_merges(
        self, layout: L.TableLayout, sheet: str, positions: dict[str, tuple[int, int]], offset: tuple[int, int] | None
    ) -> None:
        """Warn when the table's merged cells differ from the standard; an input cell swallowed by a merge is an error."""
        if offset is None:
            # located by names: the grid origin follows from any value cell
            cell_id, (row, col) = next(iter(positions.items()))
            base = layout.positions[cell_id]
            offset = (row - base[0], col - base[1])
        dr, dc = offset
        merges = self.merges(sheet)
        if merges is None:
            return
        top, left = layout.top + dr, layout.left + dc
        bottom, right = layout.bottom + dr, layout.right + dc
        actual = {m for m in merges if not (m[2] < top or m[0] > bottom or m[3] < left or m[1] > right)}
        expected = {(r1 + dr, c1 + dc, r2 + dr, c2 + dc) for r1, c1, r2, c2 in layout.merges()}
        if actual != expected:
            extra = sorted(actual - expected)
            missing = sorted(expected - actual)
            bits = []
            if extra:
                bits.append("多出合并 " + "、".join(_range(m) for m in extra[:5]))
            if missing:
                bits.append("缺少合并 " + "、".join(_range(m) for m in missing[:5]))
            message = f"{layout.table.name}的合并单元格与标准格式不同（{'；'.join(bits)}），已按单元格位置读取"
            self.add(XLSX_MERGES, "warning", message, sheet)
        for cell_id, (row, col) in positions.items():
            for r1, c1, r2, c2 in actual - expected:
                if r1 <= row <= r2 and c1 <= col <= c2 and (row, col) != (r1, c1):
                    self.add(
                        XLSX_MERGED_INPUT,
                        "error",
                        f"{layout.table.name}的填写单元格 {L.a1(row, col)} 被合并进 {_range((r1, c1, r2, c2))}，"
                        "其中的数字无法读取，请取消合并",
                        sheet,
                        L.a1(row, col),
                        cell=cell_id,
                    )

    def merges(self, sheet: str) -> set[tuple[int, int, int, int]] | None:
        """The merged ranges of a sheet, read from its XML; None when the sheet is too large to scan."""
        path = getattr(self.wb[sheet], "_worksheet_path", None)
        if not path:
            return None
        size = self.archive.sizes.get(path, 0)
        if size > MERGE_SCAN_LIMIT:
            return None
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            xml = archive.read(path)
        out = set()
        for match in MERGE_RE.finditer(xml):
            min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode())
            out.add((min_row, min_col, max_row, max_col))
        return out

    def cell_value(self, fmt: Format, spec: Cell, raw: tuple[Any, str], sheet: str, row: int, col: int) -> Value | None:
        """A table cell's value; None for blank, for a total's formula and for what is reported as a finding."""
        value, kind = raw
        ref = L.a1(row, col)
        if kind == "f" or not isinstance(value, str | int | float | dt.date | bool):
            if spec.total:
                return None  # the template's formula: recomputed from the leaves
            formula = value if isinstance(value, str) else "公式"
            message = f"{place(spec)}：填写的是公式“{_short(formula)}”，请直接填写数字，不要填写公式"
            self.add(XLSX_FORMULA, "error", message, sheet, ref, cell=spec.id)
            return None
        if kind == "e" or isinstance(value, dt.date):  # an error value such as #REF!, or a date typed into a count
            shown = value.isoformat() if isinstance(value, dt.date) else value
            self.add(VALUE_NOT_NUMBER, "error", f"{place(spec)}：“{shown}”不是数字", sheet, ref, cell=spec.id)
            return None
        if isinstance(value, str) and len(value) > TEXT_LIMIT:
            self.add(XLSX_TEXT_TOO_LONG, "error", f"{place(spec)}：有 {len(value)} 个字符，超过单元格上限", sheet, ref, cell=spec.id)
            return None
        parsed = parse_value(value, spec)
        if parsed.code:
            self.add(parsed.code, "error", parsed.message or "", sheet, ref, cell=spec.id)
            return None
        return parsed.value


def _number(value: Any) -> Decimal | None:
    """A finite number of sensible size (text with at most 40 characters), or None."""
    if isinstance(value, bool):
        return None
    text = repr(value) if isinstance(value, int | float) else unicodedata.normalize("NFKC", str(value)).strip().replace(",", "")
    if len(text) > 40:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() and number.adjusted() < 30 else None


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 20 else text[:20] + "…"


def _integer(value: Any) -> int | None:
    number = _number(unicodedata.normalize("NFKC", value).strip().rstrip("年") if isinstance(value, str) else value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def _norm(text: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFC", text))
    return ALIASES.get(text, text)


def _paragraphs(text: str) -> Iterable[str]:
    """A cell's text as paragraphs: blank lines inside a cell separate paragraphs, as in YAML."""
    return [p for p in ("".join(line.strip() for line in block.splitlines()) for block in re.split(r"\n\s*\n", text)) if p]


def _range(bounds: tuple[int, int, int, int]) -> str:
    r1, c1, r2, c2 = bounds
    return f"{L.a1(r1, c1)}:{L.a1(r2, c2)}"
