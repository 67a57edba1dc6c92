"""The report model every reader produces and every renderer consumes."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .findings import Finding, Source
from .formats import FORMATS, LAST_YEAR, Format, format_for_year
from .title import REPORT_NAME

NOT_APPLICABLE = "/"
Value = int | Decimal | Literal["/"]
FORBID_EXTRA = ConfigDict(extra="forbid")  # unknown keys are errors


class Contact(BaseModel):
    """填报人 and how to reach them."""

    model_config = FORBID_EXTRA

    name: str | None = None
    phone: str | None = None


class InfoFees(BaseModel):
    """信息处理费 figures reported in part 六 (2021 format)."""

    model_config = FORBID_EXTRA

    notices: int = Field(default=0, ge=0, description="发出收费通知件数（件）")
    notice_amount: Decimal = Field(default=Decimal(0), ge=0, description="收费通知总金额（元）")
    collected: Decimal = Field(default=Decimal(0), ge=0, description="实际收取金额（元）")


class Narrative(BaseModel):
    """The narrative of each part; paragraphs are separated by a blank line."""

    model_config = FORBID_EXTRA

    overview: str = ""
    proactive: str = ""
    applications: str = ""
    reviews: str = ""
    problems: str = ""
    other_matters: str = ""

    def paragraphs(self, part: str) -> list[str]:
        return split_paragraphs(getattr(self, part))


class Report(BaseModel):
    """One report: metadata, narrative and the given table cells by cell id.

    ``cells`` holds what the input gave (leaf cells and any totals it typed); totals that
    were not given are computed by :func:`generator.values.complete`.
    """

    agency: str
    year: int | None  # None only when a reader could not read it (and said so in a finding)
    format: str
    title: str | None = None
    date: dt.date | None = None
    signature: str | None = None
    preface: str = "auto"
    contact: Contact | None = None
    text: Narrative = Field(default_factory=Narrative)
    cells: dict[str, Value] = Field(default_factory=dict)
    units: dict[str, str] = Field(default_factory=dict, description="各金额单元格声明的单位（元或万元）")
    info_fees: InfoFees | None = None

    @property
    def spec(self) -> Format:
        """The declared format of this report (the year's default if the version is unknown)."""
        return FORMATS.get(self.format) or format_for_year(self.year if self.year is not None else LAST_YEAR)

    @property
    def display_title(self) -> str:
        return self.title or f"{self.agency}{self.year}年{REPORT_NAME}"

    @property
    def display_signature(self) -> str:
        return self.signature or self.agency


class ReadResult(BaseModel):
    """What every reader returns: the report, the reading problems it met, and where each cell and field stood.

    The same for every reader (YAML, workbook, published report):

    - a file that cannot be read at all raises :class:`generator.errors.InputError` (exit code 2);
    - otherwise ``report`` holds everything that could be read; a value that could not be read is left out
      and named in ``findings`` (its VALUE-* or reader code), never guessed;
    - a missing year gives ``year=None`` with YEAR-REQUIRED, an unreadable one ``year=None`` with YEAR-TYPE
      (a published report first looks for the year in its title, text and date, and warns IMPORT-YEAR-MISSING
      when it has to assume one); the range of a year, the agency and every other rule are the validator's;
    - ``report`` is None only when the fields cannot form a Report at all.
    """

    report: Report | None
    findings: list[Finding] = Field(default_factory=list)
    sources: dict[str, Source] = Field(default_factory=dict)  # cell id or field path -> location
    file: str = ""
    encoding: str | None = None  # the encoding a text input was decoded in (None for binary formats)
    read: list[str] | None = None  # cells placed from a published document (values, printed blanks); None: all the input's own


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a narrative, from any reader: blocks separated by blank (or whitespace-only) lines, lines inside a block joined."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        para = "".join(line.strip() for line in block.splitlines())
        if para:
            out.append(para)
    return out


def chinese_date(value: dt.date) -> str:
    """``2020年1月17日``: Arabic digits, no leading zeros."""
    return f"{value.year}年{value.month}月{value.day}日"
