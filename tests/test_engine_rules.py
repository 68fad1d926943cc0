"""The engine's consultant rules on single, readable cases (advice_rules.md), without the index."""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.conditions import Status
from app.advisor.engine.costing import cost_pack
from app.advisor.engine.coverage_notes import no_program_for_place
from app.advisor.engine.eligibility import Verdict, assess
from app.advisor.engine.guarantee import guarantee_note
from app.advisor.engine.notices import deadline_notes
from app.advisor.engine.pack_choice import SolutionPick, choose_pack
from app.advisor.engine.programs import select_programs
from app.advisor.engine.purchases import solution_purchases
from app.advisor.understand.certainty import asks_for_certainty
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import named_purchases

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
HANGZHOU_SME = CompanyProfile(
    province="浙江", city="杭州", industry="I", employees=30, annual_revenue_cny=5e6
)


def _program(program_id: str):
    program = CATALOGUE.program(program_id)
    assert program is not None
    return program


def _solution(solution_id: str):
    solution = CATALOGUE.solution(solution_id)
    assert solution is not None
    return solution


@pytest.mark.parametrize(
    ("message", "kind", "amount"),
    [
        ("我们签了一个30万的算力合同做面料瑕疵模型训练", "compute", 300_000),
        ("每年调用大模型API大概40万", "model_service", 400_000),
        ("要外包标注5000张图片，标注合同8万", "data_labeling", 80_000),
        ("We'll spend about 200k RMB on API calls to a filed domestic model", "model_service", 200_000),
        ("buying 100k RMB of compute from a Shandong provider", "compute", 100_000),
        ("有没有算力券？想租GPU，大概20万", "compute", 200_000),  # the voucher named, the rental bought
    ],
)
def test_a_contract_the_client_names_becomes_a_purchase_with_their_amount(message, kind, amount):
    found = named_purchases(message)
    assert [(p.kind, p.first_year.max) for p in found] == [(kind, amount)]


@pytest.mark.parametrize(
    "message",
    [
        "杭州一家20人的餐厅，年营收800万，预算3万以内",
        "深圳训力券保证能拿1000万吗？",
        "5000张图片要标注",
        # a ceiling and a voucher's name: the clinic buys no compute (blind review, 2026-11-29)
        "成都一家口腔诊所，12个人，想用AI做患者预约和病历整理，5w以内，有没有算力券之类的可以用",
    ],
)
def test_budgets_revenues_hoped_for_amounts_and_counts_are_not_purchases(message):
    assert named_purchases(message) == []


def test_a_compute_voucher_pays_nothing_on_a_saas_subscription():
    """The Hangzhou compute voucher and a restaurant's forecasting SaaS: no matching purchase, no money (§1)."""
    pick = SolutionPick(_solution("restaurant-prep-forecast"), 1.0)
    purchases = solution_purchases(pick.solution)
    assessment = assess(_program("hz-compute-voucher-2025"), HANGZHOU_SME, TODAY, purchases)
    assert assessment.verdict is Verdict.ineligible
    assert [c.name for c in assessment.conditions if c.status is Status.unmet] == ["purchase"]
    assert cost_pack([pick], [assessment], HANGZHOU_SME).subsidies == []


