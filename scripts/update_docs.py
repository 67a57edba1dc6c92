"""Rewrite the generated blocks of docs/*.md from the format declaration, the code registry and the workbook template.

Usage: python scripts/update_docs.py [--check]
A block sits between ``<!-- generated:NAME:start -->`` and ``<!-- generated:NAME:end -->``; the findings table
between ``<!-- codes:start -->`` and ``<!-- codes:end -->``, as in README.md. With --check nothing is written and
the exit code is 1 when a file is out of date.
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.export import HEADER  # noqa: E402
from generator.formats import FORMATS, CarryRule, Format, SumRule, carry_rules  # noqa: E402
from scripts.update_readme import updated as with_codes_table  # noqa: E402

DOCS = ROOT / "docs"
BLOCK = re.compile(r"(<!-- generated:(?P<name>[\w-]+):start -->\n).*?(<!-- generated:(?P=name):end -->)", re.S)
SEVERITY = {"error": "错误", "warning": "警告"}


def versions() -> list[Format]:
    return [FORMATS[v] for v in sorted(FORMATS)]


def cells_block(version: str) -> str:
    """Per table of a format: every row id, its printed label and its columns (id and label)."""
    fmt = FORMATS[version]
    out: list[str] = []
    for table in fmt.tables:
        out += [f"**{table.name} `{table.key}`** — {table.title}", ""]
        shared = len({row.columns for row in table.rows}) == 1
        if shared:
            out += ["Columns: " + " · ".join(f"`{c.key}` {c.label}" for c in table.rows[0].columns), ""]
            out += ["| row id | printed label |", "|---|---|"]
        else:
            out += ["| row id | printed label | columns |", "|---|---|---|"]
        for row in table.rows:
            label = " ".join((*row.groups, row.label)) if row.groups else row.label
            columns = "" if shared else " | " + " · ".join(f"`{c.key}` {c.label}" for c in row.columns)
            out.append(f"| `{row.key}` | {label}{columns} |")
        out.append("")
    count = len(fmt.cells())
    out.append(f"{count} cells in all; totals (`total` columns, `results_total`) are computed when omitted.")
    return "\n".join(out)


def versions_block() -> str:
    out = ["| format | notice | report years by default | cells |", "|---|---|---|---|"]
    for fmt in versions():
        years = f"{fmt.first_year}–{fmt.last_year}" if fmt.last_year else f"{fmt.first_year} onward"
        out.append(f"| `{fmt.version}` | {fmt.notice} | {years} | {len(fmt.cells())} |")
    return "\n".join(out)


def parts_block() -> str:
    out = ["| key | heading | table | required |", "|---|---|---|---|"]
    first = versions()[0]
    for part in first.parts:
        table = f"{first.table(part.table).name} `{part.table}`" if part.table else ""
        out.append(f"| `{part.key}` | {part.heading} | {table} | {'yes' if part.required else ''} |")
    return "\n".join(out)


def total(cells: Iterable[str]) -> str:
    return " + ".join(f"`{c}`" for c in cells) or "0"


def sum_rule(rule: SumRule) -> str:
    relation = "=" if rule.relation == "==" else "≤"
    return f"{total(rule.left)} {relation} {total(rule.right)}"


def carry_rule(rule: CarryRule) -> str:
    text = f"`{rule.cell}` = last year's {total(rule.previous)}"
    text += "".join(f" + `{c}`" for c in rule.plus)
    text += "".join(f" − `{c}`" for c in rule.minus)
    return text


def rules_block(version: str) -> str:
    """Each rule code of a format: severity, how many cells it checks, and its first instance in cell ids."""
    fmt = FORMATS[version]
    out = ["| code | severity | instances | first instance |", "|---|---|---|---|"]
    groups: dict[str, list[SumRule]] = {}
    for rule in (*fmt.rules, *fmt.soft_rules):
        groups.setdefault(rule.code.id, []).append(rule)
    for code, rules in groups.items():
        out.append(f"| `{code}` | {SEVERITY[rules[0].code.severity]} | {len(rules)} | {sum_rule(rules[0])} |")
    carried: dict[str, list[CarryRule]] = {}
    for rule in carry_rules(fmt):
        carried.setdefault(rule.code.id, []).append(rule)
    for code, crules in carried.items():
        out.append(f"| `{code}` | {SEVERITY[crules[0].code.severity]} | {len(crules)} | {carry_rule(crules[0])} |")
    return "\n".join(out)


def workbook_block(version: str) -> str:
    """The sheets and the non-cell defined names of a blank template, read back from a written workbook."""
    from openpyxl import load_workbook

    from generator.workbook import write_template

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "template.xlsx"
        write_template(path, version=version, year=FORMATS[version].first_year, agency="")
        book = load_workbook(path)
        sheets = list(book.sheetnames)
        names = sorted(n for n in book.defined_names if n.startswith(("meta.", "text.")))
        book.close()
    return "\n".join(
        [
            "Sheets: " + " · ".join(sheets),
            "",
            "Names besides the cell ids: " + " · ".join(f"`{n}`" for n in names),
        ]
    )


def export_block() -> str:
    return "```\n" + ",".join(HEADER) + "\n```"


GENERATORS: dict[str, Callable[[], str]] = {
    "versions": versions_block,
    "parts": parts_block,
    "export-columns": export_block,
    **{f"cells-{v}": (lambda v=v: cells_block(v)) for v in FORMATS},
    **{f"rules-{v}": (lambda v=v: rules_block(v)) for v in FORMATS},
    **{f"workbook-{v}": (lambda v=v: workbook_block(v)) for v in FORMATS},
}


def updated(text: str) -> str:
    """``text`` with every generated block rewritten; an unknown block name raises KeyError."""
    text = BLOCK.sub(lambda m: m.group(1) + GENERATORS[m.group("name")]() + "\n" + m.group(3), text)
    return with_codes_table(text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = 0
    for path in sorted(DOCS.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        fresh = updated(text)
        if fresh == text:
            continue
        if check:
            stale += 1
            print(f"过期：{path.relative_to(ROOT)}")
        else:
            path.write_text(fresh, encoding="utf-8")
            print(f"已更新 {path.relative_to(ROOT)}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
