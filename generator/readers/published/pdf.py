"""A report published as PDF → lines in reading order and tables from their ruling lines (pdfplumber stays in this module)."""

from __future__ import annotations

import io
import itertools
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from statistics import median
from typing import Any

from ...codes.published import IMPORT_PAGE_AS_TEXT
from ...errors import InputError
from ...findings import Finding, Source
from ...formats import FORMATS
from . import glyphs
from .items import Document, Field, Grid, Line
from .labels import match
from .narrative import MARKER, SENTENCE_END
from .pagination import Placed, join_continuation, without_furniture
from .spacing import line_text

PDFIUM = True  # read each page's objects with PDFium where it can (see glyphs.py); False: pdfminer for every page
MAX_PAGES = 300  # far beyond any annual report; a bound against hostile files
MAX_OBJECTS_PER_PAGE = 200_000  # characters, lines and rects on one page
MAX_OBJECTS = 1_000_000  # … and in the whole file (a 30-page report has about 20,000; parsing 100,000 takes about 5 s)
# ruling lines and boxes on one page beyond which tables are not rebuilt from them (the search grows faster than
# linearly); a real report's densest table page has a few hundred
MAX_RULINGS_PER_PAGE = 2_000
# crossings of distinct ruling positions (rows × columns) on one page, and over the whole file, beyond which tables
# are not rebuilt: the table finder's time grows with the square of the crossings (a 41 × 41 grid takes 0.1 s, an
# 81 × 81 grid 1.1 s, a 161 × 161 grid 14 s); 表三 alone on a page has about 28 × 9
MAX_CROSSINGS_PER_PAGE = 3_000
MAX_CROSSINGS = 30_000
SCANNED = "这是扫描件，没有文字层（只有图片），无法读取文字；reportgen 不做文字识别（OCR），请取得网页版、Word 版或带文字层的 PDF"
MARGIN = 0.15  # on a single page, a page number in the top or bottom margin (GB/T 9704: 35 mm of 297); else by repetition
NO_PAGES = "PDF 文件中没有任何页面"
NO_TEXT = "PDF 文件中没有任何文字"
PAGE_NUMBER = re.compile(r"^[\s\-—–－·]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–－·]*$")
CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
# a gap a PDF shows between Chinese and Latin text (auto-spacing) is layout, not a space the author typed
SPACE_AFTER_CJK = re.compile(rf"(?<=[{CJK}]) (?=[0-9A-Za-z])")
SPACE_BEFORE_CJK = re.compile(rf"(?<=[0-9A-Za-z%]) (?=[{CJK}])")
SPACE_IN_CJK = re.compile(rf"(?<=[{CJK}]) +(?=[{CJK}])")
MIN_TEXT = 20  # fewer printed characters than this (a page number stamped on scans) is no text layer
KANGXI = re.compile("[\u2f00-\u2fd5]")
# radical glyphs, and a glyph a font shares with a traditional twin (戶 for 户), named by the wrong code point
RADICALS = str.maketrans(
    "⺠⻓⻔⻄⻅⻆⻋⻚⻛⻢⻜⻩⻉⻬⻰⻮⻥⻦⻝⻘⻨⻣⻤⺟⻳戶",
    "民长门西见角车页风马飞黄贝齐龙齿鱼鸟食青麦骨鬼母龟户",
)
LINE_TOLERANCE = 5.0  # points: a browser sets Latin digits a few points off the Chinese baseline
EDGE = 2.0  # points: two ruling positions this close are the same


def tidy(text: str) -> str:
    """Layout spaces removed; radical glyphs some PDF writers map characters to (⼈ for 人) and canonical twins (〈 U+2329
    for 〈 U+3008, compatibility ideographs) read as the characters."""
    text = unicodedata.normalize("NFC", text)
    text = KANGXI.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text).translate(RADICALS)
    return SPACE_BEFORE_CJK.sub("", SPACE_AFTER_CJK.sub("", text))


def cell_text(text: str | None) -> str:
    """A cell's text: wrapped lines joined (Chinese needs no space), layout spaces removed (a label distributed over
    its cell comes back with a space between every two characters)."""
    return SPACE_IN_CJK.sub("", tidy("".join(part.strip() for part in (text or "").splitlines())))


def columns_of(table: Any) -> tuple[float, ...]:
    xs = sorted({round(x, 0) for cell in table.cells for x in (cell[0], cell[2])})
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > EDGE:
            merged.append(x)
    return tuple(merged)


