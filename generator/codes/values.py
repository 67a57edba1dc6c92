"""Finding codes for a raw value that is not a valid cell value, whichever reader met it."""

from __future__ import annotations

from .registry import define

AREA = "values"

VALUE_NOT_NUMBER = define("VALUE-NOT-NUMBER", "error", "单元格的值不是数字，或大得不合理", "{place}：{reason}", area=AREA)
VALUE_NOT_INTEGER = define("VALUE-NOT-INTEGER", "error", "件数不是整数", "{place}：{quantity}（{value}）应为整数", area=AREA)
VALUE_NEGATIVE = define("VALUE-NEGATIVE", "error", "件数或金额为负数", "{place}：{quantity}（{value}）不能为负数", area=AREA)
VALUE_NOT_APPLICABLE = define(
    "VALUE-NOT-APPLICABLE", "error", "该单元格不能填写“/”", "{place}：不能填写“/”，请填写数字（没有则填0）", area=AREA
)
