"""Finding codes every reader shares: what makes a report's year unreadable."""

from __future__ import annotations

from .registry import define

AREA = "reading"

YEAR_REQUIRED = define("YEAR-REQUIRED", "error", "缺少报告年度", "缺少报告年度{hint}", area=AREA)
YEAR_TYPE = define("YEAR-TYPE", "error", "报告年度不是整数年份", "报告年度应为整数年份，例如 2024，实际是{shown}", area=AREA)
