"""What the client will actually buy: the pack's purchase items plus the contracts the client names.

A program pays for a kind of purchase, not for "AI" (advice_rules.md §1), so funding is matched to these
items, never to a solution as a whole. A figure the client states ("a ¥300k compute contract", "150k of
GPU rental") becomes an item of its own with the client's amount: the client's figures win (§5).
"""

from __future__ import annotations

from dataclasses import dataclass

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
    solution_id: str | None = None  # None: a contract the client named

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
            Purchase(f"您提到的{zh}{month_zh}", f"the {en} you named{month_en}", purchase.kind, amount)
        )
    return items


def kinds(purchases: list[Purchase]) -> set[SpendKind]:
    return {p.kind for p in purchases}
