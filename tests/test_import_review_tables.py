"""表四 printed as three sub-tables (行政复议 / 未经复议直接起诉 / 复议后起诉), each with its header and one row."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.formats import FORMATS
from generator.readers.published import read_published

VALUES = {"reconsideration": [3, 2, 1, 0, 6], "litigation_direct": [1, 0, 0, 1, 2], "litigation_after_reconsideration": [0, 1, 0, 0, 1]}
NAMES = {
    "plain": ("行政复议", "未经复议直接起诉", "复议后起诉"),
    "with 行政诉讼": ("行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"),
}


@pytest.mark.parametrize("names", NAMES, ids=NAMES.keys())
@pytest.mark.parametrize("pipes", [False, True], ids=["spaces", "pipes"])
@pytest.mark.parametrize(("version", "year"), [("2019", 2020), ("2021", 2023)])
def test_reviews_as_three_sub_tables(tmp_path: Path, names: str, pipes: bool, version: str, year: int) -> None:
    header = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    sep = " | " if pipes else "  "
    lines = [f"云溪县审计局{year}年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况"]
    for name, key in zip(NAMES[names], VALUES, strict=True):
        lines += [name, sep.join(header), sep.join(str(v) for v in VALUES[key])]
    lines.append("五、存在的主要问题及改进情况")
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = read_published(path).report
    assert report is not None
    for key, values in VALUES.items():
        row = FORMATS[report.format].table("reviews").row(key)
        assert [report.cells.get(f"reviews.{key}.{c.key}") for c in row.columns] == values
