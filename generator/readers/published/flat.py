"""Text that lost its line and cell structure (a crawler joined every line): cut back into lines at the declared labels."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from ...findings import Source
from ...formats import FORMATS, Format
from .items import Document, Grid, Line
from .labels import QUOTES, YEAR_NOTE, detect_version, labels
from .narrative import DATE_TEXT, PHONE_LABEL, PHONE_NUMBER

SEPARATORS = set("|")  # cell separators of a Markdown table, flattened with the rest
MIN_HEADINGS = 2  # a line holding two part headings, or
MIN_LABELS = 8  # eight distinct table labels, has lost its line structure
VALUE_CHARS = set("0123456789/.,-—－")
MEASURES = set("年月日件条次个项人家%")
TITLE_END = re.compile(r"年度报告|工作报告")
TITLE_WITHIN = 80
CONTACT = re.compile(rf"(?:填报人|联系人)\s*[:：]\s*\S{{1,8}}?\s*{PHONE_LABEL}\s*[:：]\s*{PHONE_NUMBER}")
DATE_AT_END = re.compile(rf"{DATE_TEXT}\s*$")
SIGNATURE = 40
GAP = 12  # at most this much unlabelled text inside a table (a label printed differently)


@dataclass
class Flat:
    """A line reduced for label search: normalised characters, each with its offset in the original line."""

    text: str
    where: list[int]

    @classmethod
    def of(cls, line: str) -> Flat:
        chars: list[str] = []
        where: list[int] = []
        for i, ch in enumerate(line):
            for c in unicodedata.normalize("NFKC", ch).translate(QUOTES):
                if not c.isspace() and c not in SEPARATORS:
                    chars.append(c)
                    where.append(i)
        text = "".join(chars)
        for note in reversed(list(YEAR_NOTE.finditer(text))):  # 本年(2021)制发件数 is printed for 本年制发件数
            del chars[note.start() : note.end()]
            del where[note.start() : note.end()]
        return cls("".join(chars), where)

    def offset(self, k: int, line: str) -> int:
        return self.where[k] if k < len(self.where) else len(line)


def heading_keys(fmt: Format) -> list[list[str]]:
    """Each part's printed headings (with their numbering), normalised like a flattened line."""
    return [[Flat.of(text).text for text in (part.heading, *part.aliases)] for part in fmt.parts]


def table_keys(fmt: Format, table: str) -> list[str]:
    keys = {Flat.of(label.text).text for label in labels(fmt.version) if label.table == table}
    return sorted((k for k in keys if len(k) >= 2), key=len, reverse=True)


def label_at(flat: str, k: int, keys: list[str]) -> str | None:
    return next((key for key in keys if flat.startswith(key, k)), None)


def is_flat(line: str, fmt: Format) -> bool:
    flat = Flat.of(line).text
    if len(flat) < 200:
        return False
    parts = sum(1 for keys in heading_keys(fmt) if any(k in flat for k in keys))
    found = {key for table in fmt.tables for key in table_keys(fmt, table.key) if len(key) >= 4 and key in flat}
    return parts >= MIN_HEADINGS or len(found) >= MIN_LABELS


def table_cuts(f: Flat, line: str, start: int, fmt: Format, table: str) -> tuple[list[int], int] | None:
    """Cut points of one table found from ``start``: it begins where two of its labels follow each other,
    and ends after the values of its last row (table 4, with no row labels: after its first run of values)."""
    flat = f.text
    keys = table_keys(fmt, table)
    last = Flat.of(fmt.table(table).rows[-1].label).text
    labelled_rows = any(label.kind == "row" and label.table == table for label in labels(fmt.version))
    begin = next((k for k in range(start, len(flat)) if (first := label_at(flat, k, keys)) and label_at(flat, k + len(first), keys)), -1)
    if begin < 0:
        return None
    cuts: list[int] = []
    k = begin
    previous = ""
    while k < len(flat):
        key = label_at(flat, k, keys)
        if key:
            cuts.append(k)
            previous = key
            k += len(key)
            continue
        if flat[k] in VALUE_CHARS:
            j = k
            while j < len(flat) and flat[j] in VALUE_CHARS and not label_at(flat, j, keys):
                j += 1
            if not labelled_rows:  # table 4: its first header, the others on one line (read together), then its values
                return [begin, cuts[1] if len(cuts) > 1 else begin, k], trailing_figure(f, line, k, j)
            if previous.endswith(last):
                return cuts, trailing_figure(f, line, k, j)
            k = j
            continue
        ahead = next((j for j in range(k + 1, min(k + GAP, len(flat))) if label_at(flat, j, keys)), None)
        if ahead is None:
            return cuts, k
        k = ahead
    return cuts, k


