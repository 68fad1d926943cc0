"""The recommendation answer (offline composer): the summary line, each solution and program once, the net
cost, then the folded details. What things cost is costs.py; whether they fit the budget, budget.py.

Numbers, program names and verdicts come only from the catalogue and the
engine; nothing here invents a program, a ratio or a cap.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.advisor.compose.applying import apply_steps, next_steps, to_apply
from app.advisor.compose.budget import budget_lines, net_line, own_currency_line
from app.advisor.compose.citations import CitationBook
from app.advisor.compose.costs import (
    PackText,
    client_figure_note,
    currency_note,
    subsidy_lines,
)
from app.advisor.compose.details import funding_details, solution_details
from app.advisor.compose.funding_brief import funding_brief
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
from app.advisor.engine.costing import CostedSolution, PackCost, fit_client_figures
from app.advisor.engine.eligibility import Assessment, Verdict
from app.advisor.engine.foreign_figures import foreign_money, foreign_total, in_own_currency
from app.advisor.engine.pack_choice import PackChoice
from app.advisor.engine.programs import listed_programs
from app.advisor.engine.purchases import Purchase, total, unpriced_items
from app.advisor.engine.solution_fit import pick_caveats
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.english import quoted
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SizeClass


def profile_line(profile: CompanyProfile, language: Lang) -> str:
    if language == "en":
        bits = [
            profile.region_label_en() or "region unknown",
            INDUSTRY_SECTIONS[profile.industry][1]
            if profile.industry in INDUSTRY_SECTIONS
            else "industry unknown",
        ]
        if profile.employees_range:
            bits.append(f"{profile.employees_range[0]}-{profile.employees_range[1]} employees")
        elif profile.employees is not None:
            bits.append(f"{profile.employees} employees")
        if profile.annual_revenue_range_cny:
            low, high = profile.annual_revenue_range_cny
            bits.append(f"revenue CNY {low:,.0f}-{high:,.0f}")
        elif profile.annual_revenue_cny is not None:
            bits.append(f"revenue CNY {profile.annual_revenue_cny:,.0f}")
        if profile.size_certain:
            bits.append(f"{size_label(profile.size_certain, language)} enterprise (MIIT thresholds)")
        elif profile.size_class:
            bits.append("size class needs annual revenue (MIIT thresholds)")
        elif profile.employees_range or profile.annual_revenue_range_cny:
            bits.append(
                "size class open: the range you gave straddles a MIIT threshold, please give the exact figure"
            )
        return "Your profile: " + ", ".join(bits) + "."
    text = f"您的情况：{profile.summary_zh() or '信息还不完整'}。"
    if profile.size_class or profile.employees_range or profile.annual_revenue_range_cny:
        text += f"规模判定：{profile.size_basis}。"
    return text


def no_fitting_solution(profile: CompanyProfile, language: Lang, needs: Sequence[str] = ()) -> str:
    """Nothing in the catalogue fits this client: say which need goes unserved, and suggest only what could change
    that. The budget is named only when one was given (review12 r12-39, review13 r13-40: "可以放寬預算" to a Taiwan
    shop that gave none), and describing the problem only when no need was stated."""
    en = language == "en"
    named = [(_NEED_OPENING.sub("", n) or n).strip() for n in needs]
    budget = profile.budget_cny is not None or profile.budget_other is not None
    if en:
        head = "No solution in our catalogue fits this profile"
        if named:
            head += (
                f": those for {', '.join(f'“{n}”' for n in named)} are ruled out by your place, platform, trade "
                "or size"
            )
        tries = [
            *(["relaxing the budget"] if budget else []),
            *([] if named else ["describing the problem you want AI to solve"]),
        ]
        provider = "a local digital-transformation provider can scope a custom project"
        tried = f"Try {' or '.join(tries)}; {provider}." if tries else f"{provider[0].upper()}{provider[1:]}."
        advice = f"{head}, so I won't force one. {tried}"
    else:
        head = "目录中没有适合该企业的方案"
        if named:
            head += f"：针对{'、'.join(f'“{n}”' for n in named)}的方案都因所在地、所用平台、行业或规模不符而不适用"
        tries = [*(["放宽预算"] if budget else []), *([] if named else ["具体描述想用AI解决的问题"])]
        advice = f"{head}，我不做勉强推荐。{'可以' + '、'.join(tries) + '，或' if tries else '可'}咨询当地数字化转型服务商定制方案。"
    return profile_line(profile, language) + "\n\n" + advice


# How an owner opens a need ("想用AI帮忙做…"): cut when naming the need back to them.
_NEED_OPENING = re.compile(
    r"^(我们|也|还)?(想要|想|希望|打算|准备|需要|要)?(让|用)?(ai|人工智能)?(帮忙|帮我们|来)?(做|搞|上|出)?\s*",
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


def _brief_solution_line(index: int, item: CostedSolution, n: int, language: Lang) -> str:
    """Name, first-year cost and why, in one line (the category, basis and net figures are in the details)."""
    solution = item.pick.solution
    cost = money_range(item.first_year.min, item.first_year.max, language) + client_figure_note(
        item, language
    )
    if own := in_own_currency(
        item.items
    ):  # the client's figure in their currency is the cost (review12 r12-47)
        cost = _own_currency_cost(own, item.items, language)
    why = item.pick.why[0].text(language) if item.pick.why else ""
    caveat = pick_caveats(item.pick, language == "en")
    if language == "en":
        why = first_clause(why, language, 90)
        over = " (over your budget)" if item.pick.over_budget else ""
        line = f"{index}. {solution.name_en} — first year {cost}{over}. {why}. [{n}]".replace(". .", ".")
        return f"{line} {caveat}".rstrip()
    why = first_clause(why, language, 36)
    over = "（超出预算）" if item.pick.over_budget else ""
    return f"{index}. {solution.name_zh} — 首年约{cost}{over}：{why}。[{n}]{caveat}"


def _own_currency_cost(own: list[Purchase], items: list[Purchase], language: Lang) -> str:
    """A solution costed on the client's contract in another currency: their figure as said, unconverted, and no
    yuan range beside it to mistake for it (review12 r12-47); yuan items bought beside it are added as such."""
    figure = foreign_total(own, language)
    rest = total([p for p in items if p not in own])
    if language == "en":
        plus = f", plus {money_range(rest.min, rest.max, language)}" if rest.max > 0 else ""
        return f"{figure}{plus} (the figure you gave, in its currency, not converted to CNY)"
    plus = f"另加{money_range(rest.min, rest.max, language)}" if rest.max > 0 else ""
    return f"{figure}{plus}（按您说的金额和币种计，未换算成人民币）"


def _client_contract_line(index: int, contract: Purchase, language: Lang) -> str:
    """A contract the client named that no solution of ours buys: in the pack at their figure, nothing added."""
    amount = money(contract.first_year.max, language)
    if contract.currency and contract.amount_other is not None:  # in its own currency, unconverted (r12-47)
        amount = foreign_money(contract.amount_other, contract.currency, language)
    if language == "en":
        return f"{index}. {contract.name_en[:1].upper()}{contract.name_en[1:]} — first year {amount}, your own figure."
    return f"{index}. {contract.name_zh} — 首年{amount}（按您说的金额计）。"


def _unpriced_line(index: int, thing: Purchase, language: Lang) -> str:
    """What the client buys without a figure, when no catalogued solution is that thing: the amount is the question."""
    if language == "en":
        name = f"{thing.name_en[:1].upper()}{thing.name_en[1:]}"
        return f"{index}. {name} — no amount given yet: tell me the contract amount and I will work out the subsidy."
    return f"{index}. {thing.name_zh} — 还没有金额：告诉我合同金额，我按它算补贴。"


def pack_answer(
    profile: CompanyProfile,
    cost: PackCost,
    choice: PackChoice,
    programs: list[Assessment],
    book: CitationBook,
    language: Lang,
    policy_basis: tuple[str, int] | None,
    notes: list[str] | None = None,
    abroad: bool = False,
    asking: frozenset[str] = frozenset(),
    lead: list[str] | None = None,
) -> PackText:
    """The pack answer's text. `lead`: what must be said before the summary line (a large firm told SME funds are
    not for it), `notes` what follows it."""
    en = language == "en"
    out = PackText(answer="")
    choice = fit_client_figures(choice, cost, profile.budget_cny)
    costed = cost.solutions
    # The client's own contracts that no solution buys count too (costing.PackCost.first_year, .net).
    total_low, total_high = cost.first_year.min, cost.first_year.max
    net_low, net_high = cost.net.min, cost.net.max
    # Nothing priced: the pack is what the client buys without a figure yet (r12-43), no "first year CNY 0".
    priced = bool(costed or cost.unplaced)
    unpriced = [] if priced else unpriced_items(profile.purchases)
    # The first line answers the question: what can be claimed, what comes back, what is left to pay.
    open_ = [a for a in programs if a.verdict is Verdict.unknown and a.reached_through is None]
    # The client's lines in another currency (r12-47): summed apart, in their currency, never added to yuan.
    foreign = foreign_total([*(p for c in costed for p in c.items), *cost.unplaced], language)
    yuan = priced or not unpriced
    summary = summary_line(
        sum(1 for a in programs if a.verdict is Verdict.eligible),
        sum(1 for a in open_ if not a.selection_only),
        ((total_low, total_high), (net_low, net_high))
        if yuan and not (foreign and total_high <= 0)
        else None,
        profile.region_label_en() if en else profile.region_label(),
        language,
        "人民币" if currency_note(profile.province, language) else "",
        selection=sum(1 for a in open_ if a.selection_only),
    )
    # The brief: what a phone shows before the details — each solution and program once, then the net cost.
    notes = [*currency_note(profile.province, language), *(notes or [])]
    lines = [*(lead or []), *([""] if lead else []), summary, "", *notes, *([""] if notes else [])]
    # A pack of the client's own contracts only ("刚签了120万的算力合同，能拿多少补贴"): we recommend nothing, so
    # the list is theirs, and its steps are filing, not asking vendors (s19 ans19-16).
    own_contracts = (
        bool(costed or cost.unplaced)
        and not unpriced
        and all(item.items and all(p.stated and not p.unpriced for p in item.items) for item in costed)
    )
    if own_contracts:
        lines.append("The contracts you named:" if en else "您提到的合同：")
    else:
        lines.append("Recommended AI enablement pack:" if en else "建议的AI赋能包：")
    for index, item in enumerate(costed, start=1):
        n = book.cite_solution(item.pick.solution)
        out.solution_citations[item.pick.solution.id] = n
        lines.append(_brief_solution_line(index, item, n, language))
    for index, own in enumerate(cost.unplaced, start=len(costed) + 1):
        lines.append(_client_contract_line(index, own, language))
    lines += [_unpriced_line(index, thing, language) for index, thing in enumerate(unpriced, start=1)]
    # A blank line ends the numbered list, or Markdown reads the net cost as part of the last solution.
    if foreign:
        lines += ["", own_currency_line(foreign, (total_low, total_high), (net_low, net_high), language)]
    elif yuan:
        net = net_line((total_low, total_high), (net_low, net_high), choice, profile.budget_cny, language)
        lines += ["", net]
    brief = funding_brief(
        programs, book, language, profile.province, abroad, asking, profile.province is not None, profile
    )
    lines += ["", *brief]
    out.arithmetic = [s.arithmetic.text(language) for s in cost.subsidies]
    # The details add what the brief left out, naming nothing again: what each numbered solution does, the
    # budget beyond "within/over", the arithmetic, each listed program's other conditions and its steps.
    lines += ["", pick(DETAILS_HEADING, language), profile_line(profile, language), ""]
    if costed:  # a pack of the client's own contracts only has no solution of ours to describe
        lines.append("What each solution does:" if en else "方案说明：")
        lines += [solution_details(index, item, language) for index, item in enumerate(costed, start=1)]
    fixed = cost.own_contracts.min
    lines += budget_lines(choice, profile.budget_cny, language, profile.budget_other, True, costed, fixed)
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
    out.next_steps = next_steps(costed, programs, language, own_contracts)
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
