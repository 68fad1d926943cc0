"""A pack true to the budget (advice_rules.md §6): each stated need keeps its solution whatever the budget; a
variant of the same need that fits may replace one that does not, and what still does not fit is priced at a
basic tier or flagged over budget with the gap. Never a cheaper answer to another question.

pack_choice.py decides which solution answers which need; this module only prices what it chose.
"""

from __future__ import annotations

from app.advisor.engine.pack_picks import PackChoice, SolutionPick


def for_client(pick: SolutionPick) -> bool:
    """Made for the client's industry, or for any."""
    return pick.for_industry or not pick.solution.industries


def same_need_within(pick: SolutionPick, ranked: list[SolutionPick], budget: float) -> SolutionPick:
    """The variant of the same need that suits the budget best (review4 c06: an 8,000 budget got a 0.24–9万
    tool where a cheaper one of the same kind was named too).

    A variant is named by the owner too, with the same words (a product-image tool is no variant of a
    short-video one for "抖音短视频文案", review5 c18), is of the same category and is made for the client's
    industry or for any; never a cheaper answer to another question.
    """
    if pick.solution.cost.first_year_cny.max <= budget:
        return pick
    variants = [
        p
        for p in ranked
        if p is not pick
        and p.named
        and p.solution.category == pick.solution.category
        and pick.said <= p.said  # named by every word naming the pick: the same job, not only a shared word
        and for_client(p)
        and p.solution.cost.first_year_cny.min <= budget
    ]
    whole = [p for p in variants if p.solution.cost.first_year_cny.max <= budget]
    if whole:
        return max(whole, key=lambda p: p.score)
    cheaper = [
        p for p in variants if p.solution.cost.first_year_cny.max < pick.solution.cost.first_year_cny.max
    ]
    if pick.solution.cost.first_year_cny.min > budget or cheaper:
        return min([pick, *cheaper], key=lambda p: (p.solution.cost.first_year_cny.max, -p.score))
    return pick


def priced_together(
    picks: list[SolutionPick], ranked: list[SolutionPick], budget: float | None, unanswered: list[str]
) -> PackChoice:
    """Each stated need's solution, kept whatever the budget: a variant of the same need that fits may
    replace one that does not; what still does not fit is priced at a basic tier or flagged over budget."""
    for pick in picks:  # a tier judged for another pack does not carry over
        pick.basic_tier = pick.over_budget = False
    if budget is None:
        return PackChoice(picks, unanswered=unanswered)
    # One variant per need; two needs one solution answers (审合同、检索判例) keep it once. Another need's own
    # pick is no variant of this one: swapping to it would fold two needs into one purchase and leave this
    # need silently unanswered (a 温室 need replaced by the 虫情 need's pick at a larger budget, not a smaller).
    others = {id(p) for p in picks}
    kept: dict[int, SolutionPick] = {}
    for pick in picks:
        own = [r for r in ranked if r is pick or id(r) not in others]
        variant = same_need_within(pick, own, budget / len(picks))
        kept.setdefault(id(variant), variant)
    picks = list(kept.values())
    upper = sum(p.solution.cost.first_year_cny.max for p in picks)
    if upper <= budget:
        return PackChoice(picks, unanswered=unanswered)
    lower = sum(p.solution.cost.first_year_cny.min for p in picks)
    for pick in picks:
        cost = pick.solution.cost.first_year_cny
        pick.basic_tier = lower <= budget and cost.max > cost.min
        pick.over_budget = lower > budget and cost.min > 0
    return PackChoice(picks, fits_budget=lower <= budget, gap=upper - budget, unanswered=unanswered)
