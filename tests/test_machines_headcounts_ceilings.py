"""Facts owners state that the reader used to miss (session 19, issues #11 and #12; dev cases u19-*, ud19-*).

- A machine or line the client has acquired ("新买了台激光切割机，150万", "刚花80万上了条自动化产线") is their
  equipment purchase at their figure, never a budget: the noun's head (机, 床, 炉, 线 …) counted as a machine or
  acquired names it, whatever the machine is called.
- A headcount correction keeps the figure said of the staff: people hired or gone and a figure denied are no
  headcount ("更正一下，人数是160，去年招了一百个人", "我们不是18个人，是180个人").
- A ceiling said the way owners say it is the budget: 个 for 万 in talk of money ("顶天了也就二十个"), "Half a
  million is our ceiling", "we can't go above 80k".
- A firm whose one stated figure reaches the large class, the other unsaid, is told plainly which figure decides
  whether SME funds are for it (MIIT 2011: industry is large at 1000+ people AND 4亿+), never "large" on one measure.

Extraction properties run on the rule reader (cheap, deterministic); what the owner sees runs through the real
`aipack ask --batch --json` entry point over the shared index.
"""

from __future__ import annotations

from datetime import date

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.advisor.engine.coverage_notes import large_unless_said
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from tests.helpers import conversation_fixture

KNOWLEDGE = PROJECT_ROOT / "knowledge"
TODAY = date(2026, 11, 28)
PROPERTY = settings(
    max_examples=60, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), TODAY)


# Machines named by no list in the code: their head says what they are.
MACHINES = [
    "激光切割机",
    "数控折弯机",
    "贴片机",
    "空压机",
    "冲床",
    "数控车床",
    "热处理炉",
    "隧道窑",
    "光谱仪",
    "AGV小车",
]
LINES = ["自动化产线", "全自动包装线", "涂装线", "SMT生产线"]
ACQUIRED = ["新买了", "上个月买了", "刚上了", "今年引进了", "换了"]


@PROPERTY
@given(
    machine=st.sampled_from(MACHINES + LINES),
    verb=st.sampled_from(ACQUIRED),
    count=st.sampled_from(["一", "两", ""]),
    amount_wan=st.integers(min_value=10, max_value=900),
    price_first=st.booleans(),
)
def test_a_machine_or_line_acquired_is_the_clients_equipment_purchase_not_a_budget(
    extractor, machine, verb, count, amount_wan, price_first
):
    measure = "条" if machine in LINES else "台"
    thing = f"{verb}{count}{measure}{machine}"
    text = (
        f"刚花{amount_wan}万{thing}，能申请什么补贴"
        if price_first
        else f"我们{thing}，{amount_wan}万，有补贴吗"
    )
    profile = extractor.extract(text)
    assert profile.budget_cny is None
    assert [(p.kind, p.amount_cny) for p in profile.purchases] == [(SpendKind.ai_equipment, amount_wan * 1e4)]


@pytest.mark.parametrize(
    ("text", "amount", "year"),
    [
        ("去年引进了一条全自动包装线，花了200万，现在还能申请技改补贴吗", 2_000_000, 2025),
        (
            "We bought a new CNC machining centre last month for RMB 1.2 million. Is there any subsidy?",
            1_200_000,
            None,
        ),
        ("我哋上個月買咗兩部注塑機，用咗九十萬，有冇補貼", 900_000, None),
    ],
)
def test_a_machine_bought_keeps_its_year_in_any_register(extractor, text, amount, year):
    profile = extractor.extract(text)
    assert profile.budget_cny is None
    assert [(p.kind, p.amount_cny, p.year) for p in profile.purchases] == [
        (SpendKind.ai_equipment, amount, year)
    ]


def test_a_trade_or_a_wish_names_no_machine(extractor):
    # 台州 is a place, 电动车 a product made; "添置一台工业机器人，预算40万" is money set aside, not a price.
    assert extractor.extract("台州一家做电动车配件的，想上AI质检，预算5万").purchases == []
    planned = extractor.extract("我们准备添置一台工业机器人，预算40万")
    assert planned.budget_cny == 400_000


@PROPERTY
@given(
    staff=st.integers(min_value=30, max_value=900),
    change=st.integers(min_value=5, max_value=200),
    style=st.sampled_from(["arabic", "chinese"]),
    form=st.sampled_from(
        [
            "更正一下，人数是{staff}，去年招了{change}个人",
            "我们不是{change}个人，是{staff}个人",
            "我们厂去年裁了{change}个人，现在还剩{staff}人",
            "员工不是{change}，是{staff}，去年新招了{change}个",
            "我们现在{staff}人，今年新招了{change}个工人",
        ]
    ),
)
def test_the_headcount_is_the_figure_said_of_the_staff_not_people_hired_or_a_figure_denied(
    extractor, staff, change, style, form
):
    def said(n: int) -> str:
        return str(n) if style == "arabic" else cn2an.an2cn(n)

    if staff == change:
        return
    assert extractor.extract(form.format(staff=said(staff), change=said(change))).employees == staff


@PROPERTY
@given(
    amount=st.integers(min_value=2, max_value=90),
    lead=st.sampled_from(["顶天了也就", "预算上限", "最多出", "撑死了也就", "不超过"]),
    style=st.sampled_from(["arabic", "chinese"]),
)
def test_ge_for_wan_in_talk_of_money_is_the_budget(extractor, amount, lead, style):
    figure = str(amount) if style == "arabic" else cn2an.an2cn(amount)
    profile = extractor.extract(f"深圳做电商的，15个人，想上AI客服，{lead}{figure}个")
    assert profile.budget_cny == amount * 1e4
    assert profile.employees == 15


