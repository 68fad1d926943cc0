"""The words the advisor, the exports and the UI share, in both languages.

One table per kind of word (verdicts, missing facts, headings, the disclaimer) and one
formatter per kind of value (money, size class, region), so an answer, a Word export and
a badge in the app cannot drift apart. Words only one place uses stay with that place.
"""

from __future__ import annotations

from functools import lru_cache

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Verdict
from app.advisor.understand.script import traditional
from app.catalogue.models import Region
from app.catalogue.render import format_cny, format_cny_range
from app.catalogue.taxonomy import SIZE_LABELS, SizeClass


def pick(words: tuple[str, str], language: Lang) -> str:
    """(zh, en) -> the one for `language`."""
    return words[1] if language == "en" else words[0]


# verdict -> (icon, badge colour, zh label, en label)
VERDICTS: dict[Verdict, tuple[str, str, str, str]] = {
    Verdict.eligible: ("✅", "green", "基本符合", "likely eligible"),
    Verdict.unknown: ("❔", "orange", "待确认", "to be confirmed"),
    Verdict.ineligible: ("❌", "red", "不符合", "not eligible"),
}


def verdict_icon(verdict: Verdict) -> str:
    return VERDICTS[verdict][0]


def verdict_label(verdict: Verdict, language: Lang) -> str:
    _, _, zh, en = VERDICTS[verdict]
    return pick((zh, en), language)


# The profile facts an `unknown` verdict can wait for (eligibility.PROFILE_FACTS), as the user reads them.
MISSING_FACTS: dict[str, tuple[str, str]] = {
    "region": ("注册地（省市）", "your registered city"),
    "district": ("注册所在区县", "your registered district or county"),
    "size": ("员工人数和年营收", "employees and revenue"),
    "revenue": ("年营收", "annual revenue"),  # the headcount is known: the revenue alone decides the size
    "employees": ("员工人数", "employees"),
    "industry": ("所属行业", "your industry"),
    "age": ("公司成立年限", "company age"),
}


def disclaimer(language: Lang) -> str:
    """The reminder every answer and export ends with: prices are indicative, confirm with the authority."""
    if language == "en":
        return (
            "Prices are vendor quotes or our estimates (order of magnitude only). Subsidy rules change often: "
            "always confirm with the issuing authority before applying."
        )
    return "说明：价格多为厂商报价或团队估算，仅供参考；补贴政策经常调整，请以主管部门最新申报通知为准。"


# The line an answer's details start under: the UI folds what follows into an expander (components.split_details).
DETAILS_HEADING = (
    "详细说明：各项条件、补贴计算与申请步骤",
    "Details: conditions, subsidy arithmetic and how to apply",
)


@lru_cache(maxsize=1)
def _details_headings() -> tuple[str, ...]:
    """The heading in both languages, and as a traditional-script answer writes it (script.in_traditional)."""
    return (*DETAILS_HEADING, traditional(DETAILS_HEADING[0]))


def split_details(answer: str) -> tuple[str, str | None]:
    """(brief, details) of a composed answer; (answer, None) when it has no details heading (an LLM answer)."""
    for heading in _details_headings():
        marker = f"\n{heading}\n"
        if marker in answer:
            brief, details = answer.split(marker, 1)
            return brief.rstrip(), details.strip()
    return answer, None


def add_to_brief(answer: str, text: str) -> str:
    """`text` at the end of the brief (before the details heading), or at the end when there is none."""
    brief, details = split_details(answer)
    if details is None:
        return f"{answer}\n\n{text}"
    heading = next(h for h in _details_headings() if f"\n{h}\n" in answer)
    return f"{brief}\n\n{text}\n\n{heading}\n{details}"


