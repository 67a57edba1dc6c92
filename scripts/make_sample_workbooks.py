"""Regenerate sample_inputs/*.xlsx from sample_inputs/*.yaml, so each workbook builds the same report as its YAML.

Usage: python scripts/make_sample_workbooks.py [--check]
With --check nothing is written; the exit code is 1 when a workbook is missing or out of date.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_inputs"
EPOCH = "1767225600"  # 2026-01-01: fixed document times, so regenerating gives identical bytes

sys.path.insert(0, str(ROOT))
os.environ.setdefault("SOURCE_DATE_EPOCH", EPOCH)

from generator.errors import InputError  # noqa: E402
from generator.findings import errors  # noqa: E402
from generator.readers.yaml_reader import read_yaml  # noqa: E402
from generator.workbook import write_template  # noqa: E402


def workbook_for(source: Path, target: Path) -> None:
    result = read_yaml(source)
    if result.report is None or errors(result.findings):
        raise InputError("YAML 有错误，未生成工作簿：" + "；".join(f.message for f in errors(result.findings)), str(source))
    report = result.report
    write_template(target, version=report.format, year=report.year, agency=report.agency, report=report)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = 0
    for source in sorted(SAMPLES.glob("*.yaml")):
        target = source.with_suffix(".xlsx")
        if check:
            with tempfile.TemporaryDirectory() as tmp:
                fresh = Path(tmp) / target.name
                workbook_for(source, fresh)
                same = target.exists() and target.read_bytes() == fresh.read_bytes()
            if not same:
                stale += 1
                print(f"过期：{target.relative_to(ROOT)}")
            continue
        workbook_for(source, target)
        print(f"已生成 {target.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        sys.exit(2)
