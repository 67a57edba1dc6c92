"""``reportgen audit``: every published report in a folder checked, with last year's report of the same agency when given."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cells import place
from .codes import REGISTRY
from .codes.audit import AUDIT_COPIED, AUDIT_NOT_REPORT, AUDIT_UNREADABLE
from .codes.published import IMPORT_UNCHECKED
from .errors import InputError
from .export import csv_safe
from .findings import Finding, Source
from .formats import FORMATS, format_for_year
from .readers.published.assemble import NOT_A_REPORT_PREFIX
from .readers.published.coverage import TableCoverage
from .report import ReadResult, Report
from .title import PLACE_SUFFIX

PUBLISHED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".yaml", ".yml", ".xlsx")  # published reports, and reportgen inputs
PUBLISHED_ONLY = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")  # inputs read back from print, whose cells may be lost
COPIED = 0.8  # a part this similar to last year's is reported as copied
MIN_PART = 40  # parts shorter than this (a heading, “无。”) say too little to compare
FINDING_HEADER = ("文件", "机关", "年度", "代码", "严重程度", "位置", "说明", "应为", "实为", "核对情况")
CHECKED_WRONG = "核对不符"  # a rule was checked on cells read from the report and does not hold
UNCHECKED = "未能核对"  # rules left unchecked because cells they involve were not read (IMPORT-UNCHECKED)
READING = "读取提示"  # what reading the document met: a row not found, a blank, a label read by likeness
REPORT_HEADER = (
    "文件",
    "机关",
    "年度",
    "格式版本",
    "年度要求的格式版本",
    "使用了年度要求的模板",
    "表格单元格读取率",
    "错误数",
    "警告数",
    "上年报告",
    "与上年正文相似度",
    "未能核对的规则数",
)
REPORT_KEYS = ("file", "agency", "year", "format", "required_format")  # the first columns of REPORT_HEADER, in --json
Progress = Callable[[int, int, Path], None]


@dataclass
class Audited:
    """One report of the folder: what was read, every finding, and how it compares with last year."""

    file: Path
    result: ReadResult | None
    findings: list[Finding] = field(default_factory=list)
    previous: Path | None = None
    similarity: float | None = None

    @property
    def report(self) -> Report | None:
        return self.result.report if self.result else None


def published_files(folder: Path, skip: Sequence[Path] = ()) -> list[Path]:
    """The published reports under ``folder`` at any depth, in a stable order (hidden and Office lock files, and the
    files in ``skip`` — the audit's own outputs from an earlier run — passed over)."""
    from .fileio import PathIndex
    from .walk import files_under

    if not folder.is_dir():
        raise InputError("不是一个文件夹", str(folder))
    own = PathIndex(skip)
    found = [
        p
        for p in files_under(folder)
        if p.suffix.lower() in PUBLISHED
        and not any(part.startswith((".", "~$")) for part in p.relative_to(folder).parts)
        and own.find(p) is None
    ]
    if not found:
        raise InputError(f"文件夹中没有可检查的报告（{'、'.join(PUBLISHED)}）", str(folder))
    return found


def agency_key(name: str) -> str:
    """An agency's name compared across years: widths, spaces and punctuation ignored."""
    text = unicodedata.normalize("NFKC", name)
    return re.sub(r"[\s\W_]+", "", text)


# a name that begins with a place (洪泽区人民政府), and one or more places before it (淮安市, 江苏省淮安市)
PLACE = rf"[\u4e00-\u9fff]{{1,10}}?(?:{PLACE_SUFFIX.pattern})"
PLACED = re.compile(rf"^{PLACE}")
PLACES = re.compile(rf"^(?:{PLACE})+$")


def with_higher_places(long: str, short: str) -> bool:
    """Whether ``long`` is ``short``, itself beginning with a place, with higher places written before it."""
    return long.endswith(short) and bool(PLACED.match(short)) and bool(PLACES.match(long[: -len(short)]))


def previous_report(index: dict[tuple[str, int | None], Audited], key: str, year: int) -> Audited | None:
    """The agency's report of ``year``: the same name, else the one name that is this one with higher places written
    before it or left out (淮安市洪泽区人民政府, 洪泽区人民政府; never a guess between two)."""
    if (key, year) in index:
        return index[(key, year)]
    found = [
        item
        for (other, other_year), item in index.items()
        if other_year == year and other != key and (with_higher_places(other, key) or with_higher_places(key, other))
    ]
    return found[0] if len(found) == 1 else None


def read(path: Path) -> tuple[ReadResult | None, str | None]:
    from .pipeline import read_input

    try:
        return read_input(path), None
    except InputError as exc:
        return None, exc.message


def ratio(a: str, b: str) -> float:
    """2·(longest common subsequence)/(total length), in time bounded by len(a)·len(b)/64 (rapidfuzz's Indel)."""
    from rapidfuzz.distance import Indel

    return float(Indel.normalized_similarity(a, b))


def similarity(this: Report, last: Report) -> tuple[float, list[tuple[str, float]]]:
    """How much of this year's narrative repeats last year's, overall and per part long enough to compare."""
    fmt = FORMATS[this.format]
    parts: list[tuple[str, float]] = []
    for part in fmt.parts:
        a = re.sub(r"\s+", "", getattr(this.text, part.key, "") or "")
        b = re.sub(r"\s+", "", getattr(last.text, part.key, "") or "")
        if len(a) >= MIN_PART and len(b) >= MIN_PART:
            parts.append((part.heading, ratio(a, b)))
    whole_a = re.sub(r"\s+", "", "".join(getattr(this.text, p.key, "") or "" for p in fmt.parts))
    whole_b = re.sub(r"\s+", "", "".join(getattr(last.text, p.key, "") or "" for p in fmt.parts))
    whole = ratio(whole_a, whole_b) if whole_a and whole_b else 0.0
    return whole, parts


def read_all(files: Sequence[Path], progress: Progress | None = None) -> list[Audited]:
    """Every file read on every core, in order; a file over the time limit (or whose worker died) gets
    INPUT-TIMEOUT (INPUT-CRASHED) and the others go on."""
    from .parallel import pmap
    from .pipeline import given_up, warm_up

    warm_up(len(files))
    if len(files) > 2:  # forked workers start with the readers loaded
        from .readers import published  # noqa: F401

        if any(p.suffix.lower() == ".pdf" for p in files):
            from .readers.published.pdf import preload

            preload()
    out: list[Audited] = []
    per_path = None if progress is None else lambda i, n, path: progress(i, n, path)
    for done in pmap(read, list(files), progress=per_path):
        path = done.item
        if done.result is None:
            out.append(Audited(path, None, list(given_up(path, crashed=done.crashed).findings)))
            continue
        result, reason = done.result
        item = Audited(path, result)
        if result is None or result.report is None:
            code = AUDIT_NOT_REPORT if reason and reason.startswith(NOT_A_REPORT_PREFIX) else AUDIT_UNREADABLE
            item.findings.append(code(source=Source(file=str(path)), reason=reason or "未能识别出报告内容"))
        out.append(item)
    return out


def audit(folder: Path, previous_dir: Path | None = None, progress: Progress | None = None, skip: Sequence[Path] = ()) -> list[Audited]:
    """Read and check every report in ``folder`` (on every core, each within the time limit); pair each with the same
    agency's report of the year before (from ``previous_dir``, else from the folder itself) for the carry-over and
    copied-text checks. ``skip``: the audit's own outputs, never read as reports."""
    from .validate import validate

    out = read_all(published_files(folder, skip), progress)
    pool = list(out)
    if previous_dir is not None:
        pool = read_all(published_files(previous_dir, skip))
    index = {(agency_key(a.report.agency), a.report.year): a for a in pool if a.report is not None and a.report.agency}
    for item in out:
        report = item.report
        if report is None or item.result is None:
            continue
        last = previous_report(index, agency_key(report.agency), report.year - 1) if report.year is not None else None
        item.findings += item.result.findings
        seen = {(f.code, f.cell) for f in item.findings}
        previous = last.report if last is not None else None
        for finding in validate(report, item.result.sources, previous=previous, file=str(item.file), read=item.result.read):
            if (finding.code, finding.cell) not in seen:
                item.findings.append(finding)
        if last is not None and previous is not None:
            item.previous = last.file
            item.similarity, parts = similarity(report, previous)
            item.findings += [
                AUDIT_COPIED(cell="text", actual=round(ratio, 3), part=f"“{heading}”", ratio=ratio, threshold=COPIED)
                for heading, ratio in parts
                if ratio >= COPIED
            ]
        item.findings = [f if f.source else f.model_copy(update={"source": Source(file=str(item.file))}) for f in item.findings]
    return out


def where(finding: Finding, report: Report | None) -> str:
    """The finding's place: the cell or part it names, and the line or sheet cell in the file."""
    parts: list[str] = []
    fmt = FORMATS[report.format] if report is not None else None
    cell = finding.cell or ""
    if fmt is not None and cell in fmt.cells():
        parts.append(place(fmt.cells()[cell]))
    elif fmt is not None and cell.startswith("text."):
        key = cell.removeprefix("text.")
        parts.append(next((f"“{p.heading}”" for p in fmt.parts if p.key == key), cell))
    elif cell:
        parts.append(cell)
    if finding.source is not None:
        detail = finding.source.model_copy(update={"file": None}).describe()
        if detail:
            parts.append(detail)
    return " ".join(parts)


def text_of(value: object) -> str:
    return "" if value is None else str(value)


def finding_rows(items: list[Audited], base: Path) -> list[tuple[str, ...]]:
    """One row per finding: 文件, 机关, 年度, 代码, 严重程度, 位置, 说明, 应为, 实为."""
    rows: list[tuple[str, ...]] = []
    for item in items:
        report = item.report
        name = relative(item.file, base)
        for f in item.findings:
            rows.append(
                (
                    name,
                    report.agency if report else "",
                    text_of(report.year) if report else "",
                    f.code,
                    "错误" if f.severity == "error" else "警告",
                    where(f, report),
                    f.message,
                    text_of(f.expected),
                    text_of(f.actual),
                    checked(f),
                )
            )
    return rows


def read_rate(cov: list[TableCoverage]) -> str:
    """``186/200（93%）``, naming the tables not found or less than half read: ``10/200（5%；表三、表四未找到）``."""
    placed, expected = sum(c.placed for c in cov), sum(c.expected for c in cov)
    if not expected:
        return ""
    missing = "、".join(c.name for c in cov if c.placed == 0)
    short = "、".join(c.name for c in cov if c.placed and not c.enough)
    notes = [f"{missing}未找到"] * bool(missing) + [f"{short}不足一半"] * bool(short)
    return f"{placed}/{expected}（{placed / expected:.0%}{'；' + '，'.join(notes) if notes else ''}）"


def checked(finding: Finding) -> str:
    """核对情况 of a finding: checked and wrong, could not be checked, or a note on reading the document."""
    if finding.code == IMPORT_UNCHECKED.id:
        return UNCHECKED
    code = REGISTRY.get(finding.code)
    return READING if code is not None and code.area in ("import", "reading") else CHECKED_WRONG


def unchecked_rules(findings: list[Finding]) -> int:
    """The rules named in IMPORT-UNCHECKED findings (each carries its table's count as ``actual``)."""
    return sum(f.actual for f in findings if f.code == IMPORT_UNCHECKED.id and isinstance(f.actual, int))


def report_rows(items: list[Audited], base: Path) -> list[tuple[object, ...]]:
    """One row per report: agency, year, format, the template its year requires, cells read, findings, last year's likeness."""
    from .readers.published import coverage

    rows: list[tuple[object, ...]] = []
    for item in items:
        report = item.report
        errors = sum(f.severity == "error" for f in item.findings)
        warnings = len(item.findings) - errors
        if report is None or item.result is None:
            rows.append((relative(item.file, base), "", "", "", "", "", "", errors, warnings, "", "", ""))
            continue
        required = format_for_year(report.year).version if report.year is not None else ""
        cov = coverage(item.result) if item.file.suffix.lower() in PUBLISHED_ONLY else []
        rows.append(
            (
                relative(item.file, base),
                report.agency,
                report.year,
                report.format,
                required,
                "是" if report.format == required else "否",
                read_rate(cov),
                errors,
                warnings,
                relative(item.previous, base) if item.previous else "",
                f"{item.similarity:.0%}" if item.similarity is not None else "",
                unchecked_rules(item.findings),
            )
        )
    return rows


def csv_text(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with text a spreadsheet would run as a formula escaped as ``reportgen export`` does; the caller adds the BOM."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([[csv_safe(text_of(v)) for v in row] for row in rows])
    return buffer.getvalue()


def relative(path: Path, base: Path) -> str:
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def audit_targets(target: Path) -> list[Path]:
    """The files a 问题清单 at ``target`` consists of: the .xlsx, or the findings .csv and the per-report .csv beside it."""
    if target.suffix.lower() == ".xlsx":
        return [target]
    return [target, target.with_name(f"{target.stem}-报告汇总{target.suffix}")]


def earlier_outputs(targets: Sequence[Path]) -> list[Path]:
    """The targets that hold a 问题清单 written by an earlier audit (not a report): those are not read as inputs."""
    import zipfile

    own: list[Path] = []
    for target in targets:
        try:
            if target.suffix.lower() == ".xlsx":
                with zipfile.ZipFile(target) as archive:
                    book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
                mine = all(f'name="{name}"' in book for name in ("问题清单", "报告汇总"))
            else:
                with target.open("rb") as stream:
                    first = stream.readline(4096).decode("utf-8-sig", "replace").strip()
                mine = first in (",".join(FINDING_HEADER), ",".join(REPORT_HEADER))
        except (OSError, KeyError, zipfile.BadZipFile, ValueError):
            mine = False
        if mine:
            own.append(target)
    return own


def audit_outputs(items: list[Audited], base: Path, target: Path) -> dict[Path, Callable[[Path], None]]:
    """A writer per file of the 问题清单 (see :func:`audit_targets`), for the caller to write all or none."""
    findings, reports = finding_rows(items, base), report_rows(items, base)
    if target.suffix.lower() == ".xlsx":
        from .workbook.sheets import write_sheets

        def workbook(tmp: Path) -> None:
            write_sheets(tmp, [("问题清单", FINDING_HEADER, findings), ("报告汇总", REPORT_HEADER, reports)])

        return {target: workbook}

    def csv_writer(header: Sequence[str], rows: Sequence[Sequence[object]]) -> Callable[[Path], None]:
        def write(tmp: Path) -> None:
            tmp.write_bytes(("\ufeff" + csv_text(header, rows)).encode("utf-8"))

        return write

    first, beside = audit_targets(target)
    return {first: csv_writer(FINDING_HEADER, findings), beside: csv_writer(REPORT_HEADER, reports)}


def audit_json(items: list[Audited], base: Path, written: list[Path]) -> dict[str, Any]:
    """What ``audit --json`` prints: every report, every finding with its file, the counts, the files written."""
    errors = sum(f.severity == "error" for item in items for f in item.findings)
    warnings = sum(len(item.findings) for item in items) - errors
    return {
        "reports": [dict(zip(REPORT_KEYS, row[:5], strict=True)) for row in report_rows(items, base)],
        "findings": [{"file": str(item.file), **f.model_dump(mode="json")} for item in items for f in item.findings],
        "summary": {"reports": len(items), "errors": errors, "warnings": warnings},
        "written": [str(p) for p in written],
    }
