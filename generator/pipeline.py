"""The pipeline the CLI and the tests share: read → validate → render, one plain function per command."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, Field

from .errors import InputError
from .findings import Finding, Source, errors, summary
from .report import ReadResult, Report

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")
PUBLISHED_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm")
INPUT_SUFFIXES = (*YAML_SUFFIXES, ".xlsx")
OUTPUT_FORMATS = ("txt", "docx", "html", "pdf")
DEFAULT_FORMATS = ("txt", "docx", "html")
Progress = Callable[[int, int, Path], None]  # (index from 1, count, file) before each input


class FileOutcome(BaseModel):
    """What one command did with one input file."""

    file: str
    findings: list[Finding] = Field(default_factory=list)
    written: list[str] = Field(default_factory=list)
    unreadable: str | None = None  # the Chinese reason when the file could not be read at all

    @property
    def failed(self) -> bool:
        return self.unreadable is not None or bool(errors(self.findings))


class Outcome(BaseModel):
    """What one command did with all its inputs; ``--json`` prints exactly this."""

    files: list[FileOutcome] = Field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for fo in self.files for f in fo.findings]

    @property
    def exit_code(self) -> int:
        if any(fo.unreadable for fo in self.files):
            return 2
        return 1 if errors(self.findings) else 0

    def as_json(self) -> dict:
        data = self.model_dump(mode="json")
        data["summary"] = {**summary(self.findings), "files": len(self.files)}
        data["findings"] = [f.model_dump(mode="json") for f in self.findings]
        return data


def expand_inputs(paths: Iterable[Path], suffixes: Sequence[str] = INPUT_SUFFIXES) -> list[Path]:
    """Files as given, and the input files inside any directory (sorted); a directory without any is an error."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(("~$", ".")))
            if not found:
                raise InputError(f"目录中没有可读取的输入文件（{'、'.join(suffixes)}）", str(path))
            out.extend(found)
        else:
            out.append(path)
    return out


def read_input(path: Path) -> ReadResult:
    """Read any supported input by its suffix: YAML, an Excel workbook, or a published report."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        from .readers.yaml_reader import read_yaml

        return read_yaml(path)
    if suffix in XLSX_SUFFIXES:
        from .readers.xlsx_reader import read_xlsx

        return read_xlsx(path)
    if suffix in PUBLISHED_SUFFIXES:
        from .readers.published import read_published

        return read_published(path)
    if not path.exists():
        raise InputError("文件不存在", str(path))
    raise InputError(
        f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：请使用 .xlsx、.yaml，或已发布报告的 .txt、.docx、.html", str(path)
    )


def read_previous(path: Path | None) -> Report | None:
    """Last year's input for the cross-year checks; it must be readable."""
    if path is None:
        return None
    result = read_input(path)
    if result.report is None:
        raise InputError("无法读取上年报告的数据", str(path))
    return result.report


def check_one(path: Path, previous: Report | None = None) -> tuple[ReadResult | None, FileOutcome]:
    """Read and validate one input, collecting every finding."""
    from .validate import validate

    outcome = FileOutcome(file=str(path))
    try:
        result = read_input(path)
    except InputError as exc:
        outcome.unreadable = str(exc)
        return None, outcome
    findings = list(result.findings)
    if result.report is not None:
        seen = {(f.code, f.cell) for f in findings}
        for finding in validate(result.report, result.sources, previous=previous, file=str(path)):
            if (finding.code, finding.cell) not in seen:
                findings.append(finding)
    outcome.findings = [f if f.source else f.model_copy(update={"source": Source(file=str(path))}) for f in findings]
    return result, outcome


def check(paths: Sequence[Path], previous: Path | None = None, progress: Progress | None = None) -> Outcome:
    """``reportgen check``: validate every input."""
    prev = read_previous(previous)
    files = expand_inputs(paths, INPUT_SUFFIXES + PUBLISHED_SUFFIXES)
    outcome = Outcome()
    outcome.files.extend(fo for _, fo in check_many(files, prev, progress=progress))
    return outcome


def check_reports(paths: Sequence[Path], progress: Progress | None = None) -> tuple[Outcome, list[Report | None]]:
    """``check`` that also returns each input's report (``reportgen export``), reading every input once, on every core."""
    files = expand_inputs(paths, INPUT_SUFFIXES + PUBLISHED_SUFFIXES)
    checked = check_many(files, progress=progress)
    return Outcome(files=[fo for _, fo in checked]), [r.report if r is not None else None for r, _ in checked]


def output_stems(paths: Sequence[Path]) -> dict[Path, str]:
    """Output file stems: the input's stem, plus its suffix where two inputs share a stem (a.yaml, a.xlsx)."""
    counts: dict[str, int] = {}
    for path in paths:
        counts[path.stem] = counts.get(path.stem, 0) + 1
    return {p: p.stem if counts[p.stem] == 1 else f"{p.stem}-{p.suffix.lstrip('.').lower()}" for p in paths}


