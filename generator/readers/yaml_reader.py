"""The YAML input (DATA.md §2): read into a Report with the line and column of every value, and write back."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..cells import LIMIT, VALUE_NEGATIVE, VALUE_NOT_INTEGER, VALUE_NOT_NUMBER, parse_value, place
from ..errors import InputError
from ..fileio import read_text
from ..findings import Finding, Source
from ..formats import FORMATS, Cell, Format, Row, Table, format_for_year
from ..report import NOT_APPLICABLE, Contact, InfoFees, Narrative, ReadResult, Report, Value
from ..schema import DATE_PATTERN, FIELD_LABELS, META_KEYS
from ..validate import AGENCY_REQUIRED, FIRST_YEAR, FORMAT_UNKNOWN, LAST_YEAR, YEAR_RANGE

KEY_UNKNOWN = "KEY-UNKNOWN"
KEY_TYPE = "KEY-TYPE"
KEY_DUPLICATE = "KEY-DUPLICATE"
YEAR_REQUIRED = "YEAR-REQUIRED"
YEAR_TYPE = "YEAR-TYPE"
DATE_INVALID = "DATE-INVALID"
UNIT_INVALID = "UNIT-INVALID"
CODES: dict[str, str] = {
    KEY_UNKNOWN: "未知字段（附“是否应为”提示）",
    KEY_TYPE: "字段的类型不对，如应为键值映射却是列表",
    KEY_DUPLICATE: "同一层中字段重复出现",
    YEAR_REQUIRED: "缺少报告年度",
    YEAR_TYPE: "报告年度不是整数",
    DATE_INVALID: "成文日期不是有效日期",
    UNIT_INVALID: "金额单位不是允许的单位",
}

INFO_FEES = "info_fees"
SOURCES = "sources"  # an aggregate lists the units it sums here; not part of the report
CONTACT = "contact"
TEXT = "text"
STR = "tag:yaml.org,2002:str"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
TIMESTAMP = "tag:yaml.org,2002:timestamp"
MAP = "tag:yaml.org,2002:map"
DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
DATE_TEXT = re.compile(DATE_PATTERN)
OPEN_ENDED = "...\n"  # after a block scalar that keeps its trailing newlines; the next key ends it as well
FLOW_OPENERS_FOR_C = 2000  # libyaml's composer recurses in C: with more flow openers, check the depth first
MAX_DEPTH = 100  # a report nests 4 levels deep
TOO_DEEP = f"YAML 嵌套层次过深（超过{MAX_DEPTH}层），无法读取"
SYNTAX_HINTS = (  # libyaml and pure-Python wordings of the common mistakes
    ("mapping values are not allowed", "此处不能出现“键: 值”（缩进可能有误，或值中的冒号需要加引号）"),
    ("cannot start any token", "不能用制表符（Tab）或此字符开头，请用空格缩进"),
    ("expected <block end>", "缩进不一致"),
    ("did not find expected key", "缩进不一致"),
    ("did not find expected '-' indicator", "缩进不一致"),
    ("could not find expected ':'", "缺少冒号“:”"),
    ("found unexpected end of stream", "引号没有闭合"),
    ("expected ',' or '}'", "花括号 {…} 中缺少逗号或右花括号"),
    ("expected ',' or ']'", "方括号 […] 中缺少逗号或右方括号"),
    ("found undefined alias", "引用了未定义的锚点（*）"),
    ("but found another document", "文件中只能有一个 YAML 文档（多了一个“---”）"),
    ("did not find expected node content", "此处缺少内容（括号或列表可能没有写完）"),
    ("found character that cannot start any token", "不能用制表符（Tab）或此字符开头，请用空格缩进"),
)
UNKNOWN_SYNTAX = "格式不正确"


# ---------------------------------------------------------------- reading


def read_yaml(path: Path) -> ReadResult:
    """Read a YAML input file; a file that cannot be read at all raises InputError (exit code 2)."""
    return read_yaml_text(read_text(path), str(path))


def read_yaml_text(text: str, file: str) -> ReadResult:
    """Read YAML text; ``file`` names it in findings and sources."""
    return _Reader(file).read(compose(text, file))


def compose(text: str, file: str) -> MappingNode:
    """The node tree of a single YAML document whose top level is a mapping (safe: nothing is constructed)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        if loader is not yaml.SafeLoader and text.count("[") + text.count("{") >= FLOW_OPENERS_FOR_C:
            check_depth(text, loader)
        root = yaml.compose(text, Loader=loader)  # a safe loader; compose constructs nothing
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"（第{mark.line + 1}行第{mark.column + 1}列）" if mark else ""
        problem = exc.problem or exc.context or ""
        hint = next((zh for en, zh in SYNTAX_HINTS if en in problem), f"{UNKNOWN_SYNTAX}（{problem}）" if problem else UNKNOWN_SYNTAX)
        raise InputError(f"YAML 语法错误{where}：{hint}", file) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise InputError(f"YAML 语法错误（第{line}行第{column}列）：不能包含控制字符（#x{exc.character:04x}）", file) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 语法错误：{exc}", file) from None
    except RecursionError:
        raise InputError(TOO_DEEP, file) from None
    if not isinstance(root, MappingNode):
        raise InputError(f"顶层应为键值映射（mapping），实际是{kind(root)}", file)
    return root


