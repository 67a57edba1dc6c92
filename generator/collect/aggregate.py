"""``reportgen aggregate``: the cell-by-cell sum of units' reports, as one input for the 本级 report, with its sources."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import cast

from ..codes.collect import AGGREGATE_INPUT_ERRORS, AGGREGATE_MISMATCH, AGGREGATE_MISSING, AGGREGATE_NOT_INCLUDED
from ..errors import InputError
from ..findings import Finding, Source
from ..formats import Format
from ..report import NOT_APPLICABLE, InfoFees, Report, Value
from ..values import number
from .inbox import Received, accepted_folder, receive_all, scan
from .once import collect_states, left_out, repeated
from .roster import Roster, Unit

YUAN, WAN_YUAN = "元", "万元"
PER_WAN = Decimal(10000)
SOURCES_SHEET = "汇总来源"
Progress = Callable[[int, int, Path], None]


@dataclass
class Aggregation:
    """The summed report (None when refused), the inputs included, and why it was refused."""

    report: Report | None = None
    included: list[Received] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    unreadable: list[Received] = field(default_factory=list)
    excluded: list[Received] = field(default_factory=list)  # not in the chosen categories
    missing: list[tuple[Unit, str]] = field(default_factory=list)  # roster units left out (with --allow-missing), and why

    @property
    def exit_code(self) -> int:
        if self.unreadable:
            return 2
        return 1 if self.report is None else 0


def input_files(inputs: Sequence[Path]) -> list[Path]:
    """Files as given, and the inputs under each folder (recursively; a collect output folder gives its 已采用/)."""
    out: list[Path] = []
    for path in inputs:
        if path.is_dir():
            out.extend(scan(accepted_folder(path)).files)
        elif not path.exists():
            raise InputError("文件不存在", str(path))
        else:
            out.append(path)
    if not out:
        raise InputError("没有找到要汇总的输入文件（.xlsx、.yaml）")
    return out


def aggregate(
    inputs: Sequence[Path],
    agency: str,
    *,
    categories: Sequence[str] = (),
    roster: Roster | None = None,
    allow_missing: bool = False,
    progress: Progress | None = None,
) -> Aggregation:
    """Read every input, keep those in ``categories`` (by roster), and sum them, or say why not: an input given twice
    (same file, same content, same agency and year) refuses the sum, and so does a roster unit of the chosen categories
    that is not in it, unless ``allow_missing`` (then it is listed as 未纳入)."""
    result = Aggregation()
    for received in receive_all(input_files(inputs), progress=progress):
        if received.report is None:
            result.unreadable.append(received)
        elif categories and not in_categories(received, roster, categories):
            result.excluded.append(received)
        else:
            result.included.append(received)
    if result.unreadable or not result.included:
        return result
    first = cast(Report, result.included[0].report)
    for received in result.included:
        report = cast(Report, received.report)
        source = Source(file=str(received.path))
        if received.errors:
            result.findings.append(AGGREGATE_INPUT_ERRORS(source=source, count=received.errors))
        for what, expected, actual in (("报告年度", first.year, report.year), ("格式版本", first.spec.version, report.spec.version)):
            if actual != expected:
                result.findings.append(
                    AGGREGATE_MISMATCH(source=source, what=what, expected=expected, actual=actual, wanted=expected, found=actual)
                )
    if roster is None:
        result.findings += repeated(result.included)
    else:
        from .match import Matcher

        matcher = Matcher(roster)
        matched = [matcher.match(r).unit for r in result.included]
        result.findings += repeated(result.included, matched)
        units = [u for u in matched if u is not None]
        states = collect_states([p for p in inputs if p.is_dir()])
        missing = left_out(roster, units, categories, states)
        code = AGGREGATE_NOT_INCLUDED if allow_missing else AGGREGATE_MISSING
        result.findings += [code(source=Source(file=roster.file), unit=u.name, reason=why) for u, why in missing]
        if allow_missing:
            result.missing = missing
    if not [f for f in result.findings if f.severity == "error"]:
        result.report = summed([cast(Report, r.report) for r in result.included], agency)
    return result


def in_categories(received: Received, roster: Roster | None, categories: Sequence[str]) -> bool:
    from .match import Matcher

    if roster is None or received.report is None:
        return False
    unit = Matcher(roster).match(received).unit
    return unit is not None and unit.category in categories


def amount_unit(reports: Sequence[Report], cell: str) -> str | None:
    """The unit the sum of an amount cell is given in: 万元 if any input uses it, else 元 if any does, else undeclared."""
    declared = {r.units.get(cell) for r in reports}
    return WAN_YUAN if WAN_YUAN in declared else YUAN if YUAN in declared else None


def in_unit(value: Value | None, given: str | None, wanted: str | None) -> Decimal | int:
    amount = number(value)
    if given == YUAN and wanted == WAN_YUAN:
        return Decimal(amount) / PER_WAN
    if given == WAN_YUAN and wanted == YUAN:
        return Decimal(amount) * PER_WAN
    return amount


def summed(reports: Sequence[Report], agency: str) -> Report:
    """One report whose every entered cell is the sum of the inputs' (amounts in one unit; "/" where every input says "/")."""
    fmt: Format = reports[0].spec
    cells: dict[str, Value] = {}
    units: dict[str, str] = {}
    for cell_id, cell in fmt.cells().items():
        if cell.total:
            continue  # computed from the summed parts
        values = [r.cells.get(cell_id) for r in reports]
        if all(v == NOT_APPLICABLE for v in values):
            cells[cell_id] = cast(Value, NOT_APPLICABLE)
            continue
        if cell.kind == "amount" and not cell.column.unit:
            unit = amount_unit(reports, cell_id)
            if unit:
                units[cell_id] = unit
            total: Decimal | int = sum((in_unit(v, r.units.get(cell_id), unit) for v, r in zip(values, reports, strict=True)), Decimal(0))
        else:
            total = sum((number(v) for v in values), Decimal(0) if cell.kind == "amount" else 0)
        cells[cell_id] = total
    fees = [r.info_fees for r in reports if r.info_fees is not None]
    info_fees = None
    if fees:
        info_fees = InfoFees(
            notices=sum(f.notices for f in fees),
            notice_amount=sum((f.notice_amount for f in fees), Decimal(0)),
            collected=sum((f.collected for f in fees), Decimal(0)),
        )
    return Report(agency=agency, year=reports[0].year, format=fmt.version, cells=cells, units=units, info_fees=info_fees)


