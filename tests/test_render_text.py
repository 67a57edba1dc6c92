"""The plain-text renderer: tables parsed back cell by cell, display-width alignment, paragraphs and closing lines."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.formats import FORMATS, Format, Table
from generator.render.text import char_width, display_width, render_text, table_lines, wrap
from generator.report import Contact, Narrative, Report
from generator.values import complete, display
from generator.view import build_view

from .factories import distinct_report as distinct_values

OVERVIEW = "（一）主动公开\n\n（二）组织领导。我办成立领导小组，统筹推进。\n\n全年主动公开信息12条。"


def distinct_report(version: str, **extra: object) -> Report:
    """The shared distinct report, with one number wider than its column."""
    report = distinct_values(version, **extra)
    report.cells["applications.new.natural"] = 123456789
    return report


def parse_ascii_table(lines: list[str]) -> list[tuple[int, int, int, int, str]]:
    """Read a ``+---+`` grid table back: (row, col, rowspan, colspan, text) of every box, text lines joined."""
    canvas = []
    for line in lines:
        chars: list[str] = []
        for ch in line:
            chars += [ch, ""] if char_width(ch) == 2 else [ch]  # a wide character fills two columns
        canvas.append(chars)
    row_ys = [y for y, line in enumerate(lines) if "+" in line]
    col_xs = sorted({x for y in row_ys for x, ch in enumerate(canvas[y]) if ch == "+"})
    nrows, ncols = len(row_ys) - 1, len(col_xs) - 1
    taken: set[tuple[int, int]] = set()
    boxes = []
    for r in range(nrows):
        for c in range(ncols):
            if (r, c) in taken:
                continue
            colspan = 1
            while canvas[row_ys[r] + 1][col_xs[c + colspan]] != "|":
                colspan += 1
            rowspan = 1
            while canvas[row_ys[r + rowspan]][col_xs[c] + 1] != "-":
                rowspan += 1
            text = ""
            for y in range(row_ys[r] + 1, row_ys[r + rowspan]):
                text += "".join(canvas[y][col_xs[c] + 1 : col_xs[c + colspan]]).strip()
            boxes.append((r, c, rowspan, colspan, text))
            taken |= {(r + dr, c + dc) for dr in range(rowspan) for dc in range(colspan)}
    return boxes


def declared_boxes(table: Table, report: Report) -> list[tuple[int, int, int, int, str]]:
    """The declaration's grid with the printed text of every cell: labels verbatim, values as displayed."""
    values = complete(report)
    out = []
    for r, c, gc in table.grid.placed():
        if gc.role == "value":
            assert gc.cell is not None
            text = display(values[gc.cell])
        else:
            unit = report.units.get(gc.cell or "")
            text = f"{gc.text}（{unit}）" if unit else gc.text
        out.append((r, c, gc.rowspan, gc.colspan, text))
    return out


def table_of(text: str, first_line: str) -> list[str]:
    lines = text.splitlines()
    start = lines.index(first_line)
    end = start
    while end < len(lines) and lines[end][:1] in "+|":
        end += 1
    return lines[start:end]


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_every_table_reads_back_as_the_declared_grid(version: str) -> None:
    report = distinct_report(version)
    fmt: Format = FORMATS[version]
    for table in fmt.tables:
        view = next(p.table for p in build_view(report).parts if p.table and p.table.key == table.key)
        assert parse_ascii_table(table_lines(view)) == declared_boxes(table, report), table.key


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_tables_are_aligned_by_display_width_and_stay_readable(version: str) -> None:
    report = distinct_report(version)
    text = render_text(report)
    for part in build_view(report).parts:
        if not part.table:
            continue
        lines = table_lines(part.table)
        assert lines[0] in text.splitlines()
        widths = {display_width(line) for line in lines}
        assert len(widths) == 1, (part.key, widths)
        assert widths.pop() <= 130, part.key  # table 4's 15 columns included
        assert lines[0].startswith("+") and lines[-1].startswith("+")


def test_table_four_fits_in_about_a_hundred_columns() -> None:
    view = build_view(Report(agency="某局", year=2021, format="2021"))
    reviews = next(p.table for p in view.parts if p.key == "reviews")
    assert reviews is not None
    assert display_width(table_lines(reviews)[0]) <= 110


