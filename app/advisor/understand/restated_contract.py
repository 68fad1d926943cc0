"""A contract's amount said again, or said late: "说错了，合同是一年50万" corrects the one contract of the
conversation; "一年合同大概25万" after "买的是已备案的大模型API服务" prices the one kind of thing said before.
"""

from __future__ import annotations

from app.advisor.understand.deal_words import CONTRACT_WORD
from app.advisor.understand.floors import is_floor
from app.advisor.understand.kind_words import without_programs
from app.advisor.understand.periods import MONTH
from app.advisor.understand.purchase_kinds import kinds_named
from app.advisor.understand.purchases import MONEY, first_year, purchase_spans, said_with_unit
from app.advisor.understand.stated_purchase import StatedPurchase


def restated_contract(
    norm: str, earlier: list[StatedPurchase], corrected: bool = False, earlier_text: str = ""
) -> list[StatedPurchase]:
    """ "说错了，合同是一年50万": an amount for "the contract" naming no kind, in a conversation with one kind
    of contract, is that contract's amount (review5: the correction was answered with a quote dump).

    `corrected`: the message corrects an earlier figure and the client gave no budget, so the one figure
    they gave is the one corrected ("不好意思说错了，是一年3万" after "一年算力支出大概8万", review6 s1t2)."""
    said_contract = CONTRACT_WORD.search(norm) or corrected
    planned = (
        kinds_named(without_programs(earlier_text)) if not earlier and CONTRACT_WORD.search(norm) else []
    )
    if len(planned) == 1:
        # "一年合同大概25万" after "买的是已备案的大模型API服务" (review11 r11-29): the contract is for the one kind of
        # thing the conversation said it buys, with no amount until now
        earlier = [StatedPurchase(kind=planned[0], amount_cny=1.0, said=earlier_text.strip()[-80:])]
    if len({p.kind for p in earlier}) != 1 or not said_contract or purchase_spans(norm):
        return []
    for match in MONEY.finditer(norm):
        if not said_with_unit(match):
            continue
        if (money := first_year(norm, match)) is not None:
            amount, period, per_period = money
            restated = StatedPurchase(
                kind=earlier[0].kind,
                amount_cny=amount,
                monthly_cny=per_period if period is MONTH else None,
                period=period.key if period else None,
                per_period=per_period,
                said=earlier[0].said,
                # "合同肯定超过5万" restates a threshold, never the contract's figure (merged_with keeps that)
                at_least=is_floor(norm, match.start(), match.end()),
            )
            return [restated]
    return []
