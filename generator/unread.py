"""Which rules a published report's cells let the validator check: only those whose every cell was read."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from .codes.published import IMPORT_UNCHECKED
from .findings import Finding
from .formats import TABLE_NAMES, Format, SumRule

LIST_LIMIT = 8


@dataclass
class ReadCells:
    """The cells placed from the document (a value or a printed blank); a total counts when all its parts do.

    ``read`` is None for inputs whose every cell is the input's own (YAML, workbook): then every cell counts.
    """

    fmt: Format
    read: Collection[str] | None
    skipped: dict[str, list[tuple[str, str, list[str]]]] = field(default_factory=dict)  # table -> (rule, its cell, unread)

    def __post_init__(self) -> None:
        self._defining = {r.left[0]: r for r in self.fmt.rules if r.computes}
        self._cache: dict[str, bool] = {}

    def known(self, cell: str) -> bool:
        """The validator derives every total from its leaf cells: a total is known when its parts are."""
        if self.read is None:
            return True
        if cell not in self._cache:
            self._cache[cell] = False  # a cycle never makes a cell read
            rule = self._defining.get(cell)
            self._cache[cell] = all(self.known(c) for c in rule.right) if rule is not None else cell in self.read
        return self._cache[cell]

    def unread(self, cells: Iterable[str]) -> list[str]:
        """The leaf cells among ``cells`` (totals expanded into their parts) that the document did not give."""
        out: list[str] = []
        for cell in cells:
            if self.known(cell):
                continue
            rule = self._defining.get(cell)
            out.extend(self.unread(rule.right) if rule is not None else [cell])
        return list(dict.fromkeys(out))

    def allows(self, name: str, cell: str, cells: Iterable[str]) -> bool:
        """True when every cell is read; otherwise the rule ``name`` (located at ``cell``) is noted as unchecked."""
        missing = self.unread(cells)
        if not missing:
            return True
        self.skipped.setdefault(cell.split(".", 1)[0], []).append((name, cell, missing))
        return False

    def allows_rule(self, rule: SumRule) -> bool:
        """A computed total is compared as printed (so it must be read itself), every other cell as derived."""
        if not rule.computes:
            return self.allows(rule.code.id, rule.cell, (*rule.left, *rule.right))
        total = rule.left[0]
        if self.read is not None and total not in self.read:
            self.skipped.setdefault(total.split(".", 1)[0], []).append((rule.code.id, total, [total]))
            return False
        return self.allows(rule.code.id, total, rule.right)

    def findings(self) -> list[Finding]:
        """One warning per table: the rules that could not be checked and the rows whose cells were not read."""
        cells = self.fmt.cells()
        out: list[Finding] = []
        for table in self.fmt.tables:
            skipped = self.skipped.get(table.key)
            if not skipped:
                continue
            per_code = Counter(name for name, _, _ in skipped)
            rules = [f"{name}（{count} 条）" for name, count in per_code.items()]
            unread = list(dict.fromkeys(c for _, _, missing in skipped for c in missing))
            rows = list(dict.fromkeys(f"{TABLE_NAMES[cells[c].table]}“{cells[c].row.label}”" for c in unread))
            out.append(
                IMPORT_UNCHECKED(
                    cell=unread[0],
                    related=unread,
                    actual=len(skipped),
                    table=TABLE_NAMES[table.key],
                    count=len(skipped),
                    rules=_listed(rules),
                    rows=_listed(rows),
                )
            )
        return out


def _listed(items: list[str]) -> str:
    return "、".join(items[:LIST_LIMIT]) + (f"等 {len(items)} 项" if len(items) > LIST_LIMIT else "")
