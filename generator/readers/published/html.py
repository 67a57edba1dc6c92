"""A report published as a web page → lines and tables (rowspan/colspan resolved); scripts, styles and navigation ignored."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from ...errors import InputError
from ...fileio import decode_text
from ...findings import Source
from .items import Document, Field, Grid, Line
from .labels import match
from .script import simplify_text

SKIP = {
    "script", "style", "noscript", "template", "head", "nav", "footer", "iframe", "object", "svg", "form", "button", "select", "textarea",
}  # fmt: skip
BLOCKS = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main", "header", "aside",
    "blockquote", "pre", "dt", "dd", "dl", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "caption", "center", "body", "figure",
}  # fmt: skip
NO_CONTENT = "网页中没有可读的报告正文（只有脚本、样式或导航）"
TOO_DEEP = "网页的标签嵌套超过 255 层，更深处的正文无法读取：请在浏览器中另存为文本（.txt）后再导入"
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def decode(data: bytes, file: str) -> str:
    """The page's text in its declared charset, else as any text input (UTF-8, UTF-16 with BOM, GB18030)."""
    declared = CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_text(data, file)[0]


def cell_text(el: etree._Element) -> str:
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if isinstance(node.tag, str) and node.tag.lower() in SKIP:
            if node.tail:
                parts.append(node.tail)
            return
        if isinstance(node.tag, str) and node.tag.lower() == "br":
            parts.append("")
        elif node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if node is not el and node.tail:
            parts.append(node.tail)

    walk(el)
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def is_data_table(table: etree._Element, version_hint: tuple[str, ...]) -> bool:
    """A table without nested tables whose cells print some label of the standard tables (layout tables are not)."""
    if table.xpath(".//table"):
        return False
    hits = 0
    for cell in table.xpath(".//td|.//th"):
        text = cell_text(cell)
        if text and len(text) <= 80 and any(match(text, v) is not None for v in version_hint):
            hits += 1
            if hits >= 2:
                return True
    return False


def grid_of(table: etree._Element, index: int, file: str) -> Grid:
    rows: list[list[Field]] = []
    for r, tr in enumerate(table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")):
        row = []
        for c, cell in enumerate(tr.xpath("./td|./th")):
            row.append(Field(cell_text(cell), Source(file=file, sheet=f"第{index}个表格", line=r + 1, column=c + 1)))
        rows.append(row)
    # rowspan and colspan need no resolving here: each row lists the cells that start in it, in order
    return Grid(rows, Source(file=file, sheet=f"第{index}个表格"))


def read_html(data: bytes, file: str) -> Document:
    """The page's text blocks and data tables in reading order."""
    text, simplified = simplify_text(decode(data, file))  # before the tables are told by their labels
    parser = lxml.html.HTMLParser()
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"无法解析网页：{exc}", file) from exc
    if any("depth" in e.message for e in parser.error_log):  # the parser stops at 256 levels: what lies deeper is lost
        raise InputError(TOO_DEEP, file)
    doc = Document(file=file, simplified=simplified)
    buffer: list[str] = []
    count = 0
    tables = 0

    def flush() -> None:
        nonlocal count
        line = re.sub(r"[ \t\r\n]+", " ", "".join(buffer)).strip()
        buffer.clear()
        if line:
            count += 1
            doc.items.append(Line(line, Source(file=file, ref=f"第{count}段")))

    def walk(node: etree._Element) -> None:
        nonlocal tables
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not tag or tag in SKIP:  # comments, processing instructions, scripts
            if node.tail:
                buffer.append(node.tail)
            return
        if tag == "table" and is_data_table(node, ("2019", "2021")):
            flush()
            tables += 1
            doc.items.append(grid_of(node, tables, file))
        else:
            block = tag in BLOCKS
            if block:
                flush()
            if tag == "br":
                flush()
            if node.text:
                buffer.append(node.text)
            for child in node:
                walk(child)
            if block:
                flush()
        if node.tail:
            buffer.append(node.tail)

    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    if not doc.items:
        raise InputError(NO_CONTENT, file)
    return doc
