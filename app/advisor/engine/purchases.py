"""What the client will actually buy: the pack's purchase items plus the contracts the client names.

A program pays for a kind of purchase, not for "AI" (advice_rules.md §1), so funding is matched to these
items, never to a solution as a whole. A figure the client states ("a ¥300k compute contract", "150k of
GPU rental") becomes an item of its own with the client's amount: the client's figures win (§5).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from app.advisor.contract import Lang
from app.advisor.engine.contract_scope import (
    RAW_INPUTS,
    beyond_the_kit,
    names_machinery,
    names_system_of_record,
    only_buys,
    system_named,
)
from app.advisor.engine.past_spend import dated, earlier_years, this_years
from app.advisor.understand.loans import stated_loan
from app.advisor.understand.periods import PERIODS
from app.advisor.understand.purchases import StatedPurchase
from app.catalogue.models import AmountRange, FundingProgram, Solution
from app.catalogue.render import format_cny
from app.catalogue.taxonomy import SPEND_LABELS, SpendKind


@dataclass(frozen=True)
class Purchase:
    name_zh: str
    name_en: str
    kind: SpendKind
    first_year: AmountRange
    solution_id: str | None = None  # None: a contract the client named that no solution of the pack buys
    # A client's contract standing in a solution's place: the catalogue range it replaced (a reference only).
    catalogue: AmountRange | None = None
    stated: bool = False  # the client's own figure (a threshold is judged only on what the client says)
    # The pack solutions the client's words for this contract name ("一套AI点餐SaaS"): the one it may be.
    names: frozenset[str] = frozenset()
    whole: bool = False  # a quote for a whole solution, not for one of its items
    said: str = ""  # the client's words naming the contract (normalised)
    # Named without an amount ("买的是已备案的大模型API服务"): it chooses the pack's solution of its kind, which
    # keeps the catalogue's range (said as such); it is never costed as a line of its own (`client_items`).
    unpriced: bool = False
    # An amount in a currency we hold no rate for ("HK$80万的GPU租用", review12 r12-47): the line is the client's, at
    # their figure in their currency (`amount_other`); its yuan range is 0, so no yuan sum or subsidy counts it.
    currency: str | None = None
    amount_other: float | None = None
    at_least: bool = (
        False  # a floor ("每年肯定超过20万"): the spend is `first_year` or more, never said as the amount
    )
    year: int | None = None  # bought in that earlier year: judged, never this year's cost (past_spend.py)

    def name(self, language: Lang) -> str:
        return self.name_en if language == "en" else self.name_zh


def pays_for(program: FundingProgram, purchase: Purchase) -> bool:
    """The program pays for this purchase: of a kind in its spend scope and, when it names the only products
    it funds (`solutions_only`), a product on that list or a contract the client names (judged by its kind:
    the client's own words say what it is). A WeChat marketing tool is software, yet not one of the 7 kinds
    Taiwan's store subsidy funds (review9 r9-27)."""
    eligibility = program.eligibility
    if purchase.kind not in eligibility.spend_scope:
        return False
    listed = eligibility.solutions_only
    return not listed or purchase.solution_id is None or purchase.solution_id in listed


def solution_purchases(solution: Solution) -> list[Purchase]:
    return [
        Purchase(item.name_zh, item.name_en, item.kind, item.first_year_cny, solution.id)
        for item in solution.items()
    ]


def _names_nothing(_: str) -> frozenset[str]:
    return frozenset()


def client_items(
    stated: list[StatedPurchase], named_by: Callable[[str], frozenset[str]] = _names_nothing
) -> list[Purchase]:
    """The contracts the client named (kept in their profile across turns) as purchase items.

    `named_by`: the solutions a contract's own words name (`SolutionRecommender.named_by_contract`); without
    it, an application contract is no pack solution and stands as its own line (`is_that_solution`)."""
    items = []
    for purchase in stated:
        if purchase.amount_cny is None and purchase.amount_other is not None and not purchase.loan:
            items.append(_in_its_currency(purchase, named_by))
            continue
        if purchase.amount_cny is None:
            continue  # named without an amount: its kind is known, its price is the catalogue's (pack prices it)
        amount = AmountRange(min=purchase.amount_cny, max=purchase.amount_cny)
        name_zh, name_en = dated(_own_name(purchase), purchase.year)
        period_zh, period_en = per_period_words(purchase)
        items.append(
            Purchase(
                f"{name_zh}{period_zh}",
                f"{name_en}{period_en}",
                purchase.kind,
                amount,
                stated=True,
                names=named_by(purchase.said) if purchase.said else frozenset(),
                whole=purchase.whole,
                said=purchase.said,
                at_least=purchase.at_least,
                year=purchase.year,
            )
        )
    return items


def _in_its_currency(purchase: StatedPurchase, named_by: Callable[[str], frozenset[str]]) -> Purchase:
    """A contract priced in another currency: the client's line at their figure, never our yuan range (r12-47). Not
    `stated`: a yuan threshold cannot be judged on it, so it is asked, as for a contract with no amount."""
    (name_zh, name_en), (period_zh, period_en) = _own_name(purchase), per_period_words(purchase)
    return Purchase(
        f"{name_zh}{period_zh}",
        f"{name_en}{period_en}",
        purchase.kind,
        AmountRange(min=0, max=0),
        names=named_by(purchase.said) if purchase.said else frozenset(),
        whole=purchase.whole,
        said=purchase.said,
        currency=purchase.currency,
        amount_other=purchase.amount_other,
    )


def chosen_items(
    stated: list[StatedPurchase], named_by: Callable[[str], frozenset[str]] = _names_nothing
) -> list[Purchase]:
    """What the client buys, as the pack is chosen on it: the priced contracts (`client_items`) and the ones
    named without an amount, whose kind is known (review11 r11-28: "买的是已备案的大模型API服务" is the API, not an
    LLM appliance). The amount-less ones choose a solution only; they are priced by it at the catalogue range."""
    return [*this_years(client_items(stated, named_by)), *unpriced_items(stated, named_by)]


def unpriced_items(
    stated: list[StatedPurchase], named_by: Callable[[str], frozenset[str]] = _names_nothing
) -> list[Purchase]:
    """The things the client buys without an amount, as lines to price (their amount is what to ask for)."""
    return [
        Purchase(
            *_own_name(purchase),
            purchase.kind,
            AmountRange(min=0, max=0),
            names=named_by(purchase.said) if purchase.said else frozenset(),
            said=purchase.said,
            unpriced=True,
        )
        for purchase in stated
        # "報價四十萬港幣": priced, in a currency we hold no rate for, so no line to price in yuan; the program
        # paying in that currency is worked out on it (foreign_figures.py), as before the profile kept it
        if purchase.amount_cny is None and purchase.amount_other is None and not purchase.loan
    ]


def per_period_words(purchase: StatedPurchase) -> tuple[str, str]:
    """Where a year's figure came from when the client priced it per period: "（每季度2万元×4个季度）",
    " (HKD 30,000 a quarter × 4)", in the purchase's own currency. Empty for a yearly or one-off figure."""
    period = PERIODS.get(purchase.period or "")
    if period is None or purchase.per_period is None:
        return "", ""
    each = purchase.per_period
    if purchase.currency:
        money_zh = money_en = f"{purchase.currency} {each:,.0f}"
    else:
        money_zh, money_en = format_cny(each), f"CNY {each:,.0f}"
    return f"（{period.zh}{money_zh}×{period.times_zh}）", f" ({money_en} {period.en} × {period.per_year})"


def _own_name(purchase: StatedPurchase) -> tuple[str, str]:
    """The line's name, by what the client buys: machines of their own are "您的设备采购" (not "AI设备": looms
    with inspection cameras are no AI kit), and a loan that pays for them is said (review11 r11-20)."""
    zh, en = SPEND_LABELS[purchase.kind]
    system = system_named(purchase.kind, purchase.said)
    if system is not None:  # its own name: a cloud ERP is the client's ERP, not "the software" (r12-23)
        return f"您提到的{zh}（{system}）", f"the {en} you named ({system})"
    if purchase.kind is not SpendKind.ai_equipment or not names_machinery(purchase.said):
        return f"您提到的{zh}", f"the {en} you named"
    if stated_loan(purchase.said):
        return "您的设备采购（贷款）", "your equipment purchase (loan-financed)"
    return "您的设备采购", "your equipment purchase"


# Kinds bought as such: a contract of one of them IS the pack solution that buys it (a GPU rental contract is the
# GPU rental, an equipment contract the edge box), whatever words name it, and the same kind inside another
# solution is that same spend. An application (a SaaS, a cloud subscription, a service) is a pack solution only
# when the client's words name it: a cloud ERP is no demand-forecasting tool (review8 r8-18). Which solution, and
# whether the contract's scope is that solution's, is contract_scope.py.
BOUGHT_AS_SUCH = RAW_INPUTS | {SpendKind.ai_equipment}


# Services bought from a vendor of their own: a quote for labelling or data is for that service alone, never a
# whole system it is one item of (review11 r11-05: a 12万 labelling quote replaced the whole vision station, so
# the camera and edge box went missing).
OWN_VENDORS = frozenset({SpendKind.data_labeling, SpendKind.data_corpus, SpendKind.data_asset})


def prices_the_pack(contract: Purchase) -> bool:
    """A vendor's quote for the whole project ("整套下来报价12万", "quoted the whole package at 80k"): it names no
    item of its own, so it is the first-year price of the solution the stated need chose, the catalogue range a
    reference only. It brings no solution of its own into a pack that holds none."""
    return contract.whole and contract.kind is SpendKind.digital_transformation


def main_kind(solution: Solution) -> SpendKind | None:
    """What a solution mainly buys: the catalogue lists that purchase item first (the edge box's hardware)."""
    items = solution.items()
    return items[0].kind if items else None


def is_that_solution(contract: Purchase, solution: Solution) -> bool:
    """The client's contract is this solution's purchase: the solution mainly buys its kind, and the kind is
    bought as such or the contract's words name the solution; within the solution's scope (contract_scope.py).
    A 50万 labelling contract is not an edge box that lists labelling among its items (review8 r8-16), an 800k
    compute rental is no fine-tuning service (r11-55), 800万 of looms with inspection cameras no edge box (r11-20)."""
    if prices_the_pack(contract):
        return True  # the project quote is the price of the solution the pack leads with (`pack_purchases`)
    if names_system_of_record(contract.kind, contract.said):
        return False  # a cloud ERP is no catalogued AI tool, whatever word of its clause names one (r12-23)
    if contract.whole and contract.kind not in OWN_VENDORS:
        # a quote for a whole solution ("报价40万，含服务器和实施"): the one buying what was quoted
        return contract.kind in {item.kind for item in solution.items()} and (
            contract.kind in BOUGHT_AS_SUCH or solution.id in contract.names
        )
    if main_kind(solution) is not contract.kind:
        return False
    if contract.kind in RAW_INPUTS:
        return only_buys(solution, contract.kind)  # the input itself, never a service built around it
    if _beyond(contract, solution):
        return False
    return contract.kind in BOUGHT_AS_SUCH or solution.id in contract.names


def _beyond(contract: Purchase, solution: Solution) -> bool:
    return beyond_the_kit(contract.kind, contract.said, contract.first_year.max, solution)


def pack_purchases(
    solutions: list[Solution], client: list[Purchase]
) -> tuple[list[list[Purchase]], list[Purchase]]:
    """Each solution's purchase items, or the client's own contracts in its place (§5).

    A contract the client names ("一年40万的GPU租用合同", "一套AI点餐SaaS一年2万") that is a pack solution's
    purchase (`is_that_solution`) REPLACES that solution's items, at the client's figures, in its cost, the pack's
    total, the budget check and the net: the catalogue's other items are not added on top (review7 s1-2, rev7-26:
    a client fine-tuning on their own 20万 of compute was sold a vendor fine-tuning service and labelling around
    it); our range stays a reference only (`catalogue`). Any other contract stands as its own line, what it is at
    the client's figure (review8 r8-16: a 50万 labelling contract was shown as an edge box's hardware). A kind
    bought as such is one spend: another solution's item of it is the client's contract, not counted twice.
    Returns the items per solution and the client's contracts that no solution of the pack is.
    """
    placed: set[int] = set()
    per_solution = []
    client, past = this_years(client), earlier_years(client)  # a past spend is no pack item (past_spend.py)
    for solution in solutions:
        catalogue_items = solution_purchases(solution)
        theirs = [i for i, c in enumerate(client) if i not in placed and is_that_solution(c, solution)]
        if theirs:
            placed.update(theirs)
            reference = total(catalogue_items)
            per_solution.append(
                [replace(client[i], solution_id=solution.id, catalogue=reference) for i in theirs]
            )
            continue
        # (machines of the client's own beyond the kit are not its hardware: the kit keeps its own)
        covered = {c.kind for c in client if c.kind in BOUGHT_AS_SUCH and not _beyond(c, solution)}
        per_solution.append([item for item in catalogue_items if item.kind not in covered])
    return per_solution, [c for i, c in enumerate(client) if i not in placed] + past


def plan(solutions: list[Solution], client: list[Purchase]) -> list[Purchase]:
    """Everything the client will buy, once: the pack's items with their own contracts in place (`pack_purchases`)."""
    per_solution, unplaced = pack_purchases(solutions, client)
    return [p for items in per_solution for p in items] + unplaced


def total(items: list[Purchase]) -> AmountRange:
    return AmountRange(min=sum(p.first_year.min for p in items), max=sum(p.first_year.max for p in items))


def kinds(purchases: list[Purchase]) -> set[SpendKind]:
    return {p.kind for p in purchases}


# What a loan for equipment or a retrofit finances: the machine or the project the client priced.
_FINANCEABLE = {SpendKind.ai_equipment, SpendKind.digital_transformation}


def financed_price(client: list[Purchase]) -> float | None:
    """The price of the equipment or retrofit the client names, the most an equipment loan for it can be."""
    return sum(p.first_year.max for p in client if p.kind in _FINANCEABLE) or None
