"""Enterprise size class by the MIIT SME classification (工信部联企业〔2011〕300号).

Each sector lists, per class, the thresholds that must ALL be met ("且"); micro
is "below either" of the small thresholds ("或"). Sectors that use total assets
(construction, real-estate development, leasing) are classified on the
measures we ask for, and the basis says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from app.catalogue.taxonomy import SIZE_LABELS, SizeClass

Measure = Literal["employees", "revenue"]
WAN = 10_000


@dataclass(frozen=True)
class SectorRule:
    name_zh: str
    name_en: str
    # class -> minimum values that must all be met (employees, revenue in CNY)
    large: dict[Measure, float]
    medium: dict[Measure, float]
    small: dict[Measure, float]
    note: str = ""


SECTORS: dict[str, SectorRule] = {
    "agriculture": SectorRule(
        "农、林、牧、渔业",
        "agriculture",
        {"revenue": 20000 * WAN},
        {"revenue": 500 * WAN},
        {"revenue": 50 * WAN},
    ),
    "industry": SectorRule(
        "工业",
        "industry",
        {"employees": 1000, "revenue": 40000 * WAN},
        {"employees": 300, "revenue": 2000 * WAN},
        {"employees": 20, "revenue": 300 * WAN},
    ),
    "construction": SectorRule(
        "建筑业",
        "construction",
        {"revenue": 80000 * WAN},
        {"revenue": 6000 * WAN},
        {"revenue": 300 * WAN},
        "标准同时要求资产总额，此处仅按营业收入判断",
    ),
    "wholesale": SectorRule(
        "批发业",
        "wholesale",
        {"employees": 200, "revenue": 40000 * WAN},
        {"employees": 20, "revenue": 5000 * WAN},
        {"employees": 5, "revenue": 1000 * WAN},
    ),
    "retail": SectorRule(
        "零售业",
        "retail",
        {"employees": 300, "revenue": 20000 * WAN},
        {"employees": 50, "revenue": 500 * WAN},
        {"employees": 10, "revenue": 100 * WAN},
    ),
    "transport": SectorRule(
        "交通运输业",
        "transport",
        {"employees": 1000, "revenue": 30000 * WAN},
        {"employees": 300, "revenue": 3000 * WAN},
        {"employees": 20, "revenue": 200 * WAN},
    ),
    "warehousing": SectorRule(
        "仓储业",
        "warehousing",
        {"employees": 200, "revenue": 30000 * WAN},
        {"employees": 100, "revenue": 1000 * WAN},
        {"employees": 20, "revenue": 100 * WAN},
    ),
    "postal": SectorRule(
        "邮政业",
        "postal",
        {"employees": 1000, "revenue": 30000 * WAN},
        {"employees": 300, "revenue": 2000 * WAN},
        {"employees": 20, "revenue": 100 * WAN},
    ),
    "accommodation": SectorRule(
        "住宿业",
        "accommodation",
        {"employees": 300, "revenue": 10000 * WAN},
        {"employees": 100, "revenue": 2000 * WAN},
        {"employees": 10, "revenue": 100 * WAN},
    ),
    "catering": SectorRule(
        "餐饮业",
        "catering",
        {"employees": 300, "revenue": 10000 * WAN},
        {"employees": 100, "revenue": 2000 * WAN},
        {"employees": 10, "revenue": 100 * WAN},
    ),
    "telecom": SectorRule(
        "信息传输业",
        "information transmission",
        {"employees": 2000, "revenue": 100000 * WAN},
        {"employees": 100, "revenue": 1000 * WAN},
        {"employees": 10, "revenue": 100 * WAN},
    ),
    "software": SectorRule(
        "软件和信息技术服务业",
        "software and IT services",
        {"employees": 300, "revenue": 10000 * WAN},
        {"employees": 100, "revenue": 1000 * WAN},
        {"employees": 10, "revenue": 50 * WAN},
    ),
    "real_estate": SectorRule(
        "房地产开发经营",
        "real-estate development",
        {"revenue": 200000 * WAN},
        {"revenue": 1000 * WAN},
        {"revenue": 100 * WAN},
        "标准同时要求资产总额，此处仅按营业收入判断",
    ),
    "property": SectorRule(
        "物业管理",
        "property management",
        {"employees": 1000, "revenue": 5000 * WAN},
        {"employees": 300, "revenue": 1000 * WAN},
        {"employees": 100, "revenue": 500 * WAN},
    ),
    "leasing": SectorRule(
        "租赁和商务服务业",
        "leasing and business services",
        {"employees": 300},
        {"employees": 100},
        {"employees": 10},
        "标准同时要求资产总额，此处仅按从业人员判断",
    ),
    "other": SectorRule(
        "其他未列明行业", "other industries", {"employees": 300}, {"employees": 100}, {"employees": 10}
    ),
}

# Default MIIT sector per GB/T 4754 section; keywords can refine it (餐饮 vs 住宿).
SECTION_SECTOR: dict[str, str] = {
    "A": "agriculture",
    "B": "industry",
    "C": "industry",
    "D": "industry",
    "E": "construction",
    "F": "retail",
    "G": "transport",
    "H": "catering",
    "I": "software",
    "K": "property",
    "L": "leasing",
}


@dataclass(frozen=True)
class SizeDecision:
    size_class: SizeClass | None
    basis: str  # which threshold decided, in Chinese
    missing: tuple[Measure, ...] = ()  # measures that would make the decision certain


def _label(measure: Measure, value: float) -> str:
    return f"从业人员{value:g}人" if measure == "employees" else f"营业收入{value / WAN:g}万元"


def _known_measures(employees: float | None, revenue: float | None) -> dict[Measure, float]:
    """The measures the client gave; the thresholds are judged on these alone."""
    pairs: tuple[tuple[Measure, float | None], ...] = (("employees", employees), ("revenue", revenue))
    return {measure: value for measure, value in pairs if value is not None}


def _meets(thresholds: dict[Measure, float], known: dict[Measure, float]) -> bool | None:
    """True/False when decidable from the known measures, None when a needed one is missing."""
    results = [known[m] >= v if m in known else None for m, v in thresholds.items()]
    if any(r is False for r in results):
        return False
    return None if any(r is None for r in results) else True


@lru_cache(maxsize=1024)  # asked once per catalogue program per answer, always about the same company
def classify(sector: str, employees: float | None, revenue: float | None) -> SizeDecision:
    rule = SECTORS.get(sector, SECTORS["other"])
    known = _known_measures(employees, revenue)
    if not known:
        return SizeDecision(None, "缺少从业人员和营业收入，无法判断企业规模", ("employees", "revenue"))
    prefix = f"按{rule.name_zh}标准"
    relevant = {m for thresholds in (rule.large, rule.medium, rule.small) for m in thresholds}
    if not relevant & set(known):
        need = "从业人员" if "employees" in relevant else "营业收入"
        return SizeDecision(None, f"{prefix}需要{need}才能判断企业规模", tuple(sorted(relevant)))
    for size_class, thresholds in (
        (SizeClass.large, rule.large),
        (SizeClass.medium, rule.medium),
        (SizeClass.small, rule.small),
    ):
        verdict = _meets(thresholds, known)
        condition = "且".join(_label(m, v) + "及以上" for m, v in thresholds.items())
        if verdict is True:
            basis = f"{prefix}，{condition}为{SIZE_LABELS[size_class][0]}"
            return SizeDecision(size_class, basis + (f"（{rule.note}）" if rule.note else ""))
        if verdict is None:
            missing = tuple(m for m in thresholds if m not in known)
            # Not provable either way; report the class the known measure allows and ask for the rest.
            basis = f"{prefix}，需补充{('从业人员' if 'employees' in missing else '营业收入')}才能确认是否达到{condition}"
            lower = classify_known_only(rule, known)
            return SizeDecision(lower, basis, missing)
    below = "或".join(_label(m, v) + "以下" for m, v in rule.small.items())
    return SizeDecision(SizeClass.micro, f"{prefix}，{below}为微型企业")


def large_thresholds(sector: str) -> tuple[SectorRule, dict[Measure, float]]:
    """The sector's rule and the measures a large firm must all reach (1000 people AND 4亿 in industry)."""
    rule = SECTORS.get(sector, SECTORS["other"])
    return rule, rule.large


