"""表二 as web pages copy it: one cell per line closed by ``|`` or ``||`` with rows ended by a ``|`` line, and pipe
rows whose empty cells are printed (``行政许可 | ||||``), read the same as the table itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.readers.published import blank_cells, read_published
from generator.readers.yaml_reader import read_yaml
from generator.report import Report
from generator.view import build_view

from .conftest import sample_yamls


def sample(version: str) -> Report:
    report = read_yaml(next(p for p in sample_yamls() if version in p.name)).report
    assert report is not None
    return report


def proactive_rows(report: Report) -> list[list[str]]:
    view = build_view(report)
    part = next(p for p in view.parts if p.table and any("第二十条" in c.text for r in p.table.rows for c in r))
    assert part.table is not None
    return [[c.text for c in row] for row in part.table.rows]


def cell_lines(close: str) -> Callable[[list[list[str]]], list[str]]:
    def layout(rows: list[list[str]]) -> list[str]:
        out: list[str] = []
        for row in rows:
            out += [f"{cell} {close}" for cell in row] + [close]
        return out

    return layout


def pipe_rows(rows: list[list[str]]) -> list[str]:
    return [" | ".join(row) + " | " + "|" * (4 - len(row)) for row in rows]


LAYOUTS = {"cell per line, |": cell_lines("|"), "cell per line, ||": cell_lines("||"), "pipe rows": pipe_rows}


def document(report: Report, lines: list[str]) -> str:
    return "\n".join(
        [
            f"{report.agency}{report.year}年政府信息公开工作年度报告",
            "一、总体情况",
            "本年度政府信息公开工作有序开展。",
            "二、主动公开政府信息情况",
            *lines,
            "三、收到和处理政府信息公开申请情况",
        ]
    )


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("layout", LAYOUTS, ids=LAYOUTS.keys())
def test_proactive_table_in_pipe_layouts(tmp_path: Path, version: str, layout: str) -> None:
    report = sample(version)
    path = tmp_path / "page.txt"
    path.write_text(document(report, LAYOUTS[layout](proactive_rows(report))), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    want = {k: v for k, v in report.cells.items() if k.startswith("proactive.")}
    got = {k: v for k, v in result.report.cells.items() if k.startswith("proactive.")}
    assert got == want


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_pipe_rows_printed_empty_are_blanks(tmp_path: Path, version: str) -> None:
    """``行政许可 | ||||``: the row is printed with empty cells, so its cells are printed blanks (read, not 0)."""
    report = sample(version)
    rows = proactive_rows(report)
    emptied = [[row[0]] + [""] * (len(row) - 1) if row[0] == "行政许可" else row for row in rows]
    path = tmp_path / "page.txt"
    path.write_text(document(report, pipe_rows(emptied)), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    licensing = [c for c in blank_cells(result) if c.startswith("proactive.licensing.")]
    assert licensing and not any(c.startswith("proactive.licensing.") for c in result.report.cells)
    assert result.read is not None and set(licensing) <= set(result.read)
