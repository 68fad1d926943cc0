"""Who a funding program is for: region, venue, stated conditions and the eligibility block."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator, model_validator

from app.catalogue.fields import (
    ITEM_MAX,
    PLACE_MAX,
    Code,
    Item,
    StrictModel,
    check_industries,
    check_regex,
)
from app.catalogue.taxonomy import (
    LegalForm,
    SizeClass,
    SpendKind,
)


class ScopeLevel(StrEnum):
    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    district = "district"


class Region(StrictModel):
    """Where a program is issued or where applicants must be registered.

    Names are short forms without 省/市 suffixes ("浙江", "杭州"). A missing
    province means nationwide.
    """

    province: str | None = Field(default=None, max_length=PLACE_MAX)
    city: str | None = Field(default=None, max_length=PLACE_MAX)
    # A district- or county-level program (海珠区, 天台县, 北京经济技术开发区) needs the client there, not just in
    # the city: the official full name, as knowledge/places/admin_divisions.tsv or regions.yaml spells it.
    district: str | None = Field(default=None, max_length=PLACE_MAX)

    @model_validator(mode="after")
    def _city_needs_province(self) -> Region:
        if self.city and not self.province:
            raise ValueError("a city needs its province")
        if self.district and not self.city:
            raise ValueError("a district needs its city")
        return self

    def covers(self, province: str | None, city: str | None, district: str | None = None) -> bool:
        """Whether a place is inside: nationwide covers all, a province its cities, a city its districts;
        an unknown city or district is not ruled out."""
        if self.province is None:
            return True
        if province != self.province or (self.city and city and city != self.city):
            return False
        return not self.district or not district or district == self.district

    @property
    def label_en(self) -> str:
        """Shenzhen, Guangdong: the label an English answer shows."""
        from app.catalogue.place_names import english_place  # reads the gazetteer file on first use

        return english_place(self.province, self.city, self.district)

    @property
    def label(self) -> str:
        if not self.province:
            return "全国"
        place = f"{self.province}·{self.city}" if self.city and self.city != self.province else self.province
        return f"{place}·{self.district}" if self.district else place


class Venue(StrictModel):
    """Where the spend must be made for the program to pay: a platform, a data-centre cluster (advice_rules §1).

    Such a program usually has no registration rule, so region alone never makes it fit: it gives no figure and
    reduces no net cost until the client says they buy there (`said`, matched against their own words).
    """

    zh: Item = Field(min_length=4, description="须在…采购, as a condition")
    en: Item = Field(min_length=4)
    said: str = Field(
        min_length=2,
        max_length=ITEM_MAX,
        description="Regular expression over the client's (normalised) words saying they buy there",
    )

    bought_in: list[Region] = Field(
        default_factory=list,
        description="Where the platform or cluster is (贵州, 甘肃·庆阳): a purchase the client says it makes elsewhere "
        "is not made there (engine/purchase_places.py); one made there still waits for the platform itself",
    )

    _said = field_validator("said")(check_regex)


class StatedCondition(StrictModel):
    """A condition of the program that the client's own words can settle (advice_rules §3): what the spend is
    for (大模型训练, not inference), when it is made (approved before the project starts), who the program is
    for (an AI OPC). Said to meet it: met; said to violate it: the verdict is ineligible and names it; neither:
    still to confirm. Regular expressions over the client's normalised words (simplified, lower case)."""

    zh: Item = Field(min_length=4, description="The condition, as the text states it")
    en: Item = Field(min_length=4)
    met_when: str | None = Field(default=None, max_length=ITEM_MAX)
    unmet_when: str | None = Field(default=None, max_length=ITEM_MAX)
    compute_purpose: Literal["train", "serve"] | None = Field(
        default=None,
        description="What the rented compute must be for (训练 / 推理): judged from the purposes the client states "
        "and does not deny, in any script or English (engine/compute_purpose.py), not by this entry's regexes",
    )
    bought_in: list[Region] = Field(
        default_factory=list,
        description="The condition is where the spend is bought (采购山东省内的算力, 使用成都智算中心的算力): the place the "
        "client says it buys in settles it first, inside met and elsewhere unmet naming both (purchase_places.py)",
    )
    closed_list: bool = Field(
        default=False,
        description="`met_when` names every case that qualifies (a pilot's five industries): a trade the client "
        "names that it does not match violates the condition",
    )

    @model_validator(mode="after")
    def _closed_list_has_its_list(self) -> StatedCondition:
        if self.closed_list and not self.met_when:
            raise ValueError("a closed list needs `met_when`, the cases that qualify")
        return self

    _regexes = field_validator("met_when", "unmet_when")(check_regex)


