"""Makers read as makers (issue #12): a product after 做 whose class names do not hold it, a place's name inside a
product word, Cantonese 整, the English trades' own making verbs, and a shop that sells beside a workshop that
makes. Phrasings here are not in the development set."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import industries
from app.advisor.understand.industry_class_words import class_words
from app.catalogue.loader import load_catalogue

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))


@pytest.mark.parametrize(
    ("message", "section"),
    [
        (
            "我们是做防火门的，员工70",
            "C",
        ),  # a made article's head (门) the class names never end a product with
        ("做不锈钢货架的，佛山，工人50", "C"),
        ("我们做羊毛地毯，工人三十来个", "C"),
        ("做电动车充电桩的，员工85", "C"),  # not 机动车充电销售 (F): making is said with 做, selling with 卖
        ("我们是做碳化硼的，员工120，年产值八千万", "C"),  # made from what the mines dig: not mining (B)
        ("我们是做家政的，阿姨八十个", "O"),  # a service after 做 stays a service
        ("我们是做洗衣的，三个门店", "O"),  # 洗衣 is laundry, not a clothes maker
    ],
)
def test_a_product_after_zuo_is_made(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section


def test_a_place_name_inside_a_product_word_does_not_hide_the_product(extractor: RuleExtractor):
    # 金门 (Kinmen) sits inside 铝合金门窗, 大理 inside 大理石: blanked as places, they left "铝合 窗" and "石"
    assert extractor.extract("我们是做铝合金门窗的，工人60个").industry == "C"
    assert extractor.extract("我们厂是做大理石台面的，云浮，员工45").industry == "C"


@pytest.mark.parametrize(
    "message",
    ["我哋喺中山整電風扇嘅，工人三百幾個", "我哋係整膠袋嘅，廠喺佛山"],
)
def test_cantonese_zheng_is_making(message: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == "C"


def test_mandarin_zheng_is_no_making():
    # 整理, 整改 say tidy and rectify: "我们想整理一下客户资料" names no factory
    assert industries(KNOWLEDGE).find("我们想整理一下客户资料") is None


@pytest.mark.parametrize(
    "message",
    [
        "We print packaging boxes for tea brands, 40 staff",
        "We dye and finish cotton fabric in Shaoxing",
        "Our mill weaves denim for jeans brands",
        "We mould plastic housings for routers",
    ],
)
def test_english_trade_verbs_are_making(message: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == "C"


def test_a_shop_sells_and_a_workshop_makes():
    # "2个人看店" minds the shop: it names no kind of business (it was read as 看护, Q)
    shop = industries(KNOWLEDGE).find("我们在古镇开了一家香薰蜡烛店，2个人看店")
    workshop = industries(KNOWLEDGE).find("我们是做香薰蜡烛的作坊，6个人")
    assert shop is not None and shop.section == "F"
    assert workshop is not None and workshop.section == "C"


def test_every_class_word_resolves_to_its_own_section_said_as_what_we_do():
    # Property: each owner word of the class-word table, said as "我们是做X的", is read in its class's section.
    words = class_words(KNOWLEDGE / "industry_class_words.tsv", KNOWLEDGE / "gbt4754_2017.tsv")
    reader = industries(KNOWLEDGE)
    wrong = {
        word: (found.section if found else None)
        for word, match in words.items()
        if (found := reader.find(f"我们是做{word}的")) is None or found.section != match.section
    }
    assert not wrong


@pytest.mark.parametrize(
    "message",
    ["做什么的都有", "我们是做出海的，12人", "做新能源的，100人", "我们是做公益的"],
)
def test_a_field_or_a_question_after_zuo_is_no_good(message: str):
    # "做X的" guesses a maker only for a good: a question word, a field or a way of selling names no product
    found = industries(KNOWLEDGE).find(message)
    assert found is None or found.section != "C"


def test_an_owner_word_in_a_later_clause_beats_the_guess():
    # 猎头 names the business (L); "做招聘的" alone would have been guessed as a good
    found = industries(KNOWLEDGE).find("做招聘的，猎头，6个人")
    assert found is not None and found.section == "L"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们在兰州开了个羊肉馆，20个人", "H"),  # a 馆 named after a food cooks it
        ("我们是一家泡菜鱼馆，10个人", "H"),  # 泡菜 is a factory's word (蔬菜加工), the 馆 serves fish
        ("开了一家照相馆，3个人", "O"),  # a 馆 sells no goods: not 照相器材零售 (F)
        ("我们开了个乒乓球馆", "R"),
    ],
)
def test_a_hall_serves(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section
