"""Facts about the report shared by both format versions: the years a report may cover, how dates are written."""

from __future__ import annotations

FIRST_YEAR = 2008  # 《政府信息公开条例》 took effect on 1 May 2008
LAST_YEAR = 2100
DATE_PATTERN = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"  # 2020年1月17日, 2020-01-17, 2020/1/17, 2020.1.17
WAN_YUAN = "万元"
AMOUNT_UNITS = ("元", WAN_YUAN)  # the units an amount column without a printed unit may be declared in
SHEET_NAMES = {"proactive": "主动公开", "applications": "依申请公开", "reviews": "复议诉讼"}  # short table names (workbook sheets)
UNIT_PATTERN = "|".join(sorted(AMOUNT_UNITS, key=len, reverse=True))  # for regular expressions: 万元|元
