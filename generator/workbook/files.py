"""Workbook bytes that are the same on every run, and plain row sheets (exports)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.xml.functions import tostring

from ..fileio import write_atomic
from ..outputs import epoch_time
from . import styles as S
from .literal import row_as_text
from .sheet import clean_text

CORE_PROPERTIES = "docProps/core.xml"


def deterministic_bytes(workbook: Workbook) -> bytes:
    """The .xlsx bytes with fixed document times and zip entry dates, so the same input gives the same file."""
    stamp = _timestamp()
    workbook.properties.created = stamp
    workbook.properties.modified = stamp
    workbook.properties.creator = "reportgen"
    workbook.properties.lastModifiedBy = "reportgen"
    raw = io.BytesIO()
    workbook.save(raw)  # sets properties.modified to the clock: core.xml is rewritten below
    workbook.properties.modified = stamp
    core = tostring(workbook.properties.to_tree())
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, core if info.filename == CORE_PROPERTIES else source.read(info.filename))
    return out.getvalue()


def _timestamp() -> dt.datetime:
    epoch = epoch_time()
    if epoch is not None:
        return epoch.replace(tzinfo=None)
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def write_rows(path: Path, sheet: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """One sheet of rows (used by ``reportgen export -o x.xlsx``); numeric text is stored as numbers."""
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = sheet
    ws.append(list(header))
    for cell in ws[1]:
        cell.font = S.BOLD
    for row in rows:
        ws.append([_as_number(v) for v in row])
        row_as_text(ws[ws.max_row])
    ws.freeze_panes = "A2"
    write_atomic(path, deterministic_bytes(workbook))


def _as_number(value: object) -> object:
    if isinstance(value, str):
        text = value.strip()
        if text.lstrip("-").isdigit() and len(text) < 16:
            return int(text)
        try:
            if text and text.replace(".", "", 1).lstrip("-").isdigit():
                return Decimal(text)
        except ArithmeticError:
            return value
        return clean_text(value)
    return value
