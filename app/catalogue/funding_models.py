"""A funding program: its benefit (rates, caps, stacking), mechanism, validity, how to apply, provenance."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, field_validator, model_validator

from app.catalogue.eligibility_models import Eligibility, Region, ScopeLevel
from app.catalogue.fields import (
    ITEM_MAX,
    NAME_MAX,
    TEXT_MAX,
    Item,
    Ref,
    StrictModel,
    Text,
    Url,
    check_id,
    check_regex,
)
from app.catalogue.taxonomy import (
    FundingType,
    Reliability,
    SizeClass,
    SpendKind,
)


class SpecialRate(StrictModel):
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
    claimed_when: str | None = Field(
        default=None,
        max_length=ITEM_MAX,
        description="The client's words that say they are the kind of firm this rate is for, when how such a firm "
        "is recognised is not published (深圳训力券: 初创企业 60%): the tier is named beside the base rate, to "
        "confirm with the issuer, and never counted",
    )

    layer: bool = Field(
        default=False,
        description="The rate of one purchase layer (贵州上云券: 基础设施层 40%, 平台系统层和业务应用层 60%): the program "
        "pays each item at its layer's rate, and an item whose layer is not known is told every layer's rate",
    )
    kinds: list[SpendKind] = Field(
        default_factory=list,
        description="The purchase kinds always in this layer (a SaaS subscription is 业务应用层); a kind of the spend "
        "scope in no layer's list may be in either",
    )

    _said = field_validator("said", "claimed_when")(check_regex)


class StackTier(StrictModel):
    """One tier of this program's rate and the combined cap that tier has when stacked (advice_rules §5)."""

    ratio: float = Field(gt=0, le=1, description="This program's rate in the tier")
    combined_ratio_cap: float = Field(gt=0, le=1, description="Both programs together, at this tier")


class Stacking(StrictModel):
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


class Benefit(StrictModel):
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
    cap_period: Literal["per_year", "per_contract", "per_project", "once", "total", "later_claim"] | None = (
        Field(
            default=None,
            description="later_claim: set by the engine only, on a program read for a client at a later claim "
            "(engine/later_claims.py)",
        )
    )
    later_claim_cap: float | None = Field(
        default=None,
        ge=0,
        description="The cap of each claim after the first, when the text publishes a different one (贵州上云券: "
        "首次最高5万元，第二次及以后每次最高3万元); `cap` is the first claim's",
    )
    currency: Literal["CNY", "HKD", "TWD"] = "CNY"
    pool: float | None = Field(default=None, ge=0, description="Whole program budget")
    pool_period: Literal["per_year", "total"] | None = None
    special_rates: list[SpecialRate] = Field(default_factory=list)
    stacking: Stacking = Stacking()
    # A loan-interest subsidy's published terms: percentage points a year on the loan principal and for how many
    # years ("贴息1.5个百分点、最长2年"), so "能省多少" on the client's loan is worked out, never guessed (§5).
    interest_points: float | None = Field(default=None, gt=0, le=0.2, description="0.015 = 1.5 points a year")
    # A tax rule that deducts a cost again when computing taxable income: 1.0 = an extra 100% of the cost. It lowers
    # taxable income by that share of the client's spend; it is no cash and no ratio of a purchase.
    extra_deduction: float | None = Field(
        default=None, gt=0, le=2.0, description="1.0 = an extra 100% deducted"
    )
    interest_years: float | None = Field(default=None, gt=0, le=10, description="Longest subsidised term")

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


class Validity(StrictModel):
    issued_on: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None
    note: Text | None = None
    note_en: Text | None = Field(default=None, description="English wording of `note`")
    application_opens: date | None = None
    application_closes: date | None = None
    window_note: Text | None = None
    window_note_en: Text | None = Field(default=None, description="English wording of `window_note`")

    @property
    def claims_close(self) -> date | None:
        """The last day anything can be filed: a claims window closing after the spending period (南宁算力券: spend
        2025-03-01 … 12-31, claims 2026-01-04 … 01-23), else the period's own end."""
        until, closes = self.effective_until, self.application_closes
        return closes if until and closes and closes > until else until

    def ended(self, today: date) -> bool:
        """Nothing can be filed any more: the spending period and any claims window after it are over."""
        last = self.claims_close
        return last is not None and last < today

    def claims_after_spending(self, today: date) -> bool:
        """The spending period is over but its claims window after it is still to come or open: only spend made
        in the period is claimed, until the window closes."""
        until = self.effective_until
        return bool(until and until < today and not self.ended(today))

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


class HowToApply(StrictModel):
    mechanism: ApplicationMechanism
    channel: str = Field(min_length=2, max_length=ITEM_MAX)
    steps: list[Item] = Field(min_length=1)
    channel_en: Item | None = None
    steps_en: list[Item] = Field(default_factory=list, description="English wording of `steps`, same order")


class Provenance(StrictModel):
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


# An entry's own rule against claiming the same spend twice.
_NO_SECOND_CLAIM = re.compile(r"不得重复|不重复(?:支持|享受|申报|申请)|重复申领|不得同时|不能同时|择一|择优")


class FundingProgram(StrictModel):
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

    _id = field_validator("id")(check_id)

    def stacks_with(self, other: FundingProgram) -> bool:
        """The catalogue lets the two be claimed together: either program's entry names the other."""
        return (
            other.id in self.benefit.stacking.stackable_with
            or self.id in other.benefit.stacking.stackable_with
        )

    def claimed_once_with(self, other: FundingProgram) -> bool:
        """The same spend is claimed under only one of the two, on the catalogue's own grounds: two editions of one
        program (same kind, level and place: 成都算力券 2023 and 2025), or an entry's rule against a second claim
        ("同一合同不得重复申领扬州市范围内的财政补贴"). Without either the texts are silent, and a "no" would be the
        advisor's, not the issuer's (s21: "不能重复申领" said of two programs whose entries never say it)."""
        if (self.type, self.scope_level, self.region) == (other.type, other.scope_level, other.region):
            return True
        return any(_NO_SECOND_CLAIM.search(rule) for program in (self, other) for rule in program.own_rules())

    def own_rules(self) -> list[str]:
        """The entry's stated rules in Chinese: requirements, special conditions and its stacking note."""
        note = self.benefit.stacking.note
        return [
            *self.eligibility.requirements,
            *self.eligibility.special_conditions,
            *([note] if note else []),
        ]
