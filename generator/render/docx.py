"""Word renderer: the report as a GB/T 9704 .docx with real, restylable styles and the official table layouts."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, Twips
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.paragraph import Paragraph as WordParagraph

from ..errors import InputError
from ..fileio import read_bytes, write_with
from ..outputs import epoch_time
from ..report import Report
from ..view import CellView, Paragraph, ReportView, TableView, build_view
from .props import docx_property

LATIN_FONT = "Times New Roman"
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
TITLE_SIZE = 22.0  # 2号
BODY_SIZE = 16.0  # 3号
PAGE_NUMBER_SIZE = 14.0  # 4号
TABLE_SIZE = 10.5  # 五号: table 3's 12 mm number columns take three characters a line
TABLE_LINE = 300  # twips (15 pt) exact, so that rows keep the same height whatever font replaces 仿宋
LINE = 579  # twips (28.95 pt) exact: 22 lines fill the 225 mm text block
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
FOOTER_MM = 21  # the page number sits about 7 mm below the text block
HEADER_MM = 15
TEXT_WIDTH_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
KEEP_WHOLE_ROWS = 20  # tables of at most this many rows are not split across pages
CELL_MARGIN = 57  # twips (1 mm) left and right in every cell: table 4's 10.4 mm columns keep two characters a line
PAGE_DASH = "—"
# GB/T 9704 fixes no date for the package; without SOURCE_DATE_EPOCH or a report date this one is used
FALLBACK_TIME = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # characters XML 1.0 cannot hold

TITLE_STYLE = "Title"
BODY_STYLE = "Normal"
HEADING1_STYLE = "Heading 1"
HEADING2_STYLE = "Heading 2"
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
    east_asian: str
    size: float
    latin: str = LATIN_FONT
    character: bool = False
    base: str | None = BODY_STYLE
    align: str = "both"
    first_line_chars: int = 0
    right_chars: int = 0
    before: int = 0  # twips
    after: int = 0
    line: int | None = LINE  # exact line spacing in twips; None: single
    keep_next: bool = False
    outline: int | None = None
    ident: str = ""  # ASCII style id for a custom style (Word's own ids are ASCII too)


STYLES = (
    StyleSpec(BODY_STYLE, BODY_FONT, BODY_SIZE, base=None, first_line_chars=200),
    StyleSpec(TITLE_STYLE, TITLE_FONT, TITLE_SIZE, align="center", after=LINE, keep_next=True),
    StyleSpec(HEADING1_STYLE, HEADING1_FONT, BODY_SIZE, align="left", first_line_chars=200, keep_next=True, outline=0),
    StyleSpec(HEADING2_STYLE, HEADING2_FONT, BODY_SIZE, align="left", first_line_chars=200, keep_next=True, outline=1),
    StyleSpec(RUN_IN_STYLE, HEADING2_FONT, BODY_SIZE, character=True, base=None, ident="RunInHeading"),
    StyleSpec(CELL_STYLE, BODY_FONT, TABLE_SIZE, align="center", line=TABLE_LINE, ident="TableText"),
    StyleSpec(CELL_LABEL_STYLE, BODY_FONT, TABLE_SIZE, base=CELL_STYLE, align="left", line=TABLE_LINE, ident="TableLabel"),
    StyleSpec(SIGNATURE_STYLE, BODY_FONT, BODY_SIZE, align="right", right_chars=200, before=LINE, keep_next=True, ident="Signature"),
    StyleSpec(DATE_STYLE, BODY_FONT, BODY_SIZE, align="right", right_chars=200, ident="DocumentDate"),
    StyleSpec(PAGE_NUMBER_STYLE, PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, latin=PAGE_NUMBER_FONT, base=None, line=None, ident="PageNumber"),
)
THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
ALIGNMENTS = {
    "both": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


# ---------------------------------------------------------------- styles


def set_fonts(rpr, latin: str, east_asian: str) -> None:
    """``w:rFonts`` with explicit Latin and East Asian fonts; theme fonts would win over them in Word and WPS."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(1 if rpr.find(qn("w:rStyle")) is not None else 0, fonts)
    for attribute in THEME_FONT_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    for attribute, font in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attribute), font)


