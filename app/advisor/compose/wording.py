"""The words the advisor, the exports and the UI share, in both languages.

One table per kind of word (verdicts, missing facts, headings, the disclaimer) and one
formatter per kind of value (money, size class, region), so an answer, a Word export and
a badge in the app cannot drift apart. Words only one place uses stay with that place.
"""

from __future__ import annotations

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Verdict
from app.catalogue.models import Region
from app.catalogue.render import format_cny
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
    "size": ("员工人数和年营收", "employees and revenue"),
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


def money(amount: float, language: Lang) -> str:
    """CNY 30,000 in English; 3万元 in Chinese."""
    return f"CNY {amount:,.0f}" if language == "en" else format_cny(amount)


def money_range(low: float, high: float, language: Lang) -> str:
    if language == "en":
        return f"CNY {low:,.0f}–{high:,.0f}"
    return f"{format_cny(low)}–{format_cny(high)}"


def size_label(size: SizeClass, language: Lang) -> str:
    """小型企业 / small (the MIIT size class)."""
    return pick(SIZE_LABELS[size], language)


def region_label(province: str | None, city: str | None) -> str | None:
    """浙江·杭州; a municipality once (上海, not 上海·上海); None when the province is unknown."""
    return Region.model_construct(province=province, city=city).label if province else None


# Section headings of an exported advice document (the answer's own lead-ins are sentences).
DOCUMENT_HEADINGS: dict[str, tuple[str, str]] = {
    "title": ("AI赋能包建议书", "AI enablement pack advice"),
    "profile": ("企业概况", "Company profile"),
    "pack": ("推荐方案", "Recommended pack"),
    "funding": ("补贴政策判断", "Funding verdicts"),
    "arithmetic": ("补贴计算", "Subsidy arithmetic"),
    "steps": ("申请步骤", "How to apply"),
    "sources": ("引用来源", "Sources"),
    "generated": ("生成时间", "Generated"),
    "answer": ("回答全文", "Full answer"),
}


def lang_of(code: str) -> Lang:
    """`detect_language`'s code as an answer language."""
    return "en" if code == "en" else "zh"
