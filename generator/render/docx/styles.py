"""A minimal ``styles.xml`` holding only the styles reportgen uses, and ``fontTable.xml`` naming each font with its substitutes."""

from __future__ import annotations

from dataclasses import dataclass

from .layout import (
    BODY_FONT,
    BODY_SIZE,
    CELL_MARGIN,
    CONDENSED,
    HEADING1_FONT,
    HEADING2_FONT,
    LATIN_FONT,
    PAGE_NUMBER_FONT,
    STYLE_IDS,
    STYLES,
    TABLE_STYLE,
    TITLE_FONT,
    W_NS,
    StyleSpec,
    esc,
)

XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


@dataclass(frozen=True)
class FontFace:
    """A font of the official layout: its generic family and the faces that may stand in for it."""

    name: str
    family: str  # fontTable's w:family: roman (serif), swiss (sans), modern (fixed pitch)
    alt_name: str  # Word's alternate name, used when ``name`` is missing
    substitutes: tuple[str, ...]  # free faces to use instead, best first (PDF through LibreOffice)
    official: bool = True
    charset: str = "86"  # GB2312
    pitch: str = "variable"


SERIF_CJK = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN", "Noto Serif SC")
SANS_CJK = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei", "Noto Sans SC")
FONTS = (
    FontFace(TITLE_FONT, "roman", "方正小标宋_GBK", ("方正小标宋_GBK", "华文中宋", "STZhongsong", "宋体", "SimSun", *SERIF_CJK)),
    FontFace(BODY_FONT, "roman", "仿宋", ("仿宋", "FangSong", "STFangsong", *SERIF_CJK), pitch="fixed"),
    FontFace(HEADING1_FONT, "swiss", "SimHei", ("SimHei", "STHeiti", *SANS_CJK), pitch="fixed"),
    FontFace(HEADING2_FONT, "roman", "楷体", ("楷体", "KaiTi", "STKaiti", "AR PL UKai CN", "AR PL KaitiM GB", *SERIF_CJK), pitch="fixed"),
    FontFace(PAGE_NUMBER_FONT, "roman", "SimSun", ("SimSun", "Songti SC", *SERIF_CJK), pitch="fixed"),
    FontFace(LATIN_FONT, "roman", "Times", ("Liberation Serif", "Tinos", "TeX Gyre Termes", "DejaVu Serif"), official=False, charset="00"),
)


def run_properties(spec: StyleSpec) -> str:
    fonts = f'w:ascii="{esc(spec.latin)}" w:eastAsia="{esc(spec.east_asian)}" w:hAnsi="{esc(spec.latin)}" w:cs="{esc(spec.latin)}"'
    # the eastAsia hint sets ambiguous characters (“ ” ‘ ’ … —) in the Chinese font, full width
    size = round(spec.size * 2)
    # body text is condensed to 28 characters a line; the title and table text, based on Normal, are set solid again
    spacing = f'<w:spacing w:val="{CONDENSED if spec.grid else 0}"/>' if spec.grid or spec.base else ""
    return f'<w:rPr><w:rFonts {fonts} w:hint="eastAsia"/>{spacing}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def paragraph_properties(spec: StyleSpec) -> str:
    parts = ["<w:pPr>"]
    if spec.keep_next:
        parts.append("<w:keepNext/>")
    parts.append("<w:widowControl/>")
    # Word's default, said explicitly for LibreOffice: it imports overflowPunct inverted (on: no hanging punctuation;
    # absent or off: 、 and 。 may hang past the line end, where its PDF leaves them out)
    parts.append('<w:overflowPunct w:val="1"/>')
    if not spec.autospace:
        parts.append('<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>')
    if not spec.grid:
        parts.append('<w:snapToGrid w:val="0"/>')
    spacing = 'w:line="240" w:lineRule="auto"' if spec.line is None else f'w:line="{spec.line}" w:lineRule="exact"'
    parts.append(f'<w:spacing w:before="{spec.before}" w:after="{spec.after}" {spacing}/>')
    em = spec.size * 20
    first, right = round(spec.first_line_chars / 100 * em), round(spec.right_chars / 100 * em)
    # character units keep the indents at two characters when a user changes the font size
    parts.append(
        f'<w:ind w:left="0" w:right="{right}" w:rightChars="{spec.right_chars}" '
        f'w:firstLine="{first}" w:firstLineChars="{spec.first_line_chars}"/>'
    )
    parts.append(f'<w:jc w:val="{spec.align}"/>')
    if spec.outline is not None:
        parts.append(f'<w:outlineLvl w:val="{spec.outline}"/>')
    parts.append("</w:pPr>")
    return "".join(parts)


