"""What ``collect`` writes into its output folder: summary, returns for the units with errors, data, and reports."""

from __future__ import annotations

import contextlib
import csv
import io
from pathlib import Path

from ..errors import InputError
from ..fileio import OutputError, write_atomic
from ..workbook.layout import ANNOTATED_SUFFIX
from .collect import ACCEPTED, ERRORS, Collection, Entry
from .inbox import ACCEPTED_FOLDER

STATUS = "提交情况"
RETURNS = "退回"
DATA = "数据.csv"
REPORTS = "报告"
RETURN_SUFFIX = ANNOTATED_SUFFIX  # a unit gets back its annotated copy
REPORT_FORMATS = ("docx", "html", "txt")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
OWN_OUTPUTS = (f"{STATUS}.xlsx", f"{STATUS}.html", RETURNS, DATA, ACCEPTED_FOLDER, REPORTS)
TEXT_COLUMNS = (0, 7, 8)  # agency, row_label, column_label of the export: the only columns holding input text


def write_outputs(collection: Collection, out_dir: Path, *, build: bool) -> list[Path]:
    """Write every output into a staging folder beside ``out_dir``, then swap them in: each of this command's
    outputs (提交情况, 退回/, 数据.csv, 已采用/, 报告/) replaces the earlier run's as a whole, or, on any failure or
    interruption, nothing changes. Returns the files now in ``out_dir``."""
    from ..staging import Staging
    from .status import write_status_html, write_status_xlsx

    with Staging(out_dir) as stage:
        folder = stage.folder
        write_status_xlsx(collection, folder / f"{STATUS}.xlsx", build)
        write_status_html(collection, folder / f"{STATUS}.html", build)
        write_returns(collection, folder / RETURNS)
        write_data(collection, folder / DATA)
        copy_accepted(collection, folder / ACCEPTED_FOLDER)
        if build:
            from .publish import publish

            publish(collection, folder / REPORTS)
        return stage.commit(owned=OWN_OUTPUTS)  # an earlier 退回/ with no unit to return to now goes too


def _unit_entries(collection: Collection) -> list[Entry]:
    return [e for e in collection.entries if e.unit is not None]


def write_returns(collection: Collection, folder: Path) -> list[Path]:
    """``退回/<单位>.校验结果.xlsx`` (the annotated copy) for each unit with errors; a YAML file gets a .txt list instead."""
    from ..workbook import annotate

    written: list[Path] = []
    for entry in _unit_entries(collection):
        stem = collection.stems[entry.name] + RETURN_SUFFIX
        xlsx, txt = folder / f"{stem}.xlsx", folder / f"{stem}.txt"
        current: Path | None = None
        if entry.state == ERRORS and entry.used is not None:
            source = entry.used.path
            if source.suffix.lower() in (".xlsx", ".xlsm"):
                try:
                    with _checked_bytes(entry):
                        current = annotate(source, entry.findings, sources=entry.used.sources, target=xlsx, overwrite=True)
                except OutputError:
                    raise  # the disk, not the workbook: the run stops
                except InputError:
                    current = None  # a workbook that cannot be annotated: the list of findings instead
            if current is None:
                current = txt
                write_atomic(txt, "\n".join([f"{entry.name}：{source}", *(f.line() for f in entry.findings)]) + "\n")
            written.append(current)
    return written


def safe_text(value: str) -> str:
    """Input text for a CSV cell that a spreadsheet must not run as a formula: a leading ' when it starts like one."""
    return "'" + value if value.startswith(FORMULA_START) else value


def write_data(collection: Collection, target: Path) -> Path:
    """``数据.csv``: the export rows (as ``reportgen export``) of every unit whose state is 通过 or 有警告."""
    from ..export import HEADER, rows

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for entry in _unit_entries(collection):
        if entry.state in ACCEPTED and entry.report is not None:
            for row in rows(entry.report):
                writer.writerow([safe_text(v) if i in TEXT_COLUMNS else v for i, v in enumerate(row)])
    write_atomic(target, ("\ufeff" + buffer.getvalue()).encode("utf-8"))
    return target


def _checked_bytes(entry: Entry) -> contextlib.AbstractContextManager[None]:
    """Reading the entry's file gives the bytes that were checked, not what the disk holds now."""
    from ..fileio import pinned

    used = entry.used
    if used is None or used.data is None:
        return contextlib.nullcontext()
    return pinned(used.path, used.data)


def copy_accepted(collection: Collection, folder: Path) -> list[Path]:
    """``已采用/<单位>.<扩展名>``: the bytes checked of each file used (通过 or 有警告)."""
    from ..fileio import read_bytes

    written: list[Path] = []
    for entry in _unit_entries(collection):
        if entry.state in ACCEPTED and entry.used is not None:
            current = folder / f"{collection.stems[entry.name]}{entry.used.path.suffix.lower()}"
            with _checked_bytes(entry):
                write_atomic(current, read_bytes(entry.used.path))
            written.append(current)
    return written
