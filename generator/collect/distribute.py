"""``reportgen template --roster``: one workbook per roster unit, its name, year and format filled in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..formats import Format
from ..report import Report
from .names import unit_file_names
from .roster import Roster, normalise

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


@dataclass(frozen=True)
class Task:
    """One unit's workbook to write into the staging folder."""

    target: Path
    version: str
    year: int
    agency: str
    previous: Report | None


def write_one(task: Task) -> None:
    """One unit's workbook; without last year's report it is the blank workbook built once, with the unit's name put in."""
    from ..fileio import write_atomic
    from ..workbook import write_template
    from ..workbook.stamp import stamped

    data = stamped(task.version, task.year, task.agency) if task.previous is None else None
    if data is not None:
        write_atomic(task.target, data)
    else:
        write_template(task.target, version=task.version, year=task.year, agency=task.agency, previous=task.previous)


def distribute(
    roster: Roster,
    fmt: Format,
    year: int,
    out_dir: Path,
    *,
    previous_dir: Path | None = None,
    overwrite: bool = False,
    allow_mismatch: bool = False,
    progress: Progress | None = None,
) -> Distribution:
    """Write ``out_dir/<单位>.xlsx`` for every unit (file names from :func:`.names.unit_file_names`), on every core,
    all or none: the workbooks are made in a staging folder and moved in at the end. An existing file is left
    alone unless ``overwrite``."""
    from ..errors import InputError
    from ..fileio import OutputError
    from ..outputs import check_folder
    from ..parallel import pmap
    from ..pipeline import previous_mismatch, warm_up
    from ..staging import Staging
    from .collect import check_roster

    check_roster(roster)
    check_folder(out_dir)
    stems = unit_file_names(u.name for u in roster.units)
    own = Path(roster.file)
    if own.resolve().parent == out_dir.resolve() and own.name.casefold() in {f"{s}.xlsx".casefold() for s in stems.values()}:
        raise InputError("名单文件与某个单位的模板同名，会被覆盖：请换一个输出目录", roster.file)
    previous = last_year_reports(previous_dir) if previous_dir is not None else {}
    wrong = [f"{r.agency}（{why}）" for r in previous.values() if (why := previous_mismatch(r, r.agency, year))]
    if wrong and not allow_mismatch:
        raise InputError(
            f"上年汇总目录中有不是 {year - 1} 年度的报告：{'、'.join(wrong)}；确认要用它们预填请加 --allow-mismatch", str(previous_dir)
        )
    result = Distribution()
    with Staging(out_dir) as stage:
        tasks: list[Task] = []
        for unit in roster.units:
            target = out_dir / f"{stems[unit.name]}.xlsx"
            if target.exists():
                if not overwrite:
                    result.existing.append(target)
                    continue
                result.replaced.append(target)
            last = previous.get(normalise(unit.name))
            if previous_dir is not None:
                (result.carried if last is not None else result.without_previous).append(unit.name)
            tasks.append(Task(stage.folder / target.name, fmt.version, year, unit.name, last))
        warm_up(len(tasks))
        if any(t.previous is None for t in tasks):
            from ..workbook.stamp import stamped

            stamped(fmt.version, year, "单位")  # builds the blank workbook once, before the workers start with it
        shown = None if progress is None else lambda i, n, task: progress(i, n, out_dir / task.target.name)
        for done in pmap(write_one, tasks, progress=shown):
            if done.timed_out or done.crashed:
                raise OutputError("处理超时" if done.timed_out else "处理进程意外退出", str(out_dir / done.item.target.name))
        result.written = stage.commit(replace=overwrite)
    return result