def style_xml(spec: StyleSpec) -> str:
    """One ``w:style`` element."""
    kind = "character" if spec.character else "paragraph"
    default = ' w:default="1"' if spec.ident == "Normal" else ""
    head = f'<w:style w:type="{kind}"{default} w:styleId="{spec.ident}"><w:name w:val="{esc(spec.name)}"/>'
    if spec.base:
        head += f'<w:basedOn w:val="{spec.base}"/>'
    head += "<w:qFormat/>"
    body = "" if spec.character else paragraph_properties(spec)
    return f"{head}{body}{run_properties(spec)}</w:style>"


def table_properties_xml(style_id: str | None, width: int | None) -> str:
    """``w:tblPr``: ruled borders and narrow cell margins; for a table also its style, fixed width and layout."""
    parts = ["<w:tblPr>"]
    if style_id:
        parts.append(f'<w:tblStyle w:val="{esc(style_id)}"/>')
    if width is not None:
        parts.append(f'<w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>')
    parts.append('<w:tblInd w:w="0" w:type="dxa"/><w:tblBorders>')
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        parts.append(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>')
    parts.append("</w:tblBorders>")
    if width is not None:
        parts.append('<w:tblLayout w:type="fixed"/>')
    parts.append(
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
    )
    if width is not None:
        parts.append(
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        )
    parts.append("</w:tblPr>")
    return "".join(parts)


def table_style_xml() -> str:
    """A table style with every border ruled, so that a user can restyle all tables at once."""
    return (
        f'<w:style w:type="table" w:styleId="{STYLE_IDS[TABLE_STYLE]}"><w:name w:val="{TABLE_STYLE}"/>'
        f'<w:basedOn w:val="TableNormal"/><w:qFormat/>{table_properties_xml(None, None)}</w:style>'
    )


def doc_defaults_xml() -> str:
    """Body fonts and size, Chinese as the East Asian language, no paragraph spacing."""
    fonts = f'w:ascii="{LATIN_FONT}" w:eastAsia="{BODY_FONT}" w:hAnsi="{LATIN_FONT}" w:cs="{LATIN_FONT}"'
    size = round(BODY_SIZE * 2)
    return (
        f'<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts {fonts}/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>'
    )


# the defaults Word expects for the character, table and numbering style types
BUILT_IN_DEFAULTS = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/>'
    '<w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/>'
    '<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/>'
    "<w:semiHidden/><w:unhideWhenUsed/></w:style>"
)


def styles_xml() -> str:
    """The whole ``word/styles.xml``: defaults, Word's four default styles and reportgen's named styles."""
    styles = "".join(style_xml(spec) for spec in STYLES)
    return (
        f'{XML_HEADER}<w:styles xmlns:w="{W_NS}">{doc_defaults_xml()}'
        f'<w:latentStyles w:defLockedState="0" w:defUIPriority="99" w:defSemiHidden="0" w:defUnhideWhenUsed="0" '
        f'w:defQFormat="0" w:count="376"/>{styles}{BUILT_IN_DEFAULTS}{table_style_xml()}</w:styles>'
    )


def font_table_xml() -> str:
    """``word/fontTable.xml``: every font the styles name, with its family and Word's alternate name."""
    entries = "".join(
        f'<w:font w:name="{esc(face.name)}"><w:altName w:val="{esc(face.alt_name)}"/><w:charset w:val="{face.charset}"/>'
        f'<w:family w:val="{face.family}"/><w:pitch w:val="{face.pitch}"/></w:font>'
        for face in FONTS
    )
    return f'{XML_HEADER}<w:fonts xmlns:w="{W_NS}">{entries}</w:fonts>'