def test_the_clients_figure_is_costed_within_the_tier_and_the_cap():
    """30万 of compute in Hangzhou: the SME rate up to 50万 of contracts, the smart voucher only as 'up to'."""
    unknown_tier = named_purchases("签了一个30万的算力合同")
    programs = [
        assess(_program(p), HANGZHOU_SME, TODAY, unknown_tier)
        for p in ("hz-compute-voucher-2025", "hz-smart-voucher-2025")
    ]
    # The smart voucher's tier is assessed (30% or 10%): unstated, it gets no figure of its own (review6 c03).
    assert [s.program_id for s in cost_pack([], programs, HANGZHOU_SME, unknown_tier).client] == [
        "hz-compute-voucher-2025"
    ]
    stated_tier = "签了一个30万的算力合同，智能券评的是30%档"
    client = named_purchases(stated_tier)
    programs = [
        assess(_program(p), HANGZHOU_SME, TODAY, client, normalize(stated_tier))
        for p in ("hz-compute-voucher-2025", "hz-smart-voucher-2025")
    ]
    cost = cost_pack([], programs, HANGZHOU_SME, client)
    by_program = {s.program_id: s for s in cost.client}
    compute = by_program["hz-compute-voucher-2025"]
    # "不超过50%" is a ceiling: an "up to", never counted in the net cost (advice_rules §5, review5 c25).
    assert not compute.in_net and compute.ratio == 0.5 and compute.amount.max == pytest.approx(150_000)
    smart = by_program["hz-smart-voucher-2025"]
    assert not smart.in_net  # its issuer is unconfirmed: shown as "up to", never subtracted
    # The smart voucher's rate is its published tier (30%), never a remainder like 60% − 50% = 0.0999…; the
    # pair is held to that tier's combined cap (60%), so the smart voucher adds 3万 on 30万.
    assert smart.ratio == 0.3 and smart.combined_cap == compute.combined_cap == 0.6
    assert compute.amount.max + smart.amount.max == pytest.approx(180_000)
    assert smart.amount.max == 30_000
    assert "合计不超过60%" in smart.arithmetic.zh and "最多18万元" in smart.arithmetic.zh
    assert "30万元 × 最高50% = 最多15万元" in compute.arithmetic.zh  # the text gives a ceiling (不超过50%)
    # The text's arithmetic is true as written: 30% of 30万 is 9万, the pair's cap said as published; the other
    # tier (10%) is not named, since the client said which tier they were rated at (review8 r8-03).
    assert "30万元 × 30% = 9万元" in smart.arithmetic.zh and "= 3万元" not in smart.arithmetic.zh
    assert "10%档" not in smart.arithmetic.zh and "10%档" not in compute.arithmetic.zh


def test_competitive_and_pilot_programs_are_never_eligible_nor_subtracted():
    profile = CompanyProfile(province="四川", city="成都", industry="P", employees=25, annual_revenue_cny=3e6)
    pick = SolutionPick(_solution("school-course-scheduling"), 1.0)
    purchases = solution_purchases(pick.solution)
    programs = [
        assess(_program(p), profile, TODAY, purchases)
        for p in ("cd-scenario-award-2025", "cn-sme-dx-pilot-city-2023")
    ]
    assert all(a.verdict is Verdict.unknown and a.selection_only for a in programs)
    assert cost_pack([pick], programs, profile).subsidies == []


def test_no_region_rule_is_not_open_to_everyone():
    cafe = CompanyProfile(province="湖南", city="长沙", industry="H", employees=6)
    compute = named_purchases("打算租30万的算力")
    assessment = assess(_program("gz-compute-voucher-2023"), cafe, TODAY, compute)
    assert assessment.verdict is Verdict.unknown
    assert any("贵州" in r.zh for r in assessment.reasons)


def test_ended_programs_are_ineligible_with_their_date_and_soon_ending_ones_lead_with_days_left():
    beijing = assess(_program("bj-compute-voucher-2023"), CompanyProfile(province="北京", city="北京"), TODAY)
    assert beijing.verdict is Verdict.ineligible and any("2025-12-31" in r.zh for r in beijing.reasons)
    shenzhen = assess(_program("sz-model-voucher-2024"), CompanyProfile(province="广东", city="深圳"), TODAY)
    # Nothing bought is named: listed beside other programs, its date is no call to apply (review14 r14-55).
    assert deadline_notes([shenzhen], TODAY, "深圳有什么补贴", "zh") == []
    shenzhen.asked = True  # "深圳模型券" names it: the date and days left lead, with what it pays for
    notes = deadline_notes([shenzhen], TODAY, "深圳模型券", "zh")
    assert notes and "2026-12-17" in notes[0] and "19天" in notes[0]
    assert "请在此之前完成申报" not in notes[0] and "大模型服务" in notes[0]
    bought = named_purchases(
        "每月调用大模型API大概1万"
    )  # a model service named: now the date is a call to act
    shenzhen = assess(
        _program("sz-model-voucher-2024"), CompanyProfile(province="广东", city="深圳"), TODAY, bought
    )
    assert "请在此之前完成申报" in deadline_notes([shenzhen], TODAY, "深圳有什么补贴", "zh")[0]


