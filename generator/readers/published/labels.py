"""The importer's label dictionary, derived from the format declarations, and tolerant label matching."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal

from ...formats import FORMATS, Format, Row, Table

# a label as printed may differ by punctuation width, spaces, quotes, an inserted year or a small typo
ACCEPT = 0.8
YEAR_NOTE = re.compile(r"\((?:19|20)\d\d\)")
TRAILING_NOTE = re.compile(r"\([^()]*\)$")
QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]", "、": ","})
SPACE = re.compile(r"\s+")
MARKUP = re.compile(r"\*\*|^#+\s*|\[bookmark:[^\]]*\]")

Kind = Literal["row", "group", "header"]


def norm(text: str) -> str:
    """A label reduced for comparison: NFKC (full-width to half-width), no spaces, unified quotes and brackets."""
    text = MARKUP.sub("", text)
    text = unicodedata.normalize("NFKC", text).translate(QUOTES)
    text = SPACE.sub("", text)
    return YEAR_NOTE.sub("", text)


LONGEST = 80  # longer texts are prose, never a label


def ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def close(key: str, bare: str, label: str) -> bool:
    """A cheap upper bound first: lengths too different can never reach the threshold."""
    best = max(2 * min(len(k), len(label)) / (len(k) + len(label)) for k in (key, bare) if k)
    return best >= ACCEPT


@dataclass(frozen=True)
class Label:
    """One printed text of a table: a data row's label, an enclosing group label, or a header."""

    kind: Kind
    table: str
    text: str  # the standard text
    key: str  # normalised form compared against
    row: Row | None = None
    column: str | None = None  # the column key of a column header, when unique
    alias: bool = False


@dataclass(frozen=True)
class Match:
    label: Label
    score: float
    exact: bool  # equal after normalisation (or a declared alias, or with a remark in brackets after it)


def _table_labels(table: Table) -> list[Label]:
    out: list[Label] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: Kind, text: str, row: Row | None = None, column: str | None = None, alias: bool = False) -> None:
        if text and (kind, text) not in seen:
            seen.add((kind, text))
            out.append(Label(kind, table.key, text, norm(text), row, column, alias))

    has_label_column = any(gc.role == "label" for row in table.grid.rows for gc in row)
    for row in table.rows:
        if has_label_column:
            add("row", row.label, row)
        for group in row.groups:
            add("group", group)
        for col in row.columns:
            add("header", col.label, column=col.key)
            for alias in col.aliases:
                add("header", alias, column=col.key, alias=True)
    if not has_label_column:
        for row in table.rows:  # table 4: the row names are printed as headers
            add("header", row.label)
    for grid_row in table.grid.rows:
        for gc in grid_row:
            if gc.role in ("header", "label"):
                add("header" if gc.role == "header" else "group", gc.text)
    return out


@cache
def labels(version: str) -> tuple[Label, ...]:
    """Every printed text of the three tables of a format version."""
    fmt = FORMATS[version]
    return tuple(label for table in fmt.tables for label in _table_labels(table))


# a row number as printed after normalising (NFKC makes ① 1 and （1） (1), QUOTES makes 、 ,): 1. 1, (1) 1) ①
ROW_NUMBER = re.compile(r"^(?:\((\d+)\)|(\d+)[.,)]?)(?=\D)")
MIN_UNNUMBERED = 4  # a row printed without its number is told by its words only when they are this many


def numbered(key: str) -> tuple[str | None, str]:
    """A normalised label as (its row number or None, the words after it)."""
    found = ROW_NUMBER.match(key)
    if found is None:
        return None, key
    return found.group(1) or found.group(2), key[found.end() :]


def same_row(key: str, label: str) -> bool:
    """The same numbered row whatever the numbering style, or with its number left out when its words are distinctive."""
    number, words = numbered(key)
    label_number, label_words = numbered(label)
    if label_number is None or words != label_words:
        return False
    return number == label_number or (number is None and len(words) >= MIN_UNNUMBERED)


