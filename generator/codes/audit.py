"""Finding codes of auditing published reports: the checks third-party evaluators make, and a folder's files."""

from __future__ import annotations

from .registry import define

AREA = "audit"

AUDIT_YEAR = define(
    "AUDIT-YEAR",
    "warning",
    "正文把上一年写在了报告年度的位置（疑似沿用上年报告）",
    "{part}写的是“{written}”，而报告年度是 {year} 年（疑似沿用上年报告未改年份）：{excerpt}",
    area=AREA,
)
AUDIT_PART_EMPTY = define(
    "AUDIT-PART-EMPTY",
    "warning",
    "“存在的主要问题及改进情况”只写“无”",
    "“{heading}”{state}：第三方评估要求写明存在的主要问题和改进情况",
    area=AREA,
)
AUDIT_OLD_NOTICE = define(
    "AUDIT-OLD-NOTICE",
    "warning",
    "引用的年度报告格式通知不是该年度应当适用的版本",
    "{year} 年度报告应依据{right}编制，正文却引用了{wrong}（沿用了旧模板）",
    area=AREA,
)
AUDIT_COPIED = define(
    "AUDIT-COPIED",
    "warning",
    "正文与同一机关上年报告高度相似（疑似照搬上年报告）",
    "{part}与上年报告的相似度为 {ratio:.0%}（{threshold:.0%} 及以上视为照搬上年）",
    area=AREA,
)
AUDIT_NOT_REPORT = define(
    "AUDIT-NOT-REPORT",
    "warning",
    "文件夹中的这个文件不是年度报告，已跳过",
    "已跳过：{reason}",
    area=AREA,
)
AUDIT_UNREADABLE = define(
    "AUDIT-UNREADABLE",
    "error",
    "文件无法读取为年度报告",
    "{reason}",
    area=AREA,
)
