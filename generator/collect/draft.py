"""``reportgen draft``: the usual sentences of parts 二、三、四 written from the tables, where the user wrote nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ..findings import Finding
from ..formats import Format
from ..formats.figures import short_label
from ..report import NOT_APPLICABLE, Report
from ..values import complete, display, number

DRAFTED_PARTS = ("proactive", "applications", "reviews")
COUNT_UNIT = "件"


@dataclass
class Drafted:
    """The report with drafted text, which parts were drafted and which kept the user's text, and the input's findings."""

    report: Report | None = None
    drafted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: Path | None = None
    replaced: bool = False  # ``written`` replaced an existing file (--overwrite)

    @property
    def exit_code(self) -> int:
        return 0 if self.written is not None else 1


def figures(report: Report, fmt: Format) -> dict[str, dict[str, str]]:
    """Each declared draft figure's label and value (as printed), by key."""
    values = complete(report, fmt)
    return {f.key: {"label": f.label, "value": display(sum((number(values.get(c)) for c in f.cells), 0))} for f in fmt.draft_figures}


def phrase(column: str, row: str) -> str:
    """A column label as words after its row's in a sentence that begins “本年度”: ``本年制发件数`` → ``制发``,
    ``对外公开总数量`` → ``对外公开总计``, and ``本年收费金额`` after ``行政事业性收费`` → ``金额``."""
    words = re.sub(r"(件数|数量)$", "", short_label(column)).removeprefix("本年")
    if words.endswith("总"):
        words += "计"
    repeated = next((n for n in range(len(words), 1, -1) if row.endswith(words[:n])), 0)
    return words[repeated:] or words


def proactive_blocks(report: Report, fmt: Format) -> list[dict[str, Any]]:
    """Table 2 as sentence parts: per block, each row's columns with value and unit ("/" cells left out)."""
    values = complete(report, fmt)
    blocks: dict[str, list[dict[str, Any]]] = {}
    table = fmt.table("proactive")
    for row in table.rows:
        items = []
        for col in row.columns:
            cell_id = f"{table.key}.{row.key}.{col.key}"
            value = values.get(cell_id)
            if value == NOT_APPLICABLE or value is None:
                continue
            unit = (report.units.get(cell_id) or col.unit) if col.kind == "amount" else COUNT_UNIT
            shown = display(value) if isinstance(value, int | Decimal) else str(value)
            items.append({"label": phrase(col.label, row.label), "value": shown, "unit": unit})
        if items:
            blocks.setdefault(row.groups[0] if row.groups else "", []).append({"label": row.label, "parts": items})
    return [{"header": header, "rows": rows} for header, rows in blocks.items()]


def sentences(report: Report) -> dict[str, str]:
    """The drafted text of each part 二、三、四, from the templates under ``draft/``."""
    from ..render.jinja import render_template

    fmt = report.spec
    f = figures(report, fmt)
    results = [v for k, v in f.items() if k.startswith("result.")]
    context = {"f": f, "results": results, "blocks": proactive_blocks(report, fmt), "version": fmt.version}
    return {part: render_template(f"draft/{part}.txt.j2", **context).strip() for part in DRAFTED_PARTS}


def draft_report(report: Report) -> Drafted:
    """``report`` with every empty part among 二、三、四 drafted; text already written is kept as it is."""
    out = Drafted()
    text = report.text.model_copy()
    drafted = sentences(report)
    for part in DRAFTED_PARTS:
        if getattr(text, part).strip():
            out.kept.append(part)
        else:
            setattr(text, part, drafted[part])
            out.drafted.append(part)
    out.report = report.model_copy(update={"text": text})
    return out


def draft(source: Path, target: Path, *, overwrite: bool = False) -> Drafted:
    """Read ``source``, draft its empty parts, and write the result to ``target`` (.yaml or .xlsx) whole or not at all;
    refuses tables with errors, and an existing ``target`` unless ``overwrite``."""
    from ..errors import InputError
    from ..fileio import OutputSet
    from ..pipeline import check_one

    if target.exists() and target.resolve() == source.resolve():
        raise InputError("输出文件不能是输入文件本身（输入文件不会被修改）", str(target))
    result, outcome = check_one(source)
    if outcome.unreadable or result is None or result.report is None:
        raise InputError((outcome.unreadable or "无法读取").removeprefix(f"{source}："), str(source))
    if any(f.severity == "error" and f.cell for f in outcome.findings):  # the tables are wrong: sentences from them would be too
        return Drafted(findings=outcome.findings)
    out = draft_report(result.report)
    out.findings = outcome.findings
    report = out.report
    assert report is not None
    with OutputSet([source], overwrite=overwrite) as outputs:
        if target.suffix.lower() == ".xlsx":
            from ..fileio import read_bytes
            from ..workbook import write_template
            from ..workbook.template import extra_sheets

            year = report.year if report.year is not None else report.spec.first_year
            kept = extra_sheets(read_bytes(source), report.format, year) if source.suffix.lower() == ".xlsx" else []
            outputs.stage_with(
                target,
                lambda tmp: write_template(
                    tmp,
                    version=report.format,
                    year=report.year if report.year is not None else report.spec.first_year,
                    agency=report.agency,
                    report=report,
                    appendix=kept,  # every sheet of the input that the template lacks (汇总来源) stays
                ),
            )
        else:
            from ..readers.yaml_writer import dump_yaml

            outputs.stage(target, dump_yaml(report).rstrip("\n") + "\n" + kept_yaml(source))
        outputs.commit()
    out.replaced = bool(outputs.replaced)
    out.written = target
    return out


def kept_yaml(source: Path) -> str:
    """What a YAML input holds besides the report (an aggregate's ``sources`` list), written again after the report."""
    if source.suffix.lower() not in (".yaml", ".yml"):
        return ""
    import yaml

    from ..fileio import decode_text, read_bytes
    from ..readers.yaml_nodes import SOURCES
    from .aggregate import sources_yaml

    loaded = yaml.safe_load(decode_text(read_bytes(source), str(source))[0])  # the input was already read and checked
    listed = loaded.get(SOURCES) if isinstance(loaded, dict) else None
    return sources_yaml(listed) if listed else ""
