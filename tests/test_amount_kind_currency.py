"""What each amount and purchase is — kind, currency, role — in every script (session 15, issue #12 and #11's
"client's own figures"; review12 r12-08, r12-34, r12-43, r12-45, r12-47).

- The verb and its object decide what is bought ("租算力", "buy a licensed corpus"); the purpose phrase after it
  ("做设备故障预测模型", "to fine-tune our model") never does.
- An amount in another currency (港紙, 蚊 in Hong Kong, 葡幣, HK$, US$) stays in it, on the budget and on a
  purchase; it is never read as yuan.
- A system the client wants or plans to take up is no system they have.
- Headcounts as owners write them ("15個伙記", "五十来个吧").
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
def extract():
    extractor = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 30))
    return extractor.extract


def _bought(profile: CompanyProfile) -> list[tuple[SpendKind, float | None]]:
    return [(p.kind, p.amount_cny) for p in profile.purchases]


@pytest.mark.parametrize(
    "text",
    [
        "東莞做五金的，80個人，準備租算力做設備預測性維護模型，合約大概六十萬",
        "我们是做机床的，想租智算中心的算力来做设备健康监测模型，合同谈的是一年60万",
        "Our Chengdu plant will rent GPUs to build a machine-failure prediction model, contract roughly 600k yuan.",
    ],
)
def test_rented_compute_is_compute_whatever_it_is_for(extract, text):
    # r12-08: the equipment named in the purpose made the rental "AI设备", which compute vouchers never pay for
    assert _bought(extract(text)) == [(SpendKind.compute, 600_000)]


@pytest.mark.parametrize(
    "text",
    [
        "Our Shanghai startup (18 staff) wants to buy a licensed industry corpus from the Shanghai Data Exchange "
        "for about 2 million yuan. Is there a corpus voucher?",
        "We want to purchase an industry dataset for roughly RMB 2 million to fine-tune our model.",
        "我們打算向數據交易所購買行業語料做大模型微調，金額約兩百萬",
    ],
)
def test_a_dataset_bought_with_its_price_is_a_data_purchase_not_the_budget(extract, text):
    profile = extract(text)
    # r12-43: the 2M was the budget and the corpus voucher asked for "the amount" the client had given
    assert _bought(profile) == [(SpendKind.data_corpus, 2_000_000)]
    assert profile.budget_cny is None


def test_an_english_verb_of_buying_prices_its_object_of_every_kind(extract):
    said = {
        "We will buy model API calls worth about 100k RMB a year for our bot.": SpendKind.model_service,
        "We plan to purchase two AI inspection cameras from a Ningbo vendor for about 100k yuan.": (
            SpendKind.ai_equipment
        ),
        "We're going to rent GPU servers in Guizhou for about RMB 100k to fine-tune a legal model.": (
            SpendKind.compute
        ),
        "We plan to buy labelled road images from a vendor in Guiyang for around RMB 100,000.": (
            SpendKind.data_corpus
        ),
    }
    for text, kind in said.items():
        assert _bought(extract(text)) == [(kind, 100_000)], text


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("我哋喺香港開咗間茶餐廳，15個伙記，預算大約3萬港紙，想用AI排更", "HKD 30,000"),
        ("香港做物流嘅，我哋預算十萬蚊左右，想搞路線優化", "HKD 100,000"),
        ("澳門一間手信店，8個人，預算兩萬葡幣，想做社交媒體推廣", "MOP 20,000"),
        ("台北一間設計公司，我哋預算二十萬台幣，想試下AI出圖", "TWD 200,000"),
    ],
)
def test_a_budget_in_another_currency_stays_in_it(extract, text, stated):
    profile = extract(text)
    # r12-34: "5萬港紙" was 5万元 and the answer said the pack fit "在預算5萬元以內"
    assert profile.budget_cny is None
    assert profile.budget_other == stated


def test_cantonese_dollars_outside_hong_kong_and_macau_are_yuan(extract):
    assert extract("广州一间茶楼，预算五万蚊，想做AI点餐").budget_cny == 50_000


@pytest.mark.parametrize(
    ("text", "kind", "currency", "amount"),
    [
        (
            "We are a Hong Kong-registered startup; our engineers would rent GPUs in Shenzhen for training, "
            "about HK$800k.",
            SpendKind.compute,
            "HKD",
            800_000,
        ),
        ("我们打算在深圳买一套AI质检设备，报价10万美元", SpendKind.ai_equipment, "USD", 100_000),
        ("澳門公司，想租算力做模型訓練，合約大約三十萬澳門元", SpendKind.compute, "MOP", 300_000),
    ],
)
def test_a_purchase_in_another_currency_is_kept_in_it_never_as_yuan(extract, text, kind, currency, amount):
    profile = extract(text)
    # r12-47: the HK$800k rental was dropped and the answer priced the catalogue's GPU rental in yuan
    (bought,) = profile.purchases
    assert (bought.kind, bought.amount_cny, bought.currency, bought.amount_other) == (
        kind,
        None,
        currency,
        amount,
    )
    assert profile.budget_cny is None and profile.budget_other is None


@pytest.mark.parametrize(
    ("text", "owned"),
    [
        (
            "A small electronics assembler in Hefei, 60 employees; we want a cloud MES, budget around 100k.",
            [],
        ),
        ("我们想上一套MES，苏州，80人，预算20万", []),
        ("打算上个CRM，客户太多跟不过来，广州，20人", []),
        ("We plan to roll out an ERP next year; we're a Chengdu distributor with 40 people.", []),
        ("我们已经在用金蝶ERP，想接上AI做销量预测", ["ERP", "金蝶财务软件"]),
        ("We already use a CRM and want AI lead scoring.", ["CRM"]),
        ("公司目前用钉钉，打算再上个ERP", ["钉钉"]),
        ("想把现在用的ERP接上AI", ["ERP"]),
        ("想把进销存换成云ERP，预算4万", ["进销存系统"]),  # the one replaced is theirs, the new one is not
        ("前年買咗一套MES花咗50萬，今年想做預測性維護", ["MES"]),
        ("茶叶店，3个人，想用AI写抖音文案", ["抖音账号"]),  # the plan is the AI's; the channel is theirs
    ],
)
def test_a_system_wanted_is_no_system_owned(extract, text, owned):
    # r12-45: "wants a cloud MES" was stored as existing IT, so no pack priced the MES
    assert extract(text).existing_it == owned


@pytest.mark.parametrize(
    ("text", "employees"),
    [
        ("我哋間茶記有15個伙記，想用AI做埋單同點餐", 15),
        ("五十来个吧，做包装的，在温州，想上视觉质检", 50),
        ("We're a team of about 25 in Xiamen doing online retail.", 25),
        ("We're 8 people running a bakery in Kunming.", 8),
        ("我们管着五十来个小区，想做报修工单", None),
    ],
)
def test_headcounts_as_owners_write_them(extract, text, employees):
    assert extract(text).employees == employees


@pytest.mark.parametrize(
    ("text", "budget"),
    [("拉萨的甜茶馆，8个员工，想弄个AI排班，预算几千块", 5_000), ("预算就几万块钱，杭州的餐馆", 50_000)],
)
def test_a_few_thousand_is_a_budget_of_five_thousand(extract, text, budget):
    # review13 r13-08: "预算几千块" read no budget, so the pack was not held to it
    assert extract(text).budget_cny == budget


def test_compute_bought_from_a_provider_elsewhere_is_bought_there_not_at_the_company(extract):
    # review13 r13-55: the Guizhou provider's compute was judged as if bought in Shandong
    profile = extract("We're a Jinan software firm buying GPU compute from a provider in Guizhou.")
    assert [(p.kind, p.where) for p in profile.purchases] == [(SpendKind.compute, "贵州")]
    assert profile.city == "济南"
