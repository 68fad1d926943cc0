"""Gambling, lottery, fuel prices and naming a pet are refused in all three scripts, alone or as an aside (issue #12),
while a business naming them beside its need keeps its pack; a vendor's all-in quote is the project's price."""

from app.advisor.understand.classify import classify_intent
from app.advisor.understand.out_of_scope import out_of_scope_aside, refused_by_rule
from app.advisor.understand.purchases import stated_purchases
from app.catalogue.taxonomy import SpendKind
from app.text.normalize import normalize


def _intent(text: str) -> str:
    return classify_intent(text, states_profile_facts=False, has_evidence=False)


def test_games_of_chance_fuel_prices_and_pet_names_are_refused() -> None:
    for text in (
        "幫我諗下今期六合彩買咩號碼最大機會中",
        "双色球有没有什么选号技巧",
        "Which horse should I bet on at Sha Tin this Sunday?",
        "最近油价是涨了还是跌了",
        "Are petrol prices going to go up next month?",
        "我刚养了只柯基，帮忙起个好听的名字",
        "Give me a few good names for my new kitten",
    ):
        assert refused_by_rule(text), text
        assert _intent(text) == "out_of_scope", text


def test_an_aside_in_a_business_conversation_is_refused() -> None:
    assert refused_by_rule("顺便问下最近油价是涨了还是跌了")
    assert out_of_scope_aside("我们是做注塑的，想上AI质检。順便問下，今期六合彩買咩號碼好") == "六合彩"


def test_a_business_naming_them_beside_its_need_keeps_its_pack() -> None:
    for text in (
        "我们是临沂一家物流公司，60辆车，油价涨得厉害，想用AI优化线路省油",
        "We run 8 petrol stations in Changsha and want AI to forecast fuel demand per station",
        "想用AI给新产品起名字",
    ):
        assert _intent(text) == "recommend_pack", text
        assert out_of_scope_aside(text) is None, text


def test_a_turnkey_quote_listing_its_parts_is_the_project_not_its_sensors() -> None:
    for text in (
        "A vendor offers a monitoring system at a turnkey price of RMB 80k, sensors, gateway, software and "
        "installation all included",
        "厂家报了一套环境监测系统，总包价8万，传感器、网关、软件、安装全包",
    ):
        (purchase,) = stated_purchases(normalize(text))
        assert purchase.kind is SpendKind.digital_transformation and purchase.whole, text
        assert purchase.amount_cny == 80000
    (server,) = stated_purchases(normalize("买了两台GPU服务器花了25万"))
    assert server.kind is SpendKind.ai_equipment
