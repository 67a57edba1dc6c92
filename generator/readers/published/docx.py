"""A report published as Word .docx → paragraphs and tables, read from the XML grid (gridSpan, vMerge) with a safe parser."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from ...codes.published import IMPORT_XML_ENTITY
from ...errors import InputError
from ...findings import Source
from ...workbook.archive import ENCRYPTED_STREAM, OLE_MAGIC
from .items import Document, Field, Grid, Line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MAX_XML_BYTES = 50 * 1024 * 1024  # document.xml unpacked: a zip bomb stops here
NOT_DOCX = "不是有效的 Word 文档（.docx）：文件已损坏，或是旧版 .doc / 其他格式改了扩展名"
ENCRYPTED = "Word 文档设置了打开密码（已加密），无法读取：请在 Word 或 WPS 中取消密码后另存为 .docx"
OLD_DOC = "这是旧版 Word 97-2003（.doc）格式的文件：请在 Word 或 WPS 中另存为 .docx"
NO_TABLES = "Word 文档中没有表格：已发布的年度报告应有表二至表四（如果表格是图片，请改用文本或网页导入）"


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    for node in p.iter(q("t"), q("tab"), q("br"), q("cr"), q("delText")):
        if node.tag == q("t"):  # an unresolved entity is a child: the text after it is its tail
            parts.append((node.text or "") + "".join(child.tail or "" for child in node))
        elif node.tag in (q("tab"),):
            parts.append("\t")
        elif node.tag in (q("br"), q("cr")):
            parts.append("\n")
    return "".join(parts)


def cell_text(tc: etree._Element) -> str:
    return "".join(paragraph_text(p) for p in tc.iter(q("p")))


def grid_of(tbl: etree._Element, index: int, file: str) -> Grid:
    """Rows of cells that start in them: a vMerge continuation belongs to the cell above and is skipped."""
    rows: list[list[Field]] = []
    for r, tr in enumerate(tbl.findall(q("tr"))):
        row: list[Field] = []
        col = 0
        before = tr.find(f"{q('trPr')}/{q('gridBefore')}")
        if before is not None:
            col += int(before.get(q("val"), "0") or 0)
        for tc in tr.findall(q("tc")):
            props = tc.find(q("tcPr"))
            span = 1
            merged = False
            if props is not None:
                grid_span = props.find(q("gridSpan"))
                if grid_span is not None:
                    span = int(grid_span.get(q("val"), "1") or 1)
                v_merge = props.find(q("vMerge"))
                merged = v_merge is not None and v_merge.get(q("val"), "continue") == "continue"
            if not merged:
                row.append(Field(cell_text(tc), Source(file=file, sheet=f"第{index}个表格", line=r + 1, column=col + 1)))
            col += span
        rows.append(row)
    return Grid(rows, Source(file=file, sheet=f"第{index}个表格"))


def read_docx(data: bytes, file: str) -> Document:
    """Body paragraphs and tables in order; nested content controls are read through."""
    if data.startswith(OLE_MAGIC):
        raise InputError(ENCRYPTED if ENCRYPTED_STREAM in data else OLD_DOC, file)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise InputError("Word 文档正文过大，无法读取", file)
            xml = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        raise InputError(NOT_DOCX, file) from exc
    try:
        root = etree.fromstring(xml, parser())
    except etree.XMLSyntaxError as exc:
        raise InputError(NOT_DOCX, file) from exc
    body = root.find(q("body"))
    if body is None:
        raise InputError(NOT_DOCX, file)
    doc = Document(file=file)
    count = 0
    tables = 0

    def entities(node: etree._Element, where: str) -> None:
        """An entity the parser was told not to resolve (it may point outside the file) is named, not silently lost."""
        for entity in node.iter(etree.Entity):
            doc.notes.append(IMPORT_XML_ENTITY(source=Source(file=file, ref=where), where=where, entity=f"&{entity.name};"))

    def walk(node: etree._Element) -> None:
        nonlocal count, tables
        for child in node:
            if child.tag == q("p"):
                count += 1
                entities(child, f"第{count}段")
                for k, text in enumerate(paragraph_text(child).split("\n")):
                    doc.items.append(Line(text, Source(file=file, ref=f"第{count}段" + (f"第{k + 1}行" if k else ""))))
            elif child.tag == q("tbl"):
                tables += 1
                entities(child, f"第{tables}个表格")
                doc.items.append(grid_of(child, tables, file))
            elif child.tag != q("sectPr"):
                walk(child)  # w:sdt, w:sdtContent, w:customXml …

    walk(body)
    if tables == 0:
        raise InputError(NO_TABLES, file)
    return doc
