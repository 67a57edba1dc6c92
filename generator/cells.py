"""The one place where a raw input value (YAML, Excel, import) becomes a cell value, or a coded error.

Accepted, for every reader alike:

- ``None`` and blank text: the cell is absent (a missing cell counts as 0);
- numbers: ``int``, ``Decimal`` and finite ``float`` (Excel stores every number as a float, so an
  integral float such as ``3.0`` is a valid count; ``2.5`` is not);
- text that spells a number (``"3"``, ``"１２"``, ``"1,234"``, ``"12.35"``): officials paste numbers as
  text into Excel, and quoting a number in YAML is a harmless slip, so both are accepted as numbers;
- ``"/"`` (or full-width ``／``) where the column allows it (table 2).

Anything else is one of the codes in :data:`CODES`; ``bool`` is never a number.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import cast

from .formats import FORMATS, Cell
from .report import NOT_APPLICABLE, Value
from .values import display

VALUE_NOT_NUMBER = "VALUE-NOT-NUMBER"
VALUE_NEGATIVE = "VALUE-NEGATIVE"
VALUE_NOT_INTEGER = "VALUE-NOT-INTEGER"
VALUE_NOT_APPLICABLE = "VALUE-NOT-APPLICABLE"
CODES: dict[str, str] = {
    VALUE_NOT_NUMBER: "单元格的值不是数字",
    VALUE_NEGATIVE: "件数或金额为负数",
    VALUE_NOT_INTEGER: "件数不是整数",
    VALUE_NOT_APPLICABLE: "该单元格不能填写“/”",
}
LIMIT = Decimal(10) ** 15  # beyond any real figure; also keeps huge integers out of str() limits

NUMBER_TEXT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
EXPECTED = {"count": "非负整数", "signed": "整数", "amount": "数字"}
SHOWN_CHARS = 30  # longer text is cut in messages
QUANTITY = {"count": "件数", "signed": "数值", "amount": "金额"}


@dataclass(frozen=True)
class ParsedValue:
    """The outcome of parsing one raw value: a value (None = absent), or an error code and message."""

    value: Value | None = None
    code: str | None = None
    message: str | None = None

    @property
    def ok(self) -> bool:
        return self.code is None


def place(cell: Cell) -> str:
    """A cell as a Chinese location: ``表三“（一）予以公开”行“自然人”列``."""
    name = next((t.name for f in FORMATS.values() for t in f.tables if t.key == cell.table), cell.table)
    return f"{name}“{cell.row.full_label}”行“{cell.column.label}”列"


def parse_value(raw: object, cell: Cell) -> ParsedValue:
    """``raw`` as the value of ``cell``; never raises."""
    if raw is None:
        return ParsedValue()
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if not text:
            return ParsedValue()
        if text == NOT_APPLICABLE:
            if cell.column.not_applicable:
                return ParsedValue(cast(Value, NOT_APPLICABLE))
            return _error(VALUE_NOT_APPLICABLE, f"{place(cell)}：不能填写“/”，请填写数字（没有则填0）")
        if not NUMBER_TEXT.fullmatch(text):
            return _not_a_number(raw.strip(), cell)
        number = Decimal(text.replace(",", ""))
    elif isinstance(raw, bool):
        return _not_a_number(str(raw).upper(), cell)
    elif isinstance(raw, int):
        number = Decimal(raw)
    elif isinstance(raw, float):
        if not math.isfinite(raw):
            return _not_a_number(str(raw), cell)
        number = Decimal(str(raw))
    elif isinstance(raw, Decimal):
        if not raw.is_finite():
            return _not_a_number(str(raw), cell)
        number = raw
    else:
        return _not_a_number(str(raw), cell)
    return _number(number, cell)


def _number(number: Decimal, cell: Cell) -> ParsedValue:
    kind = cell.kind
    if abs(number) >= LIMIT:
        return _error(VALUE_NOT_NUMBER, f"{place(cell)}：数值大得不合理（{number.adjusted() + 1}位数），请检查")
    if kind != "signed" and number < 0:
        return _error(VALUE_NEGATIVE, f"{place(cell)}：{QUANTITY[kind]}（{display(number)}）不能为负数")
    if kind == "amount":
        return ParsedValue(number)
    try:
        integral = number == number.to_integral_value()
    except InvalidOperation:  # pragma: no cover - finite decimals always have an integral value
        integral = False
    if not integral:
        return _error(VALUE_NOT_INTEGER, f"{place(cell)}：{QUANTITY[kind]}（{display(number)}）应为整数")
    return ParsedValue(int(number))


def _not_a_number(shown: str, cell: Cell) -> ParsedValue:
    if len(shown) > SHOWN_CHARS:
        shown = shown[:SHOWN_CHARS] + "…"
    return _error(VALUE_NOT_NUMBER, f"{place(cell)}：“{shown}”不是{EXPECTED[cell.kind]}")


def _error(code: str, message: str) -> ParsedValue:
    return ParsedValue(None, code, message)
