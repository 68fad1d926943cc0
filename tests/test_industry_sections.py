"""GB/T 4754-2017 section of a business the code never saw, in the phrasings owners use.

The nouns below are in neither the owner-word table (knowledge/industries.yaml) nor the development set:
the class list (knowledge/gbt4754_2017.tsv) has to place them by what the business does, whatever sentence
they sit in, in simplified or traditional script.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries
from app.text.normalize import to_traditional

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"

UNSEEN_BUSINESSES = [
    ("眼镜店", "F"),  # sells glasses, does not make them
    ("文具店", "F"),
    ("珠宝店", "F"),
    ("自行车店", "F"),
    ("药铺", "F"),  # a pharmacy is retail, not drug making (C) nor herb growing (A)
    ("茶馆", "H"),  # 茶馆服务, not a tea shop
    ("酒吧", "H"),
    ("洗浴中心", "O"),
    ("殡葬公司", "O"),
    ("婚介所", "O"),
    ("钢琴培训工作室", "P"),
    ("舞蹈培训中心", "P"),
    ("游泳馆", "R"),
    ("电影院", "R"),
    ("养鸭场", "A"),
    ("苗木基地", "A"),
    ("砖厂", "C"),
    ("纸箱厂", "C"),
    ("翻译公司", "L"),
    ("保安公司", "L"),
    ("搬家公司", "G"),
    ("货代公司", "G"),
    ("团餐公司", "H"),  # feeds schools and factories: catering, not the customers' sections
]
PHRASINGS = [
    "我们是一家{x}",
    "我在杭州开了家{x}，十来个人，想用AI省点人工",
    "成都的{x}，员工25人，预算两万，有什么AI方案",
    "老板让我问下，我们{x}去年营收大概300万，能申请什么补贴",
]


@pytest.mark.parametrize(("noun", "section"), UNSEEN_BUSINESSES)
def test_a_business_nobody_listed_is_placed_by_the_class_list(noun: str, section: str):
    dictionary = industries(KNOWLEDGE)
    for phrasing in PHRASINGS:
        for text in (phrasing.format(x=noun), to_traditional(phrasing.format(x=noun))):
            match = dictionary.find(text)
            assert match is not None and match.section == section, (text, match)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是一家药房，在社区卖各种处方药", "F"),  # 各种 is a measure word, not farming (种)
        ("我们是奶茶品牌，有20家门店", "H"),  # 门店 is where it sells, 奶茶 what it sells
        ("We're a software outsourcing shop in Dalian", "I"),
        ("We run a chain of hair salons in Changsha", "O"),  # plural owner word
        ("We repair and service forklifts for warehouses around Tianjin", "C"),  # warehouses are customers
        ("Is an AI phone receptionist better than a chatbot for a clinic?", "Q"),  # "for a clinic": ours
        ("我們是高雄的五金行，員工共八位", "F"),  # hardware is what it sells: 行 is the outlet
        ("开了家汽配店，卖汽车配件", "F"),
        ("Machine shop in Ningbo, 70 workers", "C"),  # a machining workshop, not a store
        ("A 30-person Qingdao seafood exporter", "F"),
        ("我们是给周边餐馆配送冻品的批发商", "F"),  # restaurants are its customers
        ("开了两家烤肉店，员工20人", "H"),  # a cooked dish: a restaurant, not meat wholesale
        ("开了家炒货店", "F"),  # roasted nuts are a product sold
        ("我们是做二手房中介的，门店3家", "K"),  # 门店 says where, 二手房中介 what
        ("我们是做环境检测的第三方机构", "M"),  # 第三方 is how it works, not instant noodles (方)
        ("杭州余杭做工业视觉的公司，35个人", "I"),  # a technology firm, not a factory
        ("成都做大模型的公司，60人", "I"),
        ("We develop mini-programs for retailers, 15 developers in Xiamen", "I"),
        ("We do home appliance cleaning, 20 technicians in Zhengzhou", "O"),
    ],
)
def test_what_the_business_does_not_its_customers_or_its_format(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("预算改成8万行不行", None),
        ("这样可行吗", None),
        ("我们是五金厂，五金行业竞争太激烈了，预算两万行吗", "C"),
    ],
)
def test_a_word_that_only_looks_like_an_outlet_names_no_business(message: str, section: str | None):
    """review6 s4t3: "预算改成8万行不行" made the client a social-work body (行 read as a shop)."""
    match = industries(KNOWLEDGE).find(message)
    assert (match.section if match else None) == section


def test_what_the_owner_asks_to_have_done_is_not_their_business():
    """ "帮我翻译这封信" asks for a translation (out of scope); it does not make the asker a translation agency."""
    assert industries(KNOWLEDGE).find("可以幫我翻譯這封英文信嗎？") is None
    translators = industries(KNOWLEDGE).find("我们是翻译公司，想帮客户翻译得更快")
    assert translators is not None and translators.section == "L"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("客户在深圳龙华，20人的短视频公司，租GPU只做推理", "R"),  # review6 c02: not 职业技能培训
        ("合肥一家做智能语音的公司，20人，安徽能补多少", "I"),  # review6 c15: software, not a factory
        ("Shanghai 25-person data company about to list its first data product", "I"),  # review6 c40
        ("我们是一家洗涤厂，专门给酒店洗布草", "O"),  # washes linen: 洗染服务, not detergent making
        ("在郑州做家电清洗的，5个师傅", "O"),
        ("苏州吴江做团餐配送的，给工厂食堂送饭", "H"),  # meals delivered are catering, not trucking
        ("兰州一家做牛肉面的，三家店，一共40人", "H"),  # a dish sold in counted shops
        ("南宁一家做米粉的连锁店", "H"),
        ("太原小店区的一家保安公司", "L"),  # 小店区 is where, not a shop (nor 小学)
        ("我们在武汉光谷做游戏美术外包的，60人", "I"),
    ],
)
def test_what_the_business_does_in_the_words_reviews_found_misread(message: str, section: str):
    """The place is read out before the business: extraction reads the message without its place names."""
    from app.advisor.understand.gazetteer import regions

    match = industries(KNOWLEDGE).find(regions(KNOWLEDGE).without_places(message))
    assert match is not None and match.section == section, match


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("佛山顺德北滘镇一家小家电厂，员工160", "C"),  # an appliance factory, not a power plant (电厂)
        ("东莞虎门做服装的，70个车位工，想用AI排单", "C"),  # makes garments: not 服装批发
        ("开了家宠物诊所，医生护士8个", "O"),  # 宠物医院服务, not a clinic for people
        ("I run a funeral home in Nanning with 9 staff", "O"),
        ("我在拉萨开了个青旅，5个人", "H"),
        ("我们是给工地送商品混凝土的搅拌站", "C"),  # building sites are the customers
    ],
)
def test_the_business_noun_and_what_the_owner_makes_decide_the_section(message: str, section: str):
    from app.advisor.understand.gazetteer import regions

    match = industries(KNOWLEDGE).find(regions(KNOWLEDGE).without_places(message))
    assert match is not None and match.section == section, match


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们做的是中药饮片配送，30个人", "F"),  # delivers what it sells: trade, not trucking
        ("做粮油配送的，客户是周边饭店", "F"),
        ("开了个煤气罐配送站", "F"),
        ("我们做冷链配送，15台车", "G"),  # a way of carrying: transport
        ("做同城配送的，20个骑手", "G"),
        ("我们是做配送的，车队十几台", "G"),  # nothing named but the delivering
        ("我们是做学生餐配送的", "H"),  # meals delivered are catering
        ("We distribute building materials to contractors around Foshan", "F"),  # contractors are customers
    ],
)
def test_a_business_that_delivers_goods_is_classed_by_what_it_sells(message: str, section: str):
    """review8 blind7: "药品配送" read as transport; GB/T 4754 classes a firm delivering its own goods as trade."""
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, match


@pytest.mark.parametrize(
    "message",
    ["我们是做摩托车配件的", "生产汽车外饰件，工人300", "我们做電動車零部件的，在无锡", "做液压件的小厂"],
)
def test_a_part_is_made_in_the_class_of_its_machine(message: str):
    """review8 blind7: "汽车内饰件" matched no class; the standard names parts by their machine (汽车零部件及配件制造)."""
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == "C", match


def test_the_pronoun_mine_is_no_mine():
    assert industries(KNOWLEDGE).find("What could AI do for a small firm like mine?") is None
    mine = industries(KNOWLEDGE).find("We run a gold mine in Shandong")
    assert mine is not None and mine.section == "B"


@pytest.mark.parametrize(
    "message", ["我们是做智能手表充电器的", "做PCB电路板的，东莞", "我们生产不锈钢保温杯"]
)
def test_a_made_article_no_class_names_is_still_made_in_a_factory(message: str):
    """Dev pf36: "做蓝牙耳机的" matched no class; a compound's last character names a made article."""
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == "C", match


