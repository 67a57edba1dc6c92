"""The YAML input (docs/data.md §2): read into a Report with the line and column of every value, and write back."""

from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode

from ..cells import LIMIT, QUANTITY, not_a_number, parse_date, parse_value, place, too_large
from ..codes.reading import YEAR_REQUIRED, YEAR_TYPE
from ..codes.registry import Code
from ..codes.values import VALUE_NEGATIVE, VALUE_NOT_INTEGER, VALUE_NOT_NUMBER
from ..codes.yaml import DATE_INVALID, KEY_DUPLICATE, KEY_TYPE, KEY_UNKNOWN, UNIT_INVALID
from ..fileio import decode_text, read_bytes
from ..findings import Finding, Source
from ..formats import FIRST_YEAR, FORMATS, Format, Row, Table, format_for_year
from ..report import Contact, InfoFees, Narrative, ReadResult, Report, Value
from ..schema import FIELD_LABELS, META_KEYS
from .yaml_nodes import (
    CONTACT,
    DECIMAL_INT,
    INFO_FEES,
    INT,
    NULL,
    SOURCES,
    STR,
    TEXT,
    TIMESTAMP,
    Entries,
    compose,
    declared_cells,
    key_paths,
    kind,
    number_or_text,
    row_keys,
    row_tree,
)
from .yaml_writer import dump_yaml

__all__ = ["compose", "dump_yaml", "read_yaml", "read_yaml_text"]

# ---------------------------------------------------------------- reading


def read_yaml(path: Path) -> ReadResult:
    """Read a YAML input file; a file that cannot be read at all raises InputError (exit code 2)."""
    text, encoding = decode_text(read_bytes(path), str(path))
    result = read_yaml_text(text, str(path))
    result.encoding = encoding
    return result


def read_yaml_text(text: str, file: str) -> ReadResult:
    """Read YAML text; ``file`` names it in findings and sources."""
    return _Reader(file).read(compose(text, file))


