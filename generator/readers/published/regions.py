"""Tables printed as text lines: where they are among a part's lines, and their rows of fields in each layout."""

from __future__ import annotations

import re

from ...findings import Source
from ...formats.conventions import UNIT_PATTERN
from .items import Field, Line
from .labels import label_start, match, norm, row_label_in, run_together_header
from .tables import is_value_text

SEPARATED = re.compile(r"\t|\|")
MD_RULE = re.compile(r"^[\s|:\-]+$")
TRAILING_NUMBERS = re.compile(rf"^(.*?[^\d\s.,/+\-])\s*((?:[-+]?\d[\d.,]*\s*(?:{UNIT_PATTERN})?\s*|/\s*)+)$")
NUMBER_TOKEN = re.compile(rf"[-+]?\d[\d.,]*\s*(?:{UNIT_PATTERN})?|/")
THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?: \d{3})*(?:\.\d+)?$|^\S+$")  # "1 000" is one number; "12 30" two cells
FRAGMENT = 12  # a non-table line this short inside a table is a label broken across lines
MIN_TABLE_LINES = 3
# a header printed in narrow columns: words of one or two characters side by side (结 结 其 尚 / 维持 纠正 结果 审结 计),
# what pdftotext -layout gives for a vertical header or one broken inside its cells
HEADER_PIECES = re.compile(r"^[\u4e00-\u9fff]{1,2}(?:\s+[\u4e00-\u9fff]{1,2}){2,}$")

Row = tuple[list[Field], Source, bool]  # fields, where, whether blanks are significant


def fields_of(text: str) -> list[str]:
    if "\t" in text:
        return text.split("\t")
    if "|" in text:
        parts = text.split("|")
        if text.strip().startswith("|"):
            parts = parts[1:]
        return parts
    return [text]


def label_like(text: str, version: str) -> bool:
    key = norm(text)
    if not key:
        return False
    found = TRAILING_NUMBERS.match(text.strip())
    head = found.group(1) if found else text
    tries = (match(text, version), row_label_in(text, version), match(head, version), row_label_in(head, version))
    return any(m is not None for m in tries) or run_together_header(text, version) is not None or label_start(head, version)


def tableish(line: Line, version: str) -> bool:
    text = line.text
    if not text.strip():
        return False
    if "\t" in text.strip("\n") or len([f for f in fields_of(text) if f.strip()]) >= 2:
        return True
    if text.count("|") >= 2:  # a row whose cells are printed empty: ``行政许可 | ||||``
        return True
    if text[:1] == "\t":
        return True
    return is_value_text(text) or bool(HEADER_PIECES.match(text.strip())) or numbers_after(text) or label_like(text, version)


def numbers_after(text: str) -> bool:
    """Text then at least three numbers (``形，不计其他情形） 447 7 0 0 0 0 454``): the end of a broken row label."""
    found = TRAILING_NUMBERS.match(text.strip())
    return found is not None and len(NUMBER_TOKEN.findall(found.group(2))) >= 3


def regions(lines: list[Line], version: str) -> list[tuple[int, int]]:
    """Spans ``[start, end)`` of lines that print a table; short fragments between table lines belong to it."""
    marks = [tableish(line, version) for line in lines]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not marks[i]:
            i += 1
            continue
        start = end = i
        j = i + 1
        while j < len(lines):
            text = lines[j].text.strip()
            if marks[j]:
                end = j
            elif text and len(text) > FRAGMENT:
                break
            j += 1
        count = sum(marks[start : end + 1])
        labelled = sum(1 for line in lines[start : end + 1] if label_like_any(line.text, version))
        if (count >= MIN_TABLE_LINES and labelled >= 2) or all(numbered_row(line.text, version) for line in lines[start : end + 1]):
            spans.append((start, end + 1))
        i = end + 1
    return spans


def numbered_row(text: str, version: str) -> bool:
    """A row label followed by numbers on its line (``四、结转下年度继续办理 0 0 0 0 0 0 0``): a table row on its own."""
    found = TRAILING_NUMBERS.match(text.strip())
    return found is not None and len(NUMBER_TOKEN.findall(found.group(2))) >= 2 and is_row_label(found.group(1), version)


