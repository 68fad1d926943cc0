"""Whose place a place is (review11 r11-44): a supplier's or a program's place is never the client's.

A Hong Kong-registered firm asking whether buying from a Shenzhen vendor lets it use Shenzhen's model voucher
was re-planned "for Shenzhen instead of Hong Kong" and told the voucher was to be confirmed. Where the vendor,
the platform or the data centre is changes neither where the client is registered nor which programs it may
claim; only a place supposed for the client itself ("what if we moved to Shenzhen") is a what-if.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.advisor.service import AdvisorService
from app.advisor.understand.extraction import RuleExtractor
from app.advisor.understand.gazetteer import regions
from app.advisor.understand.place_roles import PlaceRole, not_the_clients
from app.catalogue.loader import load_catalogue
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.test_advisor_scenarios import with_shared_catalogue

KNOWLEDGE = PROJECT_ROOT / "knowledge"
WHAT_IF = re.compile(r"instead of|If you were|（原为|（原為|假如是")


def _roles(message: str, name: str) -> list[bool]:
    """For each mention of `name` in `message`, whether it is named for someone other than the client."""
    norm = normalize(message)
    return [not_the_clients(norm, m.start(), m.end()) for m in re.finditer(re.escape(name), norm)]


@pytest.mark.parametrize(
    ("message", "name", "roles"),
    [
        (
            "我们是香港注册的贸易公司，如果找深圳的服务商买大模型服务，能用深圳的模型券吗？",
            "深圳",
            [True, True],
        ),
        ("我哋係香港註冊嘅公司，如果喺深圳嘅平台度租算力，可唔可以用深圳嘅算力券？", "深圳", [True, True]),
        ("我哋間廠喺東莞，假如搵深圳嗰邊嘅公司做AI質檢", "深圳", [True]),
        ("苏州的注塑厂，如果用北京那家公司的大模型API", "北京", [True]),
        ("要是把算力放到贵州的数据中心跑训练", "贵州", [True]),
        (
            "If we sign with a model provider based in Shenzhen, does Shenzhen's voucher cover us?",
            "shenzhen",
            [True, True],
        ),
        ("We might rent GPUs from a data centre in Guizhou", "guizhou", [True]),
        ("Suppose we host our model on an Alibaba Cloud region in Hangzhou", "hangzhou", [True]),
        # The client's own place, whatever kind of firm it is.
        ("我们是深圳的电商平台，30人", "深圳", [False]),
        ("深圳一家做AI平台的公司", "深圳", [False]),
        ("We're a cloud company in Shenzhen", "shenzhen", [False]),
        ("要是我们搬到深圳呢", "深圳", [False]),
        # A place that runs or issues a program is the program's (held-out blind11: the pilot's district was
        # taken for the client's); a place where the client only does business is the client's.
        ("海珠区组织的那个大模型示范试点，我们天河区的软件公司能报吗", "海珠区", [True]),
        ("听说黄埔区牵头搞了个算力补贴", "黄埔区", [True]),
        ("南山区发的那个券，我们在宝安也能用吗", "南山区", [True]),
        ("The pilot is run by Huangpu district.", "huangpu", [True]),
        ("我们在深圳开展跨境电商业务", "深圳", [False]),
        ("我们在深圳发货", "深圳", [False]),
    ],
)
def test_a_place_is_read_for_the_party_it_is_named_for(message: str, name: str, roles: list[bool]) -> None:
    assert _roles(message, name) == roles


def test_a_suppliers_place_is_never_the_clients_registration() -> None:
    extractor = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))
    profile = extractor.extract("从广州的服务商那里采购AI质检系统的东莞五金厂，60人")
    assert (profile.province, profile.city) == ("广东", "东莞")


@pytest.mark.parametrize(
    ("message", "city", "district"),
    [
        ("海珠区组织的那个大模型示范试点，我们天河区的软件公司能报吗？20个人", "广州", "天河区"),
        ("听说黄埔区牵头搞了个算力补贴，我们是番禺的电子厂，能申请吗", "广州", "番禺区"),
        ("南山区发的那个券，我们在宝安做五金的也能用吗", "深圳", "宝安区"),
        (
            "The pilot is run by Huangpu district. We're a 30-person electronics plant in Panyu, Guangzhou.",
            "广州",
            "番禺区",
        ),
    ],
)
def test_a_programs_district_is_never_the_clients(message: str, city: str, district: str) -> None:
    extractor = RuleExtractor(KNOWLEDGE, load_catalogue(KNOWLEDGE / "catalogue"), date(2026, 11, 28))
    profile = extractor.extract(message)
    assert (profile.city, profile.district) == (city, district)


def test_every_place_gets_one_role_in_one_reading() -> None:
    """The client's place, the vendor's, the venue where compute is bought and a program's, in one message."""
    places = regions(KNOWLEDGE)
    roles = places.roles(
        "我们是威海的物流公司，找广州的服务商做系统，在济南的算力中心租算力，想用贵州的算力券"
    )
    assert [(m.name, m.role) for m in roles] == [
        ("威海", PlaceRole.client),
        ("广州", PlaceRole.vendor),
        ("济南", PlaceRole.purchase),
        ("贵州", PlaceRole.program),
    ]


@pytest.fixture
def advisor(advisor: AdvisorService) -> AdvisorService:
    return with_shared_catalogue(advisor)


def test_a_hong_kong_firm_buying_from_a_shenzhen_vendor_stays_in_hong_kong(advisor: AdvisorService) -> None:
    reply = advisor.ask(
        "We're a Hong Kong-registered trading company. If we buy model services from a Shenzhen vendor, "
        "can we use Shenzhen's model voucher?"
    )
    assert reply.profile.province == "香港"
    assert not WHAT_IF.search(reply.answer), reply.answer[:300]
    shenzhen = [f for f in reply.funding if f.id == "sz-model-voucher-2024"]
    assert shenzhen and shenzhen[0].verdict == "ineligible"  # registration, however local the vendor


def test_a_vendor_named_later_keeps_the_client_and_a_move_is_still_a_what_if(advisor: AdvisorService) -> None:
    session = "vendor-then-move"
    first = advisor.ask("成都一家做火锅底料的工厂，60人，包装线上漏检多，想上视觉检测", session_id=session)
    assert first.solutions and first.profile.city == "成都"
    vendor = advisor.ask("如果找重庆的服务商来做呢，有区别吗", session_id=session)
    assert vendor.profile.city == "成都" and not WHAT_IF.search(vendor.answer), vendor.answer[:300]
    moved = advisor.ask("那如果我们把厂搬到重庆呢", session_id=session)
    assert moved.profile.city == "重庆" and moved.solutions
    assert WHAT_IF.search(moved.answer)  # said as a supposition, the saved profile untouched
    after = advisor.ask("预算大概15万", session_id=session)
    assert after.profile.city == "成都" and after.solutions


def test_a_data_centre_elsewhere_does_not_move_the_client(advisor: AdvisorService) -> None:
    session = "data-centre"
    advisor.ask("我们在杭州做跨境电商，30人，客服消息回不过来", session_id=session)
    reply = advisor.ask("要是租贵州数据中心的算力自己跑模型，贵州的算力券能申请吗", session_id=session)
    assert reply.profile.city == "杭州"
    assert "注册地是贵州" not in reply.answer and not WHAT_IF.search(reply.answer), reply.answer[:300]
    assert reply.profile.industry == "F"  # "要是" supposes a rental, not another trade
