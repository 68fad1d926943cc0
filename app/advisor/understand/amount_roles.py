"""What each amount a client states is, from the words around it: one reader for the budget and the purchases.

An owner's message holds several figures, and only two kinds fill the slots that cost the client money: the
budget (what they can spend) and a purchase (what they will buy, with their own price; `understand.purchases`).
The others are facts that must never be read as either (review9):
- a revenue ("RMB 3 billion revenue", "两亿营收", "3 billion yuan in sales"), said before or after its figure;
  read into the revenue slot by extraction.py, never a contract of three billion;
- last year's spend ("去年租算力花了50万", "last year we spent RMB 400k"): paid in an earlier period, it is never
  the budget; when it names what was bought it is a purchase dated to its year (purchase_dates.py: the engine
  judges it against a program's window and never costs it as this year's: "去年…花了50万，今年再签30万" costs 30万
  this year), else a fact;
- an R&D spend ("研发投入200万", "R&D spending of RMB 2 million", "spent 3 million on R&D"): the base of the R&D
  super deduction, a tax fact, not money for a pack.
A periodic figure ("每月5000", "15k a month", "每季度2万") is `per_year` of it a year wherever it is read
(periods.period_of).

- an asset's value ("入表金额估计80万", "valued at RMB 1.5 million"): what data or equipment is worth, not
  what the service around it costs;
- a running cost of the business ("电费一个月十几万", "房租每月3万", "payroll of 200k a month", "our electricity
  bill is about 80k a month"): what the firm pays to operate, often the pain behind the need (an energy kit to cut
  the bill), never a purchase of the thing named later in the sentence ("哪些设备在耗电" made it 120万 of AI
  equipment) nor a budget.

`fact_role` names those five. Whether an amount is spent this year or was spent before (`spent_before_this_year`)
and whether a spend is already being paid period after period (`spend_is_ongoing`) are read here too, from the
same period words. The words that make an amount a budget, a ceiling or the subsidy hoped for are in
budget_words.py; a loan's amount in loans.py.
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.advisor.understand.numbers import money_amounts
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import span_around


class AmountRole(StrEnum):
    budget = "budget"
    purchase = "purchase"
    revenue = "revenue"
    past_spend = "past_spend"
    rnd_spend = "rnd_spend"
    asset_value = "asset_value"
    operating_cost = "operating_cost"


_I = re.IGNORECASE
# The amount's own clause: a figure speaks only with the words of its clause ("去年花了50万，今年再签30万").

# A revenue named right before the figure ("营收3000万", "revenue of RMB 80 million") or right after it
# ("两亿营收", "RMB 3 billion revenue", "3 billion yuan in sales"); not "投入50万营收翻倍" (a change in revenue).
_REVENUE_BEFORE = re.compile(
    r"(?:营收|营业收入|营业额|年收入|收入|产值|流水|销售额|年入|年销(?![量售]))"
    r"(?:一年|每年|全年|去年|今年|大概|约|大约|在|有|是|达到|为|差不多|超过|不到|将近|接近|才|不低于|不少于|至少|过|:|\s)*$|"
    r"\b(?:revenues?|turnover|sales|output(?: value)?)(?:\s+(?:of|is|was|were|at|about|around|approximately|roughly|last year|"
    r"this year|hit|reached|totall?ed|over|nearly|almost|north of|above|more than|upwards of|in excess of|well|"
    r"just))*\s*(?:rmb|cny|¥|yuan)?\s*$",
    _I,
)
_REVENUE_AFTER = re.compile(
    r"^\s*(?:元|块|人民币|rmb|cny|yuan)?\s*(?:左右|上下)?\s*(?:的)?\s*(?:a year |per year |annually )?(?:in |of |worth of )?(?:annual |yearly )?"
    r"(?:(?:年)?(?:营收|营业收入|营业额|销售额|产值|收入|流水|生意额)(?![翻增涨提降减])|"
    r"(?:sales|revenues?|turnover|output)(?!\s+(?:tools?|crm|assistants?|team|system|software|leads?|bot|platform)))",
    _I,
)
# An R&D spend: "研发投入200万", "研发费用150万", "研发经费一年300万", "R&D spending of RMB 2 million", and after
# the figure "spent 3 million on R&D", "200万的研发费用", "300万用于研发". Not "研发部门预算10万": a budget word
# between them makes it the budget.
_RND_BEFORE = re.compile(
    r"(?:研发|研究开发)(?:(?!预算)[^,，;；。\d]){0,10}$|"
    r"\b(?:r&d|research and development)(?:(?!budget)[^,，;；。\d]){0,20}$",
    _I,
)
_RND_AFTER = re.compile(
    r"^\s*(?:元|块|人民币|rmb|cny|yuan)?\s*(?:的|用于|用在|投在|花在)?\s*(?:研发|研究开发)|"
    r"^\s*(?:rmb|cny|yuan)?\s*(?:on|in|for|of)\s+(?:our\s+)?(?:r&d|research)",
    _I,
)
# What an asset is worth, as the client reports it: the value booked on the balance sheet ("入表金额估计80万",
# "账面价值大概300万"), appraised or estimated ("评估价值预计120万", "估值约200万", "booked at about RMB 1.5
# million"). It is what the data or equipment is worth, never what the service around it costs (review10 r10-17:
# the 80万 booked was costed as the registration fee), and never money to spend.
_ASSET_VALUE = re.compile(
    r"(?:入表|估值|评估值|评估价值|估算价值|资产价值|账面|市值)(?:金额|价值|价|值|净值)?"
    r"(?:大概|大约|约|为|是|估计|预计|预估|初步|在|达到|有|差不多|:|\s)*$|"
    r"\b(?:valued|booked|appraised|carried|recorded)(?: on the balance sheet)? at"
    r"(?:\s+(?:about|around|roughly|approximately|some|rmb|cny|¥))*\s*$|"
    r"\b(?:book|asset|appraised|estimated|carrying) value"
    r"(?:\s+(?:of|is|at|about|around|roughly|approximately|rmb|cny|¥))*\s*$",
    _I,
)
# The period a spend fell in. An earlier one ("去年", "前年", "last year") makes it past spend; a present or coming
# one ("今年", "再", "this year") said nearer the figure keeps it a purchase. "年底之前" is a deadline, not the past.
_PAST = re.compile(
    r"去年|前年|旧年|上一年|上年度|往年|(?<![底前后月日号节周天])(?:之前|以前)|早些年|(?:\d|[一两二三四五几])\s*年(?:以)?前|"
    r"\blast year\b|\bthe year before\b|\bprevious year\b|\bprior year\b|\bago\b",
    _I,
)
_PRESENT = re.compile(
    r"今年|本年|明年|这次|这回|现在|目前|准备|打算|计划|再签|再租|再买|还要|新签|"
    r"\bthis year\b|\bnext year\b|\bnow\b|\bplan\w*\b|\bnew\b",
    _I,
)


# A running cost named right before the figure ("电费一个月十几万", "每月房租3万", "工资一个月要发20万", "electricity
# bill is about 80k", "payroll of 200k a month") or right after it ("十几万的电费", "20万工资"). 租金 alone may be
# compute's rent ("算力租金"), so only a premises' rent counts; "rent" only as a noun ("our rent is", "the shop
# rent of"), never the verb ("we rent GPUs for about 300k" is a purchase).
_RUNNING_COST_WORDS = r"(?:电费|水费|水电费?|燃气费|房租|店租|铺租|厂租|厂房租金|场地费|物业费|工资|薪资|薪水|人工成本|人力成本|社保|运费|快递费)"
_RUNNING_COST_BEFORE = re.compile(
    rf"{_RUNNING_COST_WORDS}[^,，;；。\d]{{0,8}}$|"
    r"\b(?:(?:electricity|power|energy|utility|utilities|water|gas)\s+(?:bills?|costs?)|payroll|wages|salaries|"
    r"(?:(?:our|the|monthly|annual|shop|store|office|factory|warehouse)\s+)+rent)(?:\s+(?:is|are|was|were|of|runs?|comes? to|costs?|about|"
    r"around|roughly|nearly|over|rmb|cny|¥|a month|per month|every month|monthly))*\s*$",
    _I,
)
_RUNNING_COST_AFTER = re.compile(
    rf"^\s*(?:元|块|人民币)?\s*(?:左右|上下)?\s*(?:的)?\s*{_RUNNING_COST_WORDS}|"
    r"^\s*(?:rmb|cny|yuan)?\s*(?:a month |per month |monthly )?(?:in |of |on )?(?:electricity|power|utility|"
    r"payroll|wages|salaries|rent)\b",
    _I,
)


def clause_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The words of the amount's clause before it and after it."""
    begin, finish = span_around(text, start, end)
    return text[begin:start], text[end:finish]


