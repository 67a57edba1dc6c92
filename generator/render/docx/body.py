"""The report's body as ``word/document.xml``, written directly as XML text in the named styles."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from ...view import Paragraph, ReportView
from .layout import (
    AFTER_TABLE,
    BODY_SIZE,
    BODY_STYLE,
    CHARS_PER_LINE,
    CONDENSED,
    DATE_STYLE,
    HEADING1_STYLE,
    HEADING2_STYLE,
    R_NS,
    RUN_IN_STYLE,
    SIGNATURE_STYLE,
    TEXT_WIDTH_MM,
    TITLE_STYLE,
    W_NS,
    esc,
    mm_twips,
    text_width,
)
from .tables import tables_xml

SIGNATURE_INDENT = 2.0  # characters: 署名 and 成文日期 are set 右空二字 (GB/T 9704 §7.3.5.2)
DATE_SHIFT = 2.0  # the date's first character is two characters right of the signature's first character
EM = round(BODY_SIZE * 20)  # twips in one character of the body size
TEXT_TWIPS = mm_twips(TEXT_WIDTH_MM)
PITCH = EM + CONDENSED  # twips a character of body text takes: its size less the condensed spacing (28 a line)


def run_xml(text: str, style_id: str = "") -> str:
    """One run; tabs and line breaks inside the text become ``w:tab`` and ``w:br``."""
    props = f'<w:rPr><w:rStyle w:val="{style_id}"/></w:rPr>' if style_id else ""
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                space = ' xml:space="preserve"' if chunk[0] == " " or chunk[-1] == " " else ""
                pieces.append(f"<w:t{space}>{esc(chunk)}</w:t>")
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


class BodyWriter:
    """Collects the body's XML; ``ids`` maps reportgen's style names to the style ids of the package in use."""

    def __init__(self, ids: Mapping[str, str]) -> None:
        self.ids = ids
        self.out: list[str] = []

    def paragraph(self, runs: str, style: str, extra: str = "") -> None:
        """A paragraph in a named style; ``extra`` is direct paragraph formatting after the style (schema order)."""
        ident = self.ids[style]
        head = "" if style == BODY_STYLE else f'<w:pStyle w:val="{ident}"/>'
        props = f"<w:pPr>{head}{extra}</w:pPr>" if head or extra else ""
        self.out.append(f"<w:p>{props}{runs}</w:p>")

    def narrative(self, paragraph: Paragraph, extra: str = "") -> None:
        """A standalone （一） heading, or body text with an optional run-in heading."""
        if paragraph.standalone:
            self.paragraph(run_xml(paragraph.text), HEADING2_STYLE, extra)
        elif paragraph.heading:
            runs = run_xml(paragraph.heading, self.ids[RUN_IN_STYLE]) + run_xml(paragraph.rest)
            self.paragraph(runs, BODY_STYLE, extra)
        else:
            self.paragraph(run_xml(paragraph.text), BODY_STYLE, extra)


def right_indent(chars: float) -> str:
    """A right indent in characters of the body size (twips for LibreOffice, hundredths of a character for Word)."""
    return f'<w:ind w:right="{round(chars * EM)}" w:rightChars="{round(chars * 100)}"/>'


def script_changes(text: str) -> int:
    """How often ``text`` switches between Chinese and ASCII (digits): LibreOffice adds space at each switch."""
    return sum(1 for a, b in itertools.pairwise(text) if a.isascii() != b.isascii())


def signature_layout(signature: str, date: str, script_gap: float = 0.0) -> tuple[str, str]:
    """Direct indents of 署名 and 成文日期 (GB/T 9704 §7.3.5.2): the signature 右空二字, the date starting two
    characters to the right of the signature's start, which is placed from the left so that the date's own width
    (digits, spacing) does not matter; a date too long for that is set 右空二字 and the signature moves left."""
    agency, when = text_width(signature), text_width(date) + script_gap * script_changes(date)
    if agency + SIGNATURE_INDENT > CHARS_PER_LINE:  # a signature longer than a line: both 右空二字
        return right_indent(SIGNATURE_INDENT), right_indent(SIGNATURE_INDENT)
    if not date or when <= agency - DATE_SHIFT:
        start = TEXT_TWIPS - round(SIGNATURE_INDENT * EM + (agency - DATE_SHIFT) * PITCH)
        date_xml = f'<w:ind w:left="{start}" w:leftChars="{round(start / EM * 100)}" w:right="0" w:rightChars="0"/><w:jc w:val="left"/>'
        return right_indent(SIGNATURE_INDENT), date_xml
    return right_indent(SIGNATURE_INDENT + when + DATE_SHIFT - agency), right_indent(SIGNATURE_INDENT)


def body_xml(view: ReportView, ids: Mapping[str, str], title: list[str], sect_pr: str, script_gap: float = 0.0) -> str:
    """``word/document.xml``: title with its explicit line breaks, parts and tables, signature block, ``sect_pr``."""
    body = BodyWriter(ids)
    body.paragraph("<w:r><w:br/></w:r>".join(run_xml(line) for line in title), TITLE_STYLE)
    for paragraph in view.preface:
        body.narrative(paragraph)
    # GB/T 9704: the signature and date never stand alone on the last page; the last paragraph comes along
    last_part = len(view.parts) - 1
    for p, part in enumerate(view.parts):
        body.paragraph(run_xml(part.heading), HEADING1_STYLE)
        space = ""
        if part.table:
            body.out.append(tables_xml(part.table, ids))
            space = f'<w:spacing w:before="{AFTER_TABLE}"/>'
        for i, paragraph in enumerate(part.paragraphs):
            keep = "<w:keepNext/>" if p == last_part and i == len(part.paragraphs) - 1 else ""
            body.narrative(paragraph, keep + space)
            space = ""
    if view.contact:
        body.paragraph(run_xml(view.contact), BODY_STYLE, "<w:keepNext/>")
    signature, date = signature_layout(view.signature, view.date, script_gap)
    body.paragraph(run_xml(view.signature), SIGNATURE_STYLE, signature)
    if view.date:
        body.paragraph(run_xml(view.date), DATE_STYLE, date)
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body.out)}{sect_pr}</w:body></w:document>'
    )
