"""The office's downloads, made by the library: ``collect``'s outputs as a zip, and the 本级 input by ``aggregate``."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from ..collect.names import unit_file_names
from ..collect.status import COLUMNS, cells, figure_columns, header
from .store import ACCEPTED, SUBMITTED, Store, result_of, shown_state

NO_CHECK = "无法读取"


def status_rows(store: Store, units: list[Any]) -> list[dict[str, Any]]:
    """The 提交情况 table, one dict per unit keyed by the same column names as 提交情况.xlsx."""
    columns = header()
    latest = store.latest()
    chosen = store.by_ids([u.submitted_version for u in units if u.status != "open" and u.submitted_version])
    out = []
    for unit in units:
        version = chosen.get(unit.submitted_version) if unit.status != "open" else latest.get(unit.id)
        version = version or latest.get(unit.id)
        row = list(result_of(version).get("row") or []) if version is not None else []
        if len(row) != len(columns):
            fixed = [unit.number, unit.name, unit.category, "", "", 0, 0]
            row = [*fixed, *([""] * (len(COLUMNS) - len(fixed))), *([None] * len(figure_columns()))]
        row[0], row[1], row[2] = unit.number, unit.name, unit.category
        row[3] = shown_state(unit, latest.get(unit.id))
        out.append(dict(zip(columns, row, strict=True)))
    return out


def chosen_files(store: Store, units: list[Any]) -> dict[str, Path]:
    """Each unit's file for the office's outputs: the submitted version once submitted, else the newest upload."""
    latest = store.latest()
    submitted = store.by_ids([u.submitted_version for u in units if u.submitted_version])
    out: dict[str, Path] = {}
    for unit in units:
        version = submitted.get(unit.submitted_version) if unit.status != "open" and unit.submitted_version else latest.get(unit.id)
        if version is not None:
            out[unit.name] = store.upload_path(version.sha256, version.suffix)
    return out


def collection_zip(store: Store, roster: Any, units: list[Any], year: int) -> bytes:
    """What ``collect --build`` writes for the current files (提交情况.xlsx, 数据.csv, 报告/, 退回/ …), zipped."""
    from ..collect.collect import collect

    with tempfile.TemporaryDirectory(prefix="reportgen-serve-") as tmp:
        inbox, out = Path(tmp) / "收件箱", Path(tmp) / "汇总"
        inbox.mkdir()
        chosen = chosen_files(store, units)
        stems = unit_file_names(chosen)
        for name, path in chosen.items():
            shutil.copyfile(path, inbox / f"{stems[name]}{path.suffix}")
        collect(inbox, roster, out, year=year, build=True)
        return _zipped(out)


def _zipped(folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def aggregate_workbook(store: Store, roster: Any, units: list[Any], agency: str, categories: list[str]) -> tuple[bytes | None, list[str]]:
    """The 本级 input summed by ``aggregate`` from the accepted units (or the reasons it could not be summed)."""
    from ..collect.aggregate import aggregate, write_aggregate

    accepted = [u for u in units if u.status == ACCEPTED]
    with tempfile.TemporaryDirectory(prefix="reportgen-serve-") as tmp:
        inbox = Path(tmp) / "已通过"
        inbox.mkdir()
        chosen = chosen_files(store, accepted)
        stems = unit_file_names(chosen)
        for name, path in chosen.items():
            shutil.copyfile(path, inbox / f"{stems[name]}{path.suffix}")
        if not any(inbox.iterdir()):
            return None, ["还没有已通过的单位，无法汇总"]
        # every roster unit not yet accepted is listed as 未纳入 in 汇总来源, never left out without a word
        result = aggregate([inbox], agency, categories=categories, roster=roster, allow_missing=True)
        if result.report is None:
            reasons = [f.line().replace(str(inbox) + "/", "") for f in result.findings]
            reasons += [f"{r.path.name}：{r.unreadable}" for r in result.unreadable]
            return None, reasons or ["所选类别中没有已通过的单位"]
        target = Path(tmp) / "本级.xlsx"
        write_aggregate(result, target)
        return target.read_bytes(), []


def waiting_review(units: list[Any]) -> int:
    return sum(u.status == SUBMITTED for u in units)


__all__ = ["NO_CHECK", "aggregate_workbook", "cells", "collection_zip", "status_rows", "waiting_review"]
