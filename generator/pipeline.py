"""The pipeline the CLI and the tests share: read → validate → render, one plain function per command."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from .errors import InputError
from .fileio import UTF8, OutputSet
from .findings import Finding, Source, errors, summary
from .folders import skipped_lines
from .outputs import check_folder, check_reference_doc, check_targets, distinct_stems, epoch_time
from .parallel import finishing
from .render import RENDERERS
from .render import render_report as render
from .report import ReadResult, Report

YAML_SUFFIXES = (".yaml", ".yml")
XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xls")
PUBLISHED_SUFFIXES = (".txt", ".md", ".docx", ".html", ".htm", ".pdf")
INPUT_SUFFIXES = (*YAML_SUFFIXES, ".xlsx")
OUTPUT_FORMATS = tuple(RENDERERS)
DEFAULT_FORMATS = ("txt", "docx", "html")
# a validator finding left out when the reader already said more precisely what is wrong with that field
SUPERSEDED_BY = {"DATE-MISSING": {"DATE-INVALID", "XLSX-DATE"}}
Progress = Callable[[int, int, Path], None]  # (index from 1, count, file) before each input


class FileOutcome(BaseModel):
    """What one command did with one input file."""

    file: str
    findings: list[Finding] = Field(default_factory=list)
    written: list[str] = Field(default_factory=list)
    unreadable: str | None = None  # the Chinese reason when the file could not be read at all
    report: Report | None = Field(default=None, exclude=True)  # what was read, for commands that go on with it (not build)
    notes: list[str] = Field(default_factory=list)  # what the user should know about the outputs (renamed, replaced)

    @property
    def failed(self) -> bool:
        return self.unreadable is not None or bool(errors(self.findings))


class Outcome(BaseModel):
    """What one command did with all its inputs; ``--json`` prints exactly this."""

    files: list[FileOutcome] = Field(default_factory=list)
    skipped: list[str] = Field(default_factory=list)  # files of an input folder passed over (the tool's own outputs, rosters)

    @property
    def findings(self) -> list[Finding]:
        return [f for fo in self.files for f in fo.findings]

    @property
    def reports(self) -> list[Report]:
        """The reports read, in input order (files that could not be read have none)."""
        return [fo.report for fo in self.files if fo.report is not None]

    @property
    def exit_code(self) -> int:
        if any(fo.unreadable for fo in self.files):
            return 2
        return 1 if errors(self.findings) else 0

    def as_json(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        unreadable = sum(fo.unreadable is not None for fo in self.files)
        # an input that could not be read is an INPUT-UNREADABLE error finding: such a run never looks clean
        data["summary"] = {**summary(self.findings), "unreadable": unreadable, "files": len(self.files), "exit_code": self.exit_code}
        data["findings"] = [f.model_dump(mode="json") for f in self.findings]
        return data


def expand_inputs(
    paths: Iterable[Path], suffixes: Sequence[str] = INPUT_SUFFIXES, skipped: list[tuple[Path, str]] | None = None
) -> list[Path]:
    """Files as given, and the input files inside any directory (sorted; the tool's own outputs and rosters there are
    passed over and added to ``skipped``); a directory without any, or a path that does not exist, is an error before
    anything is read or written."""
    from .folders import folder_inputs

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found, passed = folder_inputs(path, suffixes)
            out.extend(found)
            if skipped is not None:
                skipped.extend(passed)
        elif not path.exists():
            hint = "（看起来像一个选项：选项要写在 -- 之前）" if path.name.startswith("-") else ""
            raise InputError(f"文件不存在{hint}", str(path))
        else:
            out.append(path)
    return out


def read_input(path: Path) -> ReadResult:
    """Read any supported input by its suffix: YAML, an Excel workbook, or a published report."""
    suffix = path.suffix.lower()
    if path.is_dir():
        raise InputError("这是一个文件夹，不是输入文件", str(path))
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
        f"不支持的文件类型“{path.suffix or '（无扩展名）'}”：请使用 .xlsx、.yaml，或已发布报告的 .txt、.docx、.html、.pdf", str(path)
    )


def read_previous(path: Path | None) -> Report | None:
    """Last year's input for the cross-year checks; it must be readable."""
    loaded = load_previous(path)
    return loaded.report if loaded else None


def previous_mismatch(previous: Report, agency: str, year: int) -> str | None:
    """Why ``previous`` is not last year's report of ``agency`` (another agency, or a year other than ``year`` − 1), or None."""
    from .collect.roster import normalise

    wrong = []
    if agency.strip() and previous.agency.strip() and normalise(previous.agency) != normalise(agency):
        wrong.append(f"机关是“{previous.agency}”，不是“{agency}”")
    if previous.year != year - 1:
        wrong.append(f"年度是 {previous.year or '（未填）'} 年，不是 {year - 1} 年")
    return "，".join(wrong) or None


