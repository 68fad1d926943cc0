"""What the consultant scorer looks for in an answer's text: the phrases of each expected statement, and dates.

Matched on the compacted text (no white space, lower case), so "exceeds your budget" and "超出预算" are
found however the answer spaces or wraps them.
"""

from __future__ import annotations

import re
from datetime import date

from app.text.normalize import normalize

OVER_BUDGET = (
    "超出预算",
    "超过预算",
    "超预算",
    "预算不够",
    "预算不足",
    "超出您的预算",
    "overbudget",
    "overyourbudget",
    "exceedsyourbudget",
    "exceedthebudget",
    "exceedsthebudget",
    "aboveyourbudget",
    "abovethebudget",
)
NO_PROGRAM = (
    "没有找到",
    "未找到",
    "没有收录",
    "未收录",
    "没有覆盖",
    "暂无",
    "没有适用",
    "没有可用",
    "nocatalogued",
    "noprogram",
    "nosubsid",
    "notcovered",
    "nonecovers",
    "nofundingprogram",
    # A place outside every program's region, said as such ("Laos is outside the programs' coverage … none of
    # it applies there"): the same honest no in other words. The Chinese "不在（这些/内地补贴）项目的覆盖范围"
    # forms are NO_PROGRAM_PATTERN's, so a new qualifier between 不在 and 覆盖范围 needs no new entry.
    "outsidetheprograms",
    "noneofitapplies",
    "覆盖范围之外",
)
# "不在覆盖范围", "不在这些补贴项目的覆盖范围", "不在內地補貼項目的覆蓋範圍": 不在, a short qualifier with no
# punctuation (so two clauses never join), then 覆盖范围 — matched on the compacted simplified text.
NO_PROGRAM_PATTERN = re.compile(r"不在[^，。；：,.;:!?！？]{0,14}覆盖范围")
# A sentence promising the list that follows ("下面只列当地的项目", "Programs open to firms of any size are listed
# below"): a lead-in that nothing follows reads as a missing answer (review10 r10-16, r10-35).
LEAD_IN = ("下面只列", "以下只列", "只列当地", "arelistedbelow", "arelisted:", "arelisted.")
NOT_IN_SOURCES = (
    "不在我的资料",
    "不在资料",
    "未收录",
    "没有收录",
    "不在目录",
    "资料里没有",
    "目录中没有找到",
    "couldnotfind",
    "资料中没有",
    "notinmysources",
    "notinthecatalogue",
    "notinmycatalogue",
    "notinoursources",
    "norecordof",
)
REFUSE_GUARANTEE = (
    "不能保证",
    "无法保证",
    "不保证",
    "没法保证",
    "不能承诺",
    "无法承诺",
    "不作保证",
    "cannotguarantee",
    "can'tguarantee",
    "notguaranteed",
    "noguarantee",
    "cannotpromise",
    "can'tpromise",
)
LARGE_FIRM = ("大型企业", "大企业", "largeenterprise", "largecompany", "largefirm", "alargebusiness")
NOT_FOR_YOU = (
    "不适用",
    "不符合",
    "不能申请",
    "不面向",
    "不属于",
    "不适合",
    "notfor",
    "noteligible",
    "don'tqualify",
    "donotqualify",
    "aren'tfor",
    "arenotfor",
    "isnotfor",
    "isn'tfor",
    "doesnotapply",
    "don'tapply",
)
POLICY_QUOTE = ("政策依据", "policybasis")


def compact(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def count(text: str, phrase: str) -> int:
    """How many times the answer says the phrase (script-blind, spaces ignored)."""
    return compact(normalize(text)).count(compact(normalize(phrase)))


def has_any(text: str, phrases: list[str] | tuple[str, ...]) -> bool:
    # Script-blind: a zh-Hant answer's "不能保證" refuses as "不能保证" does (phrases are mostly simplified).
    body = compact(normalize(text))
    return any(compact(normalize(p)) in body for p in phrases)


def says_no_program(text: str) -> bool:
    """The answer says no catalogued program covers the client (in a listed phrase or the 不在…覆盖范围 form)."""
    return has_any(text, NO_PROGRAM) or bool(NO_PROGRAM_PATTERN.search(compact(normalize(text))))


def date_forms(d: date) -> list[str]:
    months = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
    m = months[d.month - 1]
    return [
        d.isoformat(),
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.month}月{d.day}日",
        f"{d.year}/{d.month}/{d.day}",
        f"{m}{d.day}",
        f"{d.day}{m}",
        f"{m[:3]}{d.day}",
        f"{d.day}{m[:3]}",
    ]