def first_clause(text: str, language: Lang, limit: int) -> str:
    """Catalogue text cut to its first clauses, so a brief line or a table cell stays short on a phone.

    The cut is at the last sentence or semicolon stop within `limit`, else the last comma, provided it keeps
    a third of the limit ("Industrial cameras" alone says nothing); else at a word with an ellipsis.
    """
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    strong, weak = (("; ", ". "), (", ",)) if language == "en" else (("；", "。"), ("，",))
    for stops in (strong, weak):
        cut = max(head.rfind(stop) for stop in stops)
        if cut >= limit // 3:
            return text[:cut]
    cut = head.rfind(" ") if language == "en" else -1
    return (text[:cut] if cut >= limit // 3 else text[:limit]).rstrip(" ,;，；") + "…"


def money(amount: float, language: Lang) -> str:
    """CNY 30,000 in English; 3万元 in Chinese."""
    return f"CNY {amount:,.0f}" if language == "en" else format_cny(amount)


def money_range(low: float, high: float, language: Lang) -> str:
    """One unit per range, chosen by its upper end: 0.12–1.26万元, not 1,200元–1.26万元."""
    return format_cny_range(low, high, language)


def summary_line(
    claimable: int,
    to_confirm: int,
    totals: tuple[tuple[float, float], tuple[float, float]] | None,
    place: str | None,
    language: Lang,
    currency: str = "",
    selection: int = 0,
) -> str:
    """The line a recommendation opens with: "可申请 2 项 · 预计可回补 ¥X · 首年净投入 ¥Y–¥Z".

    `totals` is the pack's (gross, net) first-year cost, each (low, high), as the engine costed it.
    `currency`: a word before each Chinese amount ("人民币" for a Hong Kong client, who reads 元 as HK$).
    `selection`: open programs paid only if selected (awards, pilot cities): counted apart, never "none".
    """
    en = language == "en"
    if claimable:
        parts = [f"{claimable} program(s) you can likely claim" if en else f"可申请 {claimable} 项"]
        if to_confirm:
            parts.append(f"{to_confirm} to confirm" if en else f"另有 {to_confirm} 项待确认")
    elif to_confirm:
        # One statement, not "none for this pack · 1 more to confirm", which read as a no followed by a yes
        # (review13 r13-22/37/39/46): nothing is certain yet, and this many may still pay.
        where = f"{place} " if place else ""
        parts = [
            f"No {where}subsidy is certain for this pack yet: {to_confirm} to confirm"
            if en
            else f"暂无可确定的{place or ''}补贴：{to_confirm} 项待确认"
        ]
    # Said of this pack, not of the place: a city whose vouchers pay for other purchases still has programs.
    elif en:
        what = "subsidy you can claim directly" if selection else "subsidy"
        parts = ["No" + (f" {place}" if place else "") + f" {what} in our catalogue pays for this pack yet"]
    else:
        what = "可直接申领的" if selection else "能用于本方案的"
        parts = [f"目录中暂无{what}{place or ''}补贴"]
    if selection:
        parts.append(
            f"{selection} paid only if selected (not in net cost)"
            if en
            else f"{selection} 项须申报入选（不计入净成本）"
        )
    if totals is not None:
        (gross_low, gross_high), (net_low, net_high) = totals
        back_low, back_high = gross_low - net_low, gross_high - net_high
        unit = "" if en else currency
        net = unit + money_range(net_low, net_high, language)
        if back_high > 0:
            back = unit + money_range(back_low, back_high, language)
            parts += (
                [f"about {back} back", f"net first year {net}"]
                if en
                else [f"预计可回补 {back}", f"首年净投入 {net}"]
            )
        else:
            parts.append(f"first year {net}" if en else f"首年投入 {net}")
    return " · ".join(parts)


def size_label(size: SizeClass, language: Lang) -> str:
    """小型企业 / small (the MIIT size class)."""
    return pick(SIZE_LABELS[size], language)


def region_label(province: str | None, city: str | None) -> str | None:
    """浙江·杭州; a municipality once (上海, not 上海·上海); None when the province is unknown."""
    return Region.model_construct(province=province, city=city).label if province else None


# Headings and labels of an exported advice document (app/services/export.py).
DOCUMENT_HEADINGS: dict[str, tuple[str, str]] = {
    "title": ("AI赋能包建议书", "AI enablement pack proposal"),
    "client": ("客户", "Client"),
    "generated": ("日期", "Date"),
    "profile": ("企业概况", "Company profile"),
    "pain_points": ("待解决的问题", "Problems to solve"),
    "summary": ("摘要", "Summary"),
    "in_short": ("结论", "In short"),
    "pack": ("推荐方案", "Recommended pack"),
    "apply": ("可申请的补贴", "Subsidies to apply for"),
    "first_step": ("第一步", "First step"),
    "details": ("详细说明", "Details"),
    "pack_table": ("方案与费用", "Solutions and costs"),
    "funding": ("补贴政策判断", "Funding verdicts"),
    "arithmetic": ("补贴计算", "How the subsidy was computed"),
    "steps": ("申请步骤", "How to apply"),
    "sources": ("引用来源", "Sources"),
    "region": ("地区", "Region"),
    "industry": ("行业", "Industry"),
    "employees": ("员工人数", "Employees"),
    "revenue": ("年营收", "Annual revenue"),
    "budget": ("预算", "Budget"),
    "size": ("企业规模", "Size class"),
    "solution": ("方案", "Solution"),
    "first_year": ("首年费用", "First year"),
    "after": ("补贴后", "After subsidies"),
    "why": ("解决什么", "What it solves"),
    "program": ("政策（发放单位）", "Program (issuer)"),
    "verdict": ("判断与理由", "Verdict and reasons"),
    "benefit": ("支持内容", "Benefit"),
    "cap": ("上限", "cap"),
    "deadline": ("截止", "deadline"),
    "none": ("—", "—"),
    "eligible": ("基本符合", "likely eligible"),
    "unknown": ("待确认", "to confirm"),
    "ineligible": ("不符合", "not eligible"),
}


def lang_of(code: str) -> Lang:
    """`detect_language`'s code as an answer language."""
    return "en" if code == "en" else "zh"
