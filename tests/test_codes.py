"""The finding code registry: every code defined once, complete, and the one every emitter and declaration uses."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string

import pytest

import generator.codes
from generator.codes import REGISTRY, Code, define, markdown_table
from generator.formats import FORMATS, carry_rules

ID = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+")


def area_codes() -> dict[str, Code]:
    """Every Code object bound to a name in an area module of generator.codes."""
    out: dict[str, Code] = {}
    for info in pkgutil.iter_modules(generator.codes.__path__):
        module = importlib.import_module(f"generator.codes.{info.name}")
        out.update({f"{info.name}.{name}": value for name, value in vars(module).items() if isinstance(value, Code)})
    return out


def test_every_code_is_complete() -> None:
    assert len(REGISTRY) >= 60
    for code in REGISTRY.values():
        assert ID.fullmatch(code.id), code.id
        assert code.severity in ("error", "warning")
        assert code.description.strip() and code.template.strip() and code.area
        assert "警告" not in code.description, "the severity column says it"
        list(string.Formatter().parse(code.template))  # a valid template


def test_every_defined_code_is_registered_under_its_id() -> None:
    defined = area_codes()
    assert defined
    for name, code in defined.items():
        assert REGISTRY[code.id] is code, name


def test_a_code_is_defined_once() -> None:
    some = next(iter(REGISTRY))
    with pytest.raises(ValueError, match="defined twice"):
        define(some, "error", "重复", "重复", area="test")


def test_rules_of_the_declarations_use_registered_codes() -> None:
    for fmt in FORMATS.values():
        for rule in (*fmt.rules, *fmt.soft_rules, *carry_rules(fmt)):
            assert REGISTRY[rule.code.id] is rule.code
    soft = {r.code.severity for fmt in FORMATS.values() for r in fmt.soft_rules}
    assert soft == {"warning"}


def test_calling_a_code_makes_its_finding() -> None:
    code = REGISTRY["YEAR-RANGE"]
    finding = code(cell=None, actual=1999, year=1999, first=2008, last=2100)
    assert (finding.code, finding.severity, finding.message, finding.actual) == (
        "YEAR-RANGE",
        "error",
        "报告年度“1999”不在2008至2100年之间",
        1999,
    )


def test_the_table_lists_every_code_once() -> None:
    table = markdown_table()
    for code_id in REGISTRY:
        assert table.count(f"`{code_id}`") == 1