@lru_cache(maxsize=65536)
def match(text: str, version: str, kinds: tuple[Kind, ...] = ("row", "group", "header")) -> Match | None:
    """The best label for a printed text, or None when nothing is close enough."""
    key = norm(text)
    if not key or len(key) > LONGEST:
        return None
    bare = TRAILING_NOTE.sub("", key)
    best: Match | None = None
    for label in labels(version):
        if label.kind not in kinds:
            continue
        renumbered = label.kind == "row" and (same_row(key, label.key) or same_row(bare, label.key))
        if key == label.key or (bare and bare == label.key) or renumbered:
            exact = Match(label, 1.0, True)
            if label.kind == "row" or best is None or not best.exact:
                best = exact
            continue
        if best is not None and best.exact:
            continue
        score = max(ratio(key, label.key), ratio(bare, label.key) if bare != key else 0.0) if close(key, bare, label.key) else 0.0
        if score >= ACCEPT and (best is None or score > best.score):
            best = Match(label, score, False)
    return best


MIN_START = 6  # a shorter piece starts too many labels to tell which


@lru_cache(maxsize=65536)
def label_start(text: str, version: str) -> bool:
    """The first piece of a row label broken over lines (``（二）部分公开（区分处理的，只计这一``), not the whole label."""
    key = norm(text)
    if len(key) < MIN_START:
        return False
    return any(label.kind == "row" and label.key.startswith(key) and label.key != key for label in labels(version))


def row_label_in(text: str, version: str) -> Match | None:
    """A data-row label at the end of a text that also carries its group labels (``（三）不予公开1.属于国家秘密``)."""
    key = norm(text)
    groups = sorted({label.key for label in labels(version) if label.kind == "group"}, key=len, reverse=True)
    found: Match | None = None
    for label in labels(version):
        if label.kind != "row" or not key.endswith(label.key) or key == label.key:
            continue
        head = key[: -len(label.key)]
        while head:
            group = next((g for g in groups if g and head.endswith(g)), None)
            if group is None:
                break
            head = head[: -len(group)]
        if not head and (found is None or len(label.key) > len(found.label.key)):
            found = Match(label, 1.0, True)
    return found


def unique_labels(version: str) -> set[str]:
    """Normalised labels printed only in this format version (not even inside another version's label)."""
    mine = {label.key for label in labels(version) if len(label.key) >= 5}
    others = [label.key for v in FORMATS if v != version for label in labels(v)]
    return {key for key in mine if not any(key in other for other in others)}


def detect_version(text: str) -> tuple[str | None, dict[str, int]]:
    """The format version whose own labels the text prints most, with the hit counts; None when no label is found."""
    key = norm(text)
    hits = {version: sum(1 for label in unique_labels(version) if label in key) for version in FORMATS}
    best = max(hits.values())
    winners = [v for v, n in hits.items() if n == best]
    return (winners[0] if best and len(winners) == 1 else None), hits


def part_labels(fmt: Format) -> list[tuple[str, list[str]]]:
    """Each part's key with its normalised heading texts (standard and declared variants), without the numbering."""
    out = []
    for part in fmt.parts:
        texts = [part.heading, *part.aliases]
        out.append((part.key, [norm(strip_number(t)) for t in texts]))
    return out


NUMBERING = re.compile(r"^([一二三四五六七八九十]+)\s*[、.．]\s*")


def strip_number(text: str) -> str:
    return NUMBERING.sub("", text.strip())


def run_together_header(text: str, version: str) -> Match | None:
    """Header cells printed without separators (``行政复议行政诉讼``): mostly covered by one table's header labels."""
    key = norm(text)
    if len(key) < 4 or len(key) > LONGEST * 3:
        return None
    best: Match | None = None
    for table in {label.table for label in labels(version)}:
        heads = [x for x in labels(version) if x.table == table and x.kind in ("header", "group") and len(x.key) >= 2]
        covered = [False] * len(key)
        found = 0
        for label in sorted(heads, key=lambda x: len(x.key), reverse=True):
            start = key.find(label.key)
            while start >= 0:
                if not any(covered[start : start + len(label.key)]):
                    covered[start : start + len(label.key)] = [True] * len(label.key)
                    found += 1
                start = key.find(label.key, start + 1)
        share = sum(covered) / len(key)
        if found >= 2 and share >= 0.7 and (best is None or share > best.score):
            best = Match(heads[0], share, False)
    return best
