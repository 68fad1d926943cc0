"""The budget in a message, in the ways owners state it.

"预算3万以内", "一年最多投8千", "就两三万块", "5w以内能搞定吗", "投入的话每年十万左右", "能拿出5000块",
"budget around 50k RMB", "we'd spend 60k", "what can we do with about 200k RMB?". An amount is a
budget when a spending word comes before it, a ceiling word comes with it (以内, 不超过, 顶多, up to),
or the message is nothing but the amount ("就两三万块" after a pack). An amount that follows a
revenue word (营收, 产值, turnover) or is a loss ("损失好几万") is not a budget, and neither is a contract
the client names ("合同大概150万", "spend 400k on GPU rental"): `understand.purchases` decides those, so an
amount is read as one thing only; nor is a revenue, last year's spend or an R&D spend, whatever verb it has
("去年在算力上投了60万", "研发投入200万": `understand.amount_roles`). "预算不限", "钱不是问题", "no budget limit" state that there is no ceiling.
"""

from __future__ import annotations

import re

from app.advisor.understand.amount_roles import fact_role
from app.advisor.understand.budget_words import budget_said
from app.advisor.understand.currencies import foreign_currency
from app.advisor.understand.floors import is_floor
from app.advisor.understand.numbers import COMPANY_MONEY, Money, money_amounts
from app.advisor.understand.periods import period_of
from app.advisor.understand.purchases import names_a_contract, priced, purchase_spans
from app.advisor.understand.stated_purchase import StatedPurchase
from app.text.clauses import span_around

_I = re.IGNORECASE
SPEND_CUE = re.compile(
    r"预算|投入|投资|投个|投|花费|能花|花个|花|拿出|拿得出|拿个|掏|出得起|能出|经费|资金|费用控制|承受|承担|批了|批下|批给|"
    r"budget|spend|invest|afford|spare|with about|with around|with roughly|"
    # "we can put 20k into an AI tool": money the client will put in (not "we put 30k into a CRM", a past spend)
    r"(?:can|could|will|would|'d|to) put\b|"
    # "Actually we can stretch to 90k", "we could go up to 120k": the ceiling raised
    r"\bstretch(?:es|ed)? (?:it )?to\b|\bgo up to\b|"
    # the ceiling the client sets: "Our ceiling is 200k", "we can't go above 80k", "能接受的价位在两三万", "心理价位八万"
    r"\bceiling\b|\b(?:our|my) (?:limit|cap|max(?:imum)?)\b|\b(?:can'?t|cannot|won'?t) go (?:above|beyond|over)\b|"
    r"价位|能接受",
    _I,
)
CEILING_AFTER = re.compile(
    r"^\s*(?:以内|以下|之内|内|左右|上下|封顶|的?样子|这个数|的?预算|budget|max\b|tops\b|at most|(?:rmb |yuan )?to (?:spend|invest)|"
    # "5,000 RMB total", "20k in total": all the client has for it, when nothing bought is named with it
    r"(?:rmb |yuan |cny )?(?:in )?total\b|(?:rmb |yuan |cny )?all[- ]in\b|"
    # "两三万块能搞个智能补货不", "3万够不够": what the amount can buy is a budget question
    r"(?:能|可以|够)(?:做|搞|弄|上|买|用|解决|拿下|不够|吗|了吗))",
    _I,
)
CEILING_BEFORE = re.compile(
    r"(?:不超过|不超|不到|最多|顶多|至多|控制在|就|只有|只能|大概|大约|up to|under|no more than|max(?:imum)?|at most|"
    # "总共5000块", "一共就八千块钱能用": the whole sum the client has, when nothing bought is named with it
    r"总共|一共|总计|合计|拢共|加起来|"
    # "an AI marking assistant for somewhere between 10k and 20k RMB": the price range the client has in mind
    r"\bfor (?:somewhere |anywhere )?between|\bfor (?:about|around|roughly|under|less than)|"
    # "we'd like an AI drafting tool, about 50k": an approximate sum said beside the wish is what they would pay
    r"\b(?:about|around|roughly|approximately|approx\.?|~))"
    # "最多也就拿个三五千", "大概个七八千": a filler and a verb of paying between the ceiling and the amount
    r"(?:也就|也|就|只|只能)?(?:拿|花|投|出|给|俾|畀|掏)?(?:个|出)?\s*$",
    _I,
)
_BUDGET_AFTER = re.compile(r"^\s*(?:的?预算|budget)", _I)
_BUDGET_WORD = re.compile(r"预算|budget", _I)
# "Around ¥50k a year is what we can spend", "3万是我们能拿出的": the spending words come after the amount.
SPEND_AFTER = re.compile(
    r"[^,，。.;；!?！？]{0,14}?(?:\b(?:is|'s) (?:what|all|the most) (?:we|i) (?:can|could|are able to|will) "
    r"(?:spend|afford|invest|put)|是(?:我们|我)?(?:能|可以|最多能)(?:花|投|拿出|承受)|"
    # "Half a million is our ceiling", "200k is the limit", "10万是上限": the amount named as the client's ceiling
    r"\b(?:is|'s) (?:our|my|the) (?:ceiling|limit|cap|max(?:imum)?|upper limit)\b|是(?:我们的?|我的?)?(?:上限|顶))",
    _I,
)
REVENUE_CUE = re.compile(
    rf"{COMPANY_MONEY}|销售|卖|损失|亏|赔|成本|costs?|value of|worth|"  # and a loss, a cost, what a thing is worth
    r"\blos(?:e|es|t|ing|s|ses)\b|\bwast(?:e|ed|ing)\b|\bthrow(?:ing|n)? (?:away|out)\b",
    _I,
)
# "around 2 million in sales", "about 50k of losses": what the amount is comes after it.
REVENUE_AFTER = re.compile(
    r"^\s*(?:(?:rmb|yuan|cny)\s*)?(?:in |of |worth of )?(?:sales|revenue|turnover|loss)", _I
)
NO_CEILING = re.compile(
    r"预算(?:上)?(?:不限|无上限|没有?上限|不设上限|随意|不是问题)|不限预算|不设预算上限|钱不是问题|资金不是问题|不差钱|"
    r"no budget (?:limit|cap|ceiling|constraints?)|budget is(?: not| no)? (?:an? )?(?:issue|problem|object|concern)|"
    r"unlimited budget|money is no (?:object|issue|problem)|no limit on (?:the )?budget",
    _I,
)
# "就两三万块", "Around 50k RMB.": a turn that is nothing but an (approximate) amount
ONLY_AMOUNT = re.compile(
    r"^\W*(?:就|只有|大概|约|差不多|大约|around|about|roughly|approximately|approx|maybe|say)?\W*$|^\W*$", _I
)


