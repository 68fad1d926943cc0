"""Trades owners name by their outlet, their craft or their farm (issue #12, session 18): a chain is its outlets' trade,
a dish sold is a meal served, a studio is its craft, a farm or pond what it raises, a plant named after a service
is the service's, English compounds with or without their hyphen. Phrasings here are not in the development set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.fixture(scope="module")
def reader():
    return industries(KNOWLEDGE)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        # a chain is its outlets: a dish chain serves meals, a pharmacy chain sells, a clinic chain treats
        ("我们是做螺蛳粉连锁的，柳州15家店", "H"),
        ("开酸辣粉连锁的，门店30多家", "H"),
        ("做眼科诊所连锁的，四家", "Q"),
        ("連鎖藥房，八間分店", "F"),
        ("We run a chain of 6 noodle shops in Lanzhou", "H"),
        # a dish sold is served; flour and instant noodles sold are goods
        ("在学校门口卖煎饼的，夫妻俩", "H"),
        ("我们卖肠粉的，两个档口", "H"),
        ("我们是卖面粉的，给面馆供货", "F"),
        # what is made after 做: a cured meat is processed food, a kiln fires its goods
        ("做腊鱼的，湖南，作坊十来个人", "C"),
        ("做风干鸡的小厂", "C"),
        ("我们烧瓦的，老窑厂", "C"),
        # a service's plant is the service's; a maker's plant makes
        ("我们是布草洗涤厂，给酒店洗床单", "O"),
        ("我们是家具厂，60人", "C"),
        # farms, ponds and orchards by what they raise
        ("我们是养蜂的，三百箱", "A"),
        ("在洪湖养小龙虾的，两百亩虾塘", "A"),
        ("家里是个蓝莓园", "A"),
        # studios and rooms by their craft
        ("我们是一家录音工作室，做有声书", "R"),
        ("开了一家舞蹈工作室，教少儿拉丁", "P"),
        ("我们是芯片设计公司，40个工程师", "I"),
    ],
)
def test_a_chinese_trade_noun_names_its_section(reader, message: str, section: str):
    found = reader.find(message)
    assert found is not None and found.section == section, (message, found)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("We own a small tea garden in Wuyishan", "A"),
        ("We keep a vineyard near Yantai", "A"),
        ("Our family dairy milks 120 cows", "A"),
        ("We're a dairy company making yoghurt", "C"),
        ("We run a pilates studio in Chengdu", "R"),
        ("I run a dance studio for kids", "P"),
        ("We have a panel beaters' workshop in Dongguan", "O"),
        ("We're a print shop doing brochures and labels", "C"),
        ("We're a copy shop near the university", "L"),
        ("We're a cannery in Fujian", "C"),
        ("We're a 9-person AI start-up in Hefei", "I"),
        ("A frozen-seafood processor in Zhoushan", "C"),
        ("A water-supply company in Guilin", "D"),
    ],
)
def test_an_english_trade_noun_names_its_section(reader, message: str, section: str):
    found = reader.find(message)
    assert found is not None and found.section == section, (message, found)


@pytest.mark.parametrize(
    ("message", "section"),
    [
        # review16 r16-56 in other words: machinery repaired is manufacturing (C 43), a phone repaired a service (O)
        ("We're a crane repair company in Tianjin, 30 engineers", "C"),
        ("我们是一家矿山设备维修公司，40人", "C"),
        ("We run a phone repair shop in Guangzhou", "O"),
        # r16-31: motorcycle and car parts by their trade word; r16-26: an ERP implementer is IT services
        ("我们是摩配企业，60人", "C"),
        ("做CRM实施的，8个顾问", "I"),
        # r16-39: a robot the owner wants names no robot maker ("機械人" is Cantonese for robot)
        ("我哋想申請資助整個聊天機械人", None),
    ],
)
def test_review16_trades(reader, message: str, section: str | None):
    found = reader.find(message)
    assert (found.section if found else None) == section, (message, found)
