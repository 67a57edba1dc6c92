"""Declared figures: phrases of the narrative checked against the tables, the figures of collection summaries and
drafted sentences, and the filling rules told to officials."""

from __future__ import annotations

import re

from .common import APPLICANT_COLUMNS, LEGAL_PERSON, LITIGATION, RESULTS_SECTION, REVIEW_COLUMNS, REVIEW_ROWS
from .model import Figure, NarrativeFigure, Table

# ---------------------------------------------------------------- narrative figures

NUM = r"(\d+)\s*(?:件|起|宗|个|条)"


def narrative_figures() -> tuple[NarrativeFigure, ...]:
    """Phrases whose figure must agree with the tables (soft rule)."""
    return (
        NarrativeFigure(
            r"(?:新收|收到|受理)(?:各类)?(?:政府信息公开|依申请公开)?(?:申请)?(?:共|总计|合计)?\s*" + NUM,
            ("applications.new.total",),
            "本年新收政府信息公开申请数",
        ),
        NarrativeFigure(r"上年结转\D{0,12}?" + NUM, ("applications.carried_over.total",), "上年结转申请数"),
        NarrativeFigure(r"结转(?:至)?下年度?(?:继续办理)?\s*" + NUM, ("applications.carried_forward.total",), "结转下年度继续办理数"),
        NarrativeFigure(r"行政复议(?:案件|申请)?(?:共)?\s*" + NUM, ("reviews.reconsideration.total",), "行政复议数"),
        NarrativeFigure(
            r"行政诉讼(?:案件)?(?:共)?\s*" + NUM,
            ("reviews.litigation_direct.total", "reviews.litigation_after_reconsideration.total"),
            "行政诉讼数",
        ),
    )


# ---------------------------------------------------------------- figures for summaries and drafted sentences

FEE_AMOUNT = Figure("fee_amount", "收费金额（万元）", ("proactive.admin_fees.amount",))


def key_figures(*extra: Figure) -> tuple[Figure, ...]:
    """The per-unit figures of a collection summary: tables 3 and 4 in brief, then any format-specific ones."""
    litigation = tuple(f"reviews.{key}.total" for key, _ in REVIEW_ROWS[1:])
    return (
        Figure("new", "本年新收申请", ("applications.new.total",)),
        Figure("carried_over", "上年结转", ("applications.carried_over.total",)),
        Figure("results_total", "办理结果总计", ("applications.results_total.total",)),
        Figure("carried_forward", "结转下年度", ("applications.carried_forward.total",)),
        Figure("reconsideration", REVIEW_ROWS[0][1], ("reviews.reconsideration.total",)),
        Figure("litigation", LITIGATION, litigation),
        *extra,
    )


def short_label(label: str) -> str:
    """A row label without its numbering and trailing note: ``（二）部分公开（区分处理的…）`` → ``部分公开``."""
    label = re.sub(r"^（[一二三四五六七八九十]+）|^[一二三四五六七八九十]+、|^\d+\.", "", label)
    return re.sub(r"（[^（）]*）$", "", label)


def draft_figures(applications: Table) -> tuple[Figure, ...]:
    """The figures the drafted sentences of parts 三 and 四 state, by key (``result.*`` are the 办理结果 groups)."""
    a = "applications"
    new_row = applications.row("new")
    figures = [
        Figure("new", short_label(new_row.label), (f"{a}.new.total",)),
        Figure("new.natural", APPLICANT_COLUMNS[0].label, (f"{a}.new.{APPLICANT_COLUMNS[0].key}",)),
        Figure("new.legal", LEGAL_PERSON, tuple(f"{a}.new.{c.key}" for c in APPLICANT_COLUMNS[1:])),
        Figure("carried_over", short_label(applications.row("carried_over").label), (f"{a}.carried_over.total",)),
    ]
    groups: dict[str, tuple[str, list[str]]] = {}
    for row in applications.rows:
        if row.groups[:1] == (RESULTS_SECTION,) and not row.total:
            label = row.groups[1] if len(row.groups) > 1 else row.label
            groups.setdefault(row.key.split(".")[0], (label, []))[1].append(f"{a}.{row.key}.total")
    figures += [Figure(f"result.{key}", short_label(label), tuple(cells)) for key, (label, cells) in groups.items()]
    figures += [
        Figure("results_total", short_label(applications.row("results_total").label), (f"{a}.results_total.total",)),
        Figure("carried_forward", short_label(applications.row("carried_forward").label), (f"{a}.carried_forward.total",)),
    ]
    (rk, rl), *litigation = REVIEW_ROWS
    figures.append(Figure("reconsideration", rl, (f"reviews.{rk}.total",)))
    figures += [Figure(f"reconsideration.{c.key}", c.label, (f"reviews.{rk}.{c.key}",)) for c in REVIEW_COLUMNS if not c.total]
    figures.append(Figure("litigation", LITIGATION, tuple(f"reviews.{k}.total" for k, _ in litigation)))
    figures += [
        Figure(f"litigation.{c.key}", c.label, tuple(f"reviews.{k}.{c.key}" for k, _ in litigation)) for c in REVIEW_COLUMNS if not c.total
    ]
    return tuple(figures)


# ---------------------------------------------------------------- the rules as told to officials (workbook 填写说明)

FILLING_RULES = (
    "件数填不小于 0 的整数；没有的填 0 或留空（留空按 0 计算）。请直接填写数字，不要填写公式。",
    "表二的单元格可以填“/”表示不适用（例如没有规章制定权）；“本年增/减”可以为负数；金额可以有小数，单位见表头。",
    "表三每一列：第一项加第二项之和，等于第三项（（七）总计）加第四项之和。",
    "区分处理的申请只计入“{partial}”，不再计入“不予公开”“无法提供”等其他情形。",
    "正文中写到的数字（如收到申请件数、行政复议件数、结转件数）应与表格一致，reportgen 会核对。",
)
FEE_RULE = "信息处理费（国办函〔2020〕109号）在“基本信息”填写，报告第六部分将写明收费情况；因逾期未缴费而不再处理的申请计入表三（六）2。"
