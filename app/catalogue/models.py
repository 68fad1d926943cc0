"""Pydantic models for the solution and funding catalogues (knowledge/catalogue/*.yaml).

Models are strict (`extra="forbid"`) so that a typo in a YAML key is reported
instead of silently ignored: a consultant who writes `ratoi: 0.3` must hear
about it, or the advisor would quote a program with no ratio.

Free text has a maximum length, several times the longest entry in knowledge/catalogue/
(names ≤ 120, list items ≤ 300, paragraphs ≤ 1,000, descriptions ≤ 2,000): a field far over
it is a paste accident (a whole web page in `quote`), and would swell every index chunk and
LLM prompt it lands in. The length is checked before any other rule, so the error names the
field without echoing the text.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

from app.catalogue.taxonomy import (
    INDUSTRY_SECTIONS,
    CostBasis,
    Deployment,
    FundingType,
    ITSkill,
    Reliability,
    SizeClass,
    SolutionCategory,
    SpendKind,
)

_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")

NAME_MAX = 120  # names, issuers, document numbers
ITEM_MAX = 300  # one list item or condition: a pain point, a step, a requirement
TEXT_MAX = 1_000  # a paragraph: a benefit summary, the quote, notes
LONG_MAX = 2_000  # a description: solution summaries
URL_MAX = 1_000
PLACE_MAX = 20  # short place names ("内蒙古")

Item = Annotated[str, StringConstraints(max_length=ITEM_MAX)]
Text = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
Url = Annotated[str, StringConstraints(max_length=URL_MAX)]
Code = Annotated[str, StringConstraints(max_length=8)]  # checked against the taxonomy afterwards
Ref = Annotated[str, StringConstraints(max_length=64)]  # another entry's id


class _Strict(BaseModel):
    # `cap: .inf` or `ratio: .nan` is a typo, not a number the advisor may quote or add up.
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


def _check_id(value: str) -> str:
    if not _ID_PATTERN.match(value):
        raise ValueError("id must be 3-64 chars of lowercase letters, digits and '-'")
    return value


def _check_industries(codes: list[str]) -> list[str]:
    unknown = [c for c in codes if c not in INDUSTRY_SECTIONS]
    if unknown:
        raise ValueError(f"unknown industry section code(s) {unknown}; use GB/T 4754 letters A-T")
    return codes


class AmountRange(_Strict):
    min: float = Field(ge=0)
    max: float = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> AmountRange:
        if self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        return self


# ---------------------------------------------------------------- solutions


class Prerequisites(_Strict):
    data: Item = Field(description="What data the business must already have")
    it_skill: ITSkill = Field(description="Lowest IT skill needed in-house")


class SolutionCost(_Strict):
    one_off_cny: AmountRange
    monthly_cny: AmountRange
    basis: CostBasis
    source_url: Url | None = None
    note: Text | None = None
    note_en: Text | None = Field(default=None, description="English wording of `note`")

    @property
    def first_year_cny(self) -> AmountRange:
        return AmountRange(
            min=self.one_off_cny.min + 12 * self.monthly_cny.min,
            max=self.one_off_cny.max + 12 * self.monthly_cny.max,
        )


class PurchaseItem(_Strict):
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
        return AmountRange(
            min=self.one_off_cny.min + 12 * self.monthly_cny.min,
            max=self.one_off_cny.max + 12 * self.monthly_cny.max,
        )


class Solution(_Strict):
    id: str
    name_zh: str = Field(min_length=2, max_length=NAME_MAX)
    name_en: str = Field(min_length=2, max_length=NAME_MAX)
    category: SolutionCategory
    summary_zh: str = Field(min_length=10, max_length=LONG_MAX)
    summary_en: str = Field(min_length=10, max_length=LONG_MAX)
    industries: list[Code] = Field(description="GB/T 4754 section codes; empty means any industry")
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

    _id = field_validator("id")(_check_id)
    _industries = field_validator("industries")(_check_industries)

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


class ScopeLevel(StrEnum):
    national = "national"
    provincial = "provincial"
    municipal = "municipal"
    district = "district"


class Region(_Strict):
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


def _check_regex(value: str | None) -> str | None:
    if value is not None:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from exc
    return value


class Venue(_Strict):
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

    _said = field_validator("said")(_check_regex)


class StatedCondition(_Strict):
    """A condition of the program that the client's own words can settle (advice_rules §3): what the spend is
    for (大模型训练, not inference), when it is made (approved before the project starts), who the program is
    for (an AI OPC). Said to meet it: met; said to violate it: the verdict is ineligible and names it; neither:
    still to confirm. Regular expressions over the client's normalised words (simplified, lower case)."""

    zh: Item = Field(min_length=4, description="The condition, as the text states it")
    en: Item = Field(min_length=4)
    met_when: str | None = Field(default=None, max_length=ITEM_MAX)
    unmet_when: str | None = Field(default=None, max_length=ITEM_MAX)
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

    _regexes = field_validator("met_when", "unmet_when")(_check_regex)


