"""The JSON Schema of the YAML input, derived from the format declarations (for editors such as VS Code)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from .formats import DATE_PATTERN, FIRST_YEAR, FORMATS, LAST_YEAR, Column, Format, Row, Table, format_for_year
from .report import NOT_APPLICABLE, Contact, InfoFees

DRAFT = "http://json-schema.org/draft-07/schema#"
META_KEYS = ("agency", "year", "format", "title", "date", "signature", "preface", "contact", "text")
PARTS = {p.key: p.heading for f in FORMATS.values() for p in f.parts}
FIELD_LABELS: dict[str, str] = {
    "agency": "机关名称（必填）",
    "year": "报告年度（必填），如 2024",
    "format": "格式版本：“2019”（国办公开办函〔2019〕60号）或“2021”（国办公开办函〔2021〕30号）；不填时按年度确定",
    "title": "标题；不填时为“<机关名称><年度>年政府信息公开工作年度报告”",
    "date": "成文日期，如 2025-01-20",
    "signature": "署名；不填时为机关名称",
    "preface": '序言：auto（标准开头段）、自己写的文字，或 ""（不要序言）',
    "contact": "填报人",
    "contact.name": "填报人姓名",
    "contact.phone": "联系电话",
    "text": "正文：各部分的文字，段落之间空一行",
    **{f"text.{key}": heading for key, heading in PARTS.items()},
    "info_fees": "信息处理费（在第六部分报告）",
    "info_fees.notices": "发出收费通知件数",
    "info_fees.notice_amount": "收费通知金额合计（元）",
    "info_fees.collected": "实际收取金额（元）",
}
COMPUTED = "（可不填：不填时自动计算，填了则核对）"


def json_schema(version: str | None = None) -> dict[str, Any]:
    """The schema of one format version, or of any version (``anyOf`` over the versions, each under ``definitions``)."""
    head = {"$schema": DRAFT, "title": "政府信息公开工作年度报告（reportgen YAML 输入）"}
    if version is not None:
        return {**head, **version_schema(FORMATS[version])}
    return {
        **head,
        "definitions": {f"format{v}": version_schema(f) for v, f in FORMATS.items()},
        "anyOf": [{"$ref": f"#/definitions/format{v}"} for v in FORMATS],
    }


def version_schema(fmt: Format) -> dict[str, Any]:
    """The input of one format version; without ``format`` the year must be one that defaults to it."""
    years = [y for y in range(FIRST_YEAR, LAST_YEAR + 1) if format_for_year(y).version == fmt.version]
    properties: dict[str, Any] = {
        "agency": _described("agency", {"type": "string", "minLength": 1}),
        "year": _described("year", {"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR}),
        "format": _described("format", {"enum": [fmt.version, int(fmt.version)]}),
        "title": _described("title", {"type": ["string", "null"]}),
        "date": _described("date", {"type": ["string", "null"], "pattern": f"^{DATE_PATTERN}$"}),
        "signature": _described("signature", {"type": ["string", "null"]}),
        "preface": _described("preface", {"type": ["string", "null"]}),
        "contact": _described(
            "contact", _object({k: _described(f"contact.{k}", {"type": ["string", "number", "null"]}) for k in Contact.model_fields})
        ),
        "text": _described("text", _object({p.key: _described(f"text.{p.key}", {"type": ["string", "null"]}) for p in fmt.parts})),
    }
    properties |= {table.key: table_schema(table) for table in fmt.tables}
    if fmt.fee_sentence:
        properties["info_fees"] = _described("info_fees", _object({k: _fee_schema(k) for k in InfoFees.model_fields}))
    return {
        "type": "object",
        "description": f"{fmt.version}年格式（{fmt.notice}）",
        "properties": properties,
        "required": ["agency", "year"],
        "additionalProperties": False,
        "if": {"not": {"required": ["format"]}},
        "then": {"properties": {"year": {"minimum": min(years), "maximum": max(years)}}},
    }


def table_schema(table: Table) -> dict[str, Any]:
    """A table: its rows nested by the segments of their ids, each row an object of its columns."""
    tree: dict[str, Any] = {}
    labels: dict[tuple[str, ...], str] = {}
    for row in table.rows:
        *groups, last = row.key.split(".")
        node = tree
        for depth, segment in enumerate(groups):
            labels[(*groups[: depth + 1],)] = row.groups[depth - len(groups)]
            node = node.setdefault(segment, {})
        node[last] = row

    def build(node: dict[str, Any], prefix: tuple[str, ...]) -> dict[str, Any]:
        return _object(
            {
                key: row_schema(value)
                if isinstance(value, Row)
                else {"description": labels[(*prefix, key)], **build(value, (*prefix, key))}
                for key, value in node.items()
            }
        )

    return {"description": f"{table.name} {table.title}", **build(tree, ())}


def row_schema(row: Row) -> dict[str, Any]:
    columns = {c.key: cell_schema(row, c) for c in row.columns}
    if row.unit_key:
        columns[row.unit_key] = {"description": "金额单位", "enum": list(row.units)}
    label = row.full_label + (COMPUTED if row.total else "")
    return {"description": label, **_object(columns)}


def cell_schema(row: Row, column: Column) -> dict[str, Any]:
    """A value: count (integer ≥ 0), signed (integer) or amount (number ≥ 0); "/" where the column allows it."""
    kinds: dict[str, dict[str, Any]] = {
        "count": {"type": ["integer", "null"], "minimum": 0},
        "signed": {"type": ["integer", "null"]},
        "amount": {"type": ["number", "null"], "minimum": 0},
    }
    value = kinds[column.kind]
    if column.not_applicable:
        value = {"anyOf": [value, {"const": NOT_APPLICABLE}]}
    computed = COMPUTED if (column.total or row.total) else ""
    return {"description": f"{row.label} · {column.label}{computed}", **value}


def _fee_schema(key: str) -> dict[str, Any]:
    annotation = InfoFees.model_fields[key].annotation
    kind = "number" if annotation is Decimal else "integer"
    return _described(f"info_fees.{key}", {"type": [kind, "null"], "minimum": 0})


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": ["object", "null"], "properties": properties, "additionalProperties": False}


def _described(path: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": FIELD_LABELS[path], **schema}
