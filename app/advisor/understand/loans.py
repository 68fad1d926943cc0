"""The loan a client says they take, in the ways owners say it: "贷款300万买两条线", "向银行贷800万",
"a RMB 5 million bank loan", "borrowing 2m from the bank".

A loan is neither the budget nor a purchase (numbers.COMPANY_MONEY keeps both readers off it); it is what a
loan-interest subsidy's points apply to (engine/loan_interest.py: "300万 × 1.5个百分点 ≈ 每年4.5万").
Where a loan buys a thing its sentence names ("贷款600万买两台激光切割机"), the thing is a purchase of the client's
own at the loan's amount (purchases.py asks `loan_amount` and `loan_buys`); a loan heard of ("听说可以免息贷50万")
is no loan the client takes (`hearsay`).
"""

from __future__ import annotations

import re
from enum import StrEnum

from app.advisor.understand.amount_roles import clause_around
from app.advisor.understand.kind_words import without_programs
from app.advisor.understand.numbers import AMOUNT, parse_amount
from app.text.clauses import span_around

_I = re.IGNORECASE
_LOAN_BEFORE = re.compile(
    rf"(?:贷款|贷|借款|借|融资)\s*(?:了|约|大概|大约|差不多)?\s*{AMOUNT}|"
    rf"\bloans? of\s*(?:about|around|roughly)?\s*(?:rmb|cny|¥)?\s*{AMOUNT}|"
    rf"\bborrow(?:ing|ed)?\s*(?:about|around|roughly)?\s*(?:rmb|cny|¥)?\s*{AMOUNT}",
    _I,
)
_LOAN_AFTER = re.compile(
    rf"(?:rmb|cny|¥)?\s*{AMOUNT}\s*(?:的)?\s*(?:走|用|通过|靠|申请)?\s*(?:银行)?\s*(?:设备更新|设备|技改|固定资产)?"
    r"\s*(?:贷款|贷|bank loan|loan)",
    _I,
)


def stated_loan(norm: str) -> float | None:
    """The loan principal in CNY the normalised text states, or None."""
    for pattern in (_LOAN_BEFORE, _LOAN_AFTER):
        for match in pattern.finditer(norm):
            groups = list(match.groups())
            # Each alternative has (number, unit); take the first filled pair.
            for number, unit in zip(groups[::2], groups[1::2], strict=False):
                if number is None:
                    continue
                amount = parse_amount(number, unit)
                if unit is None and not re.search(r"元|块|rmb|cny|yuan|¥", match.group(0), _I):
                    amount = None  # "贷款2年" is a term, not money
                if amount is not None and amount >= 1000:
                    return amount
    return None


# A loan's amount, in the ways owners say it: a loan or financing word right before it ("贷款600万", "借了500万",
# "贷款额度300万", "financing 2 million yuan", "a loan of 3m") or right after it ("300万的贷款", "RMB 3 million bank
# loan", "200万走银行贷款"). The amount is the loan, which an interest subsidy counts (stated_loan above).
_LOAN_WORD_BEFORE = re.compile(
    r"(?:贷款|贷|借款|借了?|融资|financ(?:e|es|ed|ing)|\bloans? of|\bborrow(?:s|ed|ing)?)[^，,。；;\d]{0,8}$",
    _I,
)
_LOAN_WORD_AFTER = re.compile(r"[^，,。；;\d]{0,10}?(?:贷款|贷|借款|loan)", _I)
# What the loan buys, said in its sentence: a verb of buying ("贷款600万买…", "to buy new looms", "用设备更新贷款买两台
# 激光切割机，贷款额度300万") or the thing financed named in its clause ("financing 2 million yuan of packaging robots").
_BUYS = re.compile(
    r"买|购|采购|添置|更新|换|上(?:一|两|几|新)|\bbuy\w*|\bpurchas\w*|\bacquir\w*|\bupgrad\w*", _I
)
_FINANCED_THING = re.compile(
    r"设备|机床|生产线|产线|机器人|\bmachine\w*|\bequipment\b|\brobots?\b|\blines?\b|"
    # a project the loan pays for: "贷款1000万搞智能化改造" (review15 r15-08: the loan was not read)
    r"改造|技改|数字化|智能化|智能工厂|数字化车间|\bretrofit\w*|\bsmart factory\b|\bdigital\w* transform\w*",
    _I,
)
# A loan a program is said to offer, not one the client takes: hearsay, or what one "can" borrow.
_OFFERED = re.compile(
    r"听说|据说|传说|听人说|听闻|有人说|朋友说|(?:可以|能)(?:免息|低息)?贷|免息贷|\bheard\b|\brumou?r\w*|"
    r"\bcan (?:borrow|get)\b|\bsays? (?:there'?s|that)\b|\btold (?:me|us)\b",
    _I,
)


