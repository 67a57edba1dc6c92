"""The one place where a raw input value (YAML, Excel, import) becomes a cell value, or a coded error.

Accepted, for every reader alike:

- ``None`` and blank text: the cell is absent (a missing cell counts as 0);
- numbers: ``int``, ``Decimal`` and finite ``float`` (Excel stores every number as a float, so an
  integral float such as ``3.0`` is a valid count; ``2.5`` is not);
- text that spells a number (``"3"``, ``"１２"``, ``"1,234"``, ``"12.35"``): officials paste numbers as
  text into Excel, and quoting a number in YAML is a harmless slip, so both are accepted as numbers;
- ``"/"`` (or full-width ``／``) where the column allows it (table 2).

Anything else is one of the codes of :mod:`generator.codes.values`; ``bool`` is never a number.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, cast

from .codes.registry import Code
from .codes.values import VALUE_NEGATIVE, VALUE_NOT_APPLICABLE, VALUE_NOT_INTEGER, VALUE_NOT_NUMBER
from .findings import Finding, Source
from .formats import DATE_PATTERN, TABLE_NAMES, Cell
from .report import NOT_APPLICABLE, Value
from .values import display

LIMIT = Decimal(10) ** 15  # beyond any real figure; also keeps huge integers out of str() limits

DATE_TEXT = re.compile(DATE_PATTERN)
NUMBER_TEXT = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
EXPECTED = {"count": "非负整数", "signed": "整数", "amount": "数字"}
SHOWN_CHARS = 30  # longer text is cut in messages
QUANTITY = {"count": "件数", "signed": "数值", "amount": "金额"}


@dataclass(frozen=True)
class ParsedValue:
    """The outcome of parsing one raw value: a value (None = absent), or an error code and its message parameters."""

    value: Value | None = None
    code: Code | None = None
    params: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.code is None

    def finding(self, cell: Cell, source: Source | None = None) -> Finding:
        """The finding for a value that did not parse."""
        assert self.code is not None
        return self.code(cell=cell.id, source=source, **self.params)


def parse_date(text: str) -> dt.date | None:
    """A date as officials write it (``2020年1月17日``, ``2020-01-17``, ``2020/1/17``, ``2020.1.17``, full-width digits too), or None."""
    match = DATE_TEXT.fullmatch(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def place(cell: Cell) -> str:
    """A cell as a Chinese location: ``表三“（一）予以公开”行“自然人”列``."""
    return f"{TABLE_NAMES.get(cell.table, cell.table)}“{cell.row.full_label}”行“{cell.column.label}”列"


def parse_value(raw: object, cell: Cell) -> ParsedValue:
    """``raw`` as the value of ``cell``; never raises."""
    if type(raw) is Decimal and raw.is_finite():  # what the YAML reader gives: no other test applies
        return _number(raw, cell)
    if raw is None:
        return ParsedValue()
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if not text:
            return ParsedValue()
        if text == NOT_APPLICABLE:
            if cell.column.not_applicable:
                return ParsedValue(cast(Value, NOT_APPLICABLE))
            return _error(VALUE_NOT_APPLICABLE, place=place(cell))
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
        return _error(VALUE_NOT_NUMBER, place=place(cell), reason=too_large(number))
    if kind != "signed" and number < 0:
        return _error(VALUE_NEGATIVE, place=place(cell), quantity=QUANTITY[kind], value=display(number))
    if kind == "amount":
        return ParsedValue(number)
    try:
        integral = number == number.to_integral_value()
    except InvalidOperation:  # pragma: no cover - finite decimals always have an integral value
        integral = False
    if not integral:
        return _error(VALUE_NOT_INTEGER, place=place(cell), quantity=QUANTITY[kind], value=display(number))
    return ParsedValue(int(number))


def too_large(number: Decimal) -> str:
    """The reason given for a number beyond :data:`LIMIT`."""
    return f"数值大得不合理（{number.adjusted() + 1}位数），请检查"


def not_a_number(shown: str, expected: str) -> str:
    """The reason given for text that is no number: ``“五件”不是非负整数``."""
    if len(shown) > SHOWN_CHARS:
        shown = shown[:SHOWN_CHARS] + "…"
    return f"“{shown}”不是{expected}"


def invalid(cell: Cell, shown: str) -> ParsedValue:
    """The VALUE-NOT-NUMBER outcome for ``shown``, text that is not a value of ``cell``."""

    return _error(VALUE_NOT_NUMBER, place=place(cell), reason=not_a_number(shown, EXPECTED[cell.kind]))


def _not_a_number(shown: str, cell: Cell) -> ParsedValue:
    return invalid(cell, shown)


def _error(code: Code, **params: Any) -> ParsedValue:
    return ParsedValue(None, code, params)
