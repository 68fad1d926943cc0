"""What the client will actually buy: the pack's purchase items plus the contracts the client names.

A program pays for a kind of purchase, not for "AI" (advice_rules.md §1), so funding is matched to these
items, never to a solution as a whole. A figure the client states ("a ¥300k compute contract", "150k of
GPU rental") becomes an item of its own with the client's amount: the client's figures win (§5).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.advisor.contract import Lang
from app.advisor.understand.purchases import StatedPurchase
from app.catalogue.models import AmountRange, Solution
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

    def name(self, language: Lang) -> str:
        return self.name_en if language == "en" else self.name_zh


def solution_purchases(solution: Solution) -> list[Purchase]:
    return [
        Purchase(item.name_zh, item.name_en, item.kind, item.first_year_cny, solution.id)
        for item in solution.items()
    ]


def client_items(stated: list[StatedPurchase]) -> list[Purchase]:
    """The contracts the client named (kept in their profile across turns) as purchase items."""
    items = []
    for purchase in stated:
        zh, en = SPEND_LABELS[purchase.kind]
        amount = AmountRange(min=purchase.amount_cny, max=purchase.amount_cny)
        month_zh = month_en = ""
        if purchase.monthly_cny:  # the arithmetic says where a first-year figure came from
            month_zh = f"（每月{format_cny(purchase.monthly_cny)}×12个月）"
            month_en = f" (CNY {purchase.monthly_cny:,.0f} a month × 12)"
        items.append(
            Purchase(
                f"您提到的{zh}{month_zh}",
                f"the {en} you named{month_en}",
                purchase.kind,
                amount,
                stated=True,
            )
        )
    return items


def pack_purchases(
    solutions: list[Solution], client: list[Purchase]
) -> tuple[list[list[Purchase]], list[Purchase]]:
    """Each solution's purchase items, or the client's own contracts in its place (§5).

    A contract the client names ("一年40万的GPU租用合同", "标注合同50万") is what they buy: the first solution
    buying that kind is REPLACED by the client's contracts of its kinds, at their figures, in its cost, the
    pack's total, the budget check and the net. The catalogue's other items are not added on top (review7
    s1-2, rev7-26: a client fine-tuning on their own 20万 of compute was sold a vendor fine-tuning service and
    labelling around it); our range stays a reference only (`catalogue`). The same kind in a later solution
    is the same spend, not counted twice. Returns the items per solution and the client's contracts that no
    solution of the pack buys.
    """
    by_kind: dict[SpendKind, list[Purchase]] = {}
    for purchase in client:
        by_kind.setdefault(purchase.kind, []).append(purchase)
    placed: set[SpendKind] = set()
    per_solution = []
    for solution in solutions:
        catalogue_items = solution_purchases(solution)
        kinds_bought = dict.fromkeys(item.kind for item in catalogue_items)
        theirs = [k for k in kinds_bought if k in by_kind and k not in placed]
        if not theirs:
            per_solution.append([item for item in catalogue_items if item.kind not in placed])
            continue
        reference = total(catalogue_items)
        placed.update(theirs)
        per_solution.append(
            [replace(p, solution_id=solution.id, catalogue=reference) for k in theirs for p in by_kind[k]]
        )
    return per_solution, [p for p in client if p.kind not in placed]


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
