"""The document a report is written into: reportgen's template ``templates/reference.docx`` or a unit's own .docx
(``--reference-doc``), opened with python-docx, its body emptied; styles reportgen needs and does not find are copied
from the template, and a reference without page numbers gets the template's."""

from __future__ import annotations

import copy
import functools
import io
import zipfile
from importlib import resources
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from lxml import etree

from ...errors import InputError
from ...fileio import read_bytes
from .layout import BODY_STYLE, PAGE_NUMBER_STYLE, STYLE_IDS

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
# w:pPr children that come after w:overflowPunct in the schema
AFTER_OVERFLOW_PUNCT = {
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment", "textboxTightWrap",
    "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
}  # fmt: skip


@functools.cache
def template_bytes() -> bytes:
    """reportgen's template, read once per process."""
    return resources.files("generator.templates").joinpath("reference.docx").read_bytes()


def unreadable(reason: str, path: Path) -> InputError:
    return InputError(f"无法作为 Word 参考样式文件读取：{reason}", str(path))


def style_ids(document: DocumentObject, template: DocumentObject | None = None) -> dict[str, str]:
    """The style id of each style reportgen uses, by name (a name matches whatever its case; Normal is the default
    paragraph style). A style missing from ``document`` is copied from ``template``, under another id if its own is taken."""
    root = document.styles.element
    found: dict[str, str] = {}
    taken = set()
    for style in root.findall(qn("w:style")):
        ident = style.get(qn("w:styleId"), "")
        taken.add(ident)
        name = style.find(qn("w:name"))
        if name is not None:
            found.setdefault(name.get(qn("w:val"), "").lower(), ident)
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
            found[BODY_STYLE.lower()] = ident
    ids = {name: found[name.lower()] for name in STYLE_IDS if name.lower() in found}
    missing = [name for name in STYLE_IDS if name not in ids]
    if missing and template is not None:
        ours = style_ids(template)
        by_ident = {ident: name for name, ident in ours.items()}
        for name in missing:
            added = copy.deepcopy(template.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{ours[name]}']"))
            ident = ours[name] if ours[name] not in taken else f"{ours[name]}Reportgen"
            added.set(qn("w:styleId"), ident)
            added.attrib.pop(qn("w:default"), None)
            base = added.find(qn("w:basedOn"))
            if base is not None and base.get(qn("w:val")) in by_ident:
                base.set(qn("w:val"), ids.get(by_ident[base.get(qn("w:val"), "")], base.get(qn("w:val"), "")))
            root.append(added)
            ids[name] = ident
            taken.add(ident)
    return ids


def add_page_numbers(document: DocumentObject, template: DocumentObject, ids: dict[str, str]) -> None:
    """The reference has no footer: the template's page numbers, odd pages right and even pages left."""
    document.settings.odd_and_even_pages_header_footer = True
    ours = template.sections[-1]
    section = document.sections[-1]
    for mine, theirs in ((section.footer, ours.footer), (section.even_page_footer, ours.even_page_footer)):
        mine.is_linked_to_previous = False
        footer = mine._element
        for child in list(footer):
            footer.remove(child)
        for paragraph in theirs._element.findall(qn("w:p")):
            added = copy.deepcopy(paragraph)
            for style in added.iter(qn("w:pStyle")):
                style.set(qn("w:val"), ids[PAGE_NUMBER_STYLE])
            footer.append(added)


def overflow_punctuation(styles: BaseOxmlElement) -> None:
    """For LibreOffice: punctuation allowed past the line end in the document defaults and in every paragraph style
    that sets it. LibreOffice reads the setting inverted: where it is off or missing, 、 and 。 may hang past the line
    end, and its PDF leaves them out."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.Element(qn("w:docDefaults"))
        styles.insert(0, defaults)
    default = defaults.find(qn("w:pPrDefault"))
    if default is None:
        default = etree.SubElement(defaults, qn("w:pPrDefault"))
    if default.find(qn("w:pPr")) is None:
        etree.SubElement(default, qn("w:pPr"))
    for properties in [*default.iterfind(qn("w:pPr")), *styles.iterfind(f"{qn('w:style')}/{qn('w:pPr')}")]:
        setting = properties.find(qn("w:overflowPunct"))
        if setting is None and properties.getparent() is not default:
            continue
        if setting is None:
            later = [i for i, child in enumerate(properties) if etree.QName(child).localname in AFTER_OVERFLOW_PUNCT]
            setting = etree.Element(qn("w:overflowPunct"))
            properties.insert(later[0] if later else len(properties), setting)
        setting.set(qn("w:val"), "1")


def open_reference(path: Path, libreoffice: bool) -> tuple[DocumentObject, dict[str, str]]:
    """A unit's .docx as the template: its styles, page setup, headers and footers; the thumbnail of its first page
    goes (it would show the reference's body)."""
    data = read_bytes(path)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise unreadable("文件解压后过大", path)
        document = Document(io.BytesIO(data))
        template = Document(io.BytesIO(template_bytes()))
        body = document.element.body
        if body.sectPr is None:
            sect_pr = copy.deepcopy(template.element.body.sectPr)
            for reference in sect_pr.findall(qn("w:footerReference")):
                sect_pr.remove(reference)
            body.append(sect_pr)
        ids = style_ids(document, template)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError, PackageNotFoundError) as exc:
        raise unreadable("文件已损坏或不是 Word .docx 文件", path) from exc
    if document.sections[-1]._sectPr.find(qn("w:footerReference")) is None:
        add_page_numbers(document, template, ids)
    package_rels = document.part.package.rels
    for rid in [rid for rid, rel in package_rels.items() if rel.reltype == RT.THUMBNAIL]:
        del package_rels[rid]
    if libreoffice:
        overflow_punctuation(document.styles.element)
    return document, ids


def open_template(reference: Path | None = None, libreoffice: bool = False) -> tuple[DocumentObject, dict[str, str]]:
    """The document to write into, with an empty body, and the style id of each style reportgen uses, by name.
    ``libreoffice``: the copy converted to PDF, where a character grid becomes a line grid (LibreOffice sets its
    pitch at about two characters) and punctuation may pass the line end (see :func:`overflow_punctuation`)."""
    if reference is None:
        document = Document(io.BytesIO(template_bytes()))
        ids = style_ids(document)
    else:
        document, ids = open_reference(reference, libreoffice)
    document.element.body.clear_content()
    grid = document.sections[-1]._sectPr.find(qn("w:docGrid"))
    if libreoffice and grid is not None and grid.get(qn("w:type")) in ("linesAndChars", "snapToChars"):
        grid.set(qn("w:type"), "lines")
    return document, ids
