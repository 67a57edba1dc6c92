"""表四 as pdftotext -layout and page viewers print it: a two-level header broken into narrow pieces or printed one
character per line, then one row of 15 numbers; and a page that starts inside a table."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.formats import FORMATS
from generator.readers.published import read_published

VALUES = [3, 2, 1, 0, 6, 1, 0, 0, 1, 2, 0, 1, 0, 0, 1]

HEADERS = {
    "two characters per piece": [
        "行政复议 行政诉讼",
        "未经复议直接起诉 复议后起诉",
        "结果 结果 其他 尚未 总",
        "维持 纠正 结果 审结 计 结果 结果 其他 尚未 总 结果 结果 其他 尚未 总",
        "维持 纠正 结果 审结 计 维持 纠正 结果 审结 计",
    ],
    "one character per line": [
        "行政复议 行政诉讼",
        "未经复议直接起诉 复议后起诉",
        "结 结 其 尚",
        "结 结 其 尚 结 结 其 尚",
        "果 果 他 未",
        "总计 果 果 他 未 总 果 果 他 未 总",
        "维 纠 结 审",
        "维 纠 结 审 计 维 纠 结 审 计",
        "持 正 果 结",
        "持 正 果 结 持 正 果 结",
    ],
    "indented as -layout keeps it": [
        "            行政复议                              行政诉讼",
        "                                  未经复议直接起诉          复议后起诉",
        "  结  结  其  尚",
        "  果  果  他  未     总     结  结  其  尚  总   结  结  其  尚  总",
        "  维  纠  结  审     计     果  果  他  未  计   果  果  他  未  计",
        "  持  正  果  结            维  纠  结  审       维  纠  结  审",
        "                            持  正  果  结       持  正  果  结",
    ],
}


def page(header: list[str], version: str, heading: str) -> str:
    year = 2020 if version == "2019" else 2022
    return "\n".join(
        [
            f"Page 8 - 云溪县审计局{year}年政府信息公开工作年度报告",
            "P. 8",
            heading,
            *header,
            "  ".join(str(v) for v in VALUES),
            "五、存在的主要问题及改进情况",
            "我局政务公开工作仍有不足，下一步将进一步加强。",
        ]
    )


@pytest.mark.parametrize("name", HEADERS)
@pytest.mark.parametrize(
    ("version", "heading"),
    [("2019", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"), ("2021", "四、政府信息公开行政复议、行政诉讼情况")],
)
def test_reviews_one_row_under_a_broken_header(tmp_path: Path, name: str, version: str, heading: str) -> None:
    path = tmp_path / "page.txt"
    path.write_text(page(HEADERS[name], version, heading), encoding="utf-8")
    report = read_published(path).report
    assert report is not None and report.agency == "云溪县审计局"
    cells = [c.id for c in FORMATS[report.format].table("reviews").cells()]
    assert [report.cells.get(c) for c in cells] == VALUES


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_page_starting_inside_a_table(tmp_path: Path, version: str) -> None:
    """The first line of a page is the last row of 表三 (the page before held the rest): it is read, not a preface."""
    text = page(HEADERS["two characters per piece"], version, "四、政府信息公开行政复议、行政诉讼情况")
    lines = text.splitlines()
    lines.insert(2, "四、结转下年度继续办理 0 1 0 0 0 0 1")
    path = tmp_path / "page.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = read_published(path)
    assert result.report is not None
    carried = [
        result.report.cells.get(f"applications.carried_forward.{c.key}")
        for c in FORMATS[result.report.format].table("applications").row("carried_forward").columns
    ]
    assert carried == [0, 1, 0, 0, 0, 0, 1]
    assert "结转下年度" not in result.report.preface
