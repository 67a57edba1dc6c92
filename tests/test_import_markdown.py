"""Markdown headings or bold lines that repeat a row label above the real row (``### 一、本年新收…``): the row keeps
the numbers printed with it, no duplicate is claimed."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.values import complete

from .test_import_broken_labels import read_table3_page, sample, table3_lines

MARKS = {"heading": "### {}", "bold": "**{}**", "heading and bold": "#### **{}**"}


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("mark", MARKS, ids=MARKS.keys())
@pytest.mark.parametrize("pipes", [False, True], ids=["loose", "pipes"])
def test_repeated_label_above_the_row(tmp_path: Path, version: str, mark: str, pipes: bool) -> None:
    report = sample(version)
    lines: list[str] = []
    for line in table3_lines(report, 100):
        if line.startswith(("一、本年新收", "二、上年结转", "四、结转下年度")):
            lines.append(MARKS[mark].format(line.split(" ")[0]))
        lines.append("| " + " | ".join(line.split(" ")) + " |" if pipes else line)
    result = read_table3_page(tmp_path, report, lines, ".md")
    assert result.report is not None
    want = complete(report)
    for row in ("new", "carried_over", "carried_forward"):
        assert result.report.cells.get(f"applications.{row}.natural") == want[f"applications.{row}.natural"]
    assert "IMPORT-DUPLICATE-ROW" not in {f.code for f in result.findings}