def label_like_any(text: str, version: str) -> bool:
    return any(label_like(f, version) for f in fields_of(text) if f.strip())


def split_field(text: str, source: Source) -> list[Field]:
    """A label followed by numbers in one field (``规章 0 0 0``, ``…申请数量1000001``) → the label, then each number."""
    stripped = text.strip()
    found = TRAILING_NUMBERS.match(stripped)
    if found and not is_value_text(stripped):
        return [Field(found.group(1), source)] + [Field(t, source) for t in NUMBER_TOKEN.findall(found.group(2))]
    if stripped and is_value_text(stripped.replace(" ", "")) and THOUSANDS.match(stripped):
        return [Field(stripped.replace(" ", ""), source)]
    tokens = stripped.split()
    if len(tokens) > 1 and all(is_value_text(t) for t in tokens):
        return [Field(t, source) for t in tokens]
    return [Field(text, source)]


def line_rows(lines: list[Line]) -> list[Row]:
    """One row per line: cells separated by tabs or ``|``; without separators, the numbers after the label."""
    out: list[Row] = []
    for line in lines:
        text = line.text.rstrip("\n")
        if not text.strip() or MD_RULE.match(text):
            continue
        separated = bool(SEPARATED.search(text.strip(" \u3000\r")))  # trailing tabs still delimit cells printed blank
        fields: list[Field] = []
        for k, piece in enumerate(fields_of(text) if separated else [text]):
            source = Source(file=line.source.file, line=line.source.line, column=k + 1)
            if separated and (not piece.strip() or is_value_text(piece)):
                fields.append(Field(piece, source))
            else:
                fields.extend(split_field(piece, source))
        out.append((fields, line.source, separated))
    return out


def cell_rows(lines: list[Line], version: str) -> list[Row]:
    """One cell per line: rows end at blank lines and start at a row label; an unindented line continues the cell above."""
    indented = sum(1 for line in lines if line.text[:1] in ("\t", " ", "\u3000") and line.text.strip())
    continued = indented > len([x for x in lines if x.text.strip()]) / 2
    blocks: list[list[Field]] = [[]]
    for line in lines:
        text = line.text
        if not text.strip() and text.strip("\n") == "":
            blocks.append([])
            continue
        cell = text.strip(" \t\u3000")
        if continued and text[:1] not in ("\t", " ", "\u3000") and blocks[-1] and not is_value_text(cell):
            blocks[-1][-1] = Field(blocks[-1][-1].text + cell, blocks[-1][-1].source)
            continue
        blocks[-1].append(Field(cell, line.source))
    out: list[Row] = []
    for block in blocks:
        row: list[Field] = []
        for f in block:
            if row and f.text and not is_value_text(f.text) and is_row_label(f.text, version) and any(x.text for x in row):
                out.append((row, row[0].source, True))
                row = []
            row.append(f)
        if any(f.text for f in row):
            out.append((row, row[0].source, True))
    return out


def is_row_label(text: str, version: str) -> bool:
    m = match(text, version) or row_label_in(text, version)
    return m is not None and m.label.kind == "row"


def table_rows(lines: list[Line], version: str) -> list[Row]:
    """The rows of a table printed as lines, in whichever layout the lines use."""
    filled = [line for line in lines if line.text.strip()]
    # tabs after the first cell (leading indentation aside), or | separators, mean one row per line
    multi = sum(1 for line in filled if len(fields_of(line.text.lstrip().rstrip("\n"))) >= 2)
    if filled and multi * 2 >= len(filled):
        return line_rows(lines)
    if any(line.text[:1] == "\t" for line in filled):
        return cell_rows(lines, version)
    return loose_rows(lines, version)


def loose_rows(lines: list[Line], version: str) -> list[Row]:
    """No separators at all: a label with its numbers run together on its line, or followed by one number per line."""
    out: list[Row] = []
    for fields, source, _ in line_rows(lines):
        values_only = all(is_value_text(f.text) for f in fields)
        # a number under the label line it belongs to (one per line), or the label's one line of numbers
        if values_only and out and is_row_label(out[-1][0][0].text, version) and (len(fields) == 1 or len(out[-1][0]) == 1):
            out[-1][0].extend(fields)
            continue
        out.append((fields, source, False))
    return out