@lru_cache(maxsize=1024)
def possible_classes(sector: str, employees: float | None, revenue: float | None) -> frozenset[SizeClass]:
    """Every class the known measures leave open: 25 wholesale employees without revenue may be medium, small or
    micro (the thresholds need revenue too), so none of them is asserted (review6: "中型企业" from headcount)."""
    rule = SECTORS.get(sector, SECTORS["other"])
    known = _known_measures(employees, revenue)
    large, medium, small = (_meets(t, known) for t in (rule.large, rule.medium, rule.small))
    out = set()
    if large is not False:
        out.add(SizeClass.large)
    if medium is not False and large is not True:
        out.add(SizeClass.medium)
    if small is not False and medium is not True:
        out.add(SizeClass.small)
    if small is not True:
        out.add(SizeClass.micro)
    return frozenset(out)


def classify_known_only(rule: SectorRule, known: dict[Measure, float]) -> SizeClass:
    """Best guess from partial data: the highest class whose known thresholds are met."""
    for size_class, thresholds in (
        (SizeClass.large, rule.large),
        (SizeClass.medium, rule.medium),
        (SizeClass.small, rule.small),
    ):
        if all(known[m] >= v for m, v in thresholds.items() if m in known) and any(
            m in known for m in thresholds
        ):
            return size_class
    return SizeClass.micro


_ORDER = (SizeClass.micro, SizeClass.small, SizeClass.medium, SizeClass.large)


def classes_between(low: frozenset[SizeClass], high: frozenset[SizeClass]) -> frozenset[SizeClass]:
    """Every class from the smallest one end allows to the largest the other allows (the measures are monotone:
    a figure between the ends falls between their classes)."""
    ranks = [_ORDER.index(c) for c in low | high]
    return frozenset(_ORDER[min(ranks) : max(ranks) + 1])


def classify_span(sector: str, low: SizeDecision, high: SizeDecision, stated: str) -> SizeDecision:
    """The class of a range the owner gave ("二三十人", "30-50 people"): the class both ends fall in; when a
    threshold of the trade lies between them, no class (the size is asked, never guessed from one end)."""
    if low.size_class == high.size_class:
        return high
    rule = SECTORS.get(sector, SECTORS["other"])
    ends = "、".join(SIZE_LABELS[d.size_class][0] if d.size_class else "未知" for d in (low, high))
    basis = f"按{rule.name_zh}标准，{stated}跨过规模界限（两端分别为{ends}），需确认确切数字才能判断企业规模"
    missing = tuple(dict.fromkeys((*low.missing, *high.missing))) or ("employees",)
    return SizeDecision(None, basis, missing)
