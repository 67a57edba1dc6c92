"""The YAML layer under the reader and the writer: a safe node tree, node kinds and numbers, the keys a format allows."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import InputError
from ..formats import FORMATS, Cell, Row, Table
from ..report import Contact, InfoFees
from ..schema import META_KEYS

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
EXPONENT = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)[eE][-+]?\d+")
DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
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


BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's scanner and composer when built with it
RESOLVED_LIMIT = 4096  # plain scalars whose tags are remembered before starting afresh
RESOLVED_LONGEST = 64  # longer scalars are resolved every time
_resolved: dict[tuple[str, bool], str] = {}


class _Loader(BASE_LOADER):  # type: ignore[misc]
    """The safe loader, resolving the tag of a plain scalar once per text (counts and keys repeat in every report)."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> Any:
        if kind is not ScalarNode or not implicit[0] or len(value) > RESOLVED_LONGEST or self.yaml_path_resolvers:
            return BASE_LOADER.resolve(self, kind, value, implicit)
        key = (value, implicit[1])
        tag = _resolved.get(key)
        if tag is None:
            if len(_resolved) >= RESOLVED_LIMIT:
                _resolved.clear()
            tag = _resolved[key] = BASE_LOADER.resolve(self, kind, value, implicit)
        return tag


def compose(text: str, file: str) -> MappingNode:
    """The node tree of a single YAML document whose top level is a mapping (safe: nothing is constructed)."""
    loader = _Loader
    try:
        if BASE_LOADER is not yaml.SafeLoader and text.count("[") + text.count("{") >= FLOW_OPENERS_FOR_C:
            check_depth(text)
        root = yaml.compose(text, Loader=loader)  # a safe loader; compose constructs nothing
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"（第{mark.line + 1}行第{mark.column + 1}列）" if mark else ""
        problem = exc.problem or exc.context or ""
        if "nesting depth" in problem:  # newer PyYAML refuses deep nesting itself
            raise InputError(TOO_DEEP, file) from None
        hint = next((zh for en, zh in SYNTAX_HINTS if en in problem), UNKNOWN_SYNTAX)  # never the parser's English
        raise InputError(f"YAML 语法错误{where}：{hint}", file) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        raise InputError(f"YAML 语法错误（第{line}行第{column}列）：不能包含控制字符（#x{exc.character:04x}）", file) from None
    except yaml.YAMLError:
        raise InputError(f"YAML 语法错误：{UNKNOWN_SYNTAX}", file) from None
    except RecursionError:
        raise InputError(TOO_DEEP, file) from None
    if not isinstance(root, MappingNode):
        raise InputError(f"顶层应为键值映射（mapping），实际是{kind(root)}", file)
    return root


def check_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH, using the event parser (which, unlike the composer, does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):  # pure Python: no nesting limit of its own, whatever the version
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
            return str(node.value)
        return number if number.is_finite() else str(node.value)
    if not node.style and EXPONENT.fullmatch(raw):  # YAML 1.1 types 1e20 (no dot) as text; it is a number
        return Decimal(raw)
    return str(node.value)


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
