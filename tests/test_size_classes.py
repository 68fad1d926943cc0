"""MIIT 2011 size classes (工信部联企业〔2011〕300号) at and around the published thresholds, per industry.

The table below is transcribed from the notice itself, independently of app/advisor/understand/size.py:
for each industry, the thresholds a medium and a small firm must both meet ("且"), and the large-firm
line above which a firm is no SME ("X<…或Y<…" are SMEs). Hypothesis draws head counts and revenues around
every threshold and checks the class the notice gives. Asset thresholds (construction, real-estate
development, leasing) are not asked for: those industries are classed on the other measure.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.advisor.understand.size import classify
from app.catalogue.taxonomy import SizeClass

WAN = 10_000
# sector: (large, medium, small) thresholds as (employees or None, revenue in 万元 or None)
PUBLISHED = {
    "agriculture": ((None, 20000), (None, 500), (None, 50)),
    "industry": ((1000, 40000), (300, 2000), (20, 300)),
    "construction": ((None, 80000), (None, 6000), (None, 300)),
    "wholesale": ((200, 40000), (20, 5000), (5, 1000)),
    "retail": ((300, 20000), (50, 500), (10, 100)),
    "transport": ((1000, 30000), (300, 3000), (20, 200)),
    "warehousing": ((200, 30000), (100, 1000), (20, 100)),
    "postal": ((1000, 30000), (300, 2000), (20, 100)),
    "accommodation": ((300, 10000), (100, 2000), (10, 100)),
    "catering": ((300, 10000), (100, 2000), (10, 100)),
    "telecom": ((2000, 100000), (100, 1000), (10, 100)),
    "software": ((300, 10000), (100, 1000), (10, 50)),
    "real_estate": ((None, 200000), (None, 1000), (None, 100)),
    "property": ((1000, 5000), (300, 1000), (100, 500)),
    "leasing": ((300, None), (100, None), (10, None)),
    "other": ((300, None), (100, None), (10, None)),
}


def _meets(line: tuple[int | None, int | None], employees: int, revenue_wan: float) -> bool:
    people, revenue = line
    return (people is None or employees >= people) and (revenue is None or revenue_wan >= revenue)


def published_class(sector: str, employees: int, revenue_wan: float) -> SizeClass:
    large, medium, small = PUBLISHED[sector]
    if _meets(large, employees, revenue_wan):
        return SizeClass.large
    if _meets(medium, employees, revenue_wan):
        return SizeClass.medium
    if _meets(small, employees, revenue_wan):
        return SizeClass.small
    return SizeClass.micro


def _near_thresholds(index: int) -> st.SearchStrategy[int]:
    """Values at, just below and just above every threshold of one measure, and anything in between."""
    values = sorted(
        {
            v + d
            for lines in PUBLISHED.values()
            for line in lines
            if (v := line[index]) is not None
            for d in (-1, 0, 1)
        }
    )
    return st.sampled_from(values) | st.integers(min_value=0, max_value=300_000)


@settings(max_examples=600, deadline=None, derandomize=True)
@given(st.sampled_from(sorted(PUBLISHED)), _near_thresholds(0), _near_thresholds(1))
def test_the_size_class_is_the_one_the_notice_gives(sector: str, employees: int, revenue_wan: int):
    decision = classify(sector, employees, revenue_wan * WAN)
    assert decision.size_class == published_class(sector, employees, revenue_wan), decision.basis


def test_the_boundary_cases_owners_ask_about():
    assert classify("industry", 300, 25_000 * WAN).size_class == SizeClass.medium  # 300人、2.5亿
    assert classify("industry", 150, 10_000 * WAN).size_class == SizeClass.small  # 150人、1亿
    assert classify("industry", 299, 40_000 * WAN).size_class == SizeClass.small  # one short of 300
    assert classify("software", 100, 1_000 * WAN).size_class == SizeClass.medium
    assert classify("catering", 100, 1_999 * WAN).size_class == SizeClass.small
