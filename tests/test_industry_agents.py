"""Agents and brokers are classed by what they broker, and the size class follows that section's thresholds.

Phrasings not in the development set: the rule must hold for agencies nobody listed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries
from app.advisor.understand.size import classify
from app.text.normalize import to_traditional

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是做新房分销代理的，在南宁，经纪人30个", "K"),
        ("佛山一家写字楼租赁中介，十来个人", "K"),
        ("We're an estate agent in Suzhou, three branches", "K"),
        ("We run a small property brokerage in Kunming", "K"),
        ("我们是车险代理，在合肥，20个业务员", "J"),
        ("We're a loan broker helping small firms get bank credit", "J"),
        ("我们是做报关代理的，在青岛", "G"),
        ("We're a cargo agent at Baiyun airport handling air freight", "G"),
        ("我们是一家知识产权代理公司，帮客户申请专利", "M"),
        ("We're a trademark agent in Hangzhou", "M"),
        ("我们是月嫂中介，在长沙，40个阿姨", "L"),
        ("We're a staffing agency in Dongguan placing factory workers", "L"),
        ("我们是区域代理商，代理一个饮料品牌", "F"),
        ("我们是一家艺人经纪公司，签了十几个主播", "R"),
    ],
)
def test_an_agent_is_read_by_what_it_brokers(message: str, section: str):
    for text in (message, to_traditional(message)):
        match = industries(KNOWLEDGE).find(text)
        assert match is not None and match.section == section, (text, match)


def test_agent_words_alone_name_no_finance_or_business_service():
    # "经纪"/"brokerage" are not finance words: a real-estate brokerage is K whatever the noun.
    match = industries(KNOWLEDGE).find("We're a real estate brokerage with 40 employees")
    assert match is not None and match.section == "K"
    # an agent noun whose thing is named nowhere is left to the other rules, not guessed
    assert industries(KNOWLEDGE).find("我们是一家中介，想用AI") is None


def test_a_broker_is_sized_as_other_services_not_as_property_management():
    """MIIT's property-management thresholds (100 staff for small) are for 物业管理 only: a 30-agent brokerage
    is a small enterprise (10 staff or more), not micro."""
    match = industries(KNOWLEDGE).find("我们是二手房经纪公司，30个经纪人")
    assert match is not None and match.section == "K"
    assert classify(match.sector, 30, None).size_class == "small"
    management = industries(KNOWLEDGE).find("我们是一家物业公司，管8个小区")
    assert management is not None and management.sector == "property"


@pytest.mark.parametrize(
    ("message", "sector", "employees", "revenue", "size"),
    [
        # 邮政业 (GB/T 60, couriers): small from 20 staff and 100万; as transport 150万 would be micro
        ("我们是申通的一个快递网点，在柳州", "postal", 25, 1_500_000, "small"),
        # 信息传输业 (GB/T 64, internet services): large only from 2000 staff and 10亿; as software it is large
        ("We're an internet firm in Xiamen", "telecom", 500, 200_000_000, "medium"),
    ],
)
def test_the_size_class_follows_the_miit_sector_of_the_trade(
    message: str, sector: str, employees: int, revenue: int, size: str
):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.sector == sector, (message, match)
    assert classify(match.sector, employees, revenue).size_class == size
