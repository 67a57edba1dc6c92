"""A PDF page's characters and ruling lines read with PDFium (pypdfium2), as the objects pdfplumber works on.

pdfplumber reads a page's objects with pdfminer, in Python: about 0.04 s a page, 85 % of reading a report. PDFium
reads the same characters and paths about ten times faster; pdfplumber then finds the tables and lines as before.
A page PDFium's objects are not known to match on (rotated, shifted, drawn in a form XObject) is left to pdfminer.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import threading
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Objects = dict[str, list[dict[str, Any]]]
SURROGATES = range(0xD800, 0xDC00)
DESCENT = -0.12  # ems below the baseline where a character's box starts (Chinese fonts: about 0.12)
WIDEST = 1.5  # ems: a wider advance than this is no character's
ROUND = 3  # decimals: PDFium computes in single precision, and an edge is horizontal only when its ends are equal


LOCK = threading.Lock()  # PDFium is not thread-safe: one document at a time in a process


class TooManyObjects(Exception):
    """A page holds more objects (characters and paths) than the caller allows."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


class PageReader:
    """PDFium's view of one document, read a page at a time while the lock is held (``with PageReader(...)``); every
    page is left to pdfminer when PDFium cannot open the file (pdfminer then says why) or counts other pages, and
    when not ``enabled``."""

    def __init__(self, data: bytes, pages: int, *, enabled: bool = True) -> None:
        self.data, self.pages, self.enabled = data, pages, enabled
        self.document: pdfium.PdfDocument | None = None

    def __enter__(self) -> PageReader:
        LOCK.acquire()
        if not self.enabled:
            return self
        try:
            self.document = pdfium.PdfDocument(self.data)
        except pdfium.PdfiumError:
            return self
        if len(self.document) != self.pages:
            self.document.close()
            self.document = None
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            if self.document is not None:
                self.document.close()
        finally:
            LOCK.release()

    def objects(self, index: int, page_number: int, doctop: float, limit: int) -> Objects | None:
        """The page's characters, lines, rects, curves and images as pdfplumber's object dicts (top-down coordinates),
        or None when the page is left to pdfminer; :class:`TooManyObjects` beyond ``limit``, before any is made."""
        if self.document is None:
            return None
        try:
            return page_objects(self.document, index, page_number, doctop, limit)
        except TooManyObjects:
            raise
        except Exception:  # whatever PDFium makes of a damaged page, pdfminer reads it (or says why it cannot)
            return None


def page_objects(document: pdfium.PdfDocument, index: int, page_number: int, doctop: float, limit: int) -> Objects | None:
    page = document[index]
    try:
        left, bottom, right, top = page.get_mediabox()
        if page.get_rotation() or left or bottom or page.get_cropbox() != (left, bottom, right, top):
            return None
        count = pdfium_c.FPDFPage_CountObjects(page.raw)
        if count > limit:
            raise TooManyObjects(count)
        objects = list(page.get_objects(max_depth=1))
        if any(obj.type == pdfium_c.FPDF_PAGEOBJ_FORM for obj in objects):
            return None
        out: Objects = {"char": [], "line": [], "rect": [], "curve": [], "image": []}
        context = (top, page_number, doctop)
        for obj in objects:
            if obj.type == pdfium_c.FPDF_PAGEOBJ_PATH:
                paths(obj, context, out)
            elif obj.type == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                x0, y0, x1, y1 = obj.get_bounds()
                out["image"].append(box("image", x0, y0, x1, y1, context))
        textpage = page.get_textpage()
        try:
            if pdfium_c.FPDFText_CountChars(textpage.raw) + len(objects) > limit:
                raise TooManyObjects(pdfium_c.FPDFText_CountChars(textpage.raw) + len(objects))
            out["char"] = characters(textpage, context)
        finally:
            textpage.close()
        return out
    finally:
        page.close()


def box(kind: str, x0: float, y0: float, x1: float, y1: float, context: tuple[float, int, float]) -> dict[str, Any]:
    """An object of ``kind`` over the box (PDF coordinates, from the bottom) with pdfplumber's keys (from the top)."""
    height, page_number, doctop = context
    x0, y0, x1, y1 = (round(v, ROUND) for v in (x0, y0, x1, y1))
    top, bottom = round(height - y1, ROUND), round(height - y0, ROUND)
    return {
        "object_type": kind,
        "page_number": page_number,
        "x0": x0,
        "x1": x1,
        "y0": y0,
        "y1": y1,
        "top": top,
        "bottom": bottom,
        "doctop": doctop + top,
        "width": x1 - x0,
        "height": y1 - y0,
    }


