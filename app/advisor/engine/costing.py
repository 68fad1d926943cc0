"""Subsidies per purchase item and the pack's net first-year cost, with the arithmetic (advice_rules.md §2, §5).

- A program pays for an item only when the item's kind is in its spend scope.
- subsidy = min(ratio × the matched amount, the published cap); a cap shared over a year is applied to the
  program's total, and quoted as published, never as a running remainder.
- Only instant-deduction and claim programs with a stated ratio (not a ceiling such as "最高60%"), on an
  eligible verdict, reduce the net cost
  (a claim is "paid back after settlement"). Post-award programs, and programs whose conditions are still
  unknown, are shown as "up to", outside the net cost. Competitive and pilot-city programs get no amount.
- Two programs on one item only where the catalogue says they stack, within the combined cap of the tier
  actually applied. Discretionary rates (补早补小, 最高可放宽) are never used.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.advisor.engine.arithmetic import arithmetic, ratio_is_ceiling
from app.advisor.engine.conditions import Reason, Status
from app.advisor.engine.eligibility import Assessment, Verdict, refine_rate
from app.advisor.engine.layers import item_layer, layer_note, settle
from app.advisor.engine.pack_choice import PackChoice, SolutionPick
from app.advisor.engine.past_spend import this_years
from app.advisor.engine.purchases import Purchase, pack_purchases, pays_for, total
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.models import AmountRange, ApplicationMechanism, FundingProgram

IN_NET = {
    ApplicationMechanism.instant_deduction,
    ApplicationMechanism.vendor_deduction,
    ApplicationMechanism.two_step_claim,
}
_SHARED_CAP_PERIODS = {
    "per_year": ("每年", " a year"),
    "per_contract": ("每份合同", " per contract"),
    "per_project": ("每个项目", " per project"),
    "once": ("一次性", " once"),
}


@dataclass
class Subsidy:
    assessment: Assessment
    purchase: Purchase
    ratio: float
    amount: AmountRange
    in_net: bool  # reduces the net cost; otherwise an "up to" with its condition
    arithmetic: Reason = field(default_factory=lambda: Reason("", ""))
    combined_cap: float | None = None  # stacked on the same item: the pair's cap at the tier applied
    # A stackable partner that adds nothing at the tier applied (this one alone reaches the combined cap).
    stacking_adds_nothing: FundingProgram | None = None
    # A stackable partner whose rate depends on a tier the client has not stated (杭州智能券 30% or 10%): it
    # gets no figure of its own; this line says what the pair could reach at each tier (review6 c03).
    partner_tier_unknown: FundingProgram | None = None
    # Why this rate, when it is not the program's one rate: the tier the client stated, the purchase's layer
    # (贵州上云券: a SaaS subscription is 业务应用层, 60%), or every layer's rate when the layer is unknown.
    rate_note: Reason | None = None

    @property
    def program_id(self) -> str:
        return self.assessment.program.id

    @property
    def cap(self) -> float | None:
        return self.assessment.program.benefit.expected_cap

    @property
    def own_amount(self) -> AmountRange:
        """ratio × the matched amount within the program's own caps, before a stacked partner takes its share."""
        base, cap = self.purchase.first_year, self.cap
        low, high = base.min * self.ratio, base.max * self.ratio
        return (
            AmountRange(min=low, max=high)
            if cap is None
            else AmountRange(min=min(low, cap), max=min(high, cap))
        )


@dataclass
class CostedSolution:
    pick: SolutionPick
    first_year: AmountRange  # what its purchase items add up to, with the client's own figures in place
    subsidies: list[Subsidy] = field(default_factory=list)
    items: list[Purchase] = field(default_factory=list)

    @property
    def client_figure(self) -> Purchase | None:
        """The client's own contract this solution's cost is built on, if any."""
        return next((p for p in self.items if p.catalogue is not None), None)

    @property
    def discounts(self) -> list[Subsidy]:
        return [s for s in self.subsidies if s.in_net]

    @property
    def net(self) -> AmountRange:
        saved_min = sum(s.amount.min for s in self.discounts)
        saved_max = sum(s.amount.max for s in self.discounts)
        # The cheapest configuration gets the smallest discount, and vice versa.
        return AmountRange(
            min=max(0.0, self.first_year.min - saved_min), max=max(0.0, self.first_year.max - saved_max)
        )


