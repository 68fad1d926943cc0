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
from datetime import date

from app.advisor.understand.amount_roles import own_period_words, spend_is_ongoing
from app.advisor.understand.budget_words import not_a_purchase, project_budget
from app.advisor.understand.currencies import foreign_currency
from app.advisor.understand.deal_words import (
    CONTRACT_WORD,
    a_deal,
    names_a_contract,
    parts_all_in,
    quoted_whole,
)
from app.advisor.understand.floors import beside_contracts, is_floor
from app.advisor.understand.kind_words import KIND_WORDS, PROGRAM_MENTION, without_programs
from app.advisor.understand.loans import loan_amount
from app.advisor.understand.numbers import AMOUNT, Money, match_value, parse_number
from app.advisor.understand.periods import MONTH, Period, period_of
from app.advisor.understand.purchase_dates import year_said
from app.advisor.understand.purchase_kinds import (
    WINDOW,
    bought_object,
    kind_before,
    kinds_named,
    nearest_kind,
)
from app.advisor.understand.spelled_numbers import spelled_numbers
from app.advisor.understand.stated_purchase import PurchaseSpan, StatedPurchase, priced
from app.catalogue.taxonomy import SpendKind
from app.text.clauses import mark, spans

# Callers read the kind words, the purchase model and the contract words through this module too (plans.py,
# engine/buyer_conditions.py, budget.py).
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
    "stated_purchases",
    "without_programs",
]

MONEY = re.compile(AMOUNT, re.I)
_HAS_UNIT = re.compile(r"(亿|千万|百万|万|千|k|m|mn|million|billion|bn|元|块|人民币|rmb|cny|yuan)", re.I)
_CN_MAGNITUDE = re.compile(r"[万亿萬億](?:[零〇一二两三四五六七八九]|$)")
_COUNTED = re.compile(r"\s*(?:个|人|名|张|条|件|次|台(?!币)|套|家|辆|吨|只|户|份|字|行|图|页)")
_CURRENCY_BEFORE = re.compile(r"(?:rmb|cny|yuan|¥|￥)\s*$", re.I)
_SELLER = re.compile(r"供应商|服务商|厂家|厂商|乙方|vendor|supplier|provider|contractor", re.I)
_EACH = re.compile(r"各(?:自|是|为)?\s*$")
_EACH_AFTER = re.compile(r"\s*each\b", re.I)


def said_with_unit(match: re.Match[str]) -> bool:
    """A money match carries a unit or currency word ("30万", "50k", "12000元", "四十万": the magnitude inside the
    numeral), not a bare figure."""
    tail = match.string[match.end(1) : match.end()]
    return bool(match.group(2) or _HAS_UNIT.search(tail) or _CN_MAGNITUDE.search(match.group(1)))


