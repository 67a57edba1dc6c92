"""Finding codes for writing outputs and command-line input."""

from __future__ import annotations

from .registry import define  # noqa: F401  (used as codes are added)

AREA = "output"

# Define each code once, e.g.:
# OUTPUT_EXISTS = define("OUTPUT-EXISTS", "error", "一句话说明", "带{参数}的消息模板", area=AREA)
