"""What a loan-interest subsidy is worth on the client's own loan (advice_rules.md §5; review6 c25: "能省多少" on a
300万 loan with a 1.5-point subsidy got no figure).

principal × the published points = the interest saved a year, for at most the published years. It is interest
relief, not a price cut: never subtracted from what the equipment costs. The figure is an upper bound, since the
points run on the outstanding principal, which falls as the loan is repaid.
"""

from __future__ import annotations

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment, Verdict
from app.catalogue.render import format_cny


def _points(value: float) -> str:
    return f"{value * 100:g}"


def loan_interest_notes(loan: float | None, programs: list[Assessment], language: Lang) -> list[str]:
    """One line per listed loan-interest program with published points, worked out on the client's loan."""
    if not loan:
        return []
    en = language == "en"
    lines = []
    for assessment in programs:
        benefit = assessment.program.benefit
        if assessment.verdict is Verdict.ineligible or benefit.interest_points is None:
            continue
        yearly = loan * benefit.interest_points
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
                f"{name}: your loan of CNY {loan:,.0f} × {points} percentage points = about CNY {yearly:,.0f} "
                f"less interest a year{over} (less as the principal is repaid). It reduces interest, not the "
                "equipment price, so it is not subtracted from the cost."
            )
        else:
            over = f"，最长{years:g}年、合计最多约{format_cny(yearly * years)}" if years else ""
            lines.append(
                f"{name}：您说的贷款{format_cny(loan)} × {points}个百分点 = 每年约少付利息{format_cny(yearly)}{over}"
                "（按未还本金计，边还边减）；贴的是利息，不是设备价款，不从设备费用里扣减。"
            )
    return lines