def _spent_earlier(before: str, after: str) -> bool:
    """The nearest period word in the clause says the spend is past: before the figure, else after it."""
    marks = [(m.end(), True) for m in _PAST.finditer(before)] + [
        (m.end(), False) for m in _PRESENT.finditer(before)
    ]
    if marks:
        return max(marks)[1]
    past_after = _PAST.search(after)
    present_after = _PRESENT.search(after)
    return past_after is not None and (present_after is None or past_after.start() < present_after.start())


def spent_before_this_year(clause: str, start: int, end: int) -> bool:
    """The clause puts the thing named at clause[start:end] in an earlier year ("前年买咗一套MES", "a CRM two years
    ago"), as a past amount is read: the nearest period word before it, else one after it."""
    return _spent_earlier(clause[:start], clause[end:])


# Spend paid now and still being paid: "已经在用", "用的是", "每年付给阿里云", "we already pay", "currently spend",
# and the English simple present of paying or renting ("we rent GPUs for about 15k a month"). Not a plan
# ("打算每年花", "we plan to rent"): that spend is new this year.
_ONGOING = re.compile(
    r"(?:已经|一直|目前|现在|正在|如今)[^,，;；。]{0,4}?(?:在)?(?:用|付|交|缴|花|租|订阅|订|调用|续费)|在用|用的是|用着|续费|"
    r"每(?:年|个?月)都?(?:付|交|缴|花|续)|"
    r"\balready\b|\bcurrently\b|\bat the moment\b|\bright now\b|\bthese days\b|"
    r"\b(?:we|i)\s+(?:pay|spend|rent|lease|use|subscribe)\b|\b(?:are|'re)\s+(?:paying|spending|renting|leasing|using)\b",
    _I,
)
_PLANNED = re.compile(
    r"打算|准备|计划|想|将要|要(?!的)|\bplan\w*|\bwill\b|\bgoing to\b|\bwant\w*|\bwould\b|'d\b", _I
)
# A thing paid for by the period; a machine or a dataset is bought once, whatever the words around it.
_RECURRING = frozenset(
    {
        SpendKind.compute,
        SpendKind.model_service,
        SpendKind.cloud_service,
        SpendKind.software,
        SpendKind.data_labeling,
    }
)


