"""Whether a pack fits the client's budget (advice_rules §6): the net first-year cost line and the budget
sentences. The budget is first-year cash out before subsidies.
Split from costs.py, which costs the solutions and writes the subsidy arithmetic.
"""

from __future__ import annotations

from app.advisor.compose.wording import money, money_range
from app.advisor.contract import Lang
from app.advisor.engine.costing import CostedSolution
from app.advisor.engine.pack_choice import PackChoice
from app.catalogue.models import AmountRange, Solution
from app.catalogue.taxonomy import SPEND_LABELS


def net_line(
    gross: tuple[float, float],
    net: tuple[float, float],
    choice: PackChoice,
    budget: float | None,
    language: Lang,
) -> str:
    """The pack's net first-year cost; the gross only when a subsidy lowers it, the budget only when given."""
    en = language == "en"
    total = money_range(*gross, language)
    if net != gross:
        total = (
            f"{total}, after subsidies {money_range(*net, language)}"
            if en
            else f"{total}，扣除补贴后约{money_range(*net, language)}"
        )
    fits = ""
    if budget is not None and choice.picks:
        upper = gross[1]  # the pack as costed: a contract the client named counts at their figure
        over = money(upper - budget, language)
        # Say what exceeds the budget and by how much: the upper end before subsidies, never "超出预算1万元"
        # (which reads as "over by 1万") — and the basic tier is what keeps it within.
        if choice.fits_budget and upper <= budget:
            fits = (
                f", within your budget of {money(budget, language)}"
                if en
                else f"，在预算{money(budget, language)}以内"
            )
        elif en:
            fits = f"; at the upper end {over} over your budget of {money(budget, language)}" + (
                " (a basic configuration keeps within it)" if choice.basic_tier else ""
            )
        else:
            fits = f"；按费用上限计超出预算约{over}（您的预算{money(budget, language)}）" + (
                "，选基础档可控制在预算内" if choice.basic_tier else ""
            )
    return f"Net first-year cost of the pack: {total}{fits}." if en else f"本方案首年净投入约{total}{fits}。"


def own_currency_line(
    foreign: str, gross: tuple[float, float], net: tuple[float, float], language: Lang
) -> str:
    """The pack's first year when the client priced a line in a currency we hold no rate for (review12 r12-47: an
    HK$800k rental was shown as our CNY 12,000–360,000): their figure as said, the yuan part beside it, never summed."""
    en = language == "en"
    rest = ""
    if gross[1] > 0:
        after = "" if net == gross else money_range(*net, language)
        if en:
            rest = f", plus CNY items of {money_range(*gross, language)}" + (
                f" ({after} after subsidies)" if after else ""
            )
        else:
            rest = f"，另加人民币部分约{money_range(*gross, language)}" + (
                f"（扣除补贴后约{after}）" if after else ""
            )
    if en:
        return (
            f"First-year cost of the pack: the {foreign} you named{rest}. I hold no exchange rate, so the two "
            "currencies are not added together; compare them at today's rate."
        )
    return (
        f"本方案首年投入：您说的{foreign}{rest}。我的资料中没有汇率，两种币种没有相加，请按当日汇率自行对照。"
    )


