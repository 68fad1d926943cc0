"""The company profile: what the advisor knows about the business.

Every field is optional because owners reveal them across turns. The size
class is derived, never typed in, so it always agrees with the thresholds.
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, Field, computed_field

from app.advisor.understand.legal_form import LegalForm
from app.advisor.understand.purchases import StatedPurchase
from app.advisor.understand.size import (
    SECTION_SECTOR,
    SizeDecision,
    classes_between,
    classify,
    classify_span,
    possible_classes,
)
from app.catalogue.models import Region
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SIZE_LABELS, ITSkill, SizeClass


class CompanyProfile(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, allow_inf_nan=False)

    industry: str | None = Field(default=None, description="GB/T 4754 section letter")
    industry_text: str | None = Field(default=None, description="The owner's own words for the business")
    sector: str | None = Field(default=None, description="MIIT sector used for the size class")
    province: str | None = None
    city: str | None = None
    district: str | None = Field(
        default=None,
        description="District or county when the client names it (海珠区): district programs need it",
    )
    employees: int | None = Field(default=None, ge=0, le=10_000_000)
    employees_range: tuple[int, int] | None = Field(
        default=None,
        description="Both ends when the owner gives a range ('二三十人', '30-50 people'); employees is the upper end",
    )
    annual_revenue_cny: float | None = Field(default=None, ge=0)
    annual_revenue_range_cny: tuple[float, float] | None = Field(
        default=None,
        description="Both ends when the owner gives a range ('两三百万'); annual_revenue_cny is the upper end",
    )
    company_age_years: float | None = Field(default=None, ge=0, le=200)
    legal_form: LegalForm | None = Field(
        default=None,
        description="company, partnership, sole_proprietorship or individual_business, as stated",
    )
    budget_cny: float | None = Field(default=None, ge=0)
    budget_other: str | None = Field(
        default=None,
        max_length=60,
        description="A budget in a currency we hold no exchange rate for, as stated ('HKD 50,000'); never converted",
    )
    budget_unlimited: bool | None = Field(
        default=None, description="True: the client said there is no budget ceiling ('预算不限')"
    )
    purchases: list[StatedPurchase] = Field(
        default_factory=list,
        description="What the client says they buy, with their amount when given ('合同大概150万' of GPU rental); "
        "not the budget",
    )
    pain_points: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    it_skill: ITSkill | None = None
    existing_it: list[str] = Field(default_factory=list, description="Systems and data already in place")

    def size_decision(self) -> SizeDecision:
        if self.province in ("香港", "澳门", "台湾"):
            # The MIIT thresholds define mainland SMEs only; Hong Kong, Macau and Taiwan have their own. All of
            # them stop below 200 employees (Taiwan: under 200; Hong Kong: under 100 / 50), so only "large" is
            # certain from a headcount; anything smaller is for the local definition to say.
            if self.employees is not None and self.employees >= 200:
                return SizeDecision(
                    SizeClass.large,
                    f"从业人员{self.employees}人，超过{self.province}中小企业定义的上限（少于200人）",
                )
            return SizeDecision(
                None, f"{self.province}企业的规模按当地的中小企业定义判断，不适用内地工信部标准"
            )
        (low_staff, high_staff), (low_revenue, high_revenue) = self._ends()
        sector = self.sector or SECTION_SECTOR.get(self.industry or "", "other")
        high = classify(sector, high_staff, high_revenue)
        if (low_staff, low_revenue) == (high_staff, high_revenue):
            return high
        # A range the owner gave ("二三十人") settles the class only when both ends fall in the same one.
        return classify_span(sector, classify(sector, low_staff, low_revenue), high, self._range_label())

    def _ends(self) -> tuple[tuple[float | None, float | None], tuple[float | None, float | None]]:
        """(low, high) of the headcount and of the revenue: a point figure is both ends."""
        staff = self.employees_range or (self.employees, self.employees)
        revenue = self.annual_revenue_range_cny or (self.annual_revenue_cny, self.annual_revenue_cny)
        return staff, revenue

    def _range_label(self) -> str:
        parts = []
        if self.employees_range:
            parts.append(f"从业人员{self.employees_range[0]}–{self.employees_range[1]}人")
        if self.annual_revenue_range_cny:
            low, high = (v / 10_000 for v in self.annual_revenue_range_cny)
            parts.append(f"营业收入{low:g}–{high:g}万元")
        return "、".join(parts)

    def possible_sizes(self) -> frozenset[SizeClass]:
        """The classes the stated measures leave open; one when the size is certain, none when unknown."""
        if self.province in ("香港", "澳门", "台湾"):
            decision = self.size_decision()
            return frozenset({decision.size_class}) if decision.size_class else frozenset()
        sector = self.sector or SECTION_SECTOR.get(self.industry or "", "other")
        (low_staff, high_staff), (low_revenue, high_revenue) = self._ends()
        low = _possible_at(sector, low_staff, low_revenue)
        high = _possible_at(sector, high_staff, high_revenue)
        return classes_between(low, high) if low and high else frozenset()

    @property
    def size_certain(self) -> SizeClass | None:
        """The size class only when the stated measures settle it (what an answer may assert)."""
        possible = self.possible_sizes()
        return next(iter(possible)) if len(possible) == 1 else None

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size_class(self) -> SizeClass | None:
        return self.size_decision().size_class

    @computed_field  # type: ignore[prop-decorator]
    @property
    def size_basis(self) -> str:
        return self.size_decision().basis

    @property
    def industry_label(self) -> str | None:
        if self.industry_text:
            return self.industry_text
        return INDUSTRY_SECTIONS[self.industry][0] if self.industry in INDUSTRY_SECTIONS else None

    def region_label_en(self) -> str | None:
        return _region_labels(self.province, self.city, self.district)[1] if self.province else None

    def region_label(self) -> str | None:
        # The catalogue's place label, so a profile and a program's region read alike.
        return _region_labels(self.province, self.city, self.district)[0] if self.province else None

    def missing_for_recommendation(self) -> list[str]:
        """Which of industry, region and size are still unknown (in asking order)."""
        missing = []
        if not self.industry:
            missing.append("industry")
        if not self.province:
            missing.append("region")
        if self.employees is None and self.annual_revenue_cny is None:
            missing.append("size")
        return missing

    def merged_with(self, update: CompanyProfile) -> CompanyProfile:
        """A new profile where every fact stated in `update` wins (the user's correction)."""
        data = self.model_dump(exclude={"size_class", "size_basis"})
        for key, value in update.model_dump(exclude={"size_class", "size_basis"}).items():
            if key == "purchases":
                # A contract of a kind named again with an amount is corrected ("其实算力合同是80万"); other kinds
                # are kept, and so is a figure given before for a kind now named without one ("那个API…").
                # A floor never replaces a figure ("每年肯定超过5万" after "年合同60万", review14 r14-24): it only
                # says the spend clears a threshold; a later exact figure replaces a floor (understand/floors.py).
                # A purchase is its kind in its year (None: this year's): last year's spend said later never replaces
                # this year's contract of the same kind ("对了，去年租算力已经花了20万"), nor this year's last year's.
                def same(item: dict[str, object]) -> tuple[object, object]:
                    return item["kind"], item["year"]

                exact = {same(i) for i in data[key] if i["amount_cny"] is not None and not i["at_least"]}
                value = [i for i in value if not (i["at_least"] and same(i) in exact)]
                restated = {same(item) for item in value if item["amount_cny"] is not None}
                kept = [item for item in data[key] if same(item) not in restated]
                held = {item["kind"] for item in kept}
                data[key] = kept + [i for i in value if i["amount_cny"] is not None or i["kind"] not in held]
            elif isinstance(value, list):
                data[key] = list(dict.fromkeys([*data[key], *value]))
            elif value is not None:
                data[key] = value
        # A figure stated again replaces the range stated before ("二三十人" then "其实有28人").
        if update.employees is not None:
            data["employees_range"] = update.employees_range
        if update.annual_revenue_cny is not None:
            data["annual_revenue_range_cny"] = update.annual_revenue_range_cny
        if update.budget_cny is not None:
            data["budget_other"] = None  # the latest budget wins, whatever its currency
        elif update.budget_other is not None:
            data["budget_cny"] = None
        if update.budget_unlimited:
            data["budget_cny"] = data["budget_other"] = None  # "预算不限" lifts the ceiling stated before
        elif update.budget_cny is not None or update.budget_other is not None:
            data["budget_unlimited"] = None
        if update.province and not update.city and update.province != self.province:
            data["city"] = None  # a new province invalidates the old city
        moved = (data["province"], data["city"]) != (self.province, self.city)
        if moved and not update.district:
            data["district"] = None  # and a new city the old district
        return CompanyProfile.model_validate(data)

    def summary_zh(self) -> str:
        parts = [p for p in (self.region_label(), self.industry_label) if p]
        if self.employees_range:
            parts.append(f"{self.employees_range[0]}–{self.employees_range[1]}人")
        elif self.employees is not None:
            parts.append(f"{self.employees}人")
        if self.annual_revenue_range_cny:
            low, high = (v / 10_000 for v in self.annual_revenue_range_cny)
            parts.append(f"年营收约{low:g}–{high:g}万元")
        elif self.annual_revenue_cny is not None:
            parts.append(f"年营收约{self.annual_revenue_cny / 10_000:g}万元")
        if self.size_certain:
            parts.append(SIZE_LABELS[self.size_certain][0])
        return "，".join(parts)


def _possible_at(sector: str, employees: float | None, revenue: float | None) -> frozenset[SizeClass]:
    decision = classify(sector, employees, revenue)
    if decision.size_class is None:
        return frozenset()
    if not decision.missing:
        return frozenset({decision.size_class})
    return possible_classes(sector, employees, revenue)


@lru_cache(maxsize=1024)  # asked once per funding program judged: ~120 times an ask
def _region_labels(province: str | None, city: str | None, district: str | None) -> tuple[str, str]:
    region = Region.model_construct(province=province, city=city, district=district)
    return region.label, region.label_en
