"""Owners' names of GB/T 4754-2017 small classes (knowledge/industry_class_words.tsv) and the size thresholds
that follow from them. Phrasings here are not in the development set: the table's words must hold in any
sentence, and the usual readings around them too (a trade verb before the product is trade, an outlet after
it a shop, a customer is no business).
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
    ("message", "section", "class_name"),
    [
        # food and primary processing said by the workshop or the product: made (C), by its own class
        ("镇上一个老豆腐坊，做了二十年", "C", "豆制品制造"),
        ("我们是做泡菜的，四川眉山", "C", "蔬菜加工"),
        ("做坚果炒货的，一年忙到头", "C", "水果和坚果加工"),
        ("我们是定点屠宰场，一天几百头", "C", "牲畜屠宰"),
        ("我家做皮蛋，湖南的", "C", "蛋品加工"),
        ("我们做复合调味料，给餐饮连锁供货", "C", "其他调味品、发酵制品制造"),
        ("村里的榨油坊，榨花生油", "C", "食用植物油加工"),
        ("我们是做烟花的，浏阳", "C", "焰火、鞭炮产品制造"),
        # auto parts owners name by the part
        ("公司做汽车线束，员工三百多", "C", "汽车零部件及配件制造"),
        ("我们生产刹车盘，出口为主", "C", "汽车零部件及配件制造"),
    ],
)
def test_an_owners_word_for_a_small_class_names_it(message: str, section: str, class_name: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and (found.section, found.label) == (section, class_name), (message, found)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("菜市场里卖豆腐的，夫妻两个", "F"),  # a trade verb before the product: sold, not made
        ("开了家月饼店，中秋卖得最好", "F"),  # an outlet after the product: a shop
        ("我们做饲料的，主要卖给养猪场", "C"),  # the farm is the customer
    ],
)
def test_the_readings_around_a_class_word_still_apply(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section, (message, found)


def test_traditional_script_reads_the_same():
    message = "我們是做臘腸的，在中山，有自己的工場"
    found = industries(KNOWLEDGE).find(to_traditional(message))
    assert found is not None and found.section == "C", found


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 30))


@pytest.mark.parametrize(
    ("message", "size"),
    [
        # a harness maker is sized on industry's thresholds: 420 staff and 3亿 is medium (large needs 1000
        # staff); read as nothing, other industries' 300 staff would have made it large
        ("做汽车线束的，480人，一年营收3亿", "medium"),
        # a tofu workshop of 12 is micro in industry (under 20); as other services it would be small (10+)
        ("我们是个豆腐坊，12个人", "micro"),
    ],
)
def test_the_size_follows_the_class(extractor: RuleExtractor, message: str, size: str):
    profile = extractor.extract(message)
    got = profile.size_certain
    assert (got.value if got else None) == size, (message, profile.industry, profile.size_basis)
