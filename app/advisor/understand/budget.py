"""The budget in a message, in the ways owners state it.

"预算3万以内", "一年最多投8千", "就两三万块", "5w以内能搞定吗", "投入的话每年十万左右", "能拿出5000块",
"budget around 50k RMB", "we'd spend 60k", "what can we do with about 200k RMB?". An amount is a
budget when a spending word comes before it, a ceiling word comes with it (以内, 不超过, 顶多, up to),
or the message is nothing but the amount ("就两三万块" after a pack). An amount that follows a
revenue word (营收, 产值, turnover) or is a loss ("损失好几万") is not a budget.
"""

from __future__ import annotations

import re

from app.advisor.understand.numbers import Money, money_amounts

_I = re.IGNORECASE
SPEND_CUE = re.compile(
    r"预算|投入|投资|投个|投|花费|能花|花个|花|拿出|拿得出|出得起|能出|经费|资金|费用控制|"
    r"budget|spend|invest|afford|with about|with around|with roughly",
    _I,
)
CEILING_AFTER = re.compile(
    r"^\s*(?:以内|以下|之内|内|左右|上下|封顶|的?预算|budget|max\b|tops\b|at most|"
    # "两三万块能搞个智能补货不", "3万够不够": what the amount can buy is a budget question
    r"(?:能|可以|够)(?:做|搞|弄|上|买|用|解决|拿下|不够|吗|了吗))",
    _I,
)
CEILING_BEFORE = re.compile(
    r"(?:不超过|不超|不到|最多|顶多|至多|控制在|就|只有|只能|大概|大约|up to|under|no more than|max(?:imum)?|at most)\s*$",
    _I,
)
REVENUE_CUE = re.compile(
    r"营收|营业收入|营业额|收入|产值|流水|销售额|销售|卖|年入|revenue|turnover|sales|income|损失|亏|赔|成本|costs?|"
    r"value of|worth",
    _I,
)
ONLY_AMOUNT = re.compile(r"^\W*(?:就|只有|大概|约|差不多|大约)?\W*$|^\W*$", _I)


def _context(text: str, money: Money, before: int = 20) -> str:
    return text[max(0, money.start - before) : money.start]


FOREIGN_CURRENCY = re.compile(
    r"新台币|台币|港币|港元|美元|欧元|日元|nt\$|ntd|twd|hk\$|hkd|usd|us\$|eur|jpy|dollars?|euros?|yen", _I
)


def find_budget(text: str) -> float | None:
    """The budget in CNY stated in normalised `text`, or None (never an amount in another currency)."""
    # We hold no exchange rates: an amount in another currency is not turned into CNY.
    # Small bare numbers are counts ("一年", "15个会计"), not money.
    amounts = [
        m
        for m in money_amounts(text)
        if (m.marked or m.value >= 100) and not FOREIGN_CURRENCY.search(text[max(0, m.start - 6) : m.end + 6])
    ]
    previous_end = 0
    for money in amounts:
        # Only words since the previous amount speak for this one ("营收3000万，…，5w以内").
        window = text[max(previous_end, money.start - 20) : money.start]
        previous_end = money.end
        # The nearest cue before the amount decides: "营收800万，预算3万" reads 3万 as the budget.
        spend = [m.end() for m in SPEND_CUE.finditer(window)]
        revenue = [m.end() for m in REVENUE_CUE.finditer(window)]
        if spend and (not revenue or max(spend) > max(revenue)):
            return money.value
        if revenue and not spend:
            continue
        after = text[money.end : money.end + 6]
        if money.marked and (CEILING_AFTER.match(after) or CEILING_BEFORE.search(_context(text, money, 6))):
            return money.value
    if len(amounts) == 1 and amounts[0].marked:
        rest = text[: amounts[0].start] + text[amounts[0].end :]
        if ONLY_AMOUNT.match(rest) or len(re.sub(r"\W", "", rest)) <= 4:
            return amounts[0].value  # "就两三万块" on its own
    return None


def states_budget(text: str) -> bool:
    """The message gives a budget, in CNY or not ("budget is HK$200k" re-plans the pack like "预算20万")."""
    if find_budget(text) is not None:
        return True
    return any(
        m.marked and SPEND_CUE.search(text[max(0, m.start - 20) : m.start]) for m in money_amounts(text)
    )
