"""Each unit counted once: the same file, the same content or the same agency and year given twice, and roster units left out."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..codes.collect import AGGREGATE_DUPLICATE
from ..findings import Finding, Source
from .inbox import ACCEPTED_FOLDER, STATUS_FILE, Received
from .roster import Roster, Unit, normalise

NOT_GIVEN = "输入中没有该单位的报告"


def identity(path: Path) -> tuple[int, int] | str:
    """The file on disk (device and inode), so that two spellings of one file are one file."""
    try:
        stat = os.stat(path)
    except OSError:
        return str(path.resolve())
    return (stat.st_dev, stat.st_ino)


def repeated(received: Sequence[Received], units: Sequence[Unit | None] = ()) -> list[Finding]:
    """One AGGREGATE-DUPLICATE finding per group of inputs that are one file, one content, or one agency's report of one
    year, or (``units``: the roster unit each input was matched to) one roster unit's; a group found by a stronger key
    is not reported again by a weaker one."""
    findings: list[Finding] = []
    reported: set[int] = set()
    unit_of = dict(zip((id(r) for r in received), units, strict=False))
    keys: tuple[tuple[str, Callable[[Received], object]], ...] = (
        ("同一个文件给出了多次", lambda r: identity(r.path)),
        ("内容完全相同的文件", lambda r: r.digest or None),
        ("同一机关同一年度的报告有多份", lambda r: (normalise(r.report.agency), r.report.year) if r.report and r.report.agency else None),
        ("名单上同一单位的报告有多份", lambda r: (u.name, r.report.year) if (u := unit_of.get(id(r))) and r.report else None),
    )
    for why, key in keys:
        groups: dict[object, list[int]] = {}
        for index, item in enumerate(received):
            value = key(item)
            if value is not None:
                groups.setdefault(value, []).append(index)
        for members in groups.values():
            if len(members) < 2 or set(members) <= reported:
                continue
            reported.update(members)
            files = "、".join(str(received[i].path) for i in members)
            findings.append(AGGREGATE_DUPLICATE(source=Source(file=str(received[members[0]].path)), why=why, files=files))
    return findings


def collect_states(folders: Sequence[Path]) -> dict[str, str]:
    """Each unit's 状态 in the 提交情况 of the collect output folders given, or whose 已采用 is given (empty for other
    folders)."""
    states: dict[str, str] = {}
    for given in folders:
        folder = given.resolve().parent if given.resolve().name == ACCEPTED_FOLDER else given
        status = folder / STATUS_FILE
        if not (folder / ACCEPTED_FOLDER).is_dir() or not status.is_file():
            continue
        from openpyxl import load_workbook

        from .status import NAME, SHEET, STATE

        try:
            book = load_workbook(status, read_only=True)
            sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
            rows = [tuple("" if v is None else str(v) for v in row) for row in sheet.iter_rows(values_only=True)]
        except Exception:  # an unreadable 提交情况 only costs the reasons, never the sum
            continue
        header = next((r for r in rows if NAME in r and STATE in r), None)
        if header is None:
            continue
        name, state = header.index(NAME), header.index(STATE)
        for row in rows[rows.index(header) + 1 :]:
            if len(row) > max(name, state) and row[name]:
                states.setdefault(normalise(row[name]), row[state])
    return states


def left_out(roster: Roster, units: Sequence[Unit], categories: Sequence[str], states: dict[str, str]) -> list[tuple[Unit, str]]:
    """Roster units of the chosen categories (all when none) that are not among ``units``, each with its reason."""
    counted = {normalise(u.name) for u in units}
    out = []
    for unit in roster.units:
        if categories and unit.category not in categories:
            continue
        key = normalise(unit.name)
        if key not in counted:
            state = states.get(key)
            out.append((unit, f"提交情况为“{state}”" if state else NOT_GIVEN))
    return out