def purchase_spans(norm: str, today: date | None = None, restatements: bool = False) -> list[PurchaseSpan]:
    """Contracts with an amount the client names in normalised text, where each amount stands; with `today`, each
    dated to the year the client says it was bought (purchase_dates.py). With `restatements`, also the year a client
    works out from a monthly figure ("一个月3000块，一年也就3.6万"): no second purchase, but no budget either
    (budget.py asks for every amount said of a purchase)."""
    text = spelled_numbers(norm)  # "half a million": digits, same length, so positions stay those of `norm`
    found: list[PurchaseSpan] = []
    for offset, finish in spans(text, level="sentence"):
        body = text[offset:finish]
        for match in MONEY.finditer(body):
            unit = match.group(2)
            tail = body[match.end(1) : match.end()]
            # "US$45,000", "HK$50,000", "港币十二万": a currency mark says money as a unit does
            currency = foreign_currency(body, Money(0.0, match.start(), match.end(), True))
            currency_before = currency or _CURRENCY_BEFORE.search(
                body[max(0, match.start() - 6) : match.start()]
            )
            if _COUNTED.match(body, match.end()):
                continue  # "3万张缺陷图片", "六十万张": a count, whatever its magnitude
            # "六十万", "贰拾万": the magnitude is inside the numeral
            in_numeral = _CN_MAGNITUDE.search(match.group(1))
            said_money = unit or _HAS_UNIT.search(tail) or currency_before or in_numeral
            # "每月5000左右", "云服务器每月两千五": a figure said per period is money even without a unit.
            said_periodic = (
                period_of(body, match.start(), match.end()) is not None
                and (parse_number(match.group(1)) or 0) >= 100
            )
            if not said_money and not said_periodic:
                continue  # "5000张图片" is a count, not money ("RMB 12,000" is money)
            # a project's budget is its price too ("数字化改造项目预算40万", review16 r16-31)
            budgeted = project_budget(body, match.start())
            if not_a_purchase(body, match.start(), match.end()) and not budgeted:
                continue  # a revenue, an R&D spend, a budget, a ceiling, a loan (amount_roles.py)
            if currency and currency.endswith("?"):
                continue  # a bare "$": whose dollar it is would be a guess
            if (money := first_year(body, match)) is None:
                continue
            amount, period, per_period = money
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
            if not kinds and (bought := bought_object(body[: match.start()])):
                kinds = [
                    bought
                ]  # "buy a licensed industry corpus from the Shanghai Data Exchange for about…"
            if not kinds and a_deal(body, match.start(), match.end()):
                # "…rent compute at a data centre in Jinan for route models, contract about RMB 300k" (r10-55):
                # a contract or quote is a purchase, of the kind its sentence names however far from the figure,
                # else the kind the message names nearest to it ("a digital workshop; the contract is worth…")
                at, until = offset + match.start(), offset + match.end()
                kind = nearest_kind(body, match.start(), match.end(), len(body)) or nearest_kind(
                    text, at, until, len(text)
                )
                kinds = [kind] if kind else []
            whole = quoted_whole(body, match.start(), match.end())
            if whole and parts_all_in(body, match.end()) and len(kinds_named(body[match.end() :])) > 1:
                # "a monitoring system at a turnkey price of RMB 80k, sensors, gateway, software and installation all
                # included": parts of several kinds, all in one price, are the project the need asked for, not its
                # sensors (read as AI equipment, the need was lost and the pack came back empty)
                kinds = [SpendKind.digital_transformation]
            elif whole and (quoted := kind_before(body, match.start())):
                kinds = [quoted]  # what was quoted is named before its price; "（含服务器…）" lists its parts
            elif (
                whole
                and kinds
                and not kinds_named(body[: match.start()])
                and (a_deal(body, match.start(), match.end()) or _SELLER.search(body))
            ):
                # "A vendor quoted RMB 80,000 all-in (software, tablets and setup)": the words after a whole quote
                # list its parts; what was quoted is the project the need asked for (s21 c21-06)
                kinds = [SpendKind.digital_transformation]
            elif loan and not kinds:
                kinds = [
                    SpendKind.ai_equipment
                ]  # "financing 2 million yuan through the bank to renew the line"
            elif whole and not kinds and (a_deal(body, match.start(), match.end()) or _SELLER.search(body)):
                # "想上AI视觉质检，供应商整套下来报价12万": a vendor's quote for the whole of what the client asked,
                # naming no kind of its own, is that project's price (engine/purchases.py `prices_the_pack`).
                # With no seller nor quote, "总共5000块" is all the client has for it: the budget (budget.py).
                kinds = [SpendKind.digital_transformation]
            for kind in kinds:
                begin, finish = _clause_of(body, match.start(), match.end(), kind)
                said = body[begin:finish].strip()
                # dated by its own words only, never by another figure's ("去年花了20万的标注，还有30万的算力")
                dating = own_period_words(
                    body, match.start(), match.end(), body[begin : match.start()], body[match.end() : finish]
                )
                said_year = year_said(*dating, today) if today else None
                # Bought in an earlier year: dated, and done (not a spend still being paid). This year's purchase
                # keeps no year, as one said with none: it is now ("之前已经付了" says no year either).
                past = said_year is not None and today is not None and said_year < today.year
                year = said_year if past else None
                purchase = StatedPurchase(
                    kind=kind,
                    # "HK$800k of GPU rental": kept in its currency, never yuan (engine/foreign_figures.py)
                    amount_cny=None if currency else amount,
                    monthly_cny=per_period if period is MONTH and not currency else None,
                    period=period.key if period else None,
                    per_period=per_period,
                    currency=currency,
                    amount_other=amount if currency else None,
                    whole=whole,
                    said=said,
                    loan=loan,
                    ongoing=not past and spend_is_ongoing(said, kind),
                    at_least=is_floor(body, match.start(), match.end()),
                    year=year,
                )
                found.append(PurchaseSpan(offset + match.start(), offset + match.end(), purchase, budgeted))
    priced = _loans_for_priced(found)
    return beside_contracts(priced if restatements else _said_twice(priced))


