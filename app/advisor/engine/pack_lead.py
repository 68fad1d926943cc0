"""One stated need (or none): the ranking's lead answers it, and what may join the lead.

Split from pack_choice.py (session 17), which decides which need gets which solution; this module holds the path of
one need, where the ranking of the whole message decides: its lead, the need's own answer when the lead is not
named for it, the variant made for the client's business, and the complementary picks a need-less question may get.
"""

from __future__ import annotations

from app.advisor.engine.pack_budget import for_client, priced_together, same_need_within
from app.advisor.engine.pack_picks import PackChoice, SolutionPick

USEFUL_SHARE = 0.5  # a pick scoring below half the best match does not answer the stated need
# Scores this close to the best are one need matched through different wording: which of them leads is
# decided by what does not depend on the wording (named in the owner's words, made for the business).
NEAR_TIE = 0.85


def _lead_first(useful: list[SolutionPick]) -> list[SolutionPick]:
    best = useful[0].score
    near = [p for p in useful if p.score >= NEAR_TIE * best]
    # Then by how many of the owner's words name each (`need_matches`), before the score: within a near tie the
    # score's order is the wording's noise ("想AI节能": a shop's HVAC control 0.37, the factory monitor 0.34).
    lead = max(
        near, key=lambda p: (p.named, p.worded, p.for_business, p.for_industry, p.need_matches, p.score)
    )
    # The owner's words name two solutions with the same catalogue words ("审合同": a contract reviewer and a
    # law firm's one): one need, and the variant made for the client's own business answers it.
    same_need = [p for p in useful if p.for_business and p.said & lead.said and not lead.for_business]
    lead = max(same_need, key=lambda p: p.score) if same_need else lead
    return [lead, *(p for p in useful if p is not lead)]


def _answers_need(pick: SolutionPick, worded: bool, fill: bool) -> bool:
    """Beyond the first pick, only solutions the client's own words call for (a pain point or keyword).

    `worded`: the best match itself is backed by the client's words. When it is not and no need is stated
    (`fill`: a funding question naming no problem, "试点的钱怎么拿？我们是模具厂"), solutions made for the
    client's industry may join it; a stated need gets no such filler (review4 c46: 验布 got 排产 and 预测性维护).
    Made for the industry means listed for a few sections only: a tool sold to five (数据资产入表, 短视频脚本,
    CRM) is a generic one, and joined every funding question of those trades (review6 c26, c27, c29, c30, c36).
    """
    made_for = pick.for_industry and len(pick.solution.industries) <= MADE_FOR_SECTIONS
    return pick.need_matches > 0 or (fill and not worded and made_for)


MADE_FOR_SECTIONS = 3  # a tool listed for more GB/T 4754 sections than this is generic, not made for one


def business_variant(pick: SolutionPick, named: list[SolutionPick]) -> bool:
    """`pick` is made for the client's business and the owner's words naming the first of `named` name it too:
    the same job, the variant for this business ("律所…审合同": the law firm's reviewer, not the generic one)."""
    return bool(named) and pick.for_business and bool(pick.said & named[0].said)


def one_need(
    ranked: list[SolutionPick], budget: float | None, size: int, answers: tuple[str, ...], fill: bool
) -> PackChoice:
    """One stated need (or none): the ranking of the whole message decides, as it weighs the owner's words,
    the nearest examples and the industry together; `answers`, what the need's words or nearest examples
    name, replaces a lead nothing names (验布: not an unnamed 排产 tool)."""
    choice = _best_match(ranked, budget, size, fill)
    lead = choice.picks[0] if choice.picks else None
    # The need's own words or nearest examples outweigh the whole message's likeness (its trade, its vote):
    # "想用AI做产品图上架速卖通" names a product-image tool, whatever the message as a whole sits near.
    found = [p for p in ranked if p.solution.id in answers]
    # Words the lead shares with what the need names choose nothing among them (大模型 of an API, an appliance and a
    # fine-tune alike): the need's nearest examples do, in their order ("想用开源大模型做设计辅助": the appliance that
    # runs an open-source model, not a paid API, review14 r14-05).
    alike = [p for p in found if lead is not None and lead.worded and lead.said and lead.said <= p.said]
    if alike and lead is not None and lead.solution.id not in answers:
        found = sorted(alike, key=lambda p: answers.index(p.solution.id))
    elif not found or (lead is not None and (lead.worded or lead.solution.id in answers)):
        return choice  # what the need names does not fit the client, or the owner's words name the lead
    if lead is not None and (business_variant(lead, found) or _trade_variant(lead, found)):
        return choice  # the variant of the named job made for the client's business ("律所…审合同", `_lead_first`)
    return priced_together([for_client_variant(found[0], ranked)], ranked, budget, [])


