"""The solution catalogue's models: what an SME buys, what it costs, what it takes to run."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints, field_validator, model_validator

from app.catalogue.fields import (
    LONG_MAX,
    NAME_MAX,
    AmountRange,
    Code,
    Item,
    StrictModel,
    Text,
    Url,
    check_id,
    check_industries,
    first_year,
)
from app.catalogue.taxonomy import (
    CostBasis,
    Deployment,
    FundingType,
    ITSkill,
    SizeClass,
    SolutionCategory,
    SpendKind,
)


class Prerequisites(StrictModel):
    data: Item = Field(description="What data the business must already have")
    it_skill: ITSkill = Field(description="Lowest IT skill needed in-house")


class SolutionCost(StrictModel):
    one_off_cny: AmountRange
    monthly_cny: AmountRange
    basis: CostBasis
    source_url: Url | None = None
    note: Text | None = None
    note_en: Text | None = Field(default=None, description="English wording of `note`")

    @property
    def first_year_cny(self) -> AmountRange:
        return first_year(self.one_off_cny, self.monthly_cny)


class PurchaseItem(StrictModel):
    """One contract the client signs for a solution: a SaaS subscription, hardware, compute rental, model API…

    `kind` is what the client signs, not the technology behind it: a SaaS app that runs on a large model is a
    `software` subscription, and a model voucher does not pay for it (advice_rules.md §1). Programs are matched
    to items, never to a solution as a whole.
    """

    name_zh: str = Field(min_length=2, max_length=NAME_MAX)
    name_en: str = Field(min_length=2, max_length=NAME_MAX)
    kind: SpendKind
    one_off_cny: AmountRange = AmountRange(min=0, max=0)
    monthly_cny: AmountRange = AmountRange(min=0, max=0)

    @property
    def first_year_cny(self) -> AmountRange:
        return first_year(self.one_off_cny, self.monthly_cny)


class Solution(StrictModel):
    id: str
    name_zh: str = Field(min_length=2, max_length=NAME_MAX)
    name_en: str = Field(min_length=2, max_length=NAME_MAX)
    category: SolutionCategory
    summary_zh: str = Field(min_length=10, max_length=LONG_MAX)
    summary_en: str = Field(min_length=10, max_length=LONG_MAX)
    industries: list[Code] = Field(description="GB/T 4754 section codes; empty means any industry")
    audience_only: bool = Field(
        default=False,
        description=(
            "The listed industries are the only businesses it is made for (an online shop's bot, an accounting "
            "firm's audit tool): never offered to another industry, even when the client's words name it"
        ),
    )
    classes: list[Annotated[str, StringConstraints(pattern=r"^\d{2,4}$")]] = Field(
        default_factory=list,
        description=(
            "GB/T 4754 division, group or class codes (prefixes) within `industries` whose businesses can use it; "
            "empty: every class of them. A homework tool lists the schools and training classes, not 8310 学前教育: "
            "a kindergarten has no homework"
        ),
    )
    works_on: list[Item] = Field(
        default_factory=list,
        description=(
            "What the tool works on, in the words clients use (zh and en: 菜品 and 食材, 风机 and 水泵, 车辆): a client "
            "of a trade not in `industries` is offered it only when its need names one of them"
        ),
    )
    sizes: list[SizeClass] = Field(min_length=1)
    pain_points: list[Item] = Field(min_length=1, description="Pain points addressed, in Chinese")
    keywords: list[Item] = Field(default_factory=list, description="Extra match terms, zh or en")
    prerequisites: Prerequisites
    deployment: list[Deployment] = Field(min_length=1)
    cost: SolutionCost
    deploy_days: AmountRange
    benefits: list[Item] = Field(min_length=1)
    risks: list[Item] = Field(min_length=1)
    risks_en: list[Item] = Field(default_factory=list, description="English wording of `risks`, same order")
    compliance_notes: list[Item] = Field(default_factory=list)
    spend_kinds: list[SpendKind] = Field(min_length=1, description="What the money buys")
    funding_types: list[FundingType] = Field(min_length=1)
    purchase_items: list[PurchaseItem] = Field(
        default_factory=list,
        description="The contracts the client signs; their costs add up to `cost`, their kinds to `spend_kinds`",
    )

    _id = field_validator("id")(check_id)
    _industries = field_validator("industries")(check_industries)

    @model_validator(mode="after")
    def _trade_tools_say_what_they_work_on(self) -> Solution:
        # Without its objects a tool listed for some trades could not be matched to another trade's need at all:
        # say them, or mark it `audience_only` (engine/solution_fit.reaches_across).
        if self.industries and not self.audience_only and not self.works_on:
            raise ValueError("a tool listed for some industries needs `works_on` (or `audience_only: true`)")
        return self

    @model_validator(mode="after")
    def _items_add_up(self) -> Solution:
        # The pack total and each program's matched amount come from the items: they must tell the same story
        # as the solution's headline cost and spend kinds, or the text and the arithmetic would disagree.
        if not self.purchase_items:
            return self
        for part in ("one_off_cny", "monthly_cny"):
            total: AmountRange = getattr(self.cost, part)
            low = sum(getattr(i, part).min for i in self.purchase_items)
            high = sum(getattr(i, part).max for i in self.purchase_items)
            if abs(low - total.min) > 1 or abs(high - total.max) > 1:
                raise ValueError(
                    f"purchase_items {part} add up to {low:g}-{high:g}, cost says {total.min:g}-{total.max:g}"
                )
        kinds = {i.kind for i in self.purchase_items}
        if kinds != set(self.spend_kinds):
            raise ValueError(
                f"spend_kinds {sorted(self.spend_kinds)} differ from the items' kinds {sorted(kinds)}"
            )
        return self

    def items(self) -> list[PurchaseItem]:
        """The purchase items; an entry without them is one item of its first spend kind, costed as the whole."""
        if self.purchase_items:
            return list(self.purchase_items)
        first = self.spend_kinds[0]
        return [
            PurchaseItem(
                name_zh=self.name_zh,
                name_en=self.name_en,
                kind=first,
                one_off_cny=self.cost.one_off_cny,
                monthly_cny=self.cost.monthly_cny,
            )
        ]


# ----------------------------------------------------------------- funding
