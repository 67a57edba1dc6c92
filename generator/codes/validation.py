"""Finding codes of the validator: the sum rules of the tables, required fields, plausibility and cross-year checks."""

from __future__ import annotations

from .registry import define

AREA = "validation"
RULE = "{detail}"  # sum and carry rules: the declaration words each rule's message (generator/formats)

# hard rules of the tables
T3_ROW_TOTAL = define("T3-ROW-TOTAL", "error", "表三某行的总计不等于各类申请人之和", RULE, area=AREA)
T3_RESULTS_TOTAL = define("T3-RESULTS-TOTAL", "error", "表三某列的（七）总计不等于各项办理结果之和", RULE, area=AREA)
T3_BALANCE = define("T3-BALANCE", "error", "表三某列第一项加第二项之和不等于第三项加第四项之和", RULE, area=AREA)
T4_TOTAL = define("T4-TOTAL", "error", "表四某项的总计不等于结果维持、结果纠正、其他结果、尚未审结之和", RULE, area=AREA)
# soft rules of table 2 (2019 format)
T2_ITEMS_NEGATIVE = define("T2-ITEMS-NEGATIVE", "warning", "表二上一年项目数量加本年增/减小于0", RULE, area=AREA)
T2_PUBLISHED_EXCEEDS_TOTAL = define("T2-PUBLISHED-EXCEEDS-TOTAL", "warning", "表二本年新公开数量大于对外公开总数量", RULE, area=AREA)
# required fields and the format
CELL_UNKNOWN = define("CELL-UNKNOWN", "error", "单元格不属于本报告使用的格式", "{version}年格式中没有单元格“{cell_id}”{hint}", area=AREA)
AGENCY_REQUIRED = define("AGENCY-REQUIRED", "error", "缺少机关名称", "缺少机关名称（agency）", area=AREA)
YEAR_RANGE = define("YEAR-RANGE", "error", "报告年度不在允许的年份范围内", "报告年度“{year}”不在{first}至{last}年之间", area=AREA)
FORMAT_UNKNOWN = define(
    "FORMAT-UNKNOWN", "error", "未知的格式版本", "未知的格式版本“{version}”：应为{known}；以下按{used}年格式检查", area=AREA
)
TEXT_REQUIRED = define("TEXT-REQUIRED", "error", "必填部分（一、五）的文字内容为空", "“{heading}”的文字内容为空，该部分必须填写", area=AREA)
# plausibility
FORMAT_YEAR = define(
    "FORMAT-YEAR",
    "warning",
    "格式版本与报告年度不符",
    "{year}年度报告通常使用{default}年格式，本报告使用{version}年格式（{notice}），请确认",
    area=AREA,
)
NARRATIVE_FIGURE = define(
    "NARRATIVE-FIGURE",
    "warning",
    "文字中的数字与表格数据不一致",
    "“{heading}”中“{phrase}”所述{description}（{stated}）与表格数据（{table}）不一致",
    area=AREA,
)
FEES_NOT_REPORTED = define(
    "FEES-NOT-REPORTED",
    "warning",
    "有信息处理费数据，但第六部分未报告信息处理费",
    "{why}，但“{heading}”未报告信息处理费的收取情况",
    area=AREA,
)
AMOUNT_WAN_YUAN = define(
    "AMOUNT-WAN-YUAN", "warning", "以万元为单位的金额过大，疑似按元填写", "{place}的金额{amount}万元过大，看起来像以元为单位填写", area=AREA
)
DATE_MISSING = define("DATE-MISSING", "warning", "缺少成文日期", "缺少成文日期（date），报告末尾将不显示日期", area=AREA)
# across years, with last year's report
X_YEAR = define(
    "X-YEAR",
    "warning",
    "上年报告的年度不是本年度减1",
    "上年报告的年度是{previous}年，不是{expected_year}年，跨年度核对可能无意义",
    area=AREA,
)
X_CARRY_OVER = define("X-CARRY-OVER", "warning", "表三上年结转不等于上年报告的结转下年度继续办理", RULE, area=AREA)
X_IN_FORCE = define("X-IN-FORCE", "warning", "表二现行有效件数与上年数据及本年制发、废止件数不符", RULE, area=AREA)
X_ITEMS_PREVIOUS = define("X-ITEMS-PREVIOUS", "warning", "表二上一年项目数量不等于上年报告的上一年项目数量加本年增/减", RULE, area=AREA)
X_SAME_TEXT = define("X-SAME-TEXT", "warning", "文字内容与上年报告雷同", "“{heading}”{how}与上年报告{extent}", area=AREA)