# How near a restated year follows its periodic figure ("算力一个月3000块，一年也就3.6万").
_RESTATED_WITHIN = 24


def _year_of(purchase: StatedPurchase) -> float | None:
    return purchase.amount_cny or purchase.amount_other


def _said_twice(found: list[PurchaseSpan]) -> list[PurchaseSpan]:
    """ "算力一个月3000块，一年也就3.6万", "一季度1.5万，一年也就6万": the year the client works out from a periodic
    figure of the same kind is that spend said again, not a second purchase: counted twice it cleared 厦门's 5万
    yearly minimum and listed the subsidy twice (s19). The periodic span is kept: it says how the year was reached."""
    kept = []
    for span in found:
        again = any(
            other.purchase.period is not None
            and span.purchase.period is None
            and other.purchase.kind == span.purchase.kind
            and 0 < span.start - other.end <= _RESTATED_WITHIN
            and (other_year := _year_of(other.purchase))
            and (year := _year_of(span.purchase))
            and abs(year - other_year) <= 0.15 * other_year
            for other in found
        )
        if not again:
            kept.append(span)
    return kept


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
            span = PurchaseSpan(
                span.start, span.end, span.purchase.model_copy(update={"loan": True}), span.budget
            )
        kept.append(span)
    return kept


def _clause_of(body: str, start: int, end: int, kind: SpendKind) -> tuple[int, int]:
    """Where the clause an amount stands in begins and ends, with the one before when the thing bought is named there
    ("刚签了一套云erp，一年6万", "想买一套故障数据集来训练模型，数据集合同60万"): the words saying what the contract is
    and what it is for, which name no other need (engine/pack_contracts.py)."""
    cuts = [m.start() for m in mark().finditer(body)]
    begin = max((c + 1 for c in cuts if c < start), default=0)
    finish = min((c for c in cuts if c >= end), default=len(body))
    if begin > 0:
        before = max((c + 1 for c in cuts if c < begin - 1), default=0)
        named = kinds_named(body[before : begin - 1])
        if not kinds_named(body[begin:start]) or kind in named:
            begin = before
    return begin, finish


def stated_purchases(norm: str, today: date | None = None) -> list[StatedPurchase]:
    return [span.purchase for span in purchase_spans(norm, today)]


def first_year(text: str, match: re.Match[str]) -> tuple[float, Period | None, float | None] | None:
    """The amount a money match states for the first year, with the period it was said per and the figure per period
    when it is one ("每月5000": twelve of it; "每季度2万", "HK$30k a quarter": four)."""
    amount = match_value(text, match)  # "1万5" is 15,000
    if amount is None or amount <= 0:
        return None
    if (period := period_of(text, match.start(), match.end())) is not None:
        return amount * period.per_year, period, amount
    return amount, None, None
