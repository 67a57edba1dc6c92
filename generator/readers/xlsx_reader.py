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
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..cells import LIMIT, not_a_number, parse_date
from ..codes.output import XLSX_NAME_ELSEWHERE
from ..codes.reading import YEAR_REQUIRED, YEAR_TYPE
from ..codes.values import VALUE_NOT_NUMBER
from ..codes.xlsx import (
    XLSX_DATE,
    XLSX_FORMULA,
    XLSX_MACROS,
    XLSX_ROWS_IGNORED,
    XLSX_SHEET_MISSING,
    XLSX_UNIT,
)
from ..errors import InputError
from ..fileio import read_bytes
from ..findings import Source
from ..formats import FORMATS, Format
from ..report import Contact, InfoFees, Narrative, ReadResult, Report, Value, split_paragraphs
from ..workbook import layout as L
from ..workbook.archive import check_members, open_archive
from .xlsx_package import WINDOWS_EPOCH, Package, from_excel
from .xlsx_sheets import MAX_TEXT_ROWS, SEARCH_ROWS, integer_in, meta_fields, norm, number_in, own_cells
from .xlsx_tables import TableReading

__all__ = ["read_xlsx"]


def read_xlsx(path: Path) -> ReadResult:
    """Read ``path`` into a :class:`~generator.report.ReadResult` (same contract as every reader).

    Raises InputError when the file cannot be read at all.
    """
    file = str(path)
    data = read_bytes(path)
    opened = open_archive(data, file)
    try:
        archive = check_members(opened, file)
        package = Package(data, opened)
    except InputError:
        opened.close()
        raise
    except Exception as exc:  # a damaged file raises many kinds (zip, XML, missing parts); none may escape as a traceback
        opened.close()
        raise InputError("无法打开工作簿，文件可能已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx", file) from exc
    try:
        return _Reader(package, archive, file).read()
    except InputError:
        raise
    except Exception as exc:  # a damaged sheet found while reading: same treatment as above
        raise InputError("读取工作簿时出错，文件可能已损坏，请在 Excel 或 WPS 中打开后另存为 .xlsx", file) from exc
    finally:
        package.close()


