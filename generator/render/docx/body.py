"""The report's body, added with python-docx in the named styles of the template."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import cast

from docx.document import Document as DocumentObject
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Twips
from docx.styles.style import CharacterStyle, ParagraphStyle, StyleFactory
from docx.text.paragraph import Paragraph as DocxParagraph

from ...view import Paragraph, ReportView
from .flow import table_cuts
from .layout import (
    AFTER_TABLE,
    BODY_SIZE,
    BODY_STYLE,
    CHARS_PER_LINE,
    CONDENSED,
    DATE_STYLE,
    HEADING1_STYLE,
    HEADING2_STYLE,
    RUN_IN_STYLE,
    SIGNATURE_STYLE,
    TEXT_WIDTH_MM,
    TITLE_STYLE,
    mm_twips,
    text_width,
    xml_text,
)
from .tables import add_tables

SIGNATURE_INDENT = 2.0  # characters: 署名 and 成文日期 are set 右空二字 (GB/T 9704 §7.3.5.2)
DATE_SHIFT = 2.0  # the date's first character is two characters right of the signature's first character
EM = round(BODY_SIZE * 20)  # twips in one character of the body size
TEXT_TWIPS = mm_twips(TEXT_WIDTH_MM)
PITCH = EM + CONDENSED  # twips a character of body text takes: its size less the condensed spacing (28 a line)


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


def direct(paragraph: DocxParagraph, fragment: str) -> None:
    """Paragraph properties python-docx has no property for (indents in characters), after the style."""
    properties = paragraph._p.get_or_add_pPr()
    for child in parse_xml(f"<w:pPr {nsdecls('w')}>{fragment}</w:pPr>"):
        properties.append(child)


class BodyWriter:
    """Adds the body's paragraphs to ``document`` in the named styles (``ids``: the style id of each style name)."""

    def __init__(self, document: DocumentObject, ids: Mapping[str, str]) -> None:
        self.document = document
        self.ids = ids
        self.styles = {name: StyleFactory(document.styles.element.get_by_id(ident)) for name, ident in ids.items()}

    def style(self, name: str) -> ParagraphStyle:
        return cast(ParagraphStyle, self.styles[name])

    def paragraph(self, text: str, style: str, keep: bool = False, before: int = 0) -> DocxParagraph:
        paragraph = self.document.add_paragraph(style=None if style == BODY_STYLE else self.style(style))
        if text:
            paragraph.add_run(xml_text(text))
        if keep:
            paragraph.paragraph_format.keep_with_next = True
        if before:
            paragraph.paragraph_format.space_before = Twips(before)
        return paragraph

    def narrative(self, paragraph: Paragraph, keep: bool = False, before: int = 0) -> None:
        """A standalone （一） heading, or body text with an optional run-in heading."""
        if paragraph.standalone:
            self.paragraph(paragraph.text, HEADING2_STYLE, keep, before)
        elif paragraph.heading:
            added = self.paragraph("", BODY_STYLE, keep, before)
            added.add_run(xml_text(paragraph.heading), cast(CharacterStyle, self.styles[RUN_IN_STYLE]))
            added.add_run(xml_text(paragraph.rest))
        else:
            self.paragraph(paragraph.text, BODY_STYLE, keep, before)


def write_body(
    document: DocumentObject, view: ReportView, ids: Mapping[str, str], title: list[str], script_gap: float = 0.0, paginate: bool = True
) -> None:
    """The body: title with its explicit line breaks, parts and tables, signature block (before the ``w:sectPr``).
    ``paginate``: 表三 is cut where reportgen's own page and line grid say it continues on the next page (see
    :mod:`flow`); a unit's template may set another page, and its tables are kept whole."""
    body = BodyWriter(document, ids)
    heading = body.paragraph("", TITLE_STYLE)
    for i, line in enumerate(title):
        if i:
            heading.add_run().add_break()
        heading.add_run(xml_text(line))
    for paragraph in view.preface:
        body.narrative(paragraph)
    # GB/T 9704: the signature and date never stand alone on the last page; the last paragraph comes along
    last_part = len(view.parts) - 1
    cuts = table_cuts(view, len(title)) if paginate else {}
    for p, part in enumerate(view.parts):
        body.paragraph(part.heading, HEADING1_STYLE)
        before = 0
        if part.table:
            add_tables(document, part.table, ids, cuts.get(part.table.key))
            before = AFTER_TABLE
        for i, paragraph in enumerate(part.paragraphs):
            body.narrative(paragraph, p == last_part and i == len(part.paragraphs) - 1, before)
            before = 0
    if view.contact:
        body.paragraph(view.contact, BODY_STYLE, keep=True)
    signature, date = signature_layout(view.signature, view.date, script_gap)
    direct(body.paragraph(view.signature, SIGNATURE_STYLE), signature)
    if view.date:
        direct(body.paragraph(view.date, DATE_STYLE), date)
