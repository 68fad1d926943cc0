"""What a pack costs: each solution's cost line, the subsidy arithmetic, and the answer to "how much does it
cost". Whether it fits the budget (the net-cost line and the budget lines) is budget.py.

The pack answer (pack.py) and the cost answer both read these, so a recommendation and a cost question
state the same figures in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from app.advisor.compose.citations import CitationBook
from app.advisor.compose.wording import disclaimer, money, money_range, pick
from app.advisor.contract import Lang
from app.advisor.engine.costing import CostedSolution, PackCost, Subsidy
from app.advisor.engine.solution_fit import pick_caveats
from app.catalogue.english import original
from app.catalogue.models import Solution
from app.catalogue.taxonomy import CATEGORY_LABELS, SPEND_LABELS


@dataclass
class PackText:
    answer: str
    next_steps: list[str] = field(default_factory=list)
    arithmetic: list[str] = field(default_factory=list)
    solution_citations: dict[str, int] = field(default_factory=dict)


# The currency a Hong Kong, Macau or Taiwan client reads prices in. The catalogue's solution prices are mainland
# CNY figures and it holds no exchange rate: the answer says the costs are in CNY and converts nothing.
LOCAL_CURRENCY = {"香港": ("港元", "HKD"), "澳门": ("澳门元", "MOP"), "台湾": ("新台币", "TWD")}


def currency_note(province: str | None, language: Lang) -> list[str]:
    """One sentence for a client outside the mainland: the costs shown are CNY, not their own currency."""
    if province not in LOCAL_CURRENCY:
        return []
    local, code = LOCAL_CURRENCY[province]
    return [
        f"All costs are in CNY (mainland yuan), as the catalogue holds them: it has no {code} prices and "
        "I hold no exchange rate, so nothing is converted."
        if language == "en"
        else f"本回答中的费用均为人民币（目录中的内地价格）：目录没有{local}价格，我也没有汇率，未作换算。"
    ]


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


def client_figure_note(item: CostedSolution, language: Lang) -> str:
    """Where a solution's cost comes from the client's own contract: say so, our range only as a reference."""
    figure = item.client_figure
    if figure is None or figure.catalogue is None:
        return ""
    zh, en = SPEND_LABELS[figure.kind]
    amount = money(figure.first_year.max, language)
    reference = money_range(figure.catalogue.min, figure.catalogue.max, language)
    whole = item.first_year.max == figure.first_year.max  # nothing else bought with it
    if language == "en":
        part = "" if whole else f"of which the {en} "
        return (
            f" ({part}on the figure you gave, {amount}; our catalogue range {reference} for reference only)"
        )
    part = "" if whole else "其中"
    return f"（{part}{zh}按您说的{amount}计；目录参考价{reference}，仅供对照）"


def _solution_line(index: int, item: CostedSolution, n: int, language: Lang) -> str:
    solution = item.pick.solution
    net = item.net
    category = pick(CATEGORY_LABELS[solution.category], language)
    cost = money_range(item.first_year.min, item.first_year.max, language)
    after = money_range(net.min, net.max, language)
    why = item.pick.why[0].text(language) if item.pick.why else ""
    if language == "en":
        line = f"{index}. {solution.name_en} ({category}) — first year {cost}{client_figure_note(item, language)}"
        line += f", after subsidies counted in net cost {after}" if item.discounts else ""
        line += f". {why}." + (" Over your budget." if item.pick.over_budget else "")
        line += " Basic tier within your budget." if item.pick.basic_tier else ""
    else:
        line = f"{index}. {solution.name_zh}（{category}）— 首年约{cost}{client_figure_note(item, language)}"
        line += f"，扣除计入净成本的补贴后约{after}" if item.discounts else ""
        line += f"。{why}。" + ("（超出您的预算，供参考）" if item.pick.over_budget else "")
        line += "（预算内选基础档）" if item.pick.basic_tier else ""
    # the channel to confirm (channel_fit.py) follows the tool's line in a cost answer as in a pack answer
    caveat = pick_caveats(item.pick, language == "en")
    return f"{line} [{n}]" + (f" {caveat}" if caveat and language == "en" else caveat)


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


def cost_answer(
    cost: PackCost,
    book: CitationBook,
    language: Lang,
    notes: list[str] | None = None,
    budget: list[str] | None = None,
    named: list[str] | None = None,
) -> PackText:
    """What the solutions cost; `budget`: whether they fit the stated budget (`budget_lines`), said after them;
    `named`: the verdict lines of the programs the question names, so "青岛算力券怎么算" hears its verdict."""
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
    lines += ["", *named] if named else []
    out.arithmetic = [s.arithmetic.text(language) for s in cost.subsidies]
    lines += subsidy_lines(cost.subsidies, language)
    lines += ["", disclaimer(language)]
    out.answer = "\n".join(lines)
    return out
