"""Every county and county-level city of China is a place, however an owner says it (held-out blind11: a firm in
海盐, a county of 嘉兴, was read as no place and got no local program).

Counties whose short name is an everyday word (海盐 "sea salt", 龙口, 湖里 "in the lake") are read where a sentence
puts the company there, and after their own city or province; the everyday word stays a word.
"""

from __future__ import annotations

import pytest

from app.advisor.understand.divisions import tsv_rows
from app.advisor.understand.gazetteer import regions
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"


def _city(city: str) -> str:
    return city.removesuffix("市").removesuffix("州")


def test_every_county_read_alone_is_in_its_city() -> None:
    """Each name of county_guarded.tsv, said after "在" as owners write it, is its own county of its own city."""
    places = regions(KNOWLEDGE)
    wrong = []
    for _province, city, full, name in tsv_rows(KNOWLEDGE / "places" / "county_guarded.tsv"):
        if places.mentions(name):
            continue  # a name held for another place keeps it (九龙 is Hong Kong's, not 甘孜's county)
        text = f"我们在{name}做机械加工，三十个人"
        place = places.find(text)
        if (
            place is None
            or _city(place.city or "") != _city(city.split("/")[-1])
            or (places.client_district(text, place) != full)
        ):
            wrong.append((name, city, place))
    assert not wrong


@pytest.mark.parametrize(
    ("text", "city", "district"),
    [
        ("我们在海盐做紧固件的，40个工人", "嘉兴", "海盐县"),
        ("嘉兴海盐的一家五金厂，60人", "嘉兴", "海盐县"),
        ("浙江海盐的厂", "嘉兴", "海盐县"),
        ("厂子在龙口，做粉丝的", "烟台", "龙口市"),
        ("我们在湖里，做外贸的，15个人", "厦门", "湖里区"),
        ("辽宁朝阳建平的一家农机配件厂", "朝阳", "建平县"),
        ("辽宁朝阳的一家农机配件厂", "朝阳", None),
        ("北京朝阳的一家设计公司", "北京", "朝阳区"),
    ],
)
def test_a_county_is_read_where_a_sentence_puts_the_company(
    text: str, city: str, district: str | None
) -> None:
    places = regions(KNOWLEDGE)
    place = places.find(text)
    assert place is not None and place.city == city
    assert places.client_district(text, place) == district


@pytest.mark.parametrize(
    "text",
    ["龙口粉丝批发", "在资源有限的时候怎么用AI", "海盐和白糖的价格", "在平和的氛围里工作", "在湖里养鱼"],
)
def test_an_everyday_word_stays_a_word(text: str) -> None:
    assert regions(KNOWLEDGE).find(text) is None


@pytest.mark.parametrize(
    "text",
    ["六合彩下一期开什么号", "我们是太平洋保险的代理", "我们做牡丹花饼，想开网店"],
)
def test_a_word_that_holds_a_county_name_is_no_place(text: str) -> None:
    """A lottery (六合彩), an ocean (太平洋) and a flower (牡丹花) are not 南京六合, 阜新太平 or 菏泽牡丹 (held-out
    blind11: a lottery question was answered for a firm in Nanjing)."""
    assert regions(KNOWLEDGE).find(text) is None


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("我们在南京六合做农产品", "南京"),
        ("我们在六合开了家厂", "南京"),
        ("菏泽牡丹区的一家面粉厂", "菏泽"),
        ("我们在凤凰古城卖银饰", "湘西"),
    ],
)
def test_the_county_said_on_its_own_is_still_read(text: str, city: str) -> None:
    place = regions(KNOWLEDGE).find(text)
    assert place is not None and place.city == city
