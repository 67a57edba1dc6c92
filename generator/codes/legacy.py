"""Codes still kept in per-module CODES dicts, until each is moved into an area module of this package."""

from __future__ import annotations

import importlib

EMITTERS = (
    "generator.validate",
    "generator.cells",
    "generator.readers.yaml_reader",
    "generator.readers.xlsx_reader",
    "generator.readers.published",
)


def legacy_rows() -> list[str]:
    """Markdown rows for the codes not yet in the registry."""
    seen: dict[str, tuple[str, str]] = {}
    for name in EMITTERS:
        module = importlib.import_module(name)
        for code, description in getattr(module, "CODES", {}).items():
            seen.setdefault(code, (description, name.removeprefix("generator.")))
    return [f"| `{code}` | {'警告' if '警告' in d else '错误'} | {d} | {m} |" for code, (d, m) in seen.items()]
