"""The words that make an amount money to spend, a ceiling or the subsidy hoped for, never a contract.

An owner says a budget in many ways ("预算大概3万", "准备了10万块钱", "5w以内", "the boss approved 50k", "can
spend up to 100k"); the same words with a thing's price ("项目总投入120万", "we spent 300k on") make a purchase
instead. `budget_said` reads the ways a budget is set aside; `not_a_purchase` tells purchases.py which amounts
are no contract at all: a fact (amount_roles.py), a loan's size alone (loans.py), a budget, a ceiling or the
subsidy hoped for.
"""

from __future__ import annotations

import re

from app.advisor.understand.amount_roles import AmountRole, fact_role
from app.advisor.understand.loans import loan_amount, loan_buys
from app.advisor.understand.numbers import COMPANY_MONEY

_I = re.IGNORECASE

# An amount right after these is a budget, a revenue or the subsidy hoped for, not a contract.
_NOT_A_PURCHASE = re.compile(
    r"(预算|投入|(?:能|可以|可|愿意|舍得)(?:花|投|出|拿出?)|[花投出]得起|拿得出|经费|批了|批下|批给|承受|budget|afford|can spend|"
    # "we can put another 50k into a sales CRM": what the client would put in, a budget (budget.SPEND_CUE)
    r"willing to spend|spare|"
    rf"{COMPANY_MONEY}|拿|补|获得|得到|领|给(?:我们|我|咱们)|畀|"  # the amount hoped for ("一定畀足100萬")
    r"贷|"  # a loan's size, a rumoured program's terms ("可以免息贷50万", review11 r11-17)
    r"get|receive|pay (?:us|me)|give (?:us|me)|保证|guarantee|上限|cap|不超过|不超|不到|最多|顶多|至多|控制在|up to|under|no more than|at most)"
    r"[^，,。；;\d]{0,10}$",  # "budget about 100k", "预算大概是3万"
    _I,
)
# ...unless the amount is what a thing the client names costs or cost: "项目总投入120万", "整个项目预计投150万",
# "评估审计费花了20万", "we spent 300k on": the price of a purchase, past or planned, is no budget (review6 c26,
# c34: a 120万 project and a 20万 fee were read as budgets).
_THING_COSTS = re.compile(
    r"(?:项目|改造|工程|合同|整体|总|一共|总共|费用?)\s*(?:预计|计划|大概|大约|约|要)?\s*(?:总)?"
    r"(?:投入|投资|投|花费|花了|花掉|用了|支出)了?\s*(?:约|大概|大约|了)?\s*$|"
    r"(?:花了|花掉了?|用掉了?|付了|spent|paid)\s*(?:约|大概|大约|about|around|roughly)?\s*$|"
    # "贷款买一台200万的检测设备", "borrow to buy a RMB 2.4 million line": the price of the thing bought
    r"(?:买|购买|购置|采购|添置)\s*(?:了)?\s*(?:[一两二三四五几]|\d+)?\s*(?:台|套|条|批|个|辆|组|部)?\s*(?:价值|价格)?\s*$|"
    r"\b(?:buy|purchase)\s+(?:a|an|one|two|new|\s)*(?:rmb|cny|¥)?\s*$",
    _I,
)
# Money the client would put in ("we can put another 50k into a sales CRM", budget.SPEND_CUE); not "we put 30k into
# a CRM", a thing bought.
_WILL_PUT = re.compile(r"\b(?:can|could|would|'d|able to) put\b[^,，。；;\d]{0,14}$", _I)
# "under a/an X contract" is the contract's amount, not a ceiling ("under 50k" is one).
_UNDER_A_CONTRACT = re.compile(r"\bunder (?:a|an|the|our|one)\s+(?:rmb|cny|¥)?\s*$", _I)
_CONTRACT_AFTER = re.compile(
    r"\s*(?:元|块|rmb|cny|yuan)?\s*(?:的)?\s*(?:(?:annual|yearly|one-year|12-month|monthly|gpu|compute|rental)\s+)*"
    r"(?:合同|合约|contract|deal|agreement|lease)",
    _I,
)
# ...and one followed by these is a ceiling the client sets ("5w以内", "under 50k"), still a budget. Not
# budget.CEILING_AFTER: that one also reads "左右" and "能做…" as a budget, while "30万左右的算力合同" is a
# contract the client names.
_CEILING_AFTER = re.compile(r"\s*(以内|以下|之内|以里|封顶|上下|(?:左右)?的?预算|or less|max|budget)", _I)


