"""The JSON Schema of the YAML input: derived from the declaration, and it accepts exactly what the reader accepts."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings

from generator.formats import FORMATS
from generator.readers.yaml_reader import dump_yaml, read_yaml
from generator.report import Report
from generator.schema import COMPUTED, json_schema

from .conftest import EXAMPLE, sample_yamls
from .test_yaml_reader import reports

ANNOTATIONS = {"description", "title", "$schema", "definitions"}
KEYWORDS = {
    "$ref",
    "type",
    "properties",
    "additionalProperties",
    "required",
    "enum",
    "const",
    "minimum",
    "maximum",
    "minLength",
    "pattern",
    "anyOf",
    "if",
    "then",
    "not",
}
TYPES = {
    "object": lambda v: isinstance(v, dict),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "null": lambda v: v is None,
}


def valid(instance: Any, schema: dict[str, Any], root: dict[str, Any]) -> bool:
    """A tiny validator for the keywords the schema uses (test_schema_uses_only_known_keywords keeps it honest)."""
    if "$ref" in schema:
        _, _, name = schema["$ref"].rpartition("/")
        return valid(instance, root["definitions"][name], root)
    types = schema.get("type")
    if types is not None and not any(TYPES[t](instance) for t in ([types] if isinstance(types, str) else types)):
        return False
    if "enum" in schema and instance not in schema["enum"]:
        return False
    if "const" in schema and instance != schema["const"]:
        return False
    if TYPES["number"](instance):
        if "minimum" in schema and instance < schema["minimum"]:
            return False
        if "maximum" in schema and instance > schema["maximum"]:
            return False
    if isinstance(instance, str):
        if len(instance) < schema.get("minLength", 0):
            return False
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            return False
    if isinstance(instance, dict):
        props = schema.get("properties", {})
        if any(k not in instance for k in schema.get("required", ())):
            return False
        if schema.get("additionalProperties") is False and any(k not in props for k in instance):
            return False
        if any(k in props and not valid(v, props[k], root) for k, v in instance.items()):
            return False
    if "anyOf" in schema and not any(valid(instance, s, root) for s in schema["anyOf"]):
        return False
    if "not" in schema and valid(instance, schema["not"], root):
        return False
    return not ("if" in schema and valid(instance, schema["if"], root) and not valid(instance, schema.get("then", {}), root))


def subschemas(schema: Any) -> Iterator[dict[str, Any]]:
    if isinstance(schema, dict):
        yield schema
        for key, value in schema.items():
            if key in ("properties", "definitions"):
                for sub in value.values():
                    yield from subschemas(sub)
            elif key not in ("enum", "const", "required"):
                yield from subschemas(value)
    elif isinstance(schema, list):
        for item in schema:
            yield from subschemas(item)


def as_editor_sees(data: Any) -> Any:
    """YAML as a language server sees it (YAML 1.2 core schema): dates are strings."""
    if isinstance(data, dict):
        return {k: as_editor_sees(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_editor_sees(v) for v in data]
    return data.isoformat() if isinstance(data, dt.date) else data


def load(path: Path) -> Any:
    return as_editor_sees(yaml.safe_load(path.read_text(encoding="utf-8")))


SCHEMA = json_schema()


def test_schema_is_json_and_round_trips() -> None:
    assert json.loads(json.dumps(SCHEMA, ensure_ascii=False)) == SCHEMA
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert [ref["$ref"] for ref in SCHEMA["anyOf"]] == [f"#/definitions/format{v}" for v in FORMATS]


def test_schema_uses_only_known_keywords() -> None:
    used = {key for sub in subschemas(SCHEMA) for key in sub}
    assert used <= KEYWORDS | ANNOTATIONS


def test_every_object_forbids_unknown_keys() -> None:
    objects = [s for s in subschemas(SCHEMA) if "properties" in s and "type" in s]
    conditions = [s for s in subschemas(SCHEMA) if "properties" in s and "type" not in s]
    assert len(objects) > 50
    assert conditions == [
        {"properties": {"year": {"minimum": 2008, "maximum": 2020}}},
        {"properties": {"year": {"minimum": 2021, "maximum": 2100}}},
    ]
    assert all(s["additionalProperties"] is False for s in objects)


@pytest.mark.parametrize("version", sorted(FORMATS))
def test_every_cell_is_declared_with_its_labels(version: str) -> None:
    fmt = FORMATS[version]
    schema = json_schema(version)
    assert schema["description"] == f"{fmt.version}年格式（{fmt.notice}）"
    for table in fmt.tables:
        node = schema["properties"][table.key]
        assert node["description"] == f"{table.name} {table.title}"
        for row in table.rows:
            row_schema = node
            for segment in row.key.split("."):
                row_schema = row_schema["properties"][segment]
            assert row_schema["description"] == row.full_label + (COMPUTED if row.total else "")
            assert set(row_schema["properties"]) == {c.key for c in row.columns} | ({row.unit_key} if row.unit_key else set())
            for col in row.columns:
                cell = row_schema["properties"][col.key]
                assert cell["description"].startswith(f"{row.label} · {col.label}")
                assert ("anyOf" in cell) == col.not_applicable


def test_group_rows_are_nested_with_their_label() -> None:
    withheld = SCHEMA["definitions"]["format2021"]["properties"]["applications"]["properties"]["withheld"]
    assert withheld["description"] == "（三）不予公开"
    assert "state_secret" in withheld["properties"]


@pytest.mark.parametrize("sample", sample_yamls(), ids=lambda p: p.stem)
def test_every_sample_is_valid(sample: Path) -> None:
    data = load(sample)
    assert valid(data, SCHEMA, SCHEMA)
    version = read_yaml(sample).report.spec.version  # type: ignore[union-attr]
    assert valid(data, json_schema(version), json_schema(version))


def broken(change: str) -> dict[str, Any]:
    data = load(EXAMPLE)
    if change == "unknown key":
        data["aplications"] = data.pop("applications")
    elif change == "negative count":
        data["applications"]["new"]["natural"] = -1
    elif change == "fraction":
        data["applications"]["new"]["natural"] = 2.5
    elif change == "slash in table 3":
        data["applications"]["new"]["natural"] = "/"
    elif change == "text in a count":
        data["reviews"]["reconsideration"]["upheld"] = "abc"
    elif change == "year out of range":
        data["year"] = 1999
    elif change == "other format's row":
        data["format"] = "2019"
    elif change == "2021 rows in a 2019 year without format":
        data["year"] = 2019
        del data["format"]
    elif change == "bad unit":
        data["proactive"]["admin_fees"]["amount_unit"] = "元"
    elif change == "unknown column":
        data["applications"]["new"]["natrual"] = 1
    elif change == "missing agency":
        del data["agency"]
    return data


@pytest.mark.parametrize(
    "change",
    [
        "unknown key",
        "negative count",
        "fraction",
        "slash in table 3",
        "text in a count",
        "year out of range",
        "other format's row",
        "2021 rows in a 2019 year without format",
        "bad unit",
        "unknown column",
        "missing agency",
    ],
)
def test_broken_input_is_invalid(change: str) -> None:
    assert valid(load(EXAMPLE), SCHEMA, SCHEMA)
    assert not valid(broken(change), SCHEMA, SCHEMA)


def test_slash_is_valid_in_table_2_and_format_may_be_a_number() -> None:
    data = load(EXAMPLE)
    data["proactive"]["licensing"]["decisions"] = "/"
    data["format"] = 2021
    assert valid(data, SCHEMA, SCHEMA)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_dumped_report_is_valid(report: Report) -> None:
    data = as_editor_sees(yaml.safe_load(dump_yaml(report)))
    assert valid(data, SCHEMA, SCHEMA)
