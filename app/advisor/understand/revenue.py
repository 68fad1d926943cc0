"""A firm's annual revenue, in the ways owners say it: "年营收3000万", "流水一年也就三十来万", "一年卖个千把万",
"营业额大概五百万", "一年做到三百万左右嘅生意", "made about 25 million yuan last year", "turnover of roughly RMB 8m".

Approximate words (来, 左右, 上下, 大概, 约, about, roughly, -ish) keep the number; a range ("两三百万", "五百到八百万",
"between 5 and 8 million") is read at its upper end and keeps its lower end too, for the size class. A revenue
said per month is a twelfth of the year's. A revenue in another currency is no CNY revenue (we hold no exchange
rate). The span read is handed to the budget reader as not a budget ("does 4 million RMB a year in sales").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.advisor.understand.currencies import currency_in
from app.advisor.understand.numbers import AMOUNT, money_amounts, parse_amount

_I = re.IGNORECASE
# "一年"/"去年" between the revenue word and the figure is the period, not a number ("营收一年1000万" is ten
# million, not one); a figure that only opens a period is none ("流水一年也就三十来万": not 一).
_PERIOD = r"(?:一年|每年|全年|去年|今年|年均|一个月|每个月|每月|月均)?"
_NOT_A_PERIOD = r"(?!\s*(?:年|个月|月))"
_FILLERS = (
    r"(?:大概|约|大约|在|有|是|达到|为|差不多|超过|不到|刚|才|将近|接近|也就|就|只有|能有|有个|能做到|做到|能到|"
    # a floor keeps its figure too ("年营收不低于5000万"; understand/floors.py)
    r"不低于|不少于|至少|起码|超出|高于|过|"
    # "年营收规模在3000万左右", "今年营收预计两千万": the size or the expected figure of the takings
    r"规模|预计|预估|估计|一般|"
    r"个|了|:)*"
)
_ZH_WORDS = (
    r"年营收|年营业收入|营业收入|营业总收入|主营业务收入|主营收入|年销售收入|销售收入|年营业额|营业额|年收入|"
    r"年销售额|销售额|年产值|产值|营收|年流水|流水|一年(?:能)?卖|一年收入|一年营收|一年营业额|一年流水|年入|年卖|"
    r"生意额|年生意|一年生意|年销售|一年销售|年销(?![量售])"  # "年销4500万" (not a count: "年销量3000台")
)
# English: the money verb or noun, then the figure, then what makes it a year's takings.
_EN_YEAR = (
    r"(?:a year|per year|annually|last year|this year|each year|every year|a month|per month|"
    r"(?:in|of) (?:annual |yearly )?(?:sales|revenue|turnover))"
)
# Not after a modal: "we can do 20k a year on this" offers a budget, it reports no takings.
_EN_VERB = (
    r"(?<!can )(?<!could )(?<!will )(?<!would )(?<!to )(?<!'ll )"
    r"\b(?:made|make|makes|earned|earn|earns|did|do|does|doing|bring in|brings in|brought in|pull in|pulls in|pulled in|"
    r"gross(?:ed|es)?|generated?|generates|turn(?:ed|s)? over|took in|take in|takes in)"
)
# "between 20 and 25 million yuan": a range, read at its upper end (find_revenue folds it)
_EN_APPROX = (
    r"(?:about|around|roughly|approximately|~|close to|nearly|almost|over|more than|some|just over|just under|"
    r"between|somewhere between|anywhere between)"
)
PATTERNS = [
    re.compile(rf"(?:{_ZH_WORDS}){_PERIOD}{_FILLERS}\s*{AMOUNT}{_NOT_A_PERIOD}", _I),
    re.compile(
        r"(?:revenue|turnover|sales|output(?: value)?)\s*(?:of|is|was|are|were|at|:|about|around|approximately|roughly|~|north of|"
        r"in the region of|in the range of|somewhere around|"
        r"over|above|hit|reached|totall?ed|came to|amount to|between|"
        r"more than|nearly|almost|just over|last year|this year|a year|per year|annually|\s)*"
        rf"(?:rmb|cny|¥|yuan)?\s*{AMOUNT}",
        _I,
    ),
    # "8 million yuan a year in turnover", "RMB 3 million in sales a year"; not "50k a year in sales tools"
    re.compile(
        rf"{AMOUNT}\s*(?:rmb|cny|yuan)?\s*(?:a year |per year |annually )?(?:in\s+)?(?:annual\s+|yearly\s+)?"
        r"(?:revenue|turnover|sales|output)(?!\s+(?:tools?|crm|assistants?|team|system|software|leads?|bot|platform))",
        _I,
    ),
    # The figure before the word, as in English: "65人，4000万营收" (a monthly 流水 is said before its figure;
    # "投入50万营收翻倍" is a spend and a change, no revenue).
    re.compile(
        rf"{AMOUNT}\s*(?:左右|上下)?\s*(?:的)?\s*(?:年营收|年营业额|年销售额|年产值|营收|营业收入|营业额|销售额|产值|"
        r"流水|生意额)(?![翻增涨提降减])",
        _I,
    ),
    # "we made about 25 million yuan last year", "we turn over about RMB 30 million a year"
    re.compile(
        rf"{_EN_VERB}\s+(?:{_EN_APPROX}\s+)?(?:rmb|cny|¥)?\s*{AMOUNT}\s*(?:rmb|cny|yuan)?\s*"
        rf"(?:(?:in|of) (?:annual |yearly )?(?:sales|revenue|turnover)\s*)?{_EN_YEAR}",
        _I,
    ),
    # "we turn over RMB 20 million": turning over is takings, with or without the year said
    re.compile(rf"\bturn(?:ed|s)? over\s+(?:{_EN_APPROX}\s+)?(?:rmb|cny|¥)?\s*{AMOUNT}", _I),
    # "一年做到三百万左右的生意", "每年能做个千把万的买卖"
    re.compile(
        rf"(?:一年|每年|去年|今年|年)(?:能)?(?:做到|做了|做|跑)(?:个|了)?\s*{AMOUNT}\s*(?:左右|上下|多)?\s*(?:的|嘅)?"
        r"\s*(?:生意|买卖|营业额|流水)",
        _I,
    ),
]
_COUNTED = re.compile(
    r"\s*(?:台|件|个|套|吨|辆|只|头|箱|单|份|瓶|双|张|部|辆|units?\b|pieces?\b|tons?\b|orders?\b)", _I
)
_MONTHLY = re.compile(r"月|a month|per month", _I)
_EN_MONEY = re.compile(r"\d\s*(?:m|k|mn|million|billion|bn|thousand)\b|rmb|cny|yuan|¥|万|亿", _I)


def _range_ends(text: str, at: int) -> list[int]:
    """Where the money figure starting at `at` ends, a range included ("20 and 25 million yuan")."""
    return [money.end for money in money_amounts(text) if money.start <= at < money.end]


@dataclass(frozen=True)
class StatedRevenue:
    value: float  # the upper end of a range
    low: float | None  # the lower end when the owner gave a range
    start: int
    end: int


def find_revenue(text: str, figures: str) -> StatedRevenue | None:
    """The annual revenue stated in `text`; `figures` is `text` with spoken magnitudes written out, same length."""
    for number, pattern in enumerate(PATTERNS):
        match = pattern.search(figures)
        if match is None:
            continue
        # "did 300 projects last year": no money; "turn over between 20 and 25 million yuan": the range says it
        said = figures[match.start() : max([match.end(), *_range_ends(text, match.start(1))])]
        # a factory's output is takings only said in money ("output of RMB 320 million", not "output of 5,000 units")
        if (number in (4, 5) or "output" in match.group(0).lower()) and not _EN_MONEY.search(said):
            continue
        # We hold no exchange rates: an amount in another currency is not turned into CNY.
        if currency_in(text[max(0, match.start() - 6) : match.end() + 6]):
            return None
        if _COUNTED.match(figures, match.end()):
            continue  # "年销售3000台", "一年卖两万件": a count of goods, not takings
        amount = parse_amount(match.group(1), match.group(2))
        if amount is None or (number == 3 and amount < 1000):
            continue  # "一年营收…": the 一 of the year is no revenue of one yuan
        low = None
        # A range folds into its upper end: "五百到八百万" read from "五百", "两三百万" from its pair.
        for money in money_amounts(text):
            if money.start <= match.start(1) < money.end:
                amount, low = max(amount, money.value), money.low
                end = max(match.end(), money.end)
                break
        else:
            end = match.end()
        yearly = (
            12
            if _MONTHLY.search(
                figures[max(0, match.start() - (6 if number in (2, 3) else 3)) : match.start(1)]
            )
            or (number == 4 and _MONTHLY.search(match.group(0)))
            else 1
        )
        return StatedRevenue(amount * yearly, low * yearly if low is not None else None, match.start(), end)
    return None
