"""Find the files in an inbox folder (at any depth) and read and check each of them, once, on every core."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..findings import Finding, FindingCounts, Source
from ..report import Report

READ_SUFFIXES = (".xlsx", ".xlsm", ".yaml", ".yml")
# read too, so that a unit that sent one of these gets a row saying why it cannot be used
REFUSED_SUFFIXES = (".xls", ".et", ".ett", ".wps", ".numbers", ".ods")
LOCK_PREFIX = "~$"
ACCEPTED_FOLDER = "已采用"  # where collect copies the files it used
STATUS_FILE = "提交情况.xlsx"  # marks a folder as collect's own output folder
OWN_OUTPUTS = ("提交情况.xlsx", "提交情况.html", "数据.csv", "退回", ACCEPTED_FOLDER, "报告")  # what collect writes there
SUPERSEDED = (".xls", ".et")  # an old-format copy beside the same file as .xlsx: the .xlsx is used
Progress = Callable[[int, int, Path], None]


@dataclass
class Scan:
    """The files to read, and those passed over: Excel lock files (``~$…``), collect's own outputs found in the
    inbox (an earlier 提交情况, 退回 copies, 已采用), and old-format copies beside the same file as .xlsx."""

    files: list[Path] = field(default_factory=list)
    locks: list[Path] = field(default_factory=list)
    own: list[Path] = field(default_factory=list)
    superseded: list[Path] = field(default_factory=list)


@dataclass
class Received(FindingCounts):
    """One inbox file read and checked: its report (None if unreadable), findings, and a digest of its bytes."""

    path: Path
    digest: str = ""
    data: bytes | None = None  # the bytes checked, kept (for a readable file) to be adopted or annotated
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)
    unreadable: str | None = None


def accepted_folder(folder: Path) -> Path:
    """Last year's files in ``folder``: its 已采用 subfolder when it is a collect output folder, else the folder itself."""
    accepted = folder / ACCEPTED_FOLDER
    return accepted if accepted.is_dir() else folder


def scan(folder: Path, skip: Sequence[Path] = ()) -> Scan:
    """Every input under ``folder`` in path order; hidden files, lock files, collect's own outputs and anything
    under ``skip`` are passed over."""
    from ..walk import files_under

    if not folder.is_dir():
        raise InputError("不是一个目录，或目录不存在", str(folder))
    skipped = [s.resolve() for s in skip]
    out = Scan()
    candidates = files_under(folder)
    own_folders = {p.parent for p in candidates if p.name == STATUS_FILE}
    names = {(p.parent, p.stem.casefold(), p.suffix.lower()) for p in candidates}
    for path in candidates:
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        resolved = path.resolve()
        if any(resolved.is_relative_to(s) for s in skipped):
            continue
        if path.name == STATUS_FILE or any(path.is_relative_to(f / name) for f in own_folders for name in OWN_OUTPUTS):
            out.own.append(path)
        elif path.name.startswith(LOCK_PREFIX):
            out.locks.append(path)
        elif path.suffix.lower() in SUPERSEDED and any((path.parent, path.stem.casefold(), s) in names for s in (".xlsx", ".xlsm")):
            out.superseded.append(path)
        elif path.suffix.lower() in READ_SUFFIXES + REFUSED_SUFFIXES:
            out.files.append(path)
    return out


def receive(path: Path, keep_sources: bool = False) -> Received:
    """Read and check one file; never raises (an unreadable file carries its Chinese reason).

    The cell locations (``sources``) are kept only when asked for, or when the file has errors (its annotated copy
    marks the cells each broken rule involves): they are most of a report's size.
    """
    from ..fileio import pinned, read_bytes
    from ..pipeline import check_one

    received = Received(path)
    try:
        data = read_bytes(path)
    except InputError as exc:
        received.unreadable = exc.message
        return received
    received.digest = hashlib.sha256(data).hexdigest()
    with pinned(path, data):  # the bytes checked are the bytes hashed and, if accepted, adopted
        result, outcome = check_one(path)
    if outcome.unreadable or result is None:
        received.unreadable = (outcome.unreadable or "无法读取").removeprefix(f"{path}：")
        return received
    received.report = result.report
    received.findings = outcome.findings
    received.data = data  # adopted (no errors) or annotated (errors) from these bytes, never from the disk again
    if keep_sources or received.errors:
        received.sources = result.sources
    return received


def _receive(task: tuple[Path, bool]) -> Received:
    return receive(*task)


def receive_all(paths: Sequence[Path], progress: Progress | None = None, *, keep_sources: bool = False) -> list[Received]:
    """``receive`` for every path on every core, in order; a file over the time limit is unreadable."""
    from ..parallel import pmap, time_limit
    from ..pipeline import warm_up

    warm_up(len(paths))
    out: list[Received] = []
    per_path = None if progress is None else lambda i, n, task: progress(i, n, task[0])
    for done in pmap(_receive, [(p, keep_sources) for p in paths], progress=per_path):
        if done.result is None:
            out.append(Received(done.item[0], unreadable=f"处理超过 {int(time_limit())} 秒仍未完成，已放弃"))
        else:
            out.append(done.result)
    return out