@pytest.mark.parametrize(
    ("text", "budget"),
    [
        ("We're a 40-person plant in Suzhou wanting AI inspection. Half a million is our ceiling.", 500_000),
        ("Our ceiling is 200k RMB for an AI scheduling tool", 200_000),
        ("We can't go above 80k for customer service AI", 80_000),
        ("杭州的奶茶店，8个人，想做会员营销，能接受的价位在两万到三万之间", 30_000),
    ],
)
def test_a_ceiling_in_owners_words_is_the_budget(extractor, text, budget):
    assert extractor.extract(text).budget_cny == budget


def test_staff_counted_in_a_money_clause_stay_staff(extractor):
    assert extractor.extract("员工最多也就二十个").budget_cny is None
    assert (
        extractor.extract("our compute spend is well over 50k a year").budget_cny is None
    )  # a floor, no ceiling


@pytest.mark.parametrize(
    ("figures", "says"),
    [
        ({"employees": 1200, "industry": "C"}, "营业收入达到4亿元"),
        ({"annual_revenue_cny": 3e8, "industry": "I"}, "从业人员达到300人"),
    ],
)
def test_one_figure_reaching_the_large_class_says_which_other_figure_decides(figures, says):
    note = large_unless_said(CompanyProfile(**figures), "zh")
    assert len(note) == 1 and says in note[0] and "中小企业" in note[0]


@PROPERTY
@given(
    employees=st.one_of(st.none(), st.integers(min_value=1, max_value=5000)),
    revenue=st.one_of(st.none(), st.integers(min_value=1, max_value=5000).map(lambda wan: wan * 1e5)),
    industry=st.sampled_from(["C", "F", "G", "H", "I", "L"]),
)
def test_the_conditional_large_note_only_when_the_size_is_open_and_large_is_possible(
    employees, revenue, industry
):
    profile = CompanyProfile(employees=employees, annual_revenue_cny=revenue, industry=industry)
    note = large_unless_said(profile, "en")
    possible = profile.possible_sizes()
    if note:  # never over a settled size, and only where the unsaid figure could still make the firm large
        assert len(possible) > 1 and "large" in possible
        assert (employees is None) != (revenue is None)


converse = conversation_fixture("2026-11-28")


def test_a_line_already_bought_is_judged_at_the_clients_figure_not_spent_as_a_budget(converse):
    (reply,) = converse("宁波一家70人的注塑厂，刚花80万上了条自动化产线，能申请啥补贴")
    assert reply["profile"]["budget_cny"] is None
    assert [(p["kind"], p["amount_cny"]) for p in reply["profile"]["purchases"]] == [
        ("ai_equipment", 800_000)
    ]
    assert "预算80万" not in reply["answer"]
    assert "low-code-agent-builder" not in [
        s["id"] for s in reply["solutions"]
    ]  # 自动化 named a line, no need


def test_a_factory_of_1200_asking_for_sme_funds_hears_first_which_revenue_decides(converse):
    (reply,) = converse("我们厂1200人，想问问中小企业的数字化补贴")
    first = reply["answer"].splitlines()[0]
    assert "大型企业" in first and "4亿元" in first and "营业收入" in first
    assert reply["profile"]["employees"] == 1200


def test_a_headcount_correction_beside_new_hires_keeps_the_staff_figure_and_the_budget(converse):
    _, corrected = converse(
        "苏州一家做精密零件的厂，80个人，想上视觉质检，预算20万", "更正一下，人数是160，去年招了一百个人"
    )
    assert corrected["profile"]["employees"] == 160
    assert corrected["profile"]["budget_cny"] == 200_000


def test_an_owner_and_spouse_are_two_people(extractor):
    assert extractor.extract("我在旺角開咗間茶餐廳，我自己和太太經營，想整個AI落單").employees == 2


def test_a_shop_coupon_is_a_need_not_a_funding_program():
    from app.advisor.understand.kind_words import without_programs
    from app.text.funding_words import names_funding
    from app.text.normalize import normalize

    wish = normalize("我们开了家烘焙店，想做个小程序，能自动发优惠券给老客户")
    assert not names_funding(wish) and "优惠券" in without_programs(wish)
    assert names_funding(normalize("杭州的算力券怎么申请"))  # a public voucher still is one


def test_job_counts_listed_together_add_up_but_a_subset_does_not(extractor):
    assert (
        extractor.extract("We're a Shenzhen logistics firm with 25 drivers plus 5 office staff.").employees
        == 30
    )
    assert extractor.extract("我们有25个司机，另外还有5个文员").employees == 30
    assert extractor.extract("员工20人，其中销售5人").employees == 20
    assert extractor.extract("销售团队8个人，全厂100人").employees == 100


def test_a_year_worked_out_from_a_monthly_spend_is_neither_a_second_purchase_nor_a_budget(extractor):
    profile = extractor.extract("厦门的网店，12个人，租GPU跑个客服小模型，一个月3000块，一年也就3.6万")
    assert profile.budget_cny is None
    assert [(p.kind, p.amount_cny) for p in profile.purchases] == [(SpendKind.compute, 36_000)]


def test_the_senior_fitters_a_repair_depends_on_are_no_headcount_and_stay_in_the_need(extractor):
    text = "常州一家注塑厂，90人，设备维修全靠两个老师傅，想把他们的经验整理成问答库"
    assert extractor.extract(text).employees == 90
    assert "老师傅" in extractor.need_text(text, keep_business=False)
    assert extractor.extract("培训机构，两个老师，想用AI批改作业").employees == 2  # teachers still count
