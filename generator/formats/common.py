"""Building blocks shared by the format declarations: label trees, grid and rule builders."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from ..codes.validation import T3_BALANCE, T3_RESULTS_TOTAL, T3_ROW_TOTAL, T4_TOTAL
from .model import Column, Grid, GridCell, Part, Row, SumRule, Table

TEXT_WIDTH_MM = 156.0


@dataclass(frozen=True)
class Node:
    """A printed row label; a node with children is a merged group label."""

    label: str
    key: str = ""  # row id segment; a group's key prefixes its children's ids ("" = none)
    children: tuple[Node, ...] = ()
    total: bool = False


def leaf(key: str, label: str, *, total: bool = False) -> Node:
    return Node(label, key, total=total)


def group(label: str, key: str, *children: Node) -> Node:
    return Node(label, key, tuple(children))


def _depth(nodes: Sequence[Node]) -> int:
    return max((1 + _depth(n.children) if n.children else 1) for n in nodes)


def _leaves(node: Node) -> int:
    return sum(_leaves(c) for c in node.children) if node.children else 1


def tree_rows(nodes: Sequence[Node], columns: tuple[Column, ...]) -> tuple[Row, ...]:
    """The data rows of a label tree, with ids joined from the group keys."""
    rows: list[Row] = []

    def walk(node: Node, prefix: tuple[str, ...], groups: tuple[str, ...]) -> None:
        keys = (*prefix, node.key) if node.key else prefix
        if node.children:
            for child in node.children:
                walk(child, keys, (*groups, node.label))
        else:
            rows.append(Row(".".join(keys), node.label, columns, groups, total=node.total))

    for node in nodes:
        walk(node, (), ())
    return tuple(rows)


def tree_body(table: str, nodes: Sequence[Node], columns: tuple[Column, ...]) -> list[list[GridCell]]:
    """Grid rows for a label tree: merged group labels on the left, one value cell per column."""
    depth = _depth(nodes)
    out: list[list[GridCell]] = []
    rows = iter(tree_rows(nodes, columns))

    def walk(node: Node, level: int, pending: list[GridCell]) -> None:
        if node.children:
            pending.append(GridCell("label", node.label, rowspan=_leaves(node)))
            for child in node.children:
                walk(child, level + 1, pending)
            return
        row = next(rows)
        cells = [*pending, GridCell("label", node.label, colspan=depth - level)]
        cells += [GridCell("value", cell=f"{table}.{row.key}.{c.key}") for c in columns]
        out.append(cells)
        pending.clear()

    for node in nodes:
        walk(node, 0, [])
    return out


def header_cell(text: str, rowspan: int = 1, colspan: int = 1) -> GridCell:
    return GridCell("header", text, rowspan=rowspan, colspan=colspan)


# ---------------------------------------------------------------- the six parts


def parts(part_three_heading: str = "三、收到和处理政府信息公开申请情况") -> tuple[Part, ...]:
    return (
        Part("overview", "一、总体情况", required=True, label="总体情况"),
        Part("proactive", "二、主动公开政府信息情况", table="proactive", label="主动公开政府信息情况"),
        Part("applications", part_three_heading, table="applications", label="收到和处理政府信息公开申请情况"),
        Part(
            "reviews",
            "四、政府信息公开行政复议、行政诉讼情况",
            table="reviews",
            label="政府信息公开行政复议、行政诉讼情况",
            aliases=("四、因政府信息公开申请行政复议、提起行政诉讼的情况",),
        ),
        Part("problems", "五、存在的主要问题及改进情况", required=True, label="存在的主要问题及改进情况"),
        Part("other_matters", "六、其他需要报告的事项", label="其他需要报告的事项"),
    )


PREFACE = (
    "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和{notice}要求编制。"
    "全文包括{parts}。本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"
)


# ---------------------------------------------------------------- table 2 (blocks)


@dataclass(frozen=True)
class Block:
    """One block of table 2: a 第二十条第（x）项 header, column labels and rows."""

    header: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, str], ...]  # (row id, label)
    unit_key: str | None = None
    units: tuple[str, ...] = ()  # the units unit_key may declare


CONTENT_LABEL = "信息内容"


def block_table(blocks: Sequence[Block], widths: tuple[float, ...] = (60.0, 32.0, 32.0, 32.0)) -> Table:
    """Table 2: full-width block headers, then a column-label row and the rows of each block."""
    width = len(widths)
    rows: list[Row] = []
    grid: list[list[GridCell]] = []
    for block in blocks:
        # every table-2 cell may be printed as "/" (not applicable)
        block = replace(block, columns=tuple(replace(c, not_applicable=True) for c in block.columns))
        spans = [1] * (len(block.columns) - 1) + [width - len(block.columns)]
        grid.append([header_cell(block.header, colspan=width)])
        grid.append(
            [header_cell(CONTENT_LABEL)]
            + [
                # an amount without a fixed unit prints the unit the data declares for it
                GridCell("header", c.label, cell=f"proactive.{block.rows[0][0]}.{c.key}", colspan=s)
                if c.kind == "amount" and not c.unit
                else header_cell(c.label, colspan=s)
                for c, s in zip(block.columns, spans, strict=True)
            ]
        )
        for key, label in block.rows:
            rows.append(Row(key, label, block.columns, (block.header,), unit_key=block.unit_key, units=block.units))
            grid.append(
                [GridCell("label", label)]
                + [GridCell("value", cell=f"proactive.{key}.{c.key}", colspan=s) for c, s in zip(block.columns, spans, strict=True)]
            )
    return Table(
        "proactive",
        2,
        "表二",
        "主动公开政府信息情况",
        tuple(rows),
        Grid(widths, tuple(tuple(r) for r in grid), header_rows=0),
    )


# ---------------------------------------------------------------- table 3 (applications)

APPLICANT_COLUMNS: tuple[Column, ...] = (
    Column("natural", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("nonprofit", "社会公益组织", aliases=("社会组织",)),
    Column("legal_service", "法律服务机构"),
    Column("other", "其他"),
)
APPLICATION_COLUMNS = (*APPLICANT_COLUMNS, Column("total", "总计", total=True))
T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
LEGAL_PERSON = "法人或其他组织"
APPLICANT_HEADER = "申请人情况"

RESULTS_SECTION = "三、本年度办理结果"


def application_nodes(other_handling: Node) -> tuple[Node, ...]:
    """Table 3 row labels; the formats differ only in row （六）."""
    return (
        leaf("new", "一、本年新收政府信息公开申请数量"),
        leaf("carried_over", "二、上年结转政府信息公开申请数量"),
        Node(
            RESULTS_SECTION,
            "",
            (
                leaf("disclosed", "（一）予以公开"),
                leaf("partially_disclosed", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
                group(
                    "（三）不予公开",
                    "withheld",
                    leaf("state_secret", "1.属于国家秘密"),
                    leaf("prohibited_by_law", "2.其他法律行政法规禁止公开"),
                    leaf("security_stability", "3.危及“三安全一稳定”"),
                    leaf("third_party_rights", "4.保护第三方合法权益"),
                    leaf("internal_affairs", "5.属于三类内部事务信息"),
                    leaf("process_information", "6.属于四类过程性信息"),
                    leaf("enforcement_files", "7.属于行政执法案卷"),
                    leaf("query_matters", "8.属于行政查询事项"),
                ),
                group(
                    "（四）无法提供",
                    "unavailable",
                    leaf("not_held", "1.本机关不掌握相关政府信息"),
                    leaf("needs_creation", "2.没有现成信息需要另行制作"),
                    leaf("still_unclear", "3.补正后申请内容仍不明确"),
                ),
                group(
                    "（五）不予处理",
                    "not_processed",
                    leaf("petition_complaint", "1.信访举报投诉类申请"),
                    leaf("repeated", "2.重复申请"),
                    leaf("publication", "3.要求提供公开出版物"),
                    leaf("excessive", "4.无正当理由大量反复申请"),
                    leaf("confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息"),
                ),
                other_handling,
                leaf("results_total", "（七）总计", total=True),
            ),
        ),
        leaf("carried_forward", "四、结转下年度继续办理"),
    )


def applications_table(other_handling: Node) -> Table:
    nodes = application_nodes(other_handling)
    header: list[list[GridCell]] = [
        [header_cell(T3_NOTE, rowspan=3, colspan=3), header_cell(APPLICANT_HEADER, colspan=7)],
        [header_cell("自然人", rowspan=2), header_cell(LEGAL_PERSON, colspan=5), header_cell("总计", rowspan=2)],
        [header_cell(c.label) for c in APPLICANT_COLUMNS[1:]],
    ]
    body = tree_body("applications", nodes, APPLICATION_COLUMNS)
    # chosen with fit.orphaned_labels: no label leaves one character on its last line, 自然人 holds three characters
    # a line, the other applicant columns two and five digits, and the long 1./2. labels of 不予公开/无法提供 one line
    widths = (7.0, 18.0, 50.0, 14.0) + (11.0,) * 5 + (12.0,)
    return Table(
        "applications",
        3,
        "表三",
        "收到和处理政府信息公开申请情况",
        tree_rows(nodes, APPLICATION_COLUMNS),
        Grid(widths, tuple(tuple(r) for r in header + body), header_rows=3),
    )


def applications_rules(table: Table) -> list[SumRule]:
    """T3 row totals, the results total of each column, and the printed balance of each column."""
    rules: list[SumRule] = []
    for row in table.rows:
        label = row.label
        rules.append(
            SumRule(
                T3_ROW_TOTAL,
                (f"applications.{row.key}.total",),
                tuple(f"applications.{row.key}.{c.key}" for c in APPLICANT_COLUMNS),
                f"表三“{label}”行：总计（{{left}}）不等于各类申请人之和（{{right}}）",
                f"applications.{row.key}.total",
                computes=True,
            )
        )
    result_rows = [r for r in table.rows if r.groups[:1] == (RESULTS_SECTION,) and not r.total]
    for col in APPLICANT_COLUMNS:
        rules.append(
            SumRule(
                T3_RESULTS_TOTAL,
                (f"applications.results_total.{col.key}",),
                tuple(f"applications.{r.key}.{col.key}" for r in result_rows),
                f"表三“{col.label}”列：（七）总计（{{left}}）不等于各项办理结果之和（{{right}}）",
                f"applications.results_total.{col.key}",
                computes=True,
            )
        )
    for col in APPLICANT_COLUMNS:
        rules.append(
            SumRule(
                T3_BALANCE,
                (f"applications.new.{col.key}", f"applications.carried_over.{col.key}"),
                (f"applications.results_total.{col.key}", f"applications.carried_forward.{col.key}"),
                f"表三“{col.label}”列：第一项加第二项之和（{{left}}）不等于第三项加第四项之和（{{right}}）",
                f"applications.carried_forward.{col.key}",
            )
        )
    return rules


# ---------------------------------------------------------------- table 4 (reviews)

REVIEW_COLUMNS: tuple[Column, ...] = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计", total=True),
)
REVIEW_ROWS = (
    ("reconsideration", "行政复议"),
    ("litigation_direct", "未经复议直接起诉"),
    ("litigation_after_reconsideration", "复议后起诉"),
)
LITIGATION = "行政诉讼"


def reviews_table() -> Table:
    (rk, rl), (_, dl), (_, al) = REVIEW_ROWS
    n = len(REVIEW_COLUMNS)
    header: list[list[GridCell]] = [
        [header_cell(rl, colspan=n), header_cell(LITIGATION, colspan=2 * n)],
        [header_cell(c.label, rowspan=2) for c in REVIEW_COLUMNS] + [header_cell(dl, colspan=n), header_cell(al, colspan=n)],
        [header_cell(c.label) for c in REVIEW_COLUMNS] * 2,
    ]
    values = [GridCell("value", cell=f"reviews.{key}.{c.key}") for key, _ in REVIEW_ROWS for c in REVIEW_COLUMNS]
    rows = tuple(Row(key, label, REVIEW_COLUMNS, () if key == rk else (LITIGATION,)) for key, label in REVIEW_ROWS)
    widths = (TEXT_WIDTH_MM / (3 * n),) * (3 * n)
    return Table(
        "reviews",
        4,
        "表四",
        "政府信息公开行政复议、行政诉讼情况",
        rows,
        Grid(widths, (*map(tuple, header), tuple(values)), header_rows=3),
    )


def reviews_rules(table: Table) -> list[SumRule]:
    parts_ = [c.key for c in REVIEW_COLUMNS if not c.total]
    return [
        SumRule(
            T4_TOTAL,
            (f"reviews.{row.key}.total",),
            tuple(f"reviews.{row.key}.{k}" for k in parts_),
            f"表四“{row.label}”：总计（{{left}}）不等于结果维持、结果纠正、其他结果、尚未审结之和（{{right}}）",
            f"reviews.{row.key}.total",
            computes=True,
        )
        for row in table.rows
    ]


def rules_for(tables: Iterable[Table]) -> tuple[SumRule, ...]:
    """The hard sum rules of tables 3 and 4 (table 2 rules are declared per format)."""
    out: list[SumRule] = []
    for table in tables:
        if table.key == "applications":
            out += applications_rules(table)
        elif table.key == "reviews":
            out += reviews_rules(table)
    return tuple(out)
