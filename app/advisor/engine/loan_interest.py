"""What a loan-interest subsidy is worth on the client's own loan (advice_rules.md §5; review6 c25: "能省多少" on a
300万 loan with a 1.5-point subsidy got no figure).

principal × the published points = the interest saved a year, for at most the published years. It is interest
relief, not a price cut: never subtracted from what the equipment costs. The figure is an upper bound, since the
points run on the outstanding principal, which falls as the loan is repaid.

A client who finances a machine they priced with a loan and gives no loan figure ("向银行贷款买一台200万的智能检测
设备", review7 rev7-11) gets the figure on that price, said to be the most a loan of the whole price would save.
"""

from __future__ import annotations

from app.advisor.contract import Lang
from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict
from app.catalogue.render import format_cny


def _points(value: float) -> str:
    return f"{value * 100:g}"


def loan_interest_notes(
    loan: float | None, programs: list[Assessment], language: Lang, financed: float | None = None
) -> list[str]:
    """One line per listed loan-interest program with published points, worked out on the client's loan.

    `financed`: the price of the equipment the client says they buy, when they name no loan figure; used only
    for a program whose loan condition their words meet ("贷款买…"), as the whole price borrowed.
    """
    if not loan and not financed:
        return []
    en = language == "en"
    lines = []
    for assessment in programs:
        benefit = assessment.program.benefit
        if assessment.verdict is Verdict.ineligible or benefit.interest_points is None:
            continue
        principal = loan or (financed if _loan_said(assessment) else None)
        if not principal:
            continue
        yearly = principal * benefit.interest_points
        years = benefit.interest_years
        name = assessment.program.name_en if en else assessment.program.name
        points = _points(benefit.interest_points)
        if en:
            over = (
                f", for at most {years:g} years: at most about CNY {yearly * years:,.0f} in all"
                if years
                else ""
            )
            lines.append(
                f"{name}: {_whose_en(loan, principal)} × {points} percentage point{'s' * (points != '1')} = about CNY {yearly:,.0f} "
                f"less interest a year{over} (less as the principal is repaid). It reduces interest, not the "
                "equipment price, so it is not subtracted from the cost."
            )
        else:
            over = f"，最长{years:g}年、合计最多约{format_cny(yearly * years)}" if years else ""
            lines.append(
                f"{name}：{_whose_zh(loan, principal)} × {points}个百分点 = 每年约少付利息{format_cny(yearly)}{over}"
                "（按未还本金计，边还边减）；贴的是利息，不是设备价款，不从设备费用里扣减。"
            )
    return lines


def _loan_said(assessment: Assessment) -> bool:
    """The client's words meet the program's loan condition ("向银行贷款买设备")."""
    return any(c.status is Status.met and "贷款" in c.reason.zh for c in assessment.conditions)


def _whose_zh(loan: float | None, principal: float) -> str:
    if loan:
        return f"您说的贷款{format_cny(loan)}"
    return f"按设备价{format_cny(principal)}全额贷款计（实际按贷款额）"


def _whose_en(loan: float | None, principal: float) -> str:
    if loan:
        return f"your loan of CNY {loan:,.0f}"
    return f"borrowing the whole CNY {principal:,.0f} price (in practice: the amount you borrow)"
