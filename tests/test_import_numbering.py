"""Row numbering as reports print it: ``1.`` ``1、`` ``（1）`` ``1)`` ``①``, full-width digits, or no number at all."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.formats import FORMATS
from generator.pipeline import check_one
from generator.values import complete

from .test_import_broken_labels import read_table3_page, sample, table3_lines

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
FULL = str.maketrans("0123456789", "０１２３４５６７８９")
NUMBERED = re.compile(r"^(\d+)\.")

STYLES: dict[str, Callable[[re.Match[str]], str]] = {
    "1、": lambda m: f"{m.group(1)}、",
    "（1）": lambda m: f"（{m.group(1)}）",
    "(1)": lambda m: f"({m.group(1)})",
    "1)": lambda m: f"{m.group(1)})",
    "①": lambda m: CIRCLED[int(m.group(1)) - 1],
    "１．": lambda m: f"{m.group(1).translate(FULL)}．",
    "no number": lambda m: "",
}


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("style", STYLES, ids=STYLES.keys())
def test_numbering_variants(tmp_path: Path, version: str, style: str) -> None:
    report = sample(version)
    lines = [NUMBERED.sub(STYLES[style], line) for line in table3_lines(report, 100)]
    result = read_table3_page(tmp_path, report, lines)
    assert result.report is not None
    want = complete(report)
    got = {k: v for k, v in result.report.cells.items() if k.startswith("applications.")}
    assert {k: v for k, v in got.items() if want[k] != v} == {}  # nothing misread
    fmt = FORMATS[version]
    # a row printed without its number is told by its words only when they are distinctive (not ``其他``)
    rows = fmt.table("applications").rows
    short = {f"applications.{r.key}.{c.key}" for r in rows if style == "no number" and len(words(r.label)) < 4 for c in r.columns}
    expected = {k for k in want if k.startswith("applications.")} - short
    assert expected <= set(got), sorted(expected - set(got))[:8]
    named = {c for f in result.findings if f.code == "IMPORT-MISSING-ROW" for c in f.related}
    assert short <= named


def words(label: str) -> str:
    return re.sub(r"^\d+\.", "", label)


@pytest.mark.parametrize("style", ["loose", "pipes"])
def test_former_single_row_in_a_later_format(tmp_path: Path, style: str) -> None:
    """A 2021 report printing the 2019 single row （六）其他处理: read under 3.其他 with a warning, the rows it
    replaces named as not read, and no sum over them claimed wrong."""
    report = sample("2021")
    want = complete(report)
    other = [want[f"applications.other_handling.{k}.{c}"] for c in COLUMNS for k in ("no_correction", "fee_unpaid", "other")]
    sums = [sum(other[i * 3 : i * 3 + 3]) for i in range(len(COLUMNS))]
    lines = []
    for line in table3_lines(report, 100):
        if line.startswith(("1.申请人无正当理由", "2.申请人逾期未按", "3.其他")):
            continue
        if line == "（六）其他处理":
            line = "（六）其他处理 " + " ".join(str(v) for v in sums)
        lines.append(" | ".join(line.split(" ")) if style == "pipes" else line)
    text = "\n".join(
        [
            f"{report.agency}{report.year}年政府信息公开工作年度报告",
            "三、收到和处理政府信息公开申请情况",
            *lines,
            "四、政府信息公开行政复议、行政诉讼情况",
        ]
    )
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    _, outcome = check_one(path)
    assert outcome.report is not None
    assert [outcome.report.cells.get(f"applications.other_handling.other.{c}") for c in COLUMNS] == sums
    codes = [f.code for f in outcome.findings]
    assert "IMPORT-FORMER-ROW" in codes
    assert not [c for c in codes if c.startswith("T3-")]


COLUMNS = ("natural", "commercial", "research", "nonprofit", "legal_service", "other", "total")


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_full_width_numbers(tmp_path: Path, version: str) -> None:
    report = sample(version)
    lines = [line.translate(FULL) for line in table3_lines(report, 100)]
    result = read_table3_page(tmp_path, report, lines)
    assert result.report is not None
    want = complete(report)
    got = {k: v for k, v in result.report.cells.items() if k.startswith("applications.")}
    assert got == {k: v for k, v in want.items() if k.startswith("applications.")}