class PilotBatch(StrictModel):
    """One published list of the places selected for a pilot (首批, 第二批拟入选), transcribed from the entry's own
    requirements: a client's city on it is a selected pilot; off every list, only lists known complete rule it out."""

    name: Item = Field(min_length=2, description="The batch as the text names it: 首批（2024年）")
    name_en: Item = Field(min_length=2)
    places: list[Region] = Field(min_length=1)
    complete: bool = Field(
        description="Every selected place of the batch is listed; a batch only partly known (8 of 20) is not"
    )


class Eligibility(StrictModel):
    regions: list[Region] = Field(
        default_factory=list, description="Registered region required; empty means anywhere"
    )
    size_classes: list[SizeClass] = Field(default_factory=list, description="Empty means any size")
    industries: list[Code] = Field(default_factory=list, description="Section codes; empty = any")
    min_company_age_years: float | None = Field(default=None, ge=0)
    max_company_age_years: float | None = Field(default=None, ge=0)
    spend_scope: list[SpendKind] = Field(min_length=1)
    requirements: list[Item] = Field(
        default_factory=list, description="Conditions the profile cannot prove; shown as to-check"
    )
    requirements_en: list[Item] = Field(
        default_factory=list, description="English wording of `requirements`, same order; empty: none yet"
    )
    special_conditions: list[Item] = Field(
        default_factory=list,
        description="The program's own deciding conditions a profile cannot show (buy on a named platform, a "
        "filed model, the city selected as a pilot, first-time adoption): while unconfirmed the verdict is unknown",
    )
    special_conditions_en: list[Item] = Field(
        default_factory=list, description="English wording of `special_conditions`, same order"
    )
    excluded_industries: list[Code] = Field(
        default_factory=list, description="Section codes the text excludes (a negative list, 负面清单)"
    )
    legal_forms: list[LegalForm] = Field(
        default_factory=list,
        description="The forms of business the program is for (an OPC voucher: one-person companies, sole "
        "proprietors, 个体工商户); a form the client states outside it violates the rule. Empty: any form",
    )
    income_tax_payers_only: bool = Field(
        default=False,
        description="Only for enterprises paying enterprise income tax: not partnerships, sole proprietorships or "
        "个体工商户 (a partnership law firm pays none)",
    )
    venue: Venue | None = Field(
        default=None, description="Pays only for spend made at this platform or cluster"
    )
    min_annual_spend_cny: float | None = Field(
        default=None,
        gt=0,
        description="The least eligible spend in the year the text requires (年度实际支出X万元（含）以上): below it "
        "nothing is paid; judged on the amount the client states, asked for while unknown",
    )
    min_award_cny: float | None = Field(
        default=None,
        gt=0,
        description="The least award the text lets a firm claim (最低不少于X元): a stated contract whose ratio share "
        "falls below it gets nothing; judged on the amount the client states",
    )
    stated_conditions: list[StatedCondition] = Field(
        default_factory=list,
        description="Conditions the client's words settle (purpose, timing, target group); unsettled: to confirm",
    )
    pilot_batches: list[PilotBatch] = Field(
        default_factory=list,
        description="A pilot's published lists of selected places (engine/pilot_lists.py): the client's city on one "
        "is said to be a pilot; off all of them it is not on the published lists, with no figure led",
    )
    tax_on_purchase: bool = Field(
        default=False,
        description="A tax benefit on buying something of `spend_scope` (设备一次性税前扣除: equipment bought new), "
        "not on the tax position as a whole: without such a purchase in the plan it does not apply",
    )
    solutions_only: list[str] = Field(
        default_factory=list,
        description="A closed list of what it pays for, as catalogued solution ids: the program names the only "
        "kinds of product it funds (Taiwan's store subsidy: 7 kinds, online ordering, POS …); a pack tool not "
        "on it is outside the program whatever its spend kind. Empty: any tool of a kind in `spend_scope`",
    )
    paid_kinds: list[Item] = Field(
        default_factory=list,
        description="The kinds of product a closed list pays for, as the text names them (Taiwan's store subsidy: "
        "线上点餐、云端订位/候位、云端POS…): named whenever the client's purchase is in question, so they can check "
        "theirs against the list; transcribed from the entry's own requirements, never guessed",
    )
    paid_kinds_en: list[Item] = Field(default_factory=list, description="English of `paid_kinds`, same order")
    developers_only: bool = Field(
        default=False,
        description="Pays the developer of a model, dataset or technology (R&D, 揭榜挂帅, 攻关), not a firm buying "
        "one: a shop buying a SaaS or API calls cannot use it",
    )

    _industries = field_validator("industries", "excluded_industries")(check_industries)