def is_prose(row: Any, printed: list[str | None], width: float) -> bool:
    """A row that is one cell across the whole table holding no table label: text boxed in by ruling lines (a heading's
    underline, a frame around the page), not part of the table."""
    boxes = [box for box in row.cells if box is not None]
    if len(boxes) != 1 or boxes[0][2] - boxes[0][0] < width - EDGE * 2:
        return False
    text = cell_text(next((t for t in printed if t), ""))
    return not any(match(text, version) for version in FORMATS)


Rows = list[tuple[Any, list[str | None]]]


def segments(table: Any) -> list[tuple[Rows, tuple[float, float, float, float]]]:
    """The table's runs of rows between prose rows (which are left to the text), each with its box."""
    width = table.bbox[2] - table.bbox[0]
    out: list[tuple[Rows, tuple[float, float, float, float]]] = []
    run: Rows = []

    def close() -> None:
        if run:
            top = min(box[1] for box in run[0][0].cells if box is not None)
            bottom = max(box[3] for row, _ in run for box in row.cells if box is not None)
            out.append((list(run), (table.bbox[0], top, table.bbox[2], bottom)))
            run.clear()

    for row, printed in zip(table.rows, table.extract(), strict=False):
        if is_prose(row, printed, width):
            close()
        else:
            run.append((row, printed))
    close()
    return out


def grid_rows(rows: Rows, file: str, page_no: int) -> list[list[Field]]:
    """Each row's cells that start in it, in column order; a merged cell appears once, at its top-left position."""
    out: list[list[Field]] = []
    for row, printed in rows:
        fields = [
            Field(cell_text(text), Source(file=file, line=page_no, column=c + 1))
            for c, (box, text) in enumerate(zip(row.cells, printed, strict=False))
            if box is not None
        ]
        if fields:
            out.append(fields)
    return out


def same_columns(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= EDGE * 2 for x, y in zip(a, b, strict=True))


def crossings(page: Any) -> int:
    """At most how many places the page's horizontal and vertical rulings cross: rows × columns of ruling positions,
    each position the rulings within the table finder's snap tolerance of each other (a PDF writer that draws each
    cell's border apart draws one position many times, a few hundredths of a point off), rulings shorter than the
    finder's shortest edge left out."""
    from pdfplumber.table import TableSettings

    settings = TableSettings.resolve(None)
    rows = [e["top"] for e in page.horizontal_edges if e["x1"] - e["x0"] >= settings.edge_min_length]
    columns = [e["x0"] for e in page.vertical_edges if e["bottom"] - e["top"] >= settings.edge_min_length]
    return positions(rows, settings.snap_y_tolerance) * positions(columns, settings.snap_x_tolerance)


def positions(values: list[float], tolerance: float) -> int:
    """How many places ``values`` stand at, values within ``tolerance`` of the one before counted as one."""
    count, last = 0, float("-inf")
    for value in sorted(values):
        count += value - last > tolerance
        last = value
    return count


@dataclass
class Budget:
    """What is left of the work allowed in one file: objects parsed, ruling crossings for rebuilding tables."""

    objects: int
    crossings: int
    spent: bool = False  # the crossings are spent: every later page is text only, said once


def too_dense(page: Any, budget: Budget) -> str | None:
    """Why the page's tables are not rebuilt from its rulings (too many, too dense, the file's budget spent; "" when
    the budget was already said to be spent), or None."""
    rulings = len(page.rects) + len(page.lines) + len(page.curves)
    if rulings > MAX_RULINGS_PER_PAGE:
        return f"有 {rulings} 条表格线（上限 {MAX_RULINGS_PER_PAGE}）"
    if not rulings:
        return None
    count = crossings(page)
    if count > MAX_CROSSINGS_PER_PAGE:
        return f"的表格线约有 {count} 个交叉点（上限 {MAX_CROSSINGS_PER_PAGE}）"
    if count > budget.crossings:
        if budget.spent:
            return ""  # said at the first such page
        budget.spent = True
        return f"起的各页：之前各页的表格线交叉点已达全文件上限 {MAX_CROSSINGS}"
    budget.crossings -= count
    return None


def too_many(page_no: int, objects: int, budget: Budget, file: str) -> InputError:
    """The refusal of a page with more objects than one page may have, or than the file has left."""
    if objects > MAX_OBJECTS_PER_PAGE:
        return InputError(f"第 {page_no} 页的图形对象过多，无法读取（文件可能已损坏或是恶意构造的）", file)
    too_many = f"读到第 {page_no} 页时文字和图形对象已超过 {MAX_OBJECTS} 个，不像一份年度报告"
    return InputError(f"{too_many}（文件可能已损坏或是恶意构造的）", file)


