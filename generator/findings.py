"""Check results as data: a Finding names a stable code, a severity, a cell and where it came from."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_serializer

Severity = Literal["error", "warning"]


class Source(BaseModel):
    """Where a value came from: a file, and a sheet and A1 ref, or a line and column."""

    model_config = ConfigDict(frozen=True)

    file: str | None = None
    sheet: str | None = None
    ref: str | None = None
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """A short Chinese location, e.g. ``input.xlsx 三、依申请公开!J30`` or ``a.yaml 第3行第5列``."""
        where = []
        if self.file:
            where.append(self.file)
        if self.sheet:
            where.append(f"{self.sheet}!{self.ref}" if self.ref else self.sheet)
        elif self.ref:
            where.append(self.ref)
        if self.line is not None:
            where.append(f"第{self.line}行" + (f"第{self.column}列" if self.column is not None else ""))
        return " ".join(where)


class Finding(BaseModel):
    """One check result."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    cell: str | None = None
    source: Source | None = None
    expected: Any = None
    actual: Any = None
    related: tuple[str, ...] = Field(default=(), description="other cells the rule involves")

    @field_serializer("expected", "actual")
    def plain_number(self, value: Any) -> Any:
        """Expected and actual numbers are dumped as plain numbers."""
        if isinstance(value, Decimal):
            return int(value) if value == value.to_integral_value() else float(value)
        return value

    def line(self) -> str:
        """The finding as one console line: ``错误 T3-BALANCE a.yaml 第3行：…``."""
        kind = "错误" if self.severity == "error" else "警告"
        where = self.source.describe() if self.source else ""
        return f"{kind} {self.code} {where}：{self.message}" if where else f"{kind} {self.code}：{self.message}"


def errors(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error"]


def summary(findings: list[Finding]) -> dict[str, int]:
    return {
        "errors": sum(f.severity == "error" for f in findings),
        "warnings": sum(f.severity == "warning" for f in findings),
    }


class FindingCounts:
    """``errors`` and ``warnings``: how many of a record's ``findings`` have each severity."""

    findings: list[Finding]

    @property
    def errors(self) -> int:
        return summary(self.findings)["errors"]

    @property
    def warnings(self) -> int:
        return summary(self.findings)["warnings"]
