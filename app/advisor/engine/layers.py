"""Rates by purchase layer (贵州上云券: 基础设施层 40%, 平台系统层和业务应用层 60%; advice_rules.md §5).

A program whose published rates go by what is bought pays each item at its own layer's rate. The item's kind
settles the layer where that kind is always in one (a SaaS subscription is 业务应用层), else the client's words
do ("租云主机", "上云ERP"). Where neither does, the layer is unknown: the answer gives every layer's rate and
what each covers, never silently the lower or the higher one (review7 rev7-16 and p10: a cloud ERP at 40%).
"""

from __future__ import annotations

from app.advisor.engine.arithmetic import ratio_is_ceiling
from app.advisor.engine.conditions import Reason
from app.advisor.engine.eligibility import Assessment
from app.catalogue.english import original
from app.catalogue.models import AmountRange, FundingProgram, SpecialRate
from app.catalogue.render import format_cny, format_ratio
from app.catalogue.taxonomy import SpendKind


def layers(program: FundingProgram) -> list[SpecialRate]:
    """The program's rates by purchase layer, lowest first; empty for a program with one rate for everything."""
    found = [r for r in program.benefit.special_rates if r.layer and r.ratio]
    return sorted(found, key=lambda r: r.ratio or 0.0)


def item_layer(assessment: Assessment, kind: SpendKind | None) -> SpecialRate | None:
    """The layer an item is in: by its kind, else by the client's words; None when neither says (or no layers)."""
    found = layers(assessment.program)
    by_kind = next((r for r in found if kind is not None and kind in r.kinds), None)
    if by_kind is not None:
        return by_kind
    return assessment.said_rate if assessment.said_rate in found else None


def layer_unknown(assessment: Assessment, kind: SpendKind | None = None) -> bool:
    """The program pays by layer and nothing settles which one this purchase (or the client's plan) is in."""
    return (
        bool(layers(assessment.program))
        and assessment.stated_tier is None
        and item_layer(assessment, kind) is None
    )


def settle(assessment: Assessment, kinds: set[SpendKind]) -> None:
    """The client's purchases this program pays for are all in one layer: that layer's rate is the program's."""
    program = assessment.program
    if not layers(program) or assessment.stated_tier is not None:
        return
    found = [item_layer(assessment, k) for k in kinds if k in program.eligibility.spend_scope]
    if not found:
        return
    assessment.layer_settled = True
    if found[0] is not None and all(layer is found[0] for layer in found):
        assessment.layer, assessment.ratio = found[0], found[0].ratio
    else:  # items in different or unknown layers: the lowest is the program's rate, every layer is said
        assessment.layer, assessment.ratio = None, layers(program)[0].ratio


def plan_layer(assessment: Assessment) -> SpecialRate | None:
    """The layer the client's plan is in: settled by their purchases or their words; None when unknown."""
    if assessment.layer_settled:
        return assessment.layer
    return assessment.said_rate if assessment.said_rate in layers(assessment.program) else None


def rates_by_layer(assessment: Assessment, en: bool = False) -> str | None:
    """Every layer's rate, for a program paying by layer when the client's plan does not settle which (the
    "能补多少" line, the verdict line); None otherwise: the one rate applies."""
    if not layers(assessment.program) or assessment.stated_tier is not None or plan_layer(assessment):
        return None
    return every_layer(assessment.program, en) + (
        "; your purchase's layer decides" if en else "，按所购云服务的层级确定"
    )


def _rate(program: FundingProgram, rate: SpecialRate, en: bool) -> str:
    ratio = rate.ratio or 0.0
    ceiling = ratio_is_ceiling(program, ratio)
    if en:
        return f"{rate.condition_en or original(rate.condition)}: {'up to ' * ceiling}{format_ratio(ratio)}"
    return f"{rate.condition}{'最高' if ceiling else '按'}{format_ratio(ratio)}"


def every_layer(program: FundingProgram, en: bool = False) -> str:
    """ "基础设施层云服务（…）最高40%，平台系统层、业务应用层云服务最高60%": each rate with what it pays for."""
    return ("; " if en else "，").join(_rate(program, r, en) for r in layers(program))


def layer_note(
    assessment: Assessment,
    kind: SpendKind | None,
    item: Reason | None = None,
    base: AmountRange | None = None,
) -> Reason | None:
    """Why this rate: the layer the item is in, or, when that is unknown, that the lowest layer's rate was used
    and what each higher layer would pay on the same `base` (the purchase's first-year amount, `item` its name)."""
    program = assessment.program
    found = layers(program)
    if not found or assessment.stated_tier is not None:
        return None
    layer = item_layer(assessment, kind)
    if layer is None:
        zh, en = (
            [f"层级未定，按{_rate(program, found[0], False)}计"],
            [f"layer not known, counted at {_rate(program, found[0], True)}"],
        )
        for other in found[1:]:
            zh.append(
                f"若属{_rate(program, other, False)}" + (f"，即最多{_upper(other, base)}" if base else "")
            )
            en.append(
                f"if it is {_rate(program, other, True)}"
                + (f", at most CNY {_upper_value(other, base):,.0f}" if base else "")
            )
        return Reason("；".join(zh), "; ".join(en))
    what_zh, what_en = (item.zh, item.en) if item is not None else ("您说的采购", "what you buy")
    return Reason(
        f"{what_zh}属{layer.condition}，按该层比例",
        f"{what_en} is {layer.condition_en or original(layer.condition)}, at that layer's rate",
    )


def _upper_value(rate: SpecialRate, base: AmountRange) -> float:
    amount = base.max * (rate.ratio or 0.0)
    return amount if rate.cap is None else min(amount, rate.cap)


def _upper(rate: SpecialRate, base: AmountRange) -> str:
    return format_cny(_upper_value(rate, base))
