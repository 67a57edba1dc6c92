"""The look of the workbook: fonts, fills, borders and the width of a millimetre in Excel columns."""

from __future__ import annotations

from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side

from ..width import display_width

FONT_NAME = "宋体"
BODY = Font(name=FONT_NAME, size=10.5)
BOLD = Font(name=FONT_NAME, size=10.5, bold=True)
HEADING = Font(name=FONT_NAME, size=14, bold=True)
HINT = Font(name=FONT_NAME, size=9, color="666666")
LINK = Font(name=FONT_NAME, size=10.5, color="0563C1", underline="single")

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")  # light yellow: fill in here
TOTAL_FILL = PatternFill("solid", fgColor="E7E6E6")  # grey: computed by a formula
HEADER_FILL = PatternFill("solid", fgColor="F2F2F2")
FINDING_FILL = PatternFill("solid", fgColor="FFC7CE")  # annotated copy: a cell with an error
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")  # annotated copy: a cell with a warning
CHECK_FAIL_FILL = PatternFill("solid", fgColor="FF0000")
CHECK_FAIL_FONT = Font(name=FONT_NAME, size=10.5, bold=True, color="FFFFFF")

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)

CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)

UNLOCKED = Protection(locked=False)

CHARS_PER_MM = 0.6  # Excel column width units (default-font characters) per millimetre of the printed table
LINE_HEIGHT = 14.0  # points per line of 10.5 pt text
DATE_FORMAT = 'yyyy"年"m"月"d"日"'


def text_width(text: str) -> float:
    """Width of ``text`` in Excel column units: a display column is one unit (a CJK character two)."""
    return float(display_width(text))


def named_styles() -> list[NamedStyle]:
    """The cell styles of the workbook; assigning a named style is much cheaper than setting each attribute."""
    locked = Protection(locked=True)
    return [
        NamedStyle("rg-input", font=BODY, fill=INPUT_FILL, border=BOX, alignment=CENTRE, protection=UNLOCKED),
        NamedStyle(
            "rg-input-amount", font=BODY, fill=INPUT_FILL, border=BOX, alignment=CENTRE, protection=UNLOCKED, number_format="0.00##"
        ),
        NamedStyle("rg-input-text", font=BODY, fill=INPUT_FILL, border=BOX, alignment=TOP_LEFT, protection=UNLOCKED),
        NamedStyle("rg-input-left", font=BODY, fill=INPUT_FILL, border=BOX, alignment=LEFT, protection=UNLOCKED),
        NamedStyle("rg-input-date", font=BODY, fill=INPUT_FILL, border=BOX, alignment=LEFT, protection=UNLOCKED, number_format=DATE_FORMAT),
        NamedStyle("rg-total", font=BODY, fill=TOTAL_FILL, border=BOX, alignment=CENTRE, protection=locked),
        NamedStyle("rg-fixed", font=BODY, fill=TOTAL_FILL, border=BOX, alignment=LEFT, protection=locked),
        NamedStyle("rg-header", font=BOLD, fill=HEADER_FILL, border=BOX, alignment=CENTRE, protection=locked),
        NamedStyle("rg-column-header", font=BOLD, fill=HEADER_FILL, border=BOX, alignment=LEFT, protection=locked),
        NamedStyle("rg-label", font=BODY, border=BOX, alignment=LEFT, protection=locked),
        NamedStyle("rg-border", font=BODY, border=BOX, protection=locked),
        NamedStyle("rg-hint", font=HINT, alignment=LEFT, protection=locked),
        NamedStyle("rg-note", font=HINT, alignment=Alignment(vertical="center"), protection=locked),
        NamedStyle("rg-hint-centre", font=HINT, alignment=CENTRE, protection=locked),
        NamedStyle("rg-check", font=BOLD, alignment=CENTRE, protection=locked),
        NamedStyle("rg-text", font=BODY, alignment=LEFT, protection=locked),
        NamedStyle("rg-title", font=HEADING, alignment=Alignment(vertical="center"), protection=locked),
        NamedStyle("rg-bold", font=BOLD, alignment=LEFT, protection=locked),
    ]
