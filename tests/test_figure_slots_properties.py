"""Every figure an owner writes keeps its role (issues #11, #12): a revenue, a headcount, last year's spend and a
budget in one message, in any numeral style and any order, each land in their own slot of the profile.

A property test over generated messages ("年营收<revenue>，<headcount>人，去年算力花了<spend>，今年预算<budget>…",
in Arabic or Chinese numerals, 万 or w or k or million; clauses shuffled), and the year a past spend was made as
the client says it (understand/purchase_dates.py). Deterministic (`derandomize=True`).
"""

from __future__ import annotations

from datetime import date

import cn2an  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.purchase_dates import year_said
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"
TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module")
def extractor() -> RuleExtractor:
    return RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), TODAY)


def _wan(amount_wan: int, style: str) -> str:
    """An amount of 万 yuan as owners write it."""
    if style == "arabic":
        return f"{amount_wan}万"
    if style == "chinese":
        return f"{cn2an.an2cn(amount_wan)}万"
    if style == "w":
        return f"{amount_wan}w"
    return f"{amount_wan * 10}k"  # "250k"


def _people(count: int, chinese: bool) -> str:
    return f"{cn2an.an2cn(count)}人" if chinese else f"{count}人"


STYLES = st.sampled_from(["arabic", "chinese", "w", "k"])


@settings(max_examples=60, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    revenue_wan=st.integers(min_value=300, max_value=9000).map(lambda n: n - n % 100),
    staff=st.integers(min_value=12, max_value=900),
    spend_wan=st.integers(min_value=5, max_value=90),
    budget_wan=st.integers(min_value=1, max_value=90),
    revenue_style=st.sampled_from(["arabic", "chinese"]),
    staff_chinese=st.booleans(),
    spend_style=STYLES,
    budget_style=STYLES,
    order=st.permutations([0, 1, 2, 3]),
)
def test_each_figure_keeps_its_slot_in_chinese(
    extractor: RuleExtractor,
    revenue_wan: int,
    staff: int,
    spend_wan: int,
    budget_wan: int,
    revenue_style: str,
    staff_chinese: bool,
    spend_style: str,
    budget_style: str,
    order: list[int],
) -> None:
    clauses = [
        f"年营收{_wan(revenue_wan, revenue_style)}",
        _people(staff, staff_chinese),
        f"去年算力花了{_wan(spend_wan, spend_style)}",
        f"今年预算{_wan(budget_wan, budget_style)}做质检",
    ]
    message = "，".join(clauses[i] for i in order) + "，苏州的五金厂"
    profile = extractor.extract(message)
    assert profile.annual_revenue_cny == revenue_wan * 10_000, message
    assert profile.employees == staff, message
    assert profile.budget_cny == budget_wan * 10_000, message
    bought = [(p.kind, p.amount_cny, p.year) for p in profile.purchases]
    assert bought == [(SpendKind.compute, spend_wan * 10_000, TODAY.year - 1)], message


@settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    revenue_m=st.integers(min_value=3, max_value=400),
    staff=st.integers(min_value=12, max_value=900),
    spend_k=st.integers(min_value=50, max_value=900).map(lambda n: n - n % 10),
    budget_k=st.integers(min_value=10, max_value=900).map(lambda n: n - n % 10),
    revenue_unit=st.sampled_from(["m", " million", "mn"]),
    order=st.permutations([0, 1, 2]),
)
def test_each_figure_keeps_its_slot_in_english(
    extractor: RuleExtractor,
    revenue_m: int,
    staff: int,
    spend_k: int,
    budget_k: int,
    revenue_unit: str,
    order: list[int],
) -> None:
    clauses = [
        f"revenue of RMB {revenue_m}{revenue_unit} a year",
        f"{staff} staff",
        f"we spent {spend_k}k on GPU rental last year",
    ]
    message = ", ".join(clauses[i] for i in order) + f". Budget this year is {budget_k}k, a plant in Suzhou."
    profile = extractor.extract(message)
    assert profile.annual_revenue_cny == revenue_m * 1_000_000, message
    assert profile.employees == staff, message
    assert profile.budget_cny == budget_k * 1000, message
    bought = [(p.kind, p.amount_cny, p.year) for p in profile.purchases]
    assert bought == [(SpendKind.compute, spend_k * 1000, TODAY.year - 1)], message


@pytest.mark.parametrize(
    ("before", "after", "year"),
    [
        ("去年实打实付了", "的算力费", 2025),
        ("我哋旧年足足俾咗", "嘅算力费", 2025),
        ("前年买了一套mes花了", "", 2024),
        ("三年前跟贵州的算力中心签过一个", "的算力合同", 2023),
        ("2024年签的数字化改造合同，一共", "", 2024),
        ("we paid a good ", " for cloud gpu rental last year", 2025),
        ("we paid rmb ", " for model api calls two years ago", 2024),
        ("gpu rental contract of rmb ", " signed in 2025", 2025),
        (
            "今年准备签",
            "的算力合同",
            2026,
        ),  # this year's: the reader says so; purchases.py keeps no year for it
        ("之前已经付了", "的算力费", None),  # past, but no year said: none guessed
        ("每月", "的api费用", None),  # a figure is no year ("每月2000" names none)
    ],
)
def test_the_year_a_spend_was_made_is_the_one_the_client_says(
    before: str, after: str, year: int | None
) -> None:
    assert year_said(before, after, TODAY) == year


def test_a_past_spend_is_never_the_budget_and_this_years_contract_stays_undated(
    extractor: RuleExtractor,
) -> None:
    """ "去年…花了35万，今年准备签50万的算力合同，预算总共80万": three figures, three roles; only the past one dated."""
    profile = extractor.extract(
        "我们去年营收2个亿，员工420人，去年在数据标注上花了35万，今年准备签50万的算力合同，预算总共80万，合肥的电子厂"
    )
    assert profile.annual_revenue_cny == 200_000_000
    assert profile.employees == 420
    assert profile.budget_cny == 800_000
    assert [(p.kind, p.amount_cny, p.year) for p in profile.purchases] == [
        (SpendKind.data_labeling, 350_000, 2025),
        (SpendKind.compute, 500_000, None),
    ]
