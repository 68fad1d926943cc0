"""What a business makes, carries or sells, read from the head of the owner's words, and the size thresholds
that follow from it. Phrasings here are not in the development set: each mechanism must hold beyond them.
- A compound product ends in its head: pet treats, baby food and sausages are made (C), whatever the
  pet-service classes share with 宠物; a way of carrying goods (冷链, 同城配送) is transport (G).
- Who makes the goods for the owner is not the owner ("找厂家贴牌", "自己没有工厂"), as customers are not.
- A shop sells to the public (retail thresholds: 6 staff is micro); "X of Y" in English: X is the business.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import industries
from app.catalogue.loader import load_catalogue
from app.text.normalize import to_traditional

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        # the head of the product decides, not the modifier's services
        ("我们是做婴儿辅食的，在长沙", "C"),
        ("我们是做宠物罐头的，十几个工人", "C"),
        ("做腊肠的家庭作坊，在中山", "C"),
        ("做宠物美容的，两家店", "O"),  # a service stays a service
        # carrying goods is transport; equipment for it is made
        ("我们是做冷链的，在郑州，有十几台冷藏车", "G"),
        ("我们是做同城配送的", "G"),
        ("我们做冷链设备的", "C"),
        # someone else makes what the owner sells
        ("自己没有工厂，都是让厂家贴牌，我们在抖音上卖", "F"),
        ("我们卖猫砂，货是找工厂代工的", "F"),
        # trades nobody's words had listed
        ("在内蒙古开矿的，三百多人", "B"),
        ("我们是做电镀的，在台州", "C"),
        ("我们养老服务做了十年，社区里有三个日间照料中心", "Q"),
        ("我们是做宽带接入的运营商", "I"),
        # English: X of Y names X; plural -ies; trades as nouns
        ("We are a retailer of kitchen appliances in Foshan", "F"),
        ("We're a distributor of medical consumables in Wuhan", "F"),
        ("We run three pharmacies in Xiamen with 25 staff", "F"),
        ("We are an electroplating workshop in Taizhou", "C"),
        ("We run a teahouse in Chengdu", "H"),
        # everyday names of a trade: farm-supply shops sell, 财税 firms keep books, 月嫂 serve households
        ("做农资的，镇上有个门市", "F"),
        ("我们是做财税的，代账报税", "L"),
        ("做育儿嫂和保姆介绍的", "O"),
        ("Our sheet metal shop has 30 workers", "C"),
    ],
)
def test_the_section_is_what_the_business_does(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section, (message, found)


@pytest.mark.parametrize(
    "message", ["我们是做婴儿辅食的，在长沙", "自己没有工厂，都是让厂家贴牌，我们在抖音上卖"]
)
def test_traditional_script_reads_the_same(message: str):
    simplified = industries(KNOWLEDGE).find(message)
    traditional = industries(KNOWLEDGE).find(to_traditional(message))
    assert simplified is not None and traditional is not None
    assert simplified.section == traditional.section


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 30))


@pytest.mark.parametrize(
    ("message", "size"),
    [
        # a shop is retail: 6 staff is below retail's 10 (micro); wholesale's 5 would leave it open
        ("开了家糖果店，6个人", "micro"),
        ("县城里开了家水果批发店，6个人", None),  # wholesale: 5 staff and 1000万 for small, revenue not given
        # pet treats made in a plant: industry thresholds (20 staff, 300万), not other services' (10 staff)
        ("做宠物零食的小厂，15个工人", "micro"),
        ("我们是做宠物零食的，35个工人，年产值2000万", "small"),
        # carrying goods: transport thresholds (20 staff and 200万 for small)
        ("我们是做冷链的，25个司机，年营收500万", "small"),
    ],
)
def test_the_size_class_follows_the_trade_read(extractor: RuleExtractor, message: str, size: str | None):
    profile = extractor.extract(message)
    got = profile.size_certain
    assert (got.value if got else None) == size, (
        message,
        profile.industry,
        profile.sector,
        profile.size_basis,
    )


@pytest.mark.parametrize(
    ("message", "section"),
    [
        # an algorithm firm is software whatever its application's words share with factories (review13 r13-01)
        ("我们在苏州做工业视觉算法，18个人，想租GPU训练模型", "I"),
        ("在成都做人脸识别算法，十几个人", "I"),
        # "my X" names the business, not the software a grant pays for (r13-49)
        ("How do I apply for it for my Beijing design studio? It pays 50% of any AI software.", "M"),
        ("Does the voucher for AI software apply to my Xiamen dental clinic?", "Q"),
    ],
)
def test_the_owners_own_business_beats_the_product_asked_about(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section, (message, found)


def test_an_algorithm_firm_is_sized_by_the_software_thresholds(extractor: RuleExtractor):
    """35 staff on 1200万 is small in software (10 staff, 50万); in industry it would be small too, but 8 staff on
    200万 is micro in software only by headcount: read as a factory, 200万 alone would have decided it."""
    profile = extractor.extract("我们在广州做工业质检算法，35人，年营收1200万")
    assert profile.industry == "I" and profile.sector == "software"
    assert profile.size_certain is not None and profile.size_certain.value == "small"