def check_depth(text: str, loader: type) -> None:
    """Refuse nesting deeper than MAX_DEPTH, using the event parser (which, unlike the composer, does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise RecursionError
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def kind(node: Node | None) -> str:
    """A node's kind in Chinese, for messages."""
    if node is None:
        return "空文件"
    if isinstance(node, MappingNode):
        return "键值映射"
    if isinstance(node, SequenceNode):
        return "列表"
    shown = node.value if len(node.value) <= 30 else node.value[:30] + "…"
    return {
        NULL: "空值",
        INT: f"整数 {shown}",
        FLOAT: f"数字 {shown}",
        TIMESTAMP: f"日期 {shown}",
        "tag:yaml.org,2002:bool": f"是/否值 {shown}",
    }.get(node.tag, f"文字“{shown}”")


def number_or_text(node: ScalarNode) -> Decimal | str | None:
    """A scalar as a number when YAML typed it as one (exactly, from its text), else its text; null is None."""
    if node.tag == NULL:
        return None
    raw = node.value.replace("_", "")
    if node.tag == INT and DECIMAL_INT.fullmatch(raw):
        return Decimal(raw)  # decimal even with leading zeros (YAML 1.1 would read 010 as octal 8)
    if node.tag == FLOAT:
        try:
            number = Decimal(raw)
        except InvalidOperation:
            return node.value
        return number if number.is_finite() else node.value
    return node.value


@cache
def key_paths(version: str) -> frozenset[str]:
    """Every dotted key path the YAML of format ``version`` may contain."""
    fmt = FORMATS[version]
    paths = set(META_KEYS) | {f"{CONTACT}.{k}" for k in Contact.model_fields} | {f"{TEXT}.{p.key}" for p in fmt.parts}
    if fmt.fee_sentence:
        paths |= {INFO_FEES} | {f"{INFO_FEES}.{k}" for k in InfoFees.model_fields}
    for table in fmt.tables:
        paths.add(table.key)
        for row in table.rows:
            parts = row.key.split(".")
            paths |= {".".join((table.key, *parts[: i + 1])) for i in range(len(parts))}
            paths |= {f"{table.key}.{row.key}.{key}" for key in row_keys(row)}
    return frozenset(paths)


@cache
def declared_cells(version: str) -> dict[str, Cell]:
    return FORMATS[version].cells()


def row_keys(row: Row) -> list[str]:
    return [c.key for c in row.columns] + ([row.unit_key] if row.unit_key else [])


def row_tree(table: Table) -> dict[str, Any]:
    """The rows of a table as nested mappings keyed by the segments of their ids."""
    tree: dict[str, Any] = {}
    for row in table.rows:
        *groups, last = row.key.split(".")
        node = tree
        for segment in groups:
            node = node.setdefault(segment, {})
        node[last] = row
    return tree


