"""Places abroad (issue #12, session 20): a firm that calls a place abroad its own is abroad, whatever place of China the
message names for goods, a sister company or members (review18: Manila was placed in 深圳, the only place China's tables
held); foreign cities are read in Chinese and English beyond one list, checked against CC-CEDICT's foreign cities."""

from __future__ import annotations

import pytest

from app.advisor.understand.divisions import tsv_rows
from app.advisor.understand.gazetteer import regions
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"


@pytest.mark.parametrize(
    "text",
    [
        "我们在马尼拉开了家奶茶店，货从深圳发过来",
        "We are a Manila-based company, and our sister company is in Shenzhen",
        "我们是马尼拉的华人商会，会员企业大多在深圳",
        "Our BPO is in Manila; we buy AI services from a Shenzhen vendor",
        "我们在菲律宾马尼拉开了家奶茶店",
        "We're a software house in Ho Chi Minh City",
        "Our office is in Valletta, 12 people",
        "我们公司在札格雷布，做旅游的",
    ],
)
def test_a_firm_that_calls_a_place_abroad_its_own_is_abroad(text: str) -> None:
    assert regions(KNOWLEDGE).foreign(text)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("我们是深圳的公司，在马尼拉有个办事处", "深圳"),
        ("我们在东莞做外贸，客户主要在马尼拉", "东莞"),
        ("We sell to buyers in Manila; our factory is in Dongguan", "东莞"),
        ("I live in Vancouver but I'm opening a hotpot place in Chengdu next year", "成都"),
    ],
)
def test_a_firm_of_china_selling_or_with_an_office_abroad_keeps_its_place(text: str, city: str) -> None:
    places = regions(KNOWLEDGE)
    assert places.foreign(text) is None
    place = places.find(text)
    assert place is not None and place.city == city


def test_cedict_foreign_cities_are_read_abroad_in_both_scripts() -> None:
    """Every name of world_places_cedict.tsv (small capitals, second transliterations) is read as abroad where a company
    is said to be; 197 of 260 CC-CEDICT foreign cities were in Chinese before session 20, 223 in English."""
    places = regions(KNOWLEDGE)
    rows = tsv_rows(KNOWLEDGE / "places" / "world_places_cedict.tsv")
    wrong = [
        name
        for lang, _country, name in rows
        if places.find(
            text := (f"我们公司在{name}，想用AI做客服" if lang == "zh" else f"Our company is in {name}")
        )
        is not None
        or not places.foreign(text)
    ]
    assert len(wrong) <= 0.03 * len(rows), wrong[:20]