def characters(textpage: pdfium.PdfTextPage, context: tuple[float, int, float]) -> list[dict[str, Any]]:
    """Each printed character in a box from its origin over its advance, and from DESCENT below its baseline up one em
    of its size as printed (the text matrix applied). One descent for every font: a line that mixes a Chinese and a
    Latin font keeps one top (pdfminer takes each font's own, up to 0.3 em apart).

    PDFium leaves out some blank glyphs a PDF prints (Chromium's spaces between runs of text) and puts spaces of its
    own (flagged generated, as are the line ends it adds) wherever it sees a gap, also between the letter-spaced
    characters of a justified line. Its spaces are left out: gaps are judged by the reader (``spacing.py``)."""
    raw = textpage.raw
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    out: list[dict[str, Any]] = []
    count = pdfium_c.FPDFText_CountChars(raw)
    i = 0
    while i < count:
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        step = 1
        if code in SURROGATES and i + 1 < count:
            code = 0x10000 + ((code - 0xD800) << 10) + (pdfium_c.FPDFText_GetUnicode(raw, i + 1) - 0xDC00)
            step = 2
        if pdfium_c.FPDFText_IsGenerated(raw, i) or code in (0, 0xFFFE, 0xFFFF) or not pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect):
            i += step
            continue
        pdfium_c.FPDFText_GetCharOrigin(raw, i, ctypes.byref(x), ctypes.byref(y))
        pdfium_c.FPDFText_GetMatrix(raw, i, ctypes.byref(matrix))
        size = pdfium_c.FPDFText_GetFontSize(raw, i) * math.hypot(matrix.c, matrix.d)
        right = rect.right
        if not 0 < right - x.value <= size * WIDEST:  # a loose box PDFium stretched (seen on vertical labels)
            left, ink, bottom, top = ctypes.c_double(), ctypes.c_double(), ctypes.c_double(), ctypes.c_double()
            pdfium_c.FPDFText_GetCharBox(raw, i, ctypes.byref(left), ctypes.byref(ink), ctypes.byref(bottom), ctypes.byref(top))
            right = min(max(ink.value, x.value), x.value + size)
        char = box("char", x.value, y.value + size * DESCENT, right, y.value + size * (1 + DESCENT), context)
        char["text"] = chr(code)
        char["size"] = round(size, ROUND)
        char["upright"] = matrix.b == 0 and matrix.c == 0 and matrix.a > 0 and matrix.d > 0
        char["matrix"] = (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)
        char["fontname"] = ""
        out.append(char)
        i += step
    return out


def paths(obj: Any, context: tuple[float, int, float], out: Objects) -> None:
    """A path object's subpaths, each as pdfminer classifies it: one segment a line, an upright closed box a rect,
    anything else a curve through its points."""
    raw = obj.raw
    a, b, c, d, e, f = obj.get_matrix().get()
    subpath: list[tuple[float, float]] = []
    curved = False
    x = ctypes.c_float()
    y = ctypes.c_float()

    def close() -> None:
        if len(subpath) >= 2:
            out_path(subpath, curved, context, out)

    for n in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, n)
        pdfium_c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            close()
            subpath, curved = [point], False
            continue
        curved = curved or kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        subpath.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpath[0] != point:
            subpath.append(subpath[0])
    close()


def out_path(points: list[tuple[float, float]], curved: bool, context: tuple[float, int, float], out: Objects) -> None:
    """One subpath through ``points`` (page coordinates) added to ``out`` as a line, a rect or a curve."""
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    shape = box("curve", min(xs), min(ys), max(xs), max(ys), context)
    height = context[0]
    shape["pts"] = [(round(px, ROUND), round(height - py, ROUND)) for px, py in points]
    if not curved and len(points) == 2:
        shape["object_type"] = "line"
    elif not curved and len(points) == 5 and points[0] == points[4] and upright_box(points):
        shape["object_type"] = "rect"
    out[shape["object_type"]].append(shape)


def upright_box(points: list[tuple[float, float]]) -> bool:
    """Four sides, each horizontal or vertical, alternating."""
    sides = list(itertools.pairwise(points))
    flat = [p[1] == q[1] for p, q in sides]
    tall = [p[0] == q[0] for p, q in sides]
    return all(h != v for h, v in zip(flat, tall, strict=True)) and flat[0] != flat[1]