def test_a_program_the_client_cannot_use_does_not_lead_with_its_deadline_unless_time_is_asked():
    compute = named_purchases("打算租30万的算力")
    shenzhen = assess(
        _program("sz-model-voucher-2024"), CompanyProfile(province="广东", city="深圳"), TODAY, compute
    )
    assert shenzhen.verdict is Verdict.ineligible  # a model voucher does not pay for compute rental
    assert deadline_notes([shenzhen], TODAY, "我们要租算力", "zh") == []
    # Asked about time, a date leads only for a program that can apply (review7 p5), unless the client names it.
    assert deadline_notes([shenzhen], TODAY, "还来得及吗", "zh") == []
    shenzhen.asked = True  # "模型券还来得及吗" names it: its date, and that it does not apply, are the answer
    assert "2026-12-17" in deadline_notes([shenzhen], TODAY, "模型券还来得及吗", "zh")[0]


def test_a_guarantee_is_refused_with_the_spend_the_cap_implies():
    shenzhen = assess(
        _program("sz-training-voucher-2024"), CompanyProfile(province="广东", city="深圳"), TODAY
    )
    lines = guarantee_note(asks_for_certainty("训力券保证能拿1000万吗"), [shenzhen], "zh")
    assert "不能保证" in lines[0] and "2000万元" in lines[1]
    assert "发文单位" in lines[-1]  # the issuer decides and confirms


def test_a_place_without_programs_hears_so_with_the_national_channel():
    # Hainan has no catalogued program (knowledge/coverage.yaml documents the search); Changsha no longer
    # serves here since its SME pilot was catalogued.
    lines = no_program_for_place(CompanyProfile(province="海南", city="海口"), CATALOGUE, "zh")
    assert lines and "海南" in lines[0] and "试点" in lines[0]
    assert no_program_for_place(HANGZHOU_SME, CATALOGUE, "zh") == []


def test_a_large_firm_told_sme_funds_are_not_for_it_hears_no_sme_channel_as_nearest():
    """review14 r14-49: "SME funds are not for you", then "the nearest national channel is the SME … pilot"."""
    group = CompanyProfile(
        province="海南", city="海口", industry="C", employees=3000, annual_revenue_cny=4_000_000_000
    )
    (line,) = no_program_for_place(group, CATALOGUE, "en")
    assert "SME digital transformation" not in line and "technical retrofit" in line
    shop = CompanyProfile(province="海南", city="海口", industry="F", employees=3000, annual_revenue_cny=4e9)
    (line,) = no_program_for_place(shop, CATALOGUE, "zh")  # the retrofit pilot is for manufacturing only
    assert "最接近" not in line and "海南" in line


def test_when_the_need_does_not_fit_the_budget_the_cheapest_start_and_the_gap_are_given():
    appliance = _solution("private-llm-appliance")
    budget = appliance.cost.first_year_cny.min / 2  # not even its cheapest configuration fits
    picks = [
        SolutionPick(appliance, 0.9),
        SolutionPick(_solution("ai-lesson-prep-assistant"), 0.5, need_matches=1),
    ]
    choice = choose_pack(picks, budget=budget)
    assert [p.solution.id for p in choice.picks] == ["private-llm-appliance"]
    assert not choice.fits_budget
    assert choice.gap == pytest.approx(appliance.cost.first_year_cny.max - budget)


def test_the_need_decides_what_goes_in_and_the_budget_decides_the_tier():
    # A 25-room guesthouse pricing rooms by gut feeling, budget 10k: the pricing tool costs 2,400-14,000 a year.
    # Its basic tier is the answer, with the gap to the full one; never a review-reply tool because it fits.
    picks = [
        SolutionPick(_solution("hotel-occupancy-pricing"), 0.38, need_matches=2),
        SolutionPick(_solution("hotel-review-reply-agent"), 0.35),
    ]
    choice = choose_pack(picks, budget=10_000)
    assert [p.solution.id for p in choice.picks] == ["hotel-occupancy-pricing"]
    assert choice.fits_budget and choice.basic_tier
    assert choice.gap == pytest.approx(14_000 - 10_000)


def test_only_the_first_pick_may_lack_the_clients_own_words():
    # A restaurant that over-prepares food: a hotel review tool scoring on similarity alone is filler.
    picks = [
        SolutionPick(_solution("restaurant-prep-forecast"), 0.43, need_matches=1),
        SolutionPick(_solution("hotel-review-reply-agent"), 0.30),
        SolutionPick(_solution("restaurant-ordering-menu-analytics"), 0.25, need_matches=1),
    ]
    choice = choose_pack(picks, budget=30_000)
    assert [p.solution.id for p in choice.picks] == [
        "restaurant-prep-forecast",
        "restaurant-ordering-menu-analytics",
    ]