def page_items(page: Any, file: str, page_no: int, notes: list[Finding], budget: Budget) -> list[Placed]:
    """One page's tables and text lines (outside the tables), top to bottom; a page whose rulings are too many or
    too dense (see :func:`too_dense`) is read as text only (noted in ``notes``)."""
    rulings = len(page.rects) + len(page.lines) + len(page.curves)
    objects = len(page.chars) + rulings
    if objects > min(MAX_OBJECTS_PER_PAGE, budget.objects):
        raise too_many(page_no, objects, budget, file)
    budget.objects -= objects
    boxes: list[tuple[float, float, float, float]] = []
    placed: list[Placed] = []
    cause = too_dense(page, budget)
    tables = page.find_tables() if cause is None else []
    if cause:
        notes.append(IMPORT_PAGE_AS_TEXT(source=Source(file=file, line=page_no), page=page_no, cause=cause))
    for table in tables:
        for rows, box in segments(table):
            boxes.append(box)
            placed.append(Placed(box[1], Grid(grid_rows(rows, file, page_no), Source(file=file, line=page_no)), box[3], columns_of(table)))

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)

    body = page.filter(outside) if boxes else page
    for line in body.extract_text_lines(return_chars=True, y_tolerance=LINE_TOLERANCE, keep_blank_chars=True):
        text = tidy(line_text(line["chars"]))
        middle = (line["top"] + line["bottom"]) / 2
        if any(b[1] < middle < b[3] for b in boxes):  # beside a table, within its height: a cell pushed past its ruling
            continue
        margin = line["bottom"] < page.height * MARGIN or line["top"] > page.height * (1 - MARGIN)
        if not text or (margin and PAGE_NUMBER.match(text)):  # a page number, not a figure of the report
            continue
        sizes = Counter(round(c["size"], 1) for c in line["chars"])
        placed.append(
            Placed(
                line["top"],
                Line(text, Source(file=file, line=page_no)),
                line["bottom"],
                (),
                sizes.most_common(1)[0][0],
                line["x0"],
                line["x1"],
            )
        )
    placed.sort(key=lambda p: p.top)
    return placed


@dataclass(frozen=True)
class Body:
    """The body text's type size, left and right edges, whether its paragraphs indent their first line and where a first
    line starts, and the distance from one line's top to the next within a paragraph."""

    size: float
    left: float
    right: float
    indented: bool
    indent: float
    leading: float