def trailing_figure(f: Flat, line: str, start: int, end: int) -> int:
    """The end of a table's last values: a last number followed by 年, 件… and set apart by a space begins the narrative."""
    if end >= len(f.text) or f.text[end] not in MEASURES:
        return end
    a, b = f.offset(start, line), f.offset(end, line)
    space = max(line.rfind(" ", a, b), line.rfind("\u3000", a, b), line.rfind("\t", a, b))
    if space <= a:
        return end
    return next(k for k in range(start, end + 1) if f.offset(k, line) > space)


def cut_points(line: str, fmt: Format) -> list[int]:
    """Offsets in ``line`` where a new line begins: part headings, table labels, and the narrative after a table."""
    f = Flat.of(line)
    flat = f.text
    cuts: set[int] = set()
    pos = 0
    heads: dict[int, tuple[int, int]] = {}
    for index, keys in enumerate(heading_keys(fmt)):
        hits = [(flat.find(k, pos), k) for k in keys if flat.find(k, pos) >= 0]
        if not hits:
            continue
        at, key = min(hits)
        heads[index] = (at, at + len(key))
        cuts.update((at, at + len(key)))
        pos = at + len(key)
    pos = 0
    for table in fmt.tables:
        part = next((i for i, p in enumerate(fmt.parts) if p.table == table.key), None)
        if part is not None and part in heads:
            pos = max(pos, heads[part][1])
        found = table_cuts(f, line, pos, fmt, table.key)
        if found is None:
            continue
        points, end = found
        cuts.update(points)
        cuts.add(end)
        pos = end
    return sorted({f.offset(k, line) for k in cuts if 0 < k < len(flat)} | closing_cuts(line))


def closing_cuts(line: str) -> set[int]:
    """Around the title at the start, and the contact line, signature and date at the end."""
    out: set[int] = set()
    if (title := TITLE_END.search(line[:TITLE_WITHIN])) and "。" not in line[: title.start()]:
        out.add(title.end())
    for found in CONTACT.finditer(line):
        out.update((found.start(), found.end()))
    if date := DATE_AT_END.search(line):
        out.add(date.start())
        before = line[: date.start()]
        sentence = max(before.rfind(c) for c in "。；;")
        contact = max((m.end() for m in CONTACT.finditer(before)), default=-1)
        start = max(sentence + 1, contact)
        if 0 < start < date.start() and len(before[start:].strip()) <= SIGNATURE:
            out.add(start)
    return {k for k in out if 0 < k < len(line)}


def unflatten(doc: Document) -> bool:
    """Lines that hold a whole report (or a whole table) are cut into lines at the declared labels; True if any was."""
    text = "\n".join(item.text for item in doc.items if isinstance(item, Line))
    version, _ = detect_version(text)
    fmt = FORMATS[version] if version else FORMATS[max(FORMATS)]
    items: list[Line | Grid] = []
    changed = False
    for item in doc.items:
        if not isinstance(item, Line) or not is_flat(item.text, fmt):
            items.append(item)
            continue
        changed = True
        bounds = [0, *cut_points(item.text, fmt), len(item.text)]
        for a, b in itertools.pairwise(bounds):
            piece = item.text[a:b].strip()
            if piece:
                source = Source(file=item.source.file, line=item.source.line, ref=item.source.ref, column=a + 1)
                items.extend((Line(piece, source), Line("", source)))
    doc.items = items
    return changed