RESTAURANT = CompanyProfile(
    province="浙江", city="杭州", industry="H", sector="catering", employees=20, annual_revenue_cny=8e6
)
TAX_AND_LOANS = {
    "cn-rd-super-deduction-2023",
    "cn-hnte-15pct-cit",
    "cn-tech-sme-evaluation",
    "cn-small-low-profit-cit-2023",
    "cn-equipment-renewal-loan-subsidy-2026",
    "cn-equipment-one-off-deduction-2027",
    "cn-startup-guarantee-loan-subsidy",
}


def _shown(profile: CompanyProfile, solution_id: str, question: str):
    purchases = solution_purchases(_solution(solution_id))
    assessments = [assess(p, profile, TODAY, purchases) for p in CATALOGUE.funding]
    return select_programs(assessments, profile, {p.kind for p in purchases}, [], question)


def test_a_restaurant_buying_a_subscription_is_not_shown_tax_and_loan_programs():
    # Tax status, certification and equipment loans pay for nothing in a SaaS pack, and the owner never raised them.
    shown = _shown(
        RESTAURANT, "restaurant-prep-forecast", "我在杭州开了一家20人的餐厅，预算3万，想解决备货不准的问题"
    )
    assert not {a.program.id for a in shown} & TAX_AND_LOANS
    # ...so the answer does not lead with the equipment-loan deadline (2026-12-31, 33 days away).
    assert not any("贴息" in n for n in deadline_notes(shown, TODAY, "备货不准", "zh"))


def test_tax_programs_come_in_when_the_owner_raises_their_subject():
    startup = CompanyProfile(province="广东", city="深圳", industry="I", employees=30, annual_revenue_cny=5e6)
    shown = _shown(startup, "gpu-rental-finetuning", "我们做大模型研发，能享受研发费用加计扣除吗")
    rd = next(a for a in shown if a.program.id == "cn-rd-super-deduction-2023")
    assert rd.verdict is Verdict.unknown  # a tax benefit: the filing decides, never "eligible" on a purchase


def test_buying_equipment_is_not_taking_a_loan_or_raising_tax():
    factory = CompanyProfile(province="浙江", city="温州", industry="C", employees=60, annual_revenue_cny=3e7)
    shown = {a.program.id for a in _shown(factory, "visual-defect-inspection-edge", "想做AI质检")}
    assert not shown & TAX_AND_LOANS  # no loan, no tax question: no equipment-loan alarm, no deduction line
    loan = {
        a.program.id for a in _shown(factory, "visual-defect-inspection-edge", "想贷款买质检设备，有贴息吗")
    }
    assert "cn-equipment-renewal-loan-subsidy-2026" in loan
    assert "cn-startup-guarantee-loan-subsidy" not in loan  # a specific loan named: not every loan program
    assert "cn-rd-super-deduction-2023" not in loan  # R&D is a status the owner did not raise


def test_a_named_tax_benefit_brings_in_that_one_and_its_exclusions_decide():
    law_firm = CompanyProfile(province="广东", city="广州", industry="L", employees=25)
    question = "我们是合伙制律师事务所，研发费用加计扣除能用吗"
    shown = {a.program.id: a for a in _shown(law_firm, "contract-review-assistant", question)}
    assert set(shown) & TAX_AND_LOANS == {"cn-rd-super-deduction-2023"}  # not 小型微利 or 高新 unasked
    rd = shown["cn-rd-super-deduction-2023"]
    assert rd.verdict is Verdict.ineligible  # 租赁和商务服务业 is on the negative list
    assert any("负面清单" in r.zh for r in rd.reasons)
    small = assess(_program("cn-small-low-profit-cit-2023"), law_firm, TODAY, None, normalize(question))
    assert small.verdict is Verdict.ineligible  # a partnership pays no enterprise income tax
    unknown_trade = assess(_program("cn-rd-super-deduction-2023"), CompanyProfile(province="福建"), TODAY)
    assert any(
        "批发和零售业" in r.zh for r in unknown_trade.reasons
    )  # the negative list is named while unknown
    shop = CompanyProfile(province="浙江", city="杭州", industry="F", employees=30)
    assert assess(_program("cn-rd-super-deduction-2023"), shop, TODAY).verdict is Verdict.ineligible


