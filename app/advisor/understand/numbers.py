"""Numbers as owners write them: 20人, 二十来个人, 年营收3000万, 1.2亿, 一万五, 两三万, 5w, 50k, RMB 2 million.

(Magnitudes said without a digit, "上百人", "万把块", are written out first: spoken_magnitudes.py.)
Numerals go through cn2an (Chinese and Arabic, 一万五 = 15000, 萬); what cn2an does not read is ours:
approximate counts ("两三万" is read at its upper end, "十来万", "二十万出头"), "一亿二", the w/k units,
and ranges ("五千到八千", "between 5,000 and 8,000": the upper end, since a budget is a ceiling).
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

import cn2an  # type: ignore[import-untyped]

from app.advisor.understand.numeral_ranges import pair_lower
from app.advisor.understand.spelled_numbers import spelled_numbers
from app.advisor.understand.spoken_magnitudes import spoken_magnitudes

_DIGITS = "零〇一二两三四五六七八九"
# 廿 and 卅 are twenty and thirty as written in shops and Cantonese ("廿幾個人"; cn2an reads them)
_PLAIN = "零〇一二两三四五六七八九十百千万亿萬億点廿卅"
# Formal numerals (大写) as on invoices and contracts: "拾伍万元整", "贰拾万", "壹万伍仟" (參 and 陸 arrive here
# simplified, as 参 and 陆). A lone one is an everyday character (收拾, 队伍, 大陆, 参加), so a formal numeral
# counts only within a run of two or more numeral characters.
_FORMAL = "壹贰叁参肆伍陆柒捌玖拾佰仟"
_FORMAL_TO_PLAIN = str.maketrans(_FORMAL + "萬億", "一二三三四五六七八九十百千万亿")
_CN_NUMBER = (
    rf"(?:[{_PLAIN}]*[{_FORMAL}][{_PLAIN}{_FORMAL}]+|[{_PLAIN}]+[{_FORMAL}][{_PLAIN}{_FORMAL}]*|[{_PLAIN}]+)"
)
NUMBER = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?|{_CN_NUMBER})"
# "两三万", "五六千", "一百五六十": two digits side by side name a range, read at the larger one, wherever
# they stand in the numeral ("一百五六十" = 160); a unit or the end of the numeral follows them.
_PAIR = re.compile(r"([一二两三四五六七八九])([二三四五六七八九])(?=[十百千万亿]|$)")
# "一亿二" = 1.2亿 and "三万五" = 3.5万 (cn2an reads the second, not the first).
_TRAILING_DIGIT = re.compile(r"^(.+?)(亿|万)([一二两三四五六七八九])$")
# "十万八万", "三千五千": the same unit twice is a range, read at its upper end.
_TWICE = re.compile(r"^([零〇一二两三四五六七八九十]+)(万|千|亿)([零〇一二两三四五六七八九十]+)\2$")
_DIGIT_VALUE = {ch: i for i, ch in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def _larger_of_pair(pair: re.Match[str]) -> str:
    low, high = _DIGIT_VALUE[pair.group(1)], _DIGIT_VALUE[pair.group(2)]
    return pair.group(2) if high > low else pair.group(0)


def chinese_to_number(text: str) -> float | None:
    """二十 -> 20, 一万五 -> 15000, 两三万 -> 30000, 一亿二 -> 120000000; None if not a numeral."""
    if not text or not re.fullmatch(_CN_NUMBER, text):
        return None
    # Formal numerals as plain ones: cn2an reads both; the range and "一亿二" rules below read plain ones.
    text = text.translate(_FORMAL_TO_PLAIN).replace("卅", "三十")  # cn2an reads 廿, not 卅
    if (twice := _TWICE.match(text)) and (low := chinese_to_number(twice.group(1) + twice.group(2))):
        high = chinese_to_number(twice.group(3) + twice.group(2))
        return None if high is None else max(low, high)
    text = _PAIR.sub(_larger_of_pair, text)
    if trailing := _TRAILING_DIGIT.match(text):
        head = chinese_to_number(trailing.group(1))
        unit = 1e8 if trailing.group(2) == "亿" else 1e4
        return None if head is None else head * unit + _DIGIT_VALUE[trailing.group(3)] * unit / 10
    return _cn2an(text)


def _cn2an(text: str) -> float | None:
    """cn2an's reading of a numeral, Chinese or mixed ("一万五", "廿", "1亿5千万"), or None."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # cn2an warns on input it then rejects
            value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, TypeError, IndexError):
        return None
    return float(value)


