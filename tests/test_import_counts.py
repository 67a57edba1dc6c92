"""Honest read counts: a table whose labels are printed and whose numbers are not is read as 0 cells, not as blanks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.readers.published import coverage, read_published, summary_line
from generator.readers.yaml_reader import read_yaml
from generator.render.text import render_text

from .conftest import sample_yamls

NUMBER = re.compile(r"^[\d.,/\s]*$")


def labels_only(text: str, keep: tuple[str, ...] = ()) -> str:
    """Every table line as its labels alone, one per line (numbers lost), except the tables whose rows start with ``keep``."""
    out: list[str] = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.split("|")] if line.lstrip().startswith("|") else None
        if cells is None or any(line.replace(" ", "").startswith("|" + k) for k in keep):
            out.append(line)
            continue
        out += [c for c in cells if c and not NUMBER.match(c)]
    return "\n".join(out)


def rendered(version: str) -> str:
    sample = next(p for p in sample_yamls() if version in p.name)
    report = read_yaml(sample).report
    assert report is not None
    return render_text(report)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_labels_without_numbers_read_nothing(tmp_path: Path, version: str) -> None:
    path = tmp_path / "labels.txt"
    path.write_text(labels_only(rendered(version)), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    assert not result.report.cells
    assert all(c.placed == 0 for c in coverage(result))
    assert not [f for f in result.findings if f.code in ("IMPORT-BLANK", "IMPORT-TOTAL-BLANK")]
    assert summary_line(result).count("（没有找到）") == 3
    assert [f.code for f in result.findings].count("IMPORT-INCOMPLETE") == 3


def test_import_of_labels_only_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "labels.txt"
    path.write_text(labels_only(rendered("2021")), encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert result.stdout.strip().splitlines()[-1].startswith(f"✗ {path} 导入不完整，未写出 {out}（已读取单元格：表二 0/")


def test_pipe_rows_with_empty_cells_are_printed_blanks(tmp_path: Path) -> None:
    """Separators make a blank a printed one: a row of empty `|` cells is read as blanks, not as a row not read."""
    text = rendered("2021")
    row = next(line for line in text.splitlines() if line.replace(" ", "").startswith("|二、上年结转"))
    label = row.split("|")[1]
    emptied = "|" + label + "|" + "|".join(" " * 3 for _ in row.split("|")[2:-1]) + "|"
    path = tmp_path / "blank.txt"
    path.write_text(text.replace(row, emptied), encoding="utf-8")
    result = read_published(path)
    blanks = {c for f in result.findings if f.code == "IMPORT-BLANK" for c in f.related}
    assert "applications.carried_over.natural" in blanks
    assert result.read is not None and "applications.carried_over.natural" in result.read


def test_audit_read_rate_names_tables_not_found(tmp_path: Path) -> None:
    from generator.audit import REPORT_HEADER, audit, report_rows

    folder = tmp_path / "报告"
    folder.mkdir()
    text = rendered("2021")
    (folder / "labels.txt").write_text(
        labels_only(text, keep=("|一、", "|二、", "|三、", "|（", "|1.", "|2.", "|3.", "|4.", "|5.", "|6.", "|7.", "|8.", "|四、")),
        encoding="utf-8",
    )
    (row,) = report_rows(audit(folder), folder)
    rate = str(row[REPORT_HEADER.index("表格单元格读取率")])
    assert rate.endswith("；表二、表四未找到，表三不足一半）")  # the rows kept are too few for 表三


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_tab_separated_rows_printed_blank_to_their_last_tab_are_read_as_blanks(version: str, tmp_path: Path) -> None:
    """A spreadsheet pasted as text: a row whose cells are all empty keeps its tabs, so its cells are printed blank
    (read, no value), unlike a label whose numbers were lost."""
    lines = []
    for line in rendered(version).splitlines():
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = "\t".join("" if NUMBER.match(c) else c for c in cells)  # every number printed blank: labels and tabs
        lines.append(line)
    path = tmp_path / "tabs.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_published(path)
    table3 = next(c for c in coverage(result) if c.name == "表三")
    assert table3.enough, summary_line(result)
