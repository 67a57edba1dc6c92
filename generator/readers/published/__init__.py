"""Read a published report (.txt/.md, .docx, .html, .pdf) back into reportgen's Report, with import findings."""

from __future__ import annotations

from pathlib import Path

from ...codes.audit import IMPORT_FLAT
from ...errors import InputError
from ...fileio import read_bytes
from ...findings import Source
from ...report import ReadResult
from .assemble import assemble, blank_cells, ensure_content
from .coverage import coverage, coverage_findings, summary_line
from .flat import unflatten

CODES: dict[str, str] = {
    "IMPORT-SPLIT": "发布稿中一行的数字连在一起，已按勾稽关系唯一拆分（请核对）",
    "IMPORT-SPLIT-AMBIGUOUS": "数字连在一起，有多种拆分都符合勾稽关系，该行未导入",
    "IMPORT-SPLIT-NONE": "数字连在一起，没有一种拆分符合勾稽关系，该行未导入",
    "IMPORT-ALIGN": "一行的单元格数与表格列数不符，按数字落在“总计”列对齐读取（请核对）",
    "IMPORT-UNPLACED": "无法确定某些单元格属于哪一列，这些单元格未导入",
    "IMPORT-EXTRA-COLUMNS": "一行比标准表格多出单元格，已根据勾稽关系或相同数值确定各列",
    "IMPORT-BAD-VALUE": "数值位置上印的不是数字，未导入",
    "IMPORT-BLANK": "发布稿中印为空白的单元格（不同于 0），导入时不填、计算时按 0 处理",
    "IMPORT-LABEL-FUZZY": "行标签与标准表格不完全一致，按最接近的标准标签读取",
    "IMPORT-DUPLICATE-ROW": "同一行在表格中出现不止一次，只读取第一次",
    "IMPORT-MISSING-TABLE": "没有找到某张标准表格",
    "IMPORT-MISSING-ROW": "表格缺少某些标准行",
    "IMPORT-MISSING-PART": "没有找到六个部分之一的标准标题",
    "IMPORT-TRAILING": "成文日期之后的文字（网页工具栏等）不属于报告正文，未导入",
    "IMPORT-YEAR-MISSING": "没有找到报告年度",
    "IMPORT-AGENCY-MISSING": "没有找到机关名称",
    "IMPORT-VERSION": "无法从表格标签判断格式版本，按报告年度采用",
}
TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
DOCX_SUFFIXES = (".docx",)
PDF_SUFFIXES = (".pdf",)
MAX_PDF_BYTES = 60 * 1024 * 1024  # embedded fonts and images make PDFs larger than text copies
EMPTY = "文件为空，没有可导入的内容"


def decode(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), else GB18030, which Chinese offices still use for text copies."""
    if b"\x00" in data[:8192]:
        raise InputError("这是一个二进制文件，不是文本文件", file)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError("无法识别文件编码（既不是 UTF-8 也不是 GB18030），请另存为 UTF-8", file)


def read_published(path: Path) -> ReadResult:
    """A published report read back: suffix decides the layout; InputError when it cannot be read or is no report."""
    suffix = path.suffix.lower()
    file = str(path)
    if suffix not in (*TEXT_SUFFIXES, *HTML_SUFFIXES, *DOCX_SUFFIXES, *PDF_SUFFIXES):
        raise InputError(f"不支持的已发布报告类型“{path.suffix or '（无扩展名）'}”：请使用 .txt、.docx、.html 或 .pdf", file)
    data = read_bytes(path, MAX_PDF_BYTES) if suffix in PDF_SUFFIXES else read_bytes(path)
    if not data.strip():
        raise InputError(EMPTY, file)
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

        doc = read_text(decode(data, file), file)
    ensure_content(doc, EMPTY)
    flat = unflatten(doc)
    result = assemble(doc)
    if flat:
        result.findings.insert(0, IMPORT_FLAT(source=Source(file=file)))
    result.findings += coverage_findings(result)
    return result


__all__ = ["CODES", "blank_cells", "coverage", "read_published", "summary_line"]