def test_office_work_said_with_do_is_no_product():
    assert industries(KNOWLEDGE).find("每天做报表，累死了，有什么AI能帮忙") is None


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("We make excavator attachments and hydraulic parts in Xuzhou, 110 staff", "C"),
        ("Our factory turns out mining equipment components, about 200 workers", "C"),
        ("We build parts for farm machinery in Luoyang", "C"),
        ("We sell construction machinery parts from a warehouse in Changsha", "F"),
        ("我们在汽配城卖工程机械配件", "F"),  # goods sold are trade whatever makes them
        ("做电子元器件代理销售的，8个人", "F"),
        ("做外卖包装盒的厂，工人100", "C"),  # 外卖 is a meal, not selling
        ("我们是五金厂，产品卖到国外", "C"),  # sells what it makes
        ("We rent out construction equipment to builders", "L"),
        ("我们是做工程机械配件的，90人", "C"),
        ("我们厂给煤矿做配件，120个工人", "C"),
        (
            "A 60-person firm in Wuxi making disposable syringes",
            "C",
        ),  # the place between the firm and its making
        ("我们是一家羽毛球俱乐部，教练6个", "R"),  # a club plays: not a maker of its rackets
    ],
)
def test_the_verb_and_the_head_decide_not_the_machines_the_product_fits(message: str, section: str):
    """review10 r10-54: a construction-machinery parts maker was read as Construction (E) and told a pilot is
    "only for Manufacturing; yours is Construction". The product's modifier names whose machines, not the trade."""
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, match


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("香港一間室內設計公司，上個月同供應商簽咗約做AI文件管理系統", "M"),  # r10-37: not software
        ("我们是一家连锁酒店，找了家软件公司开发会员小程序", "H"),
        ("Does any grant pay half of an AI software licence? We're a 20-person trading firm in Zhuhai.", "F"),
        ("We hired a vendor to build a chatbot. We run three bakeries in Xiamen.", "H"),
    ],
)
def test_what_the_business_buys_does_not_name_the_business(message: str, section: str):
    """review10 r10-37/r10-45: the product a client buys or asks about ("做AI文件管理系统", "AI software") was read
    as the business; the clause in which the owner says what the business is decides."""
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, match