def set_document_defaults(document: WordDocument) -> None:
    """docDefaults: body fonts and size, Chinese as the East Asian language, no paragraph spacing."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    rpr_default, ppr_default = OxmlElement("w:rPrDefault"), OxmlElement("w:pPrDefault")
    rpr = OxmlElement("w:rPr")
    set_fonts(rpr, LATIN_FONT, BODY_FONT)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(round(BODY_SIZE * 2)))
        rpr.append(size)
    lang = OxmlElement("w:lang")
    for attribute, value in (("w:val", "en-US"), ("w:eastAsia", "zh-CN"), ("w:bidi", "ar-SA")):
        lang.set(qn(attribute), value)
    rpr.append(lang)
    rpr_default.append(rpr)
    ppr = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)
    ppr_default.append(ppr)
    defaults.append(rpr_default)
    defaults.append(ppr_default)


def clear_style(style: BaseStyle) -> None:
    """Drop a template style's own formatting (colours, borders, theme fonts, links) before ours is applied."""
    element = style.element
    for tag in ("w:pPr", "w:rPr", "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr", "w:link"):
        for child in element.findall(qn(tag)):
            element.remove(child)


def apply_style(document: WordDocument, style: Any, spec: StyleSpec) -> None:
    """Give ``style`` the fonts, size and paragraph layout of ``spec``."""
    if spec.base:
        style.base_style = document.styles[spec.base]
    style.font.size = Pt(spec.size)
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, spec.latin, spec.east_asian)
    if spec.character:
        return
    fmt = style.paragraph_format
    fmt.alignment = ALIGNMENTS[spec.align]
    fmt.space_before = Twips(spec.before)
    fmt.space_after = Twips(spec.after)
    if spec.line is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing = Twips(spec.line)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.keep_with_next = spec.keep_next or None
    fmt.widow_control = True
    fmt.left_indent = Twips(0)
    fmt.right_indent = Twips(round(spec.right_chars / 100 * spec.size * 20))
    fmt.first_line_indent = Twips(round(spec.first_line_chars / 100 * spec.size * 20))
    indent = style.element.pPr.find(qn("w:ind"))
    # character units keep the indent at two characters when a user changes the font size
    indent.set(qn("w:firstLineChars"), str(spec.first_line_chars))
    indent.set(qn("w:rightChars"), str(spec.right_chars))
    if spec.outline is not None:
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(spec.outline))
        style.element.pPr.append(outline)  # last child allowed before rPr, and a style's pPr holds no rPr


def add_table_style(document: WordDocument) -> BaseStyle:
    """A table style with every border ruled, so that a user can restyle all tables at once."""
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.style_id = "ReportTable"
    style.element.append(table_properties(None, None))
    return style


def ensure_styles(document: WordDocument, *, restyle: bool) -> None:
    """Create the styles reportgen uses; with ``restyle`` also reset existing ones (our own template), else keep them."""
    styles = document.styles
    if restyle:
        set_document_defaults(document)
    for spec in STYLES:
        kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
        existing = spec.name in styles
        if existing and not restyle:
            continue
        style = styles[spec.name] if existing else styles.add_style(spec.name, kind)
        if not existing and spec.ident:
            style.style_id = spec.ident
        clear_style(style)
        if spec.name != BODY_STYLE:
            style.quick_style = True
        apply_style(document, style, spec)
    if TABLE_STYLE not in styles:
        add_table_style(document)


# ---------------------------------------------------------------- page setup


