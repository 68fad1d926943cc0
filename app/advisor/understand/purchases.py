"""What the client says they will buy, with their own amount: "合同大概150万" of GPU rental, "一年大概20万" of
compute, "spend 400k RMB on GPU compute rental and 100k on model API calls".

Such an amount is a purchase, not the budget: it is what a program's ratio applies to (advice_rules.md §5,
the client's figures win). `understand.budget` asks this reader which amounts are purchases, so one place
decides what an amount is. An amount is a budget instead when a budget word comes right before it (预算,
投入, what the client can afford: 能花/能投/可以拿出, can spend; budget, spend up to) or a ceiling word comes
with it (以内, 最多, 不超过, under).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from app.advisor.understand.amount_roles import loan_amount, not_a_purchase, spend_is_ongoing
from app.advisor.understand.numbers import (
    AMOUNT,
    Money,
    foreign_currency,
    parse_amount,
    parse_number,
    per_month,
)
from app.advisor.understand.purchase_kinds import (
    KIND_WORDS,
    PROGRAM_MENTION,
    WINDOW,
    kind_before,
    kinds_named,
    nearest_kind,
    without_programs,
)
from app.advisor.understand.spelled_numbers import spelled_numbers
from app.catalogue.taxonomy import SpendKind

# Callers read the kind words through this module too (plans.py, engine/buyer_conditions.py).
__all__ = [
    "CONTRACT_WORD",
    "KIND_WORDS",
    "PROGRAM_MENTION",
    "PurchaseSpan",
    "StatedPurchase",
    "kinds_named",
    "names_a_contract",
    "priced",
    "purchase_spans",
    "restated_contract",
    "stated_purchases",
    "without_programs",
]


class StatedPurchase(BaseModel):
    """A thing the client says they buy: the kind of spend and, when they give it, their amount in CNY."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SpendKind
    # None: named without an amount ("买的是已备案的大模型API服务", review11 r11-28): still a purchase of its kind,
    # which is what a program's scope is judged on; its cost is the catalogue's range, said as such.
    amount_cny: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # The client gave a monthly figure: amount_cny is twelve of it (the first year's spend).
    monthly_cny: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # A quote for the whole solution ("整体报价60万（含服务器和实施）"): it replaces all of the solution's items.
    whole: bool = False
    # The words it was named with ("刚签了一套云erp，一年6万"): which pack solution, if any, it is (engine/purchases.py).
    said: str = ""
    # Bought with a loan the client names ("贷款800万买织机和检测设备", review11 r11-20): amount_cny is the loan, which
    # the interest subsidy counts; the thing is the client's own equipment, never a catalogue solution's price.
    loan: bool = False
    # Spend the client already pays and keeps paying ("已经在用", "每年付", "we already pay", review11 r11-50): this
    # year's spend too, unlike a past one-off purchase (amount_roles.py), which is none.
    ongoing: bool = False
    # Where it is bought, when the client says ("在济南的算力中心", "on the Guizhou platform"): a venue-bound
    # program's condition, and never the place of the company (purchase_places.py).
    where: str | None = None


def priced(purchases: list[StatedPurchase]) -> list[StatedPurchase]:
    """The purchases the client gave an amount for: their figures, which price a line and win (§5)."""
    return [p for p in purchases if p.amount_cny is not None]


@dataclass(frozen=True)
class PurchaseSpan:
    start: int  # in the normalised text
    end: int
    purchase: StatedPurchase


_MONEY = re.compile(AMOUNT, re.I)
_HAS_UNIT = re.compile(r"(亿|千万|百万|万|千|k|m|mn|million|billion|bn|元|块|人民币|rmb|cny|yuan)", re.I)
_CN_MAGNITUDE = re.compile(r"[万亿萬億]$")
_COUNTED = re.compile(r"\s*(?:个|人|名|张|条|件|次|台|套|家|辆|吨|只|户|份|字|行|图|页)")
_CURRENCY_BEFORE = re.compile(r"(?:rmb|cny|yuan|¥|￥)\s*$", re.I)
_SENTENCE = re.compile(r"[^。！？!?;；\n]+")
_EACH = re.compile(r"各(?:自|是|为)?\s*$")
# A vendor's quote or a figure said to include everything is the whole solution's price, not one item's (review6
# c01: "私有化部署通义千问，报价40万" got the catalogue's GPU server and maintenance added on top).
_WHOLE_BEFORE = re.compile(
    r"(?:整体|全包|总价|打包|一揽子|交钥匙|总报价|报价|整套|全套|总共|一共|加起来|一口价|all-in|turnkey|quoted?|in total|"
    r"total|(?:whole|entire) (?:package|system|thing|project)|package|altogether)"
    r"[^，,。；;\d]{0,6}$",
    re.I,
)
_WHOLE_AFTER = re.compile(
    r"^\s*(?:元|块)?\s*[（(]?\s*(?:全包|打包|含|包含|包括|连|都含|全含|all[- ]in|turnkey|including|includes|in total)",
    re.I,
)
_EACH_AFTER = re.compile(r"\s*each\b", re.I)
# A contract, quote or deal said with the amount ("合同金额500万", "报价是18万", "contract about RMB 300k",
# "签了600万的合同"): the amount is the price of something bought, not the budget.
_DEAL_BEFORE = re.compile(
    r"(?:合同|合约|报价|签约|总价|全包|打包|交钥匙|contract|quot(?:e|ed|ation)|deal|turnkey|all-in)[^，,。；;\d]{0,24}$",
    re.I,
)
_DEAL_AFTER = re.compile(
    r"\s*(?:元|块|rmb|cny|yuan)?\s*(?:的)?\s*(?:合同|合约|订单|contract|deal|quote)", re.I
)


