"""Every figure an owner writes, read as a consultant would (issue #12, #11 "client's own figures").

Revenue in the words owners use ("流水一年也就三十来万" was ¥1; "made about 25 million yuan last year" and "does 4
million RMB a year in sales" were missed or read as the budget); a figure given as a range keeps both ends, and a
range that straddles a size threshold of the trade leaves the size class open (asked), never guessed from one end.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.compose.pack import profile_line
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SizeClass
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"
EXTRACTOR = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 30))


@pytest.mark.parametrize(
    ("said", "revenue"),
    [
        ("流水一年也就三十来万，夫妻店，在南昌卖早餐", 300_000),
        (
            "We're a furniture maker in Foshan; we made about 25 million yuan last year, 150 workers.",
            25_000_000,
        ),
        ("Trading company in Ningbo, turnover of roughly RMB 8m, 12 staff.", 8_000_000),
        ("我们是卖茶叶的，一年卖个千把万，在福建安溪", 10_000_000),
        ("我哋喺深圳做電子加工，營業額大概五百萬，三十幾個人", 5_000_000),
        ("We're a 12-person software studio in Xiamen, revenue is about 3m-ish yuan.", 3_000_000),
        ("我哋做餐飲，喺廣州，一年做到三百萬左右嘅生意，十幾個伙計", 3_000_000),
        ("我们是长沙一家烧烤店，月流水二十来万，员工15个", 2_400_000),
    ],
)
def test_revenue_in_the_words_owners_use(said: str, revenue: float) -> None:
    assert EXTRACTOR.extract(said).annual_revenue_cny == revenue


@pytest.mark.parametrize(
    "said",
    [
        "Our Chengdu hotpot restaurant does around 4 million RMB a year in sales, 35 staff.",
        "We turn over about RMB 30 million a year, 200 employees, machining parts in Changzhou.",
        "We bring in roughly ¥600k a year, 5 of us, a flower shop in Kunming.",
    ],
)
def test_the_takings_are_not_the_budget(said: str) -> None:
    profile = EXTRACTOR.extract(said)
    assert profile.annual_revenue_cny is not None
    assert profile.budget_cny is None


def test_a_revenue_range_keeps_both_ends() -> None:
    for said in (
        "营收五百到八百万之间，做纸箱包装的，东莞，40个工人",
        "Annual sales between 5 and 8 million yuan, 40 staff",
    ):
        profile = EXTRACTOR.extract(said)
        assert profile.annual_revenue_cny == 8_000_000
        assert profile.annual_revenue_range_cny == (5_000_000, 8_000_000)
    assert EXTRACTOR.extract("温州做鞋的，年流水两三百万").annual_revenue_range_cny == (2_000_000, 3_000_000)


@pytest.mark.parametrize(
    ("said", "ends"),
    [
        ("我们是一家广告公司，在南京，八到十二个人", (8, 12)),
        ("We're an ad agency in Hangzhou with 8-12 people.", (8, 12)),
        ("我们厂一二十个人，做五金冲压，在永康", (10, 20)),
        ("开连锁超市的，三五十个员工，年营业额一千多万，在合肥", (30, 50)),
        ("五十来个吧，做包装的，在温州", (50, 59)),
    ],
)
def test_a_headcount_range_keeps_both_ends(said: str, ends: tuple[int, int]) -> None:
    assert EXTRACTOR.extract(said).employees_range == ends


def test_an_approximate_headcount_is_one_figure() -> None:
    profile = EXTRACTOR.extract("员工大概一百人左右，做软件的，营收两千万，在深圳")
    assert (profile.employees, profile.employees_range) == (100, None)
    assert profile.size_class is SizeClass.medium


def test_a_range_across_a_threshold_leaves_the_size_open_and_says_so() -> None:
    # Software: medium from 100 people and 10 million; 90-110 people with 20 million straddles the line.
    straddling = EXTRACTOR.extract(
        "Our software company has 90-110 people and about 20 million yuan revenue, Shenzhen."
    )
    assert straddling.size_class is None
    assert straddling.possible_sizes() == {SizeClass.small, SizeClass.medium}
    assert "90–110人" in straddling.size_basis and "确认" in straddling.size_basis
    assert "90-110 employees" in profile_line(straddling, "en")
    assert "straddles" in profile_line(straddling, "en")
    # Haulage: small from 20 people and 2 million; 20-30 people with 5 million is small at both ends.
    inside = EXTRACTOR.extract("做物流运输的，二三十人，年收入五百万，在郑州")
    assert inside.size_class is SizeClass.small
    assert "20–30人" in profile_line(inside, "zh")


def test_an_exact_figure_later_replaces_the_range() -> None:
    first = CompanyProfile(industry="I", employees=110, employees_range=(90, 110), annual_revenue_cny=2e7)
    later = first.merged_with(CompanyProfile(employees=95))
    assert (later.employees, later.employees_range) == (95, None)
    assert later.size_class is SizeClass.small


def test_a_budget_in_dollars_stays_in_dollars() -> None:
    profile = EXTRACTOR.extract(
        "Bakery in Kunming, 9 staff, budget is US$3,000; AI tools would help with ordering."
    )
    assert (profile.budget_cny, profile.budget_other) == (None, "USD 3,000")
    assert EXTRACTOR.extract("预算三千美金左右，我们在昆明开面包店，9个人").budget_other == "USD 3,000"


def test_a_purchase_priced_in_dollars_reaches_the_profile_in_dollars() -> None:
    profile = EXTRACTOR.extract(
        "We'd buy an AI inspection camera set quoted at US$45,000 for our Suzhou plant."
    )
    quote = profile.purchases[0]
    assert (str(quote.kind), quote.currency, quote.amount_other, quote.amount_cny) == (
        "ai_equipment",
        "USD",
        45000.0,
        None,
    )
