"""What ``collect`` writes into its output folder: summary, returns for the units with errors, data, and reports."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ..errors import InputError
from ..fileio import write_atomic
from .collect import ACCEPTED, ERRORS, Collection, Entry
from .inbox import ACCEPTED_FOLDER
from .roster import file_stem

STATUS = "提交情况"
RETURNS = "退回"
DATA = "数据.csv"
REPORTS = "报告"
RETURN_SUFFIX = ".校验结果"
REPORT_FORMATS = ("docx", "html", "txt")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TEXT_COLUMNS = (0, 7, 8)  # agency, row_label, column_label of the export: the only columns holding input text


def write_outputs(collection: Collection, out_dir: Path, *, build: bool) -> list[Path]:
    """Write every output (each atomically); files this command wrote on an earlier run that no longer apply are removed."""
    from .status import write_status_html, write_status_xlsx

    written = [write_status_xlsx(collection, out_dir / f"{STATUS}.xlsx"), write_status_html(collection, out_dir / f"{STATUS}.html")]
    written += write_returns(collection, out_dir / RETURNS)
    written.append(write_data(collection, out_dir / DATA))
    written += copy_accepted(collection, out_dir / ACCEPTED_FOLDER)
    if build:
        from .publish import publish

        written += publish(collection, out_dir / REPORTS)
    return written


def _unit_entries(collection: Collection) -> list[Entry]:
    return [e for e in collection.entries if e.unit is not None]


def write_returns(collection: Collection, folder: Path) -> list[Path]:
    """``退回/<单位>.校验结果.xlsx`` (the annotated copy) for each unit with errors; a YAML file gets a .txt list instead."""
    from ..workbook import annotate

    written: list[Path] = []
    for entry in _unit_entries(collection):
        stem = file_stem(entry.name) + RETURN_SUFFIX
        xlsx, txt = folder / f"{stem}.xlsx", folder / f"{stem}.txt"
        current: Path | None = None
        if entry.state == ERRORS and entry.used is not None:
            source = entry.used.path
            if source.suffix.lower() in (".xlsx", ".xlsm"):
                try:
                    current = annotate(source, entry.findings, sources=entry.used.sources, target=xlsx, overwrite=True)
                except InputError:
                    current = None
            if current is None:
                current = txt
                write_atomic(txt, "\n".join([f"{entry.name}：{source}", *(f.line() for f in entry.findings)]) + "\n")
            written.append(current)
        for stale in (xlsx, txt):  # a unit that has since resubmitted a clean file gets nothing back
            if stale != current:
                stale.unlink(missing_ok=True)
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


def copy_accepted(collection: Collection, folder: Path) -> list[Path]:
    """``已采用/<单位名称>.<扩展名>``: a byte copy of each file used (通过 or 有警告); copies of units no longer so are removed."""
    from ..fileio import read_bytes
    from ..pipeline import INPUT_SUFFIXES

    written: list[Path] = []
    for entry in _unit_entries(collection):
        stem = file_stem(entry.name)
        current: Path | None = None
        if entry.state in ACCEPTED and entry.used is not None:
            current = folder / f"{stem}{entry.used.path.suffix.lower()}"
            write_atomic(current, read_bytes(entry.used.path))
            written.append(current)
        for suffix in (*INPUT_SUFFIXES, ".xlsm"):
            stale = folder / f"{stem}{suffix}"
            if stale != current:
                stale.unlink(missing_ok=True)
    return written
