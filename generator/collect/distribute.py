"""``reportgen template --roster``: one workbook per roster unit, its name, year and format filled in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import Format
from ..report import Report
from .roster import Roster, file_stem, normalise

Progress = Callable[[int, int, Path], None]


@dataclass
class Distribution:
    """The workbooks written, those left alone because they exist, and which units had last year's file."""

    written: list[Path] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)
    replaced: list[Path] = field(default_factory=list)  # existing workbooks written over (only with --overwrite)
    carried: list[str] = field(default_factory=list)  # units whose carry-over came from last year's file
    without_previous: list[str] = field(default_factory=list)  # units with no last-year file (only with --from)


def last_year_reports(folder: Path) -> dict[str, Report]:
    """Readable reports under ``folder`` (recursively), by normalised agency; the first file of an agency wins."""
    from .inbox import accepted_folder, receive_all, scan

    out: dict[str, Report] = {}
    for received in receive_all(scan(accepted_folder(folder)).files):
        if received.report is not None and received.report.agency.strip():
            out.setdefault(normalise(received.report.agency), received.report)
    return out


def distribute(
    roster: Roster,
    fmt: Format,
    year: int,
    out_dir: Path,
    *,
    previous_dir: Path | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> Distribution:
    """Write ``out_dir/<单位名称>.xlsx`` for every unit; an existing file is left alone unless ``overwrite``."""
    from ..errors import InputError
    from ..outputs import check_folder
    from ..workbook import write_template

    if roster.findings:
        raise InputError("名单有错误，请先改正：" + "；".join(f.line() for f in roster.findings), roster.file)
    check_folder(out_dir)
    if Path(roster.file).resolve().parent == out_dir.resolve() and Path(roster.file).suffix.lower() == ".xlsx":
        taken = {f"{file_stem(u.name)}.xlsx" for u in roster.units}
        if Path(roster.file).name in taken:
            raise InputError("名单文件与某个单位的模板同名，会被覆盖：请换一个输出目录", roster.file)
    previous = last_year_reports(previous_dir) if previous_dir is not None else {}
    result = Distribution()
    for index, unit in enumerate(roster.units, 1):
        target = out_dir / f"{file_stem(unit.name)}.xlsx"
        if progress:
            progress(index, len(roster.units), target)
        if target.exists():
            if not overwrite:
                result.existing.append(target)
                continue
            result.replaced.append(target)
        last = previous.get(normalise(unit.name))
        if previous_dir is not None:
            (result.carried if last is not None else result.without_previous).append(unit.name)
        write_template(target, version=fmt.version, year=year, agency=unit.name, previous=last)
        result.written.append(target)
    return result
