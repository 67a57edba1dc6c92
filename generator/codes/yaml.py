"""Finding codes of the YAML reader: keys, types, dates and units of a YAML input."""

from __future__ import annotations

from .registry import define

AREA = "yaml"

KEY_UNKNOWN = define("KEY-UNKNOWN", "error", "未知字段（附“是否应为”提示）", "{inside}未知字段“{key}”{hint}", area=AREA)
KEY_TYPE = define("KEY-TYPE", "error", "字段的类型不对，如应为键值映射却是列表", "{problem}", area=AREA)
KEY_DUPLICATE = define(
    "KEY-DUPLICATE", "error", "同一层中字段重复出现", "{inside}字段“{key}”重复出现（第一次在第{first}行），只保留第一次的值", area=AREA
)
DATE_INVALID = define(
    "DATE-INVALID", "error", "成文日期不是有效日期", "成文日期（date）应为有效日期，例如 2020-01-17，实际是{shown}", area=AREA
)
UNIT_INVALID = define(
    "UNIT-INVALID", "error", "金额单位不是允许的单位", "“{label}”的金额单位（{key}）应为{allowed}，实际是{shown}", area=AREA
)