class Eligibility(_Strict):
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
    stated_conditions: list[StatedCondition] = Field(
        default_factory=list,
        description="Conditions the client's words settle (purpose, timing, target group); unsettled: to confirm",
    )
    developers_only: bool = Field(
        default=False,
        description="Pays the developer of a model, dataset or technology (R&D, 揭榜挂帅, 攻关), not a firm buying "
        "one: a shop buying a SaaS or API calls cannot use it",
    )

    _industries = field_validator("industries", "excluded_industries")(_check_industries)


class SpecialRate(_Strict):
    """A different rate for some applicants.

    Only `automatic` rates, whose conditions are fully expressed by the fields
    below, enter the net-cost arithmetic; discretionary ones ("补早补小",
    "标杆项目") are shown as possible upside and never promised.
    """

    condition: Item
    condition_en: Item | None = Field(default=None, description="English wording of `condition`")
    automatic: bool = False
    ratio: float | None = Field(default=None, gt=0, le=1)
    cap: float | None = Field(default=None, ge=0)
    size_classes: list[SizeClass] = Field(default_factory=list)
    max_company_age_years: float | None = Field(default=None, ge=0)
    max_annual_spend: float | None = Field(default=None, ge=0)
    said: str | None = Field(
        default=None,
        max_length=ITEM_MAX,
        description="The client's words that put their purchase in this rate's tier (贵州云使用券: an ERP or "
        "customer-service SaaS is 业务应用层, 60%): the rate then applies as published (a ceiling stays one)",
    )

    _said = field_validator("said")(_check_regex)


class StackTier(_Strict):
    """One tier of this program's rate and the combined cap that tier has when stacked (advice_rules §5)."""

    ratio: float = Field(gt=0, le=1, description="This program's rate in the tier")
    combined_ratio_cap: float = Field(gt=0, le=1, description="Both programs together, at this tier")


class Stacking(_Strict):
    stackable_with: list[Ref] = Field(default_factory=list)
    combined_ratio_cap: float | None = Field(default=None, gt=0, le=1)
    tiers: list[StackTier] = Field(
        default_factory=list,
        description="Combined caps by this program's tier (杭州智能券: 30% → 60%, 10% → 30%)",
    )
    note: Text | None = None
    note_en: Text | None = Field(default=None, description="English wording of `note`")

    def combined_cap(self, ratio: float | None) -> float | None:
        """The combined cap of the tier actually applied, else the one published for the pair."""
        tier = next((t for t in self.tiers if ratio is not None and abs(t.ratio - ratio) < 1e-9), None)
        return tier.combined_ratio_cap if tier else self.combined_ratio_cap


class Benefit(_Strict):
    summary: str = Field(min_length=4, max_length=TEXT_MAX)
    summary_en: Text | None = Field(default=None, description="English wording of `summary`")
    per_firm: Item | None = Field(
        default=None,
        description="What one firm can get, in one clause, where no ratio or cap is published: the summary then "
        "often leads with a city's or the program's budget, which is not the firm's (app/catalogue/lint.py)",
    )
    per_firm_en: Item | None = Field(default=None, description="English wording of `per_firm`")
    ratio: float | None = Field(default=None, gt=0, le=1, description="None: not published")
    cap: float | None = Field(default=None, ge=0, description="Per-applicant cap in `currency`")
    cap_in_principle: float | None = Field(
        default=None,
        ge=0,
        description="The cap that applies in principle (原则上不超过…), when `cap` is the highest granted only by "
        "exception (深圳模型券: 原则上100万元、最高200万元): the expected amount uses this one (advice_rules §5)",
    )
    cap_period: Literal["per_year", "per_contract", "per_project", "once", "total"] | None = None
    currency: Literal["CNY", "HKD", "TWD"] = "CNY"
    pool: float | None = Field(default=None, ge=0, description="Whole program budget")
    pool_period: Literal["per_year", "total"] | None = None
    special_rates: list[SpecialRate] = Field(default_factory=list)
    stacking: Stacking = Stacking()

    @model_validator(mode="after")
    def _principle_below_cap(self) -> Benefit:
        if self.cap_in_principle is not None and (self.cap is None or self.cap_in_principle > self.cap):
            raise ValueError("cap_in_principle needs a higher `cap` (the exceptional highest)")
        return self

    @property
    def expected_cap(self) -> float | None:
        """The cap to count with: the one in principle, never the exceptional highest (§5)."""
        return self.cap_in_principle if self.cap_in_principle is not None else self.cap


