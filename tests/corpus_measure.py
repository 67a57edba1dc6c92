"""The real-world corpus (tests/corpus): its hand-typed expectations and what today's importer reads from each report."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.formats import FORMATS
from generator.pipeline import check_one
from generator.readers.published import blank_cells, coverage

CORPUS = Path(__file__).parent / "corpus"
HOLDOUT = CORPUS / "holdout"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")
EXPECTED = ".expected.yaml"
# the validator's arithmetic rules: a finding of one of these is a claim that the printed numbers do not add up
ARITHMETIC = frozenset({"T3-ROW-TOTAL", "T3-RESULTS-TOTAL", "T3-BALANCE", "T4-TOTAL", "T2-ITEMS-NEGATIVE", "T2-PUBLISHED-EXCEEDS-TOTAL"})
BLANK = None  # a cell the report prints blank (typed as ~ in the expected file)


@dataclass(frozen=True)
class Expected:
    """One corpus report as typed by hand from the source: who, when, which tables it prints, every printed cell."""

    id: str
    document: Path
    agency: str
    agency_variants: tuple[str, ...]
    agency_printed: bool
    year: int
    format: str
    whole: bool
    tables: tuple[str, ...]
    cells: dict[str, Any]
    real_inconsistencies: frozenset[tuple[str, str]]
    holdout: bool
    report: bool = True  # False: a document that is no report (a 解读 of one), which import must name as such


def _document(expected_file: Path) -> Path:
    stem = expected_file.name[: -len(EXPECTED)]
    for suffix in SUFFIXES:
        candidate = expected_file.with_name(stem + suffix)
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"{expected_file}: no document {stem}.* beside it")


def _cells(data: dict[str, Any], fmt: str) -> dict[str, Any]:
    """Cell id -> typed value, from ``cells`` (by id) and ``rows`` (a row's printed cells in declared column order)."""
    out: dict[str, Any] = dict(data.get("cells") or {})
    spec = FORMATS[fmt]
    for row_id, values in (data.get("rows") or {}).items():
        table_key, row_key = row_id.split(".", 1)
        row = spec.table(table_key).row(row_key)
        if len(values) > len(row.columns):
            raise ValueError(f"{row_id}: {len(values)} values for {len(row.columns)} columns")
        for column, value in zip(row.columns, values, strict=False):
            out[f"{row_id}.{column.key}"] = value
    unknown = set(out) - set(spec.cells())
    if unknown:
        raise ValueError(f"cells not in the {fmt} format: {sorted(unknown)}")
    return out


def load(expected_file: Path) -> Expected:
    data = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    fmt = str(data["format"])
    return Expected(
        id=expected_file.name[: -len(EXPECTED)],
        document=_document(expected_file),
        agency=data["agency"],
        agency_variants=tuple(data.get("agency_variants") or ()),
        agency_printed=bool(data.get("agency_printed", True)),
        year=int(data["year"]),
        format=fmt,
        whole=bool(data.get("whole", False)),
        tables=tuple(data.get("tables") or ()),
        cells=_cells(data, fmt),
        real_inconsistencies=frozenset((i["code"], i["cell"]) for i in data.get("real_inconsistencies") or ()),
        holdout=expected_file.parent == HOLDOUT,
        report=bool(data.get("report", True)),
    )


def corpus(*, holdout: bool = False) -> list[Expected]:
    """Every corpus report (the hold-out set only when asked: it is kept out of building the importer)."""
    folders = [CORPUS, HOLDOUT] if holdout else [CORPUS]
    return [load(p) for folder in folders for p in sorted(folder.glob("*" + EXPECTED))]


@dataclass
class TableCount:
    """Cells of one table: typed by hand, read by the importer, read and equal to the typed value."""

    typed: int = 0
    read: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)


