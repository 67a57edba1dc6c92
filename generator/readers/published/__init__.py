"""Read a published report (.txt/.md, .docx, .html) back into reportgen's Report, with import findings."""

from __future__ import annotations

from pathlib import Path

from ...errors import InputError
from ...fileio import decode_text, read_bytes
from ...report import ReadResult
from .assemble import assemble, blank_cells, ensure_content

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
EMPTY = "文件为空，没有可导入的内容"


def read_published(path: Path) -> ReadResult:
    """A published report read back into a :class:`~generator.report.ReadResult` (same contract as every reader).

    The suffix decides the layout; InputError when the file cannot be read or is no report.
    """
    suffix = path.suffix.lower()
    file = str(path)
    if suffix not in (*TEXT_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES):
        raise InputError(f"不支持的已发布报告类型“{path.suffix or '（无扩展名）'}”：请使用 .txt、.docx 或 .html", file)
    data = read_bytes(path)
    if not data.strip():
        raise InputError(EMPTY, file)
    encoding = None
    if suffix in DOCX_SUFFIXES:
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
    result = assemble(doc)
    result.encoding = encoding
    return result


__all__ = ["blank_cells", "read_published"]
