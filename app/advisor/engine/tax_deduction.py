"""What a super-deduction does with the R&D spend the client states (advice_rules.md §5, review10 r10-50).

"We spent about 300k on R&D: how much does the super-deduction save us?" was answered "the rate and the cap are not
in my sources" although the catalogue holds the rate (an extra 100%). A consultant says what the rule does with
the client's figure: 300k of qualifying R&D is deducted a second time, so taxable income falls by 300k; at the
standard 25% income-tax rate that is about 75k less tax (less at a lower rate), saved in the annual filing, not
paid out as cash. It is a standing rule: there are no batches to wait for.

A client who names the super-deduction and says what they spent developing something ("spent 500k developing an
AI module", "今年开发AI质检模块花了120万") has given the figure too (review11 r11-54 got the rate and no sum): when
the program is the one asked about, money spent developing, building or researching in the same clause is the
R&D base. The saving is given at the standard 25% rate and at the 15% rate of a certified high-tech enterprise,
since which one the firm pays is not known.
"""

from __future__ import annotations

import re

from app.advisor.contract import Lang
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.purchases import Purchase
from app.advisor.understand.amount_roles import AmountRole, fact_role
from app.advisor.understand.numbers import money_amounts
from app.catalogue.models import ApplicationMechanism, FundingProgram
from app.catalogue.render import format_cny
from app.text.clauses import span_around

# The enterprise income-tax rate most firms pay (企业所得税法第四条); lower rates (small low-profit firms, 15% for
# high-tech enterprises) save less, which the note says rather than guessing which applies.
STANDARD_CIT_RATE = 0.25
HIGH_TECH_CIT_RATE = (
    0.15  # a certified high-tech enterprise (catalogue cn-high-tech-enterprise entry; 企业所得税法第二十八条)
)


# "we put RMB 500k into R&D": a verb of spending before the figure, R&D right after it.
_INTO_RND = re.compile(
    r"\s*(?:rmb|cny|yuan)?\s*(?:into|towards|to)\s+(?:our\s+|the\s+)?(?:r&d|research)", re.I
)


# Development work in the amount's clause: "spent 500k developing an AI module", "开发AI质检模块花了120万".
_DEVELOPING = re.compile(r"开发|研制|自研|攻关|搭建|\b(?:develop|build|research|engineer|design)\w*", re.I)
# Figures that are never an R&D spend, whatever the clause says.
_NOT_SPEND = frozenset({AmountRole.revenue, AmountRole.asset_value})


def _developing_clause(said: str, start: int, end: int) -> bool:
    begin, finish = span_around(said, start, end)
    return bool(_DEVELOPING.search(said[begin:finish]))


def stated_rnd_spend(said: str, asked: bool = False) -> float | None:
    """The R&D spend in the client's normalised words ("研发投入大概200万", "about 300k RMB on R&D"); with the
    super-deduction `asked` about, also money spent developing something ("spent 500k developing an AI module")."""
    amounts = [m for m in money_amounts(said) if m.value > 0]
    for money in amounts:
        role = fact_role(said, money.start, money.end)
        if role is AmountRole.rnd_spend or _INTO_RND.match(said, money.end):
            return money.value
    for money in amounts if asked else []:
        role = fact_role(said, money.start, money.end)
        if role not in _NOT_SPEND and _developing_clause(said, money.start, money.end):
            return money.value
    return None