@dataclass
class PackCost:
    solutions: list[CostedSolution]
    client: list[Subsidy]  # subsidies on contracts the client named
    # The client's contracts no solution of the pack buys ("数据集合同80万"): still what they buy this year, so
    # in the pack's total, the budget check and the net (review8 r8-12, r8-B2: left out of the total).
    unplaced: list[Purchase] = field(default_factory=list)

    @property
    def subsidies(self) -> list[Subsidy]:
        return [s for c in self.solutions for s in c.subsidies] + self.client

    @property
    def first_year(self) -> AmountRange:
        """Everything bought in the first year: the solutions and the client's own other contracts."""
        return total([*(p for c in self.solutions for p in c.items), *self.unplaced])

    @property
    def own_contracts(self) -> AmountRange:
        """The client's contracts no solution of the pack buys, summed (their figures: min == max)."""
        return total(self.unplaced)

    @property
    def net(self) -> AmountRange:
        saved = [s.amount for s in self.client if s.in_net]
        own = self.own_contracts
        return AmountRange(
            min=sum(c.net.min for c in self.solutions) + max(0.0, own.min - sum(a.min for a in saved)),
            max=sum(c.net.max for c in self.solutions) + max(0.0, own.max - sum(a.max for a in saved)),
        )


def tier_unknown(assessment: Assessment) -> bool:
    """The program pays by a tier it awards (杭州智能券 30% or 10%) and the client has not said which they got."""
    return bool(assessment.program.benefit.stacking.tiers) and assessment.stated_tier is None


def _payable(assessment: Assessment) -> bool:
    """Programs that can put a number on an item at all."""
    program = assessment.program
    return (
        assessment.verdict is not Verdict.ineligible
        and assessment.ratio is not None
        and program.benefit.currency == "CNY"
        and not assessment.selection_only
        and program.how_to_apply.mechanism is not ApplicationMechanism.tax_filing
        # A platform- or cluster-bound program gives no figure until the client says they buy there (§1).
        and all(c.status is Status.met for c in assessment.conditions if c.name == "venue")
    )


def _in_net(assessment: Assessment) -> bool:
    """Counted in the net cost: eligible, paid at the counter or by claim, at a rate the text states as such.

    A rate the text gives only as a ceiling ("最高抵扣不超过60%") is not the expected rate (§5): "up to".
    """
    program, ratio = assessment.program, assessment.ratio
    return (
        assessment.verdict is Verdict.eligible
        and program.how_to_apply.mechanism in IN_NET
        and not (ratio is not None and ratio_is_ceiling(program, ratio))
    )


def cost_pack(
    picks: list[SolutionPick],
    assessments: list[Assessment],
    profile: CompanyProfile,
    client: list[Purchase] | None = None,
) -> PackCost:
    # A pack item of a kind the client already names a contract for is that same spend: it is costed and
    # subsidised once, on the client's own figure (§5: the client's figures win), never on our range.
    per_pick, unplaced = pack_purchases([pick.solution for pick in picks], client or [])
    owned: list[tuple[SolutionPick | None, Purchase]] = [
        (pick, p) for pick, mine in zip(picks, per_pick, strict=True) for p in mine
    ]
    items = owned + [(None, p) for p in unplaced]
    payable = [a for a in assessments if _payable(a)]
    for assessment in payable:
        # Automatic special rates (e.g. Hangzhou's SME rate up to 50万 of contracts) depend on the matched spend.
        matched = [p for _, p in items if pays_for(assessment.program, p)]
        if spend := sum(p.first_year.max for p in matched):
            refine_rate(assessment, profile, spend, floor=any(p.at_least for p in matched))
        settle(assessment, {p.kind for _, p in items})  # a program paying by layer: the items' one layer
    subsidies: list[tuple[SolutionPick | None, Subsidy]] = []
    for pick, purchase in items:
        usable = sorted(
            (a for a in payable if pays_for(a.program, purchase)),
            key=lambda a: (not _in_net(a), -(a.ratio or 0.0), a.program.id),
        )
        if not usable or purchase.first_year.max <= 0:
            continue
        # A tier not yet known is no rate to compute with, unless it is the only program (then its line says so).
        known = [a for a in usable if not tier_unknown(a)]
        best = known[0] if known else usable[0]
        usable = [best, *(a for a in usable if a is not best)]
        first = _subsidy(best, purchase)
        subsidies.append((pick, first))
        partner = next((a for a in usable[1:] if best.program.stacks_with(a.program)), None)
        if partner is not None and tier_unknown(partner):
            first.partner_tier_unknown = partner.program
        elif partner is not None:
            second = _subsidy(partner, purchase)
            combined = _combined_cap(best, partner)
            if combined is not None:
                # The pair's cap is the published one of the tier applied; the partner's rate stays as
                # published (never a running remainder like 60% − 50%), its amount is what the cap leaves.
                room = AmountRange(
                    min=max(0.0, round(purchase.first_year.min * combined - first.amount.min, 2)),
                    max=max(0.0, round(purchase.first_year.max * combined - first.amount.max, 2)),
                )
                second.amount = AmountRange(
                    min=min(second.amount.min, room.min), max=min(second.amount.max, room.max)
                )
                first.combined_cap = second.combined_cap = combined
            if second.amount.max > 0:
                subsidies.append((pick, second))
            elif combined is not None:
                first.stacking_adds_nothing = partner.program  # the tier's combined cap is already reached
    _share_caps([s for _, s in subsidies])
    for _, subsidy in subsidies:
        subsidy.arithmetic = arithmetic(subsidy, [s for _, s in subsidies])
    costed = []
    for pick, bought in zip(picks, per_pick, strict=True):
        mine = [s for owner, s in subsidies if owner is pick]
        costed.append(CostedSolution(pick, total(bought), mine, bought))
    # a past year's spend (past_spend.py) is judged, never this year's cost
    return PackCost(costed, [s for owner, s in subsidies if owner is None], this_years(unplaced))


