"""The period a figure is said per ("每月5000", "每季度2万", "HK$30k a quarter", "每半年…每次2万"): the one reader of
period words, for the budget and for the contracts the client names, so that a yearly rule (a threshold, a cap per
year, the first year's cost) is judged on a year of it (issue #11, session 20: a quarter was read as a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    """A period a figure is said per ("每季度2万", "HK$30k a quarter"): how many of them make the year, and how the
    arithmetic names it."""

    key: str  # week, month, quarter, half_year: the JSON contract's `period`
    per_year: int
    zh: str  # "每季度": said before the per-period figure
    times_zh: str  # "4个季度": what the year is that many of
    en: str  # "a quarter"


MONTH = Period("month", 12, "每月", "12个月", "a month")
QUARTER = Period("quarter", 4, "每季度", "4个季度", "a quarter")
HALF_YEAR = Period("half_year", 2, "每半年", "2个半年", "every six months")
WEEK = Period("week", 52, "每周", "52周", "a week")
PERIODS = {p.key: p for p in (MONTH, QUARTER, HALF_YEAR, WEEK)}

# Each period's words before its figure (what is bought may stand between them: "每个月调用大模型API大概花1.5万") and
# right after it ("5000元/月", "RMB 12,000 per quarter"). Not "一个月内" (a deadline), "3个月" (a count), "第一季度" or
# "今年一季度" (a date), nor a bare "半年" ("半年回本": a payback time).
_PERIOD_WORDS: tuple[tuple[Period, str, str], ...] = (
    (
        MONTH,
        r"每个?月|一个月(?!内)|月均|月租|monthly",
        r"/\s*月|每月|一个月|/\s*mo(?:nth)?\b|a month|per month|monthly",
    ),
    (
        QUARTER,
        r"每个?季度?|(?<![第年])一个?季度|按季度?|季均|quarterly|(?:per|a|each|every) quarter",
        r"/\s*季度?|每季度?|一个?季度|/\s*q(?:tr|uarter)?\b|(?:a|per|each|every) quarter|quarterly",
    ),
    (
        HALF_YEAR,
        r"每个?半年|半年一次|按半年|every (?:six|6) months|half-yearly|semi-?annually",
        r"/\s*半年|每半年|every (?:six|6) months|(?:a|per) half[- ]year|half-yearly|semi-?annually",
    ),
    (WEEK, r"每个?(?:周|星期|礼拜)|weekly", r"/\s*周|每周|(?:a|per) week|weekly"),
)
_BEFORE = [
    (period, re.compile(rf"(?:{before})[^,，。;；\d]{{0,20}}$", re.IGNORECASE))
    for period, before, _ in _PERIOD_WORDS
]
_AFTER = [
    (period, re.compile(rf"\s*(?:元|块|rmb|yuan|cny|hkd|mop|twd)?\s*(?:{after})", re.IGNORECASE))
    for period, _, after in _PERIOD_WORDS
]
_ANYWHERE = [(period, re.compile(before, re.IGNORECASE)) for period, before, _ in _PERIOD_WORDS]
# "每半年租一次GPU，每次2万": a figure "each time" takes the period of the clause before it.
_EACH_TIME = re.compile(r"(?:每次|每期|每回|each time)[^,，。;；\d]{0,6}$", re.IGNORECASE)


def period_of(text: str, start: int, end: int) -> Period | None:
    """The period the amount at text[start:end] is said per, None for a yearly or one-off figure. The one reader of
    period words for the budget and for the contracts the client names: a year is `per_year` of them."""
    for period, after in _AFTER:
        if after.match(text, end):
            return period
    before = text[max(0, start - 28) : start]
    for period, pattern in _BEFORE:
        if pattern.search(before):
            return period
    if _EACH_TIME.search(before):
        clause = text[max(0, start - 40) : start]
        for period, pattern in _ANYWHERE:
            if pattern.search(clause):
                return period
    return None
