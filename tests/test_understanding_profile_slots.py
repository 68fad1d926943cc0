"""The profile slots read from owners' phrasings and what the answer then says (issue #12, profile slots).

Every amount in a message is read as one thing: the budget, the revenue (a monthly figure annualised, "一年"
is a period and not the number one), or money that is neither (registered capital, a loan, a margin); counts
said without a digit ("上百人", "一百五六十人") are counts; where the owner comes from is not where the company
is; a national new area is in its city; the business is what the owner does, not their lender and not what
they want. Through the real advisor over the shared index: the profile the answer states ("您的情况：…"), the
budget sentence and the funding verdicts that follow.
"""

from __future__ import annotations

import pytest

from app.advisor.service import AdvisorService
from tests.test_advisor_scenarios import with_shared_catalogue


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def test_capital_loan_revenue_and_contract_are_not_the_budget(advisor: AdvisorService):
    response = advisor.ask(
        "我们公司注册资本1000万，去年营收3200万，银行贷了200万，今年要签一个40万的智算租赁合同，"
        "自己能拿出的预算就15万，在苏州做工业视觉软件，45人"
    )
    profile = response.profile
    assert (profile.budget_cny, profile.annual_revenue_cny) == (150_000, 32_000_000)
    assert [(p.kind, p.amount_cny) for p in profile.purchases] == [("compute", 400_000)]
    assert profile.industry == "I"  # the bank lends; it is not the business
    assert "年营收约3200万元" in response.answer


def test_registered_capital_is_not_read_as_the_budget(advisor: AdvisorService):
    response = advisor.ask("营业额一年大概800万，注册资金100万，想花个两万块上个智能客服，宁波的家居网店")
    assert response.profile.budget_cny == 20_000
    assert response.profile.annual_revenue_cny == 8_000_000  # "一年" is the period, not ¥1
    assert "您的预算2万元" in response.answer


@pytest.mark.parametrize(
    ("message", "revenue"),
    [
        ("济南的家政公司，在册阿姨两百多个，营收一年1000万，派单全靠人工", 10_000_000),
        ("郑州的烧烤店，十五个伙计，流水一个月30来万，备货老是不准，预算一万", 3_600_000),
        ("台州的模具厂，工人230，产值一年一个多亿，想做AI质检，预算20万", 100_000_000),
    ],
    ids=["per-year", "monthly-annualised", "yi-with-ge"],
)
def test_revenue_said_with_its_period_is_read_as_a_yearly_figure(
    advisor: AdvisorService, message: str, revenue: float
):
    response = advisor.ask(message)
    assert response.profile.annual_revenue_cny == revenue
    assert f"年营收约{revenue / 10_000:g}万元" in response.answer


def test_counts_said_without_a_digit_decide_the_size_class(advisor: AdvisorService):
    response = advisor.ask("我们厂上百人，年产值五六千万，在嘉兴做皮革制品，想搞个AI质检")
    assert (response.profile.employees, response.profile.annual_revenue_cny) == (100, 60_000_000)
    assert response.profile.size_class == "small"  # industry: medium needs 300 people
    assert "100人" in response.answer and "小型企业" in response.answer
    ranged = advisor.ask("公司一百五六十人，去年销售额1.5个亿，做电线电缆的，在天津，想做能耗管理")
    assert ranged.profile.employees == 160 and ranged.profile.size_class == "small"


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("我们只有小几万的预算，做社区团购的，在长沙，7个人，想预测每天订多少货", 30_000),
        ("大概个七八千吧，想给我们美发店弄个会员回访，在南昌，5个发型师", 8_000),
        ("最多也就拿个三五千出来，我们在泉州开了个鞋店，想用AI写朋友圈文案", 5_000),
        (
            "公司年销售额6000万，毛利也就600万，AI这块老板批了12万，佛山的铝型材厂，员工180，想做设备预测性维护",
            120_000,
        ),
        (
            "No more than 30k yuan, please. We're a 9-person bookkeeping firm in Changsha drowning in invoices.",
            30_000,
        ),
        (
            "Around ¥50k a year is what we can spend. We're an e-commerce team of 25 in Shenzhen, messages pile up.",
            50_000,
        ),
        (
            "Budget-wise we're thinking 15 to 20 thousand RMB. Hotpot restaurant in Chongqing, we over-prepare food.",
            20_000,
        ),
    ],
    ids=[
        "xiao-ji-wan",
        "da-gai-ge",
        "zui-duo-na-ge",
        "boss-approved",
        "no-more-than",
        "spend-after",
        "budget-wise",
    ],
)
def test_budget_phrasings_set_the_budget_the_answer_compares_with(
    advisor: AdvisorService, message: str, budget: float
):
    response = advisor.ask(message)
    assert response.profile.budget_cny == budget
    assert f"{budget / 10_000:g}万元" in response.answer or f"{budget:,.0f}" in response.answer


