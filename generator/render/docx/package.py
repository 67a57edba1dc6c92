"""The parts of reportgen's own .docx package that are the same in every report, built once per process."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from .layout import (
    FOOTER_MM,
    HEADER_MM,
    LINE,
    MARGINS_MM,
    PAGE_DASH,
    PAGE_MM,
    PAGE_NUMBER_SIZE,
    PAGE_NUMBER_STYLE,
    R_NS,
    STYLE_IDS,
    W_NS,
    esc,
    mm_twips,
)
from .styles import XML_HEADER, font_table_xml, styles_xml

MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CORE_REL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
APP_REL = f"{DOC_REL}/extended-properties"
CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
APP_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
FOOTER_TYPE = f"{MAIN}.footer+xml"
FOOTER_REL = f"{DOC_REL}/footer"
FOOTERS = (("default", "right", "word/footer1.xml", "rIdFooterOdd"), ("even", "left", "word/footer2.xml", "rIdFooterEven"))
APP_XML = (
    f'{XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>reportgen</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


@dataclass
class BasePackage:
    """Every part but the body and the core properties, the style ids by reportgen style name, and the ``w:sectPr``."""

    parts: dict[str, bytes]
    ids: dict[str, str]
    sect_pr: str
    reused: frozenset[str] = field(default_factory=frozenset)  # parts whose compressed bytes can be kept


def footer_xml(side: str) -> str:
    """``— 1 —`` with a PAGE field, set one character in from the outer edge."""
    one_char = round(PAGE_NUMBER_SIZE * 20)
    indent = f'<w:ind w:right="{one_char}"/>' if side == "right" else f'<w:ind w:left="{one_char}"/>'
    runs = (
        f'<w:r><w:t xml:space="preserve">{PAGE_DASH} </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {PAGE_DASH}</w:t></w:r>'
    )
    style = STYLE_IDS[PAGE_NUMBER_STYLE]
    return (
        f'{XML_HEADER}<w:ftr xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:p><w:pPr><w:pStyle w:val="{style}"/>{indent}'
        f'<w:jc w:val="{side}"/></w:pPr>{runs}</w:p></w:ftr>'
    )


def sect_pr_xml() -> str:
    """A4 portrait, GB/T 9704 margins, odd and even page numbers, and a grid of 22 lines a page (the 28 characters a
    line come from the body styles' condensed spacing, which Word, WPS and LibreOffice all read alike)."""
    refs = "".join(f'<w:footerReference w:type="{kind}" r:id="{rid}"/>' for kind, _, _, rid in FOOTERS)
    margins = {side: mm_twips(mm) for side, mm in MARGINS_MM.items()}
    return (
        f'<w:sectPr>{refs}<w:pgSz w:w="{mm_twips(PAGE_MM[0])}" w:h="{mm_twips(PAGE_MM[1])}"/>'
        f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" w:bottom="{margins["bottom"]}" '
        f'w:left="{margins["left"]}" w:header="{mm_twips(HEADER_MM)}" w:footer="{mm_twips(FOOTER_MM)}" w:gutter="0"/>'
        f'<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>'
    )


def settings_xml() -> str:
    return (
        f'{XML_HEADER}<w:settings xmlns:w="{W_NS}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        '<w:evenAndOddHeaders/><w:drawingGridVerticalSpacing w:val="579"/><w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>'
    )


def relationships_xml(rels: list[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>' for rid, kind, target in rels)
    return f'{XML_HEADER}<Relationships xmlns="{RELS_NS}">{body}</Relationships>'


def content_types_xml() -> str:
    overrides = {
        "/word/document.xml": f"{MAIN}.document.main+xml",
        "/word/styles.xml": f"{MAIN}.styles+xml",
        "/word/settings.xml": f"{MAIN}.settings+xml",
        "/word/fontTable.xml": f"{MAIN}.fontTable+xml",
        **{f"/{part}": FOOTER_TYPE for _, _, part, _ in FOOTERS},
        "/docProps/core.xml": CORE_TYPE,
        "/docProps/app.xml": APP_TYPE,
    }
    body = "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
    return (
        f'{XML_HEADER}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>'
    )


@functools.cache
def default_base() -> BasePackage:
    """reportgen's own styled package (no template file is read): built on first use, then reused."""
    package_rels = [
        ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
        ("rId2", CORE_REL, "docProps/core.xml"),
        ("rId3", APP_REL, "docProps/app.xml"),
    ]
    document_rels = [
        ("rId1", f"{DOC_REL}/styles", "styles.xml"),
        ("rId2", f"{DOC_REL}/settings", "settings.xml"),
        ("rId3", f"{DOC_REL}/fontTable", "fontTable.xml"),
        *((rid, FOOTER_REL, part.removeprefix("word/")) for _, _, part, rid in FOOTERS),
    ]
    parts = {
        "[Content_Types].xml": content_types_xml(),
        "_rels/.rels": relationships_xml(package_rels),
        "docProps/app.xml": APP_XML,
        "word/_rels/document.xml.rels": relationships_xml(document_rels),
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        **{part: footer_xml(side) for _, side, part, _ in FOOTERS},
    }
    encoded = {name: text.encode("utf-8") for name, text in parts.items()}
    return BasePackage(encoded, dict(STYLE_IDS), sect_pr_xml(), frozenset(encoded))


def core_xml(title: str, subject: str, author: str, when: str) -> str:
    """``docProps/core.xml``: title, subject, author and the document time (ISO 8601, UTC)."""
    return (
        f'{XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{esc(title)}</dc:title><dc:subject>{esc(subject)}</dc:subject><dc:creator>{esc(author)}</dc:creator>"
        f"<cp:lastModifiedBy>{esc(author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified></cp:coreProperties>'
    )
