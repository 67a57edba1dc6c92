"""A printed line's glyphs → its text as written: gaps that come from how the glyphs were placed are no spaces.

A PDF has no spaces between Chinese characters, only glyphs at positions. Justified lines, character spacing, a
document grid (Word's 28 characters a line, which LibreOffice sets with gaps of about an em) and distributed
alignment put gaps between glyphs that a fixed tolerance (pdfplumber's ``x_tolerance``, absolute or relative to the
font size) cannot tell from a typed space: the gap of a grid is wider than a space. What tells them apart is the line
itself: its letter spacing is the same between every pair of characters, so a gap is a space only when it is wider
than the line's usual gap. Between two Latin characters (digits, words) the usual gap is that of the Latin text on the
line, and a word space is a fraction of an em more; a gap next to a Chinese character is a separation (``署名 日期`` on
one line, a tab) only when it exceeds the line's spacing by a whole character. Blank glyphs the PDF does print (a typed
space, an ideographic space) are text and are kept, one for a run.
"""

from __future__ import annotations

import functools
import itertools
import unicodedata
from collections.abc import Sequence
from statistics import median
from typing import Any, NamedTuple

LATIN_SPACE = 0.15  # ems beyond the Latin letter spacing: a word space (a quarter em in most fonts) is wider
# ems beyond the line's spacing next to a Chinese character: a deliberate separation; a gap of exactly one em (a tab
# stop, an em space left as a gap) is one, however the PDF reader rounded the positions
WIDE_SPACE = 0.98


@functools.lru_cache(maxsize=8192)
def is_wide(text: str) -> bool:
    """A character set in a full em in Chinese text: ideographs, Chinese punctuation, and the quotes and dashes that
    Chinese fonts print full-width."""
    return any(unicodedata.east_asian_width(c) in ("W", "F", "A") for c in text)


def is_blank(text: str) -> bool:
    return not text.strip()


class Glyph(NamedTuple):
    text: str
    x0: float
    x1: float
    size: float
    wide: bool
    blank: bool


def glyph(char: dict[str, Any]) -> Glyph:
    text = str(char["text"])
    return Glyph(text, float(char["x0"]), float(char["x1"]), float(char.get("size") or 0.0), is_wide(text), is_blank(text))


def line_text(chars: Sequence[dict[str, Any]]) -> str:
    """The text of one printed line from its glyphs (pdfplumber char dicts, left to right)."""
    glyphs = sorted((glyph(c) for c in chars), key=lambda g: g.x0)
    pairs = [(a, b) for a, b in itertools.pairwise(glyphs) if not a.blank and not b.blank]
    wide_gaps = [b.x0 - a.x1 for a, b in pairs if a.wide or b.wide]
    latin_gaps = [b.x0 - a.x1 for a, b in pairs if not a.wide and not b.wide]
    spacing = median(wide_gaps) if wide_gaps else 0.0
    # letter spacing applied to every glyph shows between Latin letters too; a lone pair may itself be a word space
    latin_spacing = max(min(latin_gaps), 0.0) if len(latin_gaps) >= 2 else 0.0
    out: list[str] = []
    previous: Glyph | None = None
    for g in glyphs:
        if g.blank:
            if out and not is_blank(out[-1]):
                out.append(g.text)
            continue
        if previous is not None and out and not is_blank(out[-1]):
            gap, em = g.x0 - previous.x1, max(previous.size, g.size, 1.0)
            if previous.wide or g.wide:
                if gap - spacing >= WIDE_SPACE * em:
                    out.append(" ")
            elif gap - latin_spacing > LATIN_SPACE * em:
                out.append(" ")
        out.append(g.text)
        previous = g
    return "".join(out).strip()