def render(
    report: Report,
    out_dir: Path,
    stem: str,
    formats: Sequence[str],
    *,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
) -> list[Path]:
    """Write the report in each requested format into ``out_dir``; every file is written atomically."""
    from .fileio import write_atomic

    written: list[Path] = []
    docx_path: Path | None = None
    for fmt in formats:
        target = out_dir / f"{stem}.{fmt}"
        if fmt == "txt":
            from .render.text import render_text

            write_atomic(target, render_text(report))
        elif fmt == "html":
            from .render.html import render_html

            write_atomic(target, render_html(report))
        elif fmt == "docx":
            from .render.docx import render_docx

            render_docx(report, target, reference_doc=reference_doc, timestamp=timestamp)
            docx_path = target
        elif fmt == "pdf":
            from .render.docx import render_docx
            from .render.pdf import convert_to_pdf

            if docx_path is None:
                import tempfile

                with tempfile.TemporaryDirectory() as tmp:
                    source = Path(tmp) / f"{stem}.docx"
                    render_docx(report, source, reference_doc=reference_doc, timestamp=timestamp)
                    convert_to_pdf(source, target)
            else:
                convert_to_pdf(docx_path, target)
        else:  # pragma: no cover - the CLI refuses unknown formats
            raise ValueError(fmt)
        written.append(target)
    return written


def build(
    paths: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    previous: Path | None = None,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
    progress: Progress | None = None,
) -> Outcome:
    """``reportgen build``: validate each input and render those without errors."""
    prev = read_previous(previous)
    from .parallel import pmap

    outcome = Outcome()
    files = expand_inputs(paths)
    warm_up(len(files), rendering=True)
    stems = output_stems(files)
    tasks = [_BuildTask(path, prev, out_dir, stems[path], tuple(formats), reference_doc, timestamp) for path in files]
    for done in pmap(_build_task, tasks, progress=_per_path(progress)):
        outcome.files.append(done.result if done.result is not None else timed_out(done.item.path))
    return outcome


# ---------------------------------------------------------------- many inputs on every core


def _per_path(progress: Progress | None) -> Callable[[int, int, _Task], None] | None:
    return None if progress is None else lambda i, n, task: progress(i, n, task.path)


def timed_out(path: Path) -> FileOutcome:
    """The outcome of an input that was given up after the time limit."""
    from .codes.collect import INPUT_TIMEOUT
    from .parallel import time_limit

    finding = INPUT_TIMEOUT(source=Source(file=str(path)), seconds=int(time_limit()))
    return FileOutcome(file=str(path), findings=[finding])


@dataclass(frozen=True)
class _Task:
    path: Path
    previous: Report | None


@dataclass(frozen=True)
class _BuildTask(_Task):
    out_dir: Path
    stem: str
    formats: tuple[str, ...]
    reference_doc: Path | None
    timestamp: dt.datetime | None


def _check_task(task: _Task) -> tuple[ReadResult | None, FileOutcome]:
    return check_one(task.path, task.previous)


def _build_task(task: _BuildTask) -> FileOutcome:
    result, file_outcome = check_one(task.path, task.previous)
    if result is None or result.report is None or file_outcome.failed:
        return file_outcome
    try:
        written = render(result.report, task.out_dir, task.stem, task.formats, reference_doc=task.reference_doc, timestamp=task.timestamp)
    except InputError as exc:
        file_outcome.unreadable = str(exc)
        return file_outcome
    file_outcome.written = [str(p) for p in written]
    return file_outcome


def warm_up(count: int, *, rendering: bool = False) -> None:
    """Before ``count`` inputs go to forked workers: import what they need once, so that each starts with it loaded."""
    from .parallel import SERIAL_UP_TO

    if count <= SERIAL_UP_TO:
        return  # no workers: import lazily as one input needs it
    from .readers import xlsx_reader, yaml_reader  # noqa: F401
    from .validate import validate  # noqa: F401

    if rendering:
        from .render import docx, html, text  # noqa: F401


def check_many(
    files: Sequence[Path], previous: Report | None = None, progress: Progress | None = None
) -> list[tuple[ReadResult | None, FileOutcome]]:
    """``check_one`` for each file on every core, in input order; an input over the time limit becomes INPUT-TIMEOUT."""
    from .parallel import pmap

    warm_up(len(files))
    out: list[tuple[ReadResult | None, FileOutcome]] = []
    for done in pmap(_check_task, [_Task(p, previous) for p in files], progress=_per_path(progress)):
        out.append(done.result if done.result is not None else (None, timed_out(done.item.path)))
    return out
