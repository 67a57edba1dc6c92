"""The 下一步 column of 提交情况: what the office does next for each unit, with the file it needs where there is one."""

from __future__ import annotations

from ..findings import Finding
from .collect import (
    DUPLICATE,
    ERRORS,
    MISSING,
    NOT_ON_ROSTER,
    PASSED,
    UNREADABLE,
    WARNINGS,
    WRONG_YEAR,
    Collection,
    Entry,
)
from .outputs import REPORTS, RETURN_SUFFIX, RETURNS

WARNINGS_NAMED = 2  # warnings named in the step; the rest are counted


def next_step(entry: Entry, collection: Collection, built: bool) -> tuple[str, str | None]:
    """The step in a sentence, and the output file it points to (a path relative to the output folder), if any."""
    stem = collection.stems.get(entry.name, entry.name)
    if entry.state == ERRORS and entry.unit is not None and entry.used is not None:
        suffix = ".xlsx" if entry.used.path.suffix.lower() in (".xlsx", ".xlsm") else ".txt"
        link = f"{RETURNS}/{stem}{RETURN_SUFFIX}{suffix}"
        return f"退回：把 {link} 发给单位，改正后重交", link
    if entry.state == DUPLICATE:
        files = "、".join(p.name for p in entry.files)
        return f"重复提交：与单位确认用哪一份，从收件箱删去其余的（{files}），再运行 collect", None
    if entry.state == MISSING:
        unit = entry.unit
        who = "、".join(x for x in (unit.contact, unit.phone) if x) if unit is not None else ""
        return "催报" + (f"：联系 {who}" if who else ""), None
    if entry.state == UNREADABLE:
        return "请单位在 Excel 或 WPS 中另存为 .xlsx 后重交", None
    if entry.state == WRONG_YEAR:
        return f"请单位提交 {collection.year} 年度的报告", None
    if entry.state == NOT_ON_ROSTER:
        return "核对机关名称：若是名单中的单位，请单位改正文件中的机关名称；若应报送，把它加入名单", None
    if entry.state in (PASSED, WARNINGS):
        report = f"{REPORTS}/{stem}.html" if built and entry.unit is not None else None
        if entry.state == PASSED:
            return ("已采用；查看报告" if report else "已采用"), report
        warned = [f for f in entry.findings if f.severity == "warning"]
        places = list(dict.fromkeys(_where(f) for f in warned if _where(f)))
        shown = "、".join(places[:WARNINGS_NAMED]) + (f" 等 {len(places)} 处" if len(places) > WARNINGS_NAMED else "")
        look = f"请核对 {shown} 的警告（见主要问题）" if shown else "请核对主要问题中的警告"
        return f"已采用；{look}", report
    return "", None


def _where(finding: Finding) -> str:
    """The sheet and cell of a finding, for a unit's own workbook (its file name is the row's)."""
    source = finding.source
    if source is None or not source.sheet:
        return ""
    return f"{source.sheet}!{source.ref}" if source.ref else source.sheet
