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
from app.catalogue.render import cap_phrase, format_cny, format_ratio

if TYPE_CHECKING:
    from app.advisor.engine.costing import Subsidy

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


def _other_tiers(subsidy: Subsidy, partner: Subsidy) -> list[tuple[FundingProgram, StackTier]]:
    """The tiers not applied, when the client has not said which one they were rated at (杭州智能券: 30% or 10%);
    none once they have (review8 r8-03: "若按10%档" beside a stated 30% tier)."""
    for one in (subsidy, partner):
        program = one.assessment.program
        if program.benefit.stacking.tiers:
            if one.assessment.stated_tier is not None:
                return []
            return [(program, t) for t in program.benefit.stacking.tiers if abs(t.ratio - one.ratio) > 1e-9]
    return []


def product(subsidy: Subsidy) -> Reason:
    """The program's own sum on the matched purchase: "45万元 × 30% = 13.5万元", then every published cap that
    binds ("超过每年原则上100万元的上限…，最多100万元"). Never trimmed by a partner's share (§5)."""
    program = subsidy.assessment.program
    benefit = program.benefit
    base_zh, base_en = _money(subsidy.purchase.first_year)
    ratio = ratio_en = format_ratio(subsidy.ratio)
    most = most_en = ""
    if ratio_is_ceiling(program, subsidy.ratio):  # a ceiling is not the expected rate (§5)
        ratio, ratio_en, most, most_en = f"最高{ratio}", f"up to {ratio_en}", "最多", "at most "
    raw = subsidy.purchase.first_year.max * subsidy.ratio
    cap = benefit.expected_cap
    name, name_en = subsidy.purchase.name_zh, subsidy.purchase.name_en
    if subsidy.purchase.at_least:
        return _on_a_floor(subsidy, ratio, ratio_en, most, most_en)
    if cap is None or raw <= cap + 0.5:
        own = subsidy.own_amount
        amount_zh, amount_en = _money(own)
        cap_zh = f"，上限{cap_phrase(benefit)}（按公布口径）" if cap is not None else ""
        cap_en = f", cap {cap_phrase(benefit, 'en')} as published" if cap is not None else ""
        return Reason(
            f"{program.name}：{name} {base_zh} × {ratio} = {most}{amount_zh}{cap_zh}",
            f"{program.name_en}: {name_en} {base_en} × {ratio_en} = {most_en}{amount_en}{cap_en}",
        )
    # "500万 × 30% = 150万" is true but not the answer: say the product, then that the cap binds.
    raw_zh, raw_en = _money(AmountRange(min=raw, max=raw))
    capped_zh, capped_en = _money(subsidy.own_amount)
    return Reason(
        f"{program.name}：{name} {base_zh} × {ratio} = {most}{raw_zh}，超过上限{cap_phrase(benefit)}（按公布口径），"
        f"最多{capped_zh}",
        f"{program.name_en}: {name_en} {base_en} × {ratio_en} = {most_en}{raw_en}, above the published cap of "
        f"{cap_phrase(benefit, 'en')}, so at most {capped_en}",
    )


def _on_a_floor(subsidy: Subsidy, ratio: str, ratio_en: str, most: str, most_en: str) -> Reason:
    """A spend the client gives only as a floor ("每年肯定超过20万", "well over 300k a year"): the rate applies to the
    actual amount, so the floor is said as one and its product as what the floor alone gives, never as the
    amount or the most they can get."""
    program = subsidy.assessment.program
    benefit = program.benefit
    floor_zh, floor_en = _money(subsidy.purchase.first_year)
    least_zh, least_en = _money(subsidy.own_amount)
    cap = benefit.expected_cap
    cap_zh = f"，上限{cap_phrase(benefit)}（按公布口径）" if cap is not None else ""
    cap_en = f", cap {cap_phrase(benefit, 'en')} as published" if cap is not None else ""
    name, name_en = subsidy.purchase.name_zh, subsidy.purchase.name_en
    return Reason(
        f"{program.name}：{name}至少{floor_zh}，按实际金额 × {ratio}计{cap_zh}；仅按您说的下限{floor_zh}算为{most}"
        f"{least_zh}，实际金额更高则相应更多",
        f"{program.name_en}: {name_en} at least {floor_en}: the actual amount × {ratio_en}{cap_en}; on the "
        f"{floor_en} floor alone that is {most_en}{least_en}, more if you spend more",
    )


def combined_limit(subsidy: Subsidy, everything: list[Subsidy]) -> Reason | None:
    """Said apart from the product: the pair's published combined cap, and what it leaves this program
    ("…两项合计最多27万元，杭州算力券之外本项实际最多可再补4.5万元")."""
    partner = next((s for s in everything if s.purchase is subsidy.purchase and s is not subsidy), None)
    combined = subsidy.combined_cap
    if partner is None or combined is None:
        return None
    other = partner.assessment.program
    zh = f"与{other.name}叠加合计不超过{format_ratio(combined)}（所适用档位的叠加上限）"
    en = f"together with {other.name_en} at most {format_ratio(combined)} (the combined cap of the tier applied)"
    if subsidy.purchase.at_least:  # a floor: the pair's share of the actual spend, the floor's figure as such
        pair = _pair_share(subsidy, combined)
        return Reason(zh + pair.zh, en + pair.en)
    total_zh, total_en = _money(_times(subsidy, combined))
    zh += f"，两项合计最多{total_zh}"
    en += f", at most {total_en} for both"
    if subsidy.amount.max < subsidy.own_amount.max - 0.5:  # the pair's cap trims this one: say by how much
        left_zh, left_en = _money(subsidy.amount)
        zh += f"，{other.name}之外本项实际最多可再补{left_zh}"
        en += f"; beyond {other.name_en}, this one adds at most {left_en}"
    return Reason(zh, en)


