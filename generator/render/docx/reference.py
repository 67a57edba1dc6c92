"""A unit's own .docx as the base package (``--reference-doc``): its styles, page setup, headers and footers are kept,
the styles reportgen needs and does not find are added, and its body is replaced."""

from __future__ import annotations

import dataclasses
import functools
import io
import zipfile
from pathlib import Path

from lxml import etree

from ...errors import InputError
from ...fileio import read_bytes
from .layout import PAGE_NUMBER_STYLE, R_NS, STYLE_IDS, STYLES, TABLE_STYLE, W_NS
from .package import (
    APP_REL,
    APP_TYPE,
    APP_XML,
    CORE_REL,
    CORE_TYPE,
    FOOTER_REL,
    FOOTER_TYPE,
    FOOTERS,
    RELS_NS,
    BasePackage,
    footer_xml,
    sect_pr_xml,
)
from .styles import style_xml, table_style_xml

MAX_PART_BYTES = 20 * 1024 * 1024
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DROPPED = ("docProps/thumbnail.", "docProps/core.xml", "docProps/app.xml")
# settings.xml children that come after w:evenAndOddHeaders in the schema
AFTER_EVEN_ODD = {
    "bookFoldRevPrinting", "bookFoldPrinting", "bookFoldPrintingSheets", "drawingGridHorizontalSpacing",
    "drawingGridVerticalSpacing", "displayHorizontalDrawingGridEvery", "displayVerticalDrawingGridEvery",
    "doNotUseMarginsForDrawingGridOrigin", "drawingGridHorizontalOrigin", "drawingGridVerticalOrigin",
    "doNotShadeFormData", "noPunctuationKerning", "characterSpacingControl", "printTwoOnOne", "strictFirstAndLastChars",
    "noLineBreaksAfter", "noLineBreaksBefore", "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml",
    "ignoreMixedContent", "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly", "useXSLTWhenSaving",
    "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace", "updateFields", "hdrShapeDefaults", "footnotePr",
    "endnotePr", "compat", "docVars", "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
    "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
}  # fmt: skip
# w:pPr children that come after w:overflowPunct in the schema
AFTER_OVERFLOW_PUNCT = {
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
}  # fmt: skip


def w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def unreadable(reason: str, path: Path) -> InputError:
    return InputError(f"无法作为 Word 参考样式文件读取：{reason}", str(path))


