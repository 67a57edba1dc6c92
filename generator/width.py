"""Display width of text, the one rule the text renderer, the title breaker, the layout model and the tables measure by.

A character takes two columns when Unicode gives it East Asian Width W (wide) or F (full-width), none when it is a
combining mark or a zero-width format character (it sits on the character before), and one otherwise. Ambiguous
characters (A: “ ” — …) count one, as terminals outside East Asian locales and Python's own text tools count them;
a renderer that prints in a CJK font converts the columns to its own unit (half an em per column).
"""

from __future__ import annotations

import functools
import unicodedata

WIDE = frozenset({"W", "F"})


@functools.lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    """Columns one character takes: 2 wide or full-width, 0 combining or zero-width, else 1."""
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in WIDE else 1


@functools.lru_cache(maxsize=16384)  # the same labels and numbers are measured again and again
def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal or in a monospaced CJK font."""
    if text.isascii():  # every ASCII character takes one column
        return len(text)
    return sum(char_width(c) for c in text)
