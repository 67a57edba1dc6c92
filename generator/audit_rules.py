"""Checks third-party evaluators make on any report's words: last year's date left in, an empty part 五, an outdated notice."""

from __future__ import annotations

import re
import unicodedata

from .codes.audit import AUDIT_OLD_NOTICE, AUDIT_PART_EMPTY, AUDIT_YEAR
from .findings import Finding
from .formats import FORMATS, Format, format_for_year
from .report import Report

# A year printed where a report states its own year: at the start of a sentence ("2023年，本机关…", "2023年度我局…"),
# as the date the figures run to ("截至2023年12月31日"), or in the statistics period. A year that is compared with
# ("较2023年", "比上年", "与2023年相比"), carried over from ("2023年结转") or promised ("将于2025年") is not one.
SENTENCE_START = r"(?:^|(?<=[。；;！？!?\n]))\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）)?\s*"
OWN_YEAR = (
    re.compile(SENTENCE_START + r"(?P<year>(?:19|20)\d\d)\s*年度?\s*(?:[，,]|以来|全年|共|我|本|各)"),
    re.compile(r"截至\s*(?P<year>(?:19|20)\d\d)\s*年\s*12\s*月\s*31\s*日"),
    re.compile(r"统计期限自\s*(?P<year>(?:19|20)\d\d)\s*年\s*1\s*月\s*1\s*日"),
)
COMPARED = re.compile(r"(?:较|比|与|同|对比|相比|较之|上年|去年|结转)\s*$")
EMPTY_WORDS = {"无", "无。", "暂无", "暂无。", "没有", "无相关情况", "无相关情况。"}  # empty text is TEXT-REQUIRED already
EXCERPT = 30
IDEOGRAPH_RUNS = re.compile(r"([\u4e00-\u9fff]+)")  # CJK unified ideographs: NFKC neither changes them nor joins them to a neighbour
JOINER = "\x00"  # NFKC leaves it alone, joins it to nothing and yields it from nothing else


def flat(text: str) -> str:
    """Brackets and widths unified, so that 〔2019〕, [2019] and（2019）compare equal."""
    return re.sub(r"[\s〔〕\[\]【】()（）]", "", nfkc(text))


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, but Chinese text costs little: the runs of ideographs are kept as they
    are and the rest is normalized in one call (Python's normalizer is slow on long text mixing both)."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    if JOINER in text:
        return unicodedata.normalize("NFKC", text)
    pieces = IDEOGRAPH_RUNS.split(text)  # the rest, a run of ideographs, the rest, … , the rest
    pieces[::2] = unicodedata.normalize("NFKC", JOINER.join(pieces[::2])).split(JOINER)
    return "".join(pieces)


def year_findings(report: Report, fmt: Format, year: int) -> list[Finding]:
    """A year before the report year where the report states its own year: the copy-last-year symptom."""
    out: list[Finding] = []
    for part in fmt.parts:
        text = getattr(report.text, part.key, "") or ""
        for pattern in OWN_YEAR:
            for m in pattern.finditer(text):
                written = int(m.group("year"))
                if written >= year or COMPARED.search(text[max(0, m.start("year") - 4) : m.start("year")]):
                    continue
                excerpt = text[m.start("year") : m.start("year") + EXCERPT].split("\n")[0]
                out.append(
                    AUDIT_YEAR(
                        cell=f"text.{part.key}",
                        expected=year,
                        actual=written,
                        part=f"“{part.heading}”",
                        written=f"{written}年",
                        year=year,
                        excerpt=f"“{excerpt}…”",
                    )
                )
                break
            else:
                continue
            break
    return out


def empty_part_findings(report: Report, fmt: Format) -> list[Finding]:
    """Part 五 (the problems and their remedies) saying only “无”."""
    part = next((p for p in fmt.parts if p.key == "problems"), None)
    if part is None:
        return []
    text = re.sub(r"\s+", "", getattr(report.text, part.key, "") or "")
    if text not in EMPTY_WORDS:
        return []
    return [AUDIT_PART_EMPTY(cell=f"text.{part.key}", heading=part.heading, state=f"只写了“{text}”")]


def notice_findings(report: Report, year: int) -> list[Finding]:
    """The report cites the notice of a format version other than the one its year requires."""
    right = format_for_year(year)
    words = [report.title or "", report.preface if report.preface != "auto" else ""]
    words += [getattr(report.text, part.key, "") or "" for part in right.parts]
    text = flat("\n".join(words))
    if flat(right.notice) in text:
        return []
    for fmt in FORMATS.values():
        if fmt.version != right.version and flat(fmt.notice) in text:
            return [AUDIT_OLD_NOTICE(year=year, right=right.notice, wrong=fmt.notice, expected=right.notice, actual=fmt.notice)]
    return []


def text_findings(report: Report) -> list[Finding]:
    """Every evaluator check on the report's words (warnings: they never stop a build)."""
    if report.year is None:
        return []  # no year to compare with: YEAR-REQUIRED says so
    fmt = FORMATS.get(report.format) or format_for_year(report.year)
    return [*year_findings(report, fmt, report.year), *empty_part_findings(report, fmt), *notice_findings(report, report.year)]
