"""``reportgen collect``: every roster unit's state from the inbox, then the summary, returns, data and reports."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..codes.collect import COLLECT_DUPLICATE, COLLECT_NOT_ON_ROSTER, COLLECT_YEAR
from ..errors import InputError
from ..findings import Finding, FindingCounts, Source
from ..formats import FORMATS
from ..report import Report
from .inbox import Received, accepted_folder, receive_all, scan
from .match import Matcher
from .names import unit_file_names
from .roster import Roster, Unit, normalise

PASSED, WARNINGS, ERRORS, MISSING, UNREADABLE, DUPLICATE, NOT_ON_ROSTER, WRONG_YEAR = (
    "通过",
    "有警告",
    "有错误",
    "未提交",
    "无法读取",
    "重复提交",
    "不在名单",
    "年度不符",
)
STATES = (PASSED, WARNINGS, ERRORS, MISSING, UNREADABLE, DUPLICATE, NOT_ON_ROSTER, WRONG_YEAR)
ACCEPTED = (PASSED, WARNINGS)
PROBLEMS_SHOWN = 3  # findings quoted in 主要问题
PROBLEMS_CHARS = 300
Progress = Callable[[int, int, Path], None]


@dataclass
class Entry(FindingCounts):
    """One row of 提交情况: a roster unit (or an extra file), its state, the file used and what was found."""

    number: int
    name: str
    category: str
    state: str
    files: list[Path] = field(default_factory=list)
    used: Received | None = None
    findings: list[Finding] = field(default_factory=list)
    reason: str = ""  # why a file could not be read
    unit: Unit | None = None

    @property
    def report(self) -> Report | None:
        return self.used.report if self.used is not None else None

    def problems(self) -> str:
        """The main problems in a sentence or two: the reason, else the first errors, else the first warnings."""
        if self.reason:
            return self.reason
        chosen = [f for f in self.findings if f.severity == "error"] or self.findings
        text = "；".join(f.message for f in chosen[:PROBLEMS_SHOWN])
        if len(chosen) > PROBLEMS_SHOWN:
            text += f"；等共 {len(chosen)} 项"
        return text if len(text) <= PROBLEMS_CHARS else text[:PROBLEMS_CHARS] + "…"

    def figures(self) -> dict[str, Decimal | int | None]:
        """The key figures of the file used, by figure key (None where its format has no such figure)."""
        report = self.report
        if report is None or self.state in (UNREADABLE, DUPLICATE):
            return {}
        from ..values import key_figure_values

        return dict(key_figure_values(report))


@dataclass
class Collection:
    """What ``collect`` found and wrote; ``--json`` prints :meth:`as_json`."""

    year: int | None
    year_inferred: bool
    roster: Roster
    entries: list[Entry] = field(default_factory=list)
    locks: list[Path] = field(default_factory=list)
    own: list[Path] = field(default_factory=list)  # collect's own outputs found in the inbox, not submissions
    superseded: list[Path] = field(default_factory=list)  # .xls beside the same file as .xlsx: the .xlsx is used
    stems: dict[str, str] = field(default_factory=dict)  # unit name → its file name stem (see .names)
    government: str = ""  # named on the index page; empty: the roster's 本级 unit
    files: int = 0
    written: list[Path] = field(default_factory=list)
    replaced: bool = False  # the output folder held this command's outputs from an earlier run, now replaced

    def counts(self) -> dict[str, int]:
        on_roster = [e for e in self.entries if e.unit is not None]
        counts = Counter(e.state for e in on_roster)
        return {
            "应交": len(on_roster),
            "已交": len(on_roster) - counts[MISSING],
            **{s: counts[s] for s in STATES if s != NOT_ON_ROSTER},
        } | {NOT_ON_ROSTER: sum(e.state == NOT_ON_ROSTER for e in self.entries)}

    def summary(self) -> str:
        """``应交 12，已交 11，通过 8，…``: the states that occur, in a fixed order."""
        counts = self.counts()
        shown = ["应交", "已交", PASSED] + [s for s in STATES if s != PASSED and counts.get(s)]
        return "，".join(f"{k} {counts[k]}" for k in shown)

    @property
    def exit_code(self) -> int:
        return 0 if all(e.state in ACCEPTED for e in self.entries if e.unit is not None) else 1

    def as_json(self) -> dict[str, Any]:
        return {
            "year": self.year,
            "year_inferred": self.year_inferred,
            "summary": self.counts(),
            "files": self.files,
            "skipped_lock_files": [str(p) for p in self.locks],
            "skipped_own_outputs": [str(p) for p in self.own],
            "skipped_old_format": [str(p) for p in self.superseded],
            "file_names": self.stems,
            "units": [
                {
                    "number": e.number,
                    "name": e.name,
                    "category": e.category,
                    "state": e.state,
                    "files": [str(p) for p in e.files],
                    "errors": e.errors,
                    "warnings": e.warnings,
                    "problems": e.problems(),
                    "figures": {k: _plain(v) for k, v in e.figures().items()},
                    "findings": [f.model_dump(mode="json") for f in e.findings],
                }
                for e in self.entries
            ],
            "written": [str(p) for p in self.written],
        }


def _plain(value: Decimal | int | None) -> float | int | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def collect(
    inbox: Path,
    roster: Roster,
    out_dir: Path,
    *,
    year: int | None = None,
    build: bool = False,
    previous_dir: Path | None = None,
    government: str = "",
    progress: Progress | None = None,
) -> Collection:
    """Read the inbox, give every roster unit its state, and write the outputs (see :mod:`.outputs`); ``government``
    names the government on the index page (default: the roster's 本级 unit)."""
    check_roster(roster)
    check_year(year)
    from ..outputs import check_folder

    check_folder(out_dir)
    check_apart(inbox, out_dir)
    found = scan(inbox, skip=[out_dir])
    received = receive_all(found.files, progress=progress, keep_sources=previous_dir is not None)
    previous = last_year(previous_dir, skip=[out_dir, inbox]) if previous_dir is not None else {}
    chosen_year = year if year is not None else common_year(received)
    collection = Collection(chosen_year, year is None, roster, locks=found.locks, files=len(found.files))
    collection.own, collection.superseded = found.own, found.superseded
    collection.stems = unit_file_names(u.name for u in roster.units)
    collection.government = government.strip()
    collection.entries = entries(received, roster, chosen_year, previous)
    from .outputs import STATUS, write_outputs

    collection.replaced = (out_dir / f"{STATUS}.xlsx").exists()
    collection.written = write_outputs(collection, out_dir, build=build)
    return collection


def check_roster(roster: Roster) -> None:
    """A roster with errors, or with no unit at all, is refused before anything is read."""
    if roster.findings:
        raise InputError("名单有错误，请先改正：" + "；".join(f.line() for f in roster.findings), roster.file)
    if not roster.units:
        raise InputError("名单中没有任何单位：请在列名下面每行填写一个应报送的单位", roster.file)


def check_year(year: int | None) -> None:
    """``--year`` within the years a format exists for (the same limits as ``template``)."""
    from ..formats import FIRST_YEAR, LAST_YEAR

    if year is not None and not FIRST_YEAR <= year <= LAST_YEAR:
        raise InputError(f"--year 的值“{year}”不在{FIRST_YEAR}至{LAST_YEAR}年之间")


def check_apart(inbox: Path, out_dir: Path) -> None:
    """Refuse an output folder that is the inbox, holds it, or lies inside it: outputs would be read as submissions."""
    a, b = inbox.resolve(), out_dir.resolve()
    if a == b:
        raise InputError("输出目录就是收件箱：请用 -o 指定收件箱以外的目录", str(out_dir))
    if b.is_relative_to(a):
        raise InputError(f"输出目录在收件箱“{inbox}”之内：请用 -o 指定收件箱以外的目录", str(out_dir))
    if a.is_relative_to(b):
        raise InputError(f"收件箱“{inbox}”在输出目录之内：请用 -o 指定收件箱以外的目录", str(out_dir))


def common_year(received: list[Received]) -> int | None:
    """The year most readable files carry (the later one on a tie)."""
    years = Counter(r.report.year for r in received if r.report is not None and r.report.year)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def last_year(folder: Path, skip: list[Path]) -> dict[str, tuple[Report, dict[str, Source]]]:
    """Last year's readable reports under ``folder``, by normalised agency (the first file wins)."""
    out: dict[str, tuple[Report, dict[str, Source]]] = {}
    for r in receive_all(scan(accepted_folder(folder), skip=skip).files, keep_sources=True):
        if r.report is not None and r.report.agency.strip():
            out.setdefault(normalise(r.report.agency), (r.report, r.sources))
    return out


def entries(
    received: list[Received], roster: Roster, year: int | None, previous: dict[str, tuple[Report, dict[str, Source]]]
) -> list[Entry]:
    """One entry per roster unit in roster order, then one per file matching no unit."""
    matcher = Matcher(roster)
    by_unit: dict[str, list[tuple[Received, Finding | None]]] = {u.name: [] for u in roster.units}
    extras: list[Entry] = []
    for r in received:
        match = matcher.match(r)
        if match.unit is not None:
            by_unit[match.unit.name].append((r, match.warning))
        elif r.report is None:
            extras.append(Entry(0, r.path.stem, "", UNREADABLE, [r.path], r, reason=r.unreadable or ""))
        else:
            agency = r.report.agency.strip() or "（未填写机关名称）"
            finding = COLLECT_NOT_ON_ROSTER(source=Source(file=str(r.path)), agency=agency)
            extras.append(Entry(0, agency, "", NOT_ON_ROSTER, [r.path], r, [finding, *r.findings]))
    out = [unit_entry(n, unit, by_unit[unit.name], year, previous) for n, unit in enumerate(roster.units, 1)]
    for n, extra in enumerate(extras, len(out) + 1):
        extra.number = n
        out.append(extra)
    return out


def unit_entry(
    number: int,
    unit: Unit,
    files: list[tuple[Received, Finding | None]],
    year: int | None,
    previous: dict[str, tuple[Report, dict[str, Source]]],
) -> Entry:
    """The entry of one roster unit from the files matched to it."""
    entry = Entry(number, unit.name, unit.category, MISSING, [r.path for r, _ in files], unit=unit)
    if not files:
        return entry
    if len({r.digest for r, _ in files}) > 1:
        listed = "、".join(str(r.path) for r, _ in files)
        entry.state = DUPLICATE
        entry.findings = [COLLECT_DUPLICATE(source=Source(file=str(files[0][0].path)), unit=unit.name, count=len(files), files=listed)]
        return entry
    used, warning = files[0]  # identical copies: the first stands for all
    entry.used = used
    if used.report is None:
        entry.state, entry.reason = UNREADABLE, used.unreadable or ""
        return entry
    if used.report.agency != unit.name:  # the roster is the one truth for a unit's name: published, listed and exported so
        used.report = under_roster_name(used.report, unit.name)
    entry.findings = ([warning] if warning else []) + used.findings + cross_year(used, unit, previous)
    if year is not None and used.report.year != year:
        entry.findings.insert(
            0, COLLECT_YEAR(source=Source(file=str(used.path)), expected=year, actual=used.report.year, wanted=year, found=used.report.year)
        )
        entry.state = WRONG_YEAR
    else:
        entry.state = ERRORS if entry.errors else WARNINGS if entry.warnings else PASSED
    return entry


def under_roster_name(report: Report, name: str) -> Report:
    """``report`` under the roster's ``name``: its agency, and the file's own name where its title or signature spell it."""
    given = report.agency.strip()
    update: dict[str, object] = {"agency": name}
    if given and report.title and given in report.title:
        update["title"] = report.title.replace(given, name, 1)
    if report.signature and (not given or report.signature.strip() == given):
        update["signature"] = name
    return report.model_copy(update=update)


def cross_year(used: Received, unit: Unit, previous: dict[str, tuple[Report, dict[str, Source]]]) -> list[Finding]:
    """Cross-year findings against the unit's own last-year file (matched by name), not already found."""
    report = used.report
    last = previous.get(normalise(unit.name)) or (previous.get(normalise(report.agency)) if report else None)
    if report is None or last is None or report.spec.version not in FORMATS:
        return []
    from ..validate import validate

    seen = {(f.code, f.cell) for f in used.findings}
    found = validate(report, used.sources, previous=last[0], file=str(used.path))
    return [f for f in found if f.code.startswith("X-") and (f.code, f.cell) not in seen]
