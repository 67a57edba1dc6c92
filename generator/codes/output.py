"""Finding codes for writing outputs and command-line input."""

from __future__ import annotations

from .registry import define

AREA = "output"

INPUT_UNREADABLE = define("INPUT-UNREADABLE", "error", "输入文件无法读取，未作检查（退出码 2）", "{reason}", area=AREA)
ENCODING_ASSUMED = define(
    "ENCODING-ASSUMED",
    "warning",
    "文本输入不是 UTF-8 编码，已按识别出的编码读取",
    "文件不是 UTF-8 编码，已按 {encoding} 编码读取；如有乱码请另存为 UTF-8",
    area=AREA,
)
PREVIOUS_AGENCY = define(
    "PREVIOUS-AGENCY",
    "warning",
    "上年报告的机关名称与本报告不同，跨年度核对可能比较了另一个机关",
    "上年报告 {file} 的机关是“{previous}”，本报告是“{agency}”：跨年度核对可能比较了另一个机关，请确认 --previous 用对了文件",
    area=AREA,
)
PREVIOUS_ERRORS = define(
    "PREVIOUS-ERRORS",
    "warning",
    "上年报告本身有错误，跨年度核对的结果可能不准",
    "上年报告 {file} 本身有 {count} 个错误（例如：{example}），跨年度核对的结果可能不准",
    area=AREA,
)
XLSX_NAME_ELSEWHERE = define(
    "XLSX-NAME-ELSEWHERE",
    "warning",
    "工作簿的单元格名称没有指向模板中应在的位置，已改按标签读取",
    "名称 {name} 指向 {target}，不是“{sheet}”中“{label}”一栏，已改按标签读取该项",
    area=AREA,
)
PDF_FONT_SUBSTITUTED = define(
    "PDF-FONT-SUBSTITUTED",
    "warning",
    "生成 PDF 时本机缺少公文字体，已用替代字体排版",
    "本机未安装公文字体{fonts}，PDF 已用替代字体排版（宋体/仿宋类用衬线字体，黑体用无衬线字体），"
    "版面与正式字体略有不同；请安装这些字体后重新生成",
    area=AREA,
)
