"""What a consultant checks in every answer, over generated owner messages (the JSON contract, end to end).

tests/test_engine_properties.py checks the engine's own objects; this checks what reaches the client: the
verdicts, the subsidy lines, the net cost and the budget sentence of `ask` on messages built the way owners
state their business (place, trade, headcount, budget, a need, sometimes a contract), in Chinese and English,
mainland, Hong Kong/Taiwan and abroad. Deterministic (`derandomize=True`) and over the run's one shared index.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.advisor.contract import AdviceResponse
from app.advisor.engine.arithmetic import product
from app.advisor.engine.conditions import Status
from app.advisor.engine.contract_dates import program_start
from app.advisor.engine.costing import IN_NET, cost_pack
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.notices import deadline_notes
from app.advisor.engine.purchase_places import located
from app.advisor.engine.purchase_terms import applies, on_the_purchase
from app.advisor.engine.purchases import Purchase, pays_for, solution_purchases
from app.advisor.service import AdvisorService
from app.advisor.understand.plans import said_purchases
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.stated_purchase import StatedPurchase
from app.catalogue.models import AmountRange, FundingProgram
from app.evaluation.advisor_metrics import invented_programs
from app.text.normalize import normalize
from tests.test_advisor_scenarios import with_shared_catalogue
from tests.test_engine_properties import CATALOGUE, plans

# (Chinese, English, province as the profile holds it or None abroad). Mainland cities with programs of their
# own, one without, the two SAR/Taiwan cases and two foreign cities.
PLACES = [
    ("深圳", "Shenzhen", "广东"),
    ("杭州", "Hangzhou", "浙江"),
    ("上海", "Shanghai", "上海"),
    ("成都", "Chengdu", "四川"),
    ("西安", "Xi'an", "陕西"),
    ("武汉", "Wuhan", "湖北"),
    ("香港", "Hong Kong", "香港"),
    ("台北", "Taipei", "台湾"),
    ("东京", "Tokyo", None),
    ("新加坡", "Singapore", None),
]
TRADES = [
    ("餐厅", "restaurant"),
    ("服装厂", "garment factory"),
    ("网店", "online shop"),
    ("物流公司", "logistics firm"),
]
NEEDS = [
    ("做智能客服，回复顾客咨询", "answer customer questions with a chatbot"),
    ("预测销量和备货", "forecast sales and stock"),
    ("做质检，检查产品瑕疵", "inspect products for defects"),
    ("调用大模型API写营销文案", "use a large-model API to write marketing copy"),
]
# What owners add that settles conditions (size needs revenue, some programs an age) or names a purchase.
FACTS = [("", ""), ("，年营收{r}万，成立{y}年", ", revenue {r}0k RMB a year, founded {y} years ago")]
CONTRACTS = [
    ("", ""),
    ("，准备租{n}万的GPU算力", ", we plan to rent {n}0k RMB of GPU compute"),
    ("，打算买{n}万的大模型API调用", ", we will buy {n}0k RMB of large-model API calls"),
]
EXAMPLES = settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    """conftest's fresh advisor (own sessions, pinned date), without re-parsing the YAML catalogue."""
    return with_shared_catalogue(advisor)


@st.composite
def owner_messages(draw: st.DrawFn) -> tuple[str, str | None]:
    """An owner's first message and the province its place is in (None: abroad)."""
    zh_place, en_place, province = draw(st.sampled_from(PLACES))
    zh_trade, en_trade = draw(st.sampled_from(TRADES))
    zh_need, en_need = draw(st.sampled_from(NEEDS))
    zh_contract, en_contract = draw(st.sampled_from(CONTRACTS))
    zh_facts, en_facts = draw(st.sampled_from(FACTS))
    staff, budget_wan = draw(st.integers(3, 400)), draw(st.integers(1, 200))
    figures = {
        "n": draw(st.integers(1, 80)),
        "r": draw(st.integers(50, 30_000)),
        "y": draw(st.integers(1, 20)),
    }
    if draw(st.booleans()):
        message = (
            f"我们是{zh_place}的一家{zh_trade}，{staff}个员工{zh_facts.format(**figures)}，预算{budget_wan}万，"
            f"想用AI{zh_need}{zh_contract.format(**figures)}，有什么补贴？"
        )
    else:
        message = (
            f"We are a {staff}-person {en_trade} in {en_place}{en_facts.format(**figures)}, with a budget of "
            f"{budget_wan * 10}k RMB; we want AI to {en_need}{en_contract.format(**figures)}. Any subsidies?"
        )
    return message, province


