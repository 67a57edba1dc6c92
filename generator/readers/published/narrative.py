"""The words of a published report: part headings, preface, paragraphs, signature, date and contact."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from ...formats import Format
from .items import Line
from .labels import norm, part_labels, ratio, strip_number

NUMERALS = "一二三四五六七八九十"
HEADING_RATIO = 0.6
MARKER = re.compile(
    r"^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.．]|\d+[.、．]|（\d+）|\(\d+\)|[一二三四五六七八九十]是)"
)
SENTENCE_END = "。！？!?；;：:…”」』）)"
LONG = 40
SHORT_HEADING = 30
TAIL = 6  # the date is looked for among the last lines only
AGENCY_END = re.compile(r"(局|办|委|院|厅|府|室|会|中心|处|署|所|馆|站|队|部|社|行|办公室|政府|街道|镇|乡)$")
YEAR_DIGITS = "0-9〇○零一二三四五六七八九"  # ○ (a circle) is often typed for 〇
DATE_TEXT = rf"([{YEAR_DIGITS}]{{4}})\s*年\s*([0-9一二三四五六七八九十]{{1,3}})\s*月\s*([0-9一二三四五六七八九十]{{1,3}})\s*日"
DATE = re.compile(rf"^{DATE_TEXT}$")
SIGNED = re.compile(rf"^(?P<signature>.+?)\s*(?P<date>{DATE_TEXT})$")  # 署名 and 成文日期 printed on one line
DATE_LINES = 3  # a date wrapped by a narrow layout (``2026年1月`` / ``20日``) spans at most this many lines
DATE_CHARS = 20
PHONE_LABEL = r"(?:联系电话|联系方式|电话)"
PHONE_NUMBER = r"[0-9()（）\-－— ]{5,}[0-9]"
# the name ends at a blank or a separator, or where the phone's label follows it with the blank between them lost
CONTACT_NAME = re.compile(rf"填报人\s*[:：]\s*([^\s|｜:：，,；;　]+?)(?=[\s|｜:：，,；;　]|{PHONE_LABEL}|$)")
CONTACT_PHONE = re.compile(rf"{PHONE_LABEL}\s*[:：]\s*({PHONE_NUMBER})")
BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
CJK = r"[\u3400-\u9fff]"


def clean(text: str) -> str:
    """A narrative line without layout noise: indentation, Markdown marks, Word bookmarks, extraction spaces."""
    t = BOOKMARK.sub("", text).strip().strip("\u3000").strip()
    t = re.sub(r"^#+\s*", "", t)
    t = t.replace("**", "")
    t = re.sub(r"<((?:https?|ftp)://[^>\s]+)>", r"\1", t)
    t = re.sub(r"^\(([一二三四五六七八九十]+)\)\s*", r"（\1）", t)
    t = re.sub(r"^(\d+)[.．]\s+", r"\1.", t)
    t = re.sub(rf"(?<={CJK})[ \t]+(?=[0-9A-Za-z])|(?<=[0-9A-Za-z])[ \t]+(?={CJK})", "", t)
    return full_width(t.strip())


HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
CJK_PUNCT = r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”‘’]"


def full_width(text: str) -> str:
    """Half-width punctuation next to Chinese (an extraction artefact) → full-width; URLs and numbers keep theirs."""
    text = re.sub(rf"(?<={CJK_PUNCT})[,;:?!]|[,;:?!](?={CJK_PUNCT})", lambda m: HALF_PUNCT[m.group(0)], text)
    return re.sub(rf"\(([^()]*{CJK}[^()]*)\)", r"（\1）", text)


def heading_part(text: str, fmt: Format, after: int) -> int | None:
    """The index of the part this line heads (only parts after ``after``), or None."""
    t = clean(text)
    if not t or len(t) > 45 or "。" in t or "\t" in text.strip():
        return None
    key = unicodedata.normalize("NFKC", t)
    found = re.match(r"^([一二三四五六七八九十]+)\s*[、.．]\s*", key)
    if not found or found.group(1) not in NUMERALS[:6]:
        return None
    index = NUMERALS.index(found.group(1))
    if index <= after:
        return None
    rest = norm(strip_number(t))
    _, texts = part_labels(fmt)[index]
    if max(ratio(rest, x) for x in texts) >= HEADING_RATIO or any(x in rest or rest in x for x in texts if len(rest) >= 4):
        return index
    return None


def chinese_number(text: str) -> int:
    """Arabic or Chinese numerals (二〇二〇, 十七) → int."""
    if text.isdigit():
        return int(text)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0}
    if len(text) == 4:
        return int("".join(str(digits[c]) for c in text))
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
    return digits[text]


def parse_date(text: str) -> dt.date | None:
    found = DATE.match(unicodedata.normalize("NFKC", clean(text)).replace(" ", ""))
    if not found:
        return None
    try:
        return dt.date(*(chinese_number(g) for g in found.groups()))
    except (ValueError, KeyError):
        return None


def is_contact(text: str) -> bool:
    return bool(CONTACT_NAME.search(text) or (CONTACT_PHONE.search(text) and len(clean(text)) < 60))


def date_from(lines: list[Line], idx: list[int], k: int) -> tuple[str | None, dt.date | None, int]:
    """The date printed from line ``idx[k]`` on (a narrow layout may wrap it over a few lines), maybe after the signature
    on the same line, and how many lines it takes."""
    text = ""
    for n in range(k, min(k + DATE_LINES, len(idx))):
        text += clean(lines[idx[n]].text)
        if len(text) > LONG + DATE_CHARS:
            break
        if found := parse_date(text):
            return None, found, n - k + 1
        if (signed := SIGNED.match(text)) and signature_like(solid(signed.group("signature"))):
            return solid(signed.group("signature")), parse_date(signed.group("date")), n - k + 1
    return None, None, 0


def closing(lines: list[Line]) -> tuple[list[Line], str | None, dt.date | None, list[Line]]:
    """The signature and date at the end of the last part; the lines before them; lines after the date (page chrome).

    The date may be wrapped over two or three lines, or printed on the signature's line after it."""
    idx = [i for i, line in enumerate(lines) if clean(line.text) and not is_contact(line.text)]
    if not idx:
        return lines, None, None, []
    for k in range(len(idx) - 1, max(len(idx) - 1 - TAIL, -1), -1):
        signature, date, taken = date_from(lines, idx, k)
        if date is not None:
            break
    else:
        last = idx[-1]
        text = solid(clean(lines[last].text))
        if len(idx) >= 2 and signature_like(text):  # a signature without a date
            return lines[:last], text, None, []
        return lines, None, None, []
    after = [lines[i] for i in idx[k + taken :]]
    cut = idx[k]
    if signature is None and k >= 1:
        prev = solid(clean(lines[idx[k - 1]].text))
        if len(prev) <= LONG and not any(c in prev for c in "。；，") and not MARKER.match(prev):
            signature = prev
            cut = idx[k - 1]
    return lines[:cut], signature, date, after


