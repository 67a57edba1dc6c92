"""Finding codes of the workbook (.xlsx) reader."""

from __future__ import annotations

from .registry import define

AREA = "xlsx"

XLSX_FORMULA = define(
    "XLSX-FORMULA", "error", "工作簿的填写单元格中是公式，应直接填写数字或文字", "{place}填写的是公式“{formula}”，{advice}", area=AREA
)
XLSX_TEXT_TOO_LONG = define(
    "XLSX-TEXT-TOO-LONG", "error", "工作簿单元格的文字超过 32767 个字符", "{what}有 {length} 个字符，超过单元格上限 {limit}", area=AREA
)
XLSX_MERGED_INPUT = define(
    "XLSX-MERGED-INPUT",
    "error",
    "工作簿的填写单元格被合并进其他单元格，其中的数字无法读取",
    "{table}的填写单元格 {position} 被合并进 {merge}，其中的数字无法读取，请取消合并",
    area=AREA,
)
XLSX_DATE = define("XLSX-DATE", "error", "工作簿中的成文日期无法识别", "成文日期“{value}”无法识别，请填写如 2026年1月20日", area=AREA)
XLSX_UNIT = define("XLSX-UNIT", "error", "工作簿中的金额单位不是“元”或“万元”", "“{label}”应为{allowed}，填写的是“{text}”", area=AREA)
XLSX_NAMES_MISSING = define(
    "XLSX-NAMES-MISSING",
    "warning",
    "工作簿缺少模板的单元格名称，已按标准标签定位",
    "工作簿缺少 reportgen 模板的单元格名称（{what}），已按标准标签定位；请核对读取结果，建议使用 reportgen template 生成的模板",
    area=AREA,
)
XLSX_LABELS = define(
    "XLSX-LABELS",
    "warning",
    "按标签定位时，表格有个别标签与标准格式不同",
    "{table}有 {count} 个标签与标准格式不同（{wrong}），请核对",
    area=AREA,
)
XLSX_MERGES = define(
    "XLSX-MERGES",
    "warning",
    "表格的合并单元格与标准格式不同",
    "{table}的合并单元格与标准格式不同（{differences}），已按单元格位置读取",
    area=AREA,
)
XLSX_MACROS = define(
    "XLSX-MACROS", "warning", "工作簿包含宏，宏不会运行", "工作簿包含宏（VBA），reportgen 不运行宏，只读取单元格内容", area=AREA
)
XLSX_SHEET_MISSING = define(
    "XLSX-SHEET-MISSING", "warning", "工作簿缺少某个正文工作表，该部分按空白处理", "找不到工作表“{name}”，该部分按空白处理", area=AREA
)
XLSX_SHEET_LARGE = define(
    "XLSX-SHEET-LARGE",
    "warning",
    "工作表数据量异常大，表格和正文以外的内容已忽略",
    "工作表“{name}”的数据量异常大（约 {megabytes} MB），表格和正文以外的内容已忽略，请删除多余的行",
    area=AREA,
)
XLSX_ROWS_IGNORED = define(
    "XLSX-ROWS-IGNORED",
    "warning",
    "正文工作表超过 2000 行，其后的内容未读取",
    "工作表“{name}”的正文超过 {limit} 行，只读取了第 {first}—{last} 行",
    area=AREA,
)
