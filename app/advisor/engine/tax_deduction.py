"""What a super-deduction does with the R&D spend the client states (advice_rules.md §5, review10 r10-50).

"We spent about 300k on R&D: how much does the super-deduction save us?" was answered "the rate and the cap are not
in my sources" although the catalogue holds the rate (an extra 100%). A consultant says what the rule does with
the client's figure: 300k of qualifying R&D is deducted a second time, so taxable income falls by 300k; at the
standard 25% income-tax rate that is about 75k less tax (less at a lower rate), saved in the annual filing, not
paid out as cash. It is a standing rule: there are no batches to wait for.
"""

from __future__ import annotations

import re

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.amount_roles import AmountRole, fact_role
from app.advisor.understand.numbers import money_amounts
from app.catalogue.render import format_cny

# The enterprise income-tax rate most firms pay (企业所得税法第四条); lower rates (small low-profit firms, 15% for
# high-tech enterprises) save less, which the note says rather than guessing which applies.
STANDARD_CIT_RATE = 0.25


# "we put RMB 500k into R&D": a verb of spending before the figure, R&D right after it.
_INTO_RND = re.compile(
    r"\s*(?:rmb|cny|yuan)?\s*(?:into|towards|to)\s+(?:our\s+|the\s+)?(?:r&d|research)", re.I
)


def stated_rnd_spend(said: str) -> float | None:
    """The R&D spend in the client's normalised words ("研发投入大概200万", "about 300k RMB on R&D")."""
    for money in money_amounts(said):
        rnd = fact_role(said, money.start, money.end) is AmountRole.rnd_spend or _INTO_RND.match(
            said, money.end
        )
        if money.value > 0 and rnd:
            return money.value
    return None


def deduction_notes(said: str, programs: list[Assessment], language: Lang) -> list[str]:
    """One line per super-deduction not ruled out, on the client's own R&D figure; none without a figure."""
    spend = stated_rnd_spend(said)
    if spend is None:
        return []
    en = language == "en"
    notes = []
    for assessment in programs:
        extra = assessment.program.benefit.extra_deduction
        if not extra or assessment.verdict is Verdict.ineligible:
            continue
        name = assessment.program.name_en if en else assessment.program.name
        lower, saved = spend * extra, spend * extra * STANDARD_CIT_RATE
        if en:
            notes.append(
                f"{name}: on your R&D spend of CNY {spend:,.0f}, an extra {extra:.0%} (CNY {lower:,.0f}) is "
                f"deducted when computing taxable income, so taxable income falls by CNY {lower:,.0f}; at the "
                f"standard 25% income-tax rate that is about CNY {saved:,.0f} less tax (less if you pay a lower "
                "rate). It is a tax saving in your filing, not cash, and a standing rule: there are no batches "
                "to wait for; only qualifying R&D costs, booked separately, count."
            )
        else:
            notes.append(
                f"{name}：按您说的研发投入{format_cny(spend)}，在据实扣除之外再加计扣除{extra:.0%}"
                f"（{format_cny(lower)}），应纳税所得额因此减少{format_cny(lower)}；按25%的企业所得税基本税率，"
                f"约少缴企业所得税{format_cny(saved)}（适用更低税率的少缴得相应少）。这是年度纳税申报时的减税，"
                "不是现金补贴；它是长期执行的制度，没有申报批次；只有单独归集、符合条件的研发费用才算。"
            )
    return notes
