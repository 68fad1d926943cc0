"""Catalogue entries rendered as the text we embed, BM25-index and quote.

The text puts names and numbers first: e5 truncates at 512 tokens, and the
facts users ask about (ratio, cap, who qualifies) must survive truncation.
"""

from __future__ import annotations

from app.catalogue.models import Benefit, FundingProgram, Solution
from app.catalogue.taxonomy import (
    CATEGORY_LABELS,
    FUNDING_TYPE_LABELS,
    INDUSTRY_SECTIONS,
    SIZE_LABELS,
    SPEND_LABELS,
)


def format_cny(amount: float, currency: str = "CNY") -> str:
    """Chinese-style amounts: 2000000 -> 200万元, 600000000 -> 6亿元."""
    unit = {"CNY": "元", "HKD": "港元", "TWD": "新台币"}[currency]
    if amount >= 1e8 and amount % 1e6 == 0:
        return f"{amount / 1e8:g}亿{unit}"
    if amount >= 1e4:
        # Two decimals of 万 (= 100 yuan) is the precision owners read; 3.084万元, not 30,840元.
        return f"{round(amount / 1e4, 2):g}万{unit}"
    return f"{amount:,.0f}{unit}"


def format_cny_range(low: float, high: float, language: str = "zh") -> str:
    """A range in one unit, chosen by its upper end: 0.12–1.26万元, 600–5,300元, CNY 1,200–12,600.

    Mixed units inside one range ("1,200元–1.26万元") make owners compare digits across units.
    """
    if language == "en":
        return f"CNY {low:,.0f}" if low == high else f"CNY {low:,.0f}–{high:,.0f}"
    if high >= 1e4:
        low_wan, high_wan = round(low / 1e4, 2), round(high / 1e4, 2)
        return f"{high_wan:g}万元" if low_wan == high_wan else f"{low_wan:g}–{high_wan:g}万元"
    return f"{low:,.0f}元" if low == high else f"{low:,.0f}–{high:,.0f}元"


def format_ratio(ratio: float) -> str:
    return f"{ratio * 100:g}%"


CAP_PERIODS = {
    "per_year": ("每年", " a year"),
    "per_contract": ("每份合同", " per contract"),
    "per_project": ("每个项目", " per project"),
    "once": ("一次性", " once"),
    "total": ("累计", " in total"),
    "later_claim": ("第二次及以后每次", " for each claim after the first"),
}


def cap_phrase(benefit: Benefit, language: str = "zh") -> str:
    """Every published cap, as published: "每年原则上100万元、最高200万元", "cap CNY 1,000,000 a year in principle
    (CNY 2,000,000 at most)"; "" when the text publishes none."""
    if benefit.cap is None:
        return ""
    period_zh, period_en = CAP_PERIODS.get(benefit.cap_period or "", ("", ""))
    principle = benefit.cap_in_principle
    if (later := benefit.later_claim_cap) is not None:
        # 贵州上云券: both caps as published, the first claim's and each later one's
        if language == "en":
            return (
                f"{benefit.currency} {benefit.cap:,.0f} the first claim, "
                f"{benefit.currency} {later:,.0f} each claim after it"
            )
        return (
            f"首次{format_cny(benefit.cap, benefit.currency)}、"
            f"第二次及以后每次{format_cny(later, benefit.currency)}"
        )
    if language == "en":
        if principle is not None:
            return (
                f"{benefit.currency} {principle:,.0f}{period_en} in principle "
                f"({benefit.currency} {benefit.cap:,.0f} at most, by exception)"
            )
        return f"{benefit.currency} {benefit.cap:,.0f}{period_en}"
    if principle is not None:
        return (
            f"{period_zh}原则上{format_cny(principle, benefit.currency)}、"
            f"最高{format_cny(benefit.cap, benefit.currency)}"
        )
    return f"{period_zh}{format_cny(benefit.cap, benefit.currency)}"


def solution_text(solution: Solution) -> str:
    cost = solution.cost
    first_year = cost.first_year_cny
    industries = "、".join(INDUSTRY_SECTIONS[c][0] for c in solution.industries) or "通用"
    sizes = "、".join(SIZE_LABELS[s][0] for s in solution.sizes)
    lines = [
        f"{solution.name_zh}（{solution.name_en}）",
        f"类别：{CATEGORY_LABELS[solution.category][0]}。{solution.summary_zh}",
        f"解决的问题：{'、'.join(solution.pain_points)}。",
        f"适用行业：{industries}；适用规模：{sizes}。",
        f"首年费用约{format_cny(first_year.min)}至{format_cny(first_year.max)}"
        f"（一次性{format_cny(cost.one_off_cny.min)}-{format_cny(cost.one_off_cny.max)}，"
        f"每月{format_cny(cost.monthly_cny.min)}-{format_cny(cost.monthly_cny.max)}）。"
        + (f"{cost.note}。" if cost.note else ""),
        f"预期效果：{'；'.join(solution.benefits)}。",
        f"关键词：{'、'.join(solution.keywords)}。{solution.summary_en}",
    ]
    return "\n".join(lines)


def funding_text(program: FundingProgram) -> str:
    benefit = program.benefit
    rules = program.eligibility
    lines = [
        f"{program.name}（{program.name_en}）",
        f"类型：{FUNDING_TYPE_LABELS[program.type][0]}；发文单位：{program.issuer}；地区：{program.region.label}。",
        f"支持内容：{benefit.summary}。",
    ]
    if benefit.ratio is not None:
        cap = f"，上限{format_cny(benefit.cap, benefit.currency)}" if benefit.cap is not None else ""
        lines.append(f"补贴比例{format_ratio(benefit.ratio)}{cap}。")
    for rate in benefit.special_rates:
        ratio = f"{format_ratio(rate.ratio)}" if rate.ratio is not None else "比例未公开"
        lines.append(f"特别条款：{rate.condition}，{ratio}。")
    scope = "、".join(SPEND_LABELS[s][0] for s in rules.spend_scope)
    lines.append(f"可用于：{scope}。")
    if rules.requirements:
        lines.append(f"申请条件：{'；'.join(rules.requirements)}。")
    lines.append(f"申请方式：{'；'.join(program.how_to_apply.steps)}（{program.how_to_apply.channel}）。")
    lines.append(f"原文：{program.provenance.quote}")
    return "\n".join(lines)
