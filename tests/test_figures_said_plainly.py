"""Figures owners give without the words our readers expected (session 18, issue #12): a headcount by the job people
do, a revenue said "年销" or as a factory's output, an Arabic-and-Chinese numeral, a budget said as a bare yearly sum
or a raised ceiling. Each lands in its own slot; none becomes another's.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.understand.extraction import RuleExtractor
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))


@pytest.mark.parametrize(
    ("message", "employees"),
    [
        ("我们是苏绣工作室，18个绣娘，想用AI做详情页", 18),
        ("家居卖场，导购30个，客户回访老是忘", 30),
        ("我哋做成衣批發，同事二十幾個，晚上查詢覆唔切", 20),
        ("我哋喺汕尾做蝦乾，廿幾個人", 20),  # 廿 = twenty
        ("A 40-driver delivery fleet in Chengdu", 40),
        ("We run a 12-nurse home care agency in Nanjing", 12),
        ("更正一下，人数是130，今年扩了两条线", 130),
        ("其實仲有兩間分店，員工加埋係48個", 48),
    ],
)
def test_a_headcount_by_the_job_people_do(extractor: RuleExtractor, message: str, employees: int) -> None:
    assert extractor.extract(message).employees == employees


@pytest.mark.parametrize(
    ("message", "revenue", "budget"),
    [
        ("做灯具出口的，员工90，年销6000万，预算5万", 60_000_000, 50_000),
        ("我们是海鲜批发商，7个人，年销2000万，想预测进货量", 20_000_000, None),
        ("做蓝牙耳机的工厂，员工280人，年产值1亿5千万，预算30万", 150_000_000, 300_000),
        # one figure, never a budget of 3千万
        ("年营收2亿3千万，员工350人，做汽车线束的", 230_000_000, None),
        (
            "We make animal feed: 380 workers, annual output of RMB 280 million, budget 250k",
            280_000_000,
            250_000,
        ),
        ("Ceramic tile maker, 420 staff, about 350 million RMB output last year", 350_000_000, None),
    ],
)
def test_a_revenue_said_as_sales_or_output(
    extractor: RuleExtractor, message: str, revenue: float, budget: float | None
) -> None:
    profile = extractor.extract(message)
    assert (profile.annual_revenue_cny, profile.budget_cny) == (revenue, budget)


def test_output_in_units_is_no_revenue(extractor: RuleExtractor) -> None:
    assert (
        extractor.extract("Our annual output of 5,000 units keeps 80 workers busy").annual_revenue_cny is None
    )


@pytest.mark.parametrize(
    ("message", "budget"),
    [
        ("开奶茶店的，5个人，想做会员营销，一年三千", 3_000),
        ("我们合作社种猕猴桃，20个人，想装个病虫害监测，两万块钱的样子", 20_000),
        ("Actually we can stretch to 90k", 90_000),
        ("预算多打了个零，其实是5万", 50_000),
    ],
)
def test_a_budget_said_without_the_word(extractor: RuleExtractor, message: str, budget: float) -> None:
    assert extractor.extract(message).budget_cny == budget


@pytest.mark.parametrize(
    "message",
    ["电费一个月十几万，想做能耗管理", "营收一年三千万，想做排产", "存栏5000头，20个人"],
)
def test_a_sum_with_its_own_role_is_no_budget(extractor: RuleExtractor, message: str) -> None:
    assert extractor.extract(message).budget_cny is None