@dataclass
class Measured:
    """What the importer made of one corpus report, against its expectations."""

    expected: Expected
    agency: str | None
    year: int | None
    format: str | None
    found: dict[str, int]  # table key -> cells placed
    tables: dict[str, TableCount]
    true_findings: set[tuple[str, str]]
    false_findings: set[tuple[str, str]]
    missed_findings: set[tuple[str, str]]
    unreadable: str | None = None

    @property
    def tables_missing(self) -> list[str]:
        return [t for t in self.expected.tables if not self.found.get(t)]

    @property
    def agency_right(self) -> bool:
        names = {_plain(self.expected.agency), *(_plain(v) for v in self.expected.agency_variants)}
        return self.agency is not None and _plain(self.agency) in names

    def cells_right(self) -> bool:
        return all(not c.wrong and c.right == c.typed for c in self.tables.values())


def _plain(name: str) -> str:
    return "".join(name.split())


def _same(typed: Any, read: Any) -> bool:
    if typed is BLANK or read is BLANK:
        return typed is read
    if isinstance(typed, str) or isinstance(read, str):
        return str(typed) == str(read)
    return float(typed) == float(read)


def measure(expected: Expected) -> Measured:
    result, outcome = check_one(expected.document)
    report = result.report if result is not None else None
    read: dict[str, Any] = dict(report.cells) if report is not None else {}
    if result is not None and report is not None:
        for cell_id in blank_cells(result):
            read.setdefault(cell_id, BLANK)
    found = {c.key: c.placed for c in coverage(result)} if result is not None else {}
    tables: dict[str, TableCount] = {}
    for table in FORMATS[expected.format].tables:
        count = TableCount()
        ids = [c.id for c in table.cells()]
        typed = {i: expected.cells[i] for i in ids if i in expected.cells}
        got = {i: v for i, v in read.items() if i.split(".", 1)[0] == table.key}
        count.typed, count.read = len(typed), len(got)
        for cell_id, value in got.items():
            if cell_id in typed and _same(typed[cell_id], value):
                count.right += 1
            else:
                count.wrong.append(f"{cell_id}={value!r} (typed {typed.get(cell_id, '—')!r})")
        tables[table.key] = count
    claimed = {(f.code, f.cell or "") for f in outcome.findings if f.code in ARITHMETIC}
    real = set(expected.real_inconsistencies)
    return Measured(
        expected,
        report.agency or None if report is not None else None,
        report.year if report is not None else None,
        report.format if report is not None else None,
        found,
        tables,
        claimed & real,
        claimed - real,
        real - claimed,
        outcome.unreadable,
    )


def measure_all(*, holdout: bool = False) -> Iterator[Measured]:
    for expected in corpus(holdout=holdout):
        yield measure(expected)


TABLE_NAMES = {"proactive": "表二", "applications": "表三", "reviews": "表四"}


def failures(m: Measured) -> dict[str, str]:
    """Aspect -> why, for every aspect of one report the importer gets wrong (the lines of known_failures.yaml)."""
    e = m.expected
    out: dict[str, str] = {}
    refused = f"refused as no report: {m.unreadable.split('：', 1)[-1]}" if m.unreadable else ""
    if m.tables_missing:
        out["tables"] = (
            ("refused as no report; " if refused else "") + "printed but not found: " + "、".join(TABLE_NAMES[t] for t in m.tables_missing)
        )
    if e.agency_printed and not m.agency_right:
        out["agency"] = refused or f"agency read as {m.agency!r}"
    if not m.cells_right():
        out["cells"] = "; ".join(
            f"{TABLE_NAMES[k]} {c.right}/{c.read}/{c.typed} right/read/typed" for k, c in m.tables.items() if c.wrong or c.right != c.typed
        )
    if not e.report and m.unreadable is None:
        out["refused"] = "read as a report although it is none"
    if m.false_findings or m.missed_findings:
        out["findings"] = "false: " + ", ".join(sorted(f"{code} {cell}" for code, cell in m.false_findings))
        if m.missed_findings:
            out["findings"] += " missed: " + ", ".join(sorted(f"{code} {cell}" for code, cell in m.missed_findings))
    return out
