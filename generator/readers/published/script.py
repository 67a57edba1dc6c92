"""Pages in traditional characters (mirror sites convert them) read as the simplified text the format declares."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from opencc import OpenCC

from .items import Document, Field, Grid, Line

TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# pinyin a mirror site prints after a character: 項(xiàng); toned, so that a Latin word in brackets is never taken
PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zü]*[{TONED}])[a-zü{TONED}]{{1,7}}[)）]")
TRADITIONAL_SHARE = 0.03  # simplified text changes far less under t2s (a rare 乾/著); a converted page changes 10 %+


@cache
def _converter() -> OpenCC:
    return OpenCC("t2s")


def _cjk(text: str) -> int:
    return sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")


def simplify_text(text: str) -> tuple[str, int]:
    """``text`` in simplified characters when it is printed in traditional ones (pinyin after the characters
    dropped), and the characters changed (0: left as it is)."""
    whole = PINYIN.sub("", text)
    converted = _converter().convert(whole)
    changed = sum(1 for a, b in zip(whole, converted, strict=False) if a != b)
    annotated = len(whole) != len(text)  # characters annotated with pinyin: a mirror's copy, whatever the share
    if not annotated and (len(converted) != len(whole) or changed < _cjk(whole) * TRADITIONAL_SHARE):
        return text, 0
    return converted, max(changed, 1)


def simplify(doc: Document) -> int:
    """:func:`simplify_text` over a document's lines and cells, in place (unless its reader converted its text)."""
    if doc.simplified:
        return doc.simplified
    _, changed = simplify_text("\n".join(doc.texts()))
    if changed:
        _apply(doc, lambda text: _converter().convert(PINYIN.sub("", text)))
    return changed


def _apply(doc: Document, convert: Callable[[str], str]) -> None:
    items: list[Line | Grid] = []
    for item in doc.items:
        if isinstance(item, Line):
            items.append(Line(convert(item.text), item.source))
        else:
            rows = [[Field(convert(f.text), f.source) for f in row] for row in item.rows]
            items.append(Grid(rows, item.source, item.fields_are_cells))
    doc.items = items