def test_merged_labels_are_one_box_each() -> None:
    report = distinct_report("2021")
    text = render_text(report)
    view = build_view(report)
    applications = next(p.table for p in view.parts if p.key == "applications")
    assert applications is not None
    boxes = parse_ascii_table(table_of(text, table_lines(applications)[0]))
    results = [b for b in boxes if b[4] == "三、本年度办理结果"]
    assert len(results) == 1
    assert results[0][2] == 22  # spans every result row of the 2021 format
    assert sum(1 for b in boxes if b[4] == "（三）不予公开") == 1
    note = [b for b in boxes if b[4].startswith("（本列数据")]
    assert [(b[2], b[3]) for b in note] == [(3, 3)]


def test_every_line_is_clean_and_the_text_ends_with_one_newline() -> None:
    text = render_text(distinct_report("2019", text=Narrative(overview=OVERVIEW, problems="问题。")))
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert "\n\n\n" not in text
    for line in text.splitlines():
        assert line == line.rstrip(), repr(line)


def test_parts_in_order_with_their_headings() -> None:
    report = distinct_report("2021", text=Narrative(overview=OVERVIEW))
    lines = render_text(report).splitlines()
    positions = [lines.index(part.heading) for part in report.spec.parts]
    assert positions == sorted(positions)


def test_paragraph_styles() -> None:
    report = Report(agency="某局", year=2021, format="2021", preface="", text=Narrative(overview=OVERVIEW))
    lines = render_text(report).splitlines()
    assert "（一）主动公开" in lines  # a standalone heading is flush left
    assert "　　（二）组织领导。我办成立领导小组，统筹推进。" in lines  # a run-in heading opens a body paragraph
    assert "　　全年主动公开信息12条。" in lines
    assert "六、其他需要报告的事项" in lines


def test_preface_auto_custom_and_none() -> None:
    auto = render_text(Report(agency="某局", year=2021, format="2021")).splitlines()
    assert auto[0] == "某局2021年政府信息公开工作年度报告"
    assert auto[1] == ""
    assert auto[2].startswith("　　本报告根据《中华人民共和国政府信息公开条例》")
    assert "2021年1月1日起至2021年12月31日止" in auto[2]

    custom = render_text(Report(agency="某局", year=2021, format="2021", preface="第一段。\n\n第二段。")).splitlines()
    assert custom[:6] == ["某局2021年政府信息公开工作年度报告", "", "　　第一段。", "", "　　第二段。", ""]

    none = render_text(Report(agency="某局", year=2021, format="2021", preface="")).splitlines()
    assert none[:3] == ["某局2021年政府信息公开工作年度报告", "", "一、总体情况"]


def test_contact_signature_and_date_close_the_report() -> None:
    report = Report(
        agency="某市某局",
        year=2021,
        format="2021",
        signature="某局",
        date=dt.date(2022, 1, 9),
        contact=Contact(name="张三", phone="0571-1234567"),
    )
    lines = render_text(report).splitlines()
    assert lines[-5:] == ["", "填报人：张三　联系电话：0571-1234567", "", "某局", "2022年1月9日"]
    bare = render_text(Report(agency="某市某局", year=2021, format="2021")).splitlines()
    assert bare[-2:] == ["", "某市某局"]
    assert "填报人" not in "\n".join(bare)


def test_text_is_not_escaped() -> None:
    report = Report(agency="A&B局", year=2021, format="2021", text=Narrative(overview="<b>不是标签</b> & “引号”"))
    text = render_text(report)
    assert "　　<b>不是标签</b> & “引号”" in text.splitlines()
    assert "A&B局" in text


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("政府信息公开（）“”，。、1.23ab /-"), max_size=60),
    width=st.integers(min_value=2, max_value=30),
)
def test_wrap_keeps_every_character_and_the_width(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines) == text
    assert all(display_width(line) <= width for line in lines)


def test_wrap_keeps_numbers_together_and_punctuation_off_line_starts() -> None:
    assert wrap("1.本机关不掌握相关政府信息", 10) == ["1.本机关不", "掌握相关政", "府信息"]
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert all(not line.startswith(("，", "）", "。", "：")) for line in wrap(note, 10))
