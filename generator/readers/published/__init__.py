"""Read a published report (.txt/.md, .docx, .html, .pdf) back into reportgen's Report, with import findings."""

from __future__ import annotations

from pathlib import Path

from ...codes.published import IMPORT_FLAT, IMPORT_TRADITIONAL
from ...errors import InputError
from ...fileio import decode_text, read_bytes
from ...findings import Source
from ...report import ReadResult
from .assemble import assemble, blank_cells, ensure_content
from .coverage import coverage, coverage_findings, import_json, summary_line
from .flat import unflatten
from .script import simplify

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
MAX_PDF_BYTES = 60 * 1024 * 1024  # embedded fonts and images make PDFs larger than text copies
EMPTY = "文件为空，没有可导入的内容"


def read_published(path: Path) -> ReadResult:
    """A published report read back into a :class:`~generator.report.ReadResult` (same contract as every reader).

    The suffix decides the layout; InputError when the file cannot be read or is no report.
    """
    suffix = path.suffix.lower()
    file = str(path)
    if suffix not in (*TEXT_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES, *PDF_SUFFIXES):
        raise InputError(f"不支持的已发布报告类型“{path.suffix or '（无扩展名）'}”：请使用 .txt、.docx、.html 或 .pdf", file)
    data = read_bytes(path, MAX_PDF_BYTES) if suffix in PDF_SUFFIXES else read_bytes(path)
    if not data.strip():
        raise InputError(EMPTY, file)
    encoding = None
    if suffix in PDF_SUFFIXES:
        from .pdf import read_pdf

        doc = read_pdf(data, file)
    elif suffix in DOCX_SUFFIXES:
        from .docx import read_docx

        doc = read_docx(data, file)
    elif suffix in HTML_SUFFIXES:
        from .html import read_html

        doc = read_html(data, file)
    else:
        from .text import read_text

        text, encoding = decode_text(data, file)
        doc = read_text(text, file)
    ensure_content(doc, EMPTY)
    traditional = simplify(doc)
    flat = unflatten(doc)
    result = assemble(doc)
    result.encoding = encoding
    result.findings[:0] = doc.notes
    if flat:
        result.findings.insert(0, IMPORT_FLAT(source=Source(file=file)))
    if traditional:
        result.findings.insert(0, IMPORT_TRADITIONAL(source=Source(file=file), count=traditional))
    result.findings += coverage_findings(result)
    if result.report is not None:
        result.read = sorted({*result.report.cells, *blank_cells(result)})
    return result


__all__ = ["blank_cells", "coverage", "import_json", "read_published", "summary_line"]