def body_of(lines: list[Placed]) -> Body:
    size = Counter(p.size for p in lines).most_common(1)[0][0] if lines else 0.0
    body = [p for p in lines if abs(p.size - size) < 0.5]
    left = min((p.x0 for p in body), default=0.0)
    right = max((p.x1 for p in body), default=0.0)
    starts = Counter(round(p.x0) for p in body if p.x0 > left + size * 0.8)
    indented = sum(starts.values()) >= max(len(body) // 30, 2)
    indent = float(starts.most_common(1)[0][0]) if starts else left + size * 2
    steps = [
        b.top - a.top for a, b in itertools.pairwise(body) if a.item.source.line == b.item.source.line and 0 < b.top - a.top < size * 3
    ]
    return Body(size, left, right, indented, indent, median(steps) if steps else size * 1.5)


def wrapped(prev: Placed, p: Placed, body: Body) -> bool:
    """``p`` goes on with the line above in a block set to the right (署名 and 成文日期 wrapped in a narrow layout):
    either both start at the same place beyond where first lines start (a left indent, spaces), or both end at the same
    place and the line above fills the width (right-aligned); close below, the line above ending no sentence."""
    assert isinstance(prev.item, Line) and isinstance(p.item, Line)
    start = max(body.indent, body.left) + body.size
    indented = abs(p.x0 - prev.x0) <= EDGE and p.x0 > start
    right_aligned = abs(p.x1 - prev.x1) <= EDGE and prev.x0 <= start and p.x0 > prev.x0 + body.size
    return (
        (indented or right_aligned)
        and abs(p.size - prev.size) < 0.5
        and p.top - prev.top <= body.leading + body.size * 0.4
        and prev.item.text.rstrip()[-1:] not in SENTENCE_END
        and not MARKER.match(p.item.text.strip())
    )


def paragraphs_of(lines: list[Placed], body: Body) -> list[Line]:
    """Visual lines → one Line per paragraph, blank lines between: a paragraph starts at an indented first line (or, in a
    document without first-line indents, after a short last line), after a gap wider than the line spacing; consecutive
    title lines (larger type) are one line."""
    out: list[Line] = []
    prev: Placed | None = None
    for p in lines:
        assert isinstance(p.item, Line)
        big = p.size > body.size * 1.15
        same_page = prev is not None and prev.item.source.line == p.item.source.line
        if prev is not None and same_page and not big and wrapped(prev, p, body):
            out[-1].text += p.item.text
            prev = p
            continue
        starts = (
            prev is None
            or big != (prev.size > body.size * 1.15)
            or (big and abs(prev.size - p.size) >= 0.5)
            or (not big and p.x0 > body.left + body.size * 0.8)
            or (not big and not body.indented and prev.x1 < body.right - body.size * 1.5)
            or (same_page and p.top - prev.bottom > max(p.size, prev.size) * 1.2)
            or (same_page and not big and p.top - prev.top > body.leading + body.size * 0.4)
        )
        if starts:
            if out:
                out.append(Line("", p.item.source))
            out.append(Line(p.item.text, p.item.source))
        else:
            out[-1].text += p.item.text
        prev = p
    return out


def preload() -> None:
    """Import the PDF library now (before workers are forked, so that each starts with it loaded)."""
    import pdfplumber  # noqa: F401


def open_pdf(data: bytes, file: str) -> Any:
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # font warnings are no concern of the user
    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many unrelated types for damaged or encrypted files
        raise InputError(f"无法打开 PDF 文件（{reason(exc)}）", file) from exc


def reason(exc: Exception) -> str:
    # pdfplumber wraps pdfminer's exception (PdfminerException(PDFPasswordIncorrect())): the cause is inside
    inner = [a for a in exc.args if isinstance(a, Exception)] + ([exc.__cause__] if isinstance(exc.__cause__, Exception) else [])
    name = " ".join(type(e).__name__ for e in (exc, *inner))
    if "Password" in name or "Encrypt" in name:
        return "文件设有打开密码，请取得不加密的版本"
    if "Syntax" in name or "EOF" in name or "NoValidPDF" in name or "Type" in name:
        return "文件已损坏或不是有效的 PDF"
    return "文件已损坏或格式不受支持"


def read_pdf(data: bytes, file: str) -> Document:
    """The lines and tables of a PDF report in reading order, without page furniture; a table continued on the next page
    is joined into one."""
    if not data.startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise InputError("这不是 PDF 文件（缺少 %PDF 文件头）", file)
    pdf = open_pdf(data, file)
    try:
        with pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError(f"PDF 共 {len(pdf.pages)} 页，超过上限 {MAX_PAGES} 页，不像一份年度报告", file)
            if not pdf.pages:
                raise InputError(NO_PAGES, file)
            notes: list[Finding] = []
            budget = Budget(MAX_OBJECTS, MAX_CROSSINGS)
            placed: list[list[Placed]] = []
            with glyphs.PageReader(data, len(pdf.pages), enabled=PDFIUM) as fast:
                for n, page in enumerate(pdf.pages, 1):
                    limit = min(MAX_OBJECTS_PER_PAGE, budget.objects)
                    try:
                        objects = fast.objects(n - 1, page.page_number, page.initial_doctop, limit)
                    except glyphs.TooManyObjects as exc:
                        raise too_many(n, exc.count, budget, file) from None
                    if objects is not None:
                        page._objects = objects  # where pdfplumber keeps a page's parsed objects: PDFium's stand in
                    placed.append(page_items(page, file, n, notes, budget))
            pages = without_furniture(placed)
            images = sum(len(page.images) for page in pdf.pages)
    except InputError:
        raise
    except Exception as exc:  # a page that pdfminer cannot parse
        raise InputError(f"无法读取 PDF 内容（{reason(exc)}）", file) from exc
    lines = [p for page in pages for p in page if isinstance(p.item, Line)]
    printed = sum(len(p.item.text) for p in lines if isinstance(p.item, Line))
    if printed < MIN_TEXT and not any(isinstance(p.item, Grid) for page in pages for p in page):
        raise InputError(SCANNED if images else NO_TEXT, file)
    body = body_of(lines)
    doc = Document(file=file, notes=notes)
    run: list[Placed] = []
    open_table: Placed | None = None  # the last table, while nothing but page furniture follows it
    open_page = -1
    for n, page in enumerate(pages):
        for p in page:
            if isinstance(p.item, Line):
                open_table = None
                run.append(p)
                continue
            doc.items.extend(paragraphs_of(run, body))
            run.clear()
            if open_table is not None and open_page == n - 1 and same_columns(open_table.edges, p.edges):
                assert isinstance(open_table.item, Grid)
                join_continuation(open_table.item, p.item)
            else:
                doc.items.append(p.item)
                open_table = p
            open_page = n
    doc.items.extend(paragraphs_of(run, body))
    return doc
