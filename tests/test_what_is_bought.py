"""What each thing the client buys is, with or without an amount, and where (review11 r11-28, r11-20, r11-50).

A consultant reads these off the profile: a purchase named without a price still decides which program pays for
it; a loan is the loan, buying the client's own machines; spend already being paid is this year's spend; where
compute is rented is not where the company is.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))


def _bought(profile: CompanyProfile) -> list[tuple[SpendKind, float | None]]:
    return [(p.kind, p.amount_cny) for p in profile.purchases]


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        (
            "深圳宝安一家做电子秤的工厂，100人，想做说明书问答，买的是已备案的大模型API服务",
            SpendKind.model_service,
        ),
        ("我們公司在東莞，用的是通義千問的API，想做產品說明書問答", SpendKind.model_service),
        ("Our Suzhou studio buys API access to a filed large model.", SpendKind.model_service),
        ("我们准备租GPU算力训练一个质检模型", SpendKind.compute),
        ("We plan to buy GPU hours on the Guizhou platform to train our model.", SpendKind.compute),
        ("要外包一批道路图像标注", SpendKind.data_labeling),
        ("We're outsourcing the image annotation for our defect model.", SpendKind.data_labeling),
        ("我們想買一批醫學影像數據集來訓練模型", SpendKind.data_corpus),
        ("We're buying a licensed speech corpus to train our call-centre bot.", SpendKind.data_corpus),
        ("已经订阅了一套AI客服SaaS", SpendKind.software),
        ("准备采购几台AI视觉检测设备", SpendKind.ai_equipment),
        ("We are buying two AI inspection cameras for our ceramics line.", SpendKind.ai_equipment),
        ("我哋租咗阿里雲嘅雲服務器", SpendKind.cloud_service),
    ],
)
def test_a_purchase_named_without_an_amount_is_a_purchase_of_its_kind(extractor, message, kind):
    assert _bought(extractor.extract(message)) == [(kind, None)]


@pytest.mark.parametrize(
    "message",
    [
        "听说有算力券和模型券，我们是杭州的小公司，想了解一下",  # programs asked about buy nothing
        "我们公司本身就是做大模型API服务的，在北京",  # the client's trade
        "We don't use any cloud API; we want an offline tool.",  # a thing they don't buy
        "想上个AI客服，预算2万",  # a wish for a tool is a need
        "前年買咗一套MES，今年想做預測性維護",  # bought in an earlier year
        "租GPU跟買伺服器哪個比較划算？",  # options weighed, nothing bought yet
        "听说买AI软件可以免息贷30万，我们能申请吗",  # a rumoured program's terms
        "Our bookkeeper spends days typing receipts into the accounting software",  # time spent, not money
    ],
)
def test_no_purchase_is_read_where_nothing_is_bought(extractor, message):
    assert extractor.extract(message).purchases == []


def test_an_amount_named_later_replaces_the_purchase_named_without_one_and_not_the_reverse(extractor):
    named = extractor.extract("买的是已备案的大模型API服务")
    priced = extractor.extract("大模型API一年合同25万")
    assert _bought(named.merged_with(priced)) == [(SpendKind.model_service, 250_000)]
    assert _bought(priced.merged_with(named)) == [(SpendKind.model_service, 250_000)]


@pytest.mark.parametrize(
    ("message", "amount"),
    [
        ("无锡一家纺织厂，准备向银行贷款800万买智能织机和视觉验布设备", 8_000_000),
        ("我們向銀行借了500萬添置數控機床", 5_000_000),
        ("We're taking a RMB 3 million bank loan to buy new looms and an inspection line.", 3_000_000),
        (
            "Our Jiaxing food plant is financing 2 million yuan of packaging robots through the bank.",
            2_000_000,
        ),
        ("准备用设备更新贷款买两台激光切割机，贷款额度300万", 3_000_000),
    ],
)
def test_a_loan_buys_the_clients_own_equipment_at_the_loans_amount(extractor, message, amount):
    profile = extractor.extract(message)
    assert _bought(profile) == [(SpendKind.ai_equipment, amount)]
    assert profile.purchases[0].loan and profile.budget_cny is None


def test_a_loan_that_buys_nothing_or_is_only_heard_of_is_no_purchase(extractor):
    assert extractor.extract("公司想贷款200万周转一下，有没有贴息政策").purchases == []
    assert extractor.extract("小企业上AI可以免息贷80万，我们能申请吗").purchases == []


@pytest.mark.parametrize(
    ("message", "kind", "amount"),
    [
        (
            "Qingdao trading firm: we already pay about CNY 120k a year for API access.",
            SpendKind.model_service,
            120_000,
        ),
        ("我们每年付给阿里云大概8万的通义千问调用费", SpendKind.model_service, 80_000),
        ("我們現在每個月租GPU大約兩萬", SpendKind.compute, 240_000),
        ("已经在用一套AI排班系统，一年3万", SpendKind.software, 30_000),
    ],
)
def test_spend_already_being_paid_is_this_years_purchase_and_said_to_be_ongoing(
    extractor, message, kind, amount
):
    profile = extractor.extract(message)
    assert _bought(profile) == [(kind, amount)]
    assert profile.purchases[0].ongoing


def test_a_plan_is_not_ongoing_spend(extractor):
    profile = extractor.extract("我们打算每年花20万租算力")
    assert _bought(profile) == [(SpendKind.compute, 200_000)] and not profile.purchases[0].ongoing


@pytest.mark.parametrize(
    ("message", "city", "where"),
    [
        (
            "Weihai logistics firm, 50 staff; we rent compute at a data centre in Jinan, about 200k a year.",
            "威海",
            "济南",
        ),
        (
            "We rent compute at a data centre in Jinan, about 200k a year; we're a Weihai logistics firm.",
            "威海",
            "济南",
        ),
        ("我們是煙台的公司，在濟南的算力中心租算力，一年三十萬", "烟台", "济南"),
        ("We buy GPU hours on the Guizhou platform; a 20-person AI startup in Chengdu.", "成都", "贵州"),
        ("杭州的公司，租的是庆阳的算力，一年大概50万", "杭州", "庆阳"),
    ],
)
def test_where_compute_is_bought_is_the_purchases_place_not_the_companys(extractor, message, city, where):
    profile = extractor.extract(message)
    assert profile.city == city
    assert [p.where for p in profile.purchases] == [where]


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("这事儿准备拿一万二出来，想弄个扫码点餐", 12_000),
        ("合肥的五金店，钱不多，三千块，想让AI帮忙记进销存", 3_000),
        ("老板准备了10万块钱，想做布面检测", 100_000),
        ("成本别超过5千，想用AI写朋友圈文案", 5_000),
        ("We have 100k set aside for this; contract reviews are drowning us.", 100_000),
        ("The boss approved 50k for an AI tool.", 50_000),
        ("We've got 8,000 yuan for it.", 8_000),
        ("三五千的东西有吗？想做预约提醒", 5_000),
        ("We paid RMB 60k for a CRM two years ago and now have about 20k to spend on AI.", 20_000),
    ],
)
def test_money_put_aside_for_the_job_is_the_budget_and_no_purchase(extractor, message, budget):
    profile = extractor.extract(message)
    # nothing bought this year ("a CRM two years ago" is a past spend, dated: engine/past_spend.py)
    assert profile.budget_cny == budget and [p for p in profile.purchases if p.year is None] == []


@pytest.mark.parametrize(
    ("message", "province", "city"),
    [
        ("Family-run greenhouse farm in Shouguang, Shandong, 15 workers.", "山东", "潍坊"),
        ("Zhangjiagang steel pipe plant, 160 staff, wants AI visual inspection.", "江苏", "苏州"),
        ("A shoe factory in Jinjiang, Fujian with 300 workers.", "福建", "泉州"),
        ("我在寿光承包了几个蔬菜大棚，8个人", "山东", "潍坊"),
        ("我哋喺上水開咗間藥房，五個人", "香港", "香港"),
        ("將軍澳一間補習社，八位老師", "香港", "香港"),
        ("We run a 6-person phone repair shop in Sheung Shui.", "香港", "香港"),
    ],
)
def test_county_level_cities_in_english_and_hong_kong_neighbourhoods_resolve(
    extractor, message, province, city
):
    profile = extractor.extract(message)
    assert (profile.province, profile.city) == (province, city)


def test_an_everyday_word_that_is_also_a_neighbourhood_names_no_place(extractor):
    assert extractor.extract("上水管道坏了，想找人修").province is None  # 上水 is also "water supply"