def budget_lines(
    choice: PackChoice,
    budget: float | None,
    language: Lang,
    other: str | None = None,
    said_fit: bool = False,
    costed: list[CostedSolution] | None = None,
    fixed: float = 0.0,
) -> list[str]:
    """The budget is first-year cash out before subsidies (§6): say whether the pack fits it, plainly.

    `other`: a budget in a currency we hold no rate for; kept as stated, the comparison left to the client.
    `said_fit`: the brief's net-cost line has said the pack fits, so a plain fit is not said again.
    `costed`: the pack as costed, so a contract the client named counts at their figure, not our range.
    `fixed`: the client's own contracts no solution of the pack buys (costing.PackCost.unplaced), in every sum.
    """
    en = language == "en"
    as_costed = {c.pick.solution.id: c.first_year for c in costed or []}

    def cost(solution: Solution) -> AmountRange:
        return as_costed.get(solution.id, solution.cost.first_year_cny)

    # The pack's first year, summed once: its solutions as costed and the client's own other contracts (`fixed`).
    lower = fixed + sum(cost(p.solution).min for p in choice.picks)
    upper = fixed + sum(cost(p.solution).max for p in choice.picks)
    lines: list[str] = []
    if budget is None and other and choice.picks:
        # No rate to compare with: the basic tiers are the safe start, the upper end may not fit (review12 r12-37).
        lines.append(
            f"Your budget is {other}. I hold no exchange rate, so I have not converted it. Start with the basic "
            f"tier of each solution (about CNY {lower:,.0f} together in the first year); the upper end, "
            f"CNY {upper:,.0f}, may exceed your budget: compare both at today's rate before signing."
            if en
            else f"您的预算是{other}。我的资料中没有汇率，没有换算。建议先选各方案的基础档（首年合计约"
            f"{money(lower, language)}）；按上限配置首年约{money(upper, language)}，可能超出您的预算："
            "签约前请按当日汇率自行对照。"
        )
    stated = next((c.client_figure for c in costed or [] if c.client_figure), None)
    if budget is not None and stated is not None and not choice.fits_budget:
        # The client's own contract leaves no cheaper tier to suggest: say the two figures disagree.
        lines.append(
            f"At the figure you gave for {SPEND_LABELS[stated.kind][1]} the pack costs up to CNY {upper:,.0f} in "
            f"the first year, CNY {upper - budget:,.0f} over your budget of CNY {budget:,.0f}: check which "
            "of the two figures holds before signing."
            if en
            else f"按您说的{SPEND_LABELS[stated.kind][0]}金额计，本方案首年最多约{money(upper, language)}，超出您的预算"
            f"{money(budget, language)}约{money(upper - budget, language)}：签约前请先确认预算和合同金额以哪个为准。"
        )
    elif budget is not None and len(choice.picks) > 1 and (choice.basic_tier or not choice.fits_budget):
        lines.append(_needs_over_budget(budget, language, lower, upper))
    elif budget is not None and not choice.fits_budget and choice.picks:
        start = choice.picks[0].solution
        upper = cost(start).max
        lines.append(
            f"Nothing useful fits your budget of CNY {budget:,.0f} at the upper end of its cost range: the cheapest "
            f"useful start, {start.name_en}, can cost up to CNY {upper:,.0f} in the first year, "
            f"CNY {choice.gap:,.0f} over budget."
            if en
            else f"按费用上限计，预算{money(budget, language)}内放不下有用的方案：最便宜的起步方案“{start.name_zh}”首年最高约"
            f"{money(upper, language)}，超出预算{money(choice.gap, language)}。"
        )
    elif budget is not None and choice.basic_tier:
        start = choice.picks[0].solution
        start_cost = cost(start)
        lines.append(
            f"{start.name_en} is what answers your need; it costs {money_range(start_cost.min, start_cost.max, language)} in "
            f"the first year. Within your budget of CNY {budget:,.0f}, take a basic configuration and ask vendors "
            f"to quote within it; the full configuration would be CNY {choice.gap:,.0f} over budget."
            if en
            else f"最对应您需求的是“{start.name_zh}”，首年约{money_range(start_cost.min, start_cost.max, language)}：预算"
            f"{money(budget, language)}内请选基础档，并请服务商按预算报价；按上限配置会超出预算{money(choice.gap, language)}。"
        )
    elif budget is not None and choice.picks and not said_fit:
        lines.append(
            f"At the upper end of its range the pack costs CNY {upper:,.0f} in the first year, within your budget "
            f"of CNY {budget:,.0f} before any subsidy."
            if en
            else f"按费用上限计，本方案首年最多约{money(upper, language)}，在您的预算{money(budget, language)}以内（未计补贴）。"
        )
    if choice.later is not None:
        later = choice.later.solution
        span = money_range(later.cost.first_year_cny.min, later.cost.first_year_cny.max, language)
        lines.append(
            f"Later, outside this total: {later.name_en} (first year {span})."
            if en
            else f"以后可考虑（不计入本次合计）：{later.name_zh}（首年约{span}）。"
        )
    return lines


def _needs_over_budget(budget: float, language: Lang, lower: float, upper: float) -> str:
    """Each stated need keeps its solution: say what the pack costs against the budget, not a cheaper swap.
    Whether basic tiers fit is the arithmetic's own answer, the client's fixed contracts counted."""
    within = lower <= budget
    if language == "en":
        tier = (
            f"basic configurations of each total about CNY {lower:,.0f}, within it; ask vendors to quote within it"
            if within
            else f"even basic configurations total about CNY {lower:,.0f}, over it: start with the first need"
        )
        return (
            f"One solution per need you stated: at the upper end the pack costs CNY {upper:,.0f} in the first "
            f"year, CNY {upper - budget:,.0f} over your budget of CNY {budget:,.0f}; {tier}."
        )
    tier = (
        f"各项选基础档合计约{money(lower, language)}，在预算内，请服务商按预算报价"
        if within
        else f"即使都选基础档合计也约{money(lower, language)}，超出预算：可先做第一项"
    )
    return (
        f"您提到的每项需求各配一个方案：按费用上限计首年合计约{money(upper, language)}，超出预算"
        f"{money(upper - budget, language)}（您的预算{money(budget, language)}）；{tier}。"
    )
