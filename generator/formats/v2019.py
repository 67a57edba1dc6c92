"""The 2019 trial format (国办公开办函〔2019〕60号), used for report years 2019 and 2020."""

from __future__ import annotations

from ..codes.validation import T2_ITEMS_NEGATIVE, T2_PUBLISHED_EXCEEDS_TOTAL, X_ITEMS_PREVIOUS
from .common import (
    PREFACE,
    Block,
    applications_table,
    block_table,
    leaf,
    parts,
    reviews_table,
    rules_for,
)
from .figures import FILLING_RULES, draft_figures, key_figures, narrative_figures
from .model import CarryRule, Column, Format, SumRule

PUBLISHED = (
    Column("new_made", "本年新制作数量"),
    Column("new_published", "本年新公开数量"),
    Column("total_published", "对外公开总数量"),
)
PREVIOUS = Column("previous", "上一年项目数量")
CHANGE = Column("change", "本年增/减", kind="signed")
ITEMS = (PREVIOUS, CHANGE, Column("decisions", "处理决定数量"))

PROACTIVE = block_table(
    (
        Block("第二十条第（一）项", PUBLISHED, (("rules", "规章"), ("normative_documents", "规范性文件"))),
        Block("第二十条第（五）项", ITEMS, (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项"))),
        Block("第二十条第（六）项", ITEMS, (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        Block("第二十条第（八）项", (PREVIOUS, CHANGE), (("admin_fees", "行政事业性收费"),)),
        Block(
            "第二十条第（九）项",
            (Column("projects", "采购项目数量"), Column("amount", "采购总金额", kind="amount")),
            (("procurement", "政府集中采购"),),
            unit_key="amount_unit",
            units=("元", "万元"),
        ),
    )
)
APPLICATIONS = applications_table(leaf("other_handling", "（六）其他处理"))
REVIEWS = reviews_table()
ITEM_ROWS = ("licensing", "other_services", "punishment", "coercion", "admin_fees")

FORMAT = Format(
    version="2019",
    notice="国办公开办函〔2019〕60号",
    notice_title=(
        "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式（试行）〉"
        "的通知》（国办公开办函〔2019〕60号）"
    ),
    first_year=2019,
    last_year=2020,
    parts=parts(),
    tables=(PROACTIVE, APPLICATIONS, REVIEWS),
    rules=rules_for((APPLICATIONS, REVIEWS)),
    soft_rules=tuple(
        SumRule(
            T2_ITEMS_NEGATIVE,
            (),
            (f"proactive.{key}.previous", f"proactive.{key}.change"),
            f"表二“{PROACTIVE.row(key).label}”：上一年项目数量加本年增/减（{{right}}）小于0",
            f"proactive.{key}.change",
            relation="<=",
        )
        for key in ITEM_ROWS
    )
    + tuple(
        SumRule(
            T2_PUBLISHED_EXCEEDS_TOTAL,
            (f"proactive.{key}.new_published",),
            (f"proactive.{key}.total_published",),
            f"表二“{PROACTIVE.row(key).label}”：本年新公开数量（{{left}}）大于对外公开总数量（{{right}}）",
            f"proactive.{key}.new_published",
            relation="<=",
        )
        for key in ("rules", "normative_documents")
    ),
    carry_rules=tuple(
        CarryRule(
            X_ITEMS_PREVIOUS,
            f"proactive.{key}.previous",
            (f"proactive.{key}.previous", f"proactive.{key}.change"),
            f"表二“{PROACTIVE.row(key).label}”上一年项目数量（{{actual}}）不等于上年报告的上一年项目数量加本年增/减（{{expected}}）",
        )
        for key in ITEM_ROWS
    ),
    preface=PREFACE,
    narrative_figures=narrative_figures(),
    filling_rules=FILLING_RULES,
    key_figures=key_figures(),
    draft_figures=draft_figures(APPLICATIONS),
)