def _trade_variant(lead: SolutionPick, named: list[SolutionPick]) -> bool:
    """The ranking's lead is the named job's tool made for the client's trade alone (an online shop's bot for a Tmall
    store whose "replies to buyers" the generic chat bot's words name too): named by the need's examples, of the same
    kind, listed for the client's industry and for no other (`audience_only`)."""
    same_kind = bool(named) and lead.solution.category == named[0].solution.category
    return same_kind and lead.named and lead.for_industry and lead.solution.audience_only


def for_client_variant(pick: SolutionPick, ranked: list[SolutionPick]) -> SolutionPick:
    """The variant of a named solution's kind made for the client's industry: "写商品listing" names a
    real-estate listing writer by its keyword, and a product-listing tool of the same category answers it.
    Of a generic tool, the one made for the client's trade alone that the message names too (`_trade_variant`):
    a bookkeeping agency's "录凭证、对账" is the agencies' own tool's work, not the generic OCR and reconciliation
    tools' (s19: two generic tools for one agency tool, whose single-need path already chose it).

    A category is no job (`_variant_of`): a pet clinic's "病历整理" names the clinics' record tool, and an
    elderly-care fall monitor, healthcare for the pet clinic's GB/T section, answers nothing it asked."""
    trade = next((p for p in ranked if p is not pick and _trade_variant(p, [pick])), None)
    if trade is not None and not pick.solution.audience_only:
        return trade
    if for_client(pick):
        return pick
    return next((p for p in ranked if for_client(p) and _variant_of(p, pick)), pick)


def _variant_of(variant: SolutionPick, named: SolutionPick) -> bool:
    """Of the same kind, and the same job by the owner's words, or ranked above the named one by the whole
    message (its words, nearest examples and trade together): "老顾客回头率低…客户维护" for a beauty salon."""
    same_kind = variant.solution.category == named.solution.category
    return same_kind and (bool(variant.said & named.said) or variant.score > named.score)


def _best_match(ranked: list[SolutionPick], budget: float | None, size: int, fill: bool) -> PackChoice:
    """The best match leads; further picks only when the client's words call for them (never filler).

    When no variant of the leading need fits at its upper end but one starts within the budget, that one
    is recommended at a basic tier, with the gap to its full configuration; when none even starts within
    it, the cheapest useful start is returned with the gap. Never a cheaper answer to another question.
    """
    if not ranked:
        return PackChoice([])
    best = max(p.score for p in ranked)
    # A pick the message names as plainly as the best one ("质检和预测性维护": two worded needs) answers the
    # need whatever its score: the nearest-example vote may lift one of two named needs far above the other.
    worded_best = max(p.need_matches for p in ranked)
    useful = _lead_first(
        [p for p in ranked if p.score >= USEFUL_SHARE * best or 0 < worded_best <= p.need_matches]
    )
    if budget is not None:
        variant = same_need_within(useful[0], ranked, budget)
        useful = [variant, *(p for p in useful if p is not variant)]
    lead = useful[0].solution.category
    worded = useful[0].need_matches > 0
    useful = useful[:1] + [
        p for p in useful[1:] if p.solution.category == lead or _answers_need(p, worded, fill)
    ]
    main = [p for p in useful if p.solution.category == lead]
    first = useful[0].solution.cost.first_year_cny
    # The need's own solution keeps the lead at a basic tier when it starts within the budget: a cheaper
    # variant that fits whole (inference hosting for "训练模型") would answer another question.
    lead_starts = budget is not None and first.max > budget >= first.min
    if budget is not None and (lead_starts or all(p.solution.cost.first_year_cny.max > budget for p in main)):
        starts = [p for p in main if p.solution.cost.first_year_cny.min <= budget]
        starts = useful[:1] if lead_starts else starts
        if starts:
            start = max(starts, key=lambda p: (p.score, -p.solution.cost.first_year_cny.max))
            start.basic_tier = True
            next_step = next((p for p in useful if p.solution.category != start.solution.category), None)
            return PackChoice([start], next_step, gap=start.solution.cost.first_year_cny.max - budget)
        start = min(main, key=lambda p: (p.solution.cost.first_year_cny.max, -p.score))
        start.over_budget = True
        return PackChoice(
            [start], None, fits_budget=False, gap=start.solution.cost.first_year_cny.max - budget
        )
    chosen: list[SolutionPick] = []
    later: SolutionPick | None = None
    spent = 0.0
    for pick in useful:
        if any(c.solution.category == pick.solution.category or c.said & pick.said for c in chosen):
            continue  # complementary: never two variants of one thing, nor two tools the same words name
        cost = pick.solution.cost.first_year_cny.max
        if budget is not None and spent + cost > budget:
            if later is None and pick.solution.category != useful[0].solution.category:
                later = pick
            continue
        chosen.append(pick)
        spent += cost
        if len(chosen) == size:
            break
    return PackChoice(chosen, later)