def parse_number(token: str) -> float | None:
    token = token.strip().replace(",", "")
    try:
        value: float | None = float(token)
    except ValueError:
        value = chinese_to_number(token)
    # "9" * 400 parses to inf: no business has that many anything.
    return value if value is not None and math.isfinite(value) else None


_UNIT_FACTORS = {
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
    "w": 1e4,
    "千": 1e3,
    "k": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "million": 1e6,
    "mn": 1e6,
    "grand": 1e3,
    "billion": 1e9,
    "bn": 1e9,
}
_UNIT = r"亿|千万|百万|万|千|w(?![a-z])|k(?![a-z])|thousand(?![a-z])|grand(?![a-z])|m(?![a-z])|million|mn(?![a-z])|billion|bn(?![a-z])"
# "来/多/余/几" between number and unit ("两千来万", "十来万") approximate the number; dropped.
AMOUNT = rf"({NUMBER})\s*(?:来|多|余|几)?\s*(?:个)?\s*(?:来|多|余)?\s*({_UNIT})?\s*(?:元|块钱|块|人民币|rmb|cny|yuan)?"


def parse_amount(number: str, unit: str | None) -> float | None:
    """An amount in CNY from a number and an optional unit; 3万 -> 30000."""
    value = parse_number(number)
    if value is None:
        return None
    return value * _UNIT_FACTORS.get((unit or "").lower(), 1.0)


# Money the company has or takes in rather than spends: its takings, its capital, its loans, its margins.
# An amount right after one of these is neither the budget nor a contract (budget.py and purchases.py read it).
COMPANY_MONEY = (
    r"营收|营业收入|营业额|收入|产值|流水|销售额|年入|注册资本|注册资金|实缴|贷款|贷了|银行贷|借了|借款|欠|毛利|利润|净利|"
    r"revenue|turnover|sales|income|registered capital|capital|loans?|borrow\w*|owe|profits?|margins?"
)


@dataclass(frozen=True)
class Money:
    value: float
    start: int
    end: int
    marked: bool  # carries a unit or a currency, so it is money and not a count
    # The lower end when the owner gave a range ("两三百万", "五百到八百万"); `value` is the upper end.
    low: float | None = None


_MONEY_RE = re.compile(
    rf"(?:(?:rmb|cny|¥|￥)\s*)?({NUMBER})\s*(?:来|多|余|几)?\s*(?:个)?\s*(?:来|多|余)?\s*({_UNIT})?\s*(出头)?\s*(元|块钱|块|人民币|rmb|cny|yuan)?",
    re.IGNORECASE,
)
# What a number counts when it is not money: "200人", "30辆货车", "开了12年", "3个门店", "an 80-person firm".
_COUNT_AFTER = re.compile(
    r"\s*(?:多|来|余|几)?\s*(?:个|人(?!民币)|名|位|家|辆|台(?!币)|间|套|头|亩|座|栋|层|条|只|户|张|件|份|次|床|桌|吨|公斤|斤|箱|"
    r"平方|平米|年|月|天|日|周|小时|岁|倍|%|％|员工|工人|门店|店|分店|"
    r"[- ]?(?:people|persons?|staff|employees?|workers?|stores?|shops?|outlets?|vehicles?|trucks?|cars?|"
    r"years?|months?|days?|beds?|rooms?)(?![a-z]))",
    re.IGNORECASE,
)
# ...or before it: "员工180", "headcount 45" (no unit, no currency) count people.
_COUNT_BEFORE = re.compile(
    r"(?:员工|工人|职工|人数|人员|雇员|staff|employees|headcount|workers)\s*(?:有|是|约|大概|共|一共|of|is)?\s*$",
    re.IGNORECASE,
)
_RANGE_JOIN = re.compile(r"^\s*(?:到|至|-|–|~|～|and|to)\s*$", re.IGNORECASE)
# Spoken magnitudes with an Arabic tail: "1万5" is 15,000, "3千5" 3,500, "1万5千" 15,000 (as "一万五" already is).
# Not when a counter follows ("1万5个人" is ten thousand, then five people).
_ARABIC_TAIL = re.compile(r"(\d)(千|百)?(?![\d.万千百亿个人名家位年月天岁%％])")
_TAIL_UNITS = {"亿": 1e8, "万": 1e4, "千": 1e3, "百": 100.0}
# What an Arabic 亿 figure goes on with below 亿: "1亿5千万" is 1.5亿, never 1亿 and then 5千万.
_BELOW_YI = re.compile(r"(?:\d{1,4}|[一二两三四五六七八九十百千]{1,6})(?:千万|百万|万)")