@pytest.mark.parametrize(
    "message", ["郑州开了个打印复印店，夫妻俩", "我在大学城开了家图文快印店", "我哋喺旺角有間影印舖"]
)
def test_a_print_shop_is_office_services_not_rehabilitation(message: str):
    """review10 r10-23: "打印复印店" shares 复 with 精神康复服务 and was told its industry is health and social
    work. A character of another word (康复) is no evidence; a print and copy shop is 办公服务 (L 7293)."""
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == "L", match


def test_a_character_of_another_word_places_no_shop():
    from app.advisor.understand.industry_classes import ClassList

    classes = ClassList(KNOWLEDGE / "gbt4754_2017.tsv")
    assert classes.nearest("开了个打印复印店") is None  # 复 of 康复: no class of the class list places it
    houses = industries(KNOWLEDGE).find("We build houses in rural Sichuan, 40 workers")
    assert houses is None or houses.section != "C"  # built on site: "build" makes parts only of made articles


@pytest.mark.parametrize(
    ("message", "section", "label"),
    [
        ("深圳宝安一家智能硬件公司，50人", "C", "制造业"),  # r10-30: not 智能照明器具制造
        ("我们是济南一家生物医药企业，150人", "C", None),  # r10-28: 企业 is a business noun like 公司
        ("我們是成都一間生物醫藥企業", "C", None),
    ],
)
def test_a_company_noun_names_its_section_and_a_class_only_when_one_leads(
    message: str, section: str, label: str | None
):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section, match
    assert label is None or match.label == label, match


@pytest.mark.parametrize(
    "message",
    ["我们是一家中小企业，想了解AI", "我们是一家民营企业", "We're a small company in Wuxi, 40 staff"],
)
def test_a_company_that_says_nothing_of_its_trade_is_asked_not_guessed(message: str):
    assert industries(KNOWLEDGE).find(message) is None


def test_a_parts_maker_hears_the_pilot_is_for_manufacturing_not_that_it_is_construction():
    """The ❌ reason names the section read: a parts maker meets "仅限制造业" and is never told it builds."""
    from datetime import date

    from app.advisor.engine.eligibility import assess
    from app.advisor.understand.extraction import RuleExtractor
    from app.catalogue.loader import load_catalogue

    catalogue = load_catalogue(KNOWLEDGE / "catalogue")
    profile = RuleExtractor(KNOWLEDGE, catalogue, date(2026, 11, 30)).extract(
        "We make construction machinery parts in Changsha, 90 staff. Can we join the Changsha pilot?"
    )
    assert profile.industry == "C"
    industry = next(
        c
        for c in assess(catalogue.program("cs-sme-dx-pilot-funds"), profile, date(2026, 11, 30)).conditions
        if c.name == "industry"
    )
    assert industry.status.value == "met", industry
