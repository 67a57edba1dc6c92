"""A verdict only on what was read: a rule over a cell the published document did not give is named, never an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audit import FINDING_HEADER, REPORT_HEADER, audit, finding_rows, report_rows
from generator.codes.published import IMPORT_UNCHECKED
from generator.findings import Finding
from generator.pipeline import check_one
from generator.readers.yaml_reader import read_yaml
from generator.render.text import render_text
from generator.validate import validate

from .conftest import sample_yamls
from .test_import_broken_labels import table3_lines

ARITHMETIC = ("T2-", "T3-", "T4-")
NEW_ROW = "|     38 |      9 |      1 |      0 |      4 |      2 |     "  # 一、本年新收 of the sample, up to its 总计


def published(tmp_path: Path, drop: tuple[str, ...] = (), replace: tuple[tuple[str, str], ...] = ()) -> tuple[list[Finding], Path]:
    """The 2021 sample rendered as text, the lines starting with a label in ``drop`` left out (a page cut short)."""
    sample = next(p for p in sample_yamls() if "2021" in p.name)
    report = read_yaml(sample).report
    assert report is not None
    lines = render_text(report).splitlines()
    kept = [line for line in lines if not any(word in line.replace(" ", "") for word in drop)]
    text = "\n".join(kept)
    for old, new in replace:
        assert old in text
        text = text.replace(old, new, 1)
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    _, outcome = check_one(path)
    return outcome.findings, path


def unchecked(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.code == IMPORT_UNCHECKED.id]


def test_whole_report_checks_every_rule(tmp_path: Path) -> None:
    findings, _ = published(tmp_path)
    assert not unchecked(findings)
    assert not [f for f in findings if f.code.startswith(ARITHMETIC)]


@pytest.mark.parametrize("row", ["|（二）部分公开", "|一、本年新收", "|（七）总计", "|二、上年结转"])
def test_row_not_read_is_no_error_but_named_once(tmp_path: Path, row: str) -> None:
    findings, _ = published(tmp_path, drop=(row,))
    assert not [f for f in findings if f.code.startswith(ARITHMETIC) or f.code == "NARRATIVE-FIGURE"]
    named = unchecked(findings)
    assert len(named) == 1
    assert named[0].severity == "warning"
    assert "表三" in named[0].message and "未读取的行" in named[0].message
    assert all(c.startswith("applications.") for c in named[0].related)


def test_read_rows_are_still_checked(tmp_path: Path) -> None:
    """A row read whole with a wrong total is still an error, even when another row of the table was not read."""
    findings, _ = published(
        tmp_path,
        drop=("|（二）部分公开",),
        replace=((NEW_ROW + "54 |", NEW_ROW + "55 |"),),
    )
    assert [f.cell for f in findings if f.code == "T3-ROW-TOTAL"] == ["applications.new.total"]
    assert len(unchecked(findings)) == 1


def test_inputs_of_their_own_are_checked_whole() -> None:
    """YAML and workbooks give every cell (absent means 0): no rule is skipped for them."""
    sample = next(p for p in sample_yamls() if "2021" in p.name)
    report = read_yaml(sample).report
    assert report is not None
    del report.cells["applications.new.natural"]
    findings = validate(report)
    assert "T3-ROW-TOTAL" in {f.code for f in findings}
    assert not unchecked(findings)


def test_audit_keeps_unchecked_apart_from_wrong(tmp_path: Path) -> None:
    folder = tmp_path / "报告"
    folder.mkdir()
    _, path = published(folder, drop=("|（二）部分公开",), replace=((NEW_ROW + "54 |", NEW_ROW + "55 |"),))
    items = audit(folder)
    rows = finding_rows(items, folder)
    state = {r[3]: r[FINDING_HEADER.index("核对情况")] for r in rows}
    assert state["T3-ROW-TOTAL"] == "核对不符"
    assert state["IMPORT-UNCHECKED"] == "未能核对"
    assert state["IMPORT-MISSING-ROW"] == "读取提示"
    (summary,) = report_rows(items, folder)
    unchecked_count = summary[REPORT_HEADER.index("未能核对的规则数")]
    assert isinstance(unchecked_count, int) and unchecked_count >= 1
    assert path.name == summary[0]


@pytest.mark.parametrize("kept", [2, 4])
@pytest.mark.parametrize("separator", [" | ", "\t", " "])
def test_page_cut_inside_its_last_row(tmp_path: Path, kept: int, separator: str) -> None:
    """The document ends inside a row: the cells it prints are that row's leading ones; the rest is not read, no error."""
    sample = next(p for p in sample_yamls() if "2021" in p.name)
    report = read_yaml(sample).report
    assert report is not None
    rows = [line.split(" ") for line in table3_lines(report, 100)]
    at = next(i for i, row in enumerate(rows) if row[0].startswith("二、上年结转"))
    label, *cells = rows[at]
    lines = [separator.join(row) for row in rows[:at]] + [separator.join([label, *cells[:kept]])]
    text = "\n".join([f"{report.agency}{report.year}年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况", *lines])
    path = tmp_path / "cut.txt"
    path.write_text(text, encoding="utf-8")
    result, outcome = check_one(path)
    assert result is not None and result.report is not None
    got = [result.report.cells.get(f"applications.carried_over.{c}") for c in ("natural", "commercial", "research", "nonprofit")]
    assert got[:kept] == [int(c) for c in cells[:kept]] and got[kept:] == [None] * (4 - kept)
    assert result.report.cells.get("applications.new.total") is not None
    assert not [f for f in outcome.findings if f.code.startswith(ARITHMETIC)]
