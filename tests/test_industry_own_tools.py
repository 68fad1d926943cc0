"""What the firm sells decides its GB/T 4754 section, not a tool it built for itself (issue #12, session 20).

- "做外卖的，自己开发了点餐app" is a restaurant (H): an app, a mini-program or a system the business made for its own
  use names its trade no more than one it bought; a firm that builds such things and sells them is in software (I).
- Cleaning streets and public places is 环境卫生管理 (7820, N); 保洁 alone, for buildings, is 8211 (O).
- A contractor is in the trade of the work it is hired for ("a street-cleaning contractor", N); alone it builds (E).
- An app studio develops application software (I).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.advisor.understand.gazetteer import industries

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"

_BUSINESSES = [
    "我们是做外卖的",
    "我们是开花店的",
    "我们是做连锁超市的",
    "我们是开物流公司的",
    "我们是一家火锅店",
    "我们是做五金加工的",
    "我们开了三家美容院",
    "We're a takeaway in Shanghai",
]
_OWN_TOOLS = [
    "自己开发了点餐app",
    "自己搭了个小程序接单",
    "自己写了一套管理系统",
    "自己做了个网站",
    "with our own ordering app we built in-house",
]
_TAILS = ["", "，20个人，在成都", "，想用AI做预测"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(_BUSINESSES), st.sampled_from(_OWN_TOOLS), st.sampled_from(_TAILS))
def test_a_tool_the_business_built_for_itself_never_names_its_trade(business: str, tool: str, tail: str):
    dictionary = industries(KNOWLEDGE)
    alone = dictionary.find(business + tail)
    with_tool = dictionary.find(f"{business}，{tool}{tail}")
    assert alone is not None
    assert with_tool is not None and with_tool.section == alone.section


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是做外卖的，自己开发了点餐app，20个人，在成都，想用AI做备料预测", "H"),
        (
            "We're a food-delivery business in Shanghai with our own ordering app we built in-house, 25 staff",
            "H",
        ),
        ("我们自己开发了一套软件，卖给医院，20人", "I"),  # built and sold: the trade
        ("我们是做软件外包的，给餐饮店开发点餐app，30人", "I"),  # the restaurants are its customers
        ("我们做环卫保洁的，在佛山，300个人", "N"),
        ("我们公司承包了几个区的道路清扫和垃圾清运，200人", "N"),
        ("我们做物业保洁的，给写字楼做清洁，80人", "O"),
        ("We run a street-cleaning contractor in Guangzhou with 150 workers", "N"),
        ("a landscaping contractor in Suzhou", "N"),
        ("We are an electrical contractor in Wuxi", "E"),
        ("We're a small app studio in Chengdu, 8 developers building mobile apps for clients", "I"),
        ("宁波的一家小额贷款公司，30人", "J"),
        ("温州的典当行，8个人", "J"),
        ("我们是天津做中水回用的水务公司，60人", "D"),
        ("我们是一家污水处理厂，在嘉兴", "D"),
    ],
)
def test_the_section_is_what_the_firm_sells(message: str, section: str):
    match = industries(KNOWLEDGE).find(message)
    assert match is not None and match.section == section
