"""The trade told in turn 1 holds through the conversation (issue #12, session 18).

Invariant: once the client has said what the business is, a later turn that names a department, a pain point, a
product also sold or a sideline never changes the GB/T section the advice is sized and judged on; a correction
("不对，我们其实是做…", "Actually, we're …") or a fresh description of the main business does. Phrasings here are
not in the development set.
"""

from __future__ import annotations

import pytest

from app.advisor.understand.industry_turns import industry_in_passing
from app.advisor.understand.profile import CompanyProfile

# What a client says after the trade is known, none of which says what the business is.
LATER_TURNS = [
    "我们也卖自己做的辣椒酱",
    "另外我们还开了个小超市",
    "财务报销太慢了",
    "物流部每天排车要两个小时",
    "我们仓库那边也想用上AI",
    "客服部门人手不够",
    "We also sell spare parts online",
    "Our logistics team wastes hours on routing",
    "we do some catering on the side too",
    "還有做少少批發",
]
KNOWN = [("H", "餐饮"), ("C", "制造"), ("A", "农业"), ("Q", "医疗卫生"), ("I", "软件和信息技术")]
# What any of those turns could be misread as: trade, transport, retail, warehousing, catering.
MISREAD = [("F", "零售"), ("G", "运输物流"), ("H", "餐饮"), ("C", "制造")]


@pytest.mark.parametrize("text", LATER_TURNS)
@pytest.mark.parametrize(("section", "label"), KNOWN)
@pytest.mark.parametrize(("read", "read_label"), MISREAD)
def test_a_later_turn_that_adds_or_complains_never_changes_the_trade(
    text: str, section: str, label: str, read: str, read_label: str
):
    known = CompanyProfile(industry=section, industry_text=label)
    delta = CompanyProfile(industry=read, industry_text=read_label)
    if (read, read_label) == (section, label):
        pytest.skip("the same reading changes nothing")
    assert industry_in_passing(delta, text, known), (text, section, read)


@pytest.mark.parametrize(
    "text",
    [
        "不对，我们其实是做冻品批发的",
        "更正一下，我们主要是做软件的",
        "Actually, we're mostly a tea factory now",
        "我们是做物流的，不是做贸易",
        "公司主要生产数控机床",
    ],
)
def test_a_correction_or_a_fresh_description_changes_it(text: str):
    known = CompanyProfile(industry="F", industry_text="零售")
    delta = CompanyProfile(industry="C", industry_text="制造")
    assert not industry_in_passing(delta, text, known)


def test_through_the_advisor_a_hot_pot_chain_stays_catering(advisor):
    session = "s18-hotpot"
    advisor.ask("我们是一家连锁火锅，在重庆有6家店，90个员工", session_id=session)
    advisor.ask("我们也卖自己炒的火锅底料，网上卖得不错", session_id=session)
    reply = advisor.ask("采购部门老是订多了，食材浪费", session_id=session)
    assert reply.profile.industry == "H", reply.profile


def test_through_the_advisor_a_correction_wins(advisor):
    session = "s18-correct"
    advisor.ask("我们是东莞一家做家具的，60个人", session_id=session)
    reply = advisor.ask("不对，我们其实是做家具批发的，自己不生产", session_id=session)
    assert reply.profile.industry == "F", reply.profile