class ApplicationMechanism(StrEnum):
    two_step_claim = "two_step_claim"  # sign contract, claim, settle, redeem
    instant_deduction = "instant_deduction"  # 即领即用
    no_application = "no_application"  # 免申即享
    post_award = "post_award"  # 事后奖补
    via_platform = "via_platform"  # only through a designated platform
    vendor_deduction = "vendor_deduction"  # the vendor deducts up front
    via_pilot_city = "via_pilot_city"  # enterprises join through a pilot city's list
    competitive_selection = "competitive_selection"  # 遴选/评审/示范/标杆: only selected projects get it
    tax_filing = "tax_filing"  # claimed in the annual tax filing (加计扣除, 减免): not a purchase discount


class Validity(_Strict):
    issued_on: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    note: Text | None = None
    note_en: Text | None = Field(default=None, description="English wording of `note`")
    application_opens: date | None = None
    application_closes: date | None = None
    window_note: Text | None = None
    window_note_en: Text | None = Field(default=None, description="English wording of `window_note`")

    @model_validator(mode="after")
    def _ordered(self) -> Validity:
        if self.effective_from and self.effective_until and self.effective_until < self.effective_from:
            raise ValueError("effective_until is before effective_from")
        if (
            self.application_opens
            and self.application_closes
            and self.application_closes < self.application_opens
        ):
            raise ValueError("application_closes is before application_opens")
        return self


class HowToApply(_Strict):
    mechanism: ApplicationMechanism
    channel: str = Field(min_length=2, max_length=ITEM_MAX)
    steps: list[Item] = Field(min_length=1)
    channel_en: Item | None = None
    steps_en: list[Item] = Field(default_factory=list, description="English wording of `steps`, same order")


class Provenance(_Strict):
    source_urls: list[Url] = Field(min_length=1)
    quote: str = Field(
        min_length=8, max_length=TEXT_MAX, description="The key sentence, as the source words it"
    )
    reliability: Reliability
    verified_on: date
    doc_number: str | None = Field(default=None, max_length=NAME_MAX)
    caveats: list[Item] = Field(default_factory=list)
    # English runs longer than Chinese: a caveat's translation may take a paragraph.
    caveats_en: list[Text] = Field(
        default_factory=list, description="English wording of `caveats`, same order"
    )

    @field_validator("source_urls")
    @classmethod
    def _urls(cls, urls: list[str]) -> list[str]:
        bad = [u for u in urls if not u.startswith(("http://", "https://"))]
        if bad:
            raise ValueError(f"not an http(s) URL: {bad}")
        return urls


class FundingProgram(_Strict):
    id: str
    name: str = Field(min_length=4, max_length=NAME_MAX)
    name_en: str = Field(min_length=4, max_length=NAME_MAX)
    type: FundingType
    issuer: str = Field(min_length=2, max_length=NAME_MAX)
    issuer_en: str = Field(
        min_length=2,
        max_length=2 * NAME_MAX,
        description="English name of `issuer`; the Chinese name may follow in parentheses (app/catalogue/english.py)",
    )
    region: Region
    scope_level: ScopeLevel
    eligibility: Eligibility
    benefit: Benefit
    validity: Validity
    how_to_apply: HowToApply
    provenance: Provenance

    _id = field_validator("id")(_check_id)


class Catalogue(_Strict):
    solutions: tuple[Solution, ...]
    funding: tuple[FundingProgram, ...]

    def solution(self, solution_id: str) -> Solution | None:
        return next((s for s in self.solutions if s.id == solution_id), None)

    def program(self, program_id: str) -> FundingProgram | None:
        return next((p for p in self.funding if p.id == program_id), None)
