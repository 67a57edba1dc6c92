"""Helpers every sheet writer uses: protection, text that is safe in a cell, defined names."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import InputError

EXCEL_TEXT_LIMIT = 32767  # characters a cell can hold; Excel asks to repair a file with more


def protect(ws: Worksheet, *, rows_editable: bool = False) -> None:
    """Lock structure (no password) and print each sheet one page wide."""
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    if rows_editable:
        ws.protection.insertRows = False


def clean_text(text: str) -> str:
    return str(ILLEGAL_CHARACTERS_RE.sub("", text))


def text_cell(text: str, where: str) -> str:
    text = clean_text(text)
    if len(text) > EXCEL_TEXT_LIMIT:
        raise InputError(f"{where}的文字有{len(text)}个字符，超过 Excel 单元格上限 {EXCEL_TEXT_LIMIT}，请分段")
    return text


def define_name(workbook: Workbook, name: str, destination: str) -> None:
    workbook.defined_names[name] = DefinedName(name, attr_text=destination)
