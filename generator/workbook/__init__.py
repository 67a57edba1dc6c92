"""The Excel workbook: the template officials fill in, the annotated copy, and plain row sheets."""

from __future__ import annotations

from .annotate import annotate
from .template import paragraph_rows, write_rows, write_template

__all__ = ["annotate", "paragraph_rows", "write_rows", "write_template"]
