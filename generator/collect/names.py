"""The file name of each unit: distinct, portable, bounded in length, and never one of the tool's own names."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
MAX_CHARS = 60  # 180 bytes of UTF-8 at most: room for “.校验结果.xlsx” and a temporary prefix under 255 bytes
# the tool's own outputs beside the unit files (collect's folder, 报告/index.html) must never be a unit's name
RESERVED = frozenset({"index", "提交情况", "退回", "已采用", "报告", "数据", "名单"})
# names Windows gives to devices, whatever the extension
DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))})


def portable(name: str) -> str:
    """``name`` as a file name stem any disk accepts: unsafe characters become “_”, no leading dot, bounded length."""
    stem = UNSAFE.sub("_", unicodedata.normalize("NFC", name).strip()).strip(". ")
    stem = stem[:MAX_CHARS].rstrip(". ") or "_"
    if _key(stem) in RESERVED or _key(stem).split(".")[0] in DEVICES:
        stem = f"{stem}_单位"
    return stem


def _key(stem: str) -> str:
    """What two names must differ in to be two files on every disk (case and Unicode form ignored)."""
    return unicodedata.normalize("NFKC", stem).casefold()


def unit_file_names(names: Iterable[str]) -> dict[str, str]:
    """A file name stem per unit name, distinct by construction.

    A name that is already portable keeps itself; the others get their portable form, and where that is taken
    (甲/局 and 甲_局, 甲:局), a number: 甲_局-2, 甲_局-3, in the order given.
    """
    ordered = list(dict.fromkeys(names))
    stems: dict[str, str] = {}
    taken: set[str] = set()
    for name in ordered:  # names that need no change first: a unit keeps its own name where it can
        stem = portable(name)
        if stem == name and _key(stem) not in taken:
            stems[name] = stem
            taken.add(_key(stem))
    for name in ordered:
        if name in stems:
            continue
        base = portable(name)
        stem, n = base, 1
        while _key(stem) in taken:
            n += 1
            stem = f"{base[: MAX_CHARS - len(str(n)) - 1]}-{n}"
        stems[name] = stem
        taken.add(_key(stem))
    return stems


def renamed(stems: dict[str, str]) -> list[tuple[str, str]]:
    """The units whose file name differs from their name, for the 说明 sheet."""
    return [(name, stem) for name, stem in stems.items() if stem != name]
