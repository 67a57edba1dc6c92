"""Published layouts that lost their structure: text flattened by a crawler, tables without headings, blank 总计 columns,
and an import that found too little, which is not a success."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from generator.cli import app
from generator.formats import FORMATS
from generator.pipeline import check_one
from generator.readers.published import coverage, read_published, summary_line
from generator.readers.yaml_reader import read_yaml
from generator.render.html import render_html
from generator.report import ReadResult, Report
from generator.values import complete
from generator.view import build_view

from .conftest import SAMPLES, SeedFinder, sample_yamls
from .factories import distinct_report

STYLES = ("no-whitespace", "single-spaces", "lines-joined")


def sample(path: Path) -> Report:
    report = read_yaml(path).report
    assert report is not None
    return report


def flatten(report: Report, style: str) -> str:
    """The report as a crawler keeps it: one line; cells and lines joined with nothing, with single spaces,
    or (lines-joined) lines glued together while the words inside a line keep their spaces."""
    view = build_view(report)
    lines = [view.title, *(p.text for p in view.preface)]
    for part in view.parts:
        lines.append(part.heading)
        if part.table:
            lines += [("" if style == "lines-joined" else " ").join(c.text for c in row if c.text) for row in part.table.rows]
        lines += [p.text for p in part.paragraphs]
    lines += [*([view.contact] if view.contact else []), view.signature, view.date]
    if style == "no-whitespace":
        return re.sub(r"\s+", "", "".join(lines))
    return (" " if style == "single-spaces" else "").join(lines)


def named(result: ReadResult, cell: str) -> bool:
    return any(f.cell == cell or cell in f.related for f in result.findings)


def never_guessed(original: Report, result: ReadResult) -> int:
    """Every cell imported is right; every declared cell left out is named in a finding. The cells right, returned."""
    assert result.report is not None
    want = complete(original)
    fmt = FORMATS[original.format]
    for cell, value in result.report.cells.items():
        assert value == want[cell], cell
    for cell in want:
        if cell not in result.report.cells and not fmt.cells()[cell].total:
            assert named(result, cell), cell
    return len(result.report.cells)


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("path", sample_yamls(), ids=lambda p: p.stem)
def test_flattened_sample(path: Path, style: str, tmp_path: Path) -> None:
    original = sample(path)
    target = tmp_path / "crawled.txt"
    target.write_text(flatten(original, style), encoding="utf-8")
    assert "\n" not in target.read_text(encoding="utf-8")
    result = read_published(target)
    never_guessed(original, result)
    assert result.findings[0].code == "IMPORT-FLAT"
    assert result.report is not None and result.report.year == original.year
    placed = {c.key: (c.placed, c.expected) for c in coverage(result)}
    # tables 3 and 4 have sum rules for every run of digits: always complete; table 2 is complete where cells are apart
    assert placed["applications"][0] == placed["applications"][1] and placed["reviews"][0] == placed["reviews"][1]
    if style == "single-spaces":
        assert placed["proactive"][0] == placed["proactive"][1]
        assert complete(result.report) == complete(original)
    assert not any(f.severity == "error" for f in result.findings)


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_flattened_distinct_values(version: str, tmp_path: Path) -> None:
    """Every cell a different number of several digits (and no sum holding): cells kept apart by spaces are all read."""
    original = distinct_report(version, totals=True, text={"problems": "一是人手不足。二是平台老旧。"})
    target = tmp_path / "spaced.txt"
    target.write_text(flatten(original, "single-spaces"), encoding="utf-8")
    result = read_published(target)
    assert never_guessed(original, result) == len(FORMATS[version].cells())


def test_table_two_settled_by_the_narrative(tmp_path: Path) -> None:
    """Run-together 规范性文件 cells (no sum rule) split the one way the narrative's figures allow, and said so."""
    original = sample(next(p for p in sample_yamls() if p.stem == "example-county-bureau-2021"))
    target = tmp_path / "crawled.txt"
    target.write_text(flatten(original, "no-whitespace"), encoding="utf-8")
    result = read_published(target)
    assert result.report is not None
    assert [result.report.cells[f"proactive.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")] == [3, 1, 17]
    said = [f for f in result.findings if f.code == "IMPORT-SPLIT-NARRATIVE"]
    assert len(said) == 1 and "（3117）" in said[0].message and "3、1、17" in said[0].message


