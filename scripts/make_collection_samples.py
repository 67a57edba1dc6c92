"""Regenerate sample_inputs/collection/: a roster of fictitious units of 云溪县 and the files they sent in.

Usage: python scripts/make_collection_samples.py [--check]
With --check nothing is written; the exit code is 1 when a file is missing, different or extra.

The inbox (收件箱/) holds clean workbooks, one YAML file, one workbook with errors, two different files from
one unit (重复提交) and an attachment saved into a subfolder; one roster unit sent nothing (未提交).
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "sample_inputs" / "collection"
EPOCH = "1767225600"  # 2026-01-01: fixed document times, so regenerating gives identical bytes

sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)

from generator.formats import FORMATS  # noqa: E402
from generator.report import Narrative, Report  # noqa: E402

ROSTER = (
    ("云溪县人民政府办公室", "本级", "xlsx"),
    ("云溪县发展和改革局", "部门", "xlsx"),
    ("云溪县教育局", "部门", "xlsx"),
    ("云溪县公安局", "部门", "yaml"),
    ("云溪县财政局", "部门", "errors"),
    ("云溪县自然资源局", "部门", "missing"),
    ("云溪县住房和城乡建设局", "部门", "duplicate"),
    ("云溪县市场监督管理局", "部门", "xlsx"),
    ("青石镇人民政府", "乡镇", "xlsx"),
    ("白沙镇人民政府", "乡镇", "subfolder"),
    ("桃源乡人民政府", "乡镇", "warning"),
    ("柳林镇人民政府", "乡镇", "xlsx"),
)
INBOX = "收件箱"
ROSTER_FILE = "名单.xlsx"


def unit_report(agency: str, n: int, *, year: int = 2025, version: str = "2021", amount_unit: str = "万元") -> Report:
    """A consistent report for a fictitious unit: every table rule holds, the figures vary with ``n``."""
    fmt = FORMATS[version]
    cells: dict[str, object] = {}
    applicant_columns = [c.key for c in fmt.table("applications").row("new").columns if not c.total]
    for i, col in enumerate(applicant_columns):
        new, carried = (n * 3 + i * 5) % 17, (n + i) % 3
        forward = min((n + 2 * i) % 2, new + carried)
        handled = new + carried - forward
        disclosed, partial = handled // 2, handled // 4
        cells[f"applications.new.{col}"] = new
        cells[f"applications.carried_over.{col}"] = carried
        cells[f"applications.carried_forward.{col}"] = forward
        cells[f"applications.disclosed.{col}"] = disclosed
        cells[f"applications.partially_disclosed.{col}"] = partial
        cells[f"applications.unavailable.not_held.{col}"] = handled - disclosed - partial
    for i, row in enumerate(fmt.table("reviews").rows):
        for j, column in enumerate(c for c in row.columns if not c.total):
            cells[f"reviews.{row.key}.{column.key}"] = (n + i + j) % 3 if j < 2 else 0
    units: dict[str, str] = {}
    for i, (cell_id, cell) in enumerate((k, c) for k, c in fmt.cells().items() if c.table == "proactive"):
        if cell.kind == "amount":
            value = Decimal(n * 13 + i) / 4
            cells[cell_id] = value * 10000 if amount_unit == "元" and not cell.column.unit else value
            if not cell.column.unit:
                units[cell_id] = amount_unit
        elif cell.kind == "signed":
            cells[cell_id] = (n + i) % 4
        else:
            cells[cell_id] = (n + i) % 6 + (40 if cell.column.key in ("total_published", "in_force", "previous") else 0)
    text = Narrative(
        overview=f"{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，持续做好政府信息公开工作。",
        problems="政府信息公开工作仍存在公开内容不够全面等问题。下一步将加强培训，提升公开质量。",
    )
    fees = {"notices": 0, "notice_amount": 0, "collected": 0} if fmt.fee_sentence else None
    return Report.model_validate(
        {
            "agency": agency,
            "year": year,
            "format": version,
            "date": dt.date(year + 1, 1, 20),
            "cells": cells,
            "units": units,
            "text": text,
            "info_fees": fees,
        }
    )


def broken(report: Report) -> Report:
    """The report with one leaf of table 3 changed, so that a balance and a total no longer hold."""
    cells = dict(report.cells)
    cells["applications.disclosed.natural"] = int(str(cells["applications.disclosed.natural"])) + 3
    return report.model_copy(update={"cells": cells})


def write_samples(folder: Path) -> list[Path]:
    """Write the roster and the inbox into ``folder``; returns the files written."""
    from openpyxl import Workbook

    from generator.collect.draft import draft_report
    from generator.collect.roster import COLUMNS, SHEET
    from generator.collect.sheets import put_row, save
    from generator.fileio import write_atomic
    from generator.readers.yaml_reader import dump_yaml
    from generator.workbook import write_template

    written: list[Path] = []
    workbook = Workbook()
    ws = workbook.active
    assert ws is not None
    ws.title = SHEET
    put_row(ws, 1, COLUMNS, bold=True)
    for row, (name, category, _) in enumerate(ROSTER, 2):
        put_row(ws, row, (name, category, "", "", ""))
    save(workbook, folder / ROSTER_FILE)
    written.append(folder / ROSTER_FILE)

    inbox = folder / INBOX
    for n, (name, _, kind) in enumerate(ROSTER, 1):
        if kind == "missing":
            continue
        drafted = draft_report(unit_report(name, n)).report
        assert drafted is not None
        files: list[tuple[Path, Report]] = []
        if kind == "errors":
            files.append((inbox / f"{name}.xlsx", broken(drafted)))
        elif kind == "duplicate":
            files.append((inbox / f"{name}.xlsx", drafted))
            files.append((inbox / f"{name}（修改稿）.xlsx", draft_report(unit_report(name, n + 20)).report or drafted))
        elif kind == "warning":  # the overview states a figure the table does not have
            text = drafted.text.model_copy(update={"overview": drafted.text.overview + "全年新收政府信息公开申请999件。"})
            files.append((inbox / f"{name}.xlsx", drafted.model_copy(update={"text": text})))
        elif kind == "subfolder":
            files.append((inbox / "邮件附件" / f"{name}年度报告.xlsx", drafted))
        else:
            files.append((inbox / f"{name}.{'yaml' if kind == 'yaml' else 'xlsx'}", drafted))
        for path, report in files:
            if path.suffix == ".yaml":
                write_atomic(path, dump_yaml(report))
            else:
                write_template(path, version=report.format, year=report.year, agency=report.agency, report=report)
            written.append(path)
    return written


def main(argv: list[str]) -> int:
    if "--check" not in argv:
        for path in write_samples(TARGET):
            print(f"已生成 {path.relative_to(ROOT)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = {p.relative_to(tmp): p.read_bytes() for p in write_samples(Path(tmp))}
    shipped = {p.relative_to(TARGET): p.read_bytes() for p in TARGET.rglob("*") if p.is_file()} if TARGET.exists() else {}
    stale = sorted(str(p) for p in fresh.keys() | shipped.keys() if fresh.get(p) != shipped.get(p))
    for name in stale:
        print(f"过期：sample_inputs/collection/{name}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
