"""Rows printed without separators whose long label is broken over lines, the numbers after its last piece
(what pdftotext and web copies give): every row read with its own numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.readers.published import read_published
from generator.readers.yaml_reader import read_yaml
from generator.report import ReadResult, Report
from generator.values import complete
from generator.view import build_view

from .conftest import sample_yamls


def sample(version: str) -> Report:
    report = read_yaml(next(p for p in sample_yamls() if version in p.name)).report
    assert report is not None
    return report


def read_table3_page(folder: Path, report: Report, lines: list[str], suffix: str = ".txt") -> ReadResult:
    """A page holding the report's title and 表三 printed as ``lines``, read as a published report."""
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    path = folder / f"page{suffix}"
    path.write_text(
        "\n".join([title, "三、收到和处理政府信息公开申请情况", *lines, "四、政府信息公开行政复议、行政诉讼情况"]), encoding="utf-8"
    )
    return read_published(path)


def table3_lines(report: Report, width: int) -> list[str]:
    """表三 as loose lines: labels (broken every ``width`` characters) then the row's numbers on the last piece."""
    view = build_view(report)
    part = next(p for p in view.parts if p.table and any("申请人情况" in c.text for r in p.table.rows for c in r))
    assert part.table is not None
    out: list[str] = []
    for row in part.table.rows:
        texts = [c.text for c in row if c.text]
        labels = [t for t in texts if not t.replace(".", "").isdigit()]
        numbers = [t for t in texts if t.replace(".", "").isdigit()]
        if not numbers:
            out += labels
            continue
        label = labels[-1]
        out += labels[:-1]
        pieces = [label[i : i + width] for i in range(0, len(label), width)]
        out += [*pieces[:-1], pieces[-1] + " " + " ".join(numbers)]
    return out


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("width", [100, 18, 12])
def test_broken_labels_keep_their_numbers(tmp_path: Path, version: str, width: int) -> None:
    report = sample(version)
    result = read_table3_page(tmp_path, report, table3_lines(report, width))
    assert result.report is not None
    want = complete(report)
    got = {k: v for k, v in result.report.cells.items() if k.startswith("applications.")}
    wrong = {k: (v, want[k]) for k, v in got.items() if want[k] != v}
    assert not wrong
    assert "applications.partially_disclosed.natural" in got
    assert len(got) >= 0.9 * sum(1 for k in want if k.startswith("applications."))
