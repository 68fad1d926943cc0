"""Deterministic answers built from the engine's decisions (offline composer).

Numbers, program names and verdicts come only from the catalogue and the
engine; nothing here invents a program, a ratio or a cap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.details import funding_details, solution_details
from app.advisor.compose.funding import apply_steps, funding_brief, next_steps, to_apply
from app.advisor.compose.wording import (
    DETAILS_HEADING,
    disclaimer,
    first_clause,
    money,
    money_range,
    pick,
    size_label,
    summary_line,
)
from app.advisor.contract import Lang
from app.advisor.engine.costing import CostedSolution, PackCost, Subsidy
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.pack_choice import PackChoice
from app.advisor.engine.programs import listed_programs
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.english import original, quoted
from app.catalogue.models import Solution
from app.catalogue.taxonomy import CATEGORY_LABELS, INDUSTRY_SECTIONS, SizeClass


@dataclass
class PackText:
    answer: str
    next_steps: list[str] = field(default_factory=list)
    arithmetic: list[str] = field(default_factory=list)
    solution_citations: dict[str, int] = field(default_factory=dict)


def profile_line(profile: CompanyProfile, language: Lang) -> str:
    if language == "en":
        bits = [
            profile.region_label_en() or "region unknown",
            INDUSTRY_SECTIONS[profile.industry][1]
            if profile.industry in INDUSTRY_SECTIONS
            else "industry unknown",
        ]
        if profile.employees is not None:
            bits.append(f"{profile.employees} employees")
        if profile.annual_revenue_cny is not None:
            bits.append(f"revenue CNY {profile.annual_revenue_cny:,.0f}")
        if profile.size_class:
            bits.append(f"{size_label(profile.size_class, language)} enterprise (MIIT thresholds)")
        return "Your profile: " + ", ".join(bits) + "."
    text = f"您的情况：{profile.summary_zh() or '信息还不完整'}。"
    if profile.size_class:
        text += f"规模判定：{profile.size_basis}。"
    return text


def no_fitting_solution(profile: CompanyProfile, language: Lang) -> str:
    if language == "en":
        advice = (
            "No solution in our catalogue fits this profile, so I won't force one. Try relaxing the budget or "
            "describing the problem you want AI to solve; a local digital-transformation provider can scope a custom project."
        )
    else:
        advice = "目录中没有适合该企业的方案，我不做勉强推荐。可以放宽预算、具体描述想用AI解决的问题，或咨询当地数字化转型服务商定制方案。"
    return profile_line(profile, language) + "\n\n" + advice


# How an owner opens a need ("想用AI帮忙做…"): cut when naming the need back to them.
_NEED_OPENING = re.compile(
    r"^(我们|也|还)?(想|希望|打算|准备|需要|要)?(让|用)?(ai|人工智能)?(帮忙|帮我们|来)?(做|搞|上|出)?\s*",
    re.I,
)


def unanswered_line(needs: list[str], language: Lang) -> str:
    """Say plainly which stated needs no catalogued solution answers (never filled with an unrelated one)."""
    named = [(_NEED_OPENING.sub("", n) or n).strip() for n in needs]
    if language == "en":
        return (
            f"No solution in our catalogue addresses {', '.join(f'“{n}”' for n in named)}; I won't fill the gap "
            "with an unrelated product. Ask a specialist vendor or a local digital-transformation provider to quote it."
        )
    return (
        f"目录中没有针对{'、'.join(f'“{n}”' for n in named)}的方案，我不拿不相关的产品凑数；"
        "这部分可请专门的软件厂商或当地数字化转型服务商单独报价。"
    )


def cost_basis(solution: Solution, language: Lang) -> str:
    basis = {
        "official_price": ("官方价格表", "official price list"),
        "vendor_quote": ("厂商报价", "vendor quotes"),
        "estimate": ("团队估算", "our estimate"),
    }[solution.cost.basis]
    if language == "en":
        note = solution.cost.note_en or (original(solution.cost.note) if solution.cost.note else "")
        return f"Cost basis: {basis[1]}." + (f" {note}" if note else "")
    return f"费用依据：{basis[0]}" + (f"（{solution.cost.note}）" if solution.cost.note else "") + "。"


def _solution_line(index: int, item: CostedSolution, n: int, language: Lang) -> str:
    solution = item.pick.solution
    net = item.net
    category = pick(CATEGORY_LABELS[solution.category], language)
    cost = money_range(item.first_year.min, item.first_year.max, language)
    after = money_range(net.min, net.max, language)
    why = item.pick.why[0].text(language) if item.pick.why else ""
    if language == "en":
        line = f"{index}. {solution.name_en} ({category}) — first year {cost}"
        line += f", after subsidies counted in net cost {after}" if item.discounts else ""
        line += f". {why}." + (" Over your budget." if item.pick.over_budget else "")
        line += " Basic tier within your budget." if item.pick.basic_tier else ""
    else:
        line = f"{index}. {solution.name_zh}（{category}）— 首年约{cost}"
        line += f"，扣除计入净成本的补贴后约{after}" if item.discounts else ""
        line += f"。{why}。" + ("（超出您的预算，供参考）" if item.pick.over_budget else "")
        line += "（预算内选基础档）" if item.pick.basic_tier else ""
    return f"{line} [{n}]"


def _brief_solution_line(index: int, item: CostedSolution, n: int, language: Lang) -> str:
    """Name, first-year cost and why, in one line (the category, basis and net figures are in the details)."""
    solution = item.pick.solution
    cost = money_range(item.first_year.min, item.first_year.max, language)
    why = item.pick.why[0].text(language) if item.pick.why else ""
    if language == "en":
        why = first_clause(why, language, 90)
        over = " (over your budget)" if item.pick.over_budget else ""
        return f"{index}. {solution.name_en} — first year {cost}{over}. {why}. [{n}]".replace(". .", ".")
    why = first_clause(why, language, 36)
    over = "（超出预算）" if item.pick.over_budget else ""
    return f"{index}. {solution.name_zh} — 首年约{cost}{over}：{why}。[{n}]"


def _net_line(
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
        upper = sum(p.solution.cost.first_year_cny.max for p in choice.picks)
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


def budget_lines(
    choice: PackChoice,
    budget: float | None,
    language: Lang,
    other: str | None = None,
    said_fit: bool = False,
) -> list[str]:
    """The budget is first-year cash out before subsidies (§6): say whether the pack fits it, plainly.

    `other`: a budget in a currency we hold no rate for; kept as stated, the comparison left to the client.
    `said_fit`: the brief's net-cost line has said the pack fits, so a plain fit is not said again.
    """
    en = language == "en"
    lines: list[str] = []
    if budget is None and other and choice.picks:
        upper = sum(p.solution.cost.first_year_cny.max for p in choice.picks)
        lines.append(
            f"Your budget is {other}. I hold no exchange rate, so I have not converted it: compare it yourself "
            f"with the pack's first-year upper bound of CNY {upper:,.0f} at today's rate (approximate)."
            if en
            else f"您的预算是{other}。我的资料中没有汇率，没有换算：请按当日汇率自行与本方案首年费用上限"
            f"{money(upper, language)}对照（只是近似比较）。"
        )
    if budget is not None and len(choice.picks) > 1 and (choice.basic_tier or not choice.fits_budget):
        lines.append(_needs_over_budget(choice, budget, language))
    elif budget is not None and not choice.fits_budget and choice.picks:
        start = choice.picks[0].solution
        upper = start.cost.first_year_cny.max
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
        cost = start.cost.first_year_cny
        lines.append(
            f"{start.name_en} is what answers your need; it costs {money_range(cost.min, cost.max, language)} in "
            f"the first year. Within your budget of CNY {budget:,.0f}, take a basic configuration and ask vendors "
            f"to quote within it; the full configuration would be CNY {choice.gap:,.0f} over budget."
            if en
            else f"最对应您需求的是“{start.name_zh}”，首年约{money_range(cost.min, cost.max, language)}：预算"
            f"{money(budget, language)}内请选基础档，并请服务商按预算报价；按上限配置会超出预算{money(choice.gap, language)}。"
        )
    elif budget is not None and choice.picks and not said_fit:
        upper = sum(p.solution.cost.first_year_cny.max for p in choice.picks)
        lines.append(
            f"At the upper end of its range the pack costs CNY {upper:,.0f} in the first year, within your budget "
            f"of CNY {budget:,.0f} before any subsidy."
            if en
            else f"按费用上限计，本方案首年最多约{money(upper, language)}，在您的预算{money(budget, language)}以内（未计补贴）。"
        )
    if choice.later is not None:
        later = choice.later.solution
        cost = later.cost.first_year_cny
        lines.append(
            f"Later, outside this total: {later.name_en} (first year {money_range(cost.min, cost.max, language)})."
            if en
            else f"以后可考虑（不计入本次合计）：{later.name_zh}（首年约{money_range(cost.min, cost.max, language)}）。"
        )
    return lines


def _needs_over_budget(choice: PackChoice, budget: float, language: Lang) -> str:
    """Each stated need keeps its solution: say what the pack costs against the budget, not a cheaper swap."""
    lower = sum(p.solution.cost.first_year_cny.min for p in choice.picks)
    upper = sum(p.solution.cost.first_year_cny.max for p in choice.picks)
    if language == "en":
        tier = (
            f"basic configurations of each total about CNY {lower:,.0f}, within it; ask vendors to quote within it"
            if choice.fits_budget
            else f"even basic configurations total about CNY {lower:,.0f}, over it: start with the first need"
        )
        return (
            f"One solution per need you stated: at the upper end the pack costs CNY {upper:,.0f} in the first "
            f"year, CNY {upper - budget:,.0f} over your budget of CNY {budget:,.0f}; {tier}."
        )
    tier = (
        f"各项选基础档合计约{money(lower, language)}，在预算内，请服务商按预算报价"
        if choice.fits_budget
        else f"即使都选基础档合计也约{money(lower, language)}，超出预算：可先做第一项"
    )
    return (
        f"您提到的每项需求各配一个方案：按费用上限计首年合计约{money(upper, language)}，超出预算"
        f"{money(upper - budget, language)}（您的预算{money(budget, language)}）；{tier}。"
    )


def subsidy_lines(subsidies: list[Subsidy], language: Lang) -> list[str]:
    """The arithmetic, written from the structured subsidies: what reduces the net cost, then what may come."""
    en = language == "en"
    lines: list[str] = []
    net = [s for s in subsidies if s.in_net]
    maybe = [s for s in subsidies if not s.in_net]
    if net:
        lines.append("How the subsidy was computed:" if en else "补贴计算：")
        lines += [f"- {s.arithmetic.text(language)}" for s in net]
    if maybe:
        lines.append("Possible, not counted in the net cost:" if en else "可能获得、未计入净成本：")
        lines += [f"- {s.arithmetic.text(language)}" for s in maybe]
    return lines


def pack_answer(
    profile: CompanyProfile,
    cost: PackCost,
    choice: PackChoice,
    programs: list[Assessment],
    book: CitationBook,
    language: Lang,
    policy_basis: tuple[str, int] | None,
    notes: list[str] | None = None,
) -> PackText:
    en = language == "en"
    out = PackText(answer="")
    costed = cost.solutions
    total_low = sum(c.first_year.min for c in costed)
    total_high = sum(c.first_year.max for c in costed)
    net_low = sum(c.net.min for c in costed)
    net_high = sum(c.net.max for c in costed)
    # The first line answers the question: what can be claimed, what comes back, what is left to pay.
    summary = summary_line(
        sum(1 for a in programs if a.verdict is Verdict.eligible),
        sum(1 for a in programs if a.verdict is Verdict.unknown and a.reached_through is None),
        ((total_low, total_high), (net_low, net_high)),
        profile.region_label_en() if en else profile.region_label(),
        language,
    )
    # The brief: what a phone shows before the details — each solution and program once, then the net cost.
    lines = [summary, "", *(notes or []), *([""] if notes else [])]
    lines.append("Recommended AI enablement pack:" if en else "建议的AI赋能包：")
    for index, item in enumerate(costed, start=1):
        n = book.cite_solution(item.pick.solution)
        out.solution_citations[item.pick.solution.id] = n
        lines.append(_brief_solution_line(index, item, n, language))
    # A blank line ends the numbered list, or Markdown reads the net cost as part of the last solution.
    net_line = _net_line((total_low, total_high), (net_low, net_high), choice, profile.budget_cny, language)
    lines += ["", net_line]
    lines += ["", *funding_brief(programs, book, language)]
    out.arithmetic = [s.arithmetic.text(language) for s in cost.subsidies]
    # The details add what the brief left out, naming nothing again: what each numbered solution does, the
    # budget beyond "within/over", the arithmetic, each listed program's other conditions and its steps.
    lines += ["", pick(DETAILS_HEADING, language), profile_line(profile, language), ""]
    lines.append("What each solution does:" if en else "方案说明：")
    lines += [solution_details(index, item, language) for index, item in enumerate(costed, start=1)]
    lines += budget_lines(choice, profile.budget_cny, language, profile.budget_other, said_fit=True)
    if profile.size_class == SizeClass.large:
        lines.append(
            "For a large enterprise these figures are for a pilot at one site or department; "
            "ask vendors to quote a group-wide rollout."
            if en
            else "大型企业：以上费用按单个门店、工厂或部门试点估算，全面推广需另行询价。"
        )
    lines += subsidy_lines(cost.subsidies, language)
    applying = to_apply(costed, programs)
    if conditions := funding_details(programs, applying, book, language):
        lines += ["", *conditions]
    out.next_steps = next_steps(costed, programs, language)
    listed = listed_programs(programs)
    unlisted = [apply_steps(a, language) for a in applying if all(a is not b for b in listed)]
    steps = [out.next_steps[0], *unlisted, out.next_steps[-1]]
    lines += ["", "Next steps:" if en else "下一步："]
    lines += [f"{i}. {s}" for i, s in enumerate(steps, start=1)]
    if policy_basis:
        sentence, n = policy_basis
        lines += ["", (f"Policy basis: {quoted(sentence)} [{n}]" if en else f"政策依据：{sentence} [{n}]")]
    lines += ["", disclaimer(language)]
    out.answer = "\n".join(lines)
    return out


def cost_answer(
    cost: PackCost,
    book: CitationBook,
    language: Lang,
    notes: list[str] | None = None,
    budget: list[str] | None = None,
) -> PackText:
    """What the solutions cost; `budget`: whether they fit the stated budget (`budget_lines`), said after them."""
    en = language == "en"
    out = PackText(answer="")
    lines = [
        *(notes or []),
        *([""] if notes else []),
        "Typical first-year cost:" if en else "参考费用（首年）：",
    ]
    for index, item in enumerate(cost.solutions, start=1):
        n = book.cite_solution(item.pick.solution)
        out.solution_citations[item.pick.solution.id] = n
        lines.append(_solution_line(index, item, n, language))
        lines.append("   " + cost_basis(item.pick.solution, language))
    lines += budget or []
    out.arithmetic = [s.arithmetic.text(language) for s in cost.subsidies]
    lines += subsidy_lines(cost.subsidies, language)
    lines += ["", disclaimer(language)]
    out.answer = "\n".join(lines)
    return out