def source_rows(result: Aggregation) -> tuple[list[str], list[list[object]]]:
    """The 汇总来源 table: each included unit, its file, and its key figures."""
    from ..values import key_figure_values

    fmt = cast(Report, result.report).spec
    header = ["单位名称", "状态", "文件", *(f.label for f in fmt.key_figures)]
    rows: list[list[object]] = []
    for received in result.included:
        report = cast(Report, received.report)
        values = key_figure_values(report)
        figures = [values[f.key] for f in fmt.key_figures]
        rows.append([report.agency, "已纳入", str(received.path), *figures])
    rows += [[unit.name, "未纳入", why, *("" for _ in fmt.key_figures)] for unit, why in result.missing]
    return header, rows


def write_aggregate(result: Aggregation, target: Path, suffix: str = "") -> None:
    """Write the summed report as a workbook (with a 汇总来源 sheet) or YAML (with a ``sources`` list), by ``suffix``
    (default: the target's own)."""
    report = cast(Report, result.report)
    header, rows = source_rows(result)
    if (suffix or target.suffix).lower() == ".xlsx":
        from ..workbook import write_template

        write_template(
            target,
            version=report.format,
            year=report.year if report.year is not None else report.spec.first_year,
            agency=report.agency,
            report=report,
            appendix=(SOURCES_SHEET, header, rows),
        )
        return

    from ..fileio import write_atomic
    from ..readers.yaml_writer import dump_yaml

    listed = [{k: (_plain(v) if isinstance(v, Decimal) else v) for k, v in zip(header, row, strict=True)} for row in rows]
    write_atomic(target, dump_yaml(report).rstrip("\n") + "\n" + sources_yaml(listed))


def sources_yaml(listed: object) -> str:
    """The YAML ``sources`` list after a report (the units an aggregate sums), with the comment that says what it is."""
    import yaml

    from ..readers.yaml_nodes import SOURCES

    tail = yaml.safe_dump({SOURCES: listed}, allow_unicode=True, sort_keys=False, width=1000)
    return "\n# 汇总来源：本报告各项数字由以下单位的报告逐格相加而成\n" + tail


def _plain(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)
