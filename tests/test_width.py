"""The one display-width rule: wide and full-width 2, combining and zero-width 0, everything else 1."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from generator.formats import fit
from generator.readers.published.text import canvas
from generator.render.text import pad
from generator.title import text_width
from generator.width import char_width, display_width


def test_the_rule() -> None:
    assert [char_width(c) for c in "中Ａ１a1 ，。"] == [2, 2, 2, 1, 1, 1, 2, 2]
    assert [char_width(c) for c in "\u0301\u200b\u00ad"] == [0, 0, 0]  # combining acute, zero-width space, soft hyphen
    assert [char_width(c) for c in "“”—…"] == [1, 1, 1, 1]  # East Asian Ambiguous counts one
    assert display_width("2021年度报告") == 12
    assert display_width("e\u0301") == 1


@given(st.text(max_size=30))
def test_every_measure_is_the_same_rule_in_its_own_unit(text: str) -> None:
    assert display_width(text) == sum(char_width(c) for c in text)
    assert text_width(text) * 2 == display_width(text)  # the title breaker counts CJK characters
    stops = sum(c in fit.NARROW_STOPS for c in text)  # the print layout counts em, ASCII stops a quarter
    assert sum(fit.char_width(c) for c in text) * 2 == display_width(text) - stops / 2
    assert len("".join(canvas(text))) == len(text)  # the reader of text tables keeps every character
    assert len(canvas(text)) <= max(display_width(text), 1 if text else 0)


def test_a_combining_mark_takes_no_column_in_a_text_table() -> None:
    assert pad("Cafe\u0301", 6, "left") == "Cafe\u0301  "
    assert canvas("é中e\u0301") == ["é", "中", "", "e\u0301"]


def test_no_module_keeps_a_width_rule_of_its_own() -> None:
    root = Path(__file__).resolve().parents[1] / "generator"
    own = {"width.py", "spacing.py"}  # spacing.py asks whether text is CJK at all, not how wide it is
    users = [p.relative_to(root) for p in root.rglob("*.py") if p.name not in own and re.search(r"east_asian_width", p.read_text("utf-8"))]
    assert users == []
