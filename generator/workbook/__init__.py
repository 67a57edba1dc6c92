"""The Excel workbook: the template officials fill in, the annotated copy, and plain row sheets."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .annotate import annotate
    from .template import paragraph_rows, write_rows, write_template

__all__ = ["annotate", "paragraph_rows", "write_rows", "write_template"]

_LAZY = {"annotate": "annotate", "paragraph_rows": "template", "write_rows": "template", "write_template": "template"}


def __getattr__(name: str) -> Any:
    """Load openpyxl only when a workbook is written: the reader's modules here (layout, archive) need none of it."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value
