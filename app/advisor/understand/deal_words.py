"""The words that make an amount the price of a deal: a contract or quote ("合同金额500万", "报价是18万", "contract
about RMB 300k"), a price said to be the whole ("整体报价60万（含服务器和实施）", "all in"), or rent paid per period
("租的算力一年大概20万"). Such an amount is a purchase, never the budget (budget.py and purchases.py ask).
"""

from __future__ import annotations

import re

from app.advisor.understand.periods import period_of

# "合同30万" names what the client buys by its paper, not a need for contract software.
CONTRACT_WORD = re.compile(r"合同|合约|contract", re.I)

# A vendor's quote or a figure said to include everything is the whole solution's price, not one item's (review6
# c01: "私有化部署通义千问，报价40万" got the catalogue's GPU server and maintenance added on top).
_WHOLE_BEFORE = re.compile(
    r"(?:整体|全包|总包|包干|总价|打包|一揽子|交钥匙|总报价|报价|整套|全套|总共|一共|加起来|一口价|all-in|turnkey|quoted?|in total|"
    r"total|(?:whole|entire) (?:package|system|thing|project)|package|altogether)"
    # the word the price is said with between ("总包价8万", "a turnkey price of RMB 80k")
    r"(?:\s*(?:价格?|价钱|price|cost|quote|figure)(?:\s+(?:of|at|is))?)?(?:\s*(?:rmb|cny|¥|￥))?[^，,。；;\d]{0,6}$",
    re.I,
)
_WHOLE_AFTER = re.compile(
    r"^\s*(?:元|块)?\s*[（(]?\s*(?:全包|打包|含|包含|包括|连|都含|全含|all[- ]in|turnkey|including|includes|in total)",
    re.I,
)
# A contract, quote or deal said with the amount ("合同金额500万", "报价是18万", "contract about RMB 300k",
# "签了600万的合同"): the amount is the price of something bought, not the budget.
_DEAL_BEFORE = re.compile(
    r"(?:合同|合约|报价|签约|总价|全包|打包|交钥匙|contract|quot(?:e|ed|ation)|deal|turnkey|all-in)[^，,。；;\d]{0,24}$",
    re.I,
)
_DEAL_AFTER = re.compile(
    r"\s*(?:元|块|rmb|cny|yuan)?\s*(?:的)?\s*(?:合同|合约|订单|contract|deal|quote)", re.I
)


# A budget word between the deal word and the amount makes it the budget ("all-in budget is 20k", "整体预算5万").
_BUDGET_WORD = re.compile(r"预算|budget", re.I)


def names_a_contract(body: str, start: int, end: int) -> bool:
    """A contract or quote word is with the amount at body[start:end] ("合同金额500万", "一年合同大概25万"): the
    price of a thing bought, never the budget (budget.py asks)."""
    deal = _DEAL_BEFORE.search(body[max(0, start - 30) : start])
    return bool((deal and not _BUDGET_WORD.search(deal.group(0))) or _DEAL_AFTER.match(body, end))


# Rent paid per period: "renting compute on the local platform, about 300k a year" (review11 r11-48), "租的算力
# 一年大概20万": the amount is what the thing rented costs, however far the rented thing is named.
_RENT = re.compile(r"租|\brent|\blease|\bleasing", re.I)
_PER_YEAR = re.compile(
    r"\s*(?:元|块|rmb|cny|yuan)?\s*(?:a year|per year|per annum|annually|/\s*年|一年|每年)", re.I
)
_YEARLY_BEFORE = re.compile(r"(?:一年|每年|年费|a year|per year|annually)[^，,。；;\d]{0,6}$", re.I)


def a_deal(body: str, start: int, end: int) -> bool:
    """A contract, a price said to be the whole ("about RMB 2.5 million all in") or rent paid per period."""
    if names_a_contract(body, start, end) or _WHOLE_AFTER.match(body[end:]):
        return True
    periodic = (
        _PER_YEAR.match(body, end)
        or _YEARLY_BEFORE.search(body[max(0, start - 12) : start])
        or period_of(body, start, end) is not None
    )
    return bool(periodic and _RENT.search(body[:start]))


# The parts listed after the price, then said to be all in it ("8万，传感器、网关、软件和安装全包", "RMB 80k, sensors,
# gateway, software and installation all included"): a price for the whole, whose parts no one item is.
_PARTS_ALL_IN = re.compile(
    r"^\s*(?:元|块)?\s*[,，、:：]\s*[^。！？!?;；]{0,60}?(?:全包|都包含|全部包含|都含|全含|都包括|全部包括|一并包括|"
    r"all included|everything included|all in\b|included)",
    re.I,
)


def quoted_whole(body: str, start: int, end: int) -> bool:
    """The amount at body[start:end] is a quote for the whole solution, or said to include everything."""
    before = body[max(0, start - 30) : start]
    return bool(_WHOLE_BEFORE.search(before) or _WHOLE_AFTER.match(body[end:]) or parts_all_in(body, end))


def parts_all_in(body: str, end: int) -> bool:
    """The amount ending at `end` is followed by the list of its parts said to be all in it."""
    return _PARTS_ALL_IN.match(body[end:]) is not None