def _spoken_tail(
    text: str, number: str, unit: str | None, currency: str | None, end: int
) -> tuple[float, int]:
    """The value a digit after a magnitude adds ("1万5" → 5,000) and where the amount then ends."""
    if not unit or currency or unit not in _TAIL_UNITS or not number.isdigit():
        return 0.0, end
    if unit == "亿" and (below := _BELOW_YI.match(text, end)):  # "1亿5千万", "2亿3000万": one figure (cn2an)
        whole = _cn2an(f"{number}亿{below.group(0)}")
        if whole is not None and 0 < whole - float(number) * 1e8 < 1e8:
            return whole - float(number) * 1e8, below.end()
    tail = _ARABIC_TAIL.match(text, end)
    if tail is None:
        return 0.0, end
    digit, sub_unit = int(tail.group(1)), tail.group(2)
    factor = _TAIL_UNITS[sub_unit] if sub_unit else _TAIL_UNITS[unit] / 10
    if factor >= _TAIL_UNITS[unit]:
        return 0.0, end
    return digit * factor, tail.end()


def match_value(text: str, match: re.Match[str]) -> float | None:
    """The amount an AMOUNT match in `text` states, with a spoken tail ("1万5" is 15,000, not 10,000)."""
    number, unit = match.group(1), match.group(2)
    value = parse_amount(number, unit)
    if value is None:
        return None
    return value + _spoken_tail(text, number.replace(",", ""), unit, None, match.end())[0]


def money_amounts(text: str) -> list[Money]:
    """Every amount of money in normalised text, ranges folded into their upper end."""
    found: list[Money] = []
    text = spoken_magnitudes(spelled_numbers(text))  # same length: positions stay valid
    consumed = 0
    for match in _MONEY_RE.finditer(text):
        if match.start() < consumed:
            continue  # the tail of a spoken amount already read ("1万5": the 5)
        number, unit, _, currency = match.groups()
        prefix = match.group(0)[: match.start(1) - match.start()]
        value = parse_amount(number, unit)
        if value is None:
            continue
        extra, end = _spoken_tail(text, number.replace(",", ""), unit, currency, match.end())
        consumed = end
        counted = "个" in match.group(0)[match.end(1) - match.start() :] and not unit
        bare = not (unit or currency or prefix.strip())
        counts_people = bare and _COUNT_BEFORE.search(text[max(0, match.start() - 12) : match.start()])
        if not currency and (counted or counts_people or _COUNT_AFTER.match(text, end)):
            continue  # a count of people, vehicles, years or stores is never money
        # "一万", "两千" carry their magnitude in the numeral: money-like even without 元.
        marked = bool(unit or currency or prefix.strip() or set(number) & set("万亿千"))
        lower = pair_lower(number)
        found.append(
            Money(value + extra, match.start(), end, marked, parse_amount(lower, unit) if lower else None)
        )
    merged: list[Money] = []
    for money in found:
        if merged and _RANGE_JOIN.match(text[merged[-1].end : money.start]):
            low = merged.pop()  # "五千到八千", "between 5,000 and 8,000 yuan": the upper end
            merged.append(
                Money(
                    max(low.value, money.value),
                    low.start,
                    money.end,
                    low.marked or money.marked,
                    _lower_end(low, money),
                )
            )
        else:
            merged.append(money)
    return merged


def _lower_end(low: Money, high: Money) -> float:
    """The lower end of "五百到八百万" / "5 to 8 million": a bare first figure takes the second's unit."""
    value = low.low if low.low is not None else low.value
    if not low.marked and high.marked and 0 < value < high.value:
        for factor in (1e8, 1e4, 1e6, 1e3):
            if value * factor <= high.value and high.value / (value * factor) < 10:
                return value * factor
    return min(value, high.value)
