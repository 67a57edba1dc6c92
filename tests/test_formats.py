"""The format declarations: grids tile their tables, every cell is placed once, labels are the statutory ones."""

from __future__ import annotations

import pytest

from generator.formats import FORMATS, format_for_year
from generator.formats.model import Format

VERSIONS = sorted(FORMATS)


@pytest.mark.parametrize("version", VERSIONS)
def test_grids_tile_without_gaps_or_overlaps(version: str) -> None:
    for table in FORMATS[version].tables:
        grid = table.grid
        covered: list[tuple[int, int]] = []
        for r, c, cell in grid.placed():
            covered += [(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)]
        assert sorted(covered) == [(r, c) for r in range(len(grid.rows)) for c in range(grid.columns)], table.key
        assert abs(sum(grid.widths) - 156) < 0.01


@pytest.mark.parametrize("version", VERSIONS)
def test_every_cell_is_placed_exactly_once(version: str) -> None:
    fmt = FORMATS[version]
    placed = [gc.cell for t in fmt.tables for _, _, gc in t.grid.placed() if gc.role == "value"]
    assert sorted(placed) == sorted(fmt.cells())


def labels(fmt: Format) -> list[str]:
    return [gc.text for t in fmt.tables for _, _, gc in t.grid.placed() if gc.role != "value"]


def test_statutory_labels_verbatim() -> None:
    for fmt in FORMATS.values():
        got = labels(fmt)
        for text in (
            "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
            "3.危及“三安全一稳定”",
            "5.要求行政机关确认或重新出具已获取信息",
            "四、结转下年度继续办理",
            "未经复议直接起诉",
        ):
            assert text in got
    assert "本年收费金额（单位：万元）" in labels(FORMATS["2021"])
    assert "本年增/减" in labels(FORMATS["2019"])
    assert "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请" in labels(FORMATS["2021"])


@pytest.mark.parametrize(("version", "span"), [("2019", 20), ("2021", 22)])
def test_results_section_spans(version: str, span: int) -> None:
    grid = FORMATS[version].table("applications").grid
    section = next(gc for _, _, gc in grid.placed() if gc.text == "三、本年度办理结果")
    assert section.rowspan == span


def test_table_four_header() -> None:
    grid = FORMATS["2021"].table("reviews").grid
    assert [(gc.text, gc.colspan) for gc in grid.rows[0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert len(grid.rows[-1]) == 15


def test_no_subtotal_rows_or_columns() -> None:
    for fmt in FORMATS.values():
        text = labels(fmt)
        assert "小计" not in "".join(text)


@pytest.mark.parametrize(("year", "version"), [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2030, "2021")])
def test_format_for_year(year: int, version: str) -> None:
    assert format_for_year(year).version == version