def test_the_hometown_is_not_where_the_company_is(advisor: AdvisorService):
    response = advisor.ask("老家在湖南邵阳，但公司开在深圳宝安，做蓝牙耳机的，员工120人，想做AI质检")
    assert (response.profile.province, response.profile.city) == ("广东", "深圳")
    assert response.profile.industry != "I"  # "想做AI质检" is the need, not an AI company
    assert not any("湖南" in f.region or "邵阳" in f.region for f in response.funding)
    english = advisor.ask(
        "I'm originally from Wenzhou, but my company is in Shanghai: 35 people making LED displays"
    )
    assert english.profile.city == "上海" and english.profile.industry == "C"


def test_a_national_new_area_is_in_its_city(advisor: AdvisorService):
    response = advisor.ask("贵安新区一家数据中心运维公司，40人，想用大模型做个运维知识库")
    assert (response.profile.province, response.profile.city) == ("贵州", "贵阳")  # not 河北 安新县


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("宁波一家做罐头的，60人，年产值3000万，想做销量预测，预算5万", "C"),  # a product in the class names
        ("我们在广州做机器人减速器，员工90，想做视觉检测，预算15万", "C"),  # not a testing lab (the need)
        ("我们做二手车买卖的，在石家庄，10个人，想用AI写车况介绍", "F"),
        ("我们是在湛江养对虾的，20人，水质老出问题，想装监测", "A"),
        ("We repair and service forklifts for warehouses around Tianjin, 25 technicians", "C"),  # GB/T 43
        ("南宁一家修手机的小店，3个人，想做个自动回复客人咨询的", "O"),
        ("我们在福州开了个茶叶店，3个人，想用AI写抖音文案", "F"),
        ("我們是台北的服飾店，3間店12個員工，想用AI寫社群貼文", "F"),  # sells clothes, does not make them
        ("我們是台中的手搖飲料店，5間門市共30個員工，想用AI做會員行銷", "H"),
        ("南京江宁区的软件外包公司，50人，想给客户做AI应用", "I"),
    ],
    ids=[
        "product",
        "need-is-no-business",
        "trade-verb",
        "raise",
        "machinery-repair",
        "phone-repair",
        "shop",
        "clothes-shop",
        "drinks-shop",
        "software-outsourcing",
    ],
)
def test_the_business_is_what_the_owner_does(advisor: AdvisorService, message: str, section: str):
    assert advisor.ask(message).profile.industry == section


def test_a_manufacturer_found_by_its_product_is_not_refused_a_manufacturing_program(advisor: AdvisorService):
    response = advisor.ask("宁波一家做罐头的，60人，年产值3000万，想做销量预测，预算5万")
    assert "制造业，60人，年营收约3000万元，小型企业" in response.answer
    verdicts = {f.id: f.verdict for f in response.funding}
    assert verdicts.get("nb-sme-dx-pilot-2024") != "ineligible"


def test_a_monthly_spend_is_costed_for_the_year(advisor: AdvisorService):
    response = advisor.ask(
        "我是武汉的一人公司，做AI写作工具，想租算力做微调，大概每月5000块算力费，有啥补贴？"
    )
    assert [(p.kind, p.amount_cny) for p in response.profile.purchases] == [("compute", 60_000)]
    assert response.profile.employees == 1


def test_a_company_abroad_is_not_asked_for_its_chinese_city(advisor: AdvisorService):
    response = advisor.ask(
        "We run a 12-person marketing agency in Singapore and want AI to draft client reports."
    )
    assert response.profile.province is None
    assert not any("city" in q.lower() for q in response.clarifying_questions)


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("我是杭州一家20人的餐厅老板，想解决备货不准", "杭州"),  # "我是…20人" is a head count, not a hometown
        ("我是杭州一家二十人的餐厅老板，想解决备货不准", "杭州"),
        ("我是湖南人，公司在深圳宝安，想做AI质检", "深圳"),  # a hometown is not where the company is
    ],
)
def test_where_the_owner_is_from_is_not_mistaken_for_a_head_count(advisor: AdvisorService, message, city):
    assert advisor.ask(message).profile.city == city


def test_a_headcount_alone_asserts_no_size_class_the_thresholds_need_revenue_for(advisor: AdvisorService):
    """MIIT 2011: 60 factory workers are micro below 300万 revenue and small above it; the answer's profile
    asserts neither, and its size basis says revenue is what is missing. With revenue the class is settled."""
    unknown = advisor.ask("嘉兴一家做紧固件的厂，60个工人，想上视觉检测，预算10万")
    assert unknown.profile.employees == 60 and unknown.profile.size_class is None
    assert "营业收入" in (unknown.profile.size_basis or "")
    settled = advisor.ask("嘉兴一家做紧固件的厂，60个工人，年产值3000万，想上视觉检测，预算10万")
    assert settled.profile.size_class == "small"


def test_a_funding_question_naming_nothing_is_asked_about_not_answered_with_every_province(
    advisor: AdvisorService,
):
    response = advisor.ask("想問下政府而家對企業用AI有咩資助？")
    assert response.clarifying_questions and not response.solutions
    assert len({f.region for f in response.funding}) <= 1
