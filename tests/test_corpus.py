"""Real published reports (tests/corpus): tables found, agency found, cells as typed by hand, arithmetic findings the real ones.

Today's failures are listed in tests/corpus/known_failures.yaml and run as strict xfails: a case the
importer starts to get right fails loudly until its line is removed from that list.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.corpus_measure import CORPUS, SUFFIXES, Expected, Measured, corpus, measure
from tests.pdf_agreement import assert_readers_agree

ASPECTS = ("tables", "agency", "cells", "findings", "refused")
KNOWN = yaml.safe_load((CORPUS / "known_failures.yaml").read_text(encoding="utf-8")) or {}
REPORTS = corpus(holdout=True)


@cache
def _measured(report_id: str) -> Measured:
    return measure(next(e for e in REPORTS if e.id == report_id))


def _applies(expected: Expected, aspect: str) -> bool:
    if aspect == "agency":
        return expected.agency_printed
    if aspect == "refused":
        return not expected.report
    return True


def _cases() -> list[object]:
    cases: list[object] = []
    for expected in REPORTS:
        for aspect in ASPECTS:
            if not _applies(expected, aspect):
                continue
            reason = (KNOWN.get(expected.id) or {}).get(aspect)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(expected.id, aspect, marks=marks, id=f"{expected.id}-{aspect}"))
    return cases


@pytest.mark.parametrize(("report_id", "aspect"), _cases())
def test_corpus(report_id: str, aspect: str) -> None:
    got = _measured(report_id)
    if aspect == "tables":
        assert got.tables_missing == [], f"printed but not found: {got.tables_missing} (placed {got.found})"
    elif aspect == "agency":
        assert got.agency_right, f"agency read {got.agency!r}, printed {got.expected.agency!r} ({got.unreadable or 'read'})"
    elif aspect == "cells":
        problems = {key: (c.right, c.read, c.typed, c.wrong) for key, c in got.tables.items() if c.wrong or c.right != c.typed}
        assert problems == {}, "table: (right, read, typed, wrong cells)"
    elif aspect == "refused":
        assert got.unreadable is not None, "a document that is no report was imported as one"
    else:
        assert (got.false_findings, got.missed_findings) == (set(), set())


def test_known_failures_name_real_cases() -> None:
    ids = {e.id for e in REPORTS}
    assert set(KNOWN) <= ids
    assert all(set(aspects) <= set(ASPECTS) for aspects in KNOWN.values())


def test_every_corpus_file_has_its_expectations() -> None:
    documents = {
        p.stem for folder in (CORPUS, CORPUS / "holdout") for p in folder.iterdir() if p.suffix in SUFFIXES and p.name != "README.md"
    }
    assert documents == {e.id for e in REPORTS}


def test_every_corpus_report_names_its_source() -> None:
    for expected in REPORTS:
        data = yaml.safe_load((expected.document.parent / f"{expected.id}.expected.yaml").read_text(encoding="utf-8"))
        source = data["source"]
        assert source["address"] and source["obtained"] and source["licence"], expected.id


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.pdf")), ids=lambda p: p.stem)
def test_pdfium_and_pdfminer_read_a_real_pdf_the_same(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reports exported from WPS as published: the same report from PDFium's page objects as from pdfminer's."""
    assert_readers_agree(path, monkeypatch)
