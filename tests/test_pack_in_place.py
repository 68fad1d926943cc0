"""The pack answers the need the client named, in its place and currency, and says plainly when nothing fits
(session 16; review13 r13-52, review12 r12-37, r12-39, r12-47, r13-40).

- A tool that plugs into an online shop's back end (Taobao, Pinduoduo, Douyin shops) is for a business selling
  there: a Macau souvenir shop asking for social-media promotion gets content tools, not e-commerce ad analytics.
- "Ordering" of a food trade's supplies is stock ordering (prep forecasting), not customers' QR ordering.
- A contract the client prices in HK$ is their line, in HK$, in the pack and its total, never our yuan range.
- "Nothing fits" names the need it cannot serve and mentions the budget only when one was given.
"""

from __future__ import annotations

import pytest

from app.advisor.compose.pack import no_fitting_solution
from app.advisor.engine.purchases import client_items
from app.advisor.engine.solution_fit import platform_in_use, sells_online
from app.advisor.service import AdvisorService
from app.advisor.understand.profile import CompanyProfile
from app.advisor.understand.purchases import StatedPurchase
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT

BY_ID = {s.id: s for s in load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue").solutions}


@pytest.mark.parametrize(
    ("said", "online"),
    [
        ("我们在淘宝开了一家女装店", True),
        ("做跨境电商的，店铺在亚马逊", True),
        ("6-person tmall store in hangzhou", True),
        ("苏州一家实体服装店，没开网店，想在抖音上宣传", False),
        ("澳门一间手信店，想做社交媒体推广", False),
        ("we have no online shop, just the counter", False),
    ],
)
def test_selling_online_is_read_from_the_owners_words(said: str, online: bool) -> None:
    assert sells_online(said) is online


def test_a_shop_platform_tool_is_for_a_client_selling_on_that_platform() -> None:
    analytics, bot = BY_ID["ecommerce-store-analytics"], BY_ID["ecommerce-cs-bot"]
    macau = CompanyProfile(province="澳门", industry="F")
    assert not platform_in_use(analytics, macau, "澳门一间手信店，想做社交媒体推广", False)
    # Named by its own product words outside the mainland: still no Taobao back end there.
    assert not platform_in_use(bot, macau, "想要个智能客服", True)
    assert platform_in_use(bot, macau, "我们在淘宝开店，想要个智能客服", True)
    mainland = CompanyProfile(province="贵州", industry="F")
    assert platform_in_use(bot, mainland, "再买个客服saas", True)  # named itself in the mainland
    # A tool bound to no shop platform is untouched.
    assert platform_in_use(BY_ID["short-video-script-gen"], macau, "", False)


def test_nothing_fits_mentions_the_budget_only_when_one_was_given() -> None:
    taiwan = CompanyProfile(province="台湾", city="台中")
    text = no_fitting_solution(taiwan, "zh", ["经营LINE官方账号的会员"])
    assert "放宽预算" not in text
    assert "经营LINE官方账号的会员" in text
    assert "具体描述" not in text  # the need was described already
    with_budget = no_fitting_solution(taiwan.model_copy(update={"budget_cny": 5000.0}), "en")
    assert "relaxing the budget" in with_budget and "describing the problem" in with_budget
    assert "relaxing the budget" not in no_fitting_solution(taiwan, "en")


def test_a_contract_priced_in_hkd_stays_in_hkd() -> None:
    rental = StatedPurchase(kind=SpendKind.compute, currency="HKD", amount_other=800_000, said="租gpu")
    (item,) = client_items([rental])
    assert (item.currency, item.amount_other) == ("HKD", 800_000)
    assert item.first_year.max == 0  # never a yuan amount: no yuan sum or subsidy counts it
    assert not item.stated  # a yuan threshold is not judged on it


def test_the_clients_hkd_rental_is_the_packs_line_and_total(advisor: AdvisorService) -> None:
    response = advisor.ask("我們係香港註冊嘅AI初創，喺深圳租GPU做模型微調，大約HK$80萬，有咩資助？")
    assert [s.id for s in response.solutions] == ["gpu-rental-finetuning"]
    brief = response.answer.split("詳細說明")[0]
    assert "80萬港元" in brief
    assert "1.2–36萬" not in brief  # never our yuan range for their rental
    assert "（0元）" not in response.answer


@pytest.mark.parametrize(
    ("message", "wanted", "unwanted"),
    [
        (
            "Small bakery in Xiamen, 7 staff. We'd like an AI tool to help with ordering flour, butter and "
            "cream each day; budget around 15k yuan.",
            "restaurant-prep-forecast",
            {"restaurant-ordering-menu-analytics", "delivery-route-optimization"},
        ),
        (
            "澳門一間手信店，5個人，想用AI幫手做社交媒體推廣，預算兩萬澳門幣",
            "short-video-script-gen",
            {"ecommerce-store-analytics", "ecommerce-cs-bot"},
        ),
    ],
)
def test_the_need_named_gets_its_own_tool(
    advisor: AdvisorService, message: str, wanted: str, unwanted: set[str]
) -> None:
    ids = {s.id for s in advisor.ask(message).solutions}
    assert wanted in ids
    assert not ids & unwanted