def solid(text: str) -> str:
    """A name without the spaces a layout set between its Chinese characters (``云 溪 县`` of a distributed line)."""
    return re.sub(rf"(?<={CJK})\s+(?={CJK})", "", text)


def signature_like(text: str) -> bool:
    """A short line naming an agency (``宁波市机关事务管理局``): a signature, or the first line of a split title."""
    short = len(text) <= SHORT_HEADING and not re.search(r"[。，；：:,、]", text)
    return short and bool(AGENCY_END.search(text)) and not MARKER.match(text)


def paragraphs(lines: list[Line]) -> list[str]:
    """Paragraphs from lines: blank lines separate blocks; a line ending a sentence or a short heading ends a paragraph;
    a block broken off mid-sentence (a page break in a PDF) is joined to the next."""
    paras: list[tuple[str, bool]] = []  # text, starts a block
    block_start = True
    current = ""
    for line in lines:
        text = clean(line.text)
        if not text or is_contact(line.text):
            if current:
                paras.append((current, block_start))
                current = ""
            if not text:
                block_start = True
            continue
        if current and (current[-1] in SENTENCE_END or MARKER.match(text) or heading_like(current)):
            paras.append((current, block_start))
            current, block_start = text, False
            continue
        if not current:
            current = text
        else:
            current += text
            continue
    if current:
        paras.append((current, block_start))
    out: list[str] = []
    for text, starts in paras:
        if out and starts and broken(out[-1]) and not MARKER.match(text):
            out[-1] += text
        else:
            out.append(text)
    return out


def heading_like(text: str) -> bool:
    return bool(MARKER.match(text)) and len(text) <= SHORT_HEADING and not any(c in text for c in "。；，")


def broken(text: str) -> bool:
    """A paragraph cut off mid-sentence: long and without closing punctuation."""
    return len(text) >= LONG and text[-1] not in SENTENCE_END and not heading_like(text)


def contact_of(texts: list[str]) -> tuple[str | None, str | None]:
    name = phone = None
    for text in texts:
        t = unicodedata.normalize("NFKC", text)
        if name is None and (m := CONTACT_NAME.search(t)):
            name = m.group(1)
        if phone is None and (m := CONTACT_PHONE.search(t)):
            phone = m.group(1).strip()
    return name, phone


def year_in(text: str) -> int | None:
    """The report year stated in the text: ``本年（2021）``, the statistics period, or the year named most often."""
    t = unicodedata.normalize("NFKC", text)
    if m := re.search(r"本年\s*\(\s*((?:19|20)\d\d)\s*\)", t):
        return int(m.group(1))
    if m := re.search(r"统计期限[^。]{0,12}?((?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日", t):
        return int(m.group(1))
    years = re.findall(r"((?:19|20)\d\d)\s*年", t)
    if not years:
        return None
    counts: dict[str, int] = {}
    for y in years:
        counts[y] = counts.get(y, 0) + 1
    return int(max(counts, key=lambda y: (counts[y], -int(y))))
