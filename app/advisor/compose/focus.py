"""The first line of a funding answer answers the question that was asked.

"这些补贴能叠加吗" gets yes or no for the programs shown, with the combined cap the catalogue states;
"能补多少" gets the rate and the cap ("还来得及吗" is answered by the engine's date notes). Everything
comes from the engine's assessments and the catalogue entries behind them; nothing is estimated here.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import combinations
from typing import Literal

from app.advisor.compose.funding import short_name
from app.advisor.contract import Lang
from app.advisor.engine.arithmetic import combined_limit, product, ratio_is_ceiling, unknown_tier_limits
from app.advisor.engine.costing import Subsidy, tier_unknown
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.understand.gazetteer import Place, RegionGazetteer
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.program_question import AMOUNT, DEADLINE, STACKING
from app.catalogue.english import original
from app.catalogue.render import cap_phrase, format_ratio
from app.text.normalize import normalize

Asked = Literal["stacking", "amount", "deadline"]
# "比例是多少" asks for the rate: answered like "能补多少" (the rate and the cap, or that the sources lack them).
_RATE = re.compile(
    r"比例是多少|比例多少|什么比例|补贴比例|补助比例|补几成|百分之几|"
    r"what(?:'s| is)? the (?:rate|percentage|ratio)|what percent",
    re.I,
)


def asked(question: str) -> Asked | None:
    text = normalize(question)
    if STACKING.search(text):
        return "stacking"
    if DEADLINE.search(text):
        return "deadline"
    if AMOUNT.search(text) or _RATE.search(text):
        return "amount"
    return None


def _stacking(programs: list[Assessment], language: Lang) -> str:
    """advice_rules §5: the same spend is not claimed twice at the same level unless the text allows it.

    So a pair the catalogue does not combine is told apart by what it pays for and who issues it: programs
    paying for different purchases are claimed each on its own spend; the same spend at one level is one
    claim; the same spend at different levels is a question for the issuers, never a confident no.
    """
    en = language == "en"
    # Only programs that may apply are worth pairing (review4 c05, c49: six pairs, ineligible ones among
    # them); three programs make at most three pairs. The ❌ lines below say why the others do not apply.
    # The programs the client asked about first ("苏州的试点和省里的能一起拿吗").
    useful = [a for a in programs if a.verdict is not Verdict.ineligible or a.asked]
    shown = sorted(useful, key=lambda a: not a.asked)[:3]
    full = {a.program.id: a.program.name_en if en else a.program.name for a in shown}
    shorts = Counter(short_name(n) for n in full.values())

    def name(a: Assessment) -> str:
        """The short name, or the full one where two programs share it (review5 c25: 成都市算力券与成都市算力券)."""
        short = short_name(full[a.program.id])
        return short if shorts[short] == 1 else full[a.program.id]

    if len(shown) < 2:
        only = name(shown[0]) if shown else None
        if en:
            return "Can they be stacked? " + (
                f"Only {only} may apply to you, so there is nothing to stack."
                if only
                else "None of these programs applies to you, so there is nothing to stack."
            )
        return "能否叠加：" + (
            f"可能适用的只有{only}一项，谈不上叠加。" if only else "这些补贴对您都不适用，谈不上叠加。"
        )

    combined, separate, one_claim, ask_issuer = [], [], [], []
    for a, b in combinations(shown, 2):
        rule_a, rule_b = a.program.benefit.stacking, b.program.benefit.stacking
        if a.program.stacks_with(b.program):
            # The cap of the tier the engine applies, the same figure the arithmetic uses in every turn.
            tiered = a if rule_a.tiers else b
            cap = tiered.program.benefit.stacking.combined_cap(tiered.ratio)
            combined.append((a, b, cap or rule_a.combined_ratio_cap or rule_b.combined_ratio_cap))
        elif not set(a.program.eligibility.spend_scope) & set(b.program.eligibility.spend_scope):
            separate.append((a, b))
        elif a.program.scope_level == b.program.scope_level:
            one_claim.append((a, b))
        else:
            ask_issuer.append((a, b))
    notes = [a.program.benefit.stacking.note for a in shown if a.program.benefit.stacking.note]

    def together(pairs: list[tuple[Assessment, Assessment]]) -> str:
        """Pairs in one relation, each program named once: "A、B、C" when every pair of them is in it."""
        names = list(dict.fromkeys(name(x) for pair in pairs for x in pair))
        if len(pairs) == len(names) * (len(names) - 1) // 2 and len(names) > 2:
            return (", " if en else "、").join(names[:-1]) + (f" and {names[-1]}" if en else f"、{names[-1]}")
        return (
            (" and " if en else "与").join(names)
            if len(pairs) == 1
            else ("; " if en else "；").join(
                f"{name(a)} and {name(b)}" if en else f"{name(a)}与{name(b)}" for a, b in pairs
            )
        )

    if en:
        parts = [
            f"{name(a)} and {name(b)} can be combined"
            + (f", together at most {format_ratio(cap)} of the cost" if cap else "")
            for a, b, cap in combined
        ]
        parts += [f"{together(separate)} pay for different purchases, each claimed on its own spend"] * bool(
            separate
        )
        parts += [
            f"{together(one_claim)}: one claim per expense (the catalogue does not say they combine)"
        ] * bool(one_claim)
        parts += [
            f"{together(ask_issuer)} come from different levels of government; the catalogue does not say "
            "whether they combine, so ask the issuers"
        ] * bool(ask_issuer)
        head = "Can they be stacked? " + (
            "Yes, in part: " if combined else "Not on the same expense: " if one_claim or ask_issuer else ""
        )
        rules = [a.program.benefit.stacking for a in shown]
        notes_en = [rule.note_en or original(rule.note) for rule in rules if rule.note]
        return (
            head
            + "; ".join(parts)
            + "."
            + (f" The catalogue adds: {'; '.join(notes_en)}." if notes_en else "")
        )
    parts = [
        f"{name(a)}与{name(b)}可以叠加" + (f"，合计不超过费用的{format_ratio(cap)}" if cap else "")
        for a, b, cap in combined
    ]
    parts += [f"{together(separate)}支付的是不同采购，可各按自己的支出申请"] * bool(separate)
    parts += [f"{together(one_claim)}：同一笔支出只能申请其中一项（目录未写明可以叠加）"] * bool(one_claim)
    parts += [f"{together(ask_issuer)}分属不同层级，目录未写明能否叠加，请向发文单位确认"] * bool(ask_issuer)
    head = "能否叠加：" + (
        "部分可以。" if combined else "不能重复申领同一笔支出。" if one_claim or ask_issuer else ""
    )
    return head + "；".join(parts) + "。" + (f"（原文说明：{'；'.join(notes)}）" if notes else "")


def _amount(programs: list[Assessment], language: Lang) -> str:
    # An ended or excluded program's rate is no answer to "how much" (its ❌ line says why).
    open_ = [a for a in programs if a.verdict is not Verdict.ineligible]
    if not open_:
        return (
            "How much: none of the programs shown applies to you now; the reasons are below."
            if language == "en"
            else "能补多少：下列补贴目前都用不上，原因见下。"
        )
    lines = []
    for a in open_[:3]:
        benefit = a.program.benefit
        name = a.program.name_en if language == "en" else a.program.name
        ratio = f"{format_ratio(a.ratio)}" if a.ratio else None
        ceiling = a.ratio is not None and ratio_is_ceiling(a.program, a.ratio)
        cap = cap_phrase(benefit, language) if benefit.cap else None
        # No ratio and no cap in the catalogue: say the sources lack them, never a figure from elsewhere (§7).
        if language == "en" and a.selection_only:
            bits = [f"up to {ratio}" if ratio else "", f"capped at {cap}" if cap else ""]
            published = f"; if selected, {', '.join(b for b in bits if b)} as published" if any(bits) else ""
            lines.append(
                f"{name}: paid only if your project is selected{published}; most applicants are not, "
                "and it is not counted in net cost"
            )
        elif language == "en" and tier_unknown(a):
            tiers = " or ".join(format_ratio(t.ratio) for t in benefit.stacking.tiers)
            lines.append(f"{name}: paid by an awarded tier ({tiers}); yours is not known, so no figure yet")
        elif language == "en":
            bits = [f"rate {'up to ' * ceiling}{ratio}" if ratio else "", f"capped at {cap}" if cap else ""]
            lines.append(
                f"{name}: "
                + (
                    ", ".join(b for b in bits if b)
                    # a loan-interest program publishes points, not a ratio ("1.5 points of interest for 2 years")
                    or (
                        benefit.interest_points
                        and f"as published, {benefit.per_firm_en or benefit.summary_en}"
                    )
                    or "the rate and the cap are not in my sources (not published in the text I hold); "
                    "ask the issuing authority"
                )
            )
        elif tier_unknown(a):  # 杭州智能券: 30% or 10% by an awarded tier the client has not stated
            tiers = "或".join(format_ratio(t.ratio) for t in benefit.stacking.tiers)
            lines.append(f"{name}：按评定档位补贴（{tiers}），您的档位未知，暂不算金额")
        elif a.selection_only:  # an award or a pilot: nothing unless selected, whatever the rate (§2)
            bits = [f"最高{ratio}" if ratio else "", f"上限{cap}" if cap else ""]
            published = f"，入选后按公布口径{'、'.join(b for b in bits if b)}" if any(bits) else ""
            lines.append(f"{name}：须申报并经评审入选才有{published}，多数申报者拿不到，不计入净成本")
        else:
            bits = [
                (f"最高{ratio}" if ceiling else f"按{ratio}补贴") if ratio else "",
                f"上限{cap}" if cap else "",
            ]
            lines.append(
                f"{name}："
                + (
                    "，".join(b for b in bits if b)
                    or (benefit.interest_points and f"按公布口径{benefit.per_firm or benefit.summary}")
                    or "补贴比例和上限不在我的资料中（所读原文未公开），请向发文单位确认"
                )
            )
    head = "How much: " if language == "en" else "能补多少："
    return head + ("; " if language == "en" else "；").join(lines) + ("." if language == "en" else "。")


def _figures(subsidies: list[Subsidy], language: Lang) -> str:
    """The money on the contracts the client named: each program's own product and cap, then, apart, a combined
    cap that limits the pair ("叠加合计不超过60%…两项合计最多27万元，…之外本项实际最多可再补4.5万元"), never a remainder
    printed as a product (§5)."""
    en = language == "en"
    lines = []
    for s in subsidies:
        own = product(s)
        line = own.en if en else own.zh
        # The pair's combined cap is said once, on its last line, with what is left for that program.
        last = [o for o in subsidies if o.purchase is s.purchase][-1]
        limit = combined_limit(s, subsidies) if s is last else None
        if limit is not None:
            line += f"; {limit.en}" if en else f"；{limit.zh}"
        if (tiers := unknown_tier_limits(s)) is not None:
            line += f"; {tiers.en}" if en else f"；{tiers.zh}"
        if not s.in_net:
            line += " (at most, to be confirmed)" if en else "（最多，待确认）"
        lines.append(line)
    head = "On the amounts you named: " if en else "按您提到的金额："
    return head + ("; " if en else "。").join(lines) + ("." if en else "。")


def focus_line(
    question: str,
    programs: list[Assessment],
    today: date,
    language: Lang,
    subsidies: list[Subsidy] | None = None,
) -> str | None:
    """The direct answer to a stacking, amount or deadline question, or None for other questions.

    `subsidies`: computed on the contracts the client named; "给个准数" is answered with their figures
    before the published rates.
    """
    kind = asked(question)
    if kind is None or not programs:
        return None
    # Only the client's own figures are "the amounts you named": a catalogue range of a pack item is not one.
    subsidies = [s for s in subsidies or [] if s.purchase.stated]
    if kind == "stacking":
        return _stacking(programs, language)
    if kind == "amount" and subsidies:
        return _figures(subsidies, language) + "\n" + _amount(programs, language)
    if kind == "amount":
        return _amount(programs, language)
    return None  # deadlines: the engine's date notes lead the answer (date and days left)


def _place_name(profile: CompanyProfile, places: RegionGazetteer, language: Lang) -> str:
    label = profile.region_label() or ("region unknown" if language == "en" else "地区未知")
    if language == "en" and profile.province:
        return places.english_label(Place(profile.province, profile.city)) or label
    return label


def what_changed(
    saved: CompanyProfile,
    asked_about: CompanyProfile,
    before: list[Assessment],
    after: list[Assessment],
    places: RegionGazetteer,
    language: Lang,
) -> str:
    """ "那苏州呢": the same pack for the other place, what differs in funding, and that nothing was saved."""
    old, new = _place_name(saved, places, language), _place_name(asked_about, places, language)
    en = language == "en"

    def count(programs: list[Assessment], verdict: Verdict) -> int:
        return sum(a.verdict == verdict for a in programs)

    def eligible(programs: list[Assessment]) -> dict[str, str]:
        return {
            a.program.id: a.program.name_en if en else a.program.name
            for a in programs
            if a.verdict == Verdict.eligible
        }

    was, now = eligible(before), eligible(after)
    gained = [name for pid, name in now.items() if pid not in was]
    lost = [name for pid, name in was.items() if pid not in now]
    ok, unsure = Verdict.eligible, Verdict.unknown
    if en:
        text = (
            f"For {new} instead of {old}: the same pack; programs likely to apply: {count(before, ok)} in {old}, "
            f"{count(after, ok)} in {new} (to confirm: {count(before, unsure)} and {count(after, unsure)})."
        )
        if gained:
            text += f" New: {', '.join(gained)}."
        if lost:
            text += f" No longer applicable: {', '.join(lost)}."
        return text + f' Your saved profile still says {old}; tell me "we are in {new}" if you have moved.'
    text = (
        f"换成{new}（原为{old}）：方案不变；可申请的补贴：{old}{count(before, ok)}项，{new}{count(after, ok)}项"
        f"（待确认：{count(before, unsure)}项、{count(after, unsure)}项）。"
    )
    if gained:
        text += f"新增：{'、'.join(gained)}。"
    if lost:
        text += f"不再适用：{'、'.join(lost)}。"
    moved = asked_about.city or asked_about.province
    return text + f"您保存的企业资料仍是{old}，如已迁到{moved}，请告诉我“我们在{moved}”。"