def test_an_equipment_loan_subsidy_pays_interest_on_equipment_not_a_subscription():
    saas = assess(
        _program("cn-equipment-renewal-loan-subsidy-2026"),
        RESTAURANT,
        TODAY,
        solution_purchases(_solution("restaurant-prep-forecast")),
    )
    assert saas.verdict is Verdict.ineligible
    camera = assess(
        _program("cn-equipment-renewal-loan-subsidy-2026"),
        RESTAURANT,
        TODAY,
        solution_purchases(_solution("kitchen-hygiene-ai-camera")),
    )
    assert camera.verdict is Verdict.unknown  # the bank loan itself is still to confirm


@pytest.mark.parametrize(
    ("province", "own"), [("香港", "hk-tvp"), ("台湾", "tw-retail-store-dx-subsidy"), ("澳门", None)]
)
def test_hong_kong_macau_and_taiwan_are_outside_the_mainland_programs(province, own):
    shop = CompanyProfile(province=province, industry="F", employees=15)
    mainland = assess(
        _program("cn-sme-dx-pilot-city-2023"),
        shop,
        TODAY,
        solution_purchases(_solution("retail-demand-forecast")),
    )
    assert mainland.verdict is Verdict.ineligible
    assert any("内地" in r.zh for r in mainland.reasons)
    shown = {a.program.id for a in _shown(shop, "retail-demand-forecast", "想做AI补货预测")}
    assert shown <= ({own} if own else set())
    note = no_program_for_place(shop, CATALOGUE, "zh")
    assert len(note) == 1 and "不在内地补贴项目的覆盖范围内" in note[0]
    assert "试点" not in note[0]  # no mainland channel offered instead


def _stacking_answer(program_ids: list[str], profile: CompanyProfile, question: str = "这些补贴能叠加吗"):
    from app.advisor.compose.focus import focus_line

    shown = [assess(_program(p), profile, TODAY) for p in program_ids]
    return focus_line(question, shown, TODAY, "zh")


def test_stacking_is_never_a_confident_no_the_catalogue_does_not_hold():
    """§5: the same spend is not claimed twice at one level; different purchases, or different levels, differ."""
    shanghai = CompanyProfile(province="上海", city="上海")
    different_purchases = _stacking_answer(["sh-compute-voucher-2025", "sh-model-voucher-2025"], shanghai)
    assert different_purchases is not None and "不同采购" in different_purchases
    chengdu = CompanyProfile(province="四川", city="成都")
    same_spend = _stacking_answer(["cd-compute-voucher-2023", "cd-compute-voucher-2025"], chengdu)
    assert same_spend is not None and same_spend.startswith("能否叠加：不能重复申领同一笔支出")
    assert "只能申请其中一项" in same_spend
    # Two programs of one short name are told apart (review5 c25: "成都市算力券与成都市算力券").
    assert "2023" in same_spend and "2025" in same_spend, same_spend
    dongguan = CompanyProfile(province="广东", city="东莞")
    two_levels = _stacking_answer(["gd-compute-training-voucher-2025", "dg-compute-voucher-2025"], dongguan)
    assert two_levels is not None and "请向发文单位确认" in two_levels


def test_stacking_pairs_only_the_programs_that_may_apply():
    """review4 c05/c49: six pairs with ineligible programs among them; a program that cannot apply is not paired."""
    shanghai = CompanyProfile(province="上海", city="上海")
    ended = "bj-compute-voucher-2023"  # ended, and Beijing's: no help to a Shanghai firm
    answer = _stacking_answer(["sh-compute-voucher-2025", ended, "sh-model-voucher-2025"], shanghai)
    assert answer is not None and "不同采购" in answer
    assert "北京" not in answer
    alone = _stacking_answer([ended, "sh-compute-voucher-2025"], shanghai)
    assert alone is not None and alone.startswith("能否叠加：可能适用的只有") and "北京" not in alone


def test_a_stacking_answer_is_one_short_line_naming_each_program_once():
    """review4 §4: three programs made a paragraph of three pairs, each program named twice."""
    shanghai = CompanyProfile(
        province="上海", city="上海", industry="C", employees=200, annual_revenue_cny=2e8
    )
    vouchers = ["sh-compute-voucher-2025", "sh-model-voucher-2025", "sh-corpus-voucher-2025"]
    answer = _stacking_answer(vouchers, shanghai)
    assert answer is not None and answer.count("不同采购") == 1, answer
    for name in ("上海市算力券", "上海市模型券", "上海市语料券"):
        assert answer.count(name) == 1, answer
    assert "不能重复申领" not in answer, "different purchases are not a no"
    assert len(answer.split("（原文说明")[0]) <= 80, answer


