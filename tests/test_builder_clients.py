"""Clients who build AI themselves are judged as what they are (review14 r14-13, r14-26, r14-55).

A model start-up asking about a program for model developers was told it pays for "nothing in your plan"; an AI
one-person company asking what support exists never heard of its city's OPC vouchers; a garment e-shop that uses
models was left "to confirm" for an award only model makers can get. A developer's own project is what a
developers-only program funds; its R&D inputs (compute, model calls, data) are no pack item, so a program paying
for them stays open until it says what it rents; a trade that uses models is not a model maker.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.advisor.engine.conditions import Status
from app.advisor.engine.eligibility import Assessment, Verdict, assess
from app.advisor.engine.program_subjects import spend_from_question
from app.advisor.engine.purchases import solution_purchases
from app.advisor.engine.role_conditions import builds_ai
from app.advisor.understand.profile import CompanyProfile
from app.catalogue.loader import load_catalogue
from app.catalogue.taxonomy import SpendKind
from app.settings import PROJECT_ROOT
from app.text.normalize import normalize
from tests.helpers import judged

CATALOGUE = load_catalogue(PROJECT_ROOT / "knowledge" / "catalogue")
TODAY = date(2026, 11, 28)
QINGDAO_START_UP = CompanyProfile(province="山东", city="青岛", employees=8, industry="I")
WUHAN_OPC = CompanyProfile(
    province="湖北", city="武汉", employees=1, industry="I", legal_form="one_person_company"
)
HAIZHU_SHOP = CompanyProfile(province="广东", city="广州", district="海珠区", employees=20, industry="F")


def _condition(assessment: Assessment, name: str) -> Status | None:
    return next((c.status for c in assessment.conditions if c.name == name), None)


@pytest.mark.parametrize(
    "message",
    [
        "我们在青岛，8个人，正在搞一个港口物流方向的垂直大模型，青岛的模型券我们能申请吗？",
        "Qingdao: we're a small start-up developing a large model for fisheries. Can we get the model voucher?",
    ],
)
def test_a_model_start_up_is_not_ruled_out_of_a_developers_program_for_buying_nothing(message):
    assessment = judged(CATALOGUE, "qd-model-voucher-2025", QINGDAO_START_UP, message, TODAY)
    assert assessment.verdict is Verdict.unknown  # their project goes through the program's review
    assert _condition(assessment, "purchase") is Status.met
    assert _condition(assessment, "developer") is Status.unknown


def test_a_restaurant_buying_api_calls_is_still_no_developer():
    message = "青岛一家海鲜餐馆，15人，想用大模型API自动回复大众点评，青岛模型券能补吗？"
    profile = CompanyProfile(province="山东", city="青岛", employees=15, industry="H")
    assessment = judged(CATALOGUE, "qd-model-voucher-2025", profile, message, TODAY)
    assert assessment.verdict is Verdict.ineligible


@pytest.mark.parametrize(
    "message",
    [
        "我在武汉开了个一人公司，自己做AI配音的小程序，政府对我这种有什么支持吗？",
        "I run a one-person company in Wuhan building an AI tutoring app. What support is there for me?",
    ],
)
def test_an_ai_one_person_company_keeps_its_compute_voucher_open_whatever_pack_it_was_shown(message):
    program = CATALOGUE.program("wh-opc-compute-voucher-2026")
    assert program is not None
    # The pack a buyer would get (a knowledge-base assistant) holds no compute: that is not the OPC's R&D spend.
    kb = next(s for s in CATALOGUE.solutions if s.id == "internal-kb-qa-assistant")
    assessment = assess(program, WUHAN_OPC, TODAY, solution_purchases(kb), normalize(message))
    assert assessment.verdict is Verdict.unknown
    assert _condition(assessment, "purchase") is Status.unknown
    # ...and its R&D inputs are raised, so the city's compute and data programs are looked at at all.
    assert {SpendKind.compute, SpendKind.model_service} <= spend_from_question(message)


def test_an_ai_firm_that_names_its_compute_rental_is_judged_on_it():
    message = "我在武汉开了个一人公司，自己做AI配音的小程序，每个月租GPU大概5000块，有补贴吗"
    assessment = judged(CATALOGUE, "wh-opc-compute-voucher-2026", WUHAN_OPC, message, TODAY)
    assert _condition(assessment, "purchase") is Status.met


def test_a_trade_that_uses_models_is_not_a_model_maker():
    message = "海珠区一家卖家具的网店，20个人，想去报海珠的大模型应用示范项目，能拿多少？"
    assessment = judged(CATALOGUE, "gz-haizhu-ai-demo-award-2024", HAIZHU_SHOP, message, TODAY)
    assert assessment.verdict is Verdict.ineligible
    assert any("零售" in r.zh and "使用大模型" in r.zh for r in assessment.reasons)


def test_a_software_firm_building_models_stays_to_confirm_for_the_makers_award():
    message = "海珠区一家做行业大模型的软件公司，30人，大模型应用示范项目能报吗？"
    profile = HAIZHU_SHOP.model_copy(update={"industry": "I"})
    assessment = judged(CATALOGUE, "gz-haizhu-ai-demo-award-2024", profile, message, TODAY)
    assert assessment.verdict is not Verdict.ineligible


@pytest.mark.parametrize(
    ("message", "builds"),
    [
        ("我在武汉注册了一人公司，做AI写作工具", True),
        ("We are building an AI agent platform for lawyers", True),
        ("我们想自己开发一个AI小程序", True),
        ("我们想做一个AI客服系统", False),  # a wish for its own operations
        ("工厂想搞AI质检系统", False),
        ("We want to build an AI chatbot for our shop", False),
        ("青岛模型券能申请吗", False),  # a program's name is not their work
        ("杭州一家餐厅，想用AI做备货", False),
    ],
)
def test_who_builds_ai_is_read_from_what_they_say_they_do(message, builds):
    assert builds_ai(message) is builds
