"""Write a Report as YAML in the documented input layout; reading it back gives an equal Report."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from ..formats import Format
from ..report import NOT_APPLICABLE, Report
from .yaml_nodes import CONTACT, FLOAT, INFO_FEES, INT, MAP, OPEN_ENDED, STR, TEXT, TIMESTAMP


def dump_yaml(report: Report) -> str:
    """``report`` as YAML in the docs/data.md §2 layout; reading it back gives an equal Report."""
    fmt = report.spec
    meta: list[tuple[str, Node]] = [
        ("agency", _text(report.agency)),
        ("year", _scalar(report.year)),
        ("format", ScalarNode(STR, report.format, style='"')),
    ]
    for key in ("title", "date", "signature"):
        value = getattr(report, key)
        if value is not None:
            meta.append((key, _scalar(value)))
    meta.append(("preface", _text(report.preface, block=True)))
    if report.contact is not None:
        fields = report.contact.model_dump(exclude_none=True)
        meta.append((CONTACT, _mapping([(k, _text(v)) for k, v in fields.items()], flow=True)))
    sections: list[list[tuple[str, Node]]] = [
        meta,
        [(TEXT, _mapping([(p.key, _text(getattr(report.text, p.key), block=True)) for p in fmt.parts]))],
    ]
    for key, tree in _table_trees(report, fmt).items():
        sections.append([(key, _tree_node(tree))])
    if report.info_fees is not None:
        sections.append([(INFO_FEES, _mapping([(k, _scalar(v)) for k, v in report.info_fees.model_dump().items()]))])
    out = ""
    for pairs in sections:
        if out and not out.endswith(OPEN_ENDED):
            out += "\n"  # a blank line between sections
        out = out.removesuffix(OPEN_ENDED) + _serialize(pairs)
    return out.removesuffix(OPEN_ENDED)


def _table_trees(report: Report, fmt: Format) -> dict[str, dict[str, Any]]:
    """Per table, the rows as nested dicts of row-id segments, each row a dict of column → value; every row listed."""
    trees: dict[str, dict[str, Any]] = {}
    declared = fmt.cells()
    for table in fmt.tables:
        tree = trees.setdefault(table.key, {})
        for row in table.rows:
            leaf = _leaf(tree, row.key)
            for col in row.columns:
                cell_id = f"{table.key}.{row.key}.{col.key}"
                if cell_id in report.cells:
                    leaf[col.key] = report.cells[cell_id]
            units = [report.units[cell_id] for c in row.columns if (cell_id := f"{table.key}.{row.key}.{c.key}") in report.units]
            if row.unit_key and units:
                leaf[row.unit_key] = units[0]
    for cell_id, value in report.cells.items():  # cells of another format: kept, so that reading back reports them
        if cell_id not in declared:
            table_key, *segments, column = cell_id.split(".")
            _leaf(trees.setdefault(table_key, {}), ".".join(segments))[column] = value
    return trees


def _leaf(tree: dict[str, Any], row_id: str) -> dict[str, Any]:
    node = tree
    for segment in row_id.split("."):
        node = node.setdefault(segment, {})
    return node


def _tree_node(tree: dict[str, Any]) -> MappingNode:
    leaf = all(not isinstance(v, dict) for v in tree.values())
    pairs = [(k, _tree_node(v) if isinstance(v, dict) else _scalar(v)) for k, v in tree.items()]
    return _mapping(pairs, flow=leaf)


def _mapping(pairs: Sequence[tuple[str, Node]], flow: bool = False) -> MappingNode:
    return MappingNode(MAP, [(ScalarNode(STR, k), v) for k, v in pairs], flow_style=flow)


def _text(value: str, block: bool = False) -> ScalarNode:
    if value == "" or value == NOT_APPLICABLE:
        return ScalarNode(STR, value, style='"')
    return ScalarNode(STR, value, style="|" if block and "\n" in value else None)


def _scalar(value: object) -> ScalarNode:
    if isinstance(value, bool):  # pragma: no cover - no field holds a bool
        raise TypeError(value)
    if isinstance(value, int):
        return ScalarNode(INT, str(value))
    if isinstance(value, Decimal):
        text = format(value, "f")
        return ScalarNode(FLOAT if "." in text else INT, text)
    if isinstance(value, dt.date):
        return ScalarNode(TIMESTAMP, value.isoformat())
    return _text(str(value))


def _serialize(pairs: Sequence[tuple[str, Node]]) -> str:
    return yaml.serialize(_mapping(pairs), Dumper=yaml.SafeDumper, allow_unicode=True, width=4096)
