"""The report's body as ``word/document.xml``, written directly as XML text in the named styles."""

from __future__ import annotations

from collections.abc import Mapping

from ...view import Paragraph, ReportView
from .layout import (
    AFTER_TABLE,
    BODY_SIZE,
    BODY_STYLE,
    DATE_STYLE,
    HEADING1_STYLE,
    HEADING2_STYLE,
    R_NS,
    RUN_IN_STYLE,
    SIGNATURE_STYLE,
    TITLE_STYLE,
    W_NS,
    esc,
    text_width,
)
from .tables import table_xml

SIGNATURE_INDENT = 2.0  # characters: 署名 and 成文日期 are set 右空二字 (GB/T 9704 §7.3.5.2)
DATE_SHIFT = 2.0  # the date's first character is two characters right of the signature's first character


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


def indent_xml(chars: float) -> str:
    """A right indent in characters of the body size (twips for LibreOffice, hundredths of a character for Word)."""
    return f'<w:ind w:right="{round(chars * BODY_SIZE * 20)}" w:rightChars="{round(chars * 100)}"/>'


def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents (characters) of 署名 and 成文日期: the signature 右空二字 and the date starting two characters to
    its right; a date longer than that allows is set 右空二字 and the signature moves left to match."""
    agency, when = text_width(signature), text_width(date)
    date_indent = SIGNATURE_INDENT + agency - DATE_SHIFT - when
    if not date or date_indent >= SIGNATURE_INDENT:
        return SIGNATURE_INDENT, date_indent
    return SIGNATURE_INDENT + when + DATE_SHIFT - agency, SIGNATURE_INDENT


def body_xml(view: ReportView, ids: Mapping[str, str], title: list[str], sect_pr: str) -> str:
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
            body.out.append(table_xml(part.table, ids))
            space = f'<w:spacing w:before="{AFTER_TABLE}"/>'
        for i, paragraph in enumerate(part.paragraphs):
            keep = "<w:keepNext/>" if p == last_part and i == len(part.paragraphs) - 1 else ""
            body.narrative(paragraph, keep + space)
            space = ""
    if view.contact:
        body.paragraph(run_xml(view.contact), BODY_STYLE, "<w:keepNext/>")
    sign_indent, date_indent = signature_indents(view.signature, view.date)
    body.paragraph(run_xml(view.signature), SIGNATURE_STYLE, indent_xml(sign_indent))
    if view.date:
        body.paragraph(run_xml(view.date), DATE_STYLE, indent_xml(date_indent))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>{"".join(body.out)}{sect_pr}</w:body></w:document>'
    )
