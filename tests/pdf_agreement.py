"""A PDF read with PDFium's objects and with pdfminer's (every page), as the records the reader makes of them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.readers.published import pdf as pdf_reader
from generator.readers.published import read_published

BLANKS = re.compile(r"\s+")


def plain(value: Any) -> Any:
    """Strings without their blanks (PDFium and pdfminer disagree on which blank glyph a gap is), recursively."""
    if isinstance(value, str):
        return BLANKS.sub("", value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def reading(path: Path, monkeypatch: pytest.MonkeyPatch, *, pdfium: bool) -> dict[str, Any]:
    monkeypatch.setattr(pdf_reader, "PDFIUM", pdfium)
    result = read_published(path)
    return plain(
        {
            "report": result.report.model_dump(mode="json") if result.report is not None else None,
            "findings": sorted((f.code, f.cell or "", f.message) for f in result.findings),
            "read": sorted(result.read or ()),
        }
    )


def assert_readers_agree(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every cell, word (blanks aside), finding and read count the same whichever library read the page objects."""
    assert reading(path, monkeypatch, pdfium=True) == reading(path, monkeypatch, pdfium=False)
