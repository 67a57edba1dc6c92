"""Every finding code reportgen emits, each defined once in one of this package's area modules."""

from __future__ import annotations

from . import audit, collect, output, published, reading, validation, values, xlsx, yaml  # noqa: F401  (importing registers the codes)
from .registry import REGISTRY, Code, define, lookup, markdown_table

__all__ = ["REGISTRY", "Code", "define", "lookup", "markdown_table"]
