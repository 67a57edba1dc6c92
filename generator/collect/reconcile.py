"""``reportgen check PARENT --children INPUT…``: each cell where the 本级 report differs from the sum of its children."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path

from ..codes.collect import CHILDREN_MISMATCH, CHILDREN_SUM
from ..findings import Finding, Source
from ..pipeline import FileOutcome, Outcome, check_many, read_previous
from ..report import NOT_APPLICABLE, Report
from ..values import display, number
from .aggregate import in_unit, input_files

Progress = Callable[[int, int, Path], None]
VALUES_SHOWN = 12  # children named in a finding; the rest are counted


def children_values(cell: str, children: Sequence[Report], unit: str | None) -> list[tuple[str, Decimal | int]]:
    return [(c.agency, in_unit(c.cells.get(cell), c.units.get(cell), unit)) for c in children]


def describe(values: list[tuple[str, Decimal | int]]) -> str:
    shown = "、".join(f"{name} {display(v)}" for name, v in values[:VALUES_SHOWN])
    return shown + (f" 等 {len(values)} 个" if len(values) > VALUES_SHOWN else "")


def reconcile(parent: Report, children: Sequence[tuple[str, Report]], sources: dict[str, Source], file: str) -> list[Finding]:
    """One CHILDREN-SUM finding per entered cell (and 信息处理费 figure) where the parent is not the children's sum."""
    from ..cells import place

    findings = [
        CHILDREN_MISMATCH(
            source=Source(file=child_file), file=child_file, what=what, expected=expected, actual=actual, wanted=expected, found=actual
        )
        for child_file, child in children
        for what, expected, actual in (("报告年度", parent.year, child.year), ("格式版本", parent.spec.version, child.spec.version))
        if expected != actual
    ]
    if findings:
        return findings
    reports = [c for _, c in children]
    for cell_id, cell in parent.spec.cells().items():
        if cell.total:
            continue
        given = parent.cells.get(cell_id)
        values = children_values(cell_id, reports, parent.units.get(cell_id))
        if given == NOT_APPLICABLE and all(c.cells.get(cell_id) == NOT_APPLICABLE for c in reports):
            continue
        expected = sum((v for _, v in values), 0)
        actual = number(given)
        if actual != expected:
            source = sources.get(cell_id) or Source(file=file)
            findings.append(
                CHILDREN_SUM(
                    cell=cell_id,
                    source=source,
                    expected=expected,
                    actual=actual,
                    place=place(cell),
                    values=describe(values),
                    **_shown(actual, expected),
                )
            )
    findings += _fees(parent, reports, file)
    return findings


def _shown(actual: Decimal | int, expected: Decimal | int) -> dict[str, str]:
    return {"given": display(actual), "total": display(expected)}


def _fees(parent: Report, children: Sequence[Report], file: str) -> list[Finding]:
    if parent.info_fees is None and all(c.info_fees is None for c in children):
        return []
    out: list[Finding] = []
    fields = ("notices", "notice_amount", "collected")
    for name in fields:
        actual = getattr(parent.info_fees, name) if parent.info_fees else 0
        values = [(c.agency, getattr(c.info_fees, name) if c.info_fees else 0) for c in children]
        expected = sum((v for _, v in values), 0)
        if actual != expected:
            place = f"信息处理费“{name}”"
            out.append(
                CHILDREN_SUM(
                    cell=f"info_fees.{name}",
                    source=Source(file=file),
                    expected=expected,
                    actual=actual,
                    place=place,
                    values=describe(values),
                    **_shown(actual, expected),
                )
            )
    return out


def check_children(parent: Path, children: Sequence[Path], previous: Path | None = None, progress: Progress | None = None) -> Outcome:
    """Check the parent and every child, then reconcile the parent with the children's sum. The parent is never one of
    its own children (the same file or the same content is passed over, with a note), and a child given twice
    (same file, content, or agency and year) stops the reconciliation with AGGREGATE-DUPLICATE."""
    import hashlib

    from .inbox import Received
    from .once import identity, repeated
    from .roster import normalise

    def digest(path: Path) -> str:
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return ""

    prev = read_previous(previous)
    own = (identity(parent), digest(parent))
    kids = input_files(children)
    passed_over = [k for k in kids if identity(k) == own[0] or (own[1] and digest(k) == own[1])]
    files = [parent, *(k for k in kids if k not in passed_over)]
    checked = check_many(files, progress=progress, sources_of=(parent,))
    if prev is not None:
        checked[0] = check_many([parent], prev, sources_of=(parent,))[0]
    outcome = Outcome(files=[fo for _, fo in checked])
    first: FileOutcome = outcome.files[0]
    first.notes += [f"已跳过与本级报告相同的文件（不计入下级）：{k}" for k in passed_over]
    parent_result = checked[0][0]
    if parent_result is None or parent_result.report is None or len(checked) < 2:
        return outcome
    readable = [(fo.file, r.report) for r, fo in checked[1:] if r is not None and r.report is not None]
    if len(readable) < len(checked) - 1:
        return outcome  # an unreadable child is reported (exit 2); a sum without it would mislead
    mine = (normalise(parent_result.report.agency), parent_result.report.year)
    versions = [file for file, report in readable if (normalise(report.agency), report.year) == mine]
    first.notes += [f"已跳过与本级报告机关和年度相同的文件（本级报告的另一版本，不计入下级）：{file}" for file in versions]
    readable = [(file, report) for file, report in readable if file not in versions]
    if not readable:
        return outcome
    twice = repeated([Received(Path(file), digest=digest(Path(file)), report=report) for file, report in readable])
    first.findings = first.findings + (twice or reconcile(parent_result.report, readable, parent_result.sources, str(parent)))
    return outcome