def _published(program: FundingProgram) -> set[float]:
    return {program.benefit.ratio} | {r.ratio for r in program.benefit.special_rates}


def _in_place(program: FundingProgram, province: str | None) -> bool:
    """Whether a company registered in `province` (None: abroad) is where the program pays at all."""
    regions = {r.province for r in program.eligibility.regions}
    if regions:
        return province in regions
    return province is not None and province not in ("香港", "澳门", "台湾")  # national: the mainland


# The budget sentences (compose/budget.py): "within" only for a pack whose upper end fits, "over" otherwise.
_WITHIN = re.compile(r"在(?:您的)?预算[^，。；]{0,20}以内|within your budget of")
_OVER = re.compile(r"超出(?:您的)?预算|over (?:your )?budget|over it")


@given(owner_messages())
@EXAMPLES
def test_every_answer_holds_what_a_consultant_checks(advisor: AdvisorService, said: tuple[str, str | None]):
    message, province = said
    response = advisor.ask(message)
    catalogue = {p.id: p for p in advisor.catalogue.funding}
    assert_catalogue_only(response, advisor, catalogue)
    assert_verdicts_follow_conditions(response)
    assert_subsidy_arithmetic(response, catalogue)
    assert_net_is_gross_less_subsidies(response)
    assert_nothing_paid_outside_the_place(response, catalogue, province)
    assert_budget_said_truly(response)


def assert_catalogue_only(
    response: AdviceResponse, advisor: AdvisorService, catalogue: dict[str, FundingProgram]
) -> None:
    """No program outside the catalogue, in the lists or named in the text ("重庆算力券" when none is held)."""
    assert {f.id for f in response.funding} <= set(catalogue)
    assert {s.program_id for s in response.subsidies} <= set(catalogue)
    assert not invented_programs(response, advisor), response.answer


def assert_verdicts_follow_conditions(response: AdviceResponse) -> None:
    """✅ only with every condition met; ❌ only with one unmet (advice_rules §3)."""
    for funding in response.funding:
        statuses = [(c.name, c.status) for c in funding.conditions]  # a program may have two "special"
        if funding.verdict == "eligible":
            assert all(status == "met" for _, status in statuses), (funding.id, statuses)
        if funding.verdict == "ineligible":
            assert any(status == "unmet" for _, status in statuses), (funding.id, statuses)


def assert_subsidy_arithmetic(response: AdviceResponse, catalogue: dict[str, FundingProgram]) -> None:
    """Each subsidy line: a published rate on an item in the program's scope, ratio × base within the cap;
    subtracted from the net only on an eligible verdict of a deduction or claim program."""
    verdicts = {f.id: f.verdict for f in response.funding}
    for line in response.subsidies:
        program = catalogue[line.program_id]
        assert line.kind in program.eligibility.spend_scope, (line.program_id, line.kind)
        assert line.ratio in _published(program), (line.program_id, line.ratio)
        for end in ("min", "max"):
            amount = getattr(line.amount_cny, end)
            assert 0 <= amount <= getattr(line.base_cny, end) * line.ratio + 0.01, (line.program_id, end)
            assert line.cap_cny is None or amount <= line.cap_cny + 0.01, (line.program_id, end)
        if line.in_net_cost:
            assert verdicts.get(line.program_id) == "eligible", line.program_id
            assert program.how_to_apply.mechanism in IN_NET, (line.program_id, program.how_to_apply.mechanism)


