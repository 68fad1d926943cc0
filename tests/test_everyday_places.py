"""A county's name inside an everyday word, or a county named like an everyday word, is no place (issue #12).

"公司新建了一个仓库" was a firm in 南昌新建区, "做铝合金门窗的" one in 台湾金门, "温泉洗浴中心" one in 新疆温泉县: the
firm got another province's programs. Such names (places/county_everyday.tsv) count only where the message puts a
place: after 在/位于/来自…, with 县/区/市, after their own city or province, or alone as the answer to "where?".
"""

from __future__ import annotations

import pytest

from app.advisor.understand.divisions import tsv_rows
from app.advisor.understand.gazetteer import regions
from app.settings import PROJECT_ROOT

KNOWLEDGE = PROJECT_ROOT / "knowledge"
EVERYDAY = tsv_rows(KNOWLEDGE / "places" / "county_everyday.tsv")


def _holders() -> list[tuple[str, str]]:
    """(county name, everyday word holding it) for every row of place_holders.tsv: 六合彩, 太平洋, 牡丹花."""
    rows = tsv_rows(KNOWLEDGE / "places" / "place_holders.tsv")
    return [(name, word) for name, words in rows for word in words.split()]


def test_no_county_is_read_inside_a_common_word_that_holds_it() -> None:
    """Property: for every everyday word holding a county's name, a sentence using the word names no such county."""
    places = regions(KNOWLEDGE)
    wrong = [
        (name, word)
        for name, word in _holders()
        if any(said == name for said, _ in places.mentions(f"我们公司最近在研究{word}相关的东西"))
    ]
    assert not wrong[:20], f"{len(wrong)} words read as places"


@pytest.mark.parametrize(("province", "city", "full", "name"), EVERYDAY)
def test_an_everyday_county_name_is_a_word_unless_a_place_is_put(
    province: str, city: str, full: str, name: str
) -> None:
    places = regions(KNOWLEDGE)
    assert places.find(f"公司{name}项目想用AI管起来，三十个人") is None
    assert places.find(f"我们做{name}相关的生意，想上个AI客服") is None
    for placed in (f"我们在{name}做机械加工，三十个人", f"{full}的一家工厂", name):
        place = places.find(placed)
        assert place is not None and (place.province, place.city) == (province, city), placed


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("我们是做铝合金门窗的，30人，想上AI质检", None),
        ("我哋做鋁合金門窗嘅，喺中山，四十人", "中山"),
        ("公司新建了一个仓库，想用AI管库存，我们在杭州", "杭州"),
        ("开了家温泉洗浴中心，员工30人", None),
        ("我们是做路桥施工的，在成都，200人", "成都"),
        ("在网上商城卖茶叶，8个人", None),
        ("我们在台州路桥做塑料模具，80人", "台州"),
        ("南昌新建区的一家食品厂", "南昌"),
        ("我们在商城县做茶叶加工", "信阳"),
        ("车间里的龙门吊老出故障，想做预测性维护", None),
        ("龙门种荔枝的果园，十几个人，想用AI看病虫害", "惠州"),
        ("新建做服装加工的，30人，想上排产", "南昌"),
        ("我们打算新建一家分厂，想上AI质检", None),
        ("商城搞茶叶加工的小厂，想做品质分拣", "信阳"),
    ],
)
def test_owners_sentences(text: str, city: str | None) -> None:
    place = regions(KNOWLEDGE).find(text)
    assert (place.city if place else None) == city