class Previous(BaseModel):
    """Last year's report as read for the cross-year checks, with warnings about the file itself."""

    file: str
    report: Report
    warnings: list[Finding] = Field(default_factory=list)


def load_previous(path: Path | None) -> Previous | None:
    """Read and validate ``--previous``: unreadable is an InputError naming it; its own errors become a warning."""
    if path is None:
        return None
    from .codes.output import PREVIOUS_ERRORS

    try:
        result, outcome = check_one(path)
    except InputError as exc:
        raise InputError(f"上年报告（--previous/--from）无法使用：{exc.message}", exc.file) from None
    if outcome.unreadable or result is None or result.report is None:
        reason = outcome.unreadable or f"{path}：无法读取上年报告的数据"
        raise InputError(f"上年报告（--previous/--from）无法使用：{reason}")
    bad = errors(outcome.findings)
    warnings = []
    if bad:
        example = bad[0].message if len(bad[0].message) <= 80 else bad[0].message[:80] + "…"
        warnings.append(PREVIOUS_ERRORS(file=str(path), count=len(bad), example=example, source=Source(file=str(path))))
    return Previous(file=str(path), report=result.report, warnings=warnings)


def _same_agency(a: str, b: str) -> bool:
    def norm(text: str) -> str:
        return "".join(unicodedata.normalize("NFKC", text).split())

    return norm(a) == norm(b)


def check_one(path: Path, previous: Report | Previous | None = None) -> tuple[ReadResult | None, FileOutcome]:
    """Read and validate one input, collecting every finding."""
    from .codes.output import ENCODING_ASSUMED, INPUT_UNREADABLE, PREVIOUS_AGENCY
    from .validate import validate

    outcome = FileOutcome(file=str(path))
    try:
        result = read_input(path)
    except InputError as exc:
        outcome.unreadable = str(exc)
        outcome.findings = [INPUT_UNREADABLE(reason=str(exc), source=Source(file=str(path)))]
        return None, outcome
    outcome.report = result.report
    prev = previous.report if isinstance(previous, Previous) else previous
    findings = list(result.findings)  # reading problems; the rules are the validator's alone
    if result.encoding not in (None, UTF8):
        findings.append(ENCODING_ASSUMED(encoding=result.encoding, source=Source(file=str(path))))
    if result.report is not None:
        said = {f.code for f in findings}
        for finding in validate(result.report, result.sources, previous=prev, file=str(path), read=result.read):
            if not said & SUPERSEDED_BY.get(finding.code, set()):
                findings.append(finding)
        if isinstance(previous, Previous):
            findings += previous.warnings
            agency, before = result.report.agency, previous.report.agency
            if agency and before and not _same_agency(agency, before):
                findings.append(PREVIOUS_AGENCY(file=previous.file, previous=before, agency=agency, cell="agency"))
    outcome.findings = [f if f.source else f.model_copy(update={"source": Source(file=str(path))}) for f in findings]
    return result, outcome


def check(paths: Sequence[Path], previous: Path | None = None, progress: Progress | None = None) -> Outcome:
    """``reportgen check``: read and validate every input; the outcome holds the findings and the reports read.

    Example::

        outcome = check([Path("2024.xlsx")])
        outcome.exit_code, outcome.findings, outcome.reports
    """
    skipped: list[tuple[Path, str]] = []
    files = expand_inputs(paths, skipped=skipped)  # a published report is checked when named, never picked up from a directory
    prev = load_previous(previous)
    return Outcome(files=[fo for _, fo in check_many(files, prev, progress=progress)], skipped=skipped_lines(skipped))