def spend_is_ongoing(words: str, kind: SpendKind) -> bool:
    """The client's words say they already pay for this, period after period (review11 r11-50)."""
    if kind not in _RECURRING or not (found := _ONGOING.search(words)):
        return False
    return not _PLANNED.search(words[: found.start()])


# Where one figure's words give way to the next one's inside a clause: "…last year and have a budget of 100k".
_SOFT_BREAK = re.compile(r"\b(?:and|but|while|whereas|plus)\b|另外|还有|并且|而且|同时|但是?|不过|以及", _I)


def own_period_words(text: str, start: int, end: int, before: str, after: str) -> tuple[str, str]:
    """The words of the clause around text[start:end] (`before` and `after` it) that can date this amount alone:
    where another money figure shares the clause, its side ends at the last "and"/"另外" between the two ("we spent
    250k on GPU compute last year and have a budget of 100k this year": "last year" dates the 250k, never the
    budget), else at that figure."""
    begin = start - len(before)
    figures = [m for m in money_amounts(text[begin : end + len(after)]) if m.marked]
    here, there = start - begin, end - begin
    since, until = 0, len(after)
    if earlier := [m.end for m in figures if m.end <= here]:
        breaks = [b.end() for b in _SOFT_BREAK.finditer(before, max(earlier))]
        since = max([max(earlier), *breaks])
    if later := [m.start - there for m in figures if m.start >= there]:
        breaks = [b.start() for b in _SOFT_BREAK.finditer(after, 0, min(later))]
        until = min([min(later), *breaks])
    return before[since:], after[:until]


def fact_role(text: str, start: int, end: int) -> AmountRole | None:
    """The amount at text[start:end] as a revenue, an R&D spend, last year's spend, an asset's value or a running
    cost, or None when it may be a budget or a purchase (budget.py and purchases.py decide which). `text` is normalised."""
    before, after = clause_around(text, start, end)
    if _REVENUE_AFTER.match(after) or _REVENUE_BEFORE.search(before):
        return AmountRole.revenue
    if _RND_BEFORE.search(before) or _RND_AFTER.match(after):
        return AmountRole.rnd_spend
    if _ASSET_VALUE.search(before[-40:] if before.isascii() else before[-16:]):
        return AmountRole.asset_value
    # A running cost stays one in any year ("去年电费花了100万" is the bill behind an energy need, no purchase).
    if _RUNNING_COST_BEFORE.search(before) or _RUNNING_COST_AFTER.match(after):
        return AmountRole.operating_cost
    if _spent_earlier(*own_period_words(text, start, end, before, after)):
        return AmountRole.past_spend
    return None