def names_a_contract(body: str, start: int, end: int) -> bool:
    """A contract or quote word is with the amount at body[start:end] ("合同金额500万", "一年合同大概25万"): the
    price of a thing bought, never the budget (budget.py asks)."""
    return bool(_DEAL_BEFORE.search(body[max(0, start - 30) : start]) or _DEAL_AFTER.match(body, end))


# Rent paid per period: "renting compute on the local platform, about 300k a year" (review11 r11-48), "租的算力
# 一年大概20万": the amount is what the thing rented costs, however far the rented thing is named.
_RENT = re.compile(r"租|\brent|\blease|\bleasing", re.I)
_PER_YEAR = re.compile(
    r"\s*(?:元|块|rmb|cny|yuan)?\s*(?:a year|per year|per annum|annually|/\s*年|一年|每年)", re.I
)
_YEARLY_BEFORE = re.compile(r"(?:一年|每年|年费|a year|per year|annually)[^，,。；;\d]{0,6}$", re.I)


def _a_deal(body: str, start: int, end: int) -> bool:
    """A contract, a price said to be the whole ("about RMB 2.5 million all in") or rent paid per period."""
    if names_a_contract(body, start, end) or _WHOLE_AFTER.match(body[end:]):
        return True
    periodic = (
        _PER_YEAR.match(body, end)
        or _YEARLY_BEFORE.search(body[max(0, start - 12) : start])
        or per_month(body, start, end)
    )
    return bool(periodic and _RENT.search(body[:start]))


def purchase_spans(norm: str) -> list[PurchaseSpan]:
    """Contracts with an amount the client names in normalised text, where each amount stands."""
    # An English full stop ends a sentence too; replaced in place so positions stay those of `norm`.
    text = re.sub(r"\.(?=\s)", "。", spelled_numbers(norm))  # "half a million": digits, same length
    found: list[PurchaseSpan] = []
    for sentence in _SENTENCE.finditer(text):
        body, offset = sentence.group(0), sentence.start()
        for match in _MONEY.finditer(body):
            unit = match.group(2)
            tail = body[match.end(1) : match.end()]
            currency_before = _CURRENCY_BEFORE.search(body[max(0, match.start() - 6) : match.start()])
            if _COUNTED.match(body, match.end()):
                continue  # "3万张缺陷图片", "六十万张": a count, whatever its magnitude
            # "六十万", "贰拾万": the magnitude is inside the numeral
            in_numeral = _CN_MAGNITUDE.search(match.group(1))
            said_money = unit or _HAS_UNIT.search(tail) or currency_before or in_numeral
            # "每月5000左右", "云服务器每月两千五": a figure said per month is money even without a unit.
            said_monthly = (
                per_month(body, match.start(), match.end()) and (parse_number(match.group(1)) or 0) >= 100
            )
            if not said_money and not said_monthly:
                continue  # "5000张图片" is a count, not money ("RMB 12,000" is money)
            if not_a_purchase(body, match.start(), match.end()):
                continue  # a revenue, last year's or R&D spend, a budget, a ceiling, a loan (amount_roles.py)
            if foreign_currency(body, Money(0.0, match.start(), match.end(), True)):
                continue  # "HK$40萬": no exchange rate, so no CNY contract (engine/foreign_figures.py says it)
            if (money := _first_year(body, match)) is None:
                continue
            amount, monthly = money
            if _EACH.search(body[max(0, match.start() - 3) : match.start()]):
                # "标注服务和模型API各10万": one contract per kind named before the amount
                kinds = kinds_named(body[max(0, match.start() - WINDOW) : match.start()])
            elif _EACH_AFTER.match(body, match.end()):
                # "100k each on labelling and API calls": ...or after it
                kinds = kinds_named(body[match.end() : match.end() + WINDOW])
            else:
                kinds = [kind] if (kind := nearest_kind(body, match.start(), match.end())) else []
            loan = loan_amount(
                body, match.start(), match.end()
            )  # not_a_purchase let it by: the loan buys a thing
            if not kinds and _a_deal(body, match.start(), match.end()):
                # "…rent compute at a data centre in Jinan for route models, contract about RMB 300k" (r10-55):
                # a contract or quote is a purchase, of the kind its sentence names however far from the figure,
                # else the kind the message names nearest to it ("a digital workshop; the contract is worth…")
                at, until = offset + match.start(), offset + match.end()
                kind = nearest_kind(body, match.start(), match.end(), len(body)) or nearest_kind(
                    text, at, until, len(text)
                )
                kinds = [kind] if kind else []
            whole = bool(
                _WHOLE_BEFORE.search(body[max(0, match.start() - 12) : match.start()])
                or _WHOLE_AFTER.match(body[match.end() :])
            )
            if whole and (quoted := kind_before(body, match.start())):
                kinds = [quoted]  # what was quoted is named before its price; "（含服务器…）" lists its parts
            elif loan and not kinds:
                kinds = [
                    SpendKind.ai_equipment
                ]  # "financing 2 million yuan through the bank to renew the line"
            elif whole and not kinds:
                # "想上AI视觉质检，供应商整套下来报价12万": a vendor's quote for the whole of what the client asked,
                # naming no kind of its own, is that project's price (engine/purchases.py `prices_the_pack`).
                kinds = [SpendKind.digital_transformation]
            for kind in kinds:
                said = _clause_of(body, match.start(), match.end(), kind)
                purchase = StatedPurchase(
                    kind=kind,
                    amount_cny=amount,
                    monthly_cny=monthly,
                    whole=whole,
                    said=said,
                    loan=loan,
                    ongoing=spend_is_ongoing(said, kind),
                )
                found.append(PurchaseSpan(offset + match.start(), offset + match.end(), purchase))
    return _loans_for_priced(found)