def _context(text: str, money: Money) -> str:
    """The words of the amount's own clause just before it ("no more than ", "最多也就拿个")."""
    before = 28 if text[max(0, money.start - 28) : money.start].isascii() else 16  # English words are longer
    start = max(0, money.start - before)
    begin, _ = span_around(text, money.start, money.end)
    return text[max(start, begin) : money.start]


def _sentence_start(text: str, at: int) -> int:
    """Where the sentence holding position `at` begins: a cue in an earlier sentence speaks for nothing here."""
    ends = [m.end() for m in re.finditer(r"[。!?！？\n]|\.(?=\s)", text[:at])]
    return ends[-1] if ends else 0


def find_budget_money(text: str, local: str | None = None) -> tuple[float, str | None] | None:
    """The budget stated in normalised `text` with its currency (None for CNY), or None.

    We hold no exchange rates: an amount in another currency is kept as stated, never turned into CNY.
    Small bare numbers are counts ("一年", "15个会计"), not money.
    """
    amounts: list[tuple[Money, str | None]] = []
    every = money_amounts(text)
    # (a project's budget is its purchase and the budget too: "数字化改造项目预算40万")
    bought = [(span.start, span.end) for span in purchase_spans(text, restatements=True) if not span.budget]
    for money in _not_purchases(every, bought):
        if fact_role(text, money.start, money.end) is not None:
            continue  # a revenue, last year's spend or an R&D spend is no budget (amount_roles.py)
        if is_floor(text, money.start, money.end) and not _BUDGET_WORD.search(
            text[max(0, money.start - 16) : money.start]
        ):
            continue  # "our compute spend is well over 50k": a threshold cleared, not money set aside (floors.py)
        if names_a_contract(text, money.start, money.end):
            continue  # "一年合同大概25万" of a kind named in another turn: a price, not what they can spend
        currency = foreign_currency(text, money, local)
        if period := period_of(
            text, money.start, money.end
        ):  # "每个月能花2000", "每季度5000": the first year's
            money = Money(money.value * period.per_year, money.start, money.end, money.marked)
        if money.marked or money.value >= 100 or currency:
            amounts.append((money, currency))
    # An amount with a budget word of its own wins over one read as a budget only by an approximate or ceiling
    # word ("about RMB 6 million a year. Budget RMB 30k": the 30k; held-out review of session 16).
    weak: tuple[float, str | None] | None = None
    for money, currency in amounts:
        # Only words since the previous amount (a contract's too) speak for this one ("营收3000万，…，5w以内");
        # a bare numeral is no amount ("预算多打了个零，其实是5万": the 零 is a digit typed, not money).
        previous_end = max([0, *(m.end for m in every if m.end <= money.start and (m.marked or m.value))])
        # English needs more room than Chinese ("Budget-wise we're thinking 15 to 20 thousand").
        reach = 32 if text[max(0, money.start - 32) : money.start].isascii() else 20
        window = text[
            max(previous_end, _sentence_start(text, money.start), money.start - reach) : money.start
        ]
        if budget_said(text, money.start, money.end):
            return money.value, currency  # "准备了10万块钱", "we have 100k set aside for this"
        # The nearest cue before the amount decides: "营收800万，预算3万" reads 3万 as the budget.
        spend = [m.end() for m in SPEND_CUE.finditer(window)]
        revenue = [m.end() for m in REVENUE_CUE.finditer(window)]
        if spend and (not revenue or max(spend) > max(revenue)):
            return money.value, currency
        if revenue and not spend:
            continue
        after = text[money.end : money.end + 16]
        marked = money.marked or currency is not None
        if not marked or REVENUE_AFTER.match(after):
            continue
        if SPEND_AFTER.match(text, money.end) or _BUDGET_AFTER.match(after):
            return money.value, currency  # "3万是我们能拿出的", "30k budget"
        if CEILING_AFTER.match(after) or CEILING_BEFORE.search(_context(text, money)):
            weak = weak or (money.value, currency)
    if weak is not None:
        return weak
    # "…，想做会员营销，一年三千": a clause that is nothing but a yearly (or monthly) sum is what the client can spend
    for money, currency in amounts:
        if money.marked and _SUM_ALONE.fullmatch(_clause_without(text, money)):
            return money.value, currency
    if len(amounts) == 1 and (amounts[0][0].marked or amounts[0][1]):
        only, currency = amounts[0]
        rest = text[: only.start] + text[only.end :]
        if ONLY_AMOUNT.match(rest) or len(re.sub(r"\W", "", rest)) <= 4:
            return only.value, currency  # "就两三万块" on its own
    return None