def _times(subsidy: Subsidy, ratio: float) -> AmountRange:
    base = subsidy.purchase.first_year
    return AmountRange(min=base.min * ratio, max=base.max * ratio)


def _pair_share(subsidy: Subsidy, ratio: float) -> Reason:
    """What the pair's combined rate comes to on the purchase ("即27万元"); on a spend the client gives only as a
    floor ("每年算力支出至少20万") the rate applies to the actual spend, so the floor's product is said as that and
    never as the pair's total or cap (s19: "两项合计不超过60%即12万元" on a 20万 floor read as a 12万 ceiling)."""
    share_zh, share_en = _money(_times(subsidy, ratio))
    if not subsidy.purchase.at_least:
        return Reason(f"即{share_zh}", f", {share_en}")
    floor_zh, floor_en = _money(subsidy.purchase.first_year)
    return Reason(
        f"，按实际金额计（仅按您说的下限{floor_zh}算为{share_zh}，实际金额更高则相应更多）",
        f", of the actual amount (on your {floor_en} floor alone {share_en}, more if you spend more)",
    )


def unknown_tier_limits(subsidy: Subsidy) -> Reason | None:
    """What the pair could reach at each tier of a stackable partner whose tier the client has not stated
    ("杭州智能券的档位须经评定、您未说明，暂不单独算金额：若按30%档，两项合计不超过60%即27万元；…"); the partner gets no
    figure of its own until the tier is known (review6 c03)."""
    unknown = subsidy.partner_tier_unknown
    if unknown is None:
        return None
    ifs_zh, ifs_en = [], []
    for tier in unknown.benefit.stacking.tiers:
        pct, cap = format_ratio(tier.ratio), format_ratio(tier.combined_ratio_cap)
        # review9 r9-54: the pair's 30% at that tier is below the 50% this one pays alone
        if tier.combined_ratio_cap <= subsidy.ratio:
            alone = format_ratio(subsidy.ratio)
            ifs_zh.append(f"若按{pct}档，两项合计上限{cap}不高于本项单独的{alone}，该档下只申请本项即可")
            ifs_en.append(
                f"at its {pct} tier the pair's cap of {cap} is no more than the {alone} this one pays alone, "
                "so at that tier claim this one alone"
            )
            continue
        pair = _pair_share(subsidy, tier.combined_ratio_cap)
        ifs_zh.append(f"若按{pct}档，两项合计不超过{cap}{pair.zh}")
        ifs_en.append(f"at its {pct} tier the pair is capped at {cap}{pair.en}")
    return Reason(
        f"{unknown.name}的档位须经评定、您未说明，暂不单独算金额：" + "；".join(ifs_zh),
        f"{unknown.name_en}'s tier is awarded and you have not said which, so it gets no figure of its own: "
        + "; ".join(ifs_en),
    )


def arithmetic(subsidy: Subsidy, everything: list[Subsidy]) -> Reason:
    """The sum behind one subsidy, as a consultant writes it: base × rate = amount, then the cap and stacking."""
    program = subsidy.assessment.program
    own = product(subsidy)
    zh, en = own.zh, own.en
    most = "最多" if ratio_is_ceiling(program, subsidy.ratio) else ""
    combined = subsidy.combined_cap
    limit = combined_limit(subsidy, everything)
    if limit is not None:
        zh += "；" + limit.zh
        en += "; " + limit.en
        stacked = next(s for s in everything if s.purchase is subsidy.purchase and s is not subsidy)
        for tiered, tier in _other_tiers(subsidy, stacked):
            low = _pair_share(subsidy, tier.combined_ratio_cap)
            zh += (
                f"；若{tiered.name}按{format_ratio(tier.ratio)}档，"
                f"两项合计不超过{format_ratio(tier.combined_ratio_cap)}{low.zh}"
            )
            en += (
                f"; at {tiered.name_en}'s {format_ratio(tier.ratio)} tier the pair is capped at "
                f"{format_ratio(tier.combined_ratio_cap)}{low.en}"
            )
            alone = max(subsidy.ratio, stacked.ratio)
            if tier.combined_ratio_cap < alone:  # r8-03: that cap is below what one of them pays alone
                zh += f"，低于单独申请一项的{format_ratio(alone)}：该档下不叠加更划算"
                en += f", below the {format_ratio(alone)} one of them pays alone: at that tier, do not stack"
    tiers = unknown_tier_limits(subsidy)
    if tiers is not None:
        zh += "；" + tiers.zh
        en += "; " + tiers.en
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
    if subsidy.rate_note:
        zh += f"（{subsidy.rate_note.zh}）"
        en += f" ({subsidy.rate_note.en})"
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
        if (
            program.how_to_apply.mechanism is ApplicationMechanism.post_award
            and why_zh != "（事后奖补，须经审核）"
        ):
            # Paid after the award, never at purchase (§2): the owner pays the full price first.
            zh += "；事后奖补：先全额付款，审核或验收通过后才拨付"
            en += "; paid after the award: you pay in full first, the money comes after review or acceptance"
        if program.how_to_apply.mechanism is ApplicationMechanism.two_step_claim:
            zh += "；需先全额支付，结算后返还"
            en += "; paid in full first, paid back after settlement"
    return Reason(zh, en)
