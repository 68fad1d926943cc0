"""Property tests of the subsidy engine (issue #11): invariants over generated profiles, plans and budgets.

Built directly against the engine (no index, no CLI), so 2,000+ examples stay quick. Deterministic.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.advisor.engine.conditions import Status
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.pack_choice import SolutionPick, choose_pack
from app.advisor.engine.purchases import Purchase, solution_purchases
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.models import AmountRange
from app.catalogue.taxonomy import INDUSTRY_SECTIONS, SpendKind
from app.settings import PROJECT_ROOT
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
PLACES = sorted(
    {(r.province, r.city) for p in CATALOGUE.funding for r in p.eligibility.regions}
    | {("河南", "郑州"), ("湖南", "长沙"), ("陕西", "西安"), ("浙江", "宁波"), (None, None)},
    key=str,
)
SELECTION = {"competitive_selection", "via_pilot_city"}
EXAMPLES = settings(
    max_examples=2000, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def plans(draw: st.DrawFn) -> tuple[CompanyProfile, list[SolutionPick], list[Purchase], date]:
    province, city = draw(st.sampled_from(PLACES))
    profile = CompanyProfile(
        province=province,
        city=city,
        industry=draw(st.none() | st.sampled_from(sorted(INDUSTRY_SECTIONS))),
        employees=draw(st.none() | st.integers(1, 20_000)),
        annual_revenue_cny=draw(st.none() | st.floats(1e5, 5e10)),
        company_age_years=draw(st.none() | st.floats(0, 40)),
        budget_cny=draw(st.none() | st.floats(1_000, 2_000_000)),
    )
    solutions = draw(st.lists(st.sampled_from(CATALOGUE.solutions), max_size=4, unique_by=lambda s: s.id))
    picks = [SolutionPick(s, 1.0) for s in solutions]
    client = [
        Purchase("client", "client", kind, AmountRange(min=amount, max=amount))
        for kind, amount in draw(
            st.lists(st.tuples(st.sampled_from(list(SpendKind)), st.floats(1_000, 5_000_000)), max_size=2)
        )
    ]
    today = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 1000)))
    return profile, picks, client, today


@given(plans())
@EXAMPLES
def test_subsidies_follow_scope_mechanism_verdict_and_arithmetic(plan) -> None:
    profile, picks, client, today = plan
    purchases = [p for pick in picks for p in solution_purchases(pick.solution)] + client
    assessments = [assess(program, profile, today, purchases) for program in CATALOGUE.funding]
    for a in assessments:
        unknown = [c for c in a.conditions if c.status is Status.unknown]
        unmet = [c for c in a.conditions if c.status is Status.unmet]
        if a.verdict is Verdict.eligible:
            # an eligible verdict implies a matched purchase and no unknown or unmet condition
            assert not unknown and not unmet
            assert any(p.kind in a.program.eligibility.spend_scope for p in purchases)
            until = a.program.validity.effective_until
            assert not until or until >= today, a.program.id
            assert a.program.how_to_apply.mechanism not in SELECTION
        assert (a.verdict is Verdict.ineligible) == bool(unmet)
    cost = cost_pack(picks, assessments, profile, client)
    for subsidy in cost.subsidies:
        program = subsidy.assessment.program
        assert subsidy.purchase.kind in program.eligibility.spend_scope  # never outside the scope
        assert program.how_to_apply.mechanism not in SELECTION  # competitive / pilot: no amount at all
        assert subsidy.assessment.verdict is not Verdict.ineligible
        cap = program.benefit.cap
        for end in ("min", "max"):
            amount = getattr(subsidy.amount, end)
            assert 0 <= amount <= getattr(subsidy.purchase.first_year, end) * subsidy.ratio + 0.01
            assert cap is None or amount <= cap + 0.01
        if subsidy.in_net:
            assert subsidy.assessment.verdict is Verdict.eligible
        # rules §5: a published rate, never a running remainder (60% − 50% = 0.0999…)
        published = {program.benefit.ratio} | {r.ratio for r in program.benefit.special_rates}
        assert subsidy.ratio in published, (program.id, subsidy.ratio)
        # §1: a platform- or cluster-bound program gives no figure when the client never said they buy there
        assert program.eligibility.venue is None, program.id
    for purchase in {id(s.purchase): s.purchase for s in cost.subsidies}.values():
        on_item = [s for s in cost.subsidies if s.purchase is purchase]
        caps = {s.combined_cap for s in on_item if s.combined_cap is not None}
        for cap in caps:  # a stacked pair stays within the combined cap of the tier applied
            assert sum(s.amount.max for s in on_item) <= purchase.first_year.max * cap + 0.01
    for a in assessments:  # a negative list excludes whatever else holds
        if profile.industry and profile.industry in a.program.eligibility.excluded_industries:
            assert a.verdict is Verdict.ineligible, a.program.id
        # An R&D program pays developers: a shop, school or clinic that said nothing of developing cannot use it.
        if a.program.eligibility.developers_only and profile.industry and profile.industry not in "CIM":
            assert a.verdict is Verdict.ineligible, a.program.id
    for costed in cost.solutions:
        net, gross = costed.net, costed.first_year
        assert 0 <= net.min <= gross.min + 0.01 and 0 <= net.max <= gross.max + 0.01


@given(
    st.lists(st.tuples(st.sampled_from(CATALOGUE.solutions), st.floats(0.05, 2.0)), max_size=12),
    st.none() | st.floats(500, 500_000),
)
@EXAMPLES
def test_a_pack_fits_the_budget_or_says_it_does_not(ranked, budget) -> None:
    picks = [SolutionPick(s, round(score, 3)) for s, score in ranked]
    picks.sort(key=lambda p: -p.score)
    choice = choose_pack(picks, budget)
    upper = sum(p.solution.cost.first_year_cny.max for p in choice.picks)
    if budget is not None and choice.basic_tier:
        # The need's solution at a basic tier: its low end fits, and the gap to its full configuration is given.
        assert len(choice.picks) == 1 and choice.picks[0].solution.cost.first_year_cny.min <= budget
        assert choice.fits_budget and choice.gap == pytest.approx(upper - budget)
    elif budget is not None:
        assert upper <= budget + 0.01 or (not choice.fits_budget and len(choice.picks) == 1)
        if not choice.fits_budget:
            assert choice.gap == pytest.approx(upper - budget)
    categories = [p.solution.category for p in choice.picks]
    assert len(categories) == len(set(categories))
    assert choice.later is None or choice.later not in choice.picks


# What the client says they bought decides its kind (§1): the head of "GPU服务器" is a server, hardware a compute
# voucher never pays for; rented, the same words are compute rental. Every wording, amount and program.
BOUGHT = ["买了", "购买了", "采购了", "自购了", "新买了", "bought ", "purchased "]
RENTED = ["租了", "租用了", "租赁了", "rented ", "leased "]
HARDWARE = ["GPU服务器", "AI服务器", "算力服务器", "显卡", "GPU servers", "AI servers"]
COMPUTE_VOUCHERS = [p for p in CATALOGUE.funding if SpendKind.compute in p.eligibility.spend_scope]


@given(
    st.sampled_from(BOUGHT + RENTED),
    st.sampled_from(HARDWARE),
    st.integers(1, 5_000),
    st.sampled_from(PLACES),
)
@EXAMPLES
def test_hardware_bought_is_never_compute_and_gets_no_compute_subsidy(verb, noun, wan, place) -> None:
    english = verb.endswith(" ")
    text = f"we {verb}{wan * 10}k RMB of {noun}" if english else f"我们{verb}{wan}万的{noun}"
    stated = named_purchases(text)
    assert len(stated) == 1, text
    rented = verb in RENTED
    assert stated[0].kind is (SpendKind.compute if rented else SpendKind.ai_equipment), text
    profile = CompanyProfile(province=place[0], city=place[1], employees=30, industry="I")
    assessments = [assess(p, profile, date(2026, 11, 28), stated) for p in COMPUTE_VOUCHERS]
    subsidies = cost_pack([], assessments, profile, stated).client
    assert rented or not subsidies, (text, [s.program_id for s in subsidies])