class _Reader(TableReading):
    """One read: the open workbook, the cells read so far, findings and source locations."""

    # ------------------------------------------------------------ the whole read

    def read(self) -> ReadResult:
        if self.archive.has_macros:
            self.add(XLSX_MACROS)
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
            year=meta.get("year"),
            format=fmt.version,
            title=meta.get("title") or None,
            date=meta.get("date"),
            signature=meta.get("signature") or None,
            preface=preface,
            contact=contact if contact.name or contact.phone else None,
            text=Narrative(**text),
            cells=cells,
            units={k: v for k, v in units.items() if v},
            info_fees=InfoFees(**{k: v for k, v in fees.items() if v is not None}) if any(v is not None for v in fees.values()) else None,
        )
        return ReadResult(report=report, findings=self.findings, sources=self.sources, file=self.file)

    # ------------------------------------------------------------ format and 基本信息

    def format(self) -> Format:
        spot = self.meta_spot("format", next(f.label for f in meta_fields("2021") if f.path == "format"))
        if spot is not None:
            sheet, row, col = spot
            value = self.grid(sheet, max(row, SEARCH_ROWS), max(col, 5)).get((row, col), (None, "n"))[0]
            version = str(int(value)) if isinstance(value, int | float) else str(value or "").strip()
            if version in FORMATS:
                return FORMATS[version]
        for fmt in FORMATS.values():  # names of cells only one format has
            if any(cell_id in self.names for cell_id in own_cells(fmt.version)):
                return fmt
        for fmt in sorted(FORMATS.values(), key=lambda f: f.first_year, reverse=True):
            if self.locate_by_labels(L.table_layout(fmt.version, fmt.tables[0].key), quiet=True) is not None:
                return fmt
        raise InputError(f"无法确定报告格式：找不到“{L.META}”中的格式版本，也找不到标准的{fmt.tables[0].name}", self.file)

    def meta_spot(self, path: str, label: str) -> tuple[str, int, int] | None:
        """Where a 基本信息 field is: by its name when the name sits beside the field's label, else right of its
        label on the 基本信息 sheet (a name pointing elsewhere, e.g. into 填写说明, is a warning, never trusted)."""
        spot = self.cell_by_name(L.meta_name(path))
        if spot is not None:
            sheet, row, col = spot
            beside = self.grid(sheet, max(row, SEARCH_ROWS), max(col, 5)).get((row, L.META_LABEL_COLUMN), (None, "n"))[0]
            if isinstance(beside, str) and norm(beside) == norm(label):
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
            if col == L.META_LABEL_COLUMN and isinstance(value, str) and norm(value) == norm(label):
                return L.META, row, L.META_VALUE_COLUMN
        return None

    def meta(self, fmt: Format) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for field in meta_fields(fmt.version):
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
            if value is None or (isinstance(value, str) and not value.strip()):
                self.add(YEAR_REQUIRED, sheet, ref, hint=f"（“{L.META}”工作表的“{field.label}”），例如 2024")
                return None
            year = integer_in(value)
            if year is None:
                self.add(YEAR_TYPE, sheet, ref, shown=f"“{value}”")
            return year  # the validator checks the range
        if field.kind == "date":
            return self.date_value(value, sheet, ref)
        if field.kind in ("count", "amount"):
            if value is None or (isinstance(value, str) and not value.strip()):
                return None
            number = number_in(value)
            if number is None or number < 0 or number >= LIMIT or (field.kind == "count" and number != int(number)):
                what = "不小于 0 的整数" if field.kind == "count" else "不小于 0 的数字"
                self.add(VALUE_NOT_NUMBER, sheet, ref, place=f"“{field.label}”", reason=not_a_number(str(value), what))
                return None
            return int(number) if field.kind == "count" else Decimal(number)
        text = self.text_value(value, sheet, row, col, f"“{field.label}”")
        if field.path.startswith("units.") and text and text not in L.UNITS:
            allowed = "或".join(f"“{u}”" for u in L.UNITS)
            self.add(XLSX_UNIT, sheet, ref, cell=field.path[len("units.") :], label=field.label, allowed=allowed, text=text)
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
                converted = from_excel(value, WINDOWS_EPOCH, duration=False)
                return converted.date() if isinstance(converted, dt.datetime) else None
            date = parse_date(str(value))
            if date is not None:
                return date
        except (ValueError, OverflowError, TypeError):
            pass
        self.add(XLSX_DATE, sheet, ref, value=value)
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
            self.add(XLSX_SHEET_MISSING, name=standard)
            return ""
        self.sources[field] = self.source(sheet, first, text_col)
        last = first + MAX_TEXT_ROWS - 1
        grid = self.grid(sheet, last + 1, max(heading_col, text_col))
        self.warn_large(sheet)
        if any(row == last + 1 for row, _ in grid):
            self.add(XLSX_ROWS_IGNORED, sheet, name=sheet, limit=MAX_TEXT_ROWS, first=first, last=last)
        paragraphs: list[str] = []
        order = {heading_col: 0, text_col: 1}  # row by row, the heading column first
        filled = sorted((row, order[col], col) for row, col in grid if first <= row <= last and col in order)
        for row, _, col in filled:
            raw = grid[(row, col)]
            if raw[1] == "f":
                self.add(XLSX_FORMULA, sheet, L.a1(row, col), place="正文单元格", formula=raw[0], advice="请直接填写文字")
                continue
            text = self.text_value(raw[0], sheet, row, col, "正文单元格")
            for paragraph in split_paragraphs(text):  # blank lines inside a cell separate paragraphs, as in YAML
                self.sources[f"{field}.{len(paragraphs)}"] = self.source(sheet, row, col)  # where each paragraph was typed
                paragraphs.append(paragraph)
        return "\n\n".join(paragraphs)