Entries = dict[str, tuple[Node, Node]]


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

    def add(self, code: str, message: str, node: Node, cell: str | None = None) -> None:
        self.findings.append(Finding(code=code, severity="error", message=message, cell=cell, source=self.source(node)))

    def entries(self, node: MappingNode, path: str) -> Entries:
        out: Entries = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else f"（{kind(key_node)}）"
            if key in out:
                first = out[key][0].start_mark.line + 1
                self.add(KEY_DUPLICATE, f"{self.inside(path)}字段“{key}”重复出现（第一次在第{first}行），只保留第一次的值", key_node)
                continue
            out[key] = (key_node, value_node)
        return out

    def section(self, node: Node, path: str, example: str = "") -> Entries:
        """The entries of a mapping section; null is an empty section, anything else a KEY-TYPE error."""
        if isinstance(node, MappingNode):
            return self.entries(node, path)
        if isinstance(node, ScalarNode) and node.tag == NULL:
            return {}
        self.add(KEY_TYPE, f"“{path}”应为键值映射（mapping）{example}，实际是{kind(node)}", node)
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
        self.add(KEY_UNKNOWN, f"{self.inside(path)}未知字段“{key}”{hint}", key_node)

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
        self.add(KEY_TYPE, f"“{path}”（{FIELD_LABELS.get(path, path)}）应为文字，实际是{kind(node)}", node)
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
        if version is not None and version not in FORMATS:
            known = "、".join(f"“{v}”" for v in FORMATS)
            self.add(FORMAT_UNKNOWN, f"未知的格式版本“{version}”：应为{known}；以下按{self.fmt.version}年格式检查", top["format"][1])
        fmt = self.fmt
        allowed = [*META_KEYS, *(t.key for t in fmt.tables), *([INFO_FEES] if fmt.fee_sentence else []), SOURCES]
        self.check_keys(top, allowed, "")

        agency = self.string(top, "agency", "agency")
        if not (agency or "").strip():
            self.add(AGENCY_REQUIRED, "缺少机关名称（agency）", top["agency"][1] if "agency" in top else root)
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

        report = None
        if year is not None:
            try:
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
            except ValidationError as exc:  # pragma: no cover - every field was checked above
                self.add(KEY_TYPE, f"无法组成报告：{exc.error_count()}处字段类型不对", root)
        findings = sorted(self.findings, key=lambda f: (f.source.line, f.source.column) if f.source else (0, 0))  # in file order
        return ReadResult(report=report, findings=findings, sources=self.sources, file=self.file)

    def year(self, top: Entries, root: MappingNode) -> int | None:
        if "year" not in top:
            self.add(YEAR_REQUIRED, "缺少报告年度（year），例如 year: 2024", root)
            return None
        node = top["year"][1]
        self.sources["year"] = self.source(node)
        raw = unicodedata.normalize("NFKC", node.value).strip() if isinstance(node, ScalarNode) and node.tag in (INT, STR) else ""
        if not DECIMAL_INT.fullmatch(raw) or len(raw) > 6:
            self.add(YEAR_TYPE, f"报告年度（year）应为整数年份，例如 2024，实际是{kind(node)}", node)
            return None
        year = int(raw)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            self.add(YEAR_RANGE, f"报告年度“{year}”不在{FIRST_YEAR}至{LAST_YEAR}年之间", node)
        return year

    def version(self, top: Entries) -> str | None:
        if "format" not in top:
            return None
        node = top["format"][1]
        self.sources["format"] = self.source(node)
        if isinstance(node, ScalarNode) and node.tag != NULL:
            return node.value.strip() or None
        if isinstance(node, ScalarNode):
            return None
        self.add(KEY_TYPE, f"格式版本（format）应为“2019”或“2021”这样的文字，实际是{kind(node)}", node)
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
        match = DATE_TEXT.fullmatch(raw) or (DATE_TEXT.match(raw) if node.tag == TIMESTAMP else None)
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                pass
        self.add(DATE_INVALID, f"成文日期（date）应为有效日期，例如 2020-01-17，实际是{kind(node)}", node)
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
            self.add(KEY_TYPE, f"{place(cell)}：应为一个数字，实际是{kind(node)}", node, cell.id)
            return
        parsed = parse_value(number_or_text(node), cell)
        if parsed.code:
            self.add(parsed.code, parsed.message or "", node, cell.id)
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
            self.add(UNIT_INVALID, f"“{row.label}”的金额单位（{row.unit_key}）应为{allowed}，实际是{kind(node)}", node)
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
                self.fee_error(key, VALUE_NOT_NUMBER, f"应为数字，实际是{kind(value_node)}", value_node)
                continue
            value = number_or_text(value_node)
            if isinstance(value, Decimal) and abs(value) >= LIMIT:
                self.fee_error(key, VALUE_NOT_NUMBER, "数值大得不合理，请检查", value_node)
            elif value is not None:
                data[key] = value
        try:
            return InfoFees.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                key = str(error["loc"][0])
                value = data.get(key)
                if error["type"] == "greater_than_equal":
                    self.fee_error(key, VALUE_NEGATIVE, "不能为负数", nodes[key])
                elif isinstance(value, Decimal) and error["type"].startswith("int"):
                    self.fee_error(key, VALUE_NOT_INTEGER, f"（{value}）应为整数", nodes[key])
                else:
                    self.fee_error(key, VALUE_NOT_NUMBER, f"“{value}”不是数字", nodes[key])
            return None

    def fee_error(self, key: str, code: str, reason: str, node: Node) -> None:
        path = f"{INFO_FEES}.{key}"
        self.add(code, f"信息处理费“{FIELD_LABELS.get(path, key)}”（{path}）：{reason}", node)