# Money the client puts aside or is allowed for the job, as shop owners say it: "准备了10万块钱", "拿一万二出来",
# "钱不多，三千块", "成本别超过5千", "the boss approved 50k", "100k set aside", "about 20k to spend", "8,000 yuan for
# it", "三五千的东西有吗": a budget, never a purchase (blind8's budget misses were all "no budget read").
_BUDGET_BEFORE = re.compile(
    r"(?:准备了|备了|留了|留出|划了|拨了|批了|(?:别|不要|不能|不得|不想)超过|"
    r"\bapproved\b|\bearmarked\b|\ballocated\b|\bsigned off(?: on)?\b)[^，,。；;\d]{0,8}$|"
    r"(?:钱不多|钱有限|钱少|预算有限|手头紧)[，,]?\s*(?:就|只有|大概|也就)?\s*$",
    _I,
)
_BUDGET_AFTER = re.compile(
    r"\s*(?:rmb|cny|yuan|元|块钱|块)?\s*(?:钱)?\s*(?:(?:in total|total|all[- ]in|in all|altogether)\s*)?"
    # "一共就八千块钱能用在这上面", "三万可以花": what the client can use or spend on it
    r"(?:(?:能|可以|可)(?:用|花|投|拿出)|出来|的(?:东西|方案)|"
    r"(?:set aside|earmarked|allocated|put aside|available|to spend|to invest|to put in(?:to)?)\b|"
    r"for (?:it|this|that|ai|the (?:project|job|tool|system|whole thing))\b)",
    _I,
)


# A budget for a project the client names ("数字化改造项目预算40万", "the retrofit project budget is 1.2 million",
# review16 r16-31): what that project costs them, so its purchase as well as their budget.
_PROJECT_BUDGET = re.compile(
    r"(?:改造|技改|数字化车间|智能车间|智能工厂|数字化工厂)(?:项目)?的?总?预算(?:是|有|为|大概|约|在|:)?\s*$|"
    r"\b(?:retrofit|transformation)(?: project)? budget(?: is| of| at)?(?: about| around| roughly)?(?: rmb| cny)?\s*$",
    _I,
)


def project_budget(text: str, start: int) -> bool:
    """The amount at text[start:] is the budget of a project the words before it name."""
    return bool(_PROJECT_BUDGET.search(text[max(0, start - 24) : start]))


def budget_said(text: str, start: int, end: int) -> bool:
    """The words beside the amount at text[start:end] make it money set aside for the job (not what a thing cost:
    "we paid 60k for it")."""
    before = text[max(0, start - 16) : start]
    if _THING_COSTS.search(before):
        return False
    return bool(_BUDGET_BEFORE.search(before) or _BUDGET_AFTER.match(text, end))


def not_a_purchase(body: str, start: int, end: int) -> bool:
    """The amount at body[start:end] is no contract the client names: a fact (revenue, R&D spend, running cost), an
    asset's value, a budget or ceiling, the subsidy hoped for, or a loan's size."""
    if (role := fact_role(body, start, end)) is not None and role is not AmountRole.past_spend:
        return True  # a revenue, an R&D spend, an asset's value, a running cost
    # A past spend is no budget (budget.py) but may be a purchase made in an earlier year ("去年实打实付了25万的算力费"):
    # purchases.py keeps it when it names what was bought, with its year (purchase_dates.py).
    if loan_amount(body, start, end):
        # "贷款600万买…" buys the client's own equipment with the loan (purchases.py flags it); "可以免息贷50万"
        # is the loan's size alone, no purchase (review11 r11-17: it became "软件 50万")
        return not loan_buys(body, start, end)
    if budget_said(body, start, end):
        return True  # "准备了10万块钱", "20k to spend"
    if _WILL_PUT.search(body[max(0, start - 28) : start]):
        return True  # "we can put another 50k into a sales CRM": what the client would put in, a budget
    before = body[max(0, start - 12) : start]
    if _UNDER_A_CONTRACT.search(before) and _CONTRACT_AFTER.match(body, end):
        return (
            False  # "renting GPU compute under an 800k RMB contract": the contract's amount (review14 r14-57)
        )
    if _NOT_A_PURCHASE.search(before) and not _THING_COSTS.search(before):
        return True
    return bool(_CEILING_AFTER.match(body, end))  # a ceiling ("5w以内")
