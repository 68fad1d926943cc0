"""Net first-year cost of the pack after the eligible programs, with the arithmetic.

Rules, in order:
- a program discounts a solution only if its spend scope overlaps what the solution buys;
- the best eligible program per solution is used; a second one only where the
  catalogue says they stack, and then within the combined ratio cap;
- a per-year or total cap is shared across the whole pack, a per-project cap is not;
- programs with no published ratio discount nothing (we never guess a rate).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.advisor.engine.eligibility import Assessment, Reason, Verdict, refine_rate
from app.advisor.engine.recommend import SolutionPick
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import AmountRange
from app.catalogue.render import format_cny, format_ratio

_SHARED_CAP_PERIODS = {None, "per_year", "total", "once"}


@dataclass
class Discount:
    program_id: str
    ratio: float
    amount: AmountRange
    arithmetic: Reason


@dataclass
class CostedSolution:
    pick: SolutionPick
    first_year: AmountRange
    discounts: list[Discount] = field(default_factory=list)

    @property
    def net(self) -> AmountRange:
        saved_min = sum(d.amount.min for d in self.discounts)
        saved_max = sum(d.amount.max for d in self.discounts)
        # The cheapest configuration gets the smallest discount, and vice versa.
        return AmountRange(
            min=max(0.0, self.first_year.min - saved_min), max=max(0.0, self.first_year.max - saved_max)
        )


def _applicable(pick: SolutionPick, assessments: list[Assessment]) -> list[Assessment]:
    kinds = set(pick.solution.spend_kinds)
    usable = [
        a
        for a in assessments
        if a.verdict is Verdict.eligible
        and a.ratio is not None
        and a.program.benefit.currency == "CNY"
        and kinds & set(a.program.eligibility.spend_scope)
    ]
    return sorted(usable, key=lambda a: (-(a.ratio or 0), a.program.id))


def cost_pack(
    picks: list[SolutionPick], assessments: list[Assessment], profile: CompanyProfile
) -> list[CostedSolution]:
    # Automatic special rates (e.g. Hangzhou's SME rate up to 50万 of contracts) depend on the pack's spend.
    for assessment in assessments:
        spend = sum(
            p.solution.cost.first_year_cny.max
            for p in picks
            if set(p.solution.spend_kinds) & set(assessment.program.eligibility.spend_scope)
        )
        if spend:
            refine_rate(assessment, profile, spend)
    remaining: dict[str, float | None] = {a.program.id: a.program.benefit.cap for a in assessments}
    costed: list[CostedSolution] = []
    for pick in picks:
        item = CostedSolution(pick, pick.solution.cost.first_year_cny)
        usable = _applicable(pick, assessments)
        if usable:
            best = usable[0]
            partners = [a for a in usable[1:] if a.program.id in best.program.benefit.stacking.stackable_with]
            for assessment in [best, *partners[:1]]:
                item.discounts.append(_discount(item, assessment, best, partners, remaining))
        costed.append(item)
    return costed


def _discount(
    item: CostedSolution,
    assessment: Assessment,
    best: Assessment,
    partners: list[Assessment],
    remaining: dict[str, float | None],
) -> Discount:
    program = assessment.program
    ratio = assessment.ratio or 0.0
    combined_cap = best.program.benefit.stacking.combined_ratio_cap
    if assessment is not best and combined_cap is not None:
        ratio = max(0.0, min(ratio, combined_cap - (best.ratio or 0.0)))
    cap = remaining.get(program.id)
    low, high = item.first_year.min * ratio, item.first_year.max * ratio
    if cap is not None:
        low, high = min(low, cap), min(high, cap)
        if program.benefit.cap_period in _SHARED_CAP_PERIODS:
            remaining[program.id] = max(0.0, cap - high)
    cost = f"{format_cny(item.first_year.min)}–{format_cny(item.first_year.max)}"
    cap_zh = f"，上限{format_cny(cap)}" if cap is not None else ""
    cap_en = f", cap CNY {cap:,.0f}" if cap is not None else ""
    stacked = ""
    if partners and combined_cap is not None:
        stacked = f"；与{partners[0].program.name if assessment is best else best.program.name}叠加合计不超过{format_ratio(combined_cap)}"
    zh = f"{program.name}：{cost} × {format_ratio(ratio)} = {format_cny(low)}–{format_cny(high)}{cap_zh}{stacked}"
    en = f"{program.name_en}: CNY {item.first_year.min:,.0f}–{item.first_year.max:,.0f} × {format_ratio(ratio)} = CNY {low:,.0f}–{high:,.0f}{cap_en}"
    if assessment.rate_note:
        zh += f"（{assessment.rate_note.zh}）"
        en += f" ({assessment.rate_note.en})"
    return Discount(program.id, ratio, AmountRange(min=low, max=high), Reason(zh, en))