# ---------------------------------------------------------------- writing


def dump_yaml(report: Report) -> str:
    """``report`` as YAML in the DATA.md §2 layout; reading it back gives an equal Report."""
    fmt = report.spec
    meta: list[tuple[str, Node]] = [
        ("agency", _text(report.agency)),
        ("year", _scalar(report.year)),
        ("format", ScalarNode(STR, report.format, style='"')),
    ]
    for key in ("title", "date", "signature"):
        value = getattr(report, key)
        if value is not None:
            meta.append((key, _scalar(value)))
    meta.append(("preface", _text(report.preface, block=True)))
    if report.contact is not None:
        fields = report.contact.model_dump(exclude_none=True)
        meta.append((CONTACT, _mapping([(k, _text(v)) for k, v in fields.items()], flow=True)))
    sections: list[list[tuple[str, Node]]] = [
        meta,
        [(TEXT, _mapping([(p.key, _text(getattr(report.text, p.key), block=True)) for p in fmt.parts]))],
    ]
    for key, tree in _table_trees(report, fmt).items():
        sections.append([(key, _tree_node(tree))])
    if report.info_fees is not None:
        sections.append([(INFO_FEES, _mapping([(k, _scalar(v)) for k, v in report.info_fees.model_dump().items()]))])
    out = ""
    for pairs in sections:
        if out and not out.endswith(OPEN_ENDED):
            out += "\n"  # a blank line between sections
        out = out.removesuffix(OPEN_ENDED) + _serialize(pairs)
    return out.removesuffix(OPEN_ENDED)


def _table_trees(report: Report, fmt: Format) -> dict[str, dict[str, Any]]:
    """Per table, the rows as nested dicts of row-id segments, each row a dict of column → value; every row listed."""
    trees: dict[str, dict[str, Any]] = {}
    declared = fmt.cells()
    for table in fmt.tables:
        tree = trees.setdefault(table.key, {})
        for row in table.rows:
            leaf = _leaf(tree, row.key)
            for col in row.columns:
                cell_id = f"{table.key}.{row.key}.{col.key}"
                if cell_id in report.cells:
                    leaf[col.key] = report.cells[cell_id]
            units = [report.units[cell_id] for c in row.columns if (cell_id := f"{table.key}.{row.key}.{c.key}") in report.units]
            if row.unit_key and units:
                leaf[row.unit_key] = units[0]
    for cell_id, value in report.cells.items():  # cells of another format: kept, so that reading back reports them
        if cell_id not in declared:
            table_key, *segments, column = cell_id.split(".")
            _leaf(trees.setdefault(table_key, {}), ".".join(segments))[column] = value
    return trees


def _leaf(tree: dict[str, Any], row_id: str) -> dict[str, Any]:
    node = tree
    for segment in row_id.split("."):
        node = node.setdefault(segment, {})
    return node


def _tree_node(tree: dict[str, Any]) -> MappingNode:
    leaf = all(not isinstance(v, dict) for v in tree.values())
    pairs = [(k, _tree_node(v) if isinstance(v, dict) else _scalar(v)) for k, v in tree.items()]
    return _mapping(pairs, flow=leaf)


def _mapping(pairs: Sequence[tuple[str, Node]], flow: bool = False) -> MappingNode:
    return MappingNode(MAP, [(ScalarNode(STR, k), v) for k, v in pairs], flow_style=flow)


def _text(value: str, block: bool = False) -> ScalarNode:
    if value == "" or value == NOT_APPLICABLE:
        return ScalarNode(STR, value, style='"')
    return ScalarNode(STR, value, style="|" if block and "\n" in value else None)


def _scalar(value: object) -> ScalarNode:
    if isinstance(value, bool):  # pragma: no cover - no field holds a bool
        raise TypeError(value)
    if isinstance(value, int):
        return ScalarNode(INT, str(value))
    if isinstance(value, Decimal):
        text = format(value, "f")
        return ScalarNode(FLOAT if "." in text else INT, text)
    if isinstance(value, dt.date):
        return ScalarNode(TIMESTAMP, value.isoformat())
    return _text(str(value))


def _serialize(pairs: Sequence[tuple[str, Node]]) -> str:
    return yaml.serialize(_mapping(pairs), Dumper=yaml.SafeDumper, allow_unicode=True, width=4096)
