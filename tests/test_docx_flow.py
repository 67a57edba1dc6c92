"""The page estimate that decides where 表三 continues on the next page: lines of body text on the 28-character
grid, and cuts only at boundaries between row groups (the PDF checks are in tests/test_render_pdf.py)."""

from __future__ import annotations

from generator.render.docx.flow import PAGE, applications_cut, line_count, table_cuts, table_height
from generator.render.docx.layout import CHARS_PER_LINE, LINE
from generator.render.docx.split import boundaries
from generator.view import build_view

from .factories import distinct_report


def test_body_lines_fill_28_characters_after_the_indent() -> None:
    assert line_count("字" * (CHARS_PER_LINE - 2)) == 1
    assert line_count("字" * (CHARS_PER_LINE - 1)) == 2
    assert line_count("字" * (CHARS_PER_LINE - 2 + CHARS_PER_LINE)) == 2
    assert line_count("1" * 2 * (CHARS_PER_LINE - 2)) == 1  # digits take half a character


def test_a_latin_word_is_never_broken_and_closing_punctuation_takes_a_character_along() -> None:
    url = "http://zjtz.gov.cn/col/col31212/index.html"
    assert line_count("字" * 20 + url) == 2
    exact = "字" * (CHARS_PER_LINE - 2)
    assert line_count(exact + "。") == 2
    assert line_count(exact[:-1] + "“" + "字") == 2  # an opening quote never ends a line


def test_table_three_is_cut_only_between_row_groups_and_only_when_it_does_not_fit() -> None:
    """Where the rest of a page cannot hold 表三 and its heading, the cut is the last group boundary whose first
    piece fits; a report with little text before it gets no cut."""
    for version in ("2019", "2021"):
        view = build_view(distinct_report(version))
        table = next(part.table for part in view.parts if part.table and part.table.key == "applications")
        assert table_height(table) < PAGE
        for room in range(LINE * 4, PAGE, LINE):
            found = applications_cut(table, room)
            assert found is None or found[0] in boundaries(table)
        cuts = table_cuts(view, len(view.title_lines))
        assert set(cuts) <= {"applications"} and all(at in boundaries(table) for at in cuts.values())
    short = build_view(distinct_report("2021", text={"overview": "无。"}))
    assert table_cuts(short, len(short.title_lines)) == {}  # 表三 follows 表二 on page 2 with room to spare