def fit_client_figures(choice: PackChoice, cost: PackCost, budget: float | None) -> PackChoice:
    """The budget check on the pack as costed: a solution costed on the client's own contract has no cheaper
    tier to take, and fits the budget or not at their figure (the choice was made on our ranges)."""
    if budget is None or (all(c.client_figure is None for c in cost.solutions) and not cost.unplaced):
        return choice
    for costed in cost.solutions:
        if costed.client_figure is not None:
            over = costed.first_year.max > budget
            costed.pick = replace(costed.pick, basic_tier=False, over_budget=over)
    lower, upper = cost.first_year.min, cost.first_year.max
    picks = [c.pick for c in cost.solutions]
    if lower > budget:
        # The client's own contracts already exceed the budget: no basic tier of ours brings the pack within it
        # (review8 end: "选基础档可控制在预算内" beside a fixed 20万 contract and a 2万 budget).
        for costed in cost.solutions:
            costed.pick = replace(costed.pick, basic_tier=False)
        picks = [c.pick for c in cost.solutions]
    return replace(choice, picks=picks, fits_budget=upper <= budget, gap=max(0.0, upper - budget))


def _subsidy(assessment: Assessment, purchase: Purchase) -> Subsidy:
    """The program on one item, at the rate of the item's layer where the program pays by layer."""
    layer = item_layer(assessment, purchase.kind) if assessment.stated_tier is None else None
    ratio = layer.ratio if layer is not None and layer.ratio else assessment.ratio
    in_net = _in_net(assessment) and purchase.year is None  # a past year's spend: "up to" (past_spend.py)
    subsidy = Subsidy(assessment, purchase, ratio or 0.0, AmountRange(min=0, max=0), in_net)
    subsidy.amount = subsidy.own_amount
    item = Reason(purchase.name_zh, purchase.name_en)
    subsidy.rate_note = (
        layer_note(assessment, purchase.kind, item, purchase.first_year) or assessment.rate_note
    )
    return subsidy


def _combined_cap(best: Assessment, partner: Assessment) -> float | None:
    """The combined cap of the tier actually applied: a tiered program's own tier decides (杭州智能券 30% → 60%)."""
    for one in (partner, best):
        rule = one.program.benefit.stacking
        if rule.tiers:
            return rule.combined_cap(one.ratio)
    return (
        best.program.benefit.stacking.combined_ratio_cap
        or partner.program.benefit.stacking.combined_ratio_cap
    )


def _share_caps(subsidies: list[Subsidy]) -> None:
    """A per-year or total cap limits the program's sum over all items: scale its items down to fit."""
    by_program: dict[str, list[Subsidy]] = {}
    for subsidy in subsidies:
        by_program.setdefault(subsidy.program_id, []).append(subsidy)
    for group in by_program.values():
        program = group[0].assessment.program
        cap = program.benefit.expected_cap
        if cap is None or program.benefit.cap_period not in _SHARED_CAP_PERIODS:
            continue
        for end in ("min", "max"):
            total = sum(getattr(s.amount, end) for s in group)
            if total > cap > 0:
                for s in group:
                    scaled = getattr(s.amount, end) * cap / total
                    s.amount = (
                        AmountRange(min=min(scaled, s.amount.max), max=s.amount.max)
                        if end == "min"
                        else AmountRange(min=min(s.amount.min, scaled), max=scaled)
                    )