def assert_net_is_gross_less_subsidies(response: AdviceResponse) -> None:
    """A solution's net first-year cost is its gross less the subsidies subtracted on it, never below zero."""
    for solution in response.solutions:
        gross, net = solution.first_year_cost_cny, solution.net_first_year_cost_cny
        on_it = [s for s in response.subsidies if s.solution_id == solution.id and s.in_net_cost]
        for end in ("min", "max"):
            saved = sum(getattr(s.amount_cny, end) for s in on_it)
            assert getattr(net, end) == pytest.approx(max(0.0, getattr(gross, end) - saved), abs=1.0), (
                solution.id,
                end,
            )


def assert_nothing_paid_outside_the_place(
    response: AdviceResponse, catalogue: dict[str, FundingProgram], province: str | None
) -> None:
    """A company registered abroad, in Hong Kong or in Taiwan gets no mainland program's ✅ or money, and a
    mainland company none of another place's (r9-37: the place of registration decides)."""
    if response.profile.province != province:
        return  # the place was misread: the understanding tests' business, not this one's
    for funding in response.funding:
        if funding.verdict == "eligible":
            assert _in_place(catalogue[funding.id], province), (funding.id, province)
    for line in response.subsidies:
        if line.in_net_cost:
            assert _in_place(catalogue[line.program_id], province), (line.program_id, province)


def assert_budget_said_truly(response: AdviceResponse) -> None:
    """The budget is first-year cash before subsidies (§6): a pack whose upper end exceeds it is said to;
    one said to be within it is."""
    budget = response.profile.budget_cny
    if budget is None or not response.solutions:
        return
    upper = sum(s.first_year_cost_cny.max for s in response.solutions)
    if _WITHIN.search(response.answer):
        assert upper <= budget + 0.01, (upper, budget, response.answer)
    if upper > budget + 0.01:
        assert _OVER.search(response.answer), (upper, budget, response.answer)


