"""Finding codes for writing outputs and command-line input."""

from __future__ import annotations

from .registry import define

AREA = "output"

# Define each code once, e.g.:
# OUTPUT_EXISTS = define("OUTPUT-EXISTS", "error", "一句话说明", "带{参数}的消息模板", area=AREA)

PDF_FONT_SUBSTITUTED = define(
    "PDF-FONT-SUBSTITUTED",
    "warning",
    "生成 PDF 时本机缺少公文字体，已用替代字体排版",
    "本机未安装公文字体{fonts}，PDF 已用替代字体排版（宋体/仿宋类用衬线字体，黑体用无衬线字体），"
    "版面与正式字体略有不同；请安装这些字体后重新生成",
    area=AREA,
)
