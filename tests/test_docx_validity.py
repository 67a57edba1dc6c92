"""Every .docx reportgen writes passes an independent OOXML validator (openxml-audit, Office 2019 rules: schema,
semantics and the parts and relationships Word requires) without a single finding."""

from __future__ import annotations

from pathlib import Path

import pytest
from openxml_audit import FileFormat, OpenXmlValidator

from generator.pipeline import read_input
from generator.render.docx import docx_bytes, write_reference
from generator.report import Report

from .conftest import SAMPLES
from .factories import distinct_report
from .test_docx_package import strip_footers_and_rename_styles

VALIDATOR = OpenXmlValidator(file_format=FileFormat.OFFICE_2019)


def findings(data: bytes, target: Path) -> list[str]:
    target.write_bytes(data)
    result = VALIDATOR.validate(str(target))
    return [f"{error.part_uri} {error.description}" for error in result.errors]


def sample(path: Path) -> Report:
    report = read_input(path).report
    assert report is not None, path
    return report


@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")) + sorted(SAMPLES.glob("*.xlsx")), ids=lambda p: p.name)
def test_every_sample_docx_has_no_finding(path: Path, tmp_path: Path) -> None:
    report = sample(path)
    for libreoffice in (False, True):
        assert findings(docx_bytes(report, libreoffice=libreoffice), tmp_path / "r.docx") == []


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_docx_from_a_units_template_has_no_finding(version: str, tmp_path: Path) -> None:
    base = tmp_path / "base.docx"
    write_reference(base)
    assert findings(base.read_bytes(), tmp_path / "t.docx") == []
    unit = tmp_path / "unit.docx"  # no footers (page numbers are added) and other style ids
    strip_footers_and_rename_styles(base, unit)
    for libreoffice in (False, True):
        data = docx_bytes(distinct_report(version), reference_doc=unit, libreoffice=libreoffice)
        assert findings(data, tmp_path / "r.docx") == []