@given(plans())
@settings(max_examples=500, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_the_engine_pays_only_where_the_company_is_and_subtracts_only_claims(plan) -> None:
    """The same two checks on the engine's own objects, where generated profiles reach every place the catalogue
    names (Hong Kong and Taiwan among them) and subtracted subsidies occur far more often than in answers."""
    profile, picks, client, today = plan
    purchases = [p for pick in picks for p in solution_purchases(pick.solution)] + client
    assessments = [assess(program, profile, today, purchases) for program in CATALOGUE.funding]
    for a in assessments:
        if a.verdict is Verdict.eligible:
            assert _in_place(a.program, profile.province), (a.program.id, profile.province)
    for subsidy in cost_pack(picks, assessments, profile, client).subsidies:
        if subsidy.in_net:
            assert subsidy.assessment.program.how_to_apply.mechanism in IN_NET, subsidy.program_id
            assert _in_place(subsidy.assessment.program, profile.province), subsidy.program_id


# What owners say that settles (or not) a program's own condition on the purchase.
PURCHASE_WORDS = [
    "",
    "用的是已经备案的通义千问API",
    "用ChatGPT的API",
    "通过市里的统一算力调度平台租用算力",
    "租GPU训练我们自己的模型",
    "we call a filed domestic model's API",
]


@given(plans(), st.sampled_from(PURCHASE_WORDS))
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_an_eligible_verdict_leaves_no_condition_on_the_purchase_unknown(plan, words: str) -> None:
    """✅ means every condition the program's text puts on the matched purchase was judged and holds: a filed
    model behind model services, the city's platform for compute (review9 r9-02: 杭州算力券 ✅ for API calls with
    its filed-model rule never judged). A rule about another kind than the client buys does not apply."""
    profile, picks, client, today = plan
    purchases = [p for pick in picks for p in solution_purchases(pick.solution)] + client
    said = normalize(words).lower()
    for program in CATALOGUE.funding:
        assessment = assess(program, profile, today, purchases, said)
        if assessment.verdict is not Verdict.eligible:
            continue
        judged = [c for c in assessment.conditions if c.name in ("special", "venue")]
        assert all(c.status is Status.met for c in judged), (program.id, judged)
        for rule in program.eligibility.requirements:
            if on_the_purchase(rule) and applies(rule, program, purchases, said):
                assert judged, (program.id, rule)  # a judged condition speaks for it


@given(plans(), st.sampled_from(PURCHASE_WORDS), st.booleans())
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_a_deadline_urges_an_application_only_for_a_program_paying_for_what_the_client_buys(
    plan, words: str, plan_unknown: bool
) -> None:
    """ "⏰ … apply before then" leads only for a program that pays for something the client buys or names
    (review14 r14-55: Shandong's compute voucher urged a model developer who named no compute to apply)."""
    profile, picks, client, today = plan
    purchases = (
        None if plan_unknown else [p for pick in picks for p in solution_purchases(pick.solution)] + client
    )
    said = normalize(words).lower()
    named = {p.kind for p in said_purchases(said)}
    for program in CATALOGUE.funding:
        assessment = assess(program, profile, today, purchases, said)
        notes = " ".join(deadline_notes([assessment], today, "有什么补贴", "zh"))
        if "请在此之前完成申报" not in notes:
            continue
        purchase = [c for c in assessment.conditions if c.name == "purchase"]
        assert (
            not purchase
            or purchase[0].status is Status.met
            or any(pays_for(program, p) for p in purchases or [])
            or named & set(program.eligibility.spend_scope)
        ), (program.id, words, [c.reason.zh for c in purchase])


# What clients say of the tier a stackable program rated them at ("智能券评的是10%"): it sets the pair's cap.
TIER_WORDS = [
    "",
    "智能券评的是10%",
    "智能券是30%那一档",
    "we were rated at 10% for the smart voucher",
    "the 30% tier",
]
# Every program the catalogue lets stack, with a place it pays in and the spend kinds it shares with a partner.
STACKING = [
    (
        program,
        program.eligibility.regions[0],
        sorted(set(program.eligibility.spend_scope) & set(partner.eligibility.spend_scope)),
    )
    for program in CATALOGUE.funding
    if program.eligibility.regions
    for partner in (CATALOGUE.program(pid) for pid in program.benefit.stacking.stackable_with)
    if partner is not None
]


@st.composite
def stacked_purchases(draw: st.DrawFn) -> tuple[CompanyProfile, list[Purchase], str]:
    """A company where two stackable programs pay, buying what both pay for, saying (or not) its tier."""
    _, region, kinds = draw(st.sampled_from(STACKING))
    profile = CompanyProfile(
        province=region.province,
        city=region.city,
        industry=draw(st.sampled_from(["C", "I", "F", "M"])),
        employees=draw(st.integers(5, 900)),
        annual_revenue_cny=draw(st.floats(5e5, 5e8)),
        company_age_years=draw(st.floats(1, 20)),
    )
    amount = draw(st.floats(10_000, 20_000_000))
    bought = Purchase("client", "client", draw(st.sampled_from(kinds)), AmountRange(min=amount, max=amount))
    return profile, [bought], draw(st.sampled_from(TIER_WORDS))


@given(stacked_purchases())
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_a_combination_is_never_advised_below_the_best_program_alone(case) -> None:
    """r9-02/51: stacking at a low tier ("pair capped at 30%") must not give less than the compute voucher alone
    (50%): programs stacked on one item add up to at least what the best of them pays alone, within the cap
    of the tier applied."""
    profile, client, words = case
    today = date(2026, 11, 23)
    assessments = [assess(program, profile, today, client, normalize(words)) for program in CATALOGUE.funding]
    cost = cost_pack([], assessments, profile, client)
    stacked = [s for s in cost.subsidies if s.purchase is client[0]]
    if len(stacked) < 2:
        return
    together = sum(s.amount.max for s in stacked)
    assert together + 0.01 >= max(s.own_amount.max for s in stacked), [s.program_id for s in stacked]
    for cap in {s.combined_cap for s in stacked if s.combined_cap is not None}:
        assert together <= client[0].first_year.max * cap + 0.01, ([s.program_id for s in stacked], cap)


# Where owners say they buy compute or data: inside and outside the places programs require (review13 r13-55).
BOUGHT_AT = [
    "贵州",
    "贵阳",
    "济南",
    "青岛",
    "乌兰察布",
    "中卫",
    "庆阳",
    "成都",
    "杭州",
    "北京",
    "廊坊",
    "深圳",
]
# Every program that says where its spend must be bought (a stated condition's or a venue's places).
PLACED = [
    (program, places)
    for program in CATALOGUE.funding
    for places in (
        [r for rule in program.eligibility.stated_conditions for r in rule.bought_in]
        + (program.eligibility.venue.bought_in if program.eligibility.venue else []),
    )
    if places
]


@given(st.sampled_from(PLACED), st.sampled_from(BOUGHT_AT), st.data())
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_a_stated_purchase_place_is_never_left_to_confirm(placed, where: str, data) -> None:
    """Where the client says it buys settles a program's purchase place: bought elsewhere is ❌ with a reason
    naming where they buy; bought inside is never ❌ for the place and never 'you did not say you buy there'."""
    program, places = placed
    region = located(where)
    assert region is not None, where
    kind = data.draw(st.sampled_from(program.eligibility.spend_scope))
    home = program.eligibility.regions[0] if program.eligibility.regions else places[0]
    profile = CompanyProfile(
        province=home.province,
        city=home.city,
        industry=data.draw(st.sampled_from(["C", "I", "F"])),
        employees=data.draw(st.integers(5, 900)),
        purchases=[StatedPurchase(kind=kind, amount_cny=300_000, said="租算力", where=where)],
    )
    bought = Purchase("client", "client", kind, AmountRange(min=300_000, max=300_000), stated=True)
    assessment = assess(program, profile, date(2026, 11, 28), [bought], "租算力")
    inside = any(r.province == region.province and (not r.city or r.city == region.city) for r in places)
    about_place = [c for c in assessment.conditions if where in c.reason.zh]
    if inside:
        assert not any(c.status is Status.unmet for c in about_place), (program.id, where, about_place)
        assert not any("您没有说在那里采购" in c.reason.zh for c in assessment.conditions), program.id
    elif not any(r.province == region.province and r.city and not region.city for r in places):
        # (a province named where the program wants one of its cities settles nothing)
        assert assessment.verdict is Verdict.ineligible, (program.id, where)
        assert any(c.status is Status.unmet for c in about_place), (program.id, where, assessment.conditions)


# How owners date a contract already signed (contract_dates.py reads the year in the clause that signs or buys).
SIGNED_WORDS = [
    "合同是{y}年签的",
    "{y}年就签了改造合同",
    "we signed the contract back in {y}",
    "设备{y}年就买了",
]


@given(plans(), st.sampled_from(SIGNED_WORDS), st.integers(2015, 2026))
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_a_contract_dated_before_a_program_began_is_never_eligible_for_it(
    plan, words: str, year: int
) -> None:
    """review15 r15-53: a 2022 contract and the 2023 Dalian pilot. The catalogue holds no retroactive rule, so a
    program that began after the client signed is never ✅ for it: to confirm with the issuer, or ruled out."""
    profile, picks, client, today = plan
    purchases = [p for pick in picks for p in solution_purchases(pick.solution)] + client
    said = normalize(words.format(y=year)).lower()
    for program in CATALOGUE.funding:
        start = program_start(program)
        if start is None or year >= start or year >= today.year:
            continue
        assert assess(program, profile, today, purchases, said).verdict is not Verdict.eligible, program.id


@given(plans(), st.floats(10_000, 3_000_000))
@settings(max_examples=300, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
def test_a_floor_is_never_written_as_the_amount_of_a_product(plan, floor: float) -> None:
    """A purchase known only by a floor ("每年肯定超过20万") is said "至少…按实际金额", never "20万 × 50%": the rate
    applies to what the client actually spends, which they have not said."""
    profile, _, client, today = plan
    floors = [
        Purchase(p.name_zh, p.name_en, p.kind, AmountRange(min=floor, max=floor), stated=True, at_least=True)
        for p in client
    ]
    assessments = [assess(program, profile, today, floors) for program in CATALOGUE.funding]
    for subsidy in cost_pack([], assessments, profile, floors).client:
        said = product(subsidy)
        assert "至少" in said.zh and "按实际金额" in said.zh, said.zh
        assert "at least" in said.en and " × " not in said.en.split("actual amount")[0], said.en