class _Reader:
    """One pass over the node tree, collecting findings and the source of every value."""

    def __init__(self, file: str):
        self.file = file
        self.findings: list[Finding] = []
        self.sources: dict[str, Source] = {}
        self.fmt: Format = format_for_year(FIRST_YEAR)

    # ------------------------------------------------------------ plumbing

    def source(self, node: Node) -> Source:
        return Source(file=self.file, line=node.start_mark.line + 1, column=node.start_mark.column + 1)

    def add(self, code: Code, node: Node, cell: str | None = None, **params: Any) -> None:
        self.findings.append(code(cell=cell, source=self.source(node), **params))

    def entries(self, node: MappingNode, path: str) -> Entries:
        out: Entries = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else f"（{kind(key_node)}）"
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.add(KEY_DUPLICATE, key_node, inside=self.inside(path), key=key, first=first)
                continue
            out[key] = (key_node, value_node)
        return out

    def section(self, node: Node, path: str, example: str = "") -> Entries:
        """The entries of a mapping section; null is an empty section, anything else a KEY-TYPE error."""
        if isinstance(node, MappingNode):
            return self.entries(node, path)
        if isinstance(node, ScalarNode) and node.tag == NULL:
            return {}
        self.add(KEY_TYPE, node, problem=f"“{path}”应为键值映射（mapping）{example}，实际是{kind(node)}")
        return {}

    @staticmethod
    def inside(path: str) -> str:
        return f"“{path}”中的" if path else ""

    def unknown(self, key: str, key_node: Node, allowed: list[str], path: str) -> None:
        full = f"{path}.{key}" if path else key
        other = next((v for v, f in FORMATS.items() if v != self.fmt.version and full in key_paths(v)), None)
        if other:
            hint = f"：这是{other}年格式的字段，本报告按{self.fmt.version}年格式读取"
        else:
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"，是否应为“{close[0]}”？" if close else f"，此处可用的字段：{'、'.join(allowed)}"
        self.add(KEY_UNKNOWN, key_node, inside=self.inside(path), key=key, hint=hint)

    def check_keys(self, entries: Entries, allowed: list[str], path: str) -> None:
        for key, (key_node, _) in entries.items():
            if key not in allowed:
                self.unknown(key, key_node, allowed, path)

    def string(self, entries: Entries, key: str, path: str) -> str | None:
        """A text field: its scalar's text, or None when absent or null."""
        if key not in entries:
            return None
        node = entries[key][1]
        self.sources[path] = self.source(node)
        if isinstance(node, ScalarNode):
            return None if node.tag == NULL else node.value
        self.add(KEY_TYPE, node, problem=f"“{path}”（{FIELD_LABELS.get(path, path)}）应为文字，实际是{kind(node)}")
        return None

    # ------------------------------------------------------------ the document

    def read(self, root: MappingNode) -> ReadResult:
        top = self.entries(root, "")
        year = self.year(top, root)
        version = self.version(top)
        if version in FORMATS:
            self.fmt = FORMATS[version]
        elif year is not None:
            self.fmt = format_for_year(year)
        else:
            self.fmt = self.guess_format(top)
        fmt = self.fmt
        allowed = [*META_KEYS, *(t.key for t in fmt.tables), *([INFO_FEES] if fmt.fee_sentence else []), SOURCES]
        self.check_keys(top, allowed, "")

        agency = self.string(top, "agency", "agency")
        self.sources.setdefault("agency", self.source(root))  # where the validator reports a missing agency
        title = self.string(top, "title", "title")
        signature = self.string(top, "signature", "signature")
        preface = self.string(top, "preface", "preface")
        date = self.date(top)
        contact = self.contact(top)
        text = self.narrative(top)
        cells: dict[str, Value] = {}
        units: dict[str, str] = {}
        for table in fmt.tables:
            if table.key in top:
                key_node, node = top[table.key]
                self.sources[table.key] = self.source(key_node)
                self.rows(row_tree(table), node, table.key, table, cells, units)
        info_fees = self.info_fees(top) if fmt.fee_sentence and INFO_FEES in top else None

        report = Report(
            agency=agency or "",
            year=year,
            format=version or fmt.version,
            title=title,
            date=date,
            signature=signature,
            preface="auto" if "preface" not in top else preface or "",
            contact=contact,
            text=text,
            cells=cells,
            units=units,
            info_fees=info_fees,
        )
        findings = sorted(self.findings, key=lambda f: (f.source.line, f.source.column) if f.source else (0, 0))  # in file order
        return ReadResult(report=report, findings=findings, sources=self.sources, file=self.file)

    def year(self, top: Entries, root: MappingNode) -> int | None:
        if "year" not in top:
            self.sources["year"] = self.source(root)
            self.add(YEAR_REQUIRED, root, hint="（year），例如 year: 2024")
            return None
        node = top["year"][1]
        self.sources["year"] = self.source(node)
        raw = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) and node.tag in (INT, STR) else ""
        if not DECIMAL_INT.fullmatch(raw) or len(raw) > 6:
            self.add(YEAR_TYPE, node, shown=kind(node))
            return None
        return int(raw)  # the validator checks the range

    def version(self, top: Entries) -> str | None:
        if "format" not in top:
            return None
        node = top["format"][1]
        self.sources["format"] = self.source(node)
        if isinstance(node, ScalarNode) and node.tag != NULL:
            return node.value.strip() or None
        if isinstance(node, ScalarNode):
            return None
        self.add(KEY_TYPE, node, problem=f"格式版本（format）应为{'或'.join(f'“{v}”' for v in FORMATS)}这样的文字，实际是{kind(node)}")
        return None

    def guess_format(self, top: Entries) -> Format:
        """Without a usable year or format: the format whose table keys the input uses most."""
        used: set[str] = set()

        def walk(node: Node, path: str, depth: int) -> None:
            if depth and isinstance(node, MappingNode):
                for key_node, value in node.value:
                    if isinstance(key_node, ScalarNode):
                        used.add(f"{path}.{key_node.value}")
                        walk(value, f"{path}.{key_node.value}", depth - 1)

        for key, (_, node) in top.items():
            used.add(key)
            walk(node, key, 3)
        return max(FORMATS.values(), key=lambda f: len(used & key_paths(f.version)))

    def date(self, top: Entries) -> dt.date | None:
        if "date" not in top:
            return None
        node = top["date"][1]
        self.sources["date"] = self.source(node)
        if isinstance(node, ScalarNode) and node.tag == NULL:
            return None
        raw = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) else ""
        date = parse_date(raw) or (parse_date(raw[:10]) if node.tag == TIMESTAMP else None)  # a timestamp's time is dropped
        if date is not None:
            return date
        self.add(DATE_INVALID, node, shown=kind(node))
        return None

    def contact(self, top: Entries) -> Contact | None:
        if CONTACT not in top:
            return None
        node = top[CONTACT][1]
        self.sources[CONTACT] = self.source(node)
        if isinstance(node, ScalarNode) and node.tag == NULL:
            return None
        entries = self.section(node, CONTACT, "，例如 {name: 张三, phone: 0580-0000000}")
        fields = list(Contact.model_fields)
        self.check_keys(entries, fields, CONTACT)
        return Contact(**{k: self.string(entries, k, f"{CONTACT}.{k}") for k in fields})

    def narrative(self, top: Entries) -> Narrative:
        if TEXT not in top:
            return Narrative()
        node = top[TEXT][1]
        self.sources[TEXT] = self.source(node)
        entries = self.section(node, TEXT)
        parts = [p.key for p in self.fmt.parts]
        self.check_keys(entries, parts, TEXT)
        return Narrative(**{k: self.string(entries, k, f"{TEXT}.{k}") or "" for k in parts if k in entries})

    # ------------------------------------------------------------ tables

    def rows(self, tree: dict[str, Any], node: Node, path: str, table: Table, cells: dict[str, Value], units: dict[str, str]) -> None:
        entries = self.section(node, path)
        for key, (key_node, value_node) in entries.items():
            sub = tree.get(key)
            where = f"{path}.{key}"
            if sub is None:
                self.unknown(key, key_node, list(tree), path)
            elif isinstance(sub, Row):
                self.row(sub, key_node, value_node, table, cells, units)
            else:
                self.sources[where] = self.source(key_node)
                self.rows(sub, value_node, where, table, cells, units)

    def row(self, row: Row, key_node: Node, node: Node, table: Table, cells: dict[str, Value], units: dict[str, str]) -> None:
        path = f"{table.key}.{row.key}"
        here = self.source(key_node)
        self.sources[path] = here
        for col in row.columns:  # an absent cell is located at its row
            self.sources[f"{path}.{col.key}"] = here
        example = f"，例如 {{{row.columns[0].key}: 0}}"
        entries = self.section(node, path, example)
        allowed = row_keys(row)
        for key, (k_node, v_node) in entries.items():
            if key not in allowed:
                self.unknown(key, k_node, allowed, path)
            elif key == row.unit_key:
                self.unit(row, v_node, path, units)
            else:
                self.cell(table.key, row, key, v_node, cells)

    def cell(self, table: str, row: Row, column: str, node: Node, cells: dict[str, Value]) -> None:
        cell = declared_cells(self.fmt.version)[f"{table}.{row.key}.{column}"]
        self.sources[cell.id] = self.source(node)
        if not isinstance(node, ScalarNode):
            self.add(KEY_TYPE, node, cell.id, problem=f"{place(cell)}：应为一个数字，实际是{kind(node)}")
            return
        parsed = parse_value(number_or_text(node), cell)
        if parsed.code:
            self.add(parsed.code, node, cell.id, **parsed.params)
        elif parsed.value is not None:
            cells[cell.id] = parsed.value

    def unit(self, row: Row, node: Node, path: str, units: dict[str, str]) -> None:
        assert row.unit_key
        self.sources[f"{path}.{row.unit_key}"] = self.source(node)
        raw = node.value.strip() if isinstance(node, ScalarNode) and node.tag != NULL else None
        if raw is None and isinstance(node, ScalarNode):
            return
        if raw not in row.units:
            allowed = "或".join(f"“{u}”" for u in row.units)
            self.add(UNIT_INVALID, node, label=row.label, key=row.unit_key, allowed=allowed, shown=kind(node))
            return
        for col in row.columns:
            if col.kind == "amount" and not col.unit:
                units[f"{path}.{col.key}"] = raw

    # ------------------------------------------------------------ 信息处理费

    def info_fees(self, top: Entries) -> InfoFees | None:
        node = top[INFO_FEES][1]
        self.sources[INFO_FEES] = self.source(node)
        if isinstance(node, ScalarNode) and node.tag == NULL:
            return None
        entries = self.section(node, INFO_FEES)
        fields = list(InfoFees.model_fields)
        self.check_keys(entries, fields, INFO_FEES)
        data: dict[str, Any] = {}
        nodes: dict[str, Node] = {}
        for key in fields:
            if key not in entries:
                continue
            value_node = nodes[key] = entries[key][1]
            self.sources[f"{INFO_FEES}.{key}"] = self.source(value_node)
            if not isinstance(value_node, ScalarNode):
                self.fee_error(key, VALUE_NOT_NUMBER, value_node, reason=f"应为数字，实际是{kind(value_node)}")
                continue
            value = number_or_text(value_node)
            if isinstance(value, Decimal) and abs(value) >= LIMIT:
                self.fee_error(key, VALUE_NOT_NUMBER, value_node, reason=too_large(value))
            elif value is not None:
                data[key] = value
        try:
            return InfoFees.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                key = str(error["loc"][0])
                value = data.get(key)
                quantity = QUANTITY["count" if key == "notices" else "amount"]
                if error["type"] == "greater_than_equal":
                    self.fee_error(key, VALUE_NEGATIVE, nodes[key], quantity=quantity, value=value)
                elif isinstance(value, Decimal) and error["type"].startswith("int"):
                    self.fee_error(key, VALUE_NOT_INTEGER, nodes[key], quantity=quantity, value=value)
                else:
                    self.fee_error(key, VALUE_NOT_NUMBER, nodes[key], reason=not_a_number(str(value), "数字"))
            return None

    def fee_error(self, key: str, code: Code, node: Node, **params: Any) -> None:
        path = f"{INFO_FEES}.{key}"
        self.add(code, node, place=f"信息处理费“{FIELD_LABELS.get(path, key)}”（{path}）", **params)