def _loans_for_priced(found: list[PurchaseSpan]) -> list[PurchaseSpan]:
    """ "买一台300万的智能分拣设备，其中200万走银行设备更新贷款": the loan pays part of a thing priced in the message,
    so it is no second purchase; the priced one is bought with a loan."""
    borrowed = {span.purchase.kind for span in found if span.purchase.loan}
    priced = {span.purchase.kind for span in found if not span.purchase.loan}
    kept = []
    for span in found:
        if span.purchase.loan and span.purchase.kind in priced:
            continue
        if not span.purchase.loan and span.purchase.kind in borrowed:
            span = PurchaseSpan(span.start, span.end, span.purchase.model_copy(update={"loan": True}))
        kept.append(span)
    return kept


_CLAUSE_END = re.compile(r"[，,；;]")


def _clause_of(body: str, start: int, end: int, kind: SpendKind) -> str:
    """The clause an amount stands in, with the one before when the thing bought is named there
    ("刚签了一套云erp，一年6万", "想买一套故障数据集来训练模型，数据集合同60万"): the words saying what the contract is
    and what it is for, which name no other need (engine/pack_contracts.py)."""
    cuts = [m.start() for m in _CLAUSE_END.finditer(body)]
    begin = max((c + 1 for c in cuts if c < start), default=0)
    finish = min((c for c in cuts if c >= end), default=len(body))
    if begin > 0:
        before = max((c + 1 for c in cuts if c < begin - 1), default=0)
        named = kinds_named(body[before : begin - 1])
        if not kinds_named(body[begin:start]) or kind in named:
            begin = before
    return body[begin:finish].strip()


def stated_purchases(norm: str) -> list[StatedPurchase]:
    return [span.purchase for span in purchase_spans(norm)]


# "合同30万" names what the client buys by its paper, not a need for contract software.
CONTRACT_WORD = re.compile(r"合同|合约|contract", re.I)


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
    for match in _MONEY.finditer(norm):
        unit = match.group(2)
        if not unit and not _HAS_UNIT.search(norm[match.end(1) : match.end()]):
            continue
        if (money := _first_year(norm, match)) is not None:
            amount, monthly = money
            restated = StatedPurchase(
                kind=earlier[0].kind, amount_cny=amount, monthly_cny=monthly, said=earlier[0].said
            )
            return [restated]
    return []


def _first_year(text: str, match: re.Match[str]) -> tuple[float, float | None] | None:
    """The amount a money match states for the first year, and its monthly figure when it is one."""
    amount = parse_amount(match.group(1), match.group(2))
    if amount is None or amount <= 0:
        return None
    if per_month(text, match.start(), match.end()):
        return amount * 12, amount  # "每月5000", "5k a month": the first year is twelve
    return amount, None
