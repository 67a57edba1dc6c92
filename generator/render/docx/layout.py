"""The GB/T 9704 page, fonts and named styles of the Word output, and the XML text helpers every part uses."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ...formats.fit import CELL_PADDING_MM, PRINT_SIZE_PT

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

LATIN_FONT = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE = 22.0  # 2号
BODY_SIZE = 16.0  # 3号
PAGE_NUMBER_SIZE = 14.0  # 4号
TABLE_SIZE = PRINT_SIZE_PT  # 五号; the declared column widths are chosen for it
TABLE_LINE = 270  # twips (13.5 pt) exact, so that rows keep the same height whatever font replaces 仿宋
LINE = 579  # twips (28.95 pt) exact: 22 lines fill the 225 mm text block
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_MM = 21  # the page number sits about 7 mm below the text block
HEADER_MM = 15
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
CHARS_PER_LINE = 28
AFTER_TABLE = LINE // 2  # space between a table and the text after it
PAGE_DASH = "—"
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


@dataclass(frozen=True)
class StyleSpec:
    """A named style reportgen needs: fonts, size and paragraph layout (indents in hundredths of a character)."""

    name: str
    ident: str  # the style id (ASCII, like Word's own)
    east_asian: str
    size: float
    latin: str = LATIN_FONT
    character: bool = False
    base: str | None = "Normal"
    align: str = "both"
    first_line_chars: int = 0
    right_chars: int = 0
    before: int = 0  # twips
    after: int = 0
    line: int | None = LINE  # exact line spacing in twips; None: single
    keep_next: bool = False
    outline: int | None = None
    grid: bool = True  # set at the body's pitch, 28 characters a line (condensed), and snapped to the line grid
    autospace: bool = True  # extra space between Chinese and digits; off where a line's width must be known (署名/日期)


STYLES = (
    StyleSpec(BODY_STYLE, "Normal", BODY_FONT, BODY_SIZE, base=None, first_line_chars=200),
    StyleSpec(TITLE_STYLE, "Title", TITLE_FONT, TITLE_SIZE, align="center", after=LINE, keep_next=True, grid=False),
    StyleSpec(HEADING1_STYLE, "Heading1", HEADING1_FONT, BODY_SIZE, align="left", first_line_chars=200, keep_next=True, outline=0),
    StyleSpec(HEADING2_STYLE, "Heading2", HEADING2_FONT, BODY_SIZE, align="left", first_line_chars=200, keep_next=True, outline=1),
    StyleSpec(RUN_IN_STYLE, "RunInHeading", HEADING2_FONT, BODY_SIZE, character=True, base=None),
    StyleSpec(CELL_STYLE, "TableText", BODY_FONT, TABLE_SIZE, align="center", line=TABLE_LINE, grid=False),
    StyleSpec(CELL_LABEL_STYLE, "TableLabel", BODY_FONT, TABLE_SIZE, base="TableText", align="left", line=TABLE_LINE, grid=False),
    StyleSpec(
        SIGNATURE_STYLE, "Signature", BODY_FONT, BODY_SIZE, align="right", right_chars=200, before=LINE, keep_next=True, autospace=False
    ),
    StyleSpec(DATE_STYLE, "DocumentDate", BODY_FONT, BODY_SIZE, align="right", right_chars=200, autospace=False),
    StyleSpec(
        PAGE_NUMBER_STYLE, "PageNumber", PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, latin=PAGE_NUMBER_FONT, base=None, line=None, grid=False
    ),
)
STYLE_IDS = {spec.name: spec.ident for spec in STYLES} | {TABLE_STYLE: "ReportTable"}
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # characters XML 1.0 cannot hold
NEEDS_ESCAPE = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]')


def xml_text(text: str) -> str:
    """``text`` without the control characters a .docx cannot hold (a pasted form feed would break the file)."""
    return NOT_XML.sub("", text)


def esc(text: str) -> str:
    """``text`` as XML character data or attribute value."""
    if NEEDS_ESCAPE.search(text) is None:  # most text: one scan, no copy
        return text
    return xml_text(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def mm_twips(mm: float) -> int:
    return round(mm * TWIPS_PER_MM)


def text_width(text: str) -> float:
    """Width in em of a run of text: CJK and full-width characters take one em, ASCII half of one."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)