def deduction_notes(said: str, programs: list[Assessment], language: Lang) -> list[str]:
    """One line per super-deduction not ruled out, on the client's own R&D figure; none without a figure."""
    asked = any(a.asked and a.program.benefit.extra_deduction for a in programs)
    spend = stated_rnd_spend(said, asked)
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
        high_tech = lower * HIGH_TECH_CIT_RATE
        if en:
            notes.append(
                f"{name}: on your R&D spend of CNY {spend:,.0f}, an extra {extra:.0%} (CNY {lower:,.0f}) is "
                f"deducted when computing taxable income, so taxable income falls by CNY {lower:,.0f}; at the "
                f"standard 25% income-tax rate that is about CNY {saved:,.0f} less tax; at the 15% rate of a "
                f"high-tech enterprise about CNY {high_tech:,.0f} (less still at a small firm's lower rate). It is a tax saving in your filing, not cash, and a standing rule: there are no batches "
                "to wait for; only qualifying R&D costs, booked separately, count."
            )
        else:
            notes.append(
                f"{name}：按您说的研发投入{format_cny(spend)}，在据实扣除之外再加计扣除{extra:.0%}"
                f"（{format_cny(lower)}），应纳税所得额因此减少{format_cny(lower)}；按25%的企业所得税基本税率，"
                f"约少缴企业所得税{format_cny(saved)}；按高新技术企业15%的税率约少缴{format_cny(high_tech)}"
                "（小型微利企业等适用更低税率的，少缴得更少）。这是年度纳税申报时的减税，"
                "不是现金补贴；它是长期执行的制度，没有申报批次；只有单独归集、符合条件的研发费用才算。"
            )
    return notes


def _requirements(program: FundingProgram, en: bool) -> str:
    """The entry's own conditions (查账征收, bought 2024—2027, the per-unit limit), as the catalogue words them: a
    saving is said with what it rests on (review17: "少缴45万元" came without them)."""
    if en:
        return "; ".join(r.rstrip(".") for r in program.eligibility.requirements_en)
    return "；".join(r.rstrip("。") for r in program.eligibility.requirements)


def one_off_notes(client: list[Purchase], programs: list[Assessment], language: Lang) -> list[str]:
    """A one-off deduction of equipment (`tax_on_purchase`, mechanism tax_filing) on the equipment the client names:
    deducted in full in the purchase year instead of depreciated, so that year's taxable income falls by its price
    (review12 r12-49: "3M of CNC machines, how much?" got no figure). A timing benefit, not cash; each unit at most
    the entry's per-unit limit, which the note sends the client to check rather than assume."""
    en = language == "en"
    notes = []
    for assessment in programs:
        program = assessment.program
        if not program.eligibility.tax_on_purchase or assessment.verdict is Verdict.ineligible:
            continue
        if (
            program.how_to_apply.mechanism is not ApplicationMechanism.tax_filing
            or program.benefit.extra_deduction
        ):
            continue
        bought = [p for p in client if p.stated and p.kind in program.eligibility.spend_scope]
        if not bought:
            continue
        price = sum(p.first_year.max for p in bought)
        saved, high_tech = price * STANDARD_CIT_RATE, price * HIGH_TECH_CIT_RATE
        name = program.name_en if en else program.name
        if en:
            notes.append(
                f"{name}: the equipment you named (CNY {price:,.0f}) can be deducted in full in the year you buy it "
                f"instead of depreciated over years, so that year's taxable income falls by up to CNY {price:,.0f}: "
                f"if that year's taxable income is at least that much, about CNY {saved:,.0f} less tax that year at "
                f"the standard 25% rate (CNY {high_tech:,.0f} at 15%); with less taxable income or a loss, less. "
                "The equipment would be depreciated and deducted anyway: this brings the deduction forward (later "
                "years have none left), a timing benefit, not cash. Conditions: "
                + _requirements(program, en)
                + "."
            )
        else:
            notes.append(
                f"{name}：您说的设备{format_cny(price)}可在购进当年一次性税前扣除、不再分年折旧，当年应纳税所得额"
                f"因此最多减少{format_cny(price)}；当年应纳税所得额足够时，按25%的基本税率约少缴企业所得税"
                f"{format_cny(saved)}（按15%约{format_cny(high_tech)}），所得不足或亏损的少缴得更少。设备本来也会"
                "按年折旧扣除，这是把以后年度的折旧提前扣除，是时间上的好处，不是现金补贴。条件："
                + _requirements(program, en)
                + "。"
            )
    return notes