def test_table_two_without_narrative_left_out_with_a_warning(tmp_path: Path) -> None:
    original = sample(next(p for p in sample_yamls() if p.stem == "example-county-bureau-2021"))
    quiet = {key: "本年度工作平稳推进。" for key in ("overview", "proactive", "applications", "reviews")}
    original = original.model_copy(update={"text": original.text.model_copy(update=quiet)})
    target = tmp_path / "crawled.txt"
    target.write_text(flatten(original, "no-whitespace"), encoding="utf-8")
    result = read_published(target)
    assert result.report is not None
    assert not any(k.startswith("proactive.normative_documents.") for k in result.report.cells)
    warned = [f for f in result.findings if f.code == "IMPORT-SPLIT-AMBIGUOUS" and "行政规范性文件" in f.message]
    assert len(warned) == 1 and "该行没有勾稽关系可以确定，该行未导入" in warned[0].message


def without_headings(html: str, report: Report) -> str:
    for part in FORMATS[report.format].parts:
        html = re.sub(r"<h2[^>]*>\s*" + re.escape(part.heading) + r"\s*</h2>", "", html)
    return html


@pytest.mark.parametrize("path", sample_yamls(), ids=lambda p: p.stem)
def test_tables_without_headings(path: Path, tmp_path: Path) -> None:
    """Tables are found by their own labels: a page without any part heading, and one with nothing but the tables."""
    original = sample(path)
    html = without_headings(render_html(original), original)
    assert "<h2" not in html
    (tmp_path / "no-headings.html").write_text(html, encoding="utf-8")
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    bare = "<html><body><p>某单位年度报告</p>" + "<p>附表</p>".join(reversed(tables)) + "</body></html>"
    (tmp_path / "tables-only.html").write_text(bare, encoding="utf-8")
    for name in ("no-headings.html", "tables-only.html"):
        result = read_published(tmp_path / name)
        assert result.report is not None
        assert complete(result.report, FORMATS[original.format]) == complete(original), name
        assert not any(f.severity == "error" for f in result.findings)


def test_text_tables_without_headings(tmp_path: Path) -> None:
    original = sample(sample_yamls()[0])
    view = build_view(original)
    lines = [view.title, ""]
    for part in view.parts:  # the tables as tab-separated lines, no heading anywhere
        if part.table:
            lines += ["\t".join(c.text for c in row) for row in part.table.rows] + [""]
    target = tmp_path / "tables.txt"
    target.write_text("\n".join(lines), encoding="utf-8")
    result = read_published(target)
    assert result.report is not None and complete(result.report) == complete(original)


def blank_totals(html: str) -> str:
    return re.sub(r'(data-cell="applications\.[a-z_.]*\.total">)[^<]*<', r"\1<", html)


def test_blank_total_column_is_one_finding(tmp_path: Path) -> None:
    """表三's 总计 column printed blank while the rows are filled: blank on import, one finding, no balance errors."""
    original = sample(next(p for p in sample_yamls() if p.stem == "example-county-bureau-2021"))
    target = tmp_path / "totals-blank.html"
    target.write_text(blank_totals(render_html(original)), encoding="utf-8")
    result, outcome = check_one(target)
    assert result is not None and result.report is not None
    assert not any(k.endswith(".total") and k.startswith("applications.") for k in result.report.cells)
    total_rows = len(FORMATS["2021"].table("applications").rows)
    said = [f for f in outcome.findings if f.code == "IMPORT-TOTAL-BLANK"]
    assert len(said) == 1 and said[0].message.startswith(f"表三有 {total_rows} 行的“总计”列印为空白而同行其他单元格已填：")
    assert [f.code for f in outcome.findings] == ["IMPORT-TOTAL-BLANK"]
    assert complete(result.report) == complete(original)


