"""Checking, annotating and rendering one uploaded file in a forked worker, under the pool's time limit."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_SLOTS: threading.BoundedSemaphore | None = None
_SLOTS_LOCK = threading.Lock()


@dataclass(frozen=True)
class Task:
    """One stored upload of one roster unit, to be checked (and annotated or rendered into ``out_dir``)."""

    upload: Path
    name: str
    category: str
    number: int
    year: int
    out_dir: Path | None = None


@dataclass
class Checked:
    """What the check of one upload found, as plain data for the database and the pages."""

    state: str
    errors: int
    warnings: int
    problems: str
    lines: list[str] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    row: list[Any] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"problems": self.problems, "lines": self.lines, "findings": self.findings, "row": self.row}


def shown_name(task: Task) -> str:
    """The file name findings speak of: the unit's name (from the roster, never from the upload) and its type."""
    from ..collect.names import portable

    return f"{portable(task.name)}{task.upload.suffix}"


def _plain(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _checked_in(folder: Path, task: Task, *, keep_sources: bool) -> tuple[Any, Any]:
    """The upload copied under its shown name into ``folder``, received as ``collect`` receives it, and its entry."""
    from ..collect.collect import unit_entry
    from ..collect.inbox import receive
    from ..collect.match import Matcher
    from ..collect.roster import Roster, Unit

    shown = folder / shown_name(task)
    shutil.copyfile(task.upload, shown)
    received = receive(shown, keep_sources=keep_sources)
    unit = Unit(task.name, task.category)
    match = Matcher(Roster(file="", units=[unit])).match(received)
    return received, unit_entry(task.number, unit, [(received, match.warning)], task.year, {})


def check_upload(task: Task) -> Checked:
    """Check one upload with the library, exactly as ``collect`` checks an inbox file."""
    from ..collect.status import cells

    with tempfile.TemporaryDirectory(prefix="reportgen-serve-") as tmp:
        received, entry = _checked_in(Path(tmp), task, keep_sources=False)
        name = shown_name(task)
        lines = [f.line().replace(str(received.path), name) for f in entry.findings]
        findings = [f.model_dump(mode="json") for f in entry.findings]
        for finding in findings:
            if isinstance(finding.get("source"), dict) and finding["source"].get("file"):
                finding["source"]["file"] = name
        row = [_plain(v) for v in cells(entry)]
        row[4] = name  # 文件: the unit's file, not the worker's copy
        problems = entry.problems().replace(str(received.path), name)
        return Checked(entry.state, entry.errors, entry.warnings, problems, lines, findings, row)


def annotate_upload(task: Task) -> str:
    """Write ``annotated.xlsx`` (the workbook with every finding marked) into the task's folder; the reason if not."""
    from ..errors import InputError
    from ..fileio import write_atomic
    from ..workbook import annotate

    assert task.out_dir is not None
    with tempfile.TemporaryDirectory(prefix="reportgen-serve-") as tmp:
        received, entry = _checked_in(Path(tmp), task, keep_sources=True)
        if received.report is None:
            return received.unreadable or "无法读取"
        try:
            done = annotate(received.path, entry.findings, sources=received.sources, target=Path(tmp) / "annotated.xlsx", overwrite=True)
        except InputError as exc:
            return exc.message
        write_atomic(task.out_dir / "annotated.xlsx", done.read_bytes())
    return ""


def render_upload(task: Task) -> str:
    """Write ``report.html`` and ``report.docx`` into the task's folder; the reason when the file cannot be read."""
    from ..errors import InputError
    from ..render import render_report

    assert task.out_dir is not None
    with tempfile.TemporaryDirectory(prefix="reportgen-serve-") as tmp:
        received, _ = _checked_in(Path(tmp), task, keep_sources=False)
        if received.report is None:
            return received.unreadable or "无法读取"
        try:
            render_report(received.report, task.out_dir, "report", ["html", "docx"])
        except InputError as exc:
            return exc.message
    return ""


def _slots() -> threading.BoundedSemaphore:
    global _SLOTS
    with _SLOTS_LOCK:
        if _SLOTS is None:
            from ..parallel import worker_count

            _SLOTS = threading.BoundedSemaphore(worker_count())
        return _SLOTS


WORKER_NICENESS = 10  # checks yield the cores to the server answering requests


def _niced(func: Callable[[T], R], item: T) -> R:
    """``func(item)`` in a worker at a lower priority (once per worker: a worker runs one task)."""
    with contextlib.suppress(OSError):
        os.nice(WORKER_NICENESS)
    return func(item)


class WorkFailed(Exception):
    """A task that ran over the time limit, whose worker died, or that failed: its Chinese reason."""


def run_limited(func: Callable[[T], R], item: T) -> R:
    """``func(item)`` in a forked worker (one per core at a time), stopped after the pool's time limit."""
    from ..parallel import time_limit, worker_count
    from ..pool import Pool

    with _slots():
        pool: Pool[T, R] = Pool(functools.partial(_niced, func), [item], 1, time_limit(), None)
        if worker_count() == 1 or not pool.start():
            return func(item)
        try:
            done = next(iter(pool.run(None)))
        except Exception as exc:
            raise WorkFailed("处理该文件时出错，已放弃；请检查文件是否完好") from exc
        if done.timed_out:
            raise WorkFailed(f"处理超过 {int(time_limit())} 秒仍未完成，已放弃")
        if done.crashed or done.result is None:  # tasks here always return a value
            raise WorkFailed("处理该文件时程序意外退出，已放弃；请检查文件是否完好")
        return done.result
