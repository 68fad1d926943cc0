"""A thing the client says they buy (`StatedPurchase`): its kind of spend, their own amount when they give one, and
what the words around it say (a whole quote, a loan, a spend already being paid, where it is bought).

purchases.py reads the priced ones from a message, unpriced.py the ones named without an amount; the engine
prices a pack line with the client's figure (advice_rules.md §5, the client's figures win).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.catalogue.taxonomy import SpendKind


class StatedPurchase(BaseModel):
    """A thing the client says they buy: the kind of spend and, when they give it, their amount in CNY."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: SpendKind
    # None: named without an amount ("买的是已备案的大模型API服务", review11 r11-28): still a purchase of its kind,
    # which is what a program's scope is judged on; its cost is the catalogue's range, said as such.
    amount_cny: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # An amount in another currency, kept as stated and never converted (we hold no exchange rates; review12
    # r12-47: "HK$800k of GPU rental" was dropped): amount_cny is then None, the purchase still of its kind.
    currency: str | None = Field(default=None, max_length=8, description="ISO code; None is CNY")
    amount_other: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # The client gave a monthly figure: amount_cny is twelve of it (the first year's spend). Kept for the JSON
    # contract; `period` and `per_period` say it for every period.
    monthly_cny: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # The period the client priced it per ("每季度2万", "HK$30k a quarter": periods.period_of) and the figure per
    # period, in the purchase's own currency: amount_cny (or amount_other) is the year, `per_year` of it.
    period: Literal["week", "month", "quarter", "half_year"] | None = None
    per_period: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    # A quote for the whole solution ("整体报价60万（含服务器和实施）"): it replaces all of the solution's items.
    whole: bool = False
    # The words it was named with ("刚签了一套云erp，一年6万"): which pack solution, if any, it is (engine/purchases.py).
    said: str = ""
    # Bought with a loan the client names ("贷款800万买织机和检测设备", review11 r11-20): amount_cny is the loan, which
    # the interest subsidy counts; the thing is the client's own equipment, never a catalogue solution's price.
    loan: bool = False
    # Spend the client already pays and keeps paying ("已经在用", "每年付", "we already pay", review11 r11-50): this
    # year's spend too, unlike a past one-off purchase (amount_roles.py, `year` before this one), which is not.
    ongoing: bool = False
    # Where it is bought, when the client says ("在济南的算力中心", "on the Guizhou platform"): a venue-bound
    # program's condition, and never the place of the company (place_roles.py).
    where: str | None = None
    # Said as a floor the spend clears ("每年算力支出至少20万", "at least RMB 100k a year", floors.py): the spend is
    # this much or more, so the amount is the least of it, never the contract's price; a later exact figure wins.
    at_least: bool = False
    # The calendar year the client says it was bought, signed or paid, when that is before this year ("去年实打实付了
    # 25万" -> last year, "2024年签的"; purchase_dates.py): a past spend, which the engine judges against a program's
    # start and window and never costs as this year's. None: bought this year, or no year said.
    year: int | None = Field(default=None, ge=1900, le=2100)


def priced(purchases: list[StatedPurchase]) -> list[StatedPurchase]:
    """The purchases the client gave an amount for: their figures, which price a line and win (§5)."""
    return [p for p in purchases if p.amount_cny is not None]


@dataclass(frozen=True)
class PurchaseSpan:
    start: int  # in the normalised text
    end: int
    purchase: StatedPurchase
    budget: bool = (
        False  # a named project's budget ("改造项目预算40万"): its price and the client's budget too
    )
