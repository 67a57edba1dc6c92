"""What goes into a template's cells: a report's own values, or what follows from last year's report."""

from __future__ import annotations

from typing import cast

from ..formats import Format, carry_rules
from ..report import NOT_APPLICABLE, Report, Value, split_paragraphs
from ..values import Derived, complete, defining_rules, number
from . import layout as L

PREFACE_CHOICE = {"auto": L.PREFACE_AUTO, "": L.PREFACE_NONE}


class Values:
    """Everything the workbook shows, by field path / cell id, before it is laid out."""

    def __init__(self) -> None:
        self.meta: dict[str, object] = {}
        self.cells: dict[str, Value] = {}
        self.typed_totals: set[str] = set()
        self.text: dict[str, list[str]] = {}


def cell_values(fmt: Format, year: int, agency: str, previous: Report | None, report: Report | None) -> Values:
    out = Values()
    out.meta.update({"agency": agency, "year": year, "format": fmt.version, "preface": L.PREFACE_AUTO})
    if previous is not None:
        out.meta["agency"] = agency or previous.agency
        out.meta["signature"] = previous.signature
        if previous.contact:
            out.meta["contact.name"] = previous.contact.name
            out.meta["contact.phone"] = previous.contact.phone
        for cell_id, unit in previous.units.items():
            out.meta[f"units.{cell_id}"] = unit
        out.cells.update(_carried(fmt, previous))
    if report is not None:
        _from_report(fmt, report, out)
    return out


def _carried(fmt: Format, previous: Report) -> dict[str, Value]:
    """Starting values that follow from last year: each carry rule's cell gets the sum of last year's cells."""
    prev_fmt = previous.spec
    last = complete(previous, prev_fmt)
    out: dict[str, Value] = {}
    for rule in carry_rules(fmt):
        if not all(c in last for c in rule.previous):
            continue
        given = [last[c] for c in rule.previous]
        if all(v == NOT_APPLICABLE for v in given):
            out[rule.cell] = cast(Value, NOT_APPLICABLE)
        else:
            out[rule.cell] = sum((number(v) for v in given), 0)
    known = fmt.cells()
    return {c: v for c, v in out.items() if c in known and not known[c].total}


def _from_report(fmt: Format, report: Report, out: Values) -> None:
    preface = PREFACE_CHOICE.get(report.preface, L.PREFACE_CUSTOM)
    out.meta.update(
        {
            "agency": report.agency,
            "year": report.year,
            "title": report.title,
            "date": report.date,
            "signature": report.signature,
            "preface": preface,
            "contact.name": report.contact.name if report.contact else None,
            "contact.phone": report.contact.phone if report.contact else None,
        }
    )
    if preface == L.PREFACE_CUSTOM:
        out.text["preface"] = split_paragraphs(report.preface)
    for cell_id, unit in report.units.items():
        out.meta[f"units.{cell_id}"] = unit
    if report.info_fees is not None:
        out.meta.update({f"info_fees.{k}": v for k, v in report.info_fees.model_dump().items()})
    for part in fmt.parts:
        out.text[part.key] = report.text.paragraphs(part.key)
    known = fmt.cells()
    derived = Derived(fmt, report.cells)
    for cell_id, value in report.cells.items():
        if cell_id not in known:
            continue
        if known[cell_id].total:
            # a typed total that agrees with its parts is shown by the formula; one that does not is kept
            if cell_id in defining_rules(fmt) and number(value) == derived[cell_id]:
                continue
            out.typed_totals.add(cell_id)
        out.cells[cell_id] = value
