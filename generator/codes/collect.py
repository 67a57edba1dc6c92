"""Finding codes for collecting, aggregating and reconciling units' reports."""

from __future__ import annotations

from .registry import define

AREA = "collect"

INPUT_TIMEOUT = define(
    "INPUT-TIMEOUT",
    "error",
    "处理一个输入文件超过时间上限，已放弃该文件",
    "处理该文件超过 {seconds} 秒仍未完成，已放弃；请检查文件是否异常",
    area=AREA,
)
INPUT_CRASHED = define(
    "INPUT-CRASHED",
    "error",
    "处理一个输入文件时工作进程意外退出，已放弃该文件",
    "处理该文件时工作进程两次意外退出（可能内存不足或文件异常），已放弃；请检查文件是否异常",
    area=AREA,
)
ROSTER_NAME_EMPTY = define("ROSTER-NAME-EMPTY", "error", "名单中某行的单位名称为空", "单位名称为空", area=AREA)
ROSTER_NAME_DUPLICATE = define("ROSTER-NAME-DUPLICATE", "error", "名单中单位名称重复", "单位名称“{name}”与第{first}行重复", area=AREA)
COLLECT_NEAR_MATCH = define(
    "COLLECT-NEAR-MATCH",
    "warning",
    "文件中的机关名称与名单不完全一致，已按近似名称归入",
    "文件中的机关名称“{agency}”与名单中的“{unit}”不完全一致，已按近似名称归入该单位；报告标题、署名、提交情况和数据均使用名单中的名称",
    area=AREA,
)
COLLECT_BY_FILE_NAME = define(
    "COLLECT-BY-FILE-NAME",
    "warning",
    "文件中的机关名称不在名单中，已按文件名归入",
    "文件中的机关名称“{agency}”与名单不符，已按文件名归入“{unit}”；报告标题、署名、提交情况和数据均使用名单中的名称",
    area=AREA,
)
COLLECT_DUPLICATE = define(
    "COLLECT-DUPLICATE",
    "error",
    "同一单位提交了多个内容不同的文件，均未采用",
    "“{unit}”提交了 {count} 个内容不同的文件：{files}；均未采用，请单位确认后只保留一份",
    area=AREA,
)
COLLECT_NOT_ON_ROSTER = define(
    "COLLECT-NOT-ON-ROSTER", "error", "文件中的机关名称不在名单中", "文件中的机关名称“{agency}”不在名单中", area=AREA
)
COLLECT_YEAR = define(
    "COLLECT-YEAR", "error", "文件的报告年度与本次收取的年度不符", "报告年度是 {found} 年，本次收取的是 {wanted} 年", area=AREA
)
AGGREGATE_INPUT_ERRORS = define(
    "AGGREGATE-INPUT-ERRORS", "error", "要汇总的输入有错误，未汇总", "有 {count} 个错误，未汇总；请先改正", area=AREA
)
AGGREGATE_MISMATCH = define(
    "AGGREGATE-MISMATCH",
    "error",
    "要汇总的输入年度或格式版本不一致",
    "{what}是“{found}”，与第一个输入（“{wanted}”）不同",
    area=AREA,
)
AGGREGATE_DUPLICATE = define(
    "AGGREGATE-DUPLICATE",
    "error",
    "同一单位的报告被重复给出，未汇总",
    "{why}：{files}；每个单位只能计入一次，请去掉重复的输入",
    area=AREA,
)
AGGREGATE_MISSING = define(
    "AGGREGATE-MISSING",
    "error",
    "名单中有单位不在汇总之内，未汇总",
    "名单中的“{unit}”不在汇总之内（{reason}）；补齐后再汇总，或加 --allow-missing 汇总其余单位并在汇总来源中列明",
    area=AREA,
)
AGGREGATE_NOT_INCLUDED = define(
    "AGGREGATE-NOT-INCLUDED",
    "warning",
    "名单中有单位未纳入汇总（已按 --allow-missing 汇总其余单位）",
    "名单中的“{unit}”未纳入汇总（{reason}）",
    area=AREA,
)
CHILDREN_SUM = define(
    "CHILDREN-SUM",
    "error",
    "本级报告的数字不等于下级报告之和",
    "{place}：本级为 {given}，下级合计为 {total}（{values}）",
    area=AREA,
)
CHILDREN_MISMATCH = define(
    "CHILDREN-MISMATCH",
    "error",
    "下级报告的年度或格式版本与本级不同",
    "下级报告 {file} 的{what}是“{found}”，本级是“{wanted}”",
    area=AREA,
)