def merge_styles(root: etree._Element) -> dict[str, str]:
    """Add the styles reportgen needs that ``root`` lacks (matched by name); the style ids to use, by name."""
    found = {}
    taken = set()
    default_paragraph = None
    for style in root.findall(w("style")):
        ident = style.get(w("styleId"), "")
        taken.add(ident)
        name = style.find(w("name"))
        if name is not None:
            found[name.get(w("val"), "").lower()] = ident
        if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true", "on"):
            default_paragraph = ident
    ids = {}
    by_ident = {spec.ident: spec.name for spec in STYLES}
    for spec in STYLES:
        existing = default_paragraph if spec.name == "Normal" and default_paragraph else found.get(spec.name.lower())
        if existing is not None:
            ids[spec.name] = existing
            continue
        ident = spec.ident if spec.ident not in taken else f"{spec.ident}Reportgen"
        base = ids.get(by_ident[spec.base]) if spec.base else None
        added = dataclasses.replace(spec, ident=ident, base=base)
        root.append(etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{style_xml(added)}</w:styles>', PARSER)[0])
        ids[spec.name] = ident
        taken.add(ident)
    if TABLE_STYLE.lower() in found:
        ids[TABLE_STYLE] = found[TABLE_STYLE.lower()]
    else:
        root.append(etree.fromstring(f'<w:styles xmlns:w="{W_NS}">{table_style_xml()}</w:styles>', PARSER)[0])
        ids[TABLE_STYLE] = STYLE_IDS[TABLE_STYLE]
    return ids


def ensure_relationship(rels: etree._Element, kind: str, target: str, rid: str) -> None:
    tag = f"{{{RELS_NS}}}Relationship"
    if not any(rel.get("Type") == kind for rel in rels.findall(tag)):
        etree.SubElement(rels, tag, Id=rid, Type=kind, Target=target)


def ensure_override(types: etree._Element, part: str, kind: str) -> None:
    tag = f"{{{CT_NS}}}Override"
    if not any(o.get("PartName") == part for o in types.findall(tag)):
        etree.SubElement(types, tag, PartName=part, ContentType=kind)


def add_page_numbers(parts: dict[str, bytes], sect_pr: etree._Element, types: etree._Element, ids: dict[str, str]) -> None:
    """The reference has no footer: reportgen's page numbers, odd pages right and even pages left."""
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"], PARSER)
    used = {rel.get("Id") for rel in rels}
    for position, (kind, side, part, rid) in enumerate(FOOTERS):
        name = part
        while name in parts:
            name = name.replace(".xml", "r.xml")
        parts[name] = footer_xml(side).replace(f'"{STYLE_IDS[PAGE_NUMBER_STYLE]}"', f'"{ids[PAGE_NUMBER_STYLE]}"').encode()
        while rid in used:
            rid += "r"
        etree.SubElement(rels, f"{{{RELS_NS}}}Relationship", Id=rid, Type=FOOTER_REL, Target=name.removeprefix("word/"))
        ensure_override(types, f"/{name}", FOOTER_TYPE)
        reference = etree.Element(w("footerReference"), nsmap={"w": W_NS, "r": R_NS})
        reference.set(w("type"), kind)
        reference.set(f"{{{R_NS}}}id", rid)
        sect_pr.insert(position, reference)
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = etree.fromstring(parts["word/settings.xml"], PARSER)
    if settings.find(w("evenAndOddHeaders")) is None:
        later = [i for i, child in enumerate(settings) if etree.QName(child).localname in AFTER_EVEN_ODD]
        settings.insert(later[0] if later else len(settings), etree.Element(w("evenAndOddHeaders")))
    parts["word/settings.xml"] = etree.tostring(settings, xml_declaration=True, encoding="UTF-8", standalone=True)


def overflow_punctuation(styles: etree._Element) -> None:
    """For LibreOffice: punctuation allowed past the line end in the document defaults and in every paragraph style
    that sets it. LibreOffice reads the setting inverted: where it is off or missing, 、 and 。 may hang past the line
    end, and its PDF leaves them out."""
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = etree.Element(w("docDefaults"))
        styles.insert(0, defaults)
    default = defaults.find(w("pPrDefault"))
    if default is None:
        default = etree.SubElement(defaults, w("pPrDefault"))
    if default.find(w("pPr")) is None:
        etree.SubElement(default, w("pPr"))
    for properties in [*default.iterfind(w("pPr")), *styles.iterfind(f"{w('style')}/{w('pPr')}")]:
        setting = properties.find(w("overflowPunct"))
        if setting is None and properties.getparent() is not default:
            continue
        if setting is None:
            later = [i for i, child in enumerate(properties) if etree.QName(child).localname in AFTER_OVERFLOW_PUNCT]
            setting = etree.Element(w("overflowPunct"))
            properties.insert(later[0] if later else len(properties), setting)
        setting.set(w("val"), "1")


def serialise(root: etree._Element) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


@functools.lru_cache(maxsize=4)
def base_from_bytes(data: bytes, path: Path, libreoffice: bool = False) -> BasePackage:
    """The base package made from a reference .docx's bytes (cached: a batch reuses one reference); ``libreoffice``:
    for conversion to PDF (see :func:`overflow_punctuation`)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_PART_BYTES * 5:
                raise unreadable("文件解压后过大", path)
            parts = {info.filename: archive.read(info) for info in archive.infolist() if not info.is_dir()}
        document = etree.fromstring(parts["word/document.xml"], PARSER)
        types = etree.fromstring(parts["[Content_Types].xml"], PARSER)
        package_rels = etree.fromstring(parts["_rels/.rels"], PARSER)
        styles = etree.fromstring(parts["word/styles.xml"], PARSER)
        for needed in ("word/_rels/document.xml.rels", "word/settings.xml"):
            etree.fromstring(parts[needed], PARSER)
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, ValueError, OSError) as exc:
        raise unreadable("文件已损坏或不是 Word .docx 文件", path) from exc
    for name in [n for n in parts if n.startswith(DROPPED) or n == "word/document.xml"]:
        del parts[name]
    ids = merge_styles(styles)
    if libreoffice:
        overflow_punctuation(styles)
    parts["word/styles.xml"] = serialise(styles)
    body = document.find(w("body"))
    sect_pr = body.find(w("sectPr")) if body is not None else None
    if sect_pr is None:
        sect_pr = etree.fromstring(sect_pr_xml().replace("<w:sectPr>", f'<w:sectPr xmlns:w="{W_NS}" xmlns:r="{R_NS}">'))
        for reference in sect_pr.findall(w("footerReference")):
            sect_pr.remove(reference)
    if sect_pr.find(w("footerReference")) is None:
        add_page_numbers(parts, sect_pr, types, ids)
    for rel in [r for r in package_rels if (r.get("Type") or "").endswith("/thumbnail")]:
        package_rels.remove(rel)
    ensure_relationship(package_rels, CORE_REL, "docProps/core.xml", "rIdReportgenCore")
    ensure_relationship(package_rels, APP_REL, "docProps/app.xml", "rIdReportgenApp")
    ensure_override(types, "/docProps/core.xml", CORE_TYPE)
    ensure_override(types, "/docProps/app.xml", APP_TYPE)
    for name in ("[Content_Types].xml", "_rels/.rels", "docProps/app.xml"):
        parts.pop(name, None)
    ordered = {"[Content_Types].xml": serialise(types), "_rels/.rels": serialise(package_rels), "docProps/app.xml": APP_XML.encode()}
    ordered.update(parts)
    return BasePackage(ordered, ids, etree.tostring(sect_pr, encoding="unicode"), frozenset(ordered))


def reference_base(path: Path, libreoffice: bool = False) -> BasePackage:
    """The base package from the reference .docx at ``path`` (for LibreOffice to convert to PDF: ``libreoffice``)."""
    return base_from_bytes(read_bytes(path), path, libreoffice)
