"""Document properties within their limits: a .docx core property holds at most 255 characters."""

from __future__ import annotations

DOCX_PROPERTY_LIMIT = 255


def docx_property(text: str, limit: int = DOCX_PROPERTY_LIMIT) -> str:
    """``text`` cut to ``limit`` characters (ending in …) — only the property is shortened, never the report."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
