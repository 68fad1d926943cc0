"""A company's name words, compound product heads, farms and kitchens: the section owners would recognise.

The phrasings below are not in the development set: each mechanism must hold for businesses nobody listed.
- 科技/tech in a company's name says nothing of the trade; what the message says it makes or sells decides.
- A compound product ends in its head ("储能逆变器企业" makes inverters, C), in any script.
- Ponds, pastures and livestock farms farm (A); a central kitchen cooks (H) unless it makes packaged food (C).
- Words that settle nothing leave the industry empty, to be asked.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries
from app.text.normalize import to_traditional

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是一家智能科技有限公司，主要生产电动升降桌，120人", "C"),
        ("昆山一家精密科技有限公司，专业制造连接器，工人300", "C"),
        ("我们是电子商务科技公司，其实就是在抖音上卖零食的，12个人", "F"),
        ("一家生态农业科技公司，在丽水种高山茶，20人", "A"),
        ("我们是一家供应链科技公司，做城市冷链运输的，30辆车", "G"),
        ("我们是一家科技公司，做小程序开发的，15人", "I"),
        (
            "We are Lanxin Technology in Foshan, and we actually make aluminium window frames, 90 workers.",
            "C",
        ),
    ],
)
def test_a_name_word_gives_way_to_what_the_business_does(message: str, section: str):
    for text in (message, to_traditional(message)):
        match = industries(KNOWLEDGE).find(text)
        assert match is not None and match.section == section, (text, match)


def test_a_bare_tech_company_is_still_read_as_one():
    match = industries(KNOWLEDGE).find("廊坊一家35人的科技公司，想申请算力券")
    assert match is not None and match.section == "I"


@pytest.mark.parametrize(
    "message",
    [
        "我们是一家储能逆变器企业，200人，想做质检",
        "常州一家新能源汽车电机企业，400人",
        "我们公司做光伏支架的，在嘉兴，80人",
        "我們是一間鋰電池隔膜企業，三百人",
        "We're an inverter company in Ningbo with 150 staff.",
        "A solar panel tech firm in Yancheng, 400 workers.",
    ],
)
def test_a_compound_product_is_made_by_its_head(message: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == "C", (message, match)


@pytest.mark.parametrize(
    "message",
    [
        "我在阳江有十几个虾塘，3个工人",
        "我们是个肉牛牧场，在锡林郭勒，25人",
        "在微山湖边有个渔场，想装水质监测",
        "We run an oyster farm in Beihai with 10 workers.",
        "Our hatchery in Beihai breeds grouper fry.",
    ],
)
def test_a_pond_or_pasture_farms(message: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == "A", (message, match)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们有个中央厨房，给自己的8家面馆配菜", "H"),
        ("我們是一間中央廚房，每天給工廠食堂送飯", "H"),
        ("做预制菜的中央厨房，产品卖给盒马", "C"),
        ("Our central kitchen cooks lunches for 20 office canteens.", "H"),
        ("Our central kitchen produces frozen buns for convenience stores.", "C"),
        ("We run a meal-prep kitchen in Hangzhou feeding three hospitals.", "H"),
        ("We're a seafood processor in Zhoushan, 150 workers.", "C"),
    ],
)
def test_a_central_kitchen_cooks_unless_it_makes_packaged_food(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, (message, match)


@pytest.mark.parametrize(
    "message", ["我们是做生意的，二十来个人", "我们公司是做项目的，想了解补贴", "我们是一家科技有限公司"]
)
def test_words_that_settle_nothing_leave_the_industry_to_be_asked(message: str):
    assert industries(KNOWLEDGE).find(message) is None


def test_the_refusal_names_the_trade_read_not_the_company_name():
    """A '科技' company that sells clothes online is told the Xuchang pilot is for manufacturers and that it
    trades, not that it is a software firm; one that makes machines meets the condition."""
    from app.advisor.engine.eligibility import assess
    from app.advisor.understand.extraction import RuleExtractor
    from app.catalogue.loader import load_catalogue

    catalogue = load_catalogue(KNOWLEDGE / "catalogue")
    extractor = RuleExtractor(KNOWLEDGE, catalogue, date(2026, 11, 30))
    program = catalogue.program("xc-sme-dx-pilot-2026")

    def industry_condition(message: str):
        profile = extractor.extract(message)
        conditions = assess(program, profile, date(2026, 11, 30)).conditions
        return next(c for c in conditions if c.name == "industry")

    seller = industry_condition("许昌一家网络科技有限公司，主要在淘宝上卖女装，20人")
    assert seller.status.value == "unmet"
    assert "批发和零售业" in seller.reason.zh and "信息" not in seller.reason.zh, seller.reason
    maker = industry_condition("许昌一家智能科技有限公司，主要生产发制品，200人")
    assert maker.status.value == "met", maker


@pytest.mark.parametrize(
    ("message", "section"),
    [
        # review11 r11-15: what was bought is not the trade, nor is the clause that prices it
        ("我们是绍兴一家做衬衫的企业，今年采购了一套AI排版软件，一共20万", "C"),
        ("做牛仔裤的工厂，去年花了15万买了套大模型系统", "C"),
        # r11-16: the 家 of 家电/家具 is not the measure word's; "一家电子厂" holds no 家电
        ("我们是江门一家家电企业，900人", "C"),
        ("我们是深圳一家电子商务公司，卖手机壳的，8个人", "F"),
        ("开了一家家电卖场，12个人", "F"),
        # r11-32 / r11-38: a Cantonese tea house serves meals; 嘅 closes a product as 的 does
        ("我哋係元朗一間茶樓，25個伙計", "H"),
        ("我哋喺中山做傢俬嘅，60個工人", "C"),
    ],
)
def test_review11_businesses_are_read_by_their_trade(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, (message, match)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我哋喺荃灣有間冰室，想用AI睇邊款多人叫", "H"),
        ("我們是新竹的營造廠，想用AI管工地進度", "E"),
        ("我們是做搬家的，台北五台車", "G"),
        ("我們是台中一間貨運行，司機二十個", "G"),  # a service's 行 is the firm, not a shop selling it
        ("我們是一間五金行，在彰化", "F"),  # goods' 行 still sells them
    ],
)
def test_hong_kong_and_taiwan_names_of_a_business(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, (message, match)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        # A centre, an office or a station neither mines nor makes (session 21): a physiotherapy practice treats
        # patients (Q), not 机械治疗设备制造; a gas pressure-regulating station supplies gas (D), not 天然气开采 (B).
        ("我们在苏州开了家物理治疗中心，12个治疗师", "Q"),
        ("我们在廊坊运营几座天然气调压站，30人", "D"),
        ("一家燃气调压站运营公司，在保定，20人", "D"),
        ("我们是一家材料研究所，40人", "M"),
        ("我们是生产物理治疗设备的厂家，200人", "C"),
        # Resorts and farm stays lodge guests (H); a troupe performs (R); a game studio makes game content (I).
        ("从化一家温泉山庄，120名员工", "H"),
        ("怀柔的农家院，5个人", "H"),
        ("湖南一家花鼓戏演出公司，30人", "R"),
        ("We're a 15-person game art outsourcing studio in Chengdu", "I"),
    ],
)
def test_the_head_of_a_service_place_and_its_owner_words_name_the_section(message: str, section: str):
    for text in (message, to_traditional(message)):
        match = industries(KNOWLEDGE).find(text)
        assert match is not None and match.section == section, (text, match)
