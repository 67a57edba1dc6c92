"""Print the corpus table (agency, year, format, cells right/read/typed per table, true and false findings), or today's failures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.corpus_measure import CORPUS, Measured, failures, measure_all

TABLES = (("proactive", "表二"), ("applications", "表三"), ("reviews", "表四"))


def _cells(m: Measured, key: str) -> str:
    count = m.tables.get(key)
    if count is None:
        placed = m.found.get(key, 0)
        return f"—/{placed}/—"
    return f"{count.right}/{count.read}/{count.typed}"


def _row(m: Measured) -> list[str]:
    e = m.expected
    agency = "✓" if m.agency_right else ("—" if not e.agency_printed else f"✗ {m.agency or '（无）'}")
    missing = "、".join(dict(TABLES)[t] for t in m.tables_missing) or "—"
    return [
        e.id + ("（留出）" if e.holdout else "") + ("" if e.report else "（非报告：" + ("已拒绝" if m.unreadable else "误读为报告") + "）"),
        e.agency,
        str(e.year),
        e.format,
        "整篇" if e.whole else "片段",
        agency,
        missing,
        *(_cells(m, key) for key, _ in TABLES),
        str(len(m.true_findings)),
        str(len(m.false_findings)),
        str(len(m.missed_findings)),
    ]


HEADER = [
    "文件",
    "机关",
    "年度",
    "格式",
    "范围",
    "机关读对",
    "未找到的表",
    "表二 对/读/录",
    "表三 对/读/录",
    "表四 对/读/录",
    "真错误",
    "假错误",
    "漏报",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--holdout", action="store_true", help="also the hold-out reports (tests/corpus/holdout)")
    parser.add_argument(
        "--write-known-failures",
        action="store_true",
        help="rewrite tests/corpus/known_failures.yaml from what the importer gets wrong today (always with the hold-out set)",
    )
    args = parser.parse_args(argv)
    if args.write_known_failures:
        return _write_known()
    measured = list(measure_all(holdout=args.holdout))
    rows = [_row(m) for m in measured]
    print("| " + " | ".join(HEADER) + " |")
    print("|" + "---|" * len(HEADER))
    for row in rows:
        print("| " + " | ".join(row) + " |")
    totals = {key: [0, 0, 0] for key, _ in TABLES}
    for m in measured:
        for key, _ in TABLES:
            c = m.tables.get(key)
            if c is not None:
                totals[key][0] += c.right
                totals[key][1] += c.read
                totals[key][2] += c.typed
    parts = [f"{name} {r}/{rd}/{t}" for (key, name), (r, rd, t) in zip(TABLES, totals.values(), strict=True)]
    right = sum(v[0] for v in totals.values())
    typed = sum(v[2] for v in totals.values())
    wrong = sum(len(c.wrong) for m in measured for c in m.tables.values())
    share = f"{100 * right / typed:.1f}%" if typed else "—"
    print()
    print(f"单元格（对/读/录）：{'，'.join(parts)}；合计对 {right}/{typed}（{share}），读错 {wrong}")
    print(
        f"算术错误：真 {sum(len(m.true_findings) for m in measured)}，假 {sum(len(m.false_findings) for m in measured)}，"
        f"漏报 {sum(len(m.missed_findings) for m in measured)}"
    )
    return 0


KNOWN_HEAD = """\
# Corpus cases today's importer gets wrong: report id -> aspect -> why. Each runs as a strict xfail;
# when the importer gets one right, its test fails until the line is removed here
# (python scripts/corpus_report.py --write-known-failures rewrites this file).
"""


def _write_known() -> int:
    known = {m.expected.id: f for m in measure_all(holdout=True) if (f := failures(m))}
    body = yaml.safe_dump(known, allow_unicode=True, sort_keys=True, width=200) if known else ""
    (CORPUS / "known_failures.yaml").write_text(KNOWN_HEAD + body, encoding="utf-8")
    print(f"{len(known)} reports with known failures, {sum(len(v) for v in known.values())} cases")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