def test_a_cluster_bound_voucher_gives_no_figure_until_the_client_says_they_buy_there():
    jinan = CompanyProfile(province="山东", city="济南", industry="C", employees=60, annual_revenue_cny=8e7)
    question = "准备租算力跑模型，合同30万，山东算力券能补多少"
    client = named_purchases(question)
    qingyang = assess(_program("qy-compute-voucher-2024"), jinan, TODAY, client, normalize(question))
    assert qingyang.verdict is Verdict.unknown
    assert any(c.name == "venue" and c.status is Status.unknown for c in qingyang.conditions)
    assert not cost_pack([], [qingyang], jinan, client).client  # no "30万 × 30% = 9万" for a cluster not used
    # Shown only as an alternative when the client's need is compute rental, never on a SaaS pack.
    saas = solution_purchases(_solution("restaurant-prep-forecast"))
    on_saas = assess(_program("qy-compute-voucher-2024"), jinan, TODAY, saas)
    assert not select_programs([on_saas], jinan, {p.kind for p in saas}, [], "备货不准怎么办")
    there = "我们在庆阳数据中心集群租算力，合同30万"
    used = assess(_program("qy-compute-voucher-2024"), jinan, TODAY, client, normalize(there))
    assert [s.amount.max for s in cost_pack([], [used], jinan, client).client] == [90000]


def test_a_platform_bound_voucher_is_confirmed_by_the_client_saying_where_they_buy():
    guiyang = CompanyProfile(province="贵州", city="贵阳", industry="I", employees=20)
    question = "想买贵州算力平台的算力做模型推理，一年大概20万"
    client = named_purchases(question)
    guizhou = assess(_program("gz-compute-voucher-2023"), guiyang, TODAY, client, normalize(question))
    assert not any(c.status is Status.unknown and c.name in ("venue", "special") for c in guizhou.conditions)
    qingyang = assess(_program("qy-compute-voucher-2024"), guiyang, TODAY, client, normalize(question))
    # The same spend is never counted twice: the cluster the client does not use gives no figure.
    assert not cost_pack([], [guizhou, qingyang], guiyang, client).client


def test_a_monthly_figure_is_costed_as_a_year_and_says_so():
    """review4 c24: "每月5000" of model API is 6万 in the first year, not one month's 5,000."""
    (item,) = named_purchases("我们调用备案大模型API，每月大概5000元")
    assert item.first_year.max == 60_000 and "每月5,000元×12个月" in item.name_zh


def test_a_product_above_the_cap_is_not_written_as_an_equation_that_is_false():
    """review4 c25: '2000万 × 60% = 500万' is false as written; the cap binds and is said to."""
    client = named_purchases("今年要租2000万的算力")
    chengdu = CompanyProfile(province="四川", city="成都", employees=30, industry="I")
    programs = [assess(_program("cd-compute-voucher-2025"), chengdu, TODAY, client)]
    (subsidy,) = cost_pack([], programs, chengdu, client).client
    assert subsidy.amount.max == 5_000_000
    # "最高…60%" is a ceiling, not a promise (review4 c25): said as one.
    assert "2000万元 × 最高60% = 最多1200万元，超过上限每年500万元" in subsidy.arithmetic.zh


def test_a_developers_program_is_not_offered_to_a_buyer():
    """review4 c18/c09/c29: a school buying API calls is no model developer; a 揭榜挂帅 R&D grant is no shop's."""
    school = CompanyProfile(province="山东", city="青岛", industry="P", employees=80)
    said = normalize("青岛的学校，每年调用大模型API大概6万，青岛的模型券能用吗")
    voucher = assess(_program("qd-model-voucher-2025"), school, TODAY, named_purchases(said), said)
    assert voucher.verdict is Verdict.ineligible and "面向研发方" in voucher.reasons[0].zh
    developer = CompanyProfile(province="山东", city="青岛", industry="I", employees=30)
    said = normalize("我们自研垂直领域大模型，青岛的模型券能申请吗")
    assert assess(_program("qd-model-voucher-2025"), developer, TODAY, None, said).verdict is Verdict.unknown
