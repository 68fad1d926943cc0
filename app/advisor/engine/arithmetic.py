"""The arithmetic a consultant can check, written from a computed subsidy (advice_rules.md §5).

"base × rate = amount", then the published cap when it binds (never a running remainder), the combined cap of
the tier applied when two programs stack, and how the money arrives. A rate the text gives as a ceiling
("最高60%", "不超过30%") is written as one ("× 最高60% = 最多…"): the expected rate may be lower.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from app.advisor.engine.conditions import Reason
from app.catalogue.models import AmountRange, ApplicationMechanism, FundingProgram, StackTier
from app.catalogue.render import format_cny, format_ratio

if TYPE_CHECKING:
    from app.advisor.engine.costing import Subsidy

_CAP_PERIODS = {
    "per_year": ("每年", " a year"),
    "per_contract": ("每份合同", " per contract"),
    "per_project": ("每个项目", " per project"),
    "once": ("一次性", " once"),
}
_CEILING_BEFORE = r"(?:最高|不超过|不高于|至多|up to|at most)[^，。；;%\d]{0,14}"


def ratio_is_ceiling(program: FundingProgram, ratio: float) -> bool:
    """The text states this rate as a ceiling ("最高抵扣不超过60%", "按不超过合同金额的50%")."""
    pct = re.escape(f"{ratio * 100:g}%")
    text = f"{program.benefit.summary} {program.benefit.summary_en or ''}"
    return bool(re.search(_CEILING_BEFORE + pct + "|" + pct + "以内", text, re.I))


def _money(r: AmountRange) -> tuple[str, str]:
    if abs(r.max - r.min) < 0.5:
        return format_cny(r.max), f"CNY {r.max:,.0f}"
    return f"{format_cny(r.min)}–{format_cny(r.max)}", f"CNY {r.min:,.0f}–{r.max:,.0f}"


def _or_inf(cap: float | None) -> float:
    return float("inf") if cap is None else cap


def _other_tiers(subsidy: Subsidy, partner: Subsidy) -> list[tuple[FundingProgram, StackTier]]:
    """The tiers not applied, when the text does not say which one a firm gets (杭州智能券: 30% or 10%)."""
    for one in (subsidy, partner):
        program = one.assessment.program
        if program.benefit.stacking.tiers:
            return [(program, t) for t in program.benefit.stacking.tiers if abs(t.ratio - one.ratio) > 1e-9]
    return []


def arithmetic(subsidy: Subsidy, everything: list[Subsidy]) -> Reason:
    """The sum behind one subsidy, as a consultant writes it: base × rate = amount, then the cap and stacking."""
    program = subsidy.assessment.program
    base_zh, base_en = _money(subsidy.purchase.first_year)
    # The rate times the contract, as the text states it; a combined cap that trims it is said after.
    product = AmountRange(
        min=min(subsidy.purchase.first_year.min * subsidy.ratio, _or_inf(subsidy.cap)),
        max=min(subsidy.purchase.first_year.max * subsidy.ratio, _or_inf(subsidy.cap)),
    )
    amount_zh, amount_en = _money(product if subsidy.combined_cap is not None else subsidy.amount)
    ratio = ratio_en = format_ratio(subsidy.ratio)
    most = most_en = ""
    if ratio_is_ceiling(program, subsidy.ratio):  # a ceiling is not the expected rate (§5)
        ratio, ratio_en, most, most_en = f"最高{ratio}", f"up to {ratio}", "最多", "at most "
    cap = program.benefit.cap
    cap_zh = f"，上限{format_cny(cap)}（按公布口径）" if cap is not None else ""
    cap_en = f", cap CNY {cap:,.0f} as published" if cap is not None else ""
    zh = f"{program.name}：{subsidy.purchase.name_zh} {base_zh} × {ratio} = {most}{amount_zh}{cap_zh}"
    en = (
        f"{program.name_en}: {subsidy.purchase.name_en} {base_en} × {ratio_en} = {most_en}{amount_en}{cap_en}"
    )
    raw = subsidy.purchase.first_year.max * subsidy.ratio
    if cap is not None and raw > cap + 0.5:
        # "2000万 × 60% = 500万" is false as written: say the product, then that the cap binds.
        period_zh, period_en = _CAP_PERIODS.get(program.benefit.cap_period or "", ("", ""))
        raw_zh, raw_en = _money(AmountRange(min=raw, max=raw))
        zh = (
            f"{program.name}：{subsidy.purchase.name_zh} {base_zh} × {ratio} = {most}{raw_zh}，"
            f"超过{period_zh}上限{format_cny(cap)}（按公布口径），最多{amount_zh}"
        )
        en = (
            f"{program.name_en}: {subsidy.purchase.name_en} {base_en} × {ratio_en} = {most_en}{raw_en}, above the "
            f"published cap of CNY {cap:,.0f}{period_en}, so at most {amount_en}"
        )
    same_item = [s for s in everything if s.purchase is subsidy.purchase and s is not subsidy]
    combined = subsidy.combined_cap
    if same_item and combined is not None:
        other = same_item[0].assessment.program
        base = subsidy.purchase.first_year
        # The product above is the text's rate on the contract; what the pair may reach is the published
        # combined cap, said as such (never a remainder such as "30万 × 30% = 3万").
        total_zh, total_en = _money(AmountRange(min=base.min * combined, max=base.max * combined))
        zh += (
            f"；与{other.name}叠加合计不超过{format_ratio(combined)}（所适用档位的叠加上限），"
            f"两项合计最多{total_zh}"
        )
        en += (
            f"; together with {other.name_en} at most {format_ratio(combined)} (the combined cap of the tier "
            f"applied), at most {total_en} for both"
        )
        for tiered, tier in _other_tiers(subsidy, same_item[0]):
            low_zh, low_en = _money(
                AmountRange(min=base.min * tier.combined_ratio_cap, max=base.max * tier.combined_ratio_cap)
            )
            zh += (
                f"；若{tiered.name}按{format_ratio(tier.ratio)}档，"
                f"两项合计不超过{format_ratio(tier.combined_ratio_cap)}即{low_zh}"
            )
            en += (
                f"; at {tiered.name_en}'s {format_ratio(tier.ratio)} tier the pair is capped at "
                f"{format_ratio(tier.combined_ratio_cap)}, {low_en}"
            )
    partner = subsidy.stacking_adds_nothing
    if partner is not None and combined is not None:
        zh += (
            f"；与{partner.name}叠加合计不超过{format_ratio(combined)}（所适用档位的叠加上限），本项单独已达到，"
            "叠加不再增加金额"
        )
        en += (
            f"; stacked with {partner.name_en} the pair is capped at {format_ratio(combined)} at the tier applied, "
            "which this one already reaches alone: stacking adds nothing"
        )
    if subsidy.assessment.rate_note:
        zh += f"（{subsidy.assessment.rate_note.zh}）"
        en += f" ({subsidy.assessment.rate_note.en})"
    if subsidy.in_net:
        if program.how_to_apply.mechanism is ApplicationMechanism.two_step_claim:
            zh += "；需先全额支付，结算后返还"
            en += "; paid in full first, paid back after settlement"
    else:
        unknown = [c.reason for c in subsidy.assessment.conditions if c.status == "unknown"][:2]
        if unknown:
            why_zh, why_en = (
                "，前提：" + "；".join(r.zh for r in unknown),
                " — only if: " + "; ".join(r.en for r in unknown),
            )
        elif most:  # eligible, but the rate is only a ceiling: the issuer sets the actual one
            why_zh, why_en = (
                "（比例为上限，实际比例以审核核定为准）",
                " (the rate is a ceiling; review sets the actual one)",
            )
        else:
            why_zh, why_en = "（事后奖补，须经审核）", " (post-award, after review)"
        zh += "；最多可能获得，不计入净成本" + why_zh
        en += "; up to, not counted in net cost" + why_en
        if program.how_to_apply.mechanism is ApplicationMechanism.two_step_claim:
            zh += "；需先全额支付，结算后返还"
            en += "; paid in full first, paid back after settlement"
    return Reason(zh, en)