# The words a clause holding nothing but a sum may have: its period and an approximation ("一年也就五千块吧").
_SUM_ALONE = re.compile(
    r"\s*(?:一年|每年|一年下来|每个月|一个月|每月)?\s*(?:大概|大约|差不多|也就|就|能有)?\s*@\s*(?:左右|上下|吧|的样子)?\s*",
    _I,
)


def _clause_without(text: str, money: Money) -> str:
    """The amount's clause with the amount written as "@" ("一年三千" -> "一年@")."""
    begin, finish = span_around(text, money.start, money.end)
    return text[begin : money.start] + "@" + text[money.end : finish]


def _not_purchases(amounts: list[Money], bought: list[tuple[int, int]]) -> list[Money]:
    return [m for m in amounts if not any(m.start < end and start < m.end for start, end in bought)]


def no_budget_ceiling(text: str) -> bool:
    """The client says there is no budget ceiling ("预算不限", "钱不是问题", "no budget limit")."""
    return NO_CEILING.search(text) is not None


def find_budget(text: str, local: str | None = None) -> float | None:
    """The budget in CNY stated in normalised `text`, or None (never an amount in another currency). `local`: the
    currency "蚊" names where the client is (currencies.LOCAL_DOLLARS)."""
    found = find_budget_money(text, local)
    return found[0] if found and found[1] is None else None


def stated_budget(text: str, local: str | None = None) -> str | None:
    """A budget in a currency we hold no rate for, as stated ("HKD 50,000"), or None."""
    found = find_budget_money(text, local)
    if found is None:
        return None
    value, currency = found
    if currency is None or value >= 1e12:  # no owner states a budget of a trillion: noise, not money
        return None
    return f"{currency.rstrip('?')} {value:,.0f}" + (" (currency assumed)" if currency.endswith("?") else "")


def states_budget(text: str) -> bool:
    """The message gives a budget, in CNY or not ("budget is HK$200k" re-plans the pack like "预算20万")."""
    if find_budget_money(text) is not None or no_budget_ceiling(text):
        return True
    bought = [(span.start, span.end) for span in purchase_spans(text, restatements=True)]
    return any(
        m.marked and SPEND_CUE.search(text[max(0, m.start - 20) : m.start])
        for m in _not_purchases(money_amounts(text), bought)
    )


def foreign_amounts(norm: str) -> list[tuple[float, str]]:
    """(value, currency) of each non-CNY amount the normalised text states, except its budget."""
    budget = find_budget_money(norm)
    found = []
    for money in money_amounts(norm):
        currency = foreign_currency(norm, money)
        if currency is None or currency.endswith("?"):
            continue  # yuan, or a bare "$" whose currency we would be guessing
        if budget is not None and budget == (money.value, currency):
            continue  # "預算HK$5萬" is what they can spend, not what they buy
        period = period_of(norm, money.start, money.end)  # "HK$30k a quarter": the year, as for a yuan figure
        found.append((money.value * (period.per_year if period else 1), currency))
    return found


def states_own_figures(purchases: list[StatedPurchase], norm: str) -> bool:
    """The client states a figure of their own: a priced purchase, or an amount in another currency that is not
    their budget ("個project成本大概一百萬港幣": never a yuan purchase, yet their figure, worked out against a program
    paying in that currency), so a question about a program's amount is theirs (program_question.for_the_client)."""
    return bool(priced(purchases)) or bool(foreign_amounts(norm))