def hearsay(words: str) -> bool:
    """The words report a program's terms heard of ("听说…可以免息贷30万"), not what the client does."""
    return bool(_OFFERED.search(words))


def loan_amount(body: str, start: int, end: int) -> bool:
    """The amount at body[start:end] is the size of a loan the client names."""
    return bool(
        _LOAN_WORD_BEFORE.search(body[max(0, start - 14) : start]) or _LOAN_WORD_AFTER.match(body, end)
    )


def loan_buys(body: str, start: int, end: int) -> bool:
    """The loan of the amount at body[start:end] buys something its sentence names (review8 r8-22, review11
    r11-20): a purchase of the client's own, at the loan's amount; "贷款200万周转" buys nothing."""
    begin, finish = span_around(body, start, end, level="sentence", semicolon=False)
    words = without_programs(body[begin:finish])
    if _OFFERED.search(words):
        return (
            False  # "听说买AI软件可以免息贷30万": a rumoured program's terms, not the client's loan (r11-17)
        )
    before, after = clause_around(body, start, end)
    return bool(_BUYS.search(words) or _FINANCED_THING.search(before + after))


class LoanKind(StrEnum):
    """The kinds of loan a loan-interest program is for, as owners name the loan they take."""

    startup_guarantee = "startup_guarantee"  # 创业担保贷款: guaranteed by a local fund, for small firms
    equipment = "equipment"  # 设备更新/技改/固定资产贷款: a fixed-asset loan that buys the equipment
    # 流动资金贷款/经营贷: money to run the business, whatever it then buys
    working_capital = "working_capital"


# A program's name is no loan ("设备更新贷款贴息能用吗"): a kind word followed by the subsidy's word is left out.
_NOT_THE_LOAN = r"(?!\s*(?:的)?\s*(?:财政)?(?:贴息|补贴|政策|interest subsid|subsid))"
_KIND_WORDS = {
    LoanKind.startup_guarantee: re.compile(
        r"(?:(?:创业担保|创业)贷款?(?!款)|创业担保(?!贷)|\bstart[- ]?up (?:guarantee[ds]? |business )?loans?\b|"
        r"\bguaranteed (?:start[- ]?up|business start[- ]?up) loans?\b|\bbusiness start[- ]?up loans?\b)"
        + _NOT_THE_LOAN,
        _I,
    ),
    LoanKind.equipment: re.compile(
        r"(?:(?:设备更新(?:项目)?(?:相关)?(?:的)?(?:固定资产)?|设备|技改|技术改造|固定资产)贷款?(?!款)|"
        r"\bequipment(?:[- ]renewal|[- ]upgrade|[- ]replacement)? loans?\b|\bfixed[- ]asset loans?\b)"
        + _NOT_THE_LOAN,
        _I,
    ),
    LoanKind.working_capital: re.compile(
        r"(?:(?:流动资金|经营性?|周转)贷款?(?!款)|流贷|\bworking[- ]capital loans?\b|\boperating loans?\b|"
        r"\brevolving (?:credit|loan)\b)" + _NOT_THE_LOAN,
        _I,
    ),
}


def loan_kinds(text: str) -> dict[LoanKind, str]:
    """The kinds of loan the normalised text names, each with its words ("创业担保贷款", "working-capital loan");
    a program's name ("设备更新贷款贴息") names none. A loan-interest condition's own wording is read the same way,
    so the kind it requires and the kind the client takes are compared in one vocabulary (condition_words.loan)."""
    found: dict[LoanKind, str] = {}
    for kind, pattern in _KIND_WORDS.items():
        if match := pattern.search(text):
            found[kind] = match.group(0)
    return found
