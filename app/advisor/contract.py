"""The stable JSON contract returned by `ask` (CLI, Python, HTTP).

Field names and enum values are what evaluation scripts parse; change them
only with a version bump of the contract.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from app.catalogue.taxonomy import FundingType, SizeClass, SolutionCategory

Lang = Literal["zh", "en"]  # the language of an answer (zh-Hant questions are answered in zh)

Intent = Literal[
    "recommend_pack",
    "funding_eligibility",
    "how_to_apply",
    "policy_question",
    "compare_solutions",
    "cost_estimate",
    "smalltalk",
    "out_of_scope",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CostRange(_Model):
    min: float
    max: float


class SolutionOut(_Model):
    id: str
    name: str
    category: SolutionCategory
    score: float
    first_year_cost_cny: CostRange
    net_first_year_cost_cny: CostRange
    why: str
    citations: list[int] = Field(default_factory=list)


class ConditionOut(_Model):
    """One condition of a program checked against the client's facts (advice_rules.md §3)."""

    name: Literal[
        "region",
        "size",
        "industry",
        "age",
        "legal_form",
        "venue",
        "developer",
        "validity",
        "window",
        "special",
        "selection",
        "pilot_city",
        "purchase",
        "threshold",
        "timing",
    ]
    status: Literal["met", "unmet", "unknown"]
    detail: str


class FundingOut(_Model):
    id: str
    name: str
    type: FundingType
    issuer: str
    region: str
    verdict: Literal["eligible", "ineligible", "unknown"]
    reasons: list[str]
    benefit: str
    # What one firm can get, short enough for a table cell: the catalogue's own clause where no ratio or cap is
    # published (a pilot city's budget is not the firm's), else the published ratio and cap.
    per_firm: str = ""
    max_amount_cny: float | None
    deadline: str | None
    source_url: str
    # How the money arrives: two_step_claim, instant_deduction, vendor_deduction, post_award, via_platform,
    # no_application, competitive_selection, via_pilot_city, tax_filing. Only deduction and claim programs
    # on an eligible verdict reduce the net cost.
    mechanism: str = ""
    conditions: list[ConditionOut] = Field(default_factory=list)
    # False: judged (the verdict stands) but not written out in the answer, which lists what can help the
    # client and says in one line how many more were checked (an ineligible program nobody asked about).
    listed: bool = True


class SubsidyOut(_Model):
    """One program on one purchase item: the numbers the arithmetic text is written from."""

    program_id: str
    solution_id: str | None  # None: a contract the client named ("a 30万 compute contract")
    purchase_item: str
    kind: str  # the item's spend kind, which is in the program's spend scope
    base_cny: CostRange  # the matched amount: the item's first-year cost, or the client's own figure
    ratio: float
    amount_cny: CostRange  # min(ratio × base, published cap)
    cap_cny: float | None
    in_net_cost: (
        bool  # True: deducted in the net cost (eligible deduction/claim); False: "up to", shown apart
    )


class CitationOut(_Model):
    n: int
    source: str
    chunk_id: str
    title: str
    quote: str


class PurchaseOut(_Model):
    """A thing the client says they buy, with their amount when they gave one (a purchase, never the budget)."""

    kind: str
    # the first year's spend; null: named without an amount (the catalogue range is used, said as such)
    amount_cny: float | None = None
    monthly_cny: float | None = None  # the client gave a monthly figure: amount_cny is twelve of it
    # the period the client priced it per (week, month, quarter, half_year) and the figure per period in the
    # purchase's currency: amount_cny (or amount_other) is the year ("每季度2万" -> 80000, per_period 20000)
    period: str | None = None
    per_period: float | None = None
    # priced in another currency ("HK$800k"): its ISO code and the amount as stated, never converted
    # (amount_cny is then null)
    currency: str | None = None
    amount_other: float | None = None
    whole: bool = False  # a quote for a whole solution: the solution costs this, nothing added on top
    said: str = ""  # the client's words naming it: which pack solution it is, if any (else its own line)
    loan: bool = False  # bought with a loan: amount_cny is the loan; the client's own equipment, its own line
    ongoing: bool = False  # already paid and still being paid (not a past one-off spend)
    where: str | None = None  # where it is bought ("济南", "贵州"), when said; not the company's place
    at_least: bool = False  # said as a floor ("至少20万", "over 50k a year"): the spend is this or more
    # a past spend: the calendar year before this one the client says it was bought/signed/paid ("去年" -> last year,
    # "2024年签的" -> 2024), judged against a program's start, never this year's cost; null: this year's or no year said
    year: int | None = None


class ProfileOut(_Model):
    industry: str | None = None
    industry_text: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    employees: int | None = None
    employees_range: tuple[int, int] | None = (
        None  # both ends of a headcount given as a range; employees = upper
    )
    annual_revenue_cny: float | None = None
    annual_revenue_range_cny: tuple[float, float] | None = None  # both ends of a revenue range, likewise
    company_age_years: float | None = None
    legal_form: str | None = (
        None  # company, one_person_company, partnership, sole_proprietorship, individual_business
    )
    budget_cny: float | None = None
    budget_other: str | None = (
        None  # a budget in another currency, as stated; never converted (no rates held)
    )
    budget_unlimited: bool | None = None  # the client said there is no budget ceiling
    purchases: list[PurchaseOut] = Field(default_factory=list)
    pain_points: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    it_skill: str | None = None
    existing_it: list[str] = Field(default_factory=list)
    sector: str | None = None
    size_class: SizeClass | None = None
    size_basis: str | None = None


class Timings(_Model):
    understand: float = 0.0
    retrieve: float = 0.0
    recommend: float = 0.0
    compose: float = 0.0
    total: float = 0.0


class AdviceResponse(_Model):
    id: str
    answer: str
    language: Lang
    intent: Intent
    mode: Literal["offline", "llm"]
    profile: ProfileOut
    clarifying_questions: list[str] = Field(default_factory=list)
    solutions: list[SolutionOut] = Field(default_factory=list)
    funding: list[FundingOut] = Field(default_factory=list)
    citations: list[CitationOut] = Field(default_factory=list)
    timings_ms: Timings = Timings()
    # Extra, additive fields for UIs; evaluation scripts may ignore them.
    session_id: str | None = None
    has_evidence: bool = True
    notices: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    arithmetic: list[str] = Field(default_factory=list)
    subsidies: list[SubsidyOut] = Field(default_factory=list)