def set_page(document: WordDocument) -> None:
    """A4 portrait, GB/T 9704 margins; the line pitch records 22 lines a page for Word's page setup dialog."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance, section.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)
    section.gutter = Mm(0)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.set(qn("w:linePitch"), str(LINE))
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")


def add_field(paragraph: WordParagraph, instruction: str, placeholder: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end), as Word itself writes it."""
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = paragraph.add_run()
        if kind == "instr":
            text = OxmlElement("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run._r.append(text)
        elif kind == "result":
            run.text = placeholder
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def set_page_numbers(document: WordDocument) -> None:
    """``— 1 —`` below the text block: odd pages right, even pages left, one character in."""
    section = document.sections[0]
    document.settings.odd_and_even_pages_header_footer = True
    one_char = Twips(round(PAGE_NUMBER_SIZE * 20))
    for footer, side in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        for run in list(paragraph.runs):
            run._r.getparent().remove(run._r)
        paragraph.style = document.styles[PAGE_NUMBER_STYLE]
        paragraph.alignment = ALIGNMENTS[side]
        if side == "right":
            paragraph.paragraph_format.right_indent = one_char
        else:
            paragraph.paragraph_format.left_indent = one_char
        paragraph.add_run(f"{PAGE_DASH} ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(f" {PAGE_DASH}")


# ---------------------------------------------------------------- tables


def column_twips(widths: tuple[float, ...]) -> list[int]:
    """Column widths in twips, rounded so that they add up to the rounded total width."""
    out: list[int] = []
    edge = 0.0
    for width in widths:
        start = round(edge * 1440 / 25.4)
        edge += width
        out.append(round(edge * 1440 / 25.4) - start)
    return out


def _element(tag: str, **attributes: str):
    element = OxmlElement(tag)
    for name, value in attributes.items():
        element.set(qn(f"w:{name}"), value)
    return element


def table_properties(style_id: str | None, width: int | None):
    """``w:tblPr``: ruled borders and narrow cell margins; for a table also its style, fixed width and layout."""
    tbl_pr = OxmlElement("w:tblPr")
    if style_id:
        tbl_pr.append(_element("w:tblStyle", val=style_id))
    if width is not None:
        tbl_pr.append(_element("w:tblW", w=str(width), type="dxa"))
        tbl_pr.append(_element("w:jc", val="center"))
    tbl_pr.append(_element("w:tblInd", w="0", type="dxa"))
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_element(f"w:{side}", val="single", sz="4", space="0", color="auto"))
    tbl_pr.append(borders)
    if width is not None:
        tbl_pr.append(_element("w:tblLayout", type="fixed"))
    margins = OxmlElement("w:tblCellMar")
    for side, size in (("top", 0), ("left", CELL_MARGIN), ("bottom", 0), ("right", CELL_MARGIN)):
        margins.append(_element(f"w:{side}", w=str(size), type="dxa"))
    tbl_pr.append(margins)
    if width is not None:
        look = {"val": "0000", "firstRow": "0", "lastRow": "0", "firstColumn": "0", "lastColumn": "0", "noHBand": "1", "noVBand": "1"}
        tbl_pr.append(_element("w:tblLook", **look))
    return tbl_pr


def xml_text(text: str) -> str:
    """``text`` without the control characters a .docx cannot hold (a pasted form feed would make python-docx fail)."""
    return NOT_XML.sub("", text)


def cell_paragraph(style_id: str, text: str, keep_next: bool = False):
    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    ppr.append(_element("w:pStyle", val=style_id))
    if keep_next:
        ppr.append(OxmlElement("w:keepNext"))
    paragraph.append(ppr)
    if text:
        run, t = OxmlElement("w:r"), OxmlElement("w:t")
        t.text = xml_text(text)
        run.append(t)
        paragraph.append(run)
    return paragraph


def table_cell(cell: CellView, origin: bool, width: int, style_id: str, keep_next: bool):
    """One ``w:tc``: its width, spans and vertical merge; a merge continuation is an empty cell of the same width."""
    tc = OxmlElement("w:tc")
    tc_pr = OxmlElement("w:tcPr")
    tc_pr.append(_element("w:tcW", w=str(width), type="dxa"))
    if cell.colspan > 1:
        tc_pr.append(_element("w:gridSpan", val=str(cell.colspan)))
    if cell.rowspan > 1:
        tc_pr.append(_element("w:vMerge", val="restart") if origin else OxmlElement("w:vMerge"))
    tc_pr.append(_element("w:vAlign", val="center"))
    tc.append(tc_pr)
    tc.append(cell_paragraph(style_id, cell.text if origin else "", keep_next))
    return tc


def add_table(document: WordDocument, table: TableView) -> None:
    """The official table: fixed grid, explicit widths on every cell, repeated header rows, rows kept whole."""
    widths = column_twips(table.widths)
    owner: list[list[CellView | None]] = [[None] * table.columns for _ in table.rows]
    for row in table.rows:
        for cell in row:
            for r in range(cell.row, cell.row + cell.rowspan):
                for c in range(cell.col, cell.col + cell.colspan):
                    owner[r][c] = cell
    styles = document.styles
    ids = {role: styles[CELL_LABEL_STYLE if role == "label" else CELL_STYLE].style_id for role in ("header", "label", "value")}
    # a short table (2 and 4) stays on one page with its heading: each row keeps with the next
    keep_whole = len(owner) <= KEEP_WHOLE_ROWS
    tbl = OxmlElement("w:tbl")
    tbl.append(table_properties(styles[TABLE_STYLE].style_id, sum(widths)))
    grid = OxmlElement("w:tblGrid")
    for width in widths:
        grid.append(_element("w:gridCol", w=str(width)))
    tbl.append(grid)
    for r, cells in enumerate(owner):
        tr = OxmlElement("w:tr")
        tr_pr = OxmlElement("w:trPr")
        tr_pr.append(OxmlElement("w:cantSplit"))
        if r < table.header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
        tr.append(tr_pr)
        c = 0
        while c < table.columns:
            here = cells[c]
            assert here is not None, f"{table.key}: grid hole at row {r}, column {c}"
            width = sum(widths[here.col : here.col + here.colspan])
            tr.append(table_cell(here, here.row == r, width, ids[here.role], keep_whole and r < len(owner) - 1))
            c += here.colspan
        tbl.append(tr)
    document.element.body._insert_tbl(tbl)


# ---------------------------------------------------------------- content


def styled(document: WordDocument, text: str, style: str) -> DocxParagraph:
    """A new paragraph in a named style; the style id is set directly because python-docx's lookup is slow."""
    word = document.add_paragraph(text)
    ident = style_id(document, style)
    # like python-docx, the default paragraph style is implied rather than written
    word._p.get_or_add_pPr().style = None if ident == style_id(document, DEFAULT_PARAGRAPH) else ident
    return word


def styled_run(word: DocxParagraph, text: str, style: str, document: WordDocument) -> None:
    run = word.add_run(text)
    run._r.style = style_id(document, style)


DEFAULT_PARAGRAPH = ""


def style_id(document: WordDocument, name: str) -> str:
    """The style id of a style name ("" names the default paragraph style), looked up once per document."""
    cache: dict[str, str] = document.__dict__.setdefault("_reportgen_style_ids", {})
    if name not in cache:
        style = document.styles.default(WD_STYLE_TYPE.PARAGRAPH) if name == DEFAULT_PARAGRAPH else document.styles[name]
        cache[name] = style.style_id if style is not None else ""
    return cache[name]


def add_paragraph(document: WordDocument, paragraph: Paragraph) -> None:
    """A narrative paragraph: a standalone （一） heading, or body text with an optional run-in heading."""
    if paragraph.standalone:
        styled(document, xml_text(paragraph.text), HEADING2_STYLE)
        return
    word = styled(document, "", BODY_STYLE)
    if paragraph.heading:
        styled_run(word, xml_text(paragraph.heading), RUN_IN_STYLE, document)
    word.add_run(xml_text(paragraph.rest if paragraph.heading else paragraph.text))


def add_content(document: WordDocument, view: ReportView) -> None:
    styled(document, xml_text(view.title), TITLE_STYLE)
    for paragraph in view.preface:
        add_paragraph(document, paragraph)
    for part in view.parts:
        styled(document, part.heading, HEADING1_STYLE)
        if part.table:
            add_table(document, part.table)
        for paragraph in part.paragraphs:
            add_paragraph(document, paragraph)
    # GB/T 9704: the signature and date never stand alone on the last page; the last lines of text come along
    document.paragraphs[-1].paragraph_format.keep_with_next = True
    if view.contact:
        styled(document, xml_text(view.contact), BODY_STYLE).paragraph_format.keep_with_next = True
    styled(document, xml_text(view.signature), SIGNATURE_STYLE)
    if view.date:
        styled(document, view.date, DATE_STYLE)


# ---------------------------------------------------------------- the package


def document_time(report: Report, timestamp: dt.datetime | None = None) -> dt.datetime:
    """The time written into the document properties (UTC): ``timestamp``, else ``SOURCE_DATE_EPOCH``,
    else the report's 成文日期 at 00:00, else 2000-01-01, so that the same input always gives the same file."""
    if timestamp is not None:
        return timestamp.replace(tzinfo=dt.UTC) if timestamp.tzinfo is None else timestamp.astimezone(dt.UTC)
    epoch = epoch_time()
    if epoch is not None:
        return epoch
    if report.date is not None:
        return dt.datetime.combine(report.date, dt.time(0), dt.UTC)
    return FALLBACK_TIME


def set_properties(document: WordDocument, view: ReportView, report: Report, when: dt.datetime) -> None:
    props = document.core_properties
    naive = when.astimezone(dt.UTC).replace(tzinfo=None)  # python-docx writes the value with a Z suffix as given
    props.title = docx_property(xml_text(view.title))
    props.author = docx_property(xml_text(report.agency))
    props.last_modified_by = docx_property(xml_text(report.agency))
    props.subject = f"{report.year}年政府信息公开工作年度报告"
    props.created = naive
    props.modified = naive
    props.revision = 1
    props.comments = ""
    props.keywords = ""
    props.category = ""


def drop_template_leftovers(document: WordDocument) -> None:
    """Leave out the template's preview image (an empty page) and its Word 2010 copy of the old styles."""
    for rels, reltype in ((document.part.package.rels, RT.THUMBNAIL), (document.part.rels, STYLES_WITH_EFFECTS)):
        for rid, rel in list(rels.items()):
            if rel.reltype == reltype:
                rels.pop(rid)


def open_reference(path: Path) -> WordDocument:
    """A unit's own .docx, body emptied: its styles, page setup, headers and footers are kept."""
    data = read_bytes(path)
    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds for a file that is not a Word document
        raise InputError("无法作为 Word 参考样式文件读取：文件已损坏或不是 Word .docx 文件", str(path)) from exc
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()
    return document


def has_footer(document: WordDocument) -> bool:
    return document.sections[0]._sectPr.find(qn("w:footerReference")) is not None


def build_document(report: Report, *, reference_doc: Path | None = None, timestamp: dt.datetime | None = None) -> WordDocument:
    """The whole report as a python-docx document, ready to save."""
    view = build_view(report)
    if reference_doc is None:
        document = Document()
        ensure_styles(document, restyle=True)
        set_page(document)
        drop_template_leftovers(document)
    else:
        document = open_reference(reference_doc)
        ensure_styles(document, restyle=False)
    if not has_footer(document):
        set_page_numbers(document)
    add_content(document, view)
    set_properties(document, view, report, document_time(report, timestamp))
    return document


def save_reproducibly(document: WordDocument, target: Path) -> None:
    """Save with fixed zip entry times and attributes: the same document always gives the same bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            out.writestr(entry, source.read(info.filename))


def render_docx(report: Report, target: Path, *, reference_doc: Path | None = None, timestamp: dt.datetime | None = None) -> None:
    """Write the report to ``target`` as .docx (atomically); see :func:`document_time` for the timestamps."""
    document = build_document(report, reference_doc=reference_doc, timestamp=timestamp)
    write_with(target, lambda tmp: save_reproducibly(document, tmp))


def reference_document() -> WordDocument:
    """An empty document with every style reportgen uses, for units to restyle and pass as ``--reference-doc``."""
    document = Document()
    ensure_styles(document, restyle=True)
    set_page(document)
    drop_template_leftovers(document)
    set_page_numbers(document)
    for spec in STYLES:
        if spec.character:
            paragraph = document.add_paragraph(style=BODY_STYLE)
            paragraph.add_run(spec.name, style=spec.name)
            paragraph.add_run("（字符样式）")
        elif spec.name not in (PAGE_NUMBER_STYLE, CELL_STYLE, CELL_LABEL_STYLE):
            document.add_paragraph(f"{spec.name}样式", style=spec.name)
    props = document.core_properties
    props.title, props.author, props.last_modified_by, props.comments = "reportgen 参考样式", "reportgen", "reportgen", ""
    props.created = props.modified = FALLBACK_TIME.replace(tzinfo=None)
    return document


def write_reference(target: Path) -> None:
    """Write ``generator/templates/reference.docx`` (see ``scripts/make_reference_docx.py``)."""
    document = reference_document()
    write_with(target, lambda tmp: save_reproducibly(document, tmp))
