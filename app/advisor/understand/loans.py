"""The loan a client says they take, in the ways owners say it: "贷款300万买两条线", "向银行贷800万",
"a RMB 5 million bank loan", "borrowing 2m from the bank".

A loan is neither the budget nor a purchase (numbers.COMPANY_MONEY keeps both readers off it); it is what a
loan-interest subsidy's points apply to (engine/loan_interest.py: "300万 × 1.5个百分点 ≈ 每年4.5万").
"""

from __future__ import annotations

import re

from app.advisor.understand.numbers import AMOUNT, parse_amount

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
