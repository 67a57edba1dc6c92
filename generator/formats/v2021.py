"""The 2021 format (国办公开办函〔2021〕30号), used from report year 2021 on."""

from __future__ import annotations

from ..codes.validation import X_IN_FORCE
from .common import (
    PREFACE,
    Block,
    applications_table,
    block_table,
    group,
    leaf,
    parts,
    reviews_table,
    rules_for,
)
from .figures import FEE_AMOUNT, FEE_RULE, FILLING_RULES, draft_figures, key_figures, narrative_figures
from .model import CarryRule, Column, Format

DOCUMENTS = (
    Column("issued", "本年制发件数"),
    Column("repealed", "本年废止件数"),
    Column("in_force", "现行有效件数"),
)
DECISIONS = (Column("decisions", "本年处理决定数量"),)

PROACTIVE = block_table(
    (
        Block("第二十条第（一）项", DOCUMENTS, (("rules", "规章"), ("normative_documents", "行政规范性文件"))),
        Block("第二十条第（五）项", DECISIONS, (("licensing", "行政许可"),)),
        Block("第二十条第（六）项", DECISIONS, (("punishment", "行政处罚"), ("coercion", "行政强制"))),
        Block(
            "第二十条第（八）项",
            (Column("amount", "本年收费金额（单位：万元）", kind="amount", unit="万元"),),
            (("admin_fees", "行政事业性收费"),),
        ),
    )
)
APPLICATIONS = applications_table(
    group(
        "（六）其他处理",
        "other_handling",
        leaf("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        leaf("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        leaf("other", "3.其他"),
    )
)
REVIEWS = reviews_table()

FORMAT = Format(
    version="2021",
    notice="国办公开办函〔2021〕30号",
    notice_title=(
        "《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）"
    ),
    first_year=2021,
    parts=parts(),
    tables=(PROACTIVE, APPLICATIONS, REVIEWS),
    rules=rules_for((APPLICATIONS, REVIEWS)),
    carry_rules=tuple(
        CarryRule(
            X_IN_FORCE,
            f"proactive.{key}.in_force",
            (f"proactive.{key}.in_force",),
            f"表二“{PROACTIVE.row(key).label}”现行有效件数（{{actual}}）不等于上年现行有效件数加本年制发件数减本年废止件数（{{expected}}）",
            plus=(f"proactive.{key}.issued",),
            minus=(f"proactive.{key}.repealed",),
        )
        for key in ("rules", "normative_documents")
    ),
    preface=PREFACE,
    narrative_figures=narrative_figures(),
    filling_rules=(*FILLING_RULES, FEE_RULE),
    key_figures=key_figures(FEE_AMOUNT),
    draft_figures=draft_figures(APPLICATIONS),
    fee_cell="applications.other_handling.fee_unpaid.total",
    fee_sentence="本年度共发出信息处理费收费通知{notices}件，总金额{notice_amount}元，实际收取{collected}元。",
    no_fee_sentence="本年度未收取信息处理费。",
    fee_words=("信息处理费", "收费"),
)
