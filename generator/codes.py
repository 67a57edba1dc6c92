"""Every finding code reportgen emits, with a one-line Chinese description, gathered from the modules that emit them."""

from __future__ import annotations

import importlib

# modules that define a CODES dict; later ones may not redefine an earlier code with another meaning
EMITTERS = (
    "generator.validate",
    "generator.cells",
    "generator.readers.yaml_reader",
    "generator.readers.xlsx_reader",
    "generator.readers.published",
)


def all_codes() -> dict[str, tuple[str, str]]:
    """code → (description, emitting module), in the order the modules list them."""
    out: dict[str, tuple[str, str]] = {}
    for name in EMITTERS:
        module = importlib.import_module(name)
        for code, description in getattr(module, "CODES", {}).items():
            out.setdefault(code, (description, name.removeprefix("generator.")))
    return out


def markdown_table() -> str:
    """The README's table of codes."""
    lines = ["| code | meaning | from |", "|---|---|---|"]
    lines += [f"| `{code}` | {description} | `{module}` |" for code, (description, module) in all_codes().items()]
    return "\n".join(lines)
