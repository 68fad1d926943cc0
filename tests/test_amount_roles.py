"""What each amount a client states is (review9 r9-47, r9-06, r9-08, r9-15), and where the company is registered.

A revenue and an R&D spend are facts, never the budget nor a purchase; last year's spend is a purchase dated to
its year, never the budget nor this year's cost; a monthly figure is twelve a year; a firm registered abroad is outside the programs however
local its office. Read through the profile extractor, as the advisor reads a message.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.understand.amount_roles import AmountRole, fact_role
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import regions
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))


def _bought(extractor: RuleExtractor, message: str) -> list[tuple[SpendKind, float]]:
    return [(p.kind, p.amount_cny) for p in extractor.extract(message).purchases]


@pytest.mark.parametrize(
    ("message", "revenue", "bought"),
    [
        (  # r9-47: the billions are revenue; the contract with a filed LLM is a model service
            "Our Shenzhen software company has 400 staff and RMB 3 billion revenue. Can we get the Shenzhen "
            "model voucher for a 1 million yuan contract with a filed LLM?",
            3e9,
            [(SpendKind.model_service, 1e6)],
        ),
        ("我们是苏州一家机械厂，两亿营收，300人，想签一个40万的视觉质检项目合同", 2e8, [400_000]),
        (
            "Shenzhen e-commerce firm with 3 billion yuan in sales last year; we'd sign a 500k model API contract",
            3e9,
            [500_000],
        ),
    ],
)
def test_a_revenue_is_never_a_purchase(extractor, message, revenue, bought):
    profile = extractor.extract(message)
    assert profile.annual_revenue_cny == revenue
    assert profile.budget_cny is None
    amounts = [p.amount_cny for p in profile.purchases]
    assert amounts == [b[1] if isinstance(b, tuple) else b for b in bought]
    kinds = [b[0] for b in bought if isinstance(b, tuple)]
    assert all(k in [p.kind for p in profile.purchases] for k in kinds)


@pytest.mark.parametrize(
    ("message", "bought"),
    [
        # r9-06: this year costs the new 30万 contract; the 50万 was spent last year (dated 2025, never this year's)
        (
            "北京一家15人的软件公司，去年租算力花了50万，今年再签一份30万的算力合同，北京算力券还能用吗？",
            [(SpendKind.compute, 500_000, 2025), (SpendKind.compute, 300_000, None)],
        ),
        (
            "Last year we spent RMB 400k on cloud GPU rental; this year we plan a new 250k compute contract.",
            [(SpendKind.compute, 400_000, 2025), (SpendKind.compute, 250_000, None)],
        ),
        (
            "前年已經花了30萬做數據標註，今年還要再做一批，合同15萬",
            [(SpendKind.data_labeling, 300_000, 2024), (SpendKind.data_labeling, 150_000, None)],
        ),
        (
            "北京一家AI公司，去年在算力上投了60万，今年新签了40万的算力合同",
            [(SpendKind.compute, 600_000, 2025), (SpendKind.compute, 400_000, None)],
        ),
    ],
)
def test_last_years_spend_is_a_purchase_of_last_year(extractor, message, bought):
    """A past spend is the client's own figure for what they bought, dated to its year (the engine judges it against
    a program's window and never costs it as this year's, engine/past_spend.py); never a budget."""
    profile = extractor.extract(message)
    assert [(p.kind, p.amount_cny, p.year) for p in profile.purchases] == bought
    assert profile.budget_cny is None


def test_last_years_spend_is_no_budget_and_the_stated_one_is(extractor):
    profile = extractor.extract("去年上云ERP花了8万，现在想做销量预测，预算3万，成都的商贸公司")
    assert profile.budget_cny == 30_000
    assert [(p.amount_cny, p.year) for p in profile.purchases] == [(80_000, 2025)]  # bought last year, dated


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("厦门一家30人的软件公司，今年研发投入200万，研发费用加计扣除能抵多少？", None),  # r9-15
        ("我們每年研發投入大概500萬，做工業軟體的，在合肥，80人", None),
        ("Our Chengdu software startup spent 3 million yuan on R&D this year", None),
        ("R&D spending of RMB 2 million a year, 50 engineers in Xiamen", None),
        ("研发投入一年80万左右，东莞做模具的，60人，想用AI做质检，预算10万", 100_000),
    ],
)
def test_an_rnd_spend_is_neither_budget_nor_purchase(extractor, message, budget):
    profile = extractor.extract(message)
    assert profile.budget_cny == budget
    assert profile.purchases == []


@pytest.mark.parametrize(
    ("message", "bought"),
    [
        # r9-08: "每月5000" with no unit is money, twelve of it a year
        (
            "武汉一个人的AI工作室（一人公司OPC），想租算力做模型微调，每月5000左右，有什么补贴可以拿？",
            [(SpendKind.compute, 60_000)],
        ),
        ("每月API调用费8000左右，上海的跨境电商，20人", [(SpendKind.model_service, 96_000)]),
        ("我們在廈門，雲服務器每月兩千五，想知道上雲有沒有補貼", [(SpendKind.cloud_service, 30_000)]),
        ("We rent GPUs for about 15k a month, a 10-person team in Shenzhen.", [(SpendKind.compute, 180_000)]),
    ],
)
def test_a_monthly_figure_is_twelve_a_year(extractor, message, bought):
    assert _bought(extractor, message) == bought


def test_a_monthly_budget_is_twelve_a_year(extractor):
    assert extractor.extract("长沙的奶茶店，想上个智能排班，每个月能花两千").budget_cny == 24_000


@pytest.mark.parametrize(
    ("message", "figure", "role"),
    [
        ("年产值3亿，想租gpu", "3亿", AmountRole.revenue),
        ("rmb 3 billion revenue", "3 billion", AmountRole.revenue),
        ("去年研发费用150万", "150万", AmountRole.rnd_spend),
        ("去年租算力花了50万", "50万", AmountRole.past_spend),
        ("we already paid 1.2 million for a vision line last year", "1.2 million", AmountRole.past_spend),
        ("今年再签30万的算力合同", "30万", None),
        ("年底之前签30万的算力合同", "30万", None),  # a deadline, not the past
        ("a 50k sales crm", "50k", None),  # a sales tool, not sales
        ("厂里电费一个月十几万", "十几万", AmountRole.operating_cost),
        ("每月房租3万", "3万", AmountRole.operating_cost),
        ("our electricity bill is about 80k a month", "80k", AmountRole.operating_cost),
        ("算力租金一年30万", "30万", None),  # compute's rent is a purchase
        ("we rent gpus for about 300k a year", "300k", None),  # the verb, not a premises' rent
    ],
)
def test_the_words_around_a_figure_decide_what_it_is(message, figure, role):
    text = normalize(message)
    start = text.index(figure)
    assert fact_role(text, start, start + len(figure)) == role


@pytest.mark.parametrize(
    ("message", "abroad"),
    [
        ("Our company is registered in Delaware but runs its office in Shenzhen with 20 staff.", "Delaware"),
        ("A Delaware C-corp with its China office in Suzhou, 25 people", "Delaware"),
        ("我們公司註冊在開曼，實際在上海營運，30人", "开曼"),
        ("Incorporated in Singapore, we have a team of 12 in Hangzhou", "Singapore"),
        # session 13: the names owners write that IANA's list shortens ("Britain (UK)", "Korea (South)")
        ("We're registered in the United Kingdom and have eight people in Shenzhen", "United Kingdom"),
        ("Our company is incorporated in South Korea, with a plant in Yantai", "South Korea"),
    ],
)
def test_a_firm_registered_abroad_is_abroad_whatever_its_office(message, abroad):
    places = regions(KNOWLEDGE)
    assert places.find(message) is None
    assert places.foreign(message) == abroad


@pytest.mark.parametrize(
    ("message", "city"),
    [
        ("注册地在苏州，但是团队都在上海办公，40人", "苏州"),
        ("我们在杭州办公，但营业执照是在宁波注册的，20个人", "宁波"),
        ("We work with a Singapore company and are based in Suzhou, 30 staff", "苏州"),  # a partner, not us
    ],
)
def test_the_registration_place_is_the_clients_not_the_office(message, city):
    place = regions(KNOWLEDGE).find(message)
    assert place is not None and place.city == city
    assert regions(KNOWLEDGE).foreign(message) is None


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("深圳一家30人的模型应用公司，想调用备案大模型的API，每月2万", "I"),  # r9-53: no teaching models
        ("杭州的模型应用公司，40人，做智能客服产品", "I"),
        ("We're an LLM application company in Beijing with 30 staff", "I"),
        ("开了个台球俱乐部，20个人", "R"),
        ("I run a billiards club in Qingdao with 8 staff", "R"),
        # the bank that approved the loan is the lender, not the business (read as J at session 14's integration)
        (
            "温岭做水泵的，120人，年营收8000万。银行批了一笔500万的设备更新贷款，准备上两条带AI视觉的检测线",
            "C",
        ),
        ("我们是一家城商行，想用AI做反欺诈", "J"),
    ],
)
def test_a_business_is_read_by_what_it_does(extractor, message, section):
    assert extractor.extract(message).industry == section


@pytest.mark.parametrize(
    ("message", "bought"),
    [
        # r10-17: the 80万 is what the data will be booked at; only the fee is bought, and it names no amount
        ("延安的一家果品公司，数据资产入表金额估计80万上下，评估审计服务费能补多少", []),
        ("公司数据资源的账面价值约500万，入表评估服务报价12万", [(SpendKind.data_asset, 120_000)]),
        (
            "Our customer data should be booked at roughly RMB 2 million; the appraisal quote is 50k",
            [(SpendKind.data_asset, 50_000)],
        ),
    ],
)
def test_an_assets_value_is_never_a_purchase_nor_a_budget(extractor, message, bought):
    profile = extractor.extract(message)
    assert _bought(extractor, message) == bought
    assert profile.budget_cny is None


@pytest.mark.parametrize(
    ("message", "bought"),
    [
        # r10-55: the contract is far from the compute it buys, but in its sentence
        (
            "Freight firm in Weifang. We will rent compute at a data centre in Jinan to train our dispatch "
            "models, contract roughly RMB 400k.",
            [(SpendKind.compute, 400_000)],
        ),
        # r10-22: a digital workshop is one transformation project
        (
            "牡丹江一家木业厂，准备建数字化车间，合同金额300万",
            [(SpendKind.digital_transformation, 3_000_000)],
        ),
        (
            "Our Weihai plant is becoming a smart factory; the contract is worth RMB 6 million.",
            [(SpendKind.digital_transformation, 6_000_000)],
        ),
        (
            "Smart manufacturing upgrade for our Nantong mill, around RMB 1.2 million all in",
            [(SpendKind.digital_transformation, 1_200_000)],
        ),
        # en12-07: a model named by its name is its service, whatever the bill is called
        ("已经备案的文心一言API，一年费用10万", [(SpendKind.model_service, 100_000)]),
        ("We pay RMB 60k a year for a DeepSeek subscription", [(SpendKind.model_service, 60_000)]),
        ("订阅一套排产SaaS，一年费用3万", [(SpendKind.software, 30_000)]),  # a subscription alone is software
    ],
)
def test_a_contract_or_quote_is_a_purchase_of_the_kind_its_sentence_names(extractor, message, bought):
    profile = extractor.extract(message)
    assert _bought(extractor, message) == bought
    assert profile.budget_cny is None


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("Our budget is half a million yuan for the whole rollout", 500_000),
        ("We could invest around two hundred thousand RMB", 200_000),
        ("Budget: one and a half million yuan across three plants", 1_500_000),
        ("We can spend a quarter of a million RMB", 250_000),
    ],
)
def test_an_amount_written_in_english_words_is_read(extractor, message, budget):
    assert extractor.extract(message).budget_cny == budget


def test_a_count_in_english_words_stays_a_count(extractor):
    profile = extractor.extract("We have two hundred staff and thousands of customers; budget 80k RMB")
    assert (profile.employees, profile.budget_cny) == (200, 80_000)


@pytest.mark.parametrize(
    ("message", "bought"),
    [
        # review11 r11-01: the model's API bought from a cloud vendor is a model service, not cloud resources
        (
            "准备接通义千问的API写商品文案，已经和阿里云谈好一年合同大概30万",
            [(SpendKind.model_service, 300_000)],
        ),
        (
            "我们租阿里云的云服务器，一年合同8万",
            [(SpendKind.cloud_service, 80_000)],
        ),  # a cloud product stays cloud
        # review11 r11-48: rent paid per period is what the thing rented costs, not the budget
        (
            "Tangshan AI firm renting compute on the city's own computing platform, about 250k a year.",
            [(SpendKind.compute, 250_000)],
        ),
        # review11 r11-17: a loan's size, a rumoured program's terms, is no purchase
        ("听说买AI软件可以免息贷30万，我们能申请吗", []),
    ],
)
def test_what_is_bought_from_whom_and_how_it_is_paid(extractor, message, bought):
    profile = extractor.extract(message)
    assert _bought(extractor, message) == bought
    assert profile.budget_cny is None


def test_a_contract_figure_alone_is_never_a_budget(extractor):
    """review11 r11-29: "一年合同大概25万" in a later turn is a price; the conversation says what it buys."""
    assert extractor.extract("一年合同大概18万").budget_cny is None
    assert extractor.extract("预算大概18万").budget_cny == 180_000


def test_a_contract_figure_in_a_later_turn_buys_what_the_conversation_named():
    from app.advisor.understand.restated_contract import restated_contract

    earlier = normalize("东莞一家五金厂，80人，想用已备案大模型的API做客服问答")
    restated = restated_contract(normalize("一年合同大概20万"), [], earlier_text=earlier)
    assert [(p.kind, p.amount_cny) for p in restated] == [(SpendKind.model_service, 200_000)]


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        # dev pk14: the electricity bill is the pain, not 120万 of AI equipment ("哪些设备" later in the sentence)
        ("厂里电费一个月十几万，想看看哪些设备在偷偷耗电，能不能错峰", None),
        ("每月房租3万，工资一个月要发20万，想上个AI排班，预算2万", 20_000),
        ("Our electricity bill is about 80k a month; we want to see which machines waste power", None),
    ],
)
def test_a_running_cost_is_neither_budget_nor_purchase(extractor, message, budget):
    profile = extractor.extract(message)
    assert profile.budget_cny == budget
    assert profile.purchases == []