def build(
    paths: Sequence[Path],
    out_dir: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    *,
    previous: Path | None = None,
    reference_doc: Path | None = None,
    timestamp: dt.datetime | None = None,
    progress: Progress | None = None,
    overwrite: bool = False,
) -> Outcome:
    """``reportgen build``: validate each input and render those without errors, each input's formats all or none.

    Everything that can be checked before rendering is checked first (inputs exist, output folder, names that
    would collide with an input, each other or an existing file, the reference document, SOURCE_DATE_EPOCH):
    then the command either fails with nothing written (InputError) or runs.
    """
    skipped: list[tuple[Path, str]] = []
    files = expand_inputs(paths, skipped=skipped)
    stems = distinct_stems(files)
    protected = [*files, *(p for p in (previous, reference_doc) if p is not None)]
    check_folder(out_dir)
    check_targets((out_dir / f"{stems[p]}.{fmt}" for p in files for fmt in formats), protected, overwrite=overwrite)
    check_reference_doc(reference_doc if "docx" in formats or "pdf" in formats else None)
    if timestamp is None:
        epoch_time()
    prev = load_previous(previous)
    from .parallel import pmap

    warm_up(len(files), rendering=True)
    # every target was checked against every input above; each task guards its own input again, so that
    # the check stays linear in the number of inputs
    extra = tuple(p for p in (previous, reference_doc) if p is not None)
    tasks = [
        _BuildTask(path, prev, False, out_dir, stems[path], tuple(formats), reference_doc, timestamp, (path, *extra), overwrite)
        for path in files
    ]
    outcome = Outcome(skipped=skipped_lines(skipped))
    try:
        for done in pmap(_build_task, tasks, progress=_per_path(progress)):
            outcome.files.append(done.result if done.result is not None else given_up(done.item.path, crashed=done.crashed))
    except KeyboardInterrupt:  # a worker killed after its grace leaves its temporary files: they go too
        from .temporaries import remove_orphaned_temporaries

        remove_orphaned_temporaries(out_dir / f"{stems[p]}.{fmt}" for p in files for fmt in formats)
        raise
    return outcome


# ---------------------------------------------------------------- many inputs on every core


def _per_path(progress: Progress | None) -> Callable[[int, int, _Task], None] | None:
    return None if progress is None else lambda i, n, task: progress(i, n, task.path)


def given_up(path: Path, *, crashed: bool = False) -> FileOutcome:
    """The outcome of an input that was given up: after the time limit, or after its worker died twice."""
    from .codes.collect import INPUT_CRASHED, INPUT_TIMEOUT
    from .parallel import time_limit

    source = Source(file=str(path))
    finding = INPUT_CRASHED(source=source) if crashed else INPUT_TIMEOUT(source=source, seconds=int(time_limit()))
    return FileOutcome(file=str(path), findings=[finding])


@dataclass(frozen=True)
class _Task:
    path: Path
    previous: Report | Previous | None
    keep_sources: bool = False


@dataclass(frozen=True)
class _BuildTask(_Task):
    out_dir: Path = Path()
    stem: str = ""
    formats: tuple[str, ...] = ()
    reference_doc: Path | None = None
    timestamp: dt.datetime | None = None
    protected: tuple[Path, ...] = ()
    overwrite: bool = False


def _check_task(task: _Task) -> tuple[ReadResult | None, FileOutcome]:
    result, file_outcome = check_one(task.path, task.previous)
    if result is not None and not task.keep_sources:
        result = result.model_copy(update={"sources": {}})  # most of a result's size: sent back only when asked for
    return result, file_outcome


def _build_task(task: _BuildTask) -> FileOutcome:
    """Check one input and, without errors, render its formats all or none (in a worker, or in this process)."""
    file_outcome = _check_and_render(task)
    file_outcome.report = None  # build does not go on with the report: not sent back
    return file_outcome


def _check_and_render(task: _BuildTask) -> FileOutcome:
    result, file_outcome = check_one(task.path, task.previous)
    if task.stem != task.path.stem:
        file_outcome.notes.append(f"与其他输入同名，输出文件名改为“{task.stem}”")
    if result is None or result.report is None or file_outcome.failed:
        return file_outcome
    try:
        with OutputSet(task.protected, overwrite=task.overwrite) as outputs:
            render(
                result.report,
                task.out_dir,
                task.stem,
                task.formats,
                reference_doc=task.reference_doc,
                timestamp=task.timestamp,
                outputs=outputs,
                warnings=file_outcome.findings,
            )
            with finishing():  # an interruption now waits until this input is counted as done
                written = outputs.commit()
    except InputError as exc:
        file_outcome.unreadable = str(exc)
        return file_outcome
    file_outcome.written = [str(p) for p in written]
    file_outcome.notes += [f"已替换原有文件 {p}" for p in outputs.replaced]
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
    files: Sequence[Path],
    previous: Report | Previous | None = None,
    progress: Progress | None = None,
    *,
    sources_of: Collection[Path] = (),
) -> list[tuple[ReadResult | None, FileOutcome]]:
    """``check_one`` for each file on every core, in input order; an input over the time limit becomes INPUT-TIMEOUT.

    The cell locations (``ReadResult.sources``, most of a result's size) are kept only for the files in ``sources_of``.
    """
    from .parallel import pmap

    warm_up(len(files))
    out: list[tuple[ReadResult | None, FileOutcome]] = []
    tasks = [_Task(p, previous, p in sources_of) for p in files]
    for done in pmap(_check_task, tasks, progress=_per_path(progress)):
        out.append(done.result if done.result is not None else (None, given_up(done.item.path, crashed=done.crashed)))
    return out
