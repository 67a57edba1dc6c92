"""The GB/T 9704 page, fonts and style names of the Word output (the template holds the styles themselves)."""

from __future__ import annotations

import math
import re

from ...formats.fit import CELL_PADDING_MM

LATIN_FONT = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
BODY_SIZE = 16.0  # 3号
TABLE_LINE = 270  # twips (13.5 pt) exact, so that rows keep the same height whatever font replaces 仿宋
LINE = 579  # twips (28.95 pt) exact: 22 lines fill the 225 mm text block
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
CHARS_PER_LINE = 28
AFTER_TABLE = LINE // 2  # space between a table and the text after it
TWIPS_PER_MM = 1440 / 25.4
CELL_MARGIN = round(CELL_PADDING_MM * TWIPS_PER_MM)  # twips left and right in every cell
TEXT_WIDTH_PT = TEXT_WIDTH_MM / 25.4 * 72
# twentieths of a point taken after every character of body text so that 28 fill the line: a character grid
# (w:docGrid linesAndChars) would do it in Word and WPS, but LibreOffice sets its pitch at about two characters
CONDENSED = math.floor((TEXT_WIDTH_PT / CHARS_PER_LINE - BODY_SIZE) * 20)

TITLE_STYLE = "Title"
BODY_STYLE = "Normal"
HEADING1_STYLE = "heading 1"
HEADING2_STYLE = "heading 2"
RUN_IN_STYLE = "段首小标题"
TABLE_STYLE = "报告表格"
CELL_STYLE = "表格"
CELL_LABEL_STYLE = "表格项目"
SIGNATURE_STYLE = "署名"
DATE_STYLE = "成文日期"
PAGE_NUMBER_STYLE = "页码"


STYLE_IDS = {
    BODY_STYLE: "Normal", TITLE_STYLE: "Title", HEADING1_STYLE: "Heading1", HEADING2_STYLE: "Heading2", RUN_IN_STYLE: "RunInHeading",
    CELL_STYLE: "TableText", CELL_LABEL_STYLE: "TableLabel", SIGNATURE_STYLE: "Signature", DATE_STYLE: "DocumentDate",
    PAGE_NUMBER_STYLE: "PageNumber", TABLE_STYLE: "ReportTable",
}  # fmt: skip
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # characters XML 1.0 cannot hold


def xml_text(text: str) -> str:
    """``text`` without the control characters a .docx cannot hold (a pasted form feed would break the file)."""
    return NOT_XML.sub("", text)


def mm_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def text_width(text: str) -> float:
    """Width in em of a run of text: CJK and full-width characters take one em, ASCII half of one."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)
