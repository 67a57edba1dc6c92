"""The code registry's building block: a Code knows its id, severity, description and message template."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..findings import Finding, Severity, Source

REGISTRY: dict[str, Code] = {}


@dataclass(frozen=True)
class Code:
    """One finding code. Calling it makes a Finding whose message is the template filled with ``params``."""

    id: str
    severity: Severity
    description: str
    template: str
    area: str

    def message(self, **params: Any) -> str:
        """The Chinese message for these parameters."""
        return self.template.format(**params)

    def __call__(
        self,
        *,
        cell: str | None = None,
        source: Source | None = None,
        expected: Any = None,
        actual: Any = None,
        related: Iterable[str] = (),
        **params: Any,
    ) -> Finding:
        return Finding(
            code=self.id,
            severity=self.severity,
            message=self.message(**params),
            cell=cell,
            source=source,
            expected=expected,
            actual=actual,
            related=tuple(related),
        )


def define(id: str, severity: Severity, description: str, template: str, *, area: str) -> Code:
    """Register a code; an id defined twice is a programming error caught at import."""
    if id in REGISTRY:
        raise ValueError(f"finding code {id} defined twice")
    code = Code(id, severity, description, template, area)
    REGISTRY[id] = code
    return code


def lookup(id: str) -> Code:
    """The registered code ``id`` (KeyError for an unknown id)."""
    return REGISTRY[id]


def markdown_table() -> str:
    """The table of codes shown in the README and docs."""
    lines = ["| code | severity | meaning | area |", "|---|---|---|---|"]
    lines += [f"| `{c.id}` | {'错误' if c.severity == 'error' else '警告'} | {c.description} | {c.area} |" for c in REGISTRY.values()]
    return "\n".join(lines)