def test_import_that_found_too_little_exits_1(tmp_path: Path, runner: CliRunner) -> None:
    """Only table 3 of three: exit 1, the summary names the cells read per table, --json carries the same counts."""
    original = sample(next(p for p in sample_yamls() if p.stem == "shaoxing-fao-2021"))
    html = render_html(original)
    tables = re.findall(r"<table.*?</table>", html, flags=re.S)
    for table in (tables[0], tables[2]):
        html = html.replace(table, "")
    page = tmp_path / "partial.html"
    page.write_text(html, encoding="utf-8")
    out = tmp_path / "partial.yaml"
    result = runner.invoke(app, ["import", str(page), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr == ""  # findings and the closing line go to stdout; nothing is written
    last = result.stdout.strip().splitlines()[-1]
    counts = "表二 0/10（没有找到），表三 175/175，表四 0/15（没有找到）"
    assert last == f"✗ {page} 导入不完整，未写出 {out}（已读取单元格：{counts}；4 条提示）"
    assert "错误 IMPORT-INCOMPLETE" in result.stdout and "表二（主动公开政府信息情况）没有找到，导入不完整" in result.stdout
    assert not out.exists()
    as_json = runner.invoke(app, ["import", str(page), "-o", str(out), "--json"])
    assert as_json.exit_code == 1 and not out.exists()
    data = json.loads(as_json.stdout)
    assert data["complete"] is False and data["output"] is None
    assert data["tables"] == [
        {"table": "表二", "placed": 0, "expected": 10},
        {"table": "表三", "placed": 175, "expected": 175},
        {"table": "表四", "placed": 0, "expected": 15},
    ]
    checked = runner.invoke(app, ["check", str(page)])
    assert checked.exit_code == 1  # check agrees with import


def test_complete_import_summary(tmp_path: Path, runner: CliRunner) -> None:
    original = sample(next(p for p in sample_yamls() if p.stem == "liaocheng-fao-2019"))
    page = tmp_path / "report.html"
    page.write_text(render_html(original), encoding="utf-8")
    out = tmp_path / "report.yaml"
    result = runner.invoke(app, ["import", str(page), "-o", str(out)])
    assert result.exit_code == 0
    assert result.stdout == f"✓ 已导入 {page} → {out}（已读取单元格：表二 22/22，表三 161/161，表四 15/15；0 条提示）\n"
    assert summary_line(read_published(page)) == "表二 22/22，表三 161/161，表四 15/15"


SEED_SAMPLES = {"000": "zhoushan-fao-2019", "001": "shaoxing-fao-2021", "002": "liaocheng-fao-2019", "003": "ningbo-jiguanshiwu-2019"}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("number", sorted(SEED_SAMPLES))
def test_flattened_seed_never_guesses(number: str, style: str, tmp_path: Path, seed: SeedFinder) -> None:
    """A real published text joined into one line: what is imported equals what was published; the rest is named."""
    slug = SEED_SAMPLES[number]
    published = SAMPLES / f"{slug}-as-published.yaml"
    expected = sample(published if published.exists() else SAMPLES / f"{slug}.yaml")
    lines = seed(number).read_text(encoding="utf-8").splitlines()
    joined = {"no-whitespace": re.sub(r"\s+", "", "".join(lines)), "single-spaces": " ".join(x.strip() for x in lines if x.strip())}
    target = tmp_path / "crawled.txt"
    target.write_text(joined.get(style, "".join(lines)), encoding="utf-8")
    result = read_published(target)
    assert result.report is not None and result.report.year == expected.year
    for cell, value in result.report.cells.items():
        assert expected.cells.get(cell, value) == value, cell
    missing = [c for c in expected.cells if c not in result.report.cells and not FORMATS[expected.format].cells()[c].total]
    incomplete = any(f.code == "IMPORT-INCOMPLETE" for f in result.findings)
    assert all(named(result, c) for c in missing) or incomplete


def test_a_number_run_into_its_row_label_fills_the_empty_cell_after_it(tmp_path: Path) -> None:
    """The ruling between a row label and its first number was not drawn: the number stands in the label's cell
    (``行政规范性文件12``) and the cell after it is empty. It is that cell's number, not a printed blank."""
    report = distinct_report("2021")
    html = render_html(report)
    cell = '<td class="rg-value" data-cell="proactive.normative_documents.issued">'
    row = re.search(r'<tr><th class="rg-label" scope="row">(.*?)</th>' + re.escape(cell) + r"(\d+)</td>", html)
    assert row is not None
    glued = f'<tr><th class="rg-label" scope="row">{row.group(1)}{row.group(2)}</th>{cell}</td>'
    path = tmp_path / "glued.html"
    path.write_text(html.replace(row.group(0), glued, 1), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    assert result.report.cells["proactive.normative_documents.issued"] == int(row.group(2))
    assert complete(result.report) == complete(report)
    assert [f.code for f in result.findings] == []
