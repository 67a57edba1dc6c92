"""Finding codes for importing and auditing published reports in bulk."""

from __future__ import annotations

from .registry import define

AREA = "audit"

IMPORT_INCOMPLETE = define(
    "IMPORT-INCOMPLETE",
    "error",
    "一张标准表格没有找到，或读取到的单元格不足一半：导入不完整",
    "{table}（{title}）{detail}，导入不完整，请对照原文核对或改用其他格式的原文",
    area=AREA,
)
IMPORT_TOTAL_BLANK = define(
    "IMPORT-TOTAL-BLANK",
    "warning",
    "发布稿的“总计”列印为空白而同行其他单元格已填：总计导入为空白，按各列相加计算",
    "{table}有 {count} 行的“总计”列印为空白而同行其他单元格已填：{rows}；总计导入为空白，核对时按各列相加计算",
    area=AREA,
)
IMPORT_FLAT = define(
    "IMPORT-FLAT",
    "warning",
    "发布稿的文字失去了换行和单元格分隔（网页抓取），已按标准标签切分后读取",
    "文字失去了换行和单元格分隔（常见于网页抓取的文本），已按标准标题和表格标签切分后读取，请核对",
    area=AREA,
)
IMPORT_SPLIT_NARRATIVE = define(
    "IMPORT-SPLIT-NARRATIVE",
    "warning",
    "数字连在一起、该行没有勾稽关系，按正文中提到该行的数字唯一拆分（请核对）",
    "{where}的数字连在一起（{digits}），该行没有勾稽关系，按正文“{sentence}”中的数字拆分为：{values}，请核对",
    area=AREA,
)
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
