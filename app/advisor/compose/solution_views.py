"""Solution-only views: the closest match shown while the profile is still asked for, and a side-by-side table.

Neither involves funding or the pack's arithmetic (those are pack.py and funding.py), so they live apart.
"""

from __future__ import annotations

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.wording import disclaimer, money_range
from app.advisor.contract import Lang
from app.catalogue.english import original
from app.catalogue.models import Solution
from app.catalogue.taxonomy import SKILL_LABELS


def preview_line(solution: Solution, n: int, language: Lang) -> str:
    """The closest solution, shown while the advisor still asks for the profile."""
    cost = solution.cost.first_year_cny
    pains = "、".join(solution.pain_points[:3])
    if language == "en":
        return (
            f"Meanwhile, the closest match to what you describe: {solution.name_en} — {solution.summary_en} "
            f"Addresses {original(pains)}. First year about {money_range(cost.min, cost.max, language)}. [{n}]"
        )
    return (
        f"先参考与您描述最接近的方案：{solution.name_zh}——{solution.summary_zh}"
        f"（针对：{pains}；首年约{money_range(cost.min, cost.max, language)}）[{n}]"
    )


def compare_answer(solutions: list[Solution], book: CitationBook, language: Lang) -> str:
    en = language == "en"
    lines = ["Side by side:" if en else "方案对比："]
    for solution in solutions:
        n = book.cite_solution(solution)
        cost = solution.cost.first_year_cny
        name = solution.name_en if en else solution.name_zh
        skill = SKILL_LABELS[solution.prerequisites.it_skill][1 if en else 0]
        if en:
            lines.append(
                f"- {name}: first year {money_range(cost.min, cost.max, language)}, live in "
                f"{solution.deploy_days.min:g}–{solution.deploy_days.max:g} days, IT skill needed: {skill}. "
                f"{solution.summary_en} Risk: {risk_en(solution)} [{n}]"
            )
        else:
            lines.append(
                f"- {name}：首年约{money_range(cost.min, cost.max, language)}，{solution.deploy_days.min:g}—"
                f"{solution.deploy_days.max:g}天上线，需要的IT能力：{skill}。{solution.summary_zh} 风险：{solution.risks[0]} [{n}]"
            )
    lines += ["", disclaimer(language)]
    return "\n".join(lines)


def risk_en(solution: Solution) -> str:
    """The first risk in English; the Chinese original, labelled, for an entry not yet translated."""
    return solution.risks_en[0] if solution.risks_en else original(solution.risks[0])
