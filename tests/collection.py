"""Helpers for the collection tests: rosters and unit files written into a temporary folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.fileio import write_atomic
from generator.readers.yaml_reader import dump_yaml
from generator.report import Report
from generator.workbook import write_template
from scripts.make_collection_samples import broken, unit_report

__all__ = ["broken", "roster_csv", "unit_report", "write_report"]


def roster_csv(path: Path, units: Sequence[tuple[str, str]], *, encoding: str = "utf-8") -> Path:
    lines = ["单位名称,类别,联系人"] + [f"{name},{category}," for name, category in units]
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def write_report(path: Path, report: Report) -> Path:
    """Write ``report`` as a workbook or YAML file, by the suffix of ``path``."""
    if path.suffix == ".xlsx":
        write_template(path, version=report.format, year=report.year, agency=report.agency, report=report)
    else:
        write_atomic(path, dump_yaml(report))
    return path
