"""A pain point names a department of the business, never its trade (review15 r15-23), and a design agency is a
design service (M 74, r15-45). Phrasings here are not in the development set."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.advisor.understand.gazetteer import industries

KNOWLEDGE = Path(__file__).resolve().parents[1] / "knowledge"


@pytest.mark.parametrize(
    "message",
    [
        "主要是仓库太乱，盘点老对不上",
        "配送跟不上，客服也忙不过来",
        "Our warehouse is a mess and deliveries keep going to the wrong address",
        "财务每个月对账对到半夜",
    ],
)
def test_a_department_with_a_problem_names_no_trade(message: str):
    # A switchgear factory that says "仓库管理乱" later is still a factory: the turn must not name a trade.
    assert industries(KNOWLEDGE).find(message) is None


@pytest.mark.parametrize(
    ("message", "section"),
    [
        ("我们是做电缆桥架的，仓库也乱", "C"),  # the trade is stated; the warehouse is its own
        ("我们是一家仓储公司，管理乱", "G"),  # a business head: the business itself
        ("做冷链物流的，车队调度难", "G"),
        ("火锅食材成本太高了", "H"),  # a trade word, no department
    ],
)
def test_the_stated_trade_stays(message: str, section: str):
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == section


@pytest.mark.parametrize(
    "message",
    [
        "We're a 20-person design agency in Futian.",
        "a small design firm doing brand identity",
        "我们是一家设计公司，做VI和海报",
    ],
)
def test_a_design_agency_is_a_design_service(message: str):
    # not business services (L), which gave a design agency law-firm and bookkeeping tools
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == "M"


@pytest.mark.parametrize(
    "message",
    [
        "我们厂主要给品牌做贴牌，产品是电热水壶",
        "接外贸订单做OEM，做的是硅胶餐具",
        "We're an ODM for smart watches in Dongguan",
        "我们专门给家电厂做线束组装",
        "做来料加工的，主要是电子组装",
    ],
)
def test_contract_manufacturing_is_making(message: str):
    # 代工/贴牌/OEM: the owner's plant makes the goods, whatever channel (外贸) or customer it names
    found = industries(KNOWLEDGE).find(message)
    assert found is not None and found.section == "C"
